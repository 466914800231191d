"""Opening the bot's database for the operator commands (``cases``, ``outbox``).

The database is the bot's (``STRATEGIKOLLEN_DATABASE_URL`` through ``bot.settings``).
These commands never migrate it and never create an empty SQLite file where the bot's
should be; every way the database can fail becomes a plain message, never a traceback.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Collection, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from policy import Lang

from .texts import t

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine

    from bot.settings import Settings

__all__ = ["BadInput", "DatabaseProblem", "load_settings", "opened"]

class BadInput(Exception):
    """The user asked for something that does not exist or cannot be done (exit 2)."""


class DatabaseProblem(Exception):
    """The settings cannot be read, or the database cannot be reached or lacks the
    tables the command needs (exit 1)."""


def load_settings(lang: Lang) -> Settings:
    """The bot's settings from the environment; a ``DatabaseProblem`` when they are bad."""
    from pydantic import ValidationError

    from bot.settings import Settings

    try:
        return Settings()
    except ValidationError as error:
        why = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        raise DatabaseProblem(t("db.settings", lang, why=why)) from error


@asynccontextmanager
async def opened(
    settings: Settings, lang: Lang, *, tables: Collection[str], what: Mapping[Lang, str]
) -> AsyncIterator[AsyncEngine]:
    """The bot's database, checked to hold ``tables`` (else: "has ``what`` yet, start the
    bot once", ``what`` being e.g. "no outbox"). A database failure inside the block
    becomes a ``DatabaseProblem``."""
    from sqlalchemy import inspect
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import SQLAlchemyError

    from bot.persistence.database import create_engine

    url = settings.db_url
    try:
        parsed = make_url(url)
        shown = parsed.render_as_string(hide_password=True)
    except (SQLAlchemyError, ValueError) as error:
        raise DatabaseProblem(t("db.unreachable", lang, url="?", why=_why(error))) from error
    file = parsed.database if parsed.get_backend_name() == "sqlite" else None
    if file not in (None, "", ":memory:") and not Path(str(file)).is_file():
        # Reading must not create an empty database where the bot's should be.
        raise DatabaseProblem(t("db.no_file", lang, url=shown))
    failures = _database_failures()
    engine: AsyncEngine | None = None
    try:
        engine = create_engine(url, schema=settings.database_schema)
        async with engine.connect() as conn:
            present = set(await conn.run_sync(lambda c: inspect(c).get_table_names()))
        if not set(tables) <= present:
            raise DatabaseProblem(t("db.not_migrated", lang, url=shown, what=what[lang]))
        yield engine
    except failures as error:
        raise DatabaseProblem(t("db.unreachable", lang, url=shown, why=_why(error))) from error
    finally:
        if engine is not None:
            await engine.dispose()


def _database_failures() -> tuple[type[BaseException], ...]:
    from sqlalchemy.exc import SQLAlchemyError

    failures: list[type[BaseException]] = [OSError, SQLAlchemyError, ImportError]
    try:
        import asyncpg

        failures += [asyncpg.PostgresError, asyncpg.InterfaceError]
    except ImportError:  # pragma: no cover - asyncpg is a dependency
        pass
    return tuple(failures)


def _why(error: BaseException) -> str:
    first = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {first}" if first else type(error).__name__
