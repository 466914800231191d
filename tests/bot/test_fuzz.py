"""Hostile traffic on /api/messages: hypothesis-generated Teams activities (wrong types,
huge and deeply nested values, broken unicode, card submissions with missing and extra
fields, replayed activity ids, bodies that are not JSON at all).

For every one: never a 5xx, never a traceback (or an exception's name) in the answer or
in anything the bot sends to Teams, and nothing stored from an activity that was
refused (4xx). ``STRATEGIKOLLEN_FUZZ_EXAMPLES`` sets how many (default 300); the count
tried is printed (``pytest -s``) and asserted.
"""

from __future__ import annotations

import asyncio
import json
import os
import threading
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bot.hosting.server import ENGINE, create_app
from bot.persistence.database import state_table
from bot.persistence.register import case_table
from bot.persistence.tables import outbox_table, user_ref_table
from bot.settings import Settings
from cards import verbs

from .bot_harness import BOT_ID, CLOCK, TENANT, Bot, Connector

EXAMPLES = int(os.environ.get("STRATEGIKOLLEN_FUZZ_EXAMPLES", "300"))
LEAKS = ("Traceback", "Exception", "Error:", 'File "', "KeyError", "TypeError",
         "ValueError", "AttributeError", "ValidationError", "sqlalchemy", "asyncpg")


class Served:
    """The bot and the stand-in connector on an event loop of their own (hypothesis
    drives the examples from this thread)."""

    def __init__(self, folder: Path) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()
        self.connector = Connector()
        self.run(self.connector.start())
        settings_ = Settings(dev=True, database_url=f"sqlite+aiosqlite:///{folder}/fuzz.db",
                             ib_admins="admin-1", delivery_poll_seconds=0.05)
        app = create_app(settings_, environ={}, clock=CLOCK)
        self.bot = Bot(app, self.connector)
        self.run(self.bot.start())
        self.tried = 0
        self.statuses: dict[int, int] = {}

    def run(self, coro: Any) -> Any:
        with warnings.catch_warnings():
            # aiohttp's client warns about sending a large body from bytes; that is the point.
            warnings.simplefilter("ignore", ResourceWarning)
            return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout=60)

    def close(self) -> None:
        self.run(self.bot.stop())
        self.run(self.connector.stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=10)

    async def counts(self) -> tuple[int, ...]:
        async with self.bot.app[ENGINE].connect() as conn:
            return tuple([
                int((await conn.execute(select(func.count()).select_from(table))).scalar_one())
                for table in (state_table, user_ref_table, outbox_table, case_table)
            ])


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    server = Served(tmp_path_factory.mktemp("fuzz"))
    yield server
    answered = ", ".join(f"{n}× {status}" for status, n in sorted(server.statuses.items()))
    print(f"\nFuzz: {server.tried} requests tried on /api/messages ({answered})")
    server.close()


# --- what is sent ----------------------------------------------------------------------------

_leaf = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(2**63), max_value=2**64),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8", categories=("Cs", "Co", "Cn", "Zs", "Mn")),
            max_size=20),
)
_json = st.recursive(_leaf, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)),
    max_leaves=20)
_types = st.one_of(st.sampled_from([
    "message", "invoke", "conversationUpdate", "messageReaction", "event", "typing",
    "installationUpdate", "endOfConversation", "messageUpdate", "messageDelete", "",
]), st.text(max_size=20), _json)
_invoke_names = st.one_of(st.sampled_from([
    "adaptiveCard/action", "task/fetch", "task/submit", "composeExtension/fetchTask",
    "composeExtension/submitAction", "signin/verifyState", "fileConsent/invoke",
]), st.text(max_size=30))
_verbs = st.one_of(st.sampled_from(sorted(verbs.ALL)), st.text(max_size=20))
_card_data = st.dictionaries(
    st.one_of(st.sampled_from(["verb", "case", "kind", "title", "comment", "meeting_date",
                               "step", "entry", "question", "lang", "cost_sek", "unit"]),
              st.text(max_size=10)),
    _json, max_size=8)


@st.composite
def card_values(draw: st.DrawFn) -> Any:
    """What a card submission carries: Action.Execute's value, or Action.Submit's data."""
    data = draw(_card_data)
    if draw(st.booleans()):
        data["verb"] = draw(_verbs)
    shape = draw(st.integers(0, 3))
    if shape == 0:
        return {"action": {"type": "Action.Execute", "verb": draw(_verbs), "data": data},
                "trigger": "manual"}
    if shape == 1:
        return {"action": draw(_json)}
    if shape == 2:
        return data
    return draw(_json)


def _nested(depth: int) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = {"a": [value]}
    return value


# Huge or deeply nested values, by name (the body over the 256 KiB limit or just under).
_HUGE: dict[str, Any] = {
    "nested-300": lambda: _nested(300),
    "nested-40": lambda: _nested(40),
    "long-text": lambda: "å" * 300_000,
    "just-under": lambda: "a" * 250_000,
    "wide-list": lambda: ["x"] * 50_000,
    "many-keys": lambda: {f"k{i}": i for i in range(20_000)},
}


