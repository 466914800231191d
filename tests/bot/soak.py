"""A soak: mixed traffic against the served bot while Teams (the stand-in connector) fails
a share of the bot's own sends with 429 or 503.

Virtual users, each in their own personal chat, loop until the time is up over: the
screening wizard to its result card, a who-decides question, and IB (a conference sent
to IB from its result card; an IB member's accept, decline, request for completion or
"to the agenda" on a random case in the channel). The delivery worker sends the posts,
updates and notifications through the flaky connector. Afterwards the outbox is drained
and checked: every message sent (nothing lost), each exactly once (the connector's
accepted sends are exactly the outbox's sent rows), each case posted once; no turn
answered 5xx; and the memory.

The bot runs in a process of its own (``ServedBot``: ``create_app`` served by aiohttp's
``run_app``, stopped with SIGTERM), so its memory is measured apart from this process's
(the stand-in connector and the virtual users). A route only the soak adds,
``/_soak/memory``, answers the bot process's RSS and Python's allocated blocks after a
``gc.collect()``; with ``trace=True`` the process runs under ``tracemalloc`` and the
route also answers where Python's memory grew since the warm-up (the top lines of a
snapshot diff). Samples are taken at the start, after the warm-up and every
``interval`` seconds, and once more after the outbox is drained; flatness is judged by
the trend of the bot's RSS after the warm-up (a least-squares slope), not by two points.

``tests/bot/test_soak.py`` runs a short one; ``bench/bench_soak.py`` the 30 minutes.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import multiprocessing
import random
import sys
import time
import tracemalloc
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from aiohttp import ClientSession, ClientTimeout, web
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.clock import FixedClock
from bot.hosting.server import create_app
from bot.persistence.database import create_engine
from bot.persistence.register import case_table
from bot.persistence.tables import outbox_table
from bot.settings import Settings
from cards import verbs

from .bot_harness import CLOCK, Bot, Connector, free_port
from .test_conversation import CARD, _action, _answer, _case, _inputs
from .test_ib_flow import (
    ADMIN,
    GROUP,
    IB,
    MEMBER,
    TEAM,
    _act_in_channel,
    _roster,
    _say_in_channel,
)

ENGAGEMENTS = ("paris-summit", "school-visit", "ctpn-membership")
QUESTIONS = (
    "vem beslutar om medlemskap i ett nätverk?",
    "vem beslutar om en resa till Paris?",
    "who decides on a cooperation agreement with a city abroad?",
    "vem beslutar om en avsiktsförklaring?",
)
MEMBER_VERBS = (verbs.IB_ACCEPT, verbs.IB_DECLINE, verbs.IB_REQUEST_COMPLETION,
                verbs.IB_TO_AGENDA)


def rss_mb(pid: int | str = "self") -> float:
    """A process's resident set size (this one's by default), in MB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# --- the bot in a process of its own ---------------------------------------------------


def _serve(settings: dict[str, Any], port: int, clock_start: str, trace: bool) -> None:
    """The bot's process (multiprocessing, spawned): ``create_app`` on 127.0.0.1:``port``
    until SIGTERM, with the soak's memory route added."""
    if trace:
        tracemalloc.start(8)
    logging.getLogger("microsoft_agents").setLevel(logging.ERROR)  # dev mode's warnings
    app = create_app(Settings(**settings), environ={},
                     clock=FixedClock(datetime.fromisoformat(clock_start), tick=True))
    warm: list[tracemalloc.Snapshot] = []

    async def memory(request: web.Request) -> web.Response:
        gc.collect()
        answer: dict[str, Any] = {"rss_mb": rss_mb(), "blocks": sys.getallocatedblocks()}
        if tracemalloc.is_tracing():
            snapshot = tracemalloc.take_snapshot().filter_traces(
                [tracemalloc.Filter(False, tracemalloc.__file__)])
            if request.query.get("mark") == "warm" or not warm:
                warm[:] = [snapshot]
            answer["traced_mb"] = tracemalloc.get_traced_memory()[0] / 2**20
            answer["grown"] = [str(stat) for stat in
                               snapshot.compare_to(warm[0], "traceback")[:12]
                               if stat.size_diff > 0]
            answer["grown_where"] = [
                "\n".join(stat.traceback.format()[-6:]) for stat in
                snapshot.compare_to(warm[0], "traceback")[:4] if stat.size_diff > 0]
        return web.json_response(answer)

    app.router.add_get("/_soak/memory", memory)
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None,
                shutdown_timeout=10)


