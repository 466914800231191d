"""Shared fixtures: which database a test runs on.

``database`` runs a test on SQLite (a file in tmp_path) and on PostgreSQL
(127.0.0.1:5432, user postgres, database test) in a schema of its own that is
dropped afterwards. With CI=true the PostgreSQL runs must happen: an unreachable
server fails the test instead of skipping it.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

POSTGRES_URL = os.environ.get(
    "STRATEGIKOLLEN_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)


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
