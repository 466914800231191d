"""Durable state for the Agents SDK: its ``Storage`` interface on SQLAlchemy 2 async.

One table, ``bot_state``: the SDK's storage key (already scoped by the SDK, e.g.
``msteams/conversations/<id>`` and ``msteams/users/<id>``), the item's JSON, a
version that counts the writes, and when it was last written. SQLite by default,
PostgreSQL with a ``postgresql+asyncpg://`` URL. Alembic owns the schema
(``bot/migrations``); ``migrate`` runs it programmatically.

Optimistic concurrency: a read item's JSON carries its version as ``e_tag``; a
write of that item succeeds only if nobody wrote it since, else ``StorageConflict``.
The SDK's ``AgentState`` does not look at e-tags, but its ``CachedAgentState`` keeps
the key like any other property, so the check works through it unchanged.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import itertools
import json
import logging
import re
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

from microsoft_agents.hosting.core.storage import Storage, StoreItem
from pydantic_core import to_jsonable_python
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

__all__ = [
    "E_TAG",
    "NEW",
    "SqlStorage",
    "StorageConflict",
    "create_engine",
    "migrate",
    "ping",
    "state_table",
]

from ..clock import Clock, SystemClock
from .database import (
    MAX_KEY_LENGTH,
    create_engine,
    migrate,
    ping,
    state_table,
    write_gate,
)
from .loop_sqlite import Busy, loop_sqlite

logger = logging.getLogger(__name__)

StoreItemT = TypeVar("StoreItemT", bound=StoreItem)

def _check_keys(keys: Any, operation: str) -> None:
    if not keys:
        raise ValueError(f"SqlStorage.{operation}(): keys are required.")
    for key in keys:
        if not key:
            raise ValueError(f"SqlStorage.{operation}(): a key cannot be empty.")
        if len(key) > MAX_KEY_LENGTH:
            raise ValueError(
                f"SqlStorage.{operation}(): a key is longer than {MAX_KEY_LENGTH} characters."
            )


# A change to apply inside a transaction: on PostgreSQL given the AsyncConnection, on SQLite
# the aiosqlite connection underneath it (see SqlStorage._transaction).
Operation = Callable[[Any], Awaitable[None]]
# An item to write: its key, its JSON as bound, and the version it may replace (see _items).
_Item = tuple[str, Any, int | None]

# SqlStorage's statements, written with SQLite's "?" placeholders; PostgreSQL's read (asyncpg's
# "$1", "$2", ...) is made from it (_numbered). The read's {marks} get one "?" per key; the
# keys travel as parameters. SQLite's writes: insert if absent; insert or replace; replace if
# still at the version read. On PostgreSQL the same three are one function,
# bot_state_write (migration 0005), so that a write of several items is one round trip.
_READ = 'SELECT "key", value, version FROM bot_state WHERE "key" IN ({marks})'
_INSERT_NEW = (
    'INSERT INTO bot_state ("key", value, version, updated_at) VALUES (?, ?, 1, ?) '
    'ON CONFLICT ("key") DO NOTHING RETURNING version'
)
_UPSERT = (
    'INSERT INTO bot_state ("key", value, version, updated_at) VALUES (?, ?, 1, ?) '
    'ON CONFLICT ("key") DO UPDATE SET value = excluded.value, version = bot_state.version + 1, '
    "updated_at = excluded.updated_at RETURNING version"
)
_UPDATE = (
    "UPDATE bot_state SET value = ?, version = version + 1, updated_at = ? "
    'WHERE "key" = ? AND version = ? RETURNING version'
)
_DELETE = 'DELETE FROM bot_state WHERE "key" IN ({marks})'


def _numbered(sql: str) -> str:
    """``sql`` with asyncpg's numbered placeholders for SQLite's ``?``."""
    numbers = itertools.count(1)
    return re.sub(r"\?", lambda _: f"${next(numbers)}", sql)


_WRITE_POSTGRES = "SELECT bot_state_write($1, $2, $3, $4)"
# The SQLSTATE bot_state_write raises when an item cannot be written (its DETAIL: the key).
_CONFLICT_SQLSTATE = "SK409"


@functools.lru_cache(maxsize=64)
def _read_sql(count: int, postgres: bool = False) -> str:
    """The read of ``count`` keys, in SQLite's placeholders or PostgreSQL's."""
    sql = _READ.format(marks=", ".join("?" * count))
    return _numbered(sql) if postgres else sql


# Where an item's version travels in its JSON (the Bot Framework storages' name for it).
E_TAG = "e_tag"
# The e-tag of an item that was not stored when it was read: written only if still absent.
NEW = "0"


def _give_back(raw: Any, error: BaseException, dropped: bool) -> None:
    """After a statement sent to asyncpg on the pooled connection ``raw`` failed: back to
    the pool with it, or out of the pool (``invalidate`` closes it and gives its place
    back) if it dropped or its statement was interrupted (cancelled) half-way, as
    SQLAlchemy does."""
    if dropped or not isinstance(error, Exception):
        raw.invalidate(error)
    else:
        raw.close()


class StorageConflict(Exception):
    """Another writer changed the item since it was read; read it again and redo the change."""

    def __init__(self, key: str) -> None:
        super().__init__(f"{key} was changed by another writer since it was read")
        self.key = key


def _version(e_tag: object) -> int:
    try:
        version = int(str(e_tag))
    except ValueError:
        return -1  # matches no stored version: a conflict
    return version if version > 0 else -1  # stored versions start at 1


class SqlStorage(Storage):
    """The SDK's ``Storage`` on one SQL table.

    On PostgreSQL every write or delete is its own transaction. On a SQLite file, reads
    and writes run on the event loop's thread (``bot.persistence.loop_sqlite``: a read by
    key and a commit take microseconds there, less than the hand-offs to aiosqlite's
    thread), writes behind this process's ``write_gate``. When SQLite is busy (another
    process writing) they go through aiosqlite instead, and there writes are
    group-committed: whatever arrives while a commit is running goes into the next
    transaction together, and each caller returns once its own change is committed. One
    failing change does not fail the others. ``clock`` (default the real time) gives the
    rows' ``updated_at``.
    """

    def __init__(self, engine: AsyncEngine, *, clock: Clock | None = None) -> None:
        self._engine = engine
        self._clock = clock or SystemClock()
        dialect = engine.url.get_backend_name()
        if dialect not in ("postgresql", "sqlite"):
            raise ValueError(f"SqlStorage supports SQLite and PostgreSQL, not {dialect!r}.")
        self._grouped = dialect == "sqlite"
        # How SQLAlchemy stores the JSON and the time on this dialect, for the statements
        # written out above (so the rows are the same as SQLAlchemy's own).
        d = engine.dialect
        self._json_bind = state_table.c.value.type.dialect_impl(d).bind_processor(d)
        self._time_bind = state_table.c.updated_at.type.dialect_impl(d).bind_processor(d)
        self._queue: list[tuple[Operation, asyncio.Future[None]]] = []
        self._loop_db = loop_sqlite(engine)
        self._committer: asyncio.Task[None] | None = None

    async def read(
        self, keys: list[str], *, target_cls: type[StoreItemT], **kwargs: Any
    ) -> dict[str, StoreItemT]:
        """The stored items among ``keys``; keys never written are absent. Each item's JSON
        carries its version as ``e_tag`` (Bot Framework's convention), for ``write``."""
        _check_keys(keys, "read")
        unique = list(dict.fromkeys(keys))
        rows: Sequence[Any] | None = None
        if self._loop_db is not None:
            with contextlib.suppress(Busy):  # then through aiosqlite, which may wait
                rows = self._decoded(self._loop_db.read(_read_sql(len(unique)), unique))
        if rows is None:
            rows = await (self._read_sqlite(unique) if self._grouped
                          else self._read_postgres(unique))
        items: dict[str, StoreItemT] = {}
        for key, value, version in rows:
            if isinstance(value, dict):
                value = {**value, E_TAG: str(version)}
            items[key] = target_cls.from_json_to_store_item(value)  # type: ignore[assignment]
        return items

    async def _read_postgres(self, keys: list[str]) -> list[Any]:
        """The rows for ``keys`` in one SELECT, sent to asyncpg directly.

        Through SQLAlchemy Core (in autocommit) the same SELECT cost this process 0.42 ms
        of CPU time, straight to asyncpg 0.19 ms (issue 13). The connection comes from the
        same pool, with the JSON codecs SQLAlchemy's dialect gave it, taken and given back
        without a SQLAlchemy ``Connection`` around it (``raw_connection``: 18 µs of CPU
        time, through ``AsyncEngine.connect`` 62 µs); outside a transaction asyncpg runs
        the statement in autocommit: no BEGIN, no ROLLBACK.

        If the connection turns out to have been dropped (a server restart, an ended
        backend) the read is made once more, on a new connection: reading twice changes
        nothing. ``create_engine`` pings only connections that were idle for a while, so
        a connection dropped a moment ago that asyncpg has not noticed yet is found here.
        Writes are not made again so: see ``_write_postgres``.
        """
        sql = _read_sql(len(keys), postgres=True)
        for attempt in (1, 2):
            raw = await self._engine.raw_connection()
            driver: Any = raw.driver_connection  # the asyncpg.Connection
            try:
                rows = list(await driver.fetch(sql, *keys))
            except BaseException as error:
                dropped = driver.is_closed()  # SQLAlchemy's own test for a disconnect
                _give_back(raw, error, dropped)
                if not dropped or attempt == 2:
                    raise
                logger.info("State read on a dropped connection; reading again: %s", error)
            else:
                raw.close()
                return rows
        raise AssertionError("unreachable")

    async def _write_postgres(self, items: list[_Item], at: Any) -> dict[str, int]:
        """``write`` on PostgreSQL: one call of ``bot_state_write`` (migration 0005), straight
        to asyncpg, in autocommit. However many items, it is one round trip and one
        statement, so all or none of them are written; before, a write of two items was
        BEGIN, two statements and COMMIT, four round trips (issue 13).

        A write that fails because the connection dropped is not made again: the server
        may have committed it before the connection went, and then the second attempt
        finds a new version, raises ``StorageConflict``, and the turn's step runs twice
        (``GatedTurnState``). The turn fails instead; the next one gets a new connection.
        """
        # In the keys' order: two writers of the same rows lock them in the same order, so
        # they wait for each other instead of deadlocking.
        items = sorted(items, key=lambda item: item[0])
        keys = [key for key, _, _ in items]
        raw = await self._engine.raw_connection()
        driver: Any = raw.driver_connection  # the asyncpg.Connection
        try:
            written = await driver.fetchval(
                _WRITE_POSTGRES, keys, [stored for _, stored, _ in items],
                [expected for _, _, expected in items], at,
            )
        except BaseException as error:
            _give_back(raw, error, driver.is_closed())
            if getattr(error, "sqlstate", None) == _CONFLICT_SQLSTATE:
                raise StorageConflict(getattr(error, "detail", None) or keys[0]) from None
            raise
        raw.close()
        return dict(zip(keys, map(int, written), strict=True))

    async def _read_sqlite(self, keys: list[str]) -> list[tuple[str, Any, int]]:
        """The rows for ``keys`` in one call to aiosqlite's worker thread, when the loop's
        connection cannot read them (SQLite in memory, a busy file, or a write block open on
        that connection); in WAL mode it needs no ``write_gate``.

        Through SQLAlchemy a SELECT on aiosqlite costs five hand-offs between the event loop
        and that thread (cursor, execute, fetchall, close, rollback), each one waiting for
        the GIL while the loop is busy with other turns; this is a third of a turn's time
        under load. The statement is the same plain SELECT, on a connection from the same
        pool; a SELECT opens no transaction in the sqlite3 module, so nothing is left to
        roll back when the connection goes back (``create_engine`` turns the pool's reset
        off for SQLite; SQLAlchemy's own connections still end their transactions).
        """
        async with self._engine.connect() as conn:
            raw = await conn.get_raw_connection()
            driver: Any = raw.driver_connection  # the aiosqlite.Connection
            rows = await driver.execute_fetchall(_read_sql(len(keys)), keys)
        return self._decoded(rows)

    @staticmethod
    def _decoded(rows: Any) -> list[tuple[str, Any, int]]:
        return [
            (key, json.loads(value) if isinstance(value, str | bytes) else value, int(version))
            for key, value, version in rows
        ]

    async def write(self, changes: dict[str, StoreItem]) -> None:
        """Insert or replace each item, all in one transaction; its version counts up by one.

        An item whose JSON carries an ``e_tag`` is written only if the stored version is
        still that one (``NEW``: only if nothing is stored yet; ``"*"`` or none: always);
        otherwise nothing in ``changes`` is written and ``StorageConflict`` is raised.
        Afterwards each written item that keeps its state in a dict (the SDK's
        ``CachedAgentState``) carries its new ``e_tag``.
        """
        _check_keys(changes, "write")
        items = self._items(changes)
        now = self._clock.now()
        at = self._time_bind(now) if self._time_bind is not None else now  # asyncpg: as is
        versions = await (self._write_sqlite(self._statements(items, at)) if self._grouped
                          else self._write_postgres(items, at))
        for key, item in changes.items():
            state = getattr(item, "state", None)
            if isinstance(state, dict) and key in versions:
                state[E_TAG] = str(versions[key])

    async def _write_sqlite(
        self, statements: list[tuple[str, str, tuple[Any, ...]]]
    ) -> dict[str, int]:
        versions: dict[str, int] = {}
        if self._loop_db is not None:
            async with write_gate(self._engine):
                try:
                    with self._loop_db.transaction() as connection:
                        for key, sql, params in statements:
                            row = connection.execute(sql, params).fetchone()
                            if row is None:  # only a conditional write leaves no row behind
                                raise StorageConflict(key)
                            versions[key] = int(row[0])
                    return versions
                except Busy:  # another process writes: wait for it off the loop, below
                    versions.clear()

        async def upsert_sqlite(driver: Any) -> None:
            for key, sql, params in statements:
                rows = await driver.execute_fetchall(sql, params)
                if not rows:  # only a conditional write can leave no row behind
                    raise StorageConflict(key)
                versions[key] = int(rows[0][0])

        await self._apply(upsert_sqlite)
        return versions

    async def delete(self, keys: list[str]) -> None:
        """Remove the items; keys that do not exist are ignored."""
        _check_keys(keys, "delete")
        statement = delete(state_table).where(state_table.c.key.in_(list(keys)))

        async def remove(conn: AsyncConnection) -> None:
            await conn.execute(statement)

        sql = _DELETE.format(marks=", ".join("?" * len(keys)))

        async def remove_sqlite(driver: Any) -> None:
            await driver.execute_fetchall(sql, list(keys))

        if self._loop_db is not None:
            async with write_gate(self._engine):
                with contextlib.suppress(Busy), self._loop_db.transaction() as connection:
                    connection.execute(sql, list(keys))
                    return
        await self._apply(remove_sqlite if self._grouped else remove)

    def _items(self, changes: dict[str, StoreItem]) -> list[_Item]:
        """``write``'s items: (key, its JSON as SQLAlchemy would bind it, the version it may
        replace: None any, 0 none (``NEW``), -1 for an e-tag that is no version, which
        matches nothing)."""
        assert self._json_bind is not None
        items: list[_Item] = []
        for key, item in changes.items():
            value = to_jsonable_python(item.store_item_to_json())
            e_tag = value.pop(E_TAG, None) if isinstance(value, dict) else None
            expected = None if e_tag in (None, "*") else 0 if e_tag == NEW else _version(e_tag)
            items.append((key, self._json_bind(value), expected))
        return items

    @staticmethod
    def _statements(items: list[_Item], at: Any) -> list[tuple[str, str, tuple[Any, ...]]]:
        """SQLite's statements for ``items``: (key, SQL, parameters); the same three writes
        as PostgreSQL's ``bot_state_write``."""
        return [
            (key, _UPSERT, (key, stored, at)) if expected is None
            else (key, _INSERT_NEW, (key, stored, at)) if expected == 0
            else (key, _UPDATE, (stored, at, key, expected))
            for key, stored, expected in items
        ]

    async def _transaction(self, operations: list[Operation]) -> None:
        """Apply ``operations`` in one transaction; all or none.

        On SQLite the statements go straight to the aiosqlite connection under the pooled
        SQLAlchemy one: through SQLAlchemy each statement costs four hand-offs to aiosqlite's
        thread (cursor, execute, fetchall, close), here one, plus one for the COMMIT. The
        sqlite3 module opens the transaction before the first change; it is committed here,
        or rolled back before the connection goes back to the pool.
        """
        if not self._grouped:
            async with self._engine.begin() as conn:
                for operation in operations:
                    await operation(conn)
            return
        async with write_gate(self._engine), self._engine.connect() as conn:
            raw = await conn.get_raw_connection()
            driver: Any = raw.driver_connection  # the aiosqlite.Connection
            try:
                for operation in operations:
                    await operation(driver)
                await driver.commit()
            except BaseException:
                try:
                    await driver.rollback()
                except Exception:
                    raw.invalidate()  # not fit to be used again
                raise

    async def _apply(self, operation: Operation) -> None:
        if not self._grouped:
            await self._transaction([operation])
            return
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queue.append((operation, done))
        if self._committer is None or self._committer.done():
            self._committer = asyncio.create_task(self._commit_queued())
        await done

    async def _commit_queued(self) -> None:
        while self._queue:
            batch, self._queue = self._queue, []
            try:
                await self._transaction([operation for operation, _ in batch])
            except Exception:
                # Something in the batch failed: apply each on its own so only it fails.
                for operation, done in batch:
                    try:
                        await self._transaction([operation])
                    except Exception as error:
                        if not done.done():
                            done.set_exception(error)
                    else:
                        if not done.done():
                            done.set_result(None)
                continue
            for _, done in batch:
                if not done.done():
                    done.set_result(None)

    async def version(self, key: str) -> int | None:
        """How many times ``key`` has been written, or None when it does not exist."""
        if not self._grouped:  # PostgreSQL: as a read, made again on a dropped connection
            rows = await self._read_postgres([key])
            return int(rows[0][2]) if rows else None
        async with self._engine.connect() as conn:
            result = await conn.execute(
                select(state_table.c.version).where(state_table.c.key == key)
            )
            return result.scalar_one_or_none()