class ServedBot(Bot):
    """``Bot``, but the application runs in a child process; ``engine`` is this
    process's own engine on the same database, for reading the outcome."""

    def __init__(self, settings: dict[str, Any], connector: Connector, *,
                 trace: bool = False) -> None:
        self.connector = connector
        self.settings = settings
        self.port = free_port()
        self.trace = trace
        self.engine: AsyncEngine = create_engine(
            Settings(**settings).db_url, schema=settings.get("database_schema"))
        self._session: ClientSession | None = None
        self._process: Any = None

    @property
    def pid(self) -> int:
        return int(self._process.pid)

    async def start(self) -> ServedBot:
        context = multiprocessing.get_context("spawn")
        self._process = context.Process(
            target=_serve, name="strategikollen-soak-bot", daemon=True,
            args=(self.settings, self.port, CLOCK.now().isoformat(), self.trace))
        self._process.start()
        self._session = ClientSession(timeout=ClientTimeout(total=120))
        deadline = time.monotonic() + 120
        while True:
            try:
                async with self._session.get(self.url("/readyz")) as answer:
                    if answer.status == 200:
                        return self
            except OSError:
                pass
            if not self._process.is_alive() or time.monotonic() > deadline:
                await self.stop()
                raise RuntimeError(f"the bot's process did not start (exit code "
                                   f"{self._process.exitcode}; its stderr says why)")
            await asyncio.sleep(0.2)

    async def stop(self) -> None:
        if self._session is not None:
            await self._session.close()
        if self._process is not None and self._process.is_alive():
            self._process.terminate()  # SIGTERM: run_app's graceful stop
            await asyncio.to_thread(self._process.join, 60)
            if self._process.is_alive():
                self._process.kill()
        await self.engine.dispose()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    async def memory(self, *, mark: str | None = None) -> dict[str, Any]:
        assert self._session is not None
        query = {"mark": mark} if mark else {}
        async with self._session.get(self.url("/_soak/memory"), params=query) as answer:
            body: dict[str, Any] = await answer.json()
            return body


@dataclass
class Sample:
    at: float  # seconds since the traffic started
    bot_rss: float  # MB, the bot's process
    bot_blocks: int  # Python's allocated blocks in the bot's process
    harness_rss: float  # MB, this process: the stand-in connector and the virtual users
    label: str = ""


def slope_per_10_min(samples: list[Sample]) -> float:
    """The least-squares trend of the bot's RSS over ``samples``, in MB per 10 minutes."""
    if len(samples) < 2:
        return 0.0
    xs = [s.at for s in samples]
    ys = [s.bot_rss for s in samples]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mx) ** 2 for x in xs)
    if spread == 0:
        return 0.0
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / spread * 600


