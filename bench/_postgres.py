"""For the bench scripts: whether the PostgreSQL server of a URL answers. Only asyncpg, so a
script measuring another checkout (``--root``) loads none of this tree's code with it."""

from __future__ import annotations


async def postgres_reachable(url: str) -> bool:
    import asyncpg

    try:
        conn = await asyncpg.connect(url.replace("+asyncpg", ""), timeout=5)
    except (OSError, asyncpg.PostgresError, TimeoutError):
        return False
    await conn.close()
    return True
