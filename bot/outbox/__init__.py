"""The outbox: messages to Teams, written in the same transaction as the change they
announce, and delivered later by the delivery worker (``bot.outbox.worker``).

``enqueue`` is called inside a register transaction (``CaseRegister``'s ``then=``), so
a case and its post are committed together or not at all. Each message has a ``key``;
a second ``enqueue`` with the same key is ignored, so a retried transaction or a job
that runs twice queues nothing twice.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.persistence.database import Executes

from ..clock import utc
from ..persistence.database import insert_for
from ..persistence.tables import outbox_table
from ..teams import ADAPTIVE_CARD

__all__ = [
    "OutboxKind",
    "OutboxStatus",
    "Target",
    "backlog",
    "card_activity",
    "enqueue",
]


class OutboxKind(StrEnum):
    POST = "post"  # a new message in a conversation (a case's post in the IB channel)
    UPDATE = "update"  # replace a message in place (the case's post, after a change)
    REPLY = "reply"  # a reply in the thread of a case's post
    NOTIFY = "notify"  # a message to a user's personal chat


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"  # claimed by a worker under a lease
    SENT = "sent"
    FAILED = "failed"  # given up (a permanent error, or too many attempts)


class Target(BaseModel):
    """Where a message goes.

    ``conversation_id`` is the conversation to post in. For ``update`` and ``reply`` of a
    case's post, ``activity_id`` may be None: the worker takes it from ``case_posts``
    once the post is delivered. For ``notify`` without a known personal chat,
    ``conversation_id`` is None and the worker opens one with ``user_mri``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    service_url: str
    conversation_id: str | None = None
    activity_id: str | None = None
    case_id: str | None = None
    tenant_id: str | None = None
    bot_id: str | None = None
    user_mri: str | None = None
    user_id: str | None = None  # Entra object id, for user_refs once a chat is opened


def card_activity(card: dict[str, Any]) -> dict[str, Any]:
    """A message activity carrying one Adaptive Card, as the outbox stores it."""
    return {"type": "message", "attachments": [{"contentType": ADAPTIVE_CARD, "content": card}]}


async def enqueue(
    conn: Executes,
    *,
    key: str,
    kind: OutboxKind,
    target: Target,
    activity: dict[str, Any],
    conversation_key: str,
    case_id: str | None = None,
    now: datetime,
) -> int | None:
    """Queue a message in ``conn``'s transaction. Returns its id, or None when a message
    with this ``key`` is already queued (or sent). ``conversation_key`` orders and paces
    the messages to one conversation: the channel id, or the user id for a notification.
    ``now`` (the caller's clock) is when it is queued, and due."""
    moment = now
    stmt = (
        insert_for(conn)(outbox_table)
        .values(
            key=key,
            kind=kind.value,
            case_id=case_id,
            conversation_key=conversation_key,
            target=target.model_dump(mode="json", exclude_none=True),
            activity=activity,
            status=OutboxStatus.PENDING.value,
            attempts=0,
            next_attempt_at=moment,
            created_at=moment,
        )
        .on_conflict_do_nothing(index_elements=[outbox_table.c.key])
        .returning(outbox_table.c.id)
    )
    new_id = (await conn.execute(stmt)).scalar_one_or_none()
    if new_id is None:
        existing = await conn.execute(select(outbox_table.c.id).where(outbox_table.c.key == key))
        if existing.scalar_one_or_none() is None:  # pragma: no cover - a unique key clash
            raise RuntimeError(f"outbox key {key!r} neither inserted nor found")
        return None
    return int(new_id)


async def backlog(engine: AsyncEngine) -> tuple[int, datetime | None]:
    """How many messages wait to be sent (pending or being sent), and when the oldest
    of them was queued (None when none waits): what telemetry samples."""
    waiting = (OutboxStatus.PENDING.value, OutboxStatus.SENDING.value)
    query = select(func.count(), func.min(outbox_table.c.created_at)).where(
        outbox_table.c.status.in_(waiting))
    async with engine.connect() as conn:
        count, oldest = (await conn.execute(query)).one()
    return int(count), None if oldest is None else utc(oldest)
