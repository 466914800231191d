"""Alembic environment for the bot's state table.

``bot.persistence.database.migrate`` hands over a live (sync-wrapped async) connection in
``config.attributes["connection"]``. Run on its own (``alembic -c ...``), it
builds an async engine from ``sqlalchemy.url`` or the bot's settings.
"""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy import Connection

from bot.persistence.database import metadata

config = context.config


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata)
    with context.begin_transaction():
        context.run_migrations()


async def _run_async() -> None:
    from bot.persistence.database import create_engine
    from bot.settings import Settings

    settings = Settings()
    url = config.get_main_option("sqlalchemy.url") or settings.db_url
    engine = create_engine(url, schema=settings.database_schema)
    try:
        async with engine.begin() as conn:
            await conn.run_sync(_run)
    finally:
        await engine.dispose()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=metadata)
    with context.begin_transaction():
        context.run_migrations()
elif (connection := config.attributes.get("connection")) is not None:
    _run(connection)
else:
    asyncio.run(_run_async())
