"""What a person reads for the contract's enum values. Kinds, verdicts, outcomes and
priorities read as the command line reads them, and the cases of "Who decides?" as its
answer names them, from ``policy.labels``."""

from __future__ import annotations

from collections.abc import Mapping

from policy import Text

__all__ = ["CHOICES"]

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
