"""A soak: mixed traffic against the served bot while Teams (the stand-in connector) fails
a share of the bot's own sends with 429 or 503.

Virtual users, each in their own personal chat, loop until the time is up over: the
screening wizard to its result card, a who-decides question, and IB (a conference sent
to IB from its result card; an IB member's accept, decline, request for completion or
"to the agenda" on a random case in the channel). The delivery worker sends the posts,
updates and notifications through the flaky connector. Afterwards the outbox is drained
and checked: every message sent (nothing lost), each exactly once (the connector's
accepted sends are exactly the outbox's sent rows), each case posted once; no turn
answered 5xx; and the process's RSS at the start, after a warm-up and at the end.

``tests/bot/test_soak.py`` runs a short one; ``bench/bench_soak.py`` the 30 minutes.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot.ib_tables import outbox_table
from bot.register import case_table
from bot.server import ENGINE, create_app
from bot.settings import Settings
from cards import verbs

from .bot_harness import CLOCK, Bot, Connector
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


def rss_mb() -> float:
    """This process's resident set size, in MB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


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
    problems: list[str] = field(default_factory=list)  # the first few failed actions

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
            f"RSS start {self.rss_start:.1f} MB, after warm-up {self.rss_warm:.1f} MB, "
            f"end {self.rss_end:.1f} MB (end − warm-up {self.rss_end - self.rss_warm:+.1f} MB); "
            f"Python's memory blocks after warm-up {self.blocks_warm:,}, end {self.blocks_end:,}",
            *(f"failed: {problem}" for problem in self.problems),
        ]


async def soak(*, seconds: float, users: int = 8, flaky: float = 0.10,
               database_url: str, database_schema: str | None = None,
               seed: int = 7, warm_up: float | None = None) -> Figures:
    """Run the soak for ``seconds`` and return its figures (raises nothing on a failed
    check: the caller judges the figures)."""
    figures = Figures(users=users)
    # The SDK warns on every anonymous (dev mode) turn that it has no app id.
    sdk_log = logging.getLogger("microsoft_agents")
    sdk_level = sdk_log.level
    sdk_log.setLevel(logging.ERROR)
    connector = Connector()
    await connector.start()
    settings = Settings(dev=True, database_url=database_url, database_schema=database_schema,
                        ib_admins=ADMIN, delivery_poll_seconds=0.2,
                        graph_url=connector.graph_url, log_level="WARNING")
    bot = await Bot(create_app(settings, environ={}, clock=CLOCK), connector).start()
    try:
        _roster(connector)
        connector.teams[TEAM] = {"name": "Internationella beredningen", "aadGroupId": GROUP}
        await _say_in_channel(bot, "registrera IB-kanal")
        gc.collect()
        figures.rss_start = rss_mb()
        cases: list[str] = []
        started = time.monotonic()
        deadline = started + seconds
        warm_at = started + (warm_up if warm_up is not None else min(60.0, seconds / 5))
        warm_taken = asyncio.Event()

        async def user(n: int) -> None:
            rng = random.Random(seed * 1000 + n)
            who = f"e0000000-0000-0000-0000-{n:012d}"
            where = {"conversation": f"a:soak-{n}", "user": who}
            while time.monotonic() < deadline:
                if not warm_taken.is_set() and time.monotonic() >= warm_at:
                    warm_taken.set()
                    gc.collect()
                    figures.rss_warm = rss_mb()
                    figures.blocks_warm = sys.getallocatedblocks()
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
        await asyncio.gather(*(user(n) for n in range(users)))
        figures.seconds = time.monotonic() - started
        if not warm_taken.is_set():
            figures.rss_warm = figures.rss_start
        drained = time.monotonic()
        await _drained(bot, timeout=max(120.0, seconds))
        figures.drain_seconds = time.monotonic() - drained
        await _check(bot, connector, figures)
        gc.collect()
        figures.rss_end = rss_mb()
        figures.blocks_end = sys.getallocatedblocks()
    finally:
        connector.flaky = 0.0
        await bot.stop()
        await connector.stop()
        sdk_log.setLevel(sdk_level)
    return figures


def _replies(bot: Bot, conversation: str) -> list[dict[str, Any]]:
    """The cards the turns posted to ``conversation`` (not the delivery worker's)."""
    return [a["content"] for c in bot.connector.calls
            if c.method == "POST" and c.conversation_id == conversation
            and "httpx" not in c.user_agent
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


async def _case_ids(bot: Bot) -> list[str]:
    async with bot.app[ENGINE].connect() as conn:
        return [r[0] for r in await conn.execute(select(case_table.c.id))]


async def _drained(bot: Bot, *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        async with bot.app[ENGINE].connect() as conn:
            rows = (await conn.execute(select(outbox_table.c.status))).all()
        if all(status in ("sent", "failed") for (status,) in rows):
            return
        await asyncio.sleep(0.5)


async def _check(bot: Bot, connector: Connector, figures: Figures) -> None:
    async with bot.app[ENGINE].connect() as conn:
        rows = (await conn.execute(select(outbox_table))).all()
    figures.cases = len(await _case_ids(bot))
    figures.outbox = Counter(r.status for r in rows)
    figures.flaky_failures = connector.flaky_failures
    # Every POST the bot's own client got accepted is one outbox row's send: the set of
    # answered ids is exactly the rows' sent ids, and no row's send was accepted twice.
    accepted = [c for c in connector.calls
                if c.method == "POST" and "httpx" in c.user_agent and c.answer_id]
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
        if "httpx" in call.user_agent:  # the turns' replies are read by the users' helpers
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