@dataclass
class Figures:
    seconds: float = 0.0
    users: int = 0
    turns: Counter[str] = field(default_factory=Counter)
    server_errors: int = 0
    client_errors: int = 0
    cases: int = 0
    outbox: Counter[str] = field(default_factory=Counter)  # status → rows
    flaky_failures: int = 0
    sends_accepted: int = 0
    sent_twice: int = 0
    posted_twice: int = 0
    drain_seconds: float = 0.0
    rss_start: float = 0.0
    rss_warm: float = 0.0
    rss_end: float = 0.0
    blocks_warm: int = 0  # Python's allocated memory blocks (sys.getallocatedblocks)
    blocks_end: int = 0
    samples: list[Sample] = field(default_factory=list)  # the bot's process, over time
    grown: list[str] = field(default_factory=list)  # tracemalloc: grown since the warm-up
    problems: list[str] = field(default_factory=list)  # the first few failed actions

    @property
    def after_warm_up(self) -> list[Sample]:
        return [s for s in self.samples if s.label != "start"]

    @property
    def trend(self) -> float:
        """The bot's RSS trend after the warm-up, MB per 10 minutes."""
        return slope_per_10_min(self.after_warm_up)

    @property
    def lost(self) -> int:
        return sum(n for status, n in self.outbox.items() if status != "sent")

    def lines(self) -> list[str]:
        total = sum(self.turns.values())
        mix = ", ".join(f"{kind} {n}" for kind, n in sorted(self.turns.items()))
        return [
            f"traffic: {self.seconds:.0f} s, {self.users} users, {total} actions ({mix}), "
            f"{total / max(self.seconds, 1e-9):.1f} actions/s; 5xx answers {self.server_errors}",
            f"cases {self.cases}; outbox rows {sum(self.outbox.values())} "
            f"({dict(self.outbox)}); the connector refused {self.flaky_failures} sends "
            f"(429/503) and accepted {self.sends_accepted}",
            f"lost {self.lost}, sent twice {self.sent_twice}, posted twice {self.posted_twice}; "
            f"drained {self.drain_seconds:.1f} s after the traffic stopped",
            f"the bot's process: RSS start {self.rss_start:.1f} MB, after warm-up "
            f"{self.rss_warm:.1f} MB, end {self.rss_end:.1f} MB (end − warm-up "
            f"{self.rss_end - self.rss_warm:+.1f} MB), trend after warm-up "
            f"{self.trend:+.1f} MB per 10 min; Python's memory blocks after warm-up "
            f"{self.blocks_warm:,}, end {self.blocks_end:,}",
            "memory over time (min:s  bot RSS MB  bot blocks  harness RSS MB):",
            *(f"  {int(s.at // 60):3d}:{int(s.at % 60):02d}  {s.bot_rss:8.1f}  "
              f"{s.bot_blocks:10,}  {s.harness_rss:8.1f}  {s.label}" for s in self.samples),
            *(f"grown since warm-up: {line}" for line in self.grown),
            *(f"failed: {problem}" for problem in self.problems),
        ]


