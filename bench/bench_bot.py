"""Turns per second and latency of the bot over HTTP, against a minimal echo agent.

    .venv/bin/python bench/bench_bot.py [--scale 1.0] [--max-seconds 180] [--database-url URL]

Everything runs on loopback in this one process: the bot in dev mode (anonymous,
SQLite in a temporary folder), the echo agent (bench/echo_agent.py, same SDK,
MemoryStorage) and a stand-in Bot Connector that receives the replies. A turn
is one POST to /api/messages, timed until its HTTP response; the SDK sends the
replies to the connector before it answers, so they are inside the time.

Scenarios, each with 1 and with 32 concurrent conversations:
  who      "Who decides?" questions typed as messages
  wizard   complete screening wizards (start, kind, details, questions, assess)
  echo     the echo agent, the same message turns
Loops are bounded (a fixed number of turns per conversation) and the whole run
stops after --max-seconds at the latest.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import logging
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import ClientSession, TCPConnector, web

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.echo_agent import create_echo_app  # noqa: E402
from bot.server import create_app  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.storage import create_engine  # noqa: E402
from cards import verbs  # noqa: E402

CASE = ROOT / "tests" / "cases" / "school-visit.json"
CARD = "application/vnd.microsoft.card.adaptive"
QUESTIONS = [
    "Vem beslutar om medlemskap i ett stadsövergripande nätverk?",
    "Who decides on a conference abroad on behalf of the City Executive Board?",
    "Kan vi teckna vänortsavtal med Taipei?",
    "Får förvaltningen ta emot ett studiebesök från Tallinn?",
    "who decides on an EU project for our department",
    "Vem beslutar om en deklaration som inte kostar något?",
]


# --- A stand-in Bot Connector that keeps only the last card per conversation -----------------


@dataclass
class Connector:
    received: int = 0
    last_card: dict[str, dict[str, Any]] = field(default_factory=dict)
    _ids: Iterator[int] = field(default_factory=itertools.count)

    async def post(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.received += 1
        for attachment in body.get("attachments") or []:
            if attachment.get("contentType") == CARD:
                self.last_card[request.match_info["cid"]] = attachment["content"]
        return web.json_response({"id": f"sent-{next(self._ids)}"})

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/v3/conversations/{cid}/activities", self.post)
        app.router.add_post("/v3/conversations/{cid}/activities/{aid}", self.post)
        app.router.add_put("/v3/conversations/{cid}/activities/{aid}", self.post)
        return app


async def start(app: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, f"http://127.0.0.1:{port}"


# --- Turns ------------------------------------------------------------------------------------


@dataclass
class Client:
    session: ClientSession
    bot_url: str
    connector_url: str
    latencies: list[float] = field(default_factory=list)

    def activity(self, conversation: str, **extra: Any) -> dict[str, Any]:
        return {
            "type": "message",
            "id": uuid.uuid4().hex[:12],
            "channelId": "msteams",
            "serviceUrl": self.connector_url,
            "from": {"id": f"29:{conversation}", "name": "Bench", "aadObjectId": conversation},
            "recipient": {"id": "28:bot", "name": "Strategikollen"},
            "conversation": {"id": conversation, "conversationType": "personal"},
            "locale": "sv-SE",
            **extra,
        }

    async def turn(self, activity: dict[str, Any]) -> Any:
        started = time.perf_counter()
        async with self.session.post(f"{self.bot_url}/api/messages", json=activity) as resp:
            body = await resp.read()
            if resp.status >= 300:
                raise RuntimeError(f"HTTP {resp.status}: {body[:300]!r}")
        self.latencies.append(time.perf_counter() - started)
        return json.loads(body) if body else None

    async def say(self, conversation: str, text: str) -> None:
        await self.turn(self.activity(conversation, text=text))

    async def execute(self, conversation: str, verb: str, data: dict[str, Any]) -> Any:
        value = {"action": {"type": "Action.Execute", "verb": verb, "data": data}}
        return await self.turn(
            self.activity(conversation, type="invoke", name="adaptiveCard/action", value=value)
        )


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def _answer(engagement: dict[str, Any], name: str) -> str:
    value: Any = engagement
    for part in name.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(map(str, value))
    return "" if value is None else str(value)


async def wizard_run(
    client: Client, connector: Connector, conversation: str, engagement: dict[str, Any]
) -> None:
    """New assessment → every step → Assess; fails loudly if the result never comes."""
    await client.execute(conversation, verbs.WIZARD_START, {"verb": verbs.WIZARD_START})
    card = connector.last_card[conversation]
    for _ in range(8):
        actions = {e.get("verb"): e for e in _walk(card) if e.get("type") == "Action.Execute"}
        verb = verbs.WIZARD_ASSESS if verbs.WIZARD_ASSESS in actions else verbs.WIZARD_NEXT
        action = actions[verb]
        data = dict(action.get("data", {}))
        if action.get("associatedInputs") == "auto":
            for e in _walk(card.get("body", [])):
                if str(e.get("type", "")).startswith("Input."):
                    data[e["id"]] = _answer(engagement, e["id"])
        body = await client.execute(conversation, verb, data)
        card = body["value"] if body and body.get("type") == CARD else connector.last_card[
            conversation]
        if verb == verbs.WIZARD_ASSESS:
            if not any(str(e.get("id", "")).startswith("owner-") for e in _walk(card)):
                raise RuntimeError("the wizard ended without a result card")
            return
    raise RuntimeError("the wizard never reached Assess")


# --- Running a scenario -----------------------------------------------------------------------


@dataclass
class Result:
    name: str
    conversations: int
    turns: int
    units: int
    seconds: float
    latencies: list[float]

    @property
    def rate(self) -> float:
        return self.turns / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000


async def scenario(
    name: str,
    conversations: int,
    client: Client,
    per_conversation: Callable[[str], Awaitable[int]],
) -> Result:
    client.latencies = []
    run = uuid.uuid4().hex[:6]
    started = time.perf_counter()
    units = await asyncio.gather(
        *(per_conversation(f"{name}-{run}-{i}") for i in range(conversations))
    )
    seconds = time.perf_counter() - started
    return Result(name, conversations, len(client.latencies), sum(units), seconds,
                  list(client.latencies))


def show(result: Result, baseline: Result | None) -> None:
    ratio = f"{result.rate / baseline.rate:6.2f}" if baseline else "     –"
    print(
        f"{result.name:<7} {result.conversations:>5} {result.turns:>7} {result.units:>6} "
        f"{result.rate:>9.1f} {result.percentile(50):>8.1f} {result.percentile(99):>8.1f} {ratio}"
    )


async def main(scale: float, database_url: str | None = None) -> None:
    engagement = json.loads(CASE.read_text("utf-8"))["engagement"]
    connector = Connector()
    with tempfile.TemporaryDirectory() as tmp:
        url = database_url or f"sqlite+aiosqlite:///{tmp}/bench.db"
        # On PostgreSQL the run gets a schema of its own, dropped at the end.
        schema = f"bench_{uuid.uuid4().hex[:8]}" if url.startswith("postgresql") else None
        settings = Settings(dev=True, database_url=url, database_schema=schema)
        runners = []
        try:
            conn_runner, connector_url = await start(connector.app())
            bot_runner, bot_url = await start(create_app(settings, environ={}))
            echo_runner, echo_url = await start(create_echo_app())
            runners = [conn_runner, bot_runner, echo_runner]
            async with ClientSession(connector=TCPConnector(limit=0)) as session:
                bot = Client(session, bot_url, connector_url)
                echo = Client(session, echo_url, connector_url)
                # Warm up: imports, caches and a full connection pool (32 at once).
                await asyncio.gather(*(bot.say(f"warm-up-{i}", "hjälp") for i in range(32)))
                await asyncio.gather(*(echo.say(f"warm-up-{i}", "hello") for i in range(32)))

                def questions(n: int) -> Callable[[str], Awaitable[int]]:
                    async def run(conversation: str) -> int:
                        for i in range(n):
                            await bot.say(conversation, QUESTIONS[i % len(QUESTIONS)])
                        return n
                    return run

                def wizards(n: int) -> Callable[[str], Awaitable[int]]:
                    async def run(conversation: str) -> int:
                        for _ in range(n):
                            await wizard_run(bot, connector, conversation, engagement)
                        return n
                    return run

                def echoes(n: int) -> Callable[[str], Awaitable[int]]:
                    async def run(conversation: str) -> int:
                        for i in range(n):
                            await echo.say(conversation, QUESTIONS[i % len(QUESTIONS)])
                        return n
                    return run

                print(f"{'':<7} {'convs':>5} {'turns':>7} {'units':>6} {'turns/s':>9} "
                      f"{'p50 ms':>8} {'p99 ms':>8} {'÷echo':>6}")
                for conversations in (1, 32):
                    turns = max(1, round((200 if conversations == 1 else 20) * scale))
                    runs = max(1, round((30 if conversations == 1 else 3) * scale))
                    baseline = await scenario("echo", conversations, echo, echoes(turns))
                    who = await scenario("who", conversations, bot, questions(turns))
                    wiz = await scenario("wizard", conversations, bot, wizards(runs))
                    show(baseline, None)
                    show(who, baseline)
                    show(wiz, baseline)
            print(f"(units: messages for echo/who, complete wizard runs for wizard; "
                  f"{connector.received} replies reached the stand-in connector)")
        finally:
            for runner in reversed(runners):
                await runner.cleanup()
            if schema:
                engine = create_engine(url)
                async with engine.begin() as conn:
                    await conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
                await engine.dispose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the turn counts")
    parser.add_argument("--max-seconds", type=float, default=180.0, help="stop after this long")
    parser.add_argument(
        "--database-url", default=None,
        help="state database (default: SQLite in a temporary folder); e.g. "
        "postgresql+asyncpg://postgres@127.0.0.1:5432/test",
    )
    args = parser.parse_args()

    async def bounded() -> None:
        async with asyncio.timeout(args.max_seconds):
            await main(args.scale, args.database_url)

    logging.basicConfig(level=logging.WARNING)
    # Anonymous turns have no app id; the SDK warns about that on every turn.
    logging.getLogger("microsoft_agents.hosting.core.connector.client.user_token_client").setLevel(
        logging.ERROR
    )
    try:
        asyncio.run(bounded())
    except TimeoutError:
        sys.exit(f"stopped after {args.max_seconds:.0f} s (the --max-seconds bound)")
