"""The messages the delivery worker gave up on, and putting them back in the queue.

One place for both readers: ``strategikollen outbox list|retry`` (``cli.outbox``) and the
"Misslyckade utskick" card in the IB channel (``bot.ib.service``). ``requeue`` moves only
messages that are ``failed``, in one statement, so a message the worker is sending or has
sent is never queued twice, however often it is pressed or typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update

from bot.persistence.database import Executes

from ..clock import utc
from ..persistence.tables import outbox_table
from . import OutboxKind, OutboxStatus

__all__ = ["FailedMessage", "Requeued", "failed_messages", "requeue"]

_C = outbox_table.c


@dataclass(frozen=True, slots=True)
class FailedMessage:
    """A message given up on: what (its kind and case), where it went (the IB channel or a
    user's personal chat: ``kind``), when it was queued and last tried, and why not."""

    id: int
    kind: OutboxKind
    case_id: str | None
    attempts: int
    queued_at: datetime
    last_tried_at: datetime
    error: str | None

    @property
    def to_channel(self) -> bool:
        """Whether it goes to the IB channel (a case's post, its update, a reply), not to a
        person."""
        return self.kind is not OutboxKind.NOTIFY


@dataclass(frozen=True, slots=True)
class Requeued:
    """A message put back in the queue."""

    id: int
    kind: str
    case_id: str | None


async def failed_messages(conn: Executes, *, limit: int = 50) -> list[FailedMessage]:
    """The failed messages, newest first, at most ``limit``."""
    rows = (await conn.execute(
        select(_C.id, _C.kind, _C.case_id, _C.attempts, _C.created_at, _C.next_attempt_at,
               _C.last_error)
        .where(_C.status == OutboxStatus.FAILED.value)
        .order_by(_C.id.desc()).limit(limit)
    )).all()
    return [
        FailedMessage(id=row.id, kind=OutboxKind(row.kind), case_id=row.case_id,
                      attempts=row.attempts, queued_at=utc(row.created_at),
                      last_tried_at=utc(row.next_attempt_at), error=row.last_error)
        for row in rows
    ]


async def requeue(conn: Executes, ids: Sequence[int], *, now: datetime) -> list[Requeued]:
    """Put the failed ones of ``ids`` back in the queue in ``conn``'s transaction: status
    pending, attempts from zero, due ``now``, no lease. What is not failed (not found,
    pending, being sent, sent) is left as it is and not in the answer."""
    if not ids:
        return []
    moved = (await conn.execute(
        update(outbox_table)
        .where(_C.id.in_(list(ids)), _C.status == OutboxStatus.FAILED.value)
        .values(status=OutboxStatus.PENDING.value, attempts=0, next_attempt_at=now,
                lease_owner=None, lease_until=None)
        .returning(_C.id, _C.kind, _C.case_id)
    )).all()
    return sorted((Requeued(id=row.id, kind=row.kind, case_id=row.case_id) for row in moved),
                  key=lambda r: r.id)
