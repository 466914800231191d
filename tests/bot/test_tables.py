"""Every SQLAlchemy ``Table`` the bot declares is the table its Alembic migrations make.

The migrations (bot/migrations/versions) are the source of truth; the ``Table`` objects
the code queries mirror them. Alembic's autogenerate compares the two on a database
migrated to head, on SQLite and on PostgreSQL: a column, type, nullability, index,
unique constraint or foreign key that differs, or a table on one side only, fails.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, MetaData

import bot
from bot.persistence.database import create_engine, migrate

from ..conftest import Database


def _declared() -> MetaData:
    """One MetaData with every table of every bot module (each module's own MetaData)."""
    found: dict[int, MetaData] = {}
    for module in pkgutil.walk_packages(bot.__path__, "bot."):
        if ".migrations" in module.name:
            continue
        for value in vars(importlib.import_module(module.name)).values():
            if isinstance(value, MetaData):
                found[id(value)] = value
    merged = MetaData()
    for metadata in found.values():
        for table in metadata.tables.values():
            table.to_metadata(merged)
    return merged


DECLARED = _declared()

# Found by this test when it was written: migration 0002 creates these indexes, and the
# register's Tables (bot/persistence/register.py) do not declare them, so a new table built from the
# Tables (``metadata.create_all``) would lack them. They are to be declared there
# (``Index(...)`` beside the columns) by the change that makes bot/persistence/register.py a
# repository (issue 15, item 1); then this set empties. A difference that goes away
# fails the test too, so the set cannot outlive its reason.
REGISTER_INDEXES_NOT_DECLARED = {
    ("remove_index", "ix_cases_status"),
    ("remove_index", "ix_cases_decision_owner"),
    ("remove_index", "ix_cases_submitter_id"),
    ("remove_index", "ix_cases_review_due"),
    ("remove_index", "ix_case_audit_case_id"),
}


def _named(difference: Any) -> Any:
    if isinstance(difference, tuple) and difference[0] in ("add_index", "remove_index"):
        return (difference[0], difference[1].name)
    return difference


def _differences(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, DECLARED))


def test_the_bot_declares_the_tables_it_uses() -> None:
    assert set(DECLARED.tables) >= {
        "bot_state", "case_counters", "cases", "case_versions", "case_audit",
        "case_audit_chain", "ib_channels", "user_refs", "case_posts", "outbox",
        "outbox_pace", "review_reminders",
    }


async def test_every_table_matches_its_migration(database: Database) -> None:
    engine = create_engine(database.url, schema=database.schema)
    try:
        await migrate(engine, schema=database.schema)
        async with engine.connect() as conn:
            differences = await conn.run_sync(_differences)
    finally:
        await engine.dispose()
    named = [_named(d) for d in differences]
    assert [d for d in named if d not in REGISTER_INDEXES_NOT_DECLARED] == []
    assert set(named) >= REGISTER_INDEXES_NOT_DECLARED, "declared now: shrink the set"
