"""What a person reads for the contract's enum values, and for the buttons of "Who decides?"
that ask which case applies. Kinds, verdicts, outcomes and priorities read as the command
line reads them, from ``policy.labels``."""

from __future__ import annotations

from collections.abc import Mapping

from policy import Text

__all__ = ["CHOICES", "WHO_CHOICES"]

# Enum values: the contract's identifiers to what a person reads.
CHOICES: Mapping[str, Text] = {
    # Scope
    "single_operation": Text(sv="En nämnd eller ett bolag", en="One committee or company"),
    "several_operations": Text(sv="Flera nämnder eller bolag",
                               en="Several committees or companies"),
    "city_wide": Text(sv="Hela staden", en="The whole city"),
    # Participant
    "staff": Text(sv="Tjänstepersoner", en="Staff"),
    "borgarrad": Text(sv="Borgarråd", en="Vice mayor (borgarråd)"),
    "finansborgarrad": Text(sv="Finansborgarrådet", en="Finance Commissioner"),
    "kf_presidium": Text(sv="Kommunfullmäktiges presidium", en="City Council presidium"),
    "other_politician": Text(sv="Andra förtroendevalda", en="Other elected representatives"),
    # CounterpartType
    "city": Text(sv="Stad", en="City"),
    "capital_city": Text(sv="Huvudstad", en="Capital city"),
    "region": Text(sv="Region", en="Region"),
    "national_government": Text(sv="Regering eller myndighet", en="National government or agency"),
    "international_organisation": Text(sv="Internationell organisation",
                                       en="International organisation"),
    "network": Text(sv="Nätverk", en="Network"),
    "eu_institution": Text(sv="EU-institution", en="EU institution"),
    "company": Text(sv="Företag", en="Company"),
    "academia": Text(sv="Universitet eller högskola", en="University or college"),
    "civil_society": Text(sv="Civilsamhälle", en="Civil society"),
    "other": Text(sv="Annat", en="Other"),
    # Direction
    "profilering": Text(sv="Profilering", en="Profiling Stockholm"),
    "omvarldsbevakning": Text(sv="Omvärldsbevakning", en="Monitoring the world"),
    "samverkan": Text(sv="Samverkan", en="Cooperation"),
    "paverkan": Text(sv="Påverkan", en="Influence"),
    # Financing
    "own_budget": Text(sv="Egen budget", en="Own budget"),
    "external_full": Text(sv="Helt externt finansierat", en="Fully externally funded"),
    "external_partial": Text(sv="Delvis externt finansierat", en="Partly externally funded"),
    "eu_grant": Text(sv="EU-bidrag", en="EU grant"),
    "none": Text(sv="Ingen finansiering", en="No funding"),
    # MembershipBody
    "organisation": Text(sv="Organisation", en="Organisation"),
}

# "Who decides?": what a clarifying button names, by routing field and value
# (the buttons say which case applies; the owner is written above each).
WHO_CHOICES: Mapping[tuple[str, object], Text] = {
    ("scope", "single_operation"): Text(sv="En nämnd eller ett bolag",
                                        en="One committee or company"),
    ("scope", "several_operations"): Text(sv="Flera nämnder eller bolag",
                                          en="Several committees or companies"),
    ("scope", "city_wide"): Text(sv="Hela staden", en="The whole city"),
    ("membership_body", "organisation"): Text(sv="En organisation", en="An organisation"),
    ("membership_body", "network"): Text(sv="Ett nätverk", en="A network"),
    ("on_behalf_of_ks", True): Text(sv="På uppdrag av kommunstyrelsen",
                                    en="On behalf of the City Executive Board"),
    ("on_behalf_of_ks", False): Text(sv="Inom den egna verksamheten",
                                     en="Our own operation's work"),
    ("increases_resource_burden", True): Text(sv="Ökad resursbörda",
                                              en="Adds to the resource burden"),
    ("increases_resource_burden", False): Text(sv="Ingen ökad resursbörda",
                                               en="No added resource burden"),
    ("high_political_level", True): Text(sv="Hög politisk nivå", en="A high political level"),
    ("high_political_level", False): Text(sv="Inte hög nivå", en="Not a high level"),
}
