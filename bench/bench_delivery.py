"""Messages per second the delivery worker gets through to a stand-in Bot Connector.

    .venv/bin/python bench/bench_delivery.py [--conversations 8] [--messages 30]
                                             [--workers 1] [--max-per-second 7]
                                             [--postgres-url URL] [--no-postgres]

For SQLite (a file in a temporary folder) and PostgreSQL (a schema of its own, dropped
afterwards; skipped when the server cannot be reached), the outbox is filled with
``--messages`` messages for each of ``--conversations`` conversations, then ``--workers``
delivery workers (in this process, each with its own worker id, competing for the rows as
separate processes would) deliver them to the stand-in Bot Connector on loopback (the
one the tests use). The time runs from the workers' start until the last message is
marked sent. Teams allows 7 messages per second per conversation, so the ceiling is
``conversations × max-per-second``; the worker waits 1/max-per-second after each answer
before the next message to the same conversation, so it stays below that ceiling by the
round trip. Printed per database: messages, seconds, messages/s, the ceiling, and the
busiest second of any one conversation as the stand-in saw it.
"""

from __future__ import annotations

import argparse
import asyncio
import shlex
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from _postgres import postgres_reachable  # noqa: E402  (this script's own folder)
from sqlalchemy import func, select  # noqa: E402
from sqlalchemy.ext.asyncio import AsyncEngine  # noqa: E402

from bot.clock import SystemClock  # noqa: E402
from bot.outbox import OutboxKind, Target, enqueue  # noqa: E402
from bot.outbox.worker import DeliveryWorker  # noqa: E402
from bot.persistence.database import create_engine, migrate  # noqa: E402
from bot.persistence.tables import outbox_table  # noqa: E402
from bot.teams.connector import ConnectorClient, url_checker  # noqa: E402
from tests.bot.bot_harness import Connector  # noqa: E402

POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"


async def fill(engine: AsyncEngine, service_url: str, conversations: int, messages: int) -> int:
    now = SystemClock().now()
    async with engine.begin() as conn:
        for n in range(messages):
            for c in range(conversations):
                conversation = f"a:bench-{c}"
                await enqueue(
                    conn,
                    key=f"{conversation}:{n}",
                    kind=OutboxKind.NOTIFY,
                    target=Target(service_url=service_url, conversation_id=conversation),
                    activity={"type": "message", "text": f"{n}"},
                    conversation_key=conversation,
                    now=now,
                )
    return conversations * messages


async def unsent(engine: AsyncEngine) -> int:
    async with engine.connect() as conn:
        query = select(func.count()).where(outbox_table.c.status != "sent")
        return int((await conn.execute(query)).scalar_one())


def busiest_second(times: list[float]) -> int:
    return max((sum(1 for u in times if t <= u < t + 1.0) for t in times), default=0)


async def run_one(label: str, url: str, schema: str | None, args: argparse.Namespace) -> None:
    connector = Connector()
    await connector.start()
    engine = create_engine(url, schema=schema)
    client = ConnectorClient(allow_url=url_checker(dev=True))
    workers: list[DeliveryWorker] = []
    try:
        await migrate(engine, schema=schema)
        total = await fill(engine, connector.url, args.conversations, args.messages)
        workers = [
            DeliveryWorker(engine, client, max_per_second=args.max_per_second, poll_seconds=0.05)
            for _ in range(args.workers)
        ]
        started = time.perf_counter()
        for worker in workers:
            worker.start()
        while await unsent(engine):
            await asyncio.sleep(0.02)
        seconds = time.perf_counter() - started
    finally:
        for worker in workers:
            await worker.stop()
        await client.aclose()
        await engine.dispose()
        await connector.stop()
    delivered = sum(len(connector.texts(f"a:bench-{c}")) for c in range(args.conversations))
    assert delivered == total, f"{delivered} delivered of {total}"
    busiest = max(
        busiest_second(sorted(r.at for r in connector.requests if f"/a:bench-{c}/" in r.path))
        for c in range(args.conversations)
    )
    ceiling = args.conversations * args.max_per_second
    print(
        f"{label:<11} {total:>5} msgs  {seconds:6.2f} s  {total / seconds:7.1f} msgs/s  "
        f"(ceiling {ceiling:g}/s)  busiest second per conversation: {busiest}",
        flush=True,
    )


async def drop_schema(url: str, schema: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(url.replace("+asyncpg", ""), timeout=5)
    try:
        await conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    finally:
        await conn.close()


async def main(args: argparse.Namespace) -> None:
    print("$ " + shlex.join([".venv/bin/python", "bench/bench_delivery.py", *sys.argv[1:]]))
    print(
        f"{args.conversations} conversations × {args.messages} messages, "
        f"{args.workers} worker(s), at most {args.max_per_second:g}/s per conversation"
    )
    with tempfile.TemporaryDirectory() as folder:
        await run_one("sqlite", f"sqlite+aiosqlite:///{folder}/bench.db", None, args)
    if args.no_postgres:
        return
    if not await postgres_reachable(args.postgres_url):
        print(f"postgresql  skipped: {args.postgres_url} is unreachable")
        return
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    try:
        await run_one("postgresql", args.postgres_url, schema, args)
    finally:
        await drop_schema(args.postgres_url, schema)


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=8)
    parser.add_argument("--messages", type=int, default=30, help="per conversation")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--max-per-second", type=float, default=7.0)
    parser.add_argument("--postgres-url", default=POSTGRES_URL)
    parser.add_argument("--no-postgres", action="store_true")
    return parser.parse_args(argv)


if __name__ == "__main__":
    asyncio.run(main(parse(sys.argv[1:])))
