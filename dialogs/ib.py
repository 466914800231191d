"""The International Committee's (IB's) side of the dialogs, pure: no I/O, no SDK.

What an IB member typed on a case's card is checked here (``action``), a stored case is
turned into what its cards show (``case_view``), and the agenda is put in order
(``agenda``). The bot reads and writes the case register and hands the results to
these functions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from cards.i18n import Lang, t
from cards.ib import ACTION_STATUS, CaseEvent, CaseView
from policy import Engagement, Priority, assess, field_errors

from .fields import MAX_RAW, as_raw, to_values
from .turn import Effect

__all__ = [
    "ACTION_STATUS",
    "MAX_COMMENT",
    "action",
    "agenda",
    "case_view",
    "next_meeting",
]

# The longest comment the register keeps (bot.register.MAX_COMMENT_LENGTH; a test checks).
MAX_COMMENT = 2000


class _Inputs(BaseModel):
    """The inputs on a member's card, as the register will take them."""

    model_config = ConfigDict(extra="ignore")

    comment: Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_COMMENT)] = ""
    meeting_date: date | None = None


def action(verb: str, data: Mapping[str, Any], *, today: date, lang: Lang) -> Effect:
    """The ``ib_action`` effect for an IB member's button ``verb`` with the card's ``data``.

    A comment is required to ask for completion (the submitter must know what to add);
    a meeting date is required to put a case on the agenda, and may not be in the past.
    Every problem goes into ``Effect.errors`` under its input's id, and what was typed
    comes back as typed, so the bot can show the card again with nothing lost.
    """
    status = ACTION_STATUS[verb]  # the IB card's buttons and the status each asks for
    case = as_raw(data.get("case")).strip() or None
    comment_text = as_raw(data.get("comment"))[:MAX_RAW]
    date_text = as_raw(data.get("meeting_date")).strip()[:100]
    errors: dict[str, str] = {}
    raw = {"comment": comment_text, "meeting_date": date_text or None}
    try:
        inputs = _Inputs.model_validate(raw)
    except ValidationError as exc:
        for problem in field_errors(exc, lang):
            errors.setdefault(problem.field, problem.message)
        inputs = _Inputs.model_validate(
            {k: v for k, v in raw.items() if k not in errors})
    comment = inputs.comment or None
    if status == "needs_completion" and comment is None and "comment" not in errors:
        errors["comment"] = t("ib.comment_required", lang)
    meeting = inputs.meeting_date
    if status == "on_agenda" and "meeting_date" not in errors:
        if meeting is None:
            errors["meeting_date"] = t("ib.meeting_date_required", lang)
        elif meeting < today:
            errors["meeting_date"] = t("ib.meeting_date_past", lang)
    if errors:
        comment = comment_text or None
    return Effect(
        op="ib_action",
        case_id=case,
        status=status,
        comment=comment,
        meeting_date=None if errors else meeting,
        meeting_date_text=date_text,
        errors=errors,
    )


def case_view(
    *,
    case_id: str,
    status: str,
    version: int,
    engagement: Engagement,
    screened_on: date,
    lang: Lang,
    submitter_name: str,
    submitter_unit: str | None = None,
    prepare: bool = False,
    meeting_date: date | None = None,
    review_due: date | None = None,
    last_event: CaseEvent | None = None,
) -> CaseView:
    """What a case's cards show, in ``lang``. The stored engagement is assessed again in
    that language as of the day it was screened (``screened_on``), so the reader sees
    the same verdict and reasons the submitter saw, in their own language."""
    assessment = assess(engagement, lang, today=screened_on)
    return CaseView(
        id=case_id,
        status=status,
        version=version,
        engagement=engagement,
        assessment=assessment,
        values=to_values(engagement.model_dump(mode="json", exclude_none=True)),
        submitter_name=submitter_name,
        submitter_unit=submitter_unit,
        prepare=prepare,
        meeting_date=meeting_date,
        review_due=review_due,
        last_event=last_event,
    )


_PRIORITY_RANK: Mapping[Priority | None, int] = {
    Priority.HIGH: 0, Priority.MEDIUM: 1, Priority.LOW: 2, None: 3,
}
_CASE_ID = re.compile(r"SK-(\d+)-(\d+)")


def _register_order(case_id: str) -> tuple[int, int, str]:
    """Case ids in the register's order (SK-2026-0010 after SK-2026-0009, whatever width)."""
    match = _CASE_ID.fullmatch(case_id)
    return (int(match[1]), int(match[2]), "") if match else (0, 0, case_id)


def agenda(items: Sequence[CaseView]) -> tuple[list[CaseView], float]:
    """The agenda's cases in order, and what they cost together (SEK).

    Highest priority first (high, medium, low, then cases without a priority), then by
    meeting date, then in the register's order. A case without a cost adds nothing.
    """
    ordered = sorted(items, key=lambda v: (
        _PRIORITY_RANK[v.assessment.priority],
        v.meeting_date or date.max,
        _register_order(v.id),
    ))
    return ordered, float(sum(v.engagement.cost_sek or 0 for v in ordered))


def next_meeting(dates: Sequence[date | None], today: date) -> date | None:
    """The next meeting: the earliest of ``dates`` that is not before ``today``."""
    return min((d for d in dates if d is not None and d >= today), default=None)
