"""Delivery across real server processes (``strategikollen serve --dev``), killed with
SIGKILL at the worst moments, and two of them sharing one PostgreSQL schema.

The stand-in Bot Connector and Graph run in this process; the servers post to it
(their messages' service URL) and look posts up in it (STRATEGIKOLLEN_GRAPH_URL).
"""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.outbox import OutboxKind
from bot.persistence.database import create_engine, migrate

from .bot_harness import Connector, free_port
from .test_delivery import (
    CHANNEL,
    GROUP,
    TEAM,
    busiest_second,
    case_post,
    case_posts_in_channel,
    outbox_rows,
    queue_case_post,
    queue_message,
    received,
    register_channel,
)

ROOT = Path(__file__).resolve().parents[2]
EXECUTABLE = ROOT / ".venv" / "bin" / "strategikollen"
LEASE_SECONDS = 3  # short, so that a dead process's row is taken over soon
START_TIMEOUT = 90.0
DELIVERY_TIMEOUT = 90.0


@dataclass
class Server:
    """A ``strategikollen serve --dev`` child process."""

    process: asyncio.subprocess.Process
    port: int
    log: Path

    def kill(self) -> None:
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGKILL)

    def output(self) -> str:
        return self.log.read_text("utf-8", errors="replace")[-4000:]


Database = Any  # tests/conftest.py's Database: url, schema (None on SQLite), kind
StartServer = Callable[..., Awaitable[Server]]  # (database, **STRATEGIKOLLEN_* overrides)


async def _engine(database: Database) -> AsyncEngine:
    engine = create_engine(database.url, schema=database.schema)
    await migrate(engine, schema=database.schema)
    return engine


@pytest.fixture
async def engine(database: Database) -> AsyncIterator[AsyncEngine]:
    engine = await _engine(database)
    yield engine
    await engine.dispose()


@pytest.fixture
async def start_server(connector: Connector, tmp_path: Path) -> AsyncIterator[StartServer]:
    """Start servers on a database; every one is killed at the end, whatever happens."""
    servers: list[Server] = []

    async def start(database: Database, **settings: str) -> Server:
        port = free_port()
        env = {
            **os.environ,
            "STRATEGIKOLLEN_DATABASE_URL": database.url,
            "STRATEGIKOLLEN_GRAPH_URL": connector.graph_url,
            "STRATEGIKOLLEN_DELIVERY_LEASE_SECONDS": str(LEASE_SECONDS),
            "STRATEGIKOLLEN_DELIVERY_POLL_SECONDS": "0.2",
            "STRATEGIKOLLEN_LOG_LEVEL": "INFO",
            **settings,
        }
        if database.schema:
            env["STRATEGIKOLLEN_DATABASE_SCHEMA"] = database.schema
        log = tmp_path / f"server-{len(servers)}.log"
        with log.open("wb") as sink:
            process = await asyncio.create_subprocess_exec(
                str(EXECUTABLE),
                "serve",
                "--dev",
                "--port",
                str(port),
                cwd=tmp_path,
                env=env,
                stdout=sink,
                stderr=sink,
            )
        server = Server(process, port, log)
        servers.append(server)
        await _wait_until_ready(server)
        return server

    try:
        yield start
    finally:
        for server in servers:
            server.kill()
        for server in servers:
            await server.process.wait()


async def _wait_until_ready(server: Server) -> None:
    url = f"http://127.0.0.1:{server.port}/readyz"
    loop = asyncio.get_running_loop()
    deadline = loop.time() + START_TIMEOUT
    async with httpx.AsyncClient(timeout=2.0) as http:
        while True:
            if server.process.returncode is not None:
                raise AssertionError(f"the server exited early:\n{server.output()}")
            try:
                if (await http.get(url)).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            if loop.time() > deadline:
                raise AssertionError(f"the server was not ready in time:\n{server.output()}")
            await asyncio.sleep(0.2)


async def _kill(server: Server) -> None:
    server.kill()
    await server.process.wait()


