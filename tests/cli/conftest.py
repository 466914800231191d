"""Fixtures for the operator commands: a migrated database the command is pointed at."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.persistence.database import create_engine, migrate


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No STRATEGIKOLLEN_* from the machine: each test sets what the command reads."""
    for name in list(os.environ):
        if name.startswith("STRATEGIKOLLEN_"):
            monkeypatch.delenv(name)
    return monkeypatch


@pytest.fixture
async def engine(database: Any, env: pytest.MonkeyPatch) -> AsyncIterator[AsyncEngine]:
    """A migrated database, and STRATEGIKOLLEN_* pointing the command at it."""
    env.setenv("STRATEGIKOLLEN_DATABASE_URL", database.url)
    if database.schema:
        env.setenv("STRATEGIKOLLEN_DATABASE_SCHEMA", database.schema)
    engine = create_engine(database.url, schema=database.schema)
    await migrate(engine, schema=database.schema)
    yield engine
    await engine.dispose()
