"""Shared fixtures: which database a test runs on.

``database`` runs a test on SQLite (a file in tmp_path) and on PostgreSQL
(127.0.0.1:5432, user postgres, database test) in a schema of its own that is
dropped afterwards. With CI=true the PostgreSQL runs must happen: an unreachable
server fails the test instead of skipping it.

``--frozen-date=YYYY-MM-DD[THH:MM]`` runs the whole session with the wall clock moved to
that moment in Stockholm (noon when no time is given), running on from there
(``time_machine`` with ``tick=True``, so asyncio, the database pools and time-outs work
as usual). ``scripts/test`` runs the tests marked ``dates`` so on New Year's Eve, New
Year's Day, a leap day and the days summer time starts: no test may depend on the day it
runs (issue 9).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

POSTGRES_URL = os.environ.get(
    "STRATEGIKOLLEN_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--frozen-date", metavar="YYYY-MM-DD[THH:MM]", default=None,
        help="run with the wall clock moved to this moment in Stockholm (noon by default); "
             "it runs on from there",
    )


def frozen_moment(value: str) -> datetime:
    """The moment ``--frozen-date`` names: a date (noon) or a date and time, in Stockholm."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as error:
        raise pytest.UsageError(f"--frozen-date {value!r}: use YYYY-MM-DD[THH:MM]") from error
    if "T" not in value and " " not in value:
        moment = datetime.combine(moment.date(), time(12))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("Europe/Stockholm"))
    return moment


_TRAVEL = pytest.StashKey[time_machine.travel]()


def pytest_configure(config: pytest.Config) -> None:
    value = config.getoption("--frozen-date")
    if value:
        moment = frozen_moment(value)
        travel = time_machine.travel(moment, tick=True)
        travel.start()
        config.stash[_TRAVEL] = travel
        # The matrix proves nothing unless the wall clock really moved: check it did.
        if not moment <= datetime.now(UTC) < moment + timedelta(minutes=5):
            raise pytest.UsageError(f"--frozen-date {value}: the wall clock did not move")


def pytest_unconfigure(config: pytest.Config) -> None:
    travel = config.stash.get(_TRAVEL, None)
    if travel is not None:
        travel.stop()


def pytest_report_header(config: pytest.Config) -> str | None:
    value = config.getoption("--frozen-date")
    return f"frozen date: {frozen_moment(value).isoformat()} (running on)" if value else None


@dataclass(frozen=True)
class Database:
    """Where a test's state lives: a SQLAlchemy URL and, on PostgreSQL, a private schema."""

    url: str
    schema: str | None = None

    @property
    def kind(self) -> str:
        return "postgresql" if self.url.startswith("postgresql") else "sqlite"


def sqlite_database(folder: Path) -> Database:
    return Database(f"sqlite+aiosqlite:///{(folder / 'state.db').as_posix()}")


async def _postgres_or_skip() -> None:
    import asyncpg

    try:
        conn = await asyncpg.connect(POSTGRES_URL.replace("+asyncpg", ""), timeout=5)
    except (OSError, asyncpg.PostgresError, TimeoutError) as error:
        reason = f"PostgreSQL at {POSTGRES_URL} is unreachable ({type(error).__name__}: {error})"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; with CI=true the PostgreSQL tests must run.")
        pytest.skip(reason)
    await conn.close()


async def _drop_schema(schema: str, attempts: int = 5) -> None:
    """Drop the test's schema. A bot the test started may still be running (its fixture is
    torn down after this one when the test asked for it first), and its delivery worker's
    poll can meet the DROP in a deadlock; PostgreSQL then aborts one side, so try again."""
    import asyncpg

    conn = await asyncpg.connect(POSTGRES_URL.replace("+asyncpg", ""), timeout=5)
    try:
        for attempt in range(1, attempts + 1):
            try:
                await conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
                return
            except asyncpg.DeadlockDetectedError:
                if attempt == attempts:
                    raise
    finally:
        await conn.close()


@asynccontextmanager
async def _private_postgres_schema() -> AsyncIterator[Database]:
    await _postgres_or_skip()
    schema = f"test_bot_{uuid.uuid4().hex[:12]}"
    try:
        yield Database(POSTGRES_URL, schema)
    finally:
        await _drop_schema(schema)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """The test runs once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        yield sqlite_database(tmp_path)
        return
    async with _private_postgres_schema() as db:
        yield db


@pytest.fixture
async def postgres_database() -> AsyncIterator[Database]:
    """PostgreSQL only (mark the test ``postgres``), in a schema of its own."""
    async with _private_postgres_schema() as db:
        yield db
