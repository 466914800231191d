"""Per-conversation pacing: at most so many sends a second to one conversation, across
processes (Teams allows 7).

Each conversation has an ``outbox_pace`` row whose ``next_at`` is the earliest moment
its next message may be sent. The worker locks it while it claims the conversation's
next message (``lock``), and after each attempt moves it on (``push``). Only
``bot.outbox.worker`` uses this; the queries that pick due conversations join the same
table.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite

from bot.persistence.database import Executes

from ..clock import utc
from ..persistence.tables import pace_table

__all__ = ["lock", "push"]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


async def lock(conn: Executes, key: str) -> datetime | None:
    """The conversation's pace (earliest next send), its row locked for this
    transaction; None on PostgreSQL when another transaction holds it."""
    if conn.dialect.name == "postgresql":
        await conn.execute(
            postgresql.insert(pace_table)
            .values(conversation_key=key, next_at=_EPOCH)
            .on_conflict_do_nothing(index_elements=[pace_table.c.conversation_key])
        )
        next_at = (
            await conn.execute(
                select(pace_table.c.next_at)
                .where(pace_table.c.conversation_key == key)
                .with_for_update(skip_locked=True)
            )
        ).scalar_one_or_none()
    else:  # a write first: SQLite's write lock is held from here to the commit
        stmt = sqlite.insert(pace_table).values(conversation_key=key, next_at=_EPOCH)
        next_at = (
            await conn.execute(
                stmt.on_conflict_do_update(
                    index_elements=[pace_table.c.conversation_key],
                    set_={"next_at": pace_table.c.next_at},
                ).returning(pace_table.c.next_at)
            )
        ).scalar_one()
    return None if next_at is None else utc(next_at)


async def push(conn: Executes, key: str, not_before: datetime) -> None:
    """No send to the conversation before ``not_before`` (a later pace stays)."""
    later = func.greatest if conn.dialect.name == "postgresql" else func.max
    await conn.execute(
        update(pace_table)
        .where(pace_table.c.conversation_key == key)
        .values(next_at=later(pace_table.c.next_at, not_before))
    )
