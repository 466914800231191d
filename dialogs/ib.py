"""The International Committee's (IB's) side of the dialogs, pure: no I/O, no SDK.

What an IB member typed on a case's card becomes the ``IbAction`` effect (``action``;
the rules it is checked by are ``ibcase``'s), a stored case is turned into what its
cards show (``case_view``), and the agenda is put in order (``agenda``). The bot reads
and writes the case register and hands the results to these functions.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from cards.ib import ACTION_STATUS, CaseEvent, CaseView
from ibcase import CaseStatus, check_action, register_order
from policy import Engagement, Lang, Priority, assess

from .fields import MAX_RAW, as_raw, to_values
from .turn import IbAction, RetryDeliveries

__all__ = [
    "ACTION_STATUS",
    "MAX_RETRY_IDS",
    "action",
    "agenda",
    "case_view",
    "next_meeting",
    "retry",
]

# The most messages one "Försök igen med alla" asks for (the card lists at most 50).
MAX_RETRY_IDS = 100


def action(verb: str, data: Mapping[str, Any], *, today: date, lang: Lang) -> IbAction:
    """The ``IbAction`` effect for an IB member's button ``verb`` with the card's ``data``,
    its inputs checked by ``ibcase.check_action`` (a comment to ask for completion, a
    meeting date not in the past to put the case on the agenda). Every problem goes into
    ``IbAction.errors`` under its input's id, and what was typed comes back as typed, so
    the bot can show the card again with nothing lost.
    """
    status = ACTION_STATUS[verb]  # the IB card's buttons and the status each asks for
    case = as_raw(data.get("case")).strip() or None
    date_text = as_raw(data.get("meeting_date")).strip()[:100]
    checked = check_action(status, as_raw(data.get("comment"))[:MAX_RAW], date_text,
                           today=today, lang=lang)
    return IbAction(
        case_id=case,
        status=status,
        comment=checked.comment,
        meeting_date=checked.meeting_date,
        meeting_date_text=date_text,
        errors=dict(checked.errors),
    )


def retry(data: Mapping[str, Any]) -> RetryDeliveries:
    """The ``RetryDeliveries`` effect for "Försök igen" with the card's ``data``: the outbox
    ids it carries, each a positive whole number (a number sent as text too), in order, once
    each; anything else is dropped."""
    raw = data.get("ids")
    ids: list[int] = []
    for item in raw if isinstance(raw, list) else []:
        text = str(item).strip() if isinstance(item, int | str) and not isinstance(
            item, bool) else ""
        if text.isdigit() and int(text) > 0 and int(text) not in ids:
            ids.append(int(text))
    return RetryDeliveries(ids=tuple(ids[:MAX_RETRY_IDS]))


def case_view(
    *,
    case_id: str,
    status: CaseStatus,
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


def agenda(items: Sequence[CaseView]) -> tuple[list[CaseView], float]:
    """The agenda's cases in order, and what they cost together (SEK).

    Highest priority first (high, medium, low, then cases without a priority), then by
    meeting date, then in the register's order. A case without a cost adds nothing.
    """
    ordered = sorted(items, key=lambda v: (
        _PRIORITY_RANK[v.assessment.priority],
        v.meeting_date or date.max,
        register_order(v.id),
    ))
    return ordered, float(sum(v.engagement.cost_sek or 0 for v in ordered))


def next_meeting(dates: Sequence[date | None], today: date) -> date | None:
    """The next meeting: the earliest of ``dates`` that is not before ``today``."""
    return min((d for d in dates if d is not None and d >= today), default=None)
