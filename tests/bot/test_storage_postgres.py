"""The state on PostgreSQL when the server ends a pooled connection between turns.

``create_engine`` pings only connections that sat idle in the pool for a while, and
``SqlStorage`` reads the state once more on a new connection when the first one turns
out to be dropped. Here the server ends the pooled connections (``pg_terminate_backend``)
between two reads and between two turns, after a long idle (the threshold set to 0) and a
short one.

The backends are ended from ``psql`` in a blocking call, so the event loop does not run in
between and asyncpg cannot notice the ended connections before the next read sends its
query on one: the case the ping and the second read are for. (Once the loop has read the
end of a socket, the pool's checkout replaces that connection without a round trip.)
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import subprocess
from datetime import UTC, datetime
from typing import Any, cast

import asyncpg
import pytest
from microsoft_agents.hosting.core.state.agent_state import CachedAgentState
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.hosting.server import ENGINE
from bot.persistence import database
from bot.persistence.storage import SqlStorage, StorageConflict, create_engine, migrate
from tests.conftest import POSTGRES_URL

from .conftest import MakeBot
from .standin_dialogs import Counting

pytestmark = pytest.mark.postgres

READ_AGAIN = "reading again"  # SqlStorage's log line when a read is made once more
# What asyncpg raises for a statement sent on a connection the server has ended: which one
# depends on how far the statement got (prepared on that connection already or not).
DROPPED = (asyncpg.PostgresConnectionError, asyncpg.InterfaceError, asyncpg.InternalClientError)


class PooledBackends:
    """The server pids of the connections that are idle in ``engine``'s pool: start it
    on an empty pool (``watch``)."""

    @classmethod
    async def watch(cls, engine: AsyncEngine) -> PooledBackends:
        await engine.dispose()  # the connections made so far are closed; all later ones seen
        return cls(engine)

    def __init__(self, engine: AsyncEngine) -> None:
        self.idle: dict[int, int] = {}  # id of the connection record -> its server pid
        self.connects = 0
        event.listen(engine.sync_engine, "checkin", self._checked_in)
        event.listen(engine.sync_engine, "checkout", self._checked_out)
        event.listen(engine.sync_engine, "connect", self._connected)

    def _checked_in(self, dbapi_connection: Any, record: Any) -> None:
        if dbapi_connection is not None:
            self.idle[id(record)] = dbapi_connection.driver_connection.get_server_pid()

    def _checked_out(self, _dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        self.idle.pop(id(record), None)

    def _connected(self, _dbapi_connection: Any, _record: Any) -> None:
        self.connects += 1

    def end_all(self) -> list[int]:
        """End every idle pooled connection on the server, blocking the event loop until
        the server has: asyncpg sees nothing of it before the next query."""
        pids = sorted(self.idle.values())
        assert pids, "no idle connection in the pool"
        _psql(f"SELECT pg_terminate_backend(pid) FROM unnest(ARRAY{pids}) AS pid")
        for _ in range(100):  # pg_terminate_backend signals; wait for the backends to go
            left = _psql(f"SELECT count(*) FROM pg_stat_activity WHERE pid IN ({', '.join(map(str, pids))})")
            if left == "0":
                return pids
            subprocess.run(["sleep", "0.02"], check=True)
        raise AssertionError(f"the backends {pids} did not end")


def _psql(sql: str) -> str:
    if shutil.which("psql") is None:
        pytest.fail("these tests end backends through psql, which is not installed")
    url = POSTGRES_URL.replace("postgresql+asyncpg://", "postgresql://")
    done = subprocess.run(
        ["psql", url, "-qAtX", "-c", sql], check=True, capture_output=True, text=True, timeout=30
    )
    return done.stdout.strip()


@pytest.fixture
async def engine_factory(postgres_database: Any) -> Any:
    engines: list[AsyncEngine] = []

    async def make(**options: Any) -> AsyncEngine:
        engine = create_engine(postgres_database.url, schema=postgres_database.schema, **options)
        engines.append(engine)
        await migrate(engine, schema=postgres_database.schema)
        return engine

    yield make
    for engine in engines:
        await engine.dispose()


def _n(item: CachedAgentState) -> Any:
    return cast(dict[str, Any], item.state)["n"]


async def _stored(storage: SqlStorage) -> None:
    await storage.write({"k": CachedAgentState(cast(dict[str, Any], {"n": 1}))})
    # Two reads at once: two connections in the pool afterwards.
    await asyncio.gather(*(storage.read(["k"], target_cls=CachedAgentState) for _ in range(2)))


async def test_after_a_long_idle_the_ping_replaces_an_ended_connection(
    engine_factory: Any, caplog: pytest.LogCaptureFixture
) -> None:
    engine = await engine_factory(ping_after_idle=0)  # every checkout is "after a long idle"
    storage = SqlStorage(engine)
    backends = await PooledBackends.watch(engine)
    await _stored(storage)
    connects = backends.connects
    assert len(backends.end_all()) == 2

    with caplog.at_level(logging.INFO, logger="bot.persistence.storage"):
        read = await storage.read(["k"], target_cls=CachedAgentState)
    assert _n(read["k"]) == 1
    assert backends.connects == connects + 1  # a new connection in the ended one's place
    assert READ_AGAIN not in caplog.text  # found at the checkout, not by a failed read


async def test_after_a_short_idle_the_read_is_made_again_on_a_new_connection(
    engine_factory: Any, caplog: pytest.LogCaptureFixture
) -> None:
    engine = await engine_factory()  # the default threshold: no ping between these reads
    storage = SqlStorage(engine)
    backends = await PooledBackends.watch(engine)
    await _stored(storage)
    assert len(backends.end_all()) == 2

    with caplog.at_level(logging.INFO, logger="bot.persistence.storage"):
        read = await storage.read(["k"], target_cls=CachedAgentState)
    assert _n(read["k"]) == 1
    assert READ_AGAIN in caplog.text
    # The other ended connection: by now asyncpg has seen its end, and the checkout
    # replaces it without a failed statement; the write is not one that fails either.
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="bot.persistence.storage"):
        item = (await storage.read(["k"], target_cls=CachedAgentState))["k"]
        cast(dict[str, Any], item.state)["n"] = 2
        await storage.write({"k": item})
    assert READ_AGAIN not in caplog.text
    assert _n((await storage.read(["k"], target_cls=CachedAgentState))["k"]) == 2


async def test_a_read_that_fails_for_another_reason_is_not_made_again(
    engine_factory: Any, caplog: pytest.LogCaptureFixture
) -> None:
    engine = await engine_factory()
    storage = SqlStorage(engine)
    await _stored(storage)
    async with engine.begin() as conn:
        await conn.exec_driver_sql("ALTER TABLE bot_state RENAME TO bot_state_gone")
    with caplog.at_level(logging.INFO, logger="bot.persistence.storage"), pytest.raises(
        Exception, match="bot_state"
    ):
        await storage.read(["k"], target_cls=CachedAgentState)
    assert READ_AGAIN not in caplog.text


async def test_a_write_on_an_ended_connection_fails_and_is_not_made_again(
    engine_factory: Any,
) -> None:
    engine = await engine_factory()
    storage = SqlStorage(engine)
    backends = await PooledBackends.watch(engine)
    await _stored(storage)
    item = (await storage.read(["k"], target_cls=CachedAgentState))["k"]
    assert len(backends.end_all()) == 2
    cast(dict[str, Any], item.state)["n"] = 2
    with pytest.raises(DROPPED):
        await storage.write({"k": item})
    # Nothing was written, and the next write with the same e-tag succeeds.
    assert await storage.version("k") == 1
    await storage.write({"k": item})
    assert _n((await storage.read(["k"], target_cls=CachedAgentState))["k"]) == 2


@pytest.mark.parametrize("idle", ["long", "short"])
async def test_a_turn_after_the_server_ended_the_bots_connections_does_not_fail(
    make_bot: MakeBot, postgres_database: Any, monkeypatch: pytest.MonkeyPatch, idle: str
) -> None:
    if idle == "long":
        monkeypatch.setattr(database, "PING_AFTER_IDLE_SECONDS", 0.0)
    bot = await make_bot(database=postgres_database, dialogs=Counting())
    backends = await PooledBackends.watch(bot.app[ENGINE])
    assert (await bot.say("ett")).status == 202
    backends.end_all()

    assert (await bot.say("två")).status == 202
    labels = [c["body"][0]["text"] for c in bot.connector.cards("conv-1")]
    assert labels[-2:] == ["turn 1 (ett) []", "turn 2 (två) []"]


async def test_bursts_of_turns_reuse_the_pools_connections_instead_of_opening_new_ones(
    engine_factory: Any,
) -> None:
    engine = await engine_factory()
    storage = SqlStorage(engine)
    await storage.write({"k": CachedAgentState(cast(dict[str, Any], {"n": 1}))})
    backends = await PooledBackends.watch(engine)

    async def burst() -> None:  # 32 turns' reads at once, as at 32 busy conversations
        await asyncio.gather(*(storage.read(["k"], target_cls=CachedAgentState)
                               for _ in range(32)))

    await burst()
    opened = backends.connects
    assert 1 <= opened <= 20  # the pool's size: the others waited for one
    for _ in range(3):
        await burst()
    assert backends.connects == opened  # kept open between bursts, not closed and reopened


async def test_every_way_a_state_statement_ends_gives_its_connection_back_once(
    engine_factory: Any,
) -> None:
    """A read, a write, a conflict, a failed statement, a cancelled one and a dropped
    connection each give their pooled connection back (``SqlStorage`` takes them from the
    pool itself, not through SQLAlchemy's ``Connection``): none is left checked out, and
    32 reads and 32 writes at once afterwards all succeed."""
    engine = await engine_factory()
    storage = SqlStorage(engine)
    pool: Any = engine.sync_engine.pool
    await storage.write({"k": CachedAgentState(cast(dict[str, Any], {"n": 1}))})
    stale = (await storage.read(["k"], target_cls=CachedAgentState))["k"]
    await storage.write({"k": (await storage.read(["k"], target_cls=CachedAgentState))["k"]})
    with pytest.raises(StorageConflict):  # the version read first is gone
        await storage.write({"k": stale, "j": CachedAgentState(cast(dict[str, Any], {}))})
    with pytest.raises(asyncpg.InvalidTextRepresentationError):  # not JSON: the server says
        await storage._write_postgres([("k", "{not json", None)], datetime.now(UTC))
    # A write waiting for a row another transaction holds, cancelled while it waits.
    async with engine.connect() as other:
        await other.exec_driver_sql("SELECT 1 FROM bot_state WHERE \"key\" = 'k' FOR UPDATE")
        waiting = asyncio.create_task(storage.write({"k": CachedAgentState(
            cast(dict[str, Any], {"n": 9}))}))
        await _until_a_backend_waits_for_a_lock(engine)
        assert not waiting.done()
        waiting.cancel()
        with pytest.raises(asyncio.CancelledError):
            await waiting
        await other.rollback()
    backends = await PooledBackends.watch(engine)
    await _stored(storage)
    backends.end_all()
    await storage.read(["k"], target_cls=CachedAgentState)  # read again on a new connection
    assert pool.checkedout() == 0
    # 32 reads and writes at once: each on a connection of its own, none failing.
    items = await asyncio.gather(*(storage.read(["k"], target_cls=CachedAgentState)
                                   for _ in range(32)))
    assert all(_n(item["k"]) == 1 for item in items)
    await asyncio.gather(*(storage.write({f"w{i}": CachedAgentState(cast(dict[str, Any], {}))})
                           for i in range(32)))
    assert pool.checkedout() == 0
    assert pool.checkedin() <= 20


async def _until_a_backend_waits_for_a_lock(engine: AsyncEngine) -> None:
    """Until a state write (``bot_state_write``) waits for a row lock on the server."""
    for _ in range(500):  # each look a new connection: a transaction sees one snapshot
        async with engine.connect() as conn:
            waiting = (await conn.exec_driver_sql(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock' AND query LIKE '%bot_state_write(%'")).scalar()
        if waiting:
            return
        await asyncio.sleep(0.02)
    raise AssertionError("no backend came to wait for a lock")


async def test_a_write_locks_its_rows_in_the_keys_order_so_two_writers_cannot_deadlock(
    engine_factory: Any,
) -> None:
    """Two turns writing the same two rows given in different orders would each lock one
    and wait for the other's: PostgreSQL then fails one of them. ``write`` takes the rows
    in the keys' order whatever the order given: here "b" is held elsewhere, and a write
    of {"b", "a"} has locked "a" already while it waits for "b"."""
    engine = await engine_factory()
    storage = SqlStorage(engine)
    await storage.write({k: CachedAgentState(cast(dict[str, Any], {"n": 1})) for k in "ab"})
    async with engine.connect() as holder, engine.connect() as prober:
        await holder.exec_driver_sql("SELECT 1 FROM bot_state WHERE \"key\" = 'b' FOR UPDATE")
        waiting = asyncio.create_task(storage.write(
            {k: CachedAgentState(cast(dict[str, Any], {"n": 2})) for k in "ba"}))
        await _until_a_backend_waits_for_a_lock(engine)
        assert not waiting.done()  # waits for "b"
        with pytest.raises(Exception, match="could not obtain lock"):
            await prober.exec_driver_sql(
                "SELECT 1 FROM bot_state WHERE \"key\" = 'a' FOR UPDATE NOWAIT")
        await prober.rollback()
        await holder.rollback()
        await waiting
    read = await storage.read(["a", "b"], target_cls=CachedAgentState)
    assert [_n(read[k]) for k in "ab"] == [2, 2]
