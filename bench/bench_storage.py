"""CPU time of the bot's state storage alone: a turn's read and write through ``SqlStorage``.

    .venv/bin/python bench/bench_storage.py [--turns 300] [--rounds 3] [--root DIR]
                                            [--postgres-url URL] [--no-postgres]

Each "turn" does what a wizard turn does to the state: one read of the conversation's and
the user's item, then one write with the e-tags read; every turn writes the conversation's
item, every second turn the user's too (the wizard writes both in about 6 of 15 turns). For
SQLite (a file in a temporary folder) and PostgreSQL (a schema of its own, dropped
afterwards; skipped when the server cannot be reached), with 1 conversation and with 32 at
once (``--turns`` turns each at 32, eight times as many at 1), after a warm-up. Printed per
database and concurrency: this process's CPU time and the wall time per turn, the median
of ``--rounds`` and their range. It does not count the database server's own CPU (for
PostgreSQL, ``bench_bot.py`` prints that). ``--root DIR`` measures another checkout's
``SqlStorage`` (a baseline's ``git worktree``) with this script.
"""

from __future__ import annotations

import argparse
import asyncio
import shlex
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any, cast

ROOT = Path(__file__).resolve().parents[1]
if "--root" in sys.argv[:-1]:  # before the imports below: the tree measured
    ROOT = Path(sys.argv[sys.argv.index("--root") + 1]).resolve()
sys.path.insert(0, str(ROOT))

from microsoft_agents.hosting.core.state.agent_state import CachedAgentState  # noqa: E402
from microsoft_agents.hosting.core.storage import StoreItem  # noqa: E402

try:
    from bot.persistence.storage import E_TAG, NEW, SqlStorage, create_engine, migrate
except ModuleNotFoundError:  # a checkout from before bot/ had its parts (issue 15)
    from bot.storage import E_TAG, NEW, SqlStorage, create_engine, migrate  # type: ignore

from _postgres import postgres_reachable  # noqa: E402  (this script's own folder, not --root's)

POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
WIZARD = {"step": "details", "values": {"title": "Studieresa till Paris" * 4,
                                        "kind": "trip", "cost": 42000, "days": list(range(12))}}


async def conversation(storage: SqlStorage, c: int, turns: int) -> None:
    keys = [f"msteams/conversations/bench-{c}", f"msteams/users/bench-{c}"]
    for turn in range(turns):
        read = await storage.read(keys, target_cls=CachedAgentState)
        changes: dict[str, StoreItem] = {}
        for n, key in enumerate(keys):
            if n == 0 or turn % 2 == 0:
                item = read.get(key) or CachedAgentState()
                state = cast(dict[str, Any], item.state)
                state.setdefault(E_TAG, NEW)
                state["strategikollen"] = {**WIZARD, "turn": turn}
                changes[key] = item
        await storage.write(changes)


async def measure(storage: SqlStorage, conversations: int, turns: int) -> tuple[float, float]:
    """(CPU ms, wall ms) per turn for ``conversations`` at once."""
    wall, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(conversation(storage, c, turns) for c in range(conversations)))
    count = conversations * turns
    return (1000 * (time.process_time() - cpu) / count,
            1000 * (time.perf_counter() - wall) / count)


async def run(name: str, url: str, schema: str | None, turns: int, rounds: int) -> None:
    engine = create_engine(url, schema=schema)
    try:
        await migrate(engine, schema=schema)
        storage = SqlStorage(engine)
        for conversations in (1, 32):
            n = max(1, turns * (8 if conversations == 1 else 1))
            await measure(storage, conversations, max(1, n // 4))  # warm-up
            figures = [await measure(storage, conversations, n) for _ in range(rounds)]
            cpu = sorted(f[0] for f in figures)
            wall = sorted(f[1] for f in figures)
            print(f"{name} {conversations} convs, {conversations * n} turns: "
                  f"CPU {statistics.median(cpu):.3f} ms/turn ({cpu[0]:.3f}–{cpu[-1]:.3f}), "
                  f"wall {statistics.median(wall):.3f} ms/turn ({wall[0]:.3f}–{wall[-1]:.3f})",
                  flush=True)
    finally:
        if schema:
            async with engine.begin() as conn:
                await conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        await engine.dispose()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--turns", type=int, default=300, help="turns per conversation at 32")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--postgres-url", default=POSTGRES_URL)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--root", type=Path, default=ROOT, help="the checkout measured")
    args = parser.parse_args()
    print("$", shlex.join([Path(sys.executable).name, *sys.argv]), flush=True)
    print(f"SqlStorage from {ROOT}", flush=True)
    with tempfile.TemporaryDirectory() as folder:
        await run("SQLite", f"sqlite+aiosqlite:///{folder}/state.db", None,
                  args.turns, args.rounds)
    if args.no_postgres:
        return
    if not await postgres_reachable(args.postgres_url):
        print(f"PostgreSQL at {args.postgres_url}: not reachable, skipped")
        return
    await run("PostgreSQL", args.postgres_url, f"bench_{uuid.uuid4().hex[:8]}",
              args.turns, args.rounds)


if __name__ == "__main__":
    asyncio.run(main())