async def _wait_for_rows(
    engine: AsyncEngine, condition: Callable[[list[Any]], bool], what: str
) -> list[Any]:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + DELIVERY_TIMEOUT
    while True:
        rows: list[Any] = await outbox_rows(engine)
        if condition(rows):
            return rows
        if loop.time() > deadline:
            states = [(r.id, r.status, r.attempts, r.last_error) for r in rows]
            raise AssertionError(f"timed out waiting for {what}: {states}")
        await asyncio.sleep(0.1)


def _all_sent(rows: list[Any]) -> bool:
    return bool(rows) and all(r.status == "sent" for r in rows)


async def _ib_channel(engine: AsyncEngine, connector: Connector) -> None:
    connector.teams[TEAM] = {"name": "IB", "aadGroupId": GROUP}
    await register_channel(engine, connector.url)


async def test_killed_between_queueing_and_delivery_the_post_arrives_once(
    engine: AsyncEngine, connector: Connector, start_server: StartServer, database: Database
) -> None:
    await _ib_channel(engine, connector)
    connector.down = True  # the first server cannot deliver: it tries, and dies trying
    first = await start_server(database)
    case_id, _ = await queue_case_post(engine, connector.url)
    await connector.wait_for(
        lambda: any(CHANNEL in r.path for r in connector.requests),
        timeout=DELIVERY_TIMEOUT,
        what="the first server's attempt",
    )
    await _kill(first)
    assert connector.calls == []
    connector.down = False

    second = await start_server(database)
    await _wait_for_rows(engine, _all_sent, "the post to be delivered")

    posts = case_posts_in_channel(connector, case_id)
    assert len(posts) == 1, second.output()
    assert (await case_post(engine, case_id)).activity_id == posts[0].answer_id


async def test_killed_after_teams_took_the_post_it_is_found_not_posted_again(
    engine: AsyncEngine, connector: Connector, start_server: StartServer, database: Database
) -> None:
    await _ib_channel(engine, connector)
    connector.hold()  # Teams takes the post, but its answer never reaches the server
    first = await start_server(database)
    case_id, _ = await queue_case_post(engine, connector.url)
    await connector.wait_for(
        lambda: len(case_posts_in_channel(connector, case_id)) == 1,
        timeout=DELIVERY_TIMEOUT,
        what="the post to reach the connector",
    )
    await _kill(first)
    connector.release()
    (held,) = case_posts_in_channel(connector, case_id)

    second = await start_server(database)
    rows = await _wait_for_rows(engine, _all_sent, "the post to be recorded")

    assert len(case_posts_in_channel(connector, case_id)) == 1, second.output()
    assert rows[0].sent_activity_id == held.answer_id
    assert (await case_post(engine, case_id)).activity_id == held.answer_id
    assert any(r.path.startswith("/v1.0/teams/") for r in connector.requests)


@pytest.mark.postgres
async def test_two_servers_on_one_schema_deliver_each_message_once_in_order(
    connector: Connector, start_server: StartServer, postgres_database: Database
) -> None:
    engine = await _engine(postgres_database)
    try:
        await _ib_channel(engine, connector)
        conversations = [f"a:chat-{i}" for i in range(4)]
        # Both servers are up before anything is queued, so both see all of it at once.
        await asyncio.gather(start_server(postgres_database), start_server(postgres_database))
        for n in range(9):
            for conversation in conversations:
                await queue_message(engine, connector.url, conversation, f"{n}")
        case_ids = [(await queue_case_post(engine, connector.url))[0] for _ in range(3)]
        for n in range(3):  # plain posts in the IB channel, after the cases' posts
            await queue_message(engine, connector.url, CHANNEL, f"{n}", kind=OutboxKind.POST)

        rows = await _wait_for_rows(engine, _all_sent, "all 42 messages")
    finally:
        await engine.dispose()

    assert len(rows) == 42
    for conversation in conversations:
        assert connector.texts(conversation) == [str(n) for n in range(9)]
        assert busiest_second(received(connector, conversation)) <= 7
    in_channel = [
        post.body.get("text")
        or post.body["attachments"][0]["content"]["refresh"]["action"]["data"]["case"]
        for post in connector.top_level_posts(CHANNEL)
    ]
    assert in_channel == [*case_ids, "0", "1", "2"]  # each once, in the order queued
    assert busiest_second(received(connector, CHANNEL)) <= 7
