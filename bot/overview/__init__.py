"""IB's overview in Teams: the tab's server side (issue 11).

``add_overview_routes`` puts the tab on the bot's aiohttp app: the page
(``/tab/``, ``/tab/config``, ``/tab/static/…`` from ``bot/overview/static/``) and its
JSON (``/tab/api/…``: me, cases with filters, sort and paging, a case, the year's
summary, the next meeting's agenda, the table as CSV and .xlsx). The interface between
this side and the page is written down in docs (``/work/notes/overview-api.md`` when it
was agreed); the pieces:

- ``auth``: the Entra ID token from Teams single sign-on, checked against the tenant's
  published keys (httpx + tenacity, cached), audience, issuer, tenant and the clock;
- ``routes``: roles (IB as for the card actions, the secretariat, a submitter, none),
  the handlers, the export, the page's files;
- ``query``: the register's reads in SQL;
- ``seed``: varied cases through the register's own API, for tests and the benchmark;
- ``texts``: what the server side says, Swedish and English.
"""

from __future__ import annotations

from collections.abc import Collection

import httpx
from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncEngine

from ..clock import Clock
from ..ib import IbService
from ..settings import Settings
from .auth import KeySet, TokenValidator
from .routes import OVERVIEW, Overview, setup_routes

__all__ = ["OVERVIEW", "Overview", "add_overview_routes"]


def add_overview_routes(
    app: web.Application,
    *,
    engine: AsyncEngine,
    settings: Settings,
    clock: Clock,
    ib: IbService,
    tenants: Collection[str] | None,
) -> None:
    """The tab's routes on ``app``. ``tenants`` are the tenants whose users may sign in
    (the bot's own; ``None`` in dev mode without STRATEGIKOLLEN_ALLOWED_TENANTS: any)."""
    client = httpx.AsyncClient(timeout=5.0)
    keys = KeySet(settings.tab_jwks_url, client=client)
    validator = TokenValidator(keys, audiences=settings.tab_audiences, tenants=tenants,
                               clock=clock)
    setup_routes(app, Overview(engine=engine, settings=settings, clock=clock, ib=ib,
                               validator=validator))

    async def close(_app: web.Application) -> None:
        await client.aclose()

    app.on_cleanup.append(close)
