"""Fixtures for the bot's tests: a stand-in Bot Connector and the bot served on loopback."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.clock import Clock
from bot.hosting.agent import Dialogs
from bot.hosting.server import create_app
from bot.persistence.database import create_engine, migrate
from bot.settings import Settings

from .bot_harness import CLOCK, Bot, Connector

MakeBot = Callable[..., Awaitable[Bot]]


@pytest.fixture
async def engine(database: Any) -> AsyncIterator[AsyncEngine]:
    """A migrated engine on the test's database (SQLite, and PostgreSQL in a schema)."""
    engine = create_engine(database.url, schema=database.schema)
    await migrate(engine, schema=database.schema)
    yield engine
    await engine.dispose()


@pytest.fixture
async def sqlite_engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    """A migrated engine on a SQLite file, ``tmp_path/state.db``: for what only SQLite
    has (the loop's connection) or needs no second database."""
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'state.db'}")
    await migrate(engine)
    yield engine
    await engine.dispose()


@pytest.fixture
async def connector() -> AsyncIterator[Connector]:
    stand_in = Connector()
    await stand_in.start()
    yield stand_in
    await stand_in.stop()


@pytest.fixture
async def make_bot(connector: Connector, tmp_path: Path) -> AsyncIterator[MakeBot]:
    """Start a bot (dev mode on a SQLite file in tmp_path unless told otherwise), on the
    tests' ``CLOCK`` unless given another clock."""
    started: list[Bot] = []

    async def make(
        *,
        database: Any = None,
        dialogs: Dialogs | None = None,
        environ: Mapping[str, str] | None = None,
        clock: Clock | None = None,
        **settings: Any,
    ) -> Bot:
        if database is None:
            config = {"dev": True, "database_url": f"sqlite+aiosqlite:///{tmp_path}/state.db"}
        else:  # the shared `database` fixture: SQLite or a private PostgreSQL schema
            config = {"dev": True, "database_url": database.url, "database_schema": database.schema}
        config.update(settings)
        app = create_app(Settings(**config), environ=environ or {}, dialogs=dialogs,
                         clock=clock or CLOCK)
        bot = await Bot(app, connector).start()
        started.append(bot)
        return bot

    yield make
    for bot in started:
        await bot.stop()


@pytest.fixture
async def bot(make_bot: MakeBot) -> Bot:
    return await make_bot()
