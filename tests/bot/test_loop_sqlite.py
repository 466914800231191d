"""The state's SQLite statements on the event loop's thread (bot.persistence.loop_sqlite)."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from microsoft_agents.hosting.core.state.agent_state import CachedAgentState
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.persistence import loop_sqlite as loop_module
from bot.persistence.loop_sqlite import Busy, loop_sqlite
from bot.persistence.storage import SqlStorage, StorageConflict, create_engine, migrate

_NOW = datetime(2026, 2, 28, 23, 59, 30, tzinfo=UTC)


def _item(**state: Any) -> CachedAgentState:
    return CachedAgentState(dict(state))


class OtherProcessWriting:
    """Another connection to the file holding SQLite's write lock, as a second process
    (``strategikollen privacy erase`` beside the server) would, for ``seconds``."""

    def __init__(self, path: Path, seconds: float) -> None:
        self.locked = threading.Event()
        self._thread = threading.Thread(target=self._hold, args=(path, seconds), daemon=True)

    def _hold(self, path: Path, seconds: float) -> None:
        connection = sqlite3.connect(path, isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        self.locked.set()
        time.sleep(seconds)
        connection.execute("COMMIT")
        connection.close()

    def __enter__(self) -> OtherProcessWriting:
        self._thread.start()
        assert self.locked.wait(5)
        return self

    def __exit__(self, *_: object) -> None:
        self._thread.join(5)


async def test_a_file_database_has_a_loop_connection_and_memory_or_a_server_has_none(
    sqlite_engine: AsyncEngine,
) -> None:
    assert loop_sqlite(sqlite_engine) is loop_sqlite(sqlite_engine)  # one per engine
    memory = create_async_engine("sqlite+aiosqlite:///:memory:")
    server = create_engine("postgresql+asyncpg://nobody@127.0.0.1:1/none")
    try:
        assert loop_sqlite(memory) is None
        assert loop_sqlite(server) is None
    finally:
        await memory.dispose()
        await server.dispose()


async def test_state_is_read_and_written_on_the_loop_connection(sqlite_engine: AsyncEngine) -> None:
    storage = SqlStorage(sqlite_engine)
    item = _item(step="details")
    await storage.write({"msteams/conversations/c1": item})
    loop = loop_sqlite(sqlite_engine)
    assert loop is not None
    assert loop._connection is not None
    # What the loop connection wrote, another connection reads: it is committed.
    path = sqlite_engine.url.database
    assert path is not None
    with sqlite3.connect(path) as other:
        (version,) = other.execute("SELECT version FROM bot_state").fetchone()
    assert version == 1
    read = await storage.read(["msteams/conversations/c1"], target_cls=CachedAgentState)
    assert read["msteams/conversations/c1"].state == {"step": "details", "e_tag": "1"}
    # The e-tag it carries is the stored version, and a stale one is refused.
    again = await storage.read(["msteams/conversations/c1"], target_cls=CachedAgentState)
    await storage.write({"msteams/conversations/c1": read["msteams/conversations/c1"]})
    with pytest.raises(StorageConflict):
        await storage.write({"msteams/conversations/c1": again["msteams/conversations/c1"]})


async def test_another_process_writing_does_not_stop_the_loop_and_the_write_lands(
    sqlite_engine: AsyncEngine, tmp_path: Path
) -> None:
    storage = SqlStorage(sqlite_engine)
    await storage.write({"k": _item(n=1)})
    ticks = 0
    stop = asyncio.Event()

    async def ticker() -> None:
        nonlocal ticks
        while not stop.is_set():
            ticks += 1
            await asyncio.sleep(0.01)

    with OtherProcessWriting(tmp_path / "state.db", seconds=0.4):
        ticking = asyncio.create_task(ticker())
        started = time.monotonic()
        # A read still answers on the loop at once (WAL: readers do not wait for a writer) …
        read = await storage.read(["k"], target_cls=CachedAgentState)
        assert read["k"].state == {"n": 1, "e_tag": "1"}
        # … and a write waits off the loop, in aiosqlite's thread, until the lock is free.
        await storage.write({"k": _item(n=2)})
        waited = time.monotonic() - started
        stop.set()
        await ticking
    assert waited >= 0.2
    assert ticks >= 10  # the loop went on meanwhile: 0.4 s would be 40 ticks
    read = await storage.read(["k"], target_cls=CachedAgentState)
    assert read["k"].state == {"n": 2, "e_tag": "2"}


async def test_a_busy_file_raises_busy_at_once_on_the_loop_connection(
    sqlite_engine: AsyncEngine, tmp_path: Path
) -> None:
    loop = loop_sqlite(sqlite_engine)
    assert loop is not None
    with OtherProcessWriting(tmp_path / "state.db", seconds=0.3):
        started = time.monotonic()
        with pytest.raises(Busy), loop.transaction():
            pass
        assert time.monotonic() - started < 0.1


async def test_a_failed_transaction_is_rolled_back(sqlite_engine: AsyncEngine) -> None:
    storage = SqlStorage(sqlite_engine)
    await storage.write({"a": _item(n=1)})
    loop = loop_sqlite(sqlite_engine)
    assert loop is not None

    def failing() -> None:
        with loop.transaction() as connection:
            connection.execute("DELETE FROM bot_state")
            raise RuntimeError("the turn failed")

    with pytest.raises(RuntimeError):
        failing()
    assert set(await storage.read(["a"], target_cls=CachedAgentState)) == {"a"}


async def test_the_wal_is_checkpointed_off_the_loop_every_so_many_commits(
    sqlite_engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loop_module, "CHECKPOINT_EVERY", 5)
    storage = SqlStorage(sqlite_engine)
    loop = loop_sqlite(sqlite_engine)
    assert loop is not None
    threads: set[str] = set()
    passive = loop._passive

    def recording() -> None:
        threads.add(threading.current_thread().name)
        passive()

    monkeypatch.setattr(loop, "_passive", recording)
    for n in range(4):
        await storage.write({"k": _item(n=n)})
    await loop.wait_for_checkpoint()
    assert loop.checkpoints == 0
    await storage.write({"k": _item(n=4)})
    await loop.wait_for_checkpoint()
    assert loop.checkpoints == 1
    assert threading.current_thread().name not in threads
    # The loop's own connection never checkpoints by itself.
    assert loop._conn().execute("PRAGMA wal_autocheckpoint").fetchone() == (0,)


async def test_disposing_the_engine_closes_the_loop_connection(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'state.db'}")
    await migrate(engine)
    await SqlStorage(engine).write({"k": _item(n=1)})
    loop = loop_sqlite(engine)
    assert loop is not None
    assert loop._connection is not None
    await engine.dispose()
    assert loop._connection is None


async def test_a_write_block_runs_on_the_loop_connection_and_commits(
    sqlite_engine: AsyncEngine,
) -> None:
    from sqlalchemy import select

    from bot.persistence.database import state_table, writing
    from bot.persistence.loop_sqlite import LoopConnection

    async with writing(sqlite_engine) as conn:
        assert isinstance(conn, LoopConnection)
        await conn.execute(
            state_table.insert().values(key="k", value={"n": 1}, version=1, updated_at=_NOW)
        )
    async with sqlite_engine.connect() as other:  # aiosqlite's connection sees it: committed
        row = (await other.execute(select(state_table.c.value, state_table.c.updated_at))).one()
    assert row.value == {"n": 1}
    assert row.updated_at.replace(tzinfo=UTC) == _NOW  # the same types as aiosqlite's


async def test_a_write_block_that_raises_writes_nothing(sqlite_engine: AsyncEngine) -> None:
    from bot.persistence.database import state_table, writing

    async def failing() -> None:
        async with writing(sqlite_engine) as conn:
            await conn.execute(
                state_table.insert().values(key="k", value={}, version=1, updated_at=_NOW)
            )
            raise RuntimeError("the effect failed")

    with pytest.raises(RuntimeError):
        await failing()
    assert await SqlStorage(sqlite_engine).version("k") is None
    # The loop connection is free again: the next block writes.
    async with writing(sqlite_engine) as conn:
        await conn.execute(
            state_table.insert().values(key="k", value={}, version=1, updated_at=_NOW)
        )
    assert await SqlStorage(sqlite_engine).version("k") == 1


async def test_a_write_block_waits_off_the_loop_while_another_process_writes(
    sqlite_engine: AsyncEngine, tmp_path: Path
) -> None:
    from sqlalchemy.ext.asyncio import AsyncConnection

    from bot.persistence.database import state_table, writing

    with OtherProcessWriting(tmp_path / "state.db", seconds=0.3):
        started = time.monotonic()
        async with writing(sqlite_engine) as conn:
            assert isinstance(conn, AsyncConnection)  # aiosqlite's, in its thread
            await conn.execute(
                state_table.insert().values(key="k", value={}, version=1, updated_at=_NOW)
            )
        assert time.monotonic() - started >= 0.2
    assert await SqlStorage(sqlite_engine).version("k") == 1


async def test_a_read_beside_an_open_write_block_sees_only_what_is_committed(
    sqlite_engine: AsyncEngine,
) -> None:
    from sqlalchemy import delete

    from bot.persistence.database import state_table, writing

    storage = SqlStorage(sqlite_engine)
    await storage.write({"k": _item(n=1)})
    inside = asyncio.Event()
    go_on = asyncio.Event()

    async def erasing_then_failing() -> None:
        async with writing(sqlite_engine) as conn:
            await conn.execute(delete(state_table))
            inside.set()
            await go_on.wait()  # the block waits for something, its transaction open
            raise RuntimeError("the erasure failed")

    task = asyncio.create_task(erasing_then_failing())
    await inside.wait()
    read = await storage.read(["k"], target_cls=CachedAgentState)
    assert read["k"].state == {"n": 1, "e_tag": "1"}  # not the uncommitted delete
    go_on.set()
    with pytest.raises(RuntimeError):
        await task
    assert set(await storage.read(["k"], target_cls=CachedAgentState)) == {"k"}