async def soak(*, seconds: float, users: int = 8, flaky: float = 0.10,
               database_url: str, database_schema: str | None = None,
               seed: int = 7, warm_up: float | None = None, interval: float | None = None,
               trace: bool = False, progress: bool = False) -> Figures:
    """Run the soak for ``seconds`` and return its figures (raises nothing on a failed
    check: the caller judges the figures). ``interval``: seconds between memory samples
    (default a tenth of the run, at most 2 minutes); ``trace``: run the bot's process
    under tracemalloc and report what grew; ``progress``: print each sample as taken."""
    figures = Figures(users=users)
    connector = Connector()
    await connector.start()
    settings = {"dev": True, "database_url": database_url, "database_schema": database_schema,
                "ib_admins": ADMIN, "delivery_poll_seconds": 0.2,
                "graph_url": connector.graph_url, "log_level": "WARNING"}
    bot = await ServedBot(settings, connector, trace=trace).start()
    try:
        _roster(connector)
        connector.teams[TEAM] = {"name": "Internationella beredningen", "aadGroupId": GROUP}
        await _say_in_channel(bot, "registrera IB-kanal")
        cases: list[str] = []
        started = time.monotonic()

        async def sample(label: str = "", mark: str | None = None) -> dict[str, Any]:
            gc.collect()
            answer = await bot.memory(mark=mark)
            taken = Sample(time.monotonic() - started, answer["rss_mb"], answer["blocks"],
                           rss_mb(), label)
            figures.samples.append(taken)
            if progress:
                print(f"  {int(taken.at // 60):3d}:{int(taken.at % 60):02d}  bot "
                      f"{taken.bot_rss:.1f} MB, {taken.bot_blocks:,} blocks"
                      + (f", traced {answer['traced_mb']:.1f} MB" if "traced_mb" in answer
                         else "") + f"; harness {taken.harness_rss:.1f} MB  {label}",
                      flush=True)
            return answer

        first = await sample("start")
        figures.rss_start = first["rss_mb"]
        deadline = started + seconds
        warm_up = warm_up if warm_up is not None else min(60.0, seconds / 5)
        interval = interval if interval is not None else min(120.0, seconds / 10)

        async def sampler() -> None:
            await asyncio.sleep(warm_up)
            warm = await sample("after warm-up", mark="warm")
            figures.rss_warm, figures.blocks_warm = warm["rss_mb"], warm["blocks"]
            while time.monotonic() + interval < deadline:
                await asyncio.sleep(interval)
                await sample()

        async def user(n: int) -> None:
            rng = random.Random(seed * 1000 + n)
            who = f"e0000000-0000-0000-0000-{n:012d}"
            where = {"conversation": f"a:soak-{n}", "user": who}
            while time.monotonic() < deadline:
                connector.forget_replies(where["conversation"])  # not the bot's memory
                if n == 0:
                    connector.requests.clear()
                    _compact(connector)
                roll = rng.random()
                try:
                    if roll < 0.35:
                        await _screen(bot, _case(rng.choice(ENGAGEMENTS)), **where)
                        figures.turns["wizard"] += 1
                    elif roll < 0.65:
                        response = await bot.say(rng.choice(QUESTIONS), **where)
                        _count(figures, response.status)
                        figures.turns["who-decides"] += 1
                    elif roll < 0.80 or not cases:
                        result = await _screen(bot, _case("paris-summit"), **where)
                        button = _action(result, verbs.IB_SEND)
                        if button is not None:
                            response = await bot.execute(verbs.IB_SEND, button["data"], **where)
                            _count(figures, response.status)
                        figures.turns["ib-send"] += 1
                    else:
                        verb = rng.choice(MEMBER_VERBS)
                        data: dict[str, Any] = {"case": rng.choice(cases)}
                        if verb == verbs.IB_REQUEST_COMPLETION:
                            data["comment"] = "Bifoga programmet."
                        if verb == verbs.IB_TO_AGENDA:
                            data["meeting_date"] = "2026-12-10"
                        await _act_in_channel(bot, verb, data, user=MEMBER, who="Maja Medlem")
                        figures.turns["ib-member"] += 1
                except AssertionError as error:  # a helper found a 5xx or an unusable answer
                    figures.server_errors += 1
                    if len(figures.problems) < 5:
                        figures.problems.append(str(error)[:300])
                if rng.random() < 0.2:
                    cases[:] = await _case_ids(bot)

        connector.flaky = flaky
        sampling = asyncio.create_task(sampler())
        await asyncio.gather(*(user(n) for n in range(users)))
        figures.seconds = time.monotonic() - started
        sampling.cancel()
        if not figures.blocks_warm:  # the run was shorter than the warm-up
            figures.rss_warm, figures.blocks_warm = figures.rss_start, first["blocks"]
        drained = time.monotonic()
        await _drained(bot, timeout=max(120.0, seconds))
        figures.drain_seconds = time.monotonic() - drained
        await _check(bot, connector, figures)
        last = await sample("drained")
        figures.rss_end, figures.blocks_end = last["rss_mb"], last["blocks"]
        figures.grown = list(last.get("grown", [])) + list(last.get("grown_where", []))
    finally:
        connector.flaky = 0.0
        await bot.stop()
        await connector.stop()
    return figures


def _replies(bot: Bot, conversation: str) -> list[dict[str, Any]]:
    """The cards the turns posted to ``conversation`` (not the delivery worker's)."""
    return [a["content"] for c in bot.connector.calls
            if c.method == "POST" and c.conversation_id == conversation
            and not c.own
            for a in c.body.get("attachments", []) if a.get("contentType") == CARD]


