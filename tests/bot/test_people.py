"""Where to reach a user (bot.outbox.people), on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.outbox import Target
from bot.outbox.people import personal_target, remember_user
from bot.persistence.database import create_engine, migrate
from bot.persistence.tables import user_ref_table

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
ANNA = "0000AAAA-0000-0000-0000-00000000A11A"  # as Teams may spell it: upper case
SERVICE = "https://smba.trafficmanager.net/emea/"
TENANT = "11111111-2222-3333-4444-555555555555"
BOT = "28:strategikollen"


@pytest.fixture
async def engine(database: Any) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database.url, schema=database.schema)
    await migrate(engine, schema=database.schema)
    yield engine
    await engine.dispose()


async def remember(engine: AsyncEngine, **changes: Any) -> None:
    fields: dict[str, Any] = {
        "user_id": ANNA, "user_mri": "29:anna", "service_url": SERVICE,
        "tenant_id": TENANT, "bot_id": BOT, "locale": "sv-SE", "now": NOW,
    }
    fields.update(changes)
    async with engine.begin() as conn:
        await remember_user(conn, **fields)


async def target_of(engine: AsyncEngine, user_id: str = ANNA) -> tuple[Target, str | None] | None:
    async with engine.connect() as conn:
        return await personal_target(conn, user_id)


async def test_a_user_never_seen_cannot_be_reached(engine: AsyncEngine) -> None:
    assert await target_of(engine) is None


async def test_a_user_seen_in_their_personal_chat_is_reached_there_in_their_locale(
    engine: AsyncEngine,
) -> None:
    await remember(engine, conversation_id="a:personal-anna")
    found = await target_of(engine)
    assert found == (
        Target(service_url=SERVICE, conversation_id="a:personal-anna", tenant_id=TENANT,
               user_id=ANNA.lower()),
        "sv-SE",
    )


async def test_a_user_seen_only_in_a_channel_gets_what_the_worker_needs_to_open_a_chat(
    engine: AsyncEngine,
) -> None:
    await remember(engine, locale="en-US")
    found = await target_of(engine)
    assert found == (
        Target(service_url=SERVICE, user_mri="29:anna", tenant_id=TENANT, bot_id=BOT,
               user_id=ANNA.lower()),
        "en-US",
    )


async def test_user_ids_are_kept_in_lower_case_and_found_in_any_case(engine: AsyncEngine) -> None:
    await remember(engine, conversation_id="a:personal-anna")
    async with engine.connect() as conn:
        ids = (await conn.execute(select(user_ref_table.c.user_id))).scalars().all()
    assert ids == [ANNA.lower()]
    assert await target_of(engine, ANNA.lower()) == await target_of(engine, f" {ANNA} ")


async def test_a_channel_turn_keeps_the_known_personal_chat_and_updates_the_rest(
    engine: AsyncEngine,
) -> None:
    await remember(engine, conversation_id="a:personal-anna")
    later = NOW + timedelta(days=3)
    await remember(engine, service_url="https://smba.example/amer/", locale="en-GB",
                   user_mri="29:anna-2", now=later)
    found = await target_of(engine)
    assert found is not None
    target, locale = found
    assert target.conversation_id == "a:personal-anna"
    assert target.service_url == "https://smba.example/amer/"
    assert locale == "en-GB"
    async with engine.connect() as conn:
        row = (await conn.execute(select(user_ref_table))).one()
        rows = (await conn.execute(select(func.count()).select_from(user_ref_table))).scalar()
    assert rows == 1
    assert row.user_mri == "29:anna-2"
    assert row.updated_at.replace(tzinfo=UTC) == later  # SQLite hands back naive UTC


async def test_a_turn_without_a_locale_keeps_the_one_known(engine: AsyncEngine) -> None:
    await remember(engine, locale="en-US")
    await remember(engine, locale=None, conversation_id="a:personal-anna")
    found = await target_of(engine)
    assert found is not None
    assert found[0].conversation_id == "a:personal-anna"
    assert found[1] == "en-US"


async def test_a_new_personal_chat_replaces_the_old_one(engine: AsyncEngine) -> None:
    await remember(engine, conversation_id="a:personal-old")
    await remember(engine, conversation_id="a:personal-new")
    found = await target_of(engine)
    assert found is not None
    assert found[0].conversation_id == "a:personal-new"


async def test_two_users_are_kept_apart(engine: AsyncEngine) -> None:
    await remember(engine, conversation_id="a:personal-anna")
    await remember(engine, user_id="0000bbbb-0000-0000-0000-00000000b0b0", user_mri="29:bo",
                   locale="en-US")
    anna = await target_of(engine)
    bo = await target_of(engine, "0000BBBB-0000-0000-0000-00000000B0B0")
    assert anna is not None
    assert bo is not None
    assert anna[0].conversation_id == "a:personal-anna"
    assert (bo[0].conversation_id, bo[0].user_mri, bo[1]) == (None, "29:bo", "en-US")
