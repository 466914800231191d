"""Where to reach a user: the personal chat with the bot, for notifications and reminders.

Every turn from a user refreshes their ``user_refs`` row (``remember_user``), so that
the bot can later write to them unprompted: a status change of their case, a review
reminder. ``personal_target`` turns the row into an outbox ``Target``. When the personal
chat is not known yet (the user has only met the bot in a channel), the target carries
what the delivery worker needs to open it: the user's Teams id, tenant and the bot's id.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Table, bindparam, func, select

from bot.persistence.database import Executes, insert_for

from ..persistence.tables import user_ref_table
from . import Target

__all__ = ["personal_target", "remember_user"]


async def remember_user(
    conn: Executes,
    *,
    user_id: str,
    user_mri: str,
    service_url: str,
    tenant_id: str | None,
    bot_id: str | None,
    locale: str | None,
    conversation_id: str | None = None,
    now: datetime,
) -> None:
    """Record (insert or update) where ``user_id`` (Entra object id) can be reached.

    ``conversation_id`` is the personal chat's id, given only on a personal turn. A turn
    in a channel passes None and keeps the personal chat already known; likewise a
    missing locale, tenant or bot id keeps the one recorded before.
    """
    await conn.execute(
        _upsert(insert_for(conn)),
        {
            "user_id": user_id.strip().lower(),
            "user_mri": user_mri,
            "conversation_id": conversation_id,
            "service_url": service_url,
            "tenant_id": tenant_id,
            "bot_id": bot_id,
            "locale": locale,
            "updated_at": now,
        },
    )


@functools.cache
def _upsert(insert: Callable[[Table], Any]) -> Any:
    """``remember_user``'s statement, built once per database (``insert``: its own, from
    ``insert_for``) with its values as parameters: building it with the values in takes
    SQLAlchemy longer (about 0.3 ms) than SQLite takes to run it, on every new user's
    first turn."""
    columns = ("user_id", "user_mri", "conversation_id", "service_url", "tenant_id",
               "bot_id", "locale", "updated_at")
    stmt = insert(user_ref_table).values({c: bindparam(c) for c in columns})
    new = stmt.excluded
    table = user_ref_table.c
    return stmt.on_conflict_do_update(
        index_elements=[table.user_id],
        set_={
            "user_mri": new.user_mri,
            "service_url": new.service_url,
            "conversation_id": func.coalesce(new.conversation_id, table.conversation_id),
            "tenant_id": func.coalesce(new.tenant_id, table.tenant_id),
            "bot_id": func.coalesce(new.bot_id, table.bot_id),
            "locale": func.coalesce(new.locale, table.locale),
            "updated_at": new.updated_at,
        },
    )


async def personal_target(
    conn: Executes, user_id: str
) -> tuple[Target, str | None] | None:
    """The outbox target of a ``notify`` to ``user_id`` and the user's locale, or None
    when the bot has never seen that user (it cannot write to them first)."""
    key = user_id.strip().lower()
    row = (
        await conn.execute(select(user_ref_table).where(user_ref_table.c.user_id == key))
    ).one_or_none()
    if row is None:
        return None
    if row.conversation_id:
        target = Target(
            service_url=row.service_url,
            conversation_id=row.conversation_id,
            tenant_id=row.tenant_id,
            user_id=key,
        )
    else:
        target = Target(
            service_url=row.service_url,
            user_mri=row.user_mri,
            tenant_id=row.tenant_id,
            bot_id=row.bot_id,
            user_id=key,
        )
    return target, row.locale