@st.composite
def activities(draw: st.DrawFn) -> dict[str, Any]:
    """An activity as Teams sends it, each field broken one time in ten (so that most
    get past the checks and reach the dialogs, and every check is also attacked)."""
    user = f"fuzz-{uuid.uuid4().hex[:8]}"

    def field(valid: Any, broken: st.SearchStrategy[Any]) -> Any:
        # (sampled_from, not integers: hypothesis favours 0 and the bounds of a range,
        # and it shrinks towards the first element, here the valid value)
        return draw(broken) if draw(st.sampled_from([False] * 9 + [True])) else valid

    channel = draw(st.booleans())
    activity: dict[str, Any] = {
        "type": field(draw(st.sampled_from(["message", "message", "invoke",
                                            "conversationUpdate"])), _types),
        "id": field(f"in-{uuid.uuid4().hex[:8]}", st.text(max_size=30) | _json),
        "channelId": field("msteams", st.sampled_from(["webchat", "", "emulator"]) | _json),
        "serviceUrl": field(None, st.sampled_from(["", "ftp://x", "http://",
                                                   "javascript:alert(1)"])
                            | st.text(max_size=20) | _json),  # None: the stand-in's
        "from": field({"id": f"29:{user}", "name": "Fuzz Person", "aadObjectId": user},
                      st.dictionaries(st.sampled_from(["id", "name", "aadObjectId", "role"]),
                                      _json) | _json),
        "recipient": {"id": BOT_ID, "name": "Strategikollen"},
        "conversation": field(
            {"id": f"19:{user}@thread.tacv2", "conversationType": "channel",
             "tenantId": TENANT} if channel else
            {"id": f"a:{user}", "conversationType": "personal", "tenantId": TENANT},
            st.dictionaries(st.sampled_from(["id", "conversationType", "tenantId",
                                             "isGroup"]), _json) | _json),
        "locale": field(draw(st.sampled_from(["sv-SE", "en-US"])),
                        st.sampled_from(["", "xx", "de-DE", "sv"]) | _json),
        "channelData": field({"tenant": {"id": TENANT}}, _json),
    }
    kind = activity["type"]
    if kind == "message" or draw(st.integers(0, 4)) == 0:
        activity["text"] = field(draw(st.sampled_from([
            "hjälp", "ny bedömning", "vem beslutar om medlemskap i ett nätverk?",
            "mina ärenden", "mina bedömningar", "registrera IB-kanal", "dagordning",
            "avbryt", "help", "who decides on a trip to Paris?", "<at>Strategikollen</at> hej",
        ]) | st.text(max_size=200)), _json)
    if kind == "invoke" or draw(st.integers(0, 4)) == 0:
        activity["name"] = draw(_invoke_names)
    if kind == "invoke" or draw(st.integers(0, 2)) == 0:
        activity["value"] = draw(card_values())
    if draw(st.booleans()):
        activity["entities"] = field([{"type": "clientInfo", "locale": "sv-SE"}],
                                     st.lists(_json, max_size=3) | _json)
    if kind == "conversationUpdate":
        activity["membersAdded"] = field([{"id": f"29:{user}"}], _json)
    extra = draw(st.dictionaries(st.text(max_size=12), _json, max_size=2))
    return {**extra, **activity}


_raw_bodies = st.one_of(
    st.binary(max_size=200),
    st.just(b'{"type": "message", "text": "\xff\xfe broken"}'),
    st.just(b'{"type": "message", "text": "\\ud800 lone surrogate"}'),
    st.just(b"[" * 5000),
    st.just(b"null"), st.just(b"[]"), st.just(b'"just a string"'), st.just(b"1e999999"),
)


def _check(served: Served, status: int, body: Any, before: tuple[int, ...],
           sent_before: int) -> None:
    assert status < 500, (status, body)
    text = json.dumps(body, ensure_ascii=False, default=str) if body is not None else ""
    for leak in LEAKS:
        assert leak not in text, (leak, text[:500])
    for call in served.connector.calls[sent_before:]:
        said = json.dumps(call.body, ensure_ascii=False)
        for leak in LEAKS:
            assert leak not in said, (leak, said[:500])
    if status >= 400:
        after = served.run(served.counts())
        assert after == before, f"a refused activity ({status}) stored something: {body}"


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture,
                                 HealthCheck.large_base_example])
@given(activity=activities(), replay=st.booleans(),
       raw=st.sampled_from([False] * 4 + [True]).flatmap(
           lambda raw: _raw_bodies if raw else st.none()),
       huge=st.none() | st.none() | st.tuples(
           st.sampled_from(["text", "value", "channelData", "entities", "attachments"]),
           st.sampled_from(sorted(_HUGE))))
def test_no_activity_gets_a_5xx_a_traceback_or_leaves_a_trace_when_refused(
    served: Served, activity: dict[str, Any], replay: bool, raw: bytes | None,
    huge: tuple[str, str] | None,
) -> None:
    if "serviceUrl" in activity and activity["serviceUrl"] is None:
        activity["serviceUrl"] = served.connector.url
    if huge is not None:  # built here: hypothesis would print it whole in every report
        activity[huge[0]] = _HUGE[huge[1]]()
    bot = served.bot
    headers = {"Content-Type": "application/json"}
    for attempt in range(2 if replay else 1):  # a replay: the very same activity again
        before = served.run(served.counts())
        sent_before = len(served.connector.calls)
        if raw is not None and attempt == 0:
            response = served.run(bot.request("POST", "/api/messages", data=raw,
                                              headers=headers))
        else:
            data = json.dumps(activity, ensure_ascii=True, default=str)
            response = served.run(bot.request("POST", "/api/messages", data=data,
                                              headers=headers))
        served.tried += 1
        served.statuses[response.status] = served.statuses.get(response.status, 0) + 1
        _check(served, response.status, response.body, before, sent_before)


def test_the_fuzzing_tried_what_it_was_asked_to(served: Served) -> None:
    """Runs after the fuzzing (same module, in order): it did try every example."""
    assert served.tried >= EXAMPLES
