"""What a person reads for the contract's identifiers, in Swedish and English."""

from __future__ import annotations

from collections.abc import Mapping

from .models import Kind, Lang, Outcome, Priority, Verdict

__all__ = ["KIND_LABELS", "OUTCOME_LABELS", "PRIORITY_LABELS", "VERDICT_LABELS", "label"]

VERDICT_LABELS: Mapping[Verdict, Mapping[Lang, str]] = {
    Verdict.NOT_COMPATIBLE: {"sv": "Inte förenligt med strategin",
                             "en": "Not compatible with the strategy"},
    Verdict.NEEDS_INFORMATION: {"sv": "Behöver kompletteras", "en": "Needs more information"},
    Verdict.COMPATIBLE_WITH_CONDITIONS: {"sv": "Förenligt med villkor",
                                         "en": "Compatible with conditions"},
    Verdict.COMPATIBLE: {"sv": "Förenligt med strategin", "en": "Compatible with the strategy"},
}

# Plural headings for grouped findings.
OUTCOME_LABELS: Mapping[Outcome, Mapping[Lang, str]] = {
    Outcome.BLOCKER: {"sv": "Hinder", "en": "Blockers"},
    Outcome.MISSING: {"sv": "Saknas", "en": "Missing"},
    Outcome.CONDITION: {"sv": "Villkor", "en": "Conditions"},
    Outcome.NOTE: {"sv": "Noteringar", "en": "Notes"},
    Outcome.SUPPORT: {"sv": "Stöd", "en": "Support"},
}

PRIORITY_LABELS: Mapping[Priority, Mapping[Lang, str]] = {
    Priority.HIGH: {"sv": "hög", "en": "high"},
    Priority.MEDIUM: {"sv": "medel", "en": "medium"},
    Priority.LOW: {"sv": "låg", "en": "low"},
}

KIND_LABELS: Mapping[Kind, Mapping[Lang, str]] = {
    Kind.TRIP: {"sv": "Tjänsteresa utomlands", "en": "Business trip abroad"},
    Kind.CONFERENCE: {"sv": "Konferens eller evenemang utomlands",
                      "en": "Conference or event abroad"},
    Kind.INCOMING_VISIT: {"sv": "Internationellt besök till staden",
                          "en": "International visit to the city"},
    Kind.INVITATION_LETTER: {"sv": "Inbjudningsbrev till gästande delegation",
                             "en": "Invitation letter to a visiting delegation"},
    Kind.COOPERATION_AGREEMENT: {"sv": "Samarbetsavtal", "en": "Cooperation agreement"},
    Kind.INTENT_AGREEMENT: {"sv": "Intentionsavtal", "en": "Intent agreement"},
    Kind.TWINNING: {"sv": "Vänortsavtal", "en": "Twinning agreement"},
    Kind.MEMBERSHIP: {"sv": "Medlemskap i internationell organisation eller nätverk",
                      "en": "Membership of an international organisation or network"},
    Kind.DECLARATION: {"sv": "Internationell deklaration eller initiativ",
                       "en": "International declaration or initiative"},
    Kind.EU_PROJECT: {"sv": "EU-projekt", "en": "EU project"},
    Kind.AID_PROJECT: {"sv": "Projekt av biståndskaraktär", "en": "Aid-type project"},
    Kind.POSITION: {"sv": "Stadens ståndpunkt i en internationell fråga eller EU-fråga",
                    "en": "The city's position on an international or EU matter"},
}


def label(table: Mapping[object, Mapping[Lang, str]], key: object, lang: Lang) -> str:
    return table[key][lang]
