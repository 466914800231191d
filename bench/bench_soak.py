"""A soak of the served bot: mixed traffic for a long time while Teams refuses some sends.

    .venv/bin/python bench/bench_soak.py [--minutes 30] [--users 8] [--flaky 0.10]
                                         [--interval SECONDS] [--trace]
                                         [--database-url URL [--database-schema S]]

Virtual users, each in their own personal chat, loop over the screening wizard, a
who-decides question, sending a conference to IB and an IB member's action on a case,
against the bot in a process of its own (dev mode; SQLite in a temporary folder unless
``--database-url`` says otherwise). The stand-in Bot Connector (``tests/bot/bot_harness``),
in this process, answers ``--flaky`` of the delivery worker's sends with 429 or 503.
Afterwards the outbox is drained and checked (``tests/bot/soak.py``). Printed: the
traffic, the outbox, lost / sent twice / posted twice, and the memory: the bot process's
RSS and Python's allocated blocks (and this process's RSS, apart) at the start, after
the warm-up (the first minute) and every ``--interval`` seconds (default 120), with the
trend after the warm-up in MB per 10 minutes. ``--trace`` runs the bot under tracemalloc
and prints where its memory grew since the warm-up (slower). Exit 1 when anything was
lost or sent twice or a turn got a 5xx; 0 otherwise. ``tests/bot/test_soak.py`` runs the
same for 20 seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import shlex
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.bot.soak import soak  # noqa: E402


async def _schema(url: str, schema: str, *, drop: bool) -> None:
    import asyncpg

    conn = await asyncpg.connect(url.replace("+asyncpg", ""))
    try:
        if drop:
            await conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    finally:
        await conn.close()


async def main(args: argparse.Namespace) -> int:
    own_schema = None
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite+aiosqlite:///{folder}/soak.db"
        schema = args.database_schema
        if url.startswith("postgresql") and schema is None:
            own_schema = schema = f"bench_soak_{uuid.uuid4().hex[:8]}"
        try:
            figures = await soak(seconds=args.minutes * 60, users=args.users,
                                 flaky=args.flaky, database_url=url, database_schema=schema,
                                 interval=args.interval, trace=args.trace, progress=True)
        finally:
            if own_schema is not None:
                await _schema(url, own_schema, drop=True)
    print("$ " + shlex.join(["bench/bench_soak.py", *sys.argv[1:]]))
    print("database: " + ("PostgreSQL" if url.startswith("postgresql") else "SQLite"))
    for line in figures.lines():
        print(line)
    bad = figures.lost or figures.sent_twice or figures.posted_twice or figures.server_errors
    return 1 if bad else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--users", type=int, default=8)
    parser.add_argument("--flaky", type=float, default=0.10)
    parser.add_argument("--interval", type=float, default=120.0,
                        help="seconds between memory samples")
    parser.add_argument("--trace", action="store_true",
                        help="run the bot under tracemalloc and print what grew")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--database-schema", default=None)
    raise SystemExit(asyncio.run(main(parser.parse_args())))
