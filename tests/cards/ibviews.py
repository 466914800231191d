"""Cases as the IB cards receive them (``cards.ib.CaseView``), made from the worked cases."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from cards.ib import CaseEvent, CaseView
from dialogs.fields import to_values
from policy import Lang, assess, parse_engagement

CASES = Path(__file__).resolve().parents[1] / "cases"
TODAY = date(2026, 11, 30)
STATUSES = ("submitted", "on_agenda", "accepted", "declined", "needs_completion", "withdrawn")

# Text a hostile or careless user might type: Markdown links, emphasis, HTML, a bare URL.
HOSTILE = "[Klicka här](https://evil.example) **viktigt** <b>x</b> www.evil.com"


def view(
    file_name: str = "paris-summit.json",
    lang: Lang = "sv",
    *,
    case_id: str = "SK-2026-0042",
    status: str = "submitted",
    version: int = 1,
    changes: Mapping[str, Any] | None = None,
    submitter_name: str = "Anna Berg",
    submitter_unit: str | None = "Kulturförvaltningen",
    prepare: bool | None = None,
    meeting_date: date | None = None,
    review_due: date | None = None,
    last_event: CaseEvent | None = None,
) -> CaseView:
    """A case from ``tests/cases/<file_name>`` with ``changes`` to its engagement;
    ``prepare`` defaults to what the owner implies (KS or KF)."""
    raw = {**json.loads((CASES / file_name).read_text("utf-8"))["engagement"], **(changes or {})}
    e = parse_engagement(raw, lang)
    a = assess(e, lang, today=TODAY)
    return CaseView(
        id=case_id, status=status, version=version, engagement=e, assessment=a,
        values=to_values(raw), submitter_name=submitter_name, submitter_unit=submitter_unit,
        prepare=a.decision_owner.value in ("ks", "kf") if prepare is None else prepare,
        meeting_date=meeting_date, review_due=review_due, last_event=last_event,
    )


def event(status: str = "accepted", comment: str | None = "Bra underlag.",
          meeting_date: date | None = None, actor_name: str = "Erik Johansson") -> CaseEvent:
    return CaseEvent(status=status, actor_name=actor_name, at="2026-11-30 14:05",
                     comment=comment, meeting_date=meeting_date)
