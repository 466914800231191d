"""The database under the bot: engine, the state table, and Alembic migrations.

No Agents SDK here, so that the case register and ``strategikollen cases`` can
open the database without loading the SDK. ``bot.persistence.storage`` builds the SDK's
``Storage`` on top of this.
"""

from __future__ import annotations

import ast
import asyncio
import contextlib
import functools
import re
import time
import weakref
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import (
    JSON,
    Column,
    Connection,
    CursorResult,
    DateTime,
    Engine,
    Executable,
    Integer,
    MetaData,
    String,
    Table,
    event,
    exc,
    text,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.schema import CreateSchema

from .loop_sqlite import Busy, LoopConnection, loop_sqlite

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = [
    "JSON_DOCUMENT",
    "MAX_KEY_LENGTH",
    "MIGRATIONS",
    "Executes",
    "alembic_config",
    "create_engine",
    "head_revision",
    "insert_for",
    "metadata",
    "migrate",
    "ping",
    "prepare_sqlite_connection",
    "state_table",
    "write_gate",
    "writing",
]

MIGRATIONS = Path(__file__).parents[1] / "migrations"
MAX_KEY_LENGTH = 1024
_MIGRATION_LOCK = 0x5354_4B4F  # "STKO": the advisory lock id held while migrating

metadata = MetaData()

# A JSON column: JSONB on PostgreSQL, JSON (text) on SQLite; every table's JSON is this one.
JSON_DOCUMENT = JSON().with_variant(postgresql.JSONB(), "postgresql")

# Mirrors bot/migrations/versions/0001_state_table.py; the migration is the source of truth.
state_table = Table(
    "bot_state",
    metadata,
    Column("key", String(MAX_KEY_LENGTH), primary_key=True),
    Column("value", JSON_DOCUMENT, nullable=False),
    Column("version", Integer, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)


# SQLite has one writer at a time. This process's writers (the state's group commits, the
# register, the outbox and its worker, user_refs) take turns at an asyncio lock per engine
# instead of in SQLite's busy handler, which sleeps and retries and so makes the slowest
# turns under load much slower. PostgreSQL locks rows and needs no such gate.
_SQLITE_WRITE_GATES: weakref.WeakKeyDictionary[Engine, asyncio.Lock] = (
    weakref.WeakKeyDictionary()
)


def write_gate(engine: AsyncEngine) -> contextlib.AbstractAsyncContextManager[Any]:
    """Hold this while writing: on SQLite the engine's write lock in this process, on
    PostgreSQL nothing."""
    if engine.dialect.name != "sqlite":
        return contextlib.nullcontext()
    gate = _SQLITE_WRITE_GATES.get(engine.sync_engine)
    if gate is None:
        gate = _SQLITE_WRITE_GATES[engine.sync_engine] = asyncio.Lock()
    return gate


class Executes(Protocol):
    """What a ``writing()`` block is given: an ``AsyncConnection``, or on a SQLite file a
    ``LoopConnection`` with the same ``execute`` and ``dialect``."""

    @property
    def dialect(self) -> Dialect: ...

    async def execute(self, statement: Executable, parameters: Any = None) -> CursorResult[Any]:
        ...


@contextlib.asynccontextmanager
async def writing(engine: AsyncEngine) -> AsyncIterator[Executes]:
    """A write transaction behind the engine's ``write_gate``: committed when the block
    ends, rolled back if it raises.

    On a SQLite file it runs on the event loop's own connection (``loop_sqlite``), so
    each statement costs no hand-off to aiosqlite's thread; the block must then not wait
    for anything but its statements (it holds the loop's connection). When another
    process holds SQLite's write lock it runs through aiosqlite instead, which waits in
    SQLite's busy handler off the loop."""
    loop = loop_sqlite(engine)
    async with write_gate(engine):
        connection = None
        if loop is not None:
            with contextlib.suppress(Busy):
                connection = loop.begin()
        if loop is None or connection is None:
            async with engine.begin() as conn:
                yield conn
            return
        try:
            yield LoopConnection(connection)
        except BaseException:
            connection.rollback()
            raise
        else:
            loop.commit(connection)
        finally:
            connection.close()


def insert_for(conn: Executes | AsyncConnection | AsyncEngine) -> Callable[[Table], Any]:
    """The database's own ``insert`` (PostgreSQL's or SQLite's), for the upserts: both
    have ``on_conflict_do_nothing``/``on_conflict_do_update`` and ``RETURNING``, which the
    generic ``sqlalchemy.insert`` has not."""
    return postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert


# A PostgreSQL connection that sat in the pool longer than this is pinged before it is used.
PING_AFTER_IDLE_SECONDS = 10.0

_CHECKED_IN_AT = "strategikollen_checked_in_at"


def _watch_idle_connections(engine: AsyncEngine, ping_after_idle: float | None) -> None:
    dialect = engine.dialect

    def checked_in(_dbapi_connection: Any, record: Any) -> None:
        record.info[_CHECKED_IN_AT] = time.monotonic()

    def checked_out(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        _check_out(dialect, dbapi_connection, record, ping_after_idle)

    event.listen(engine.sync_engine, "checkin", checked_in)
    event.listen(engine.sync_engine, "checkout", checked_out)


def _check_out(
    dialect: Any, dbapi_connection: Any, record: Any, ping_after_idle: float | None
) -> None:
    """The pool's ``checkout`` event on PostgreSQL: raise ``DisconnectionError`` (the pool
    then opens a new connection in its place) if the connection is known to be closed, or
    if it was idle long enough to be pinged and the ping fails.

    It runs inside SQLAlchemy's greenlet, so the async dialect's ``do_ping`` can wait on
    asyncpg. A connection the server ended (a restart, ``pg_terminate_backend``) is
    usually known to asyncpg already once the event loop has read the end of its socket;
    what it cannot know, a connection dropped without a word on the way, happens to idle
    connections, hence the ping after an idle time only. What slips through both fails
    the statement; ``SqlStorage.read`` retries once, see there.
    """
    checked_in_at = record.info.pop(_CHECKED_IN_AT, None)
    driver = getattr(dbapi_connection, "driver_connection", None)
    if driver is not None and driver.is_closed():
        raise exc.DisconnectionError("the connection was closed while in the pool")
    if checked_in_at is None:  # new: it has not been in the pool yet
        return
    limit = PING_AFTER_IDLE_SECONDS if ping_after_idle is None else ping_after_idle
    if time.monotonic() - checked_in_at < limit:
        return
    try:
        dialect.do_ping(dbapi_connection)
    except Exception as error:
        raise exc.DisconnectionError(f"the ping after an idle time failed: {error}") from error


def create_engine(
    url: str, *, schema: str | None = None, ping_after_idle: float | None = None
) -> AsyncEngine:
    """An async engine for ``url``; on PostgreSQL ``schema`` becomes the search_path.

    On PostgreSQL a pooled connection is checked as it leaves the pool (``_check_out``):
    one that asyncpg already knows to be closed is replaced at no cost, and one that sat
    idle longer than ``ping_after_idle`` seconds (default ``PING_AFTER_IDLE_SECONDS``) is
    pinged first, where a firewall or the server may have dropped it silently.
    """
    parsed = make_url(url)
    connect_args: dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql" and schema:
        connect_args["server_settings"] = {"search_path": schema}
    # A server connection can drop between turns; a SQLite file cannot. No pre-ping for it
    # all the same: on asyncpg that is BEGIN, an empty query and ROLLBACK, three round trips
    # on every checkout, and a turn checks out at least twice. _check_out does it cheaper.
    sqlite_db = parsed.get_backend_name() == "sqlite"
    pre_ping = False
    pool: dict[str, Any] = {}
    if sqlite_db:
        # The default pool keeps 5 connections and opens up to 10 more under load, closing
        # each again as it comes back: on aiosqlite a new thread, a new file handle and the
        # pragmas for a turn at a time. The same 15 at most, kept open, serve busy periods.
        # And no ROLLBACK when a connection goes back: every SQLAlchemy Connection ends its
        # own transaction when it closes (commit, or rollback of what it began), and on
        # aiosqlite each needless ROLLBACK is one more hand-off to the driver's thread.
        pool = {"pool_size": 15, "max_overflow": 0, "pool_reset_on_return": None}
    else:
        # The default pool keeps 5 and closes every connection beyond them as it comes back,
        # so that 32 turns at once opened and closed up to 10 server connections again and
        # again (a TLS attempt, a login and a new backend process each: 4 % of the bot's
        # CPU in the benchmark). 20 are kept open and no more are opened: a turn holds one
        # for a query's time, so a burst beyond them waits a moment for one to come back
        # (at 32 conversations that gave 0.75 / 0.71 of echo's turns/s against 0.70 / 0.60
        # with 15 kept and 10 more opened and closed as needed). Several instances share
        # the server's max_connections (100 by default): 20 each.
        pool = {"pool_size": 20, "max_overflow": 0}
    engine = create_async_engine(parsed, connect_args=connect_args, pool_pre_ping=pre_ping, **pool)
    if parsed.get_backend_name() == "postgresql":
        _watch_idle_connections(engine, ping_after_idle)
    if sqlite_db:
        event.listen(engine.sync_engine, "connect", _on_sqlite_connect)
    return engine


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    prepare_sqlite_connection(dbapi_connection)


def prepare_sqlite_connection(dbapi_connection: Any) -> None:
    """A new SQLite connection's settings: the engine's pooled ones and ``loop_sqlite``'s."""
    # busy_timeout waits instead of failing. synchronous=NORMAL in WAL mode (set once by
    # migrate; it belongs to the file) keeps every committed turn through a crash of the
    # process, though not of the machine, at a fraction of FULL's fsyncs.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
    # SQLite's lower() and LIKE fold only ASCII letters; casefold() folds Å, Ä and Ö too,
    # as PostgreSQL's ILIKE does (the overview's free-text search).
    dbapi_connection.create_function("casefold", 1, _casefold, deterministic=True)


def _casefold(text: str | None) -> str | None:
    return text.casefold() if isinstance(text, str) else text


async def migrate(engine: AsyncEngine, *, schema: str | None = None) -> None:
    """Bring the database to the newest Alembic revision (creating the SQLite folder
    or the PostgreSQL schema first when needed).

    A database already at the newest revision is left as it is without loading Alembic
    (``_at_head``): importing Alembic and its templates took a tenth of the server's
    start-up (issue 13)."""
    url = engine.url
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        # WAL lets readers run beside the one writer; it stays set in the file.
        async with engine.connect() as conn:
            await conn.exec_driver_sql("PRAGMA journal_mode=WAL")
    if await _at_head(engine):
        return
    async with engine.begin() as conn:
        if url.get_backend_name() == "postgresql":
            # Several replicas may start at once: one migrates, the others wait for it.
            await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
            if schema:
                await conn.execute(CreateSchema(schema, if_not_exists=True))
        await conn.run_sync(_upgrade)


_REVISION = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*(.+?)\s*$", re.MULTILINE)


@functools.lru_cache(maxsize=1)
def head_revision() -> str | None:
    """The newest revision among ``bot/migrations/versions``, read from the files' own
    ``revision`` and ``down_revision`` lines without Alembic (which says the same:
    ``tests/bot/test_storage.py``); None unless there is exactly one."""
    revisions: set[str] = set()
    replaced: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = dict(_REVISION.findall(path.read_text()))
        try:
            revision = ast.literal_eval(found["revision"])
            down = ast.literal_eval(found.get("down_revision", "None"))
        except (KeyError, ValueError, SyntaxError):
            return None  # a file written otherwise: let Alembic read it
        revisions.add(revision)
        replaced.update([down] if isinstance(down, str) else down or ())
    heads = revisions - replaced
    return heads.pop() if len(heads) == 1 else None


async def _at_head(engine: AsyncEngine) -> bool:
    """Whether the database records exactly the newest revision as applied."""
    head = head_revision()
    if head is None:
        return False
    try:
        async with engine.connect() as conn:
            versions = (
                await conn.exec_driver_sql("SELECT version_num FROM alembic_version")
            ).scalars().all()
    except exc.DBAPIError:  # no such table (a new database), or no such schema yet
        return False
    return list(versions) == [head]


def alembic_config(connection: Connection) -> Config:
    """Alembic's configuration for running this project's migrations on ``connection``."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _upgrade(connection: Connection) -> None:
    from alembic import command

    command.upgrade(alembic_config(connection), "head")


async def ping(engine: AsyncEngine) -> None:
    """Raise unless the database answers ``SELECT 1``."""
    async with engine.connect() as conn:
        await conn.execute(text("SELECT 1"))
