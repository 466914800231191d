"""The SDK's Storage interface on SQL, on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from microsoft_agents.hosting.core.state.agent_state import CachedAgentState
from sqlalchemy import inspect
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.persistence.storage import E_TAG, NEW, SqlStorage, StorageConflict, create_engine, migrate
from cards import verbs

from .conftest import MakeBot


@pytest.fixture
def storage(engine: AsyncEngine) -> SqlStorage:
    return SqlStorage(engine)


def _item(**state: Any) -> CachedAgentState:
    return CachedAgentState(dict(state))


async def test_a_written_item_reads_back_equal(storage: SqlStorage) -> None:
    wizard = {"step": "details", "values": {"kind": "trip", "title": "Åäö ”citat” \u2028"}}
    await storage.write({"msteams/conversations/c1": _item(strategikollen=wizard)})
    read = await storage.read(["msteams/conversations/c1"], target_cls=CachedAgentState)
    assert read["msteams/conversations/c1"].state == {"strategikollen": wizard, E_TAG: "1"}


async def test_keys_never_written_are_absent_from_a_read(storage: SqlStorage) -> None:
    await storage.write({"a": _item(x=1)})
    read = await storage.read(["a", "b"], target_cls=CachedAgentState)
    assert set(read) == {"a"}


async def test_a_second_write_replaces_the_item_and_counts_its_version(
    storage: SqlStorage,
) -> None:
    await storage.write({"k": _item(n=1)})
    await storage.write({"k": _item(n=2)})
    read = await storage.read(["k"], target_cls=CachedAgentState)
    assert read["k"].state == {"n": 2, E_TAG: "2"}
    assert await storage.version("k") == 2


async def test_delete_removes_items_and_ignores_missing_keys(storage: SqlStorage) -> None:
    await storage.write({"k1": _item(n=1), "k2": _item(n=2)})
    await storage.delete(["k1", "never-written"])
    read = await storage.read(["k1", "k2"], target_cls=CachedAgentState)
    assert set(read) == {"k2"}


async def test_empty_keys_are_refused_like_the_sdks_memory_storage(storage: SqlStorage) -> None:
    with pytest.raises(ValueError, match="key"):
        await storage.read([], target_cls=CachedAgentState)
    with pytest.raises(ValueError, match="key"):
        await storage.write({"": _item(x=1)})
    with pytest.raises(ValueError, match="key"):
        await storage.delete([""])


async def test_concurrent_writes_to_different_keys_all_land(storage: SqlStorage) -> None:
    await asyncio.gather(*(storage.write({f"k{i}": _item(i=i)}) for i in range(40)))
    read = await storage.read([f"k{i}" for i in range(40)], target_cls=CachedAgentState)
    assert {k: v.state["i"] for k, v in read.items()} == {f"k{i}": i for i in range(40)}


async def test_migrations_run_twice_without_harm_and_create_the_table(
    engine: AsyncEngine, database: Any
) -> None:
    await migrate(engine, schema=database.schema)
    async with engine.connect() as conn:
        tables = await conn.run_sync(lambda c: inspect(c).get_table_names())
    assert {"bot_state", "alembic_version"} <= set(tables)


async def test_a_conversation_through_the_bot_is_stored_in_the_database(
    make_bot: MakeBot, database: Any, engine: AsyncEngine
) -> None:
    bot = await make_bot(database=database)
    await bot.execute(verbs.WIZARD_START, conversation="conv-db", user="anna")
    storage = SqlStorage(engine)
    read = await storage.read(
        ["msteams/conversations/conv-db", "msteams/users/29:anna"], target_cls=CachedAgentState
    )
    assert set(read) == {"msteams/conversations/conv-db", "msteams/users/29:anna"}
    assert read["msteams/conversations/conv-db"].state["strategikollen"]["wizard"] is not None


async def test_one_failing_change_does_not_fail_the_others_committed_with_it(
    storage: SqlStorage,
) -> None:
    from sqlalchemy import text

    async def broken(conn: Any) -> None:
        await conn.execute(text("SELECT * FROM no_such_table"))

    results = await asyncio.gather(
        storage.write({"before": _item(n=1)}),
        storage._apply(broken),
        storage.write({"after": _item(n=2)}),
        return_exceptions=True,
    )
    assert results[0] is None
    assert isinstance(results[1], Exception)
    assert results[2] is None
    read = await storage.read(["before", "after"], target_cls=CachedAgentState)
    assert {k: v.state["n"] for k, v in read.items()} == {"before": 1, "after": 2}


@pytest.mark.postgres
async def test_replicas_migrating_at_the_same_time_all_succeed(postgres_database: Any) -> None:
    # Replicas share PostgreSQL; a SQLite file belongs to one process.
    database = postgres_database
    engines = [create_engine(database.url, schema=database.schema) for _ in range(4)]
    try:
        await asyncio.gather(*(migrate(e, schema=database.schema) for e in engines))
        storage = SqlStorage(engines[0])
        await storage.write({"k": _item(n=1)})
        assert await storage.version("k") == 1
    finally:
        for e in engines:
            await e.dispose()


async def test_a_write_with_the_e_tag_it_read_succeeds_and_carries_the_new_one(
    storage: SqlStorage,
) -> None:
    await storage.write({"k": _item(n=1)})
    item = (await storage.read(["k"], target_cls=CachedAgentState))["k"]
    item.state["n"] = 2
    await storage.write({"k": item})
    assert item.state[E_TAG] == "2"
    item.state["n"] = 3
    await storage.write({"k": item})  # the e-tag it was given lets it write again
    assert (await storage.read(["k"], target_cls=CachedAgentState))["k"].state["n"] == 3


async def test_a_write_with_a_stale_e_tag_is_refused_and_writes_nothing(
    storage: SqlStorage,
) -> None:
    await storage.write({"conv": _item(n=1), "user": _item(n=1)})
    mine = await storage.read(["conv", "user"], target_cls=CachedAgentState)
    theirs = await storage.read(["conv"], target_cls=CachedAgentState)
    theirs["conv"].state["n"] = 10
    await storage.write(theirs)

    mine["conv"].state["n"] = 2
    mine["user"].state["n"] = 2
    with pytest.raises(StorageConflict) as refused:
        await storage.write({"user": mine["user"], "conv": mine["conv"]})
    assert refused.value.key == "conv"
    now = await storage.read(["conv", "user"], target_cls=CachedAgentState)
    assert now["conv"].state["n"] == 10
    assert now["user"].state["n"] == 1  # not half-written


async def test_an_item_read_as_absent_is_written_only_if_still_absent(
    storage: SqlStorage,
) -> None:
    await storage.write({"k": CachedAgentState({"n": 1, E_TAG: NEW})})
    with pytest.raises(StorageConflict):
        await storage.write({"k": CachedAgentState({"n": 2, E_TAG: NEW})})
    assert (await storage.read(["k"], target_cls=CachedAgentState))["k"].state["n"] == 1


@pytest.mark.parametrize("e_tag", ["zwei", "1.0", "0 ", "-1", ""])
async def test_an_e_tag_that_is_no_stored_version_is_a_conflict(
    storage: SqlStorage, e_tag: str
) -> None:
    await storage.write({"k": _item(n=1)})
    with pytest.raises(StorageConflict):
        await storage.write({"k": CachedAgentState({"n": 2, E_TAG: e_tag})})
    assert (await storage.read(["k"], target_cls=CachedAgentState))["k"].state["n"] == 1


async def test_an_e_tag_of_star_overwrites_whatever_is_stored(storage: SqlStorage) -> None:
    await storage.write({"k": _item(n=1)})
    await storage.write({"k": _item(n=2)})
    await storage.write({"k": CachedAgentState({"n": 3, E_TAG: "*"})})
    assert (await storage.read(["k"], target_cls=CachedAgentState))["k"].state["n"] == 3


async def test_two_instances_racing_on_one_conversation_lose_no_turn(
    make_bot: MakeBot, database: Any
) -> None:
    from .standin_dialogs import Counting

    one = await make_bot(database=database, dialogs=Counting())
    two = await make_bot(database=database, dialogs=Counting())
    # Each instance runs its own turns one at a time; across the two, e-tags catch the race.
    await asyncio.gather(*((one if i % 2 else two).say(f"klick {i}") for i in range(8)))
    numbers = sorted(int(c["body"][0]["text"].split()[1]) for c in one.connector.cards("conv-1"))
    assert numbers == list(range(1, 9))


async def test_the_migration_downgrades_and_upgrades_again(
    engine: AsyncEngine, database: Any
) -> None:
    from alembic import command

    from bot.persistence.database import alembic_config

    def downgrade(connection: Any) -> None:
        command.downgrade(alembic_config(connection), "base")

    async with engine.begin() as conn:
        await conn.run_sync(downgrade)
        tables = await conn.run_sync(lambda c: inspect(c).get_table_names())
    assert "bot_state" not in tables
    await migrate(engine, schema=database.schema)
    await SqlStorage(engine).write({"k": _item(n=1)})


def test_the_newest_revision_read_from_the_files_is_alembics() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from bot.persistence.database import MIGRATIONS, head_revision

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert head_revision() == ScriptDirectory.from_config(config).get_current_head()


async def test_a_database_at_the_newest_revision_is_not_migrated_again_and_an_older_one_is(
    engine: AsyncEngine, database: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from alembic import command

    from bot.persistence import database as db

    upgrades: list[str] = []
    real_upgrade = db._upgrade

    def upgrade(connection: Any) -> None:
        upgrades.append("upgrade")
        real_upgrade(connection)

    monkeypatch.setattr(db, "_upgrade", upgrade)
    await migrate(engine, schema=database.schema)  # at the newest: Alembic not run
    assert upgrades == []

    def one_back(connection: Any) -> None:
        command.downgrade(db.alembic_config(connection), "-1")

    async with engine.begin() as conn:
        await conn.run_sync(one_back)
    await migrate(engine, schema=database.schema)
    assert upgrades == ["upgrade"]
    async with engine.connect() as conn:
        version = (await conn.exec_driver_sql("SELECT version_num FROM alembic_version")).scalar()
    assert version == db.head_revision()
    await SqlStorage(engine).write({"k": _item(n=1), "j": _item(n=2)})  # 0005's function again