async def _press(bot: Bot, card: dict[str, Any], verb: str, engagement: dict[str, Any],
                 **where: Any) -> dict[str, Any]:
    """test_conversation._press, but a card the turn posted is told apart from the
    notifications the delivery worker sends to the same chat meanwhile."""
    action = _action(card, verb)
    assert action is not None, f"no {verb} button"
    data = dict(action.get("data", {}))
    if action.get("associatedInputs") == "auto":
        data.update({i["id"]: _answer(engagement, i["id"]) for i in _inputs(card)})
    before = len(_replies(bot, where["conversation"]))
    response = await bot.execute(verb, data, **where)
    assert response.status == 200, f"{verb}: {response.status}"
    if response.body.get("type") == CARD:
        return dict(response.body["value"])
    posted = _replies(bot, where["conversation"])
    assert len(posted) > before, f"{verb} answered neither a card nor a message"
    return posted[-1]


async def _screen(bot: Bot, engagement: dict[str, Any], **where: Any) -> dict[str, Any]:
    """The wizard from "New assessment" to the result card."""
    start = {"actions": [{"type": "Action.Execute", "verb": verbs.WIZARD_START}]}
    card = await _press(bot, start, verbs.WIZARD_START, engagement, **where)
    for _ in range(8):
        if _action(card, verbs.WIZARD_ASSESS) is not None:
            return await _press(bot, card, verbs.WIZARD_ASSESS, engagement, **where)
        card = await _press(bot, card, verbs.WIZARD_NEXT, engagement, **where)
    raise AssertionError("the wizard never reached the summary")


def _count(figures: Figures, status: int) -> None:
    if status >= 500:
        figures.server_errors += 1
    elif status >= 400:
        figures.client_errors += 1


async def _case_ids(bot: ServedBot) -> list[str]:
    async with bot.engine.connect() as conn:
        return [r[0] for r in await conn.execute(select(case_table.c.id))]


async def _drained(bot: ServedBot, *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        async with bot.engine.connect() as conn:
            rows = (await conn.execute(select(outbox_table.c.status))).all()
        if all(status in ("sent", "failed") for (status,) in rows):
            return
        await asyncio.sleep(0.5)


async def _check(bot: ServedBot, connector: Connector, figures: Figures) -> None:
    async with bot.engine.connect() as conn:
        rows = (await conn.execute(select(outbox_table))).all()
    figures.cases = len(await _case_ids(bot))
    figures.outbox = Counter(r.status for r in rows)
    figures.flaky_failures = connector.flaky_failures
    # Every POST the bot's own client got accepted is one outbox row's send: the set of
    # answered ids is exactly the rows' sent ids, and no row's send was accepted twice.
    accepted = [c for c in connector.calls
                if c.method == "POST" and c.own and c.answer_id]
    figures.sends_accepted = len(accepted)
    sent_ids = Counter(r.sent_activity_id for r in rows
                       if r.status == "sent" and r.kind != "update")
    answered = Counter(c.answer_id for c in accepted)
    figures.sent_twice = sum(n - 1 for n in answered.values() if n > 1) + len(
        set(answered) - set(sent_ids)) + sum(n - 1 for n in sent_ids.values() if n > 1)
    for case_id in await _case_ids(bot):
        posts = [c for c in connector.top_level_posts(IB)
                 if _case_of(c) == case_id]
        figures.posted_twice += max(0, len(posts) - 1)


def _compact(connector: Connector) -> None:
    """Keep of the bot's own sends only what ``_check`` reads (the stand-in would else hold
    every card the worker sent, and the soak would measure that)."""
    def small(body: Any) -> Any:
        if not isinstance(body, dict) or body.get("compacted"):
            return body
        case = _case_of_body(body)
        content = {"refresh": {"action": {"data": {"case": case}}}} if case else {}
        return {"compacted": True, "type": body.get("type"), "replyToId": body.get("replyToId"),
                "attachments": [{"contentType": CARD, "content": content}]}

    current = connector._current
    for call in connector.calls:
        if call.own:  # the turns' replies are read by the users' helpers
            call.body = small(call.body)
            if call.answer_id in current:
                current[call.answer_id] = small(current[call.answer_id])


def _case_of(call: Any) -> str | None:
    return _case_of_body(call.body)


def _case_of_body(body: Any) -> str | None:
    try:
        return str(body["attachments"][0]["content"]["refresh"]["action"]["data"]["case"])
    except (KeyError, IndexError, TypeError):
        return None
