"""What a person reads for the contract's identifiers, in Swedish and English."""

from __future__ import annotations

from collections.abc import Mapping

from .models import Kind, Outcome, Priority, Verdict
from .text import Text

__all__ = [
    "CASE_LABELS", "KIND_LABELS", "OUTCOME_LABELS", "PRIORITY_LABELS", "VERDICT_LABELS",
]

VERDICT_LABELS: Mapping[Verdict, Text] = {
    Verdict.NOT_COMPATIBLE: Text(sv="Inte förenligt med strategin",
                                 en="Not compatible with the strategy"),
    Verdict.NEEDS_INFORMATION: Text(sv="Behöver kompletteras", en="Needs more information"),
    Verdict.COMPATIBLE_WITH_CONDITIONS: Text(sv="Förenligt med villkor",
                                             en="Compatible with conditions"),
    Verdict.COMPATIBLE: Text(sv="Förenligt med strategin", en="Compatible with the strategy"),
}

# Plural headings for grouped findings.
OUTCOME_LABELS: Mapping[Outcome, Text] = {
    Outcome.BLOCKER: Text(sv="Hinder", en="Blockers"),
    Outcome.MISSING: Text(sv="Saknas", en="Missing"),
    Outcome.CONDITION: Text(sv="Villkor", en="Conditions"),
    Outcome.NOTE: Text(sv="Noteringar", en="Notes"),
    Outcome.SUPPORT: Text(sv="Stöd", en="Support"),
}

PRIORITY_LABELS: Mapping[Priority, Text] = {
    Priority.HIGH: Text(sv="hög", en="high"),
    Priority.MEDIUM: Text(sv="medel", en="medium"),
    Priority.LOW: Text(sv="låg", en="low"),
}

KIND_LABELS: Mapping[Kind, Text] = {
    Kind.TRIP: Text(sv="Tjänsteresa utomlands", en="Business trip abroad"),
    Kind.CONFERENCE: Text(sv="Konferens eller evenemang utomlands",
                          en="Conference or event abroad"),
    Kind.INCOMING_VISIT: Text(sv="Internationellt besök till staden",
                              en="International visit to the city"),
    Kind.INVITATION_LETTER: Text(sv="Inbjudningsbrev till gästande delegation",
                                 en="Invitation letter to a visiting delegation"),
    Kind.COOPERATION_AGREEMENT: Text(sv="Samarbetsavtal", en="Cooperation agreement"),
    Kind.INTENT_AGREEMENT: Text(sv="Intentionsavtal", en="Intent agreement"),
    Kind.TWINNING: Text(sv="Vänortsavtal", en="Twinning agreement"),
    Kind.MEMBERSHIP: Text(sv="Medlemskap i internationell organisation eller nätverk",
                          en="Membership of an international organisation or network"),
    Kind.DECLARATION: Text(sv="Internationell deklaration eller initiativ",
                           en="International declaration or initiative"),
    Kind.EU_PROJECT: Text(sv="EU-projekt", en="EU project"),
    Kind.AID_PROJECT: Text(sv="Projekt av biståndskaraktär", en="Aid-type project"),
    Kind.POSITION: Text(sv="Stadens ståndpunkt i en internationell fråga eller EU-fråga",
                        en="The city's position on an international or EU matter"),
}

# "Who decides?": what a case is called, by routing field and value: the buttons of the
# clarifying card (which case applies; the owner is written above each, and a case of two
# fields joins their names: "Hela staden, ökad resursbörda") and the answer's options.
CASE_LABELS: Mapping[tuple[str, object], Text] = {
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
