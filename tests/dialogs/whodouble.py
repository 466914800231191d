"""A stand-in for ``policy.who_decides.answer`` with the documented API, for testing the
dialog's plumbing (buttons, context round trip, rendering). The real module's answers
are tested in test_who_real.py once it is importable."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from policy import Citation, Kind, Owner


@dataclass(frozen=True)
class Candidate:
    decision_owner: Owner
    label: str
    condition: str
    value: dict[str, Any]


@dataclass(frozen=True)
class WhoDecides:
    kind: Kind | None
    decision_owner: Owner | None
    allowed: bool
    candidates: list[Candidate] = field(default_factory=list)
    clarify: str | None = None
    answer: str = ""
    citations: list[Citation] = field(default_factory=list)
    lang: str = "sv"


Q_KF = "Kommunfullmäktige beslutar om nya medlemskap i stadsövergripande internationella " \
    "organisationer."


class Double:
    """Answers by keyword; records every call."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str | None, dict[str, Any] | None]] = []

    def __call__(self, question: str, lang: str | None = None, *,
                 context: dict[str, Any] | None = None) -> WhoDecides:
        self.calls.append((question, lang, context))
        q = question.lower()
        if "vänort" in q or "twinning" in q:
            return WhoDecides(Kind.TWINNING, Owner.KF, False,
                              answer="Staden tecknar inte vänortsavtal.",
                              citations=[Citation(section="4", text="Staden har dock inga "
                                                  "utpekade vänorter och tecknar inte "
                                                  "vänortsavtal.")])
        if "utrikespolitik" in q or "foreign policy" in q:
            return WhoDecides(None, None, False,
                              answer="Staden för ingen egen utrikespolitik.",
                              citations=[Citation(section="4", text="staden inte för någon "
                                                  "egen utrikespolitik")])
        if "medlemskap" in q or "membership" in q:
            if context and context.get("membership_body") == "organisation":
                return WhoDecides(Kind.MEMBERSHIP, Owner.KF, True,
                                  answer="Kommunfullmäktige beslutar.",
                                  citations=[Citation(section="5", text=Q_KF)])
            if context and context.get("membership_body") == "network":
                return WhoDecides(Kind.MEMBERSHIP, Owner.KS, True,
                                  answer="Kommunstyrelsen beslutar.")
            return WhoDecides(
                Kind.MEMBERSHIP, None, True,
                candidates=[
                    Candidate(Owner.KF, "Kommunfullmäktige", "Organisation",
                              {"membership_body": "organisation", "scope": "city_wide"}),
                    Candidate(Owner.KS, "Kommunstyrelsen", "Nätverk",
                              {"membership_body": "network", "scope": "city_wide"}),
                ],
                clarify="Är det en organisation eller ett nätverk?",
                answer="Det beror på om det är en organisation eller ett nätverk.",
            )
        return WhoDecides(None, None, True, answer="Jag kan svara på vem som beslutar om "
                          "internationella engagemang.")
