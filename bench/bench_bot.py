"""Turns per second and latency of the bot over HTTP, against a minimal echo agent.

    .venv/bin/python bench/bench_bot.py [--scale 1.0] [--max-seconds 180] [--database-url URL]
                                        [--rounds 4] [--profile DIR]

Everything runs on loopback, in three processes: the bot in dev mode (anonymous,
SQLite in a temporary folder) in one, the echo agent (bench/echo_agent.py, same
SDK, MemoryStorage) in another, and this one, which holds the client and a
stand-in Bot Connector that receives the replies of both. So the client's own
work is not inside the servers' time, and both agents are measured by the same
client against the same connector. A turn is one POST to /api/messages, timed
until its HTTP response; the SDK sends the replies to the connector before it
answers, so they are inside the time. --profile DIR writes each server's cProfile
statistics (bot.prof, echo.prof) there. At the end, where a bot turn spends its time:
state load and save, the dialog step and the cards in it, the Activity JSON, the
replies' HTTP calls and the rest, from timers the bench puts around those calls in the
bot's process (the product itself carries none), and the CPU time per turn of the bot's
process and of the echo agent's: at 32 conversations both servers are busy all the time,
so the ratio of turns/s cannot exceed the ratio of their CPU time per turn. Beside it, the
CPU time per turn of the other processes on the same cores: the client's (this process,
with the stand-in connector) and, on PostgreSQL, the server's processes'.

Scenarios, each with 1 and with 32 concurrent conversations:
  who      "Who decides?" questions typed as messages
  wizard   complete screening wizards (start, kind, details, questions, assess)
  echo     the echo agent, the same message turns
The three take turns, --rounds times, and each line pools its rounds, so a change
in the machine's load during the run weighs on the bot and the echo agent alike.
Loops are bounded (a fixed number of turns per conversation) and the whole run
stops after --max-seconds at the latest.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import logging
import os
import shlex
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

# The bot's modules are imported where they are used (the bot's server, the client's
# wizard), never in the echo agent's process: there they would be a heap of the bot's
# objects for the echo agent's garbage collector to go through, and make echo slower.

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


# --- Where a bot turn spends its time (the bot's process only) ---------------------------------
#
# The bench wraps, in the bot's own process, the calls a turn makes: nothing in the
# product is changed, so production pays nothing for it. Each part is wall time summed
# over the turns; awaited parts (the database, the connector) include the waits for the
# event loop that other turns cause, so at 32 conversations they overlap.

PARTS = (
    ("state load", "SqlStorage.read: the conversation's and user's state"),
    ("state save", "SqlStorage.write: the state back, with its e-tag"),
    ("dialog", "dialogs.handle: the dialog step, the policy and the cards (below)"),
    ("  cards", "the cards.* builders the dialogs call (inside dialog)"),
    ("activity JSON", "pydantic: the incoming Activity parsed, the replies dumped"),
    ("replies HTTP", "the SDK's calls to the (stand-in) connector"),
)


class Breakdown:
    """Seconds per part, and the turns (HTTP requests to /api/messages) they were spent in."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.seconds: dict[str, float] = dict.fromkeys([p for p, _ in PARTS], 0.0)
        self.turns = 0
        self.turn_seconds = 0.0
        self.cpu_started = time.process_time()

    def timed(self, part: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        import functools
        import inspect

        if inspect.iscoroutinefunction(fn):
            @functools.wraps(fn)
            async def awaited(*args: Any, **kwargs: Any) -> Any:
                started = time.perf_counter()
                try:
                    return await fn(*args, **kwargs)
                finally:
                    self.seconds[part] += time.perf_counter() - started

            return awaited
        depth = [0]

        @functools.wraps(fn)
        def called(*args: Any, **kwargs: Any) -> Any:
            depth[0] += 1  # a builder that calls another counts once
            started = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                depth[0] -= 1
                if not depth[0]:
                    self.seconds[part] += time.perf_counter() - started

        return called

    def install(self) -> Any:
        """Wrap the turn's calls; returns the dialogs to give ``create_app``."""
        import types

        import aiohttp
        from microsoft_agents.activity import Activity

        import dialogs
        from bot.persistence.storage import SqlStorage
        from dialogs import conversation

        SqlStorage.read = self.timed("state load", SqlStorage.read)  # type: ignore[method-assign]
        SqlStorage.write = self.timed("state save", SqlStorage.write)  # type: ignore[method-assign]
        aiohttp.ClientSession._request = self.timed(  # type: ignore[method-assign]
            "replies HTTP", aiohttp.ClientSession._request
        )
        for name in ("model_validate", "model_dump"):
            original = getattr(Activity, name)
            setattr(Activity, name, self.timed("activity JSON", original))
        # The cards builders, where the dialogs modules hold them.
        import importlib
        import pkgutil

        for info in pkgutil.iter_modules(dialogs.__path__, "dialogs."):
            module = importlib.import_module(info.name)
            for attr, value in list(vars(module).items()):
                if (isinstance(value, types.FunctionType)
                        and str(getattr(value, "__module__", "")).startswith("cards.")):
                    setattr(module, attr, self.timed("  cards", value))
        return types.SimpleNamespace(
            welcome=conversation.welcome, handle=self.timed("dialog", conversation.handle)
        )

    def attach(self, app: web.Application) -> None:
        """Time each turn as a whole, and answer GET /bench/breakdown (then start afresh)."""

        @web.middleware
        async def per_turn(request: web.Request, handler: Any) -> web.StreamResponse:
            if request.path != "/api/messages":
                return await handler(request)
            started = time.perf_counter()
            try:
                return await handler(request)
            finally:
                self.turns += 1
                self.turn_seconds += time.perf_counter() - started

        async def report(_request: web.Request) -> web.Response:
            body = {"turns": self.turns, "turn_seconds": self.turn_seconds,
                    "seconds": self.seconds,
                    # The process's CPU time (its own threads included) since the last call.
                    "cpu_seconds": time.process_time() - self.cpu_started}
            self.reset()
            return web.json_response(body)

        app.middlewares.append(per_turn)
        app.router.add_get("/bench/breakdown", report)


def show_breakdown(name: str, conversations: int, data: dict[str, Any]) -> None:
    turns = max(1, data["turns"])
    per = {part: s / turns * 1000 for part, s in data["seconds"].items()}
    total = data["turn_seconds"] / turns * 1000
    cpu = data["cpu_seconds"] / turns * 1000
    others = f"; client {data.get('client_seconds', 0) / turns * 1000:.2f}"
    if data.get("postgres_seconds"):
        others += f", PostgreSQL {data['postgres_seconds'] / turns * 1000:.2f}"
    if not any(per.values()):  # the echo agent: its turns and CPU only
        print(f"  {name:<7} {conversations:>3} convs, ms per turn: CPU {cpu:.2f}{others}, "
              f"turn {total:.2f}")
        return
    known = sum(v for k, v in per.items() if not k.startswith(" "))
    parts = "  ".join(f"{k.strip()} {v:.2f}" for k, v in per.items())
    print(f"  {name:<7} {conversations:>3} convs, ms per turn: CPU {cpu:.2f}{others}, "
          f"turn {total:.2f} = "
          f"{parts}  rest (SDK, aiohttp, IB effects, waits) {total - known:.2f}")


# --- The servers, each in a process of its own --------------------------------------------------


def serve(kind: str, database_url: str | None, max_seconds: float, profile: str | None) -> None:
    """Server mode (``--serve bot|echo``): print ``READY <url>`` and serve until stdin closes
    or ``max_seconds`` have passed."""
    import cProfile

    logging.basicConfig(level=logging.WARNING)
    # Anonymous turns have no app id; the SDK warns about that on every turn.
    logging.getLogger("microsoft_agents.hosting.core.connector.client.user_token_client").setLevel(
        logging.ERROR
    )
    profiler = cProfile.Profile() if profile else None
    if kind == "echo":
        from bench.echo_agent import create_echo_app

        mine = sorted(m for m in sys.modules if m.split(".")[0] in ("bot", "dialogs", "cards"))
        if mine:
            raise SystemExit(f"the echo agent's process imported the bot's modules: {mine[:3]}")
    else:
        from bot.hosting.server import create_app
        from bot.persistence.storage import create_engine
        from bot.settings import Settings

    async def run() -> None:
        schema = None
        if kind == "echo":
            app = create_echo_app()
            Breakdown().attach(app)  # its turns and CPU time only
        else:
            schema = (
                f"bench_{uuid.uuid4().hex[:8]}"
                if database_url and database_url.startswith("postgresql")
                else None
            )
            breakdown = Breakdown()
            app = create_app(
                Settings(dev=True, database_url=database_url, database_schema=schema),
                environ={}, dialogs=breakdown.install(),
            )
            breakdown.attach(app)
        runner, url = await start(app)
        print(f"READY {url}", flush=True)
        stdin = asyncio.StreamReader()
        await asyncio.get_running_loop().connect_read_pipe(
            lambda: asyncio.StreamReaderProtocol(stdin), sys.stdin
        )
        try:
            if profiler:
                profiler.enable()
            await asyncio.wait_for(stdin.read(), max_seconds)
        except TimeoutError:
            pass
        finally:
            if profiler:
                profiler.disable()
            await runner.cleanup()
            if kind == "bot" and database_url and schema:
                engine = create_engine(database_url)
                async with engine.begin() as conn:
                    await conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
                await engine.dispose()

    asyncio.run(run())
    if profiler and profile:
        profiler.dump_stats(profile)


class Server:
    """A ``--serve`` child process; its URL once it is listening."""

    def __init__(self, kind: str, args: list[str]) -> None:
        self.kind = kind
        self.command = [sys.executable, str(Path(__file__).resolve()), "--serve", kind, *args]
        self.process: asyncio.subprocess.Process | None = None
        self.url = ""

    async def __aenter__(self) -> Server:
        self.process = await asyncio.create_subprocess_exec(
            *self.command,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        assert self.process.stdout is not None
        line = (await asyncio.wait_for(self.process.stdout.readline(), 60)).decode()
        if not line.startswith("READY "):
            raise RuntimeError(f"the {self.kind} server did not start: {line!r}")
        self.url = line.split()[1]
        return self

    async def __aexit__(self, *_: object) -> None:
        assert self.process is not None
        assert self.process.stdin is not None
        self.process.stdin.close()  # the server stops when its stdin closes
        try:
            await asyncio.wait_for(self.process.wait(), 30)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()


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
    from cards import verbs
    from cards.elements import walk

    await client.execute(conversation, verbs.WIZARD_START, {"verb": verbs.WIZARD_START})
    card = connector.last_card[conversation]
    for _ in range(8):
        actions = {e.get("verb"): e for e in walk(card) if e.get("type") == "Action.Execute"}
        verb = verbs.WIZARD_ASSESS if verbs.WIZARD_ASSESS in actions else verbs.WIZARD_NEXT
        action = actions[verb]
        data = dict(action.get("data", {}))
        if action.get("associatedInputs") == "auto":
            for e in walk(card.get("body", [])):
                if str(e.get("type", "")).startswith("Input."):
                    data[e["id"]] = _answer(engagement, e["id"])
        body = await client.execute(conversation, verb, data)
        card = (
            body["value"]
            if body and body.get("type") == CARD
            else connector.last_card[conversation]
        )
        if verb == verbs.WIZARD_ASSESS:
            if not any(str(e.get("id", "")).startswith("owner-") for e in walk(card)):
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

    @classmethod
    def pooled(cls, results: list[Result]) -> Result:
        """Several rounds of one scenario as one: all turns over all their time."""
        first = results[0]
        return cls(
            first.name,
            first.conversations,
            sum(r.turns for r in results),
            sum(r.units for r in results),
            sum(r.seconds for r in results),
            [t for r in results for t in r.latencies],
        )

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
    return Result(
        name, conversations, len(client.latencies), sum(units), seconds, list(client.latencies)
    )


def show(result: Result, baseline: Result | None) -> None:
    ratio = f"{result.rate / baseline.rate:6.2f}" if baseline else "     –"
    print(
        f"{result.name:<7} {result.conversations:>5} {result.turns:>7} {result.units:>6} "
        f"{result.rate:>9.1f} {result.percentile(50):>8.1f} {result.percentile(99):>8.1f} {ratio}"
    )


async def main(
    scale: float,
    max_seconds: float,
    database_url: str | None = None,
    profile: Path | None = None,
    rounds: int = 4,
) -> None:
    engagement = json.loads(CASE.read_text("utf-8"))["engagement"]
    connector = Connector()
    with tempfile.TemporaryDirectory() as tmp:
        url = database_url or f"sqlite+aiosqlite:///{tmp}/bench.db"
        common = ["--max-seconds", str(max_seconds)]
        bot_args = [*common, "--database-url", url]
        if profile:
            profile.mkdir(parents=True, exist_ok=True)

        def prof(kind: str) -> list[str]:
            return ["--profile", str(profile / f"{kind}.prof")] if profile else []

        conn_runner, connector_url = await start(connector.app())
        try:
            async with (
                Server("bot", [*bot_args, *prof("bot")]) as bot_server,
                Server("echo", [*common, *prof("echo")]) as echo_server,
                ClientSession(connector=TCPConnector(limit=0)) as session,
            ):
                bot = Client(session, bot_server.url, connector_url)
                echo = Client(session, echo_server.url, connector_url)
                # Warm up both the same way: imports, caches, a full connection pool (32 at
                # once), then a few turns of each kind.
                for client, text in ((bot, "hjälp"), (echo, "hello")):
                    await asyncio.gather(*(client.say(f"warm-up-{i}", text) for i in range(32)))
                    await asyncio.gather(
                        *(client.say(f"warm-up-{i}", QUESTIONS[i % 6]) for i in range(32))
                    )
                await asyncio.gather(
                    *(wizard_run(bot, connector, f"warm-up-{i}", engagement) for i in range(8))
                )

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

                print("$ " + shlex.join([sys.executable, *sys.argv]))
                print(
                    f"bot: {bot_server.url} (state: {_hide_password(url)}), "
                    f"echo: {echo_server.url}, connector: {connector_url}; "
                    f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}"
                )
                print(
                    f"{'':<7} {'convs':>5} {'turns':>7} {'units':>6} {'turns/s':>9} "
                    f"{'p50 ms':>8} {'p99 ms':>8} {'÷echo':>6}"
                )
                breakdowns: list[tuple[str, int, dict[str, Any]]] = []
                for conversations in (1, 32):
                    turns = max(1, round((200 if conversations == 1 else 40) * scale / rounds))
                    runs = max(1, round((30 if conversations == 1 else 6) * scale / rounds))
                    # Echo, who and wizard take turns, round after round, so a change in the
                    # machine's load meanwhile weighs on all three alike.
                    results: dict[str, list[Result]] = {"echo": [], "who": [], "wizard": []}
                    spent: dict[str, dict[str, Any]] = {}
                    await breakdown(session, echo_server.url)  # not the warm-up's
                    for _ in range(rounds):
                        others = Others.now()
                        results["echo"].append(
                            await scenario("echo", conversations, echo, echoes(turns))
                        )
                        await breakdown(session, bot_server.url)  # warm-up and echo time
                        _add(spent, "echo", others.since(await breakdown(session,
                                                                          echo_server.url)))
                        others = Others.now()
                        results["who"].append(
                            await scenario("who", conversations, bot, questions(turns))
                        )
                        _add(spent, "who", others.since(await breakdown(session,
                                                                         bot_server.url)))
                        others = Others.now()
                        results["wizard"].append(
                            await scenario("wizard", conversations, bot, wizards(runs))
                        )
                        _add(spent, "wizard", others.since(await breakdown(session,
                                                                            bot_server.url)))
                    baseline = Result.pooled(results["echo"])
                    show(baseline, None)
                    show(Result.pooled(results["who"]), baseline)
                    show(Result.pooled(results["wizard"]), baseline)
                    breakdowns.extend((name, conversations, data) for name, data in spent.items())
                print("where a bot turn spends its time (wall ms per turn; bench-only timers):")
                for name, conversations, data in breakdowns:
                    show_breakdown(name, conversations, data)
            print(
                f"(units: messages for echo/who, complete wizard runs for wizard; "
                f"{connector.received} replies reached the stand-in connector)"
            )
            if profile:
                print(f"profiles: {profile}/bot.prof, {profile}/echo.prof (python -m pstats FILE)")
        finally:
            await conn_runner.cleanup()


@dataclass
class Others:
    """The CPU time of the other processes a turn costs on the same cores: this one (the
    client and the stand-in connector) and PostgreSQL's (every process named postgres,
    when there are any)."""

    client: float
    postgres: float

    @classmethod
    def now(cls) -> Others:
        return cls(time.process_time(), _postgres_cpu())

    def since(self, data: dict[str, Any]) -> dict[str, Any]:
        later = Others.now()
        return {**data, "client_seconds": later.client - self.client,
                "postgres_seconds": later.postgres - self.postgres}


def _postgres_cpu() -> float:
    """Seconds of CPU time (user and system) of the processes named postgres (Linux),
    with that of their children that have ended (a backend whose connection closed)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # gone meanwhile
            continue
        name_end = text.rfind(")")
        if text[text.find("(") + 1:name_end] != "postgres":
            continue
        fields = text[name_end + 2:].split()
        total += sum(map(int, fields[11:15]))  # utime, stime, cutime, cstime (fields 14-17)
    return total / os.sysconf("SC_CLK_TCK")


async def breakdown(session: ClientSession, bot_url: str) -> dict[str, Any]:
    async with session.get(f"{bot_url}/bench/breakdown") as resp:
        data: dict[str, Any] = await resp.json()
        return data


def _add(pool: dict[str, dict[str, Any]], name: str, data: dict[str, Any]) -> None:
    into = pool.setdefault(name, {"turns": 0, "turn_seconds": 0.0, "seconds": {},
                                  "cpu_seconds": 0.0, "client_seconds": 0.0,
                                  "postgres_seconds": 0.0})
    for total in ("turns", "turn_seconds", "cpu_seconds", "client_seconds", "postgres_seconds"):
        into[total] += data.get(total, 0)
    for part, seconds in data["seconds"].items():
        into["seconds"][part] = into["seconds"].get(part, 0.0) + seconds


def _hide_password(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the turn counts")
    parser.add_argument("--max-seconds", type=float, default=180.0, help="stop after this long")
    parser.add_argument(
        "--database-url",
        default=None,
        help="state database (default: SQLite in a temporary folder); e.g. "
        "postgresql+asyncpg://postgres@127.0.0.1:5432/test",
    )
    parser.add_argument(
        "--profile", type=Path, default=None, help="folder for the servers' cProfile statistics"
    )
    parser.add_argument(
        "--rounds", type=int, default=4, help="alternate echo, who and wizard this many times"
    )
    parser.add_argument("--serve", choices=("bot", "echo"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(
            args.serve,
            args.database_url,
            args.max_seconds,
            str(args.profile) if args.profile else None,
        )
        sys.exit(0)

    async def bounded() -> None:
        async with asyncio.timeout(args.max_seconds):
            await main(args.scale, args.max_seconds, args.database_url, args.profile, args.rounds)

    logging.basicConfig(level=logging.WARNING)
    try:
        asyncio.run(bounded())
    except TimeoutError:
        sys.exit(f"stopped after {args.max_seconds:.0f} s (the --max-seconds bound)")
