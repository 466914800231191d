"""The overview tab's requests over a register of 10,000 cases: p50 and p95 per request.

    .venv/bin/python bench/bench_overview.py [--cases 10000] [--runs 40] [--db PATH]

The register is seeded through its own API (``bot.overview.seed``) into a SQLite file
(kept, and reused when it already holds that many cases), then the bot is served in dev
mode on loopback with an IB member as the tab's test user, and each request is timed
from the client: the table's first page with and without filters, sorted by cost, the
summary, the agenda and the CSV and XLSX exports of a filtered table. The aim is a p95
under 200 ms on the project's machine.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.clock import FixedClock
from bot.hosting.server import create_app
from bot.overview.seed import SUBMITTERS, seed_cases
from bot.persistence.database import create_engine, migrate
from bot.persistence.register import CaseRegister, case_table
from bot.settings import Settings

IB_MEMBER = "00000000-0000-0000-0000-0000000000b1"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
REQUESTS = [
    ("cases, first page", "/tab/api/cases"),
    ("cases, filtered", "/tab/api/cases?status=accepted&status=on_agenda&year=2026&kind=trip"),
    ("cases, free text", "/tab/api/cases?q=finland"),
    ("cases, by cost", "/tab/api/cases?sort=cost&order=desc"),
    ("cases, a submitter's", "/tab/api/cases?view=mine&as=submitter"),
    ("summary", "/tab/api/summary?year=2025"),
    ("agenda", "/tab/api/agenda"),
    ("export csv, filtered", "/tab/api/cases.csv?status=accepted"),
    ("export xlsx, filtered", "/tab/api/cases.xlsx?status=accepted"),
]


async def _seed(url: str, count: int) -> None:
    engine = create_engine(url)
    await migrate(engine)
    async with engine.connect() as conn:
        have = int((await conn.execute(select(func.count()).select_from(case_table))).scalar_one())
    if have != count:
        if have:
            raise SystemExit(f"{url} holds {have} cases, not {count}: remove it first.")
        clock = FixedClock(datetime(2025, 1, 7, 8, 0, tzinfo=UTC))
        began = time.monotonic()
        await seed_cases(CaseRegister(engine, clock=clock), clock, count)
        print(f"seeded {count} cases in {time.monotonic() - began:.0f} s", file=sys.stderr)
    await engine.dispose()


async def _time(client: TestClient, path: str, runs: int) -> list[float]:  # type: ignore[type-arg]
    out = []
    for _ in range(runs + 3):
        began = time.perf_counter()
        response = await client.get(path)
        await response.read()
        if response.status != 200:
            raise SystemExit(f"{path}: HTTP {response.status}: {await response.text()}")
        out.append((time.perf_counter() - began) * 1000)
    return out[3:]  # the first few warm the caches


async def main(count: int, runs: int, db: Path) -> int:
    url = f"sqlite+aiosqlite:///{db.as_posix()}"
    await _seed(url, count)
    worst = 0.0
    for who, user in (("IB", IB_MEMBER), ("submitter", SUBMITTERS[0].id)):
        settings = Settings(dev=True, database_url=url, ib_members=IB_MEMBER, dev_tab_user=user)
        app = create_app(settings, environ={}, clock=FixedClock(NOW))
        async with TestClient(TestServer(app, host="127.0.0.1")) as client:
            for name, path in REQUESTS:
                if ("as=submitter" in path) != (who == "submitter"):
                    continue
                times = await _time(client, path, runs)
                p50 = statistics.median(times)
                p95 = statistics.quantiles(times, n=20)[18]
                worst = max(worst, p95)
                print(f"{name:26s} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
    print(f"{count} cases: worst p95 {worst:.1f} ms ({'under' if worst < 200 else 'OVER'} 200 ms)")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--db", type=Path, default=Path("/tmp/strategikollen-bench-overview.db"))
    args = parser.parse_args()
    sys.exit(asyncio.run(main(args.cases, args.runs, args.db)))
