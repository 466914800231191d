"""SQLite statements run on the event loop's own thread, for the ones that take microseconds.

aiosqlite runs every call in a thread of its own connection: a call is a hand-off to that
thread and a wake-up of the loop when it is done, and under load each of those waits for
the GIL. For a turn's state, a read by primary key and a one-row write, the hand-offs cost
more CPU than SQLite's work (tens of microseconds in WAL mode with synchronous=NORMAL,
where a commit does not wait for the disk). So those run here, synchronously, on one
``sqlite3`` connection per engine that only the loop's thread uses.

Nothing here may wait, since the loop would wait with it:

- The connection's ``busy_timeout`` is 0. When another *process* holds SQLite's write
  lock (say ``strategikollen privacy erase`` beside the server), or a read finds the file
  busy, ``Busy`` is raised and the caller does the same work through aiosqlite, which
  waits in SQLite's busy handler off the loop. Writers in *this* process take turns at
  ``write_gate`` first, so they never find each other's lock.
- It never checkpoints the WAL (``wal_autocheckpoint=0`` is a setting of the
  connection): a checkpoint copies pages into the database file and syncs it, which can
  take milliseconds. After every ``CHECKPOINT_EVERY`` commits, a passive checkpoint runs
  in a worker thread on a connection of its own; it does not block readers or writers.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import threading
import weakref
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, CursorResult, Engine, Executable, event, exc
from sqlalchemy import create_engine as create_sync_engine
from sqlalchemy.engine.interfaces import Dialect
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import StaticPool

__all__ = ["CHECKPOINT_EVERY", "Busy", "LoopConnection", "LoopSqlite", "loop_sqlite"]

logger = logging.getLogger(__name__)

# Commits between two passive checkpoints. SQLite's own default is every 1,000 pages; a
# turn's state write is one to three pages.
CHECKPOINT_EVERY = 300


class Busy(Exception):
    """SQLite could not take a lock at once; do the work through the threaded driver."""


class LoopSqlite:
    """One ``sqlite3`` connection for the event loop's thread (see the module's text).

    ``setup`` prepares a new connection as the engine's own are (pragmas, functions).
    """

    def __init__(self, path: str, setup: Callable[[sqlite3.Connection], None]) -> None:
        self._path = path
        self._setup = setup
        self._connection: sqlite3.Connection | None = None
        self._engine: Engine | None = None  # SQLAlchemy over the same connection
        self._commits = 0
        self._checkpoint: asyncio.Future[None] | None = None
        self.checkpoints = 0  # passive checkpoints run (for tests and the curious)

    def _conn(self) -> sqlite3.Connection:
        if self._connection is None:
            # Autocommit at the driver (isolation_level=None): a read opens no transaction,
            # and a write says BEGIN IMMEDIATE itself.
            connection = sqlite3.connect(self._path, isolation_level=None)
            self._setup(connection)
            connection.execute("PRAGMA busy_timeout=0")
            connection.execute("PRAGMA wal_autocheckpoint=0")
            self._connection = connection
        return self._connection

    def read(self, sql: str, parameters: Sequence[Any]) -> list[Any]:
        """The rows of one SELECT; ``Busy`` if the file is locked against reading, or if a
        ``begin`` block that is waiting for something has a transaction open here (its
        changes are not committed, so this connection must not read them)."""
        connection = self._conn()
        if connection.in_transaction:
            raise Busy("a write transaction is open on the loop connection")
        try:
            return connection.execute(sql, parameters).fetchall()
        except sqlite3.OperationalError as error:
            raise _busy_or(error) from error

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: BEGIN IMMEDIATE (``Busy`` if another process writes), the
        caller's statements, COMMIT; rolled back if the block raises. Hold ``write_gate``
        around it; nothing inside may await."""
        connection = self._conn()
        try:
            connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise _busy_or(error) from error
        try:
            yield connection
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
        self._committed()

    def begin(self) -> Connection:
        """A SQLAlchemy ``Connection`` over the loop connection, inside BEGIN IMMEDIATE
        (``Busy`` if another process writes); the caller commits or rolls back through it
        and closes it. Hold ``write_gate`` until then; nothing inside may await."""
        if self._engine is None:
            # pysqlite's dialect: the same SQLite types and statements as aiosqlite's,
            # which is built on it. Its commit and rollback end the transaction begun here.
            self._engine = create_sync_engine(
                "sqlite://", creator=self._conn, poolclass=StaticPool, pool_reset_on_return=None
            )
        connection = self._engine.connect()
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except exc.OperationalError as error:
            connection.close()
            if isinstance(error.orig, sqlite3.OperationalError):
                raise _busy_or(error.orig) from error
            raise
        return connection

    def commit(self, connection: Connection) -> None:
        """Commit what ``begin`` began."""
        connection.commit()
        self._committed()

    def _committed(self) -> None:
        self._commits += 1
        if self._commits % CHECKPOINT_EVERY == 0 and (
            self._checkpoint is None or self._checkpoint.done()
        ):
            with contextlib.suppress(RuntimeError):  # no running loop: the next commit will
                self._checkpoint = asyncio.ensure_future(asyncio.to_thread(self._passive))

    def _passive(self) -> None:
        """A passive checkpoint on a connection of this worker thread's own."""
        try:
            with contextlib.closing(sqlite3.connect(self._path, timeout=0)) as connection:
                connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            self.checkpoints += 1
        except sqlite3.Error as error:  # the next one will try again
            logger.warning("SQLite checkpoint skipped: %s", error)

    async def wait_for_checkpoint(self) -> None:
        """Until a checkpoint that is running has finished (for shutdown and tests)."""
        if self._checkpoint is not None:
            await self._checkpoint

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        if self._connection is not None:
            self._connection.close()
            self._connection = None


class LoopConnection:
    """What a ``writing()`` block is given on the loop connection: an ``AsyncConnection``'s
    ``execute`` and ``dialect``, run at once on the loop's thread through SQLAlchemy.
    ``execute`` returns the same buffered ``CursorResult`` as ``AsyncConnection``'s."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self.dialect: Dialect = connection.dialect

    async def execute(
        self, statement: Executable, parameters: Any = None, *, execution_options: Any = None
    ) -> CursorResult[Any]:
        return self._connection.execute(
            statement, parameters, execution_options=execution_options
        )


def _busy_or(error: sqlite3.OperationalError) -> Exception:
    code = getattr(error, "sqlite_errorcode", None)
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "locked" in str(error):
        return Busy(str(error))
    return error


_LOOP_DATABASES: weakref.WeakKeyDictionary[Engine, LoopSqlite] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def loop_sqlite(engine: AsyncEngine) -> LoopSqlite | None:
    """The engine's loop connection, or None where there is none: a server database, or
    SQLite in memory (each connection would have a database of its own)."""
    url = engine.url
    database = url.database
    if url.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    sync_engine = engine.sync_engine
    with _LOCK:
        found = _LOOP_DATABASES.get(sync_engine)
        if found is None:
            from .database import prepare_sqlite_connection

            found = _LOOP_DATABASES[sync_engine] = LoopSqlite(database, prepare_sqlite_connection)
            event.listen(sync_engine, "engine_disposed", lambda _engine: found.close())
    return found
