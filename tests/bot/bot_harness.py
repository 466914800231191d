"""Test harness: the bot over real HTTP on loopback, and a stand-in Bot Connector.

The stand-in Bot Connector accepts what the SDK's connector client sends, in a turn and for
the bot's own ``bot.teams.connector`` (whose User-Agent names ``USER_AGENT_PRODUCT``), and
records it:

- POST /v3/conversations/{id}/activities[/{replyTo}], PUT .../activities/{id}
- POST /v3/conversations (open a personal chat) → ``{"id": ...}``
- GET /v3/conversations/{team}/pagedmembers?pageSize=&continuationToken= (from ``members``)
- GET /v3/teams/{team} (from ``teams``: team id → ``{"name", "aadGroupId"}``)
- a Microsoft Graph stand-in, GET /v1.0/teams/{group}/channels/{channel}/messages: the
  top-level posts received in that channel, as Graph lists them (the group is mapped to
  a team through ``teams``' aadGroupId).

Failure modes, for the delivery tests: ``fail_next(n, status, retry_after)``; ``down``
(every Bot Connector request answered 503); ``stop_listening()``/``listen_again()``
(connection refused on the same port); ``hold()``/``release()`` (a POSTed activity is
recorded, so Graph lists it, but its answer waits until released). Every request, answered
or failed, is in ``requests`` with the time it arrived (``time.monotonic()``).

Activities go to the bot's /api/messages with ``serviceUrl`` pointing at the stand-in,
so every reply travels the real outgoing path.

``CLOCK`` is the tests' time: a served bot (``make_bot``) and the delivery tests read it,
never the wall clock. ``TODAY`` is its date in Stockholm.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import random
import socket
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import ClientSession, web
from aiohttp.test_utils import TestServer

from bot.clock import FixedClock
from bot.teams.connector import USER_AGENT_PRODUCT

# 22 November 2026, 09:00 UTC when the tests start, and running on from there (a served
# bot's delivery worker waits for due times, so its clock has to move).
CLOCK = FixedClock(datetime(2026, 11, 22, 9, 0, tzinfo=UTC), tick=True)
TODAY = date(2026, 11, 22)  # CLOCK's day in Stockholm
STOCKHOLM = ZoneInfo("Europe/Stockholm")
assert CLOCK.today(STOCKHOLM) == TODAY

TENANT = "11111111-2222-3333-4444-555555555555"
BOT_ID = "28:strategikollen"
ADAPTIVE_CARD = "application/vnd.microsoft.card.adaptive"


@dataclass
class Call:
    """An accepted call that carried an activity (POST or PUT)."""

    method: str
    conversation_id: str
    activity_id: str | None
    body: dict[str, Any]
    authorization: str | None
    at: float = field(default_factory=time.monotonic)  # when it arrived
    answer_id: str | None = None  # the activity id the stand-in answered with
    user_agent: str = ""

    @property
    def own(self) -> bool:
        """Sent by the bot's own client (the outbox's sends), not by the SDK in a turn."""
        return USER_AGENT_PRODUCT in self.user_agent


@dataclass
class Request:
    """Any request to the stand-in, with the status it was answered with."""

    method: str
    path: str
    status: int
    at: float
    authorization: str | None
    peer: Any = None  # the client's (address, port): which connection it came over


@dataclass
class _Failure:
    status: int
    retry_after: str | None


@dataclass
class Connector:
    """A stand-in Bot Connector service on 127.0.0.1 that records the bot's outgoing calls."""

    calls: list[Call] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    reject_updates: bool = False  # answer PUT with 403, as a channel that cannot edit would
    members: list[dict[str, Any]] = field(default_factory=list)  # every team's roster
    members_page_limit: int | None = None  # the most members one page holds (forces paging)
    teams: dict[str, dict[str, Any]] = field(default_factory=dict)  # team id → details
    graph_page_size: int = 20
    down: bool = False  # answer every Bot Connector request with 503
    conversations_created: list[dict[str, Any]] = field(default_factory=list)
    # The share of the bot's own sends (its ConnectorClient's POST and PUT of activities:
    # the delivery worker's) answered 429 or 503 at random, from a seeded generator.
    flaky: float = 0.0
    flaky_failures: int = 0
    _flaky_random: random.Random = field(default_factory=lambda: random.Random(12))
    _server: TestServer | None = None
    _port: int | None = None
    _ids: itertools.count[int] = field(default_factory=itertools.count)
    _failures: list[_Failure] = field(default_factory=list)
    _release: asyncio.Event | None = None
    _current: dict[str, dict[str, Any]] = field(default_factory=dict)  # activity id → body

    async def start(self) -> None:
        self._server = TestServer(self._app(), host="127.0.0.1", port=self._port)
        await self._server.start_server()
        self._port = self._server.port

    def _app(self) -> web.Application:
        app = web.Application(middlewares=[self._log])
        app.router.add_post("/v3/conversations", self._create_conversation)
        app.router.add_post("/v3/conversations/{cid}/activities", self._post)
        app.router.add_post("/v3/conversations/{cid}/activities/{aid}", self._post)
        app.router.add_put("/v3/conversations/{cid}/activities/{aid}", self._put)
        app.router.add_get("/v3/conversations/{cid}/pagedmembers", self._paged_members)
        app.router.add_get("/v3/teams/{team}", self._team_details)
        app.router.add_get("/v1.0/teams/{group}/channels/{channel}/messages", self._graph_messages)
        return app

    async def stop(self) -> None:
        self.release()
        if self._server is not None:
            await self._server.close()
            self._server = None

    async def stop_listening(self) -> None:
        """Close the port: connections are refused until ``listen_again``."""
        if self._server is not None:
            await self._server.close()
            self._server = None

    async def listen_again(self) -> None:
        """Listen on the same port again (after ``stop_listening``)."""
        await self.start()

    @property
    def url(self) -> str:
        assert self._port is not None
        return f"http://127.0.0.1:{self._port}/"

    @property
    def graph_url(self) -> str:
        """The base URL to give the bot as ``graph_url``."""
        return self.url + "v1.0"

    # Failure modes ----------------------------------------------------------------------

    def fail_next(self, n: int, status: int, retry_after: float | str | None = None) -> None:
        """Answer the next ``n`` Bot Connector requests with ``status`` (and Retry-After)."""
        header = None if retry_after is None else str(retry_after)
        self._failures.extend(_Failure(status, header) for _ in range(n))

    def hold(self) -> None:
        """From now on a POSTed activity is recorded but not answered until ``release``."""
        self._release = asyncio.Event()

    def release(self) -> None:
        """Answer the held POSTs and stop holding."""
        if self._release is not None:
            self._release.set()
            self._release = None

    @web.middleware
    async def _log(
        self, request: web.Request, handler: Callable[[web.Request], Any]
    ) -> web.StreamResponse:
        arrived = time.monotonic()
        response: web.StreamResponse
        if request.path.startswith("/v3/") and self.down:
            response = web.json_response({"error": {"code": "ServiceUnavailable"}}, status=503)
        elif self.flaky and self._flaky_send(request) and self._flaky_random.random() < self.flaky:
            self.flaky_failures += 1
            status = self._flaky_random.choice((429, 503))
            response = web.json_response({"error": {"code": "Flaky"}}, status=status)
            if status == 429:
                response.headers["Retry-After"] = "0"
        elif request.path.startswith("/v3/") and self._failures:
            failure = self._failures.pop(0)
            response = web.json_response({"error": {"code": "Failed"}}, status=failure.status)
            if failure.retry_after is not None:
                response.headers["Retry-After"] = failure.retry_after
        else:
            response = await handler(request)
        self.requests.append(
            Request(
                request.method,
                request.path,
                response.status,
                arrived,
                request.headers.get("Authorization"),
                request.transport.get_extra_info("peername") if request.transport else None,
            )
        )
        return response

    def forget_replies(self, conversation_id: str) -> None:
        """Drop what the SDK's turn replies to ``conversation_id`` left behind (a long soak
        would otherwise measure this stand-in's memory); the bot's own sends stay."""
        gone = {id(c) for c in self.calls
                if c.conversation_id == conversation_id and not c.own}
        for call in self.calls:
            if id(call) in gone and call.answer_id is not None:
                self._current.pop(call.answer_id, None)
        self.calls = [c for c in self.calls if id(c) not in gone]

    @staticmethod
    def _flaky_send(request: web.Request) -> bool:
        return (request.method in ("POST", "PUT") and request.path.startswith("/v3/conversations/")
                and "/activities" in request.path
                and USER_AGENT_PRODUCT in request.headers.get("User-Agent", ""))

    # Bot Connector ----------------------------------------------------------------------

    async def _record(self, request: web.Request, method: str) -> Call:
        call = Call(
            method=method,
            conversation_id=request.match_info["cid"],
            activity_id=request.match_info.get("aid"),
            body=await request.json(),
            authorization=request.headers.get("Authorization"),
            user_agent=request.headers.get("User-Agent", ""),
        )
        self.calls.append(call)
        return call

    async def _post(self, request: web.Request) -> web.Response:
        call = await self._record(request, "POST")
        call.answer_id = f"sent-{next(self._ids)}"
        self._current[call.answer_id] = call.body
        if self._release is not None:
            await self._release.wait()
        return web.json_response({"id": call.answer_id})

    async def _put(self, request: web.Request) -> web.Response:
        call = await self._record(request, "PUT")
        if self.reject_updates:
            return web.json_response({"error": {"code": "Forbidden"}}, status=403)
        if call.activity_id in self._current:
            self._current[call.activity_id] = call.body
        return web.json_response({"id": call.activity_id})

    async def _create_conversation(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.conversations_created.append(body)
        member = (body.get("members") or [{}])[0].get("id", "")
        return web.json_response({"id": f"a:personal-{member}-{uuid.uuid4().hex[:6]}"})

    async def _paged_members(self, request: web.Request) -> web.Response:
        size = int(request.query.get("pageSize") or 500)
        if self.members_page_limit is not None:
            size = min(size, self.members_page_limit)
        start = int(request.query.get("continuationToken") or 0)
        page: dict[str, Any] = {"members": self.members[start : start + size]}
        if start + size < len(self.members):
            page["continuationToken"] = str(start + size)
        return web.json_response(page)

    async def _team_details(self, request: web.Request) -> web.Response:
        team = request.match_info["team"]
        details = self.teams.get(team)
        if details is None:
            return web.json_response({"error": {"code": "NotFound"}}, status=404)
        return web.json_response({"id": team, **details})

    # Microsoft Graph --------------------------------------------------------------------

    def top_level_posts(self, channel_id: str) -> list[Call]:
        """The new posts (not replies) the bot made in a channel, oldest first."""
        return [
            c
            for c in self.calls
            if c.method == "POST"
            and c.conversation_id == channel_id
            and c.activity_id is None
            and c.body.get("type") == "message"
        ]

    async def _graph_messages(self, request: web.Request) -> web.Response:
        group = request.match_info["group"]
        if not any(t.get("aadGroupId") == group for t in self.teams.values()):
            return web.json_response({"error": {"code": "NotFound"}}, status=404)
        posts = list(reversed(self.top_level_posts(request.match_info["channel"])))
        start = int(request.query.get("$skiptoken") or 0)
        size = self.graph_page_size
        page: dict[str, Any] = {
            "value": [self._graph_message(c) for c in posts[start : start + size]]
        }
        if start + size < len(posts):
            page["@odata.nextLink"] = str(request.url.update_query({"$skiptoken": start + size}))
        return web.json_response(page)

    def _graph_message(self, call: Call) -> dict[str, Any]:
        assert call.answer_id is not None
        body = self._current.get(call.answer_id, call.body)
        return {
            "id": call.answer_id,
            "replyToId": None,
            "messageType": "message",
            "createdDateTime": datetime.fromtimestamp(
                time.time() - (time.monotonic() - call.at), UTC
            ).isoformat(),
            "body": {"contentType": "html", "content": body.get("text") or ""},
            "attachments": [
                {
                    "id": str(i),
                    "contentType": a.get("contentType"),
                    "content": json.dumps(a.get("content")),
                }
                for i, a in enumerate(body.get("attachments") or [])
            ],
        }

    # What the bot sent ------------------------------------------------------------------

    def messages(self, conversation_id: str) -> list[dict[str, Any]]:
        """The message activities the bot posted to a conversation, oldest first."""
        return [
            c.body
            for c in self.calls
            if c.method == "POST"
            and c.conversation_id == conversation_id
            and c.body.get("type") == "message"
        ]

    def updates(self, conversation_id: str) -> list[Call]:
        return [c for c in self.calls if c.method == "PUT" and c.conversation_id == conversation_id]

    def cards(self, conversation_id: str) -> list[dict[str, Any]]:
        """Every Adaptive Card the bot posted to a conversation, oldest first."""
        return [
            a["content"]
            for m in self.messages(conversation_id)
            for a in m.get("attachments", [])
            if a.get("contentType") == ADAPTIVE_CARD
        ]

    def texts(self, conversation_id: str) -> list[str]:
        return [m["text"] for m in self.messages(conversation_id) if m.get("text")]

    async def wait_for(
        self, condition: Callable[[], bool], *, timeout: float = 30.0, what: str = "condition"
    ) -> None:
        """Wait until ``condition()`` holds (polling); TimeoutError after ``timeout`` s."""
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError(f"timed out after {timeout} s waiting for {what}")
            await asyncio.sleep(0.02)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Response:
    status: int
    body: Any


class Bot:
    """The bot's aiohttp application served on 127.0.0.1, and a client for it."""

    def __init__(self, app: web.Application, connector: Connector) -> None:
        self.app = app
        self.connector = connector
        self._server = TestServer(app, host="127.0.0.1")
        self._session: ClientSession | None = None

    async def start(self) -> Bot:
        await self._server.start_server()
        self._session = ClientSession()
        return self

    async def stop(self) -> None:
        if self._session is not None:
            await self._session.close()
        await self._server.close()

    def url(self, path: str) -> str:
        return str(self._server.make_url(path))

    async def request(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        data: bytes | str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Response:
        assert self._session is not None
        async with self._session.request(
            method, self.url(path), json=json, data=data, headers=headers
        ) as resp:
            text = await resp.text()
            try:
                import json as _json

                body: Any = _json.loads(text) if text else None
            except ValueError:
                body = text
            return Response(resp.status, body)

    async def send(self, activity: dict[str, Any], **kwargs: Any) -> Response:
        return await self.request("POST", "/api/messages", json=activity, **kwargs)

    # Activities as Teams sends them --------------------------------------------------------

    def activity(
        self,
        type: str,
        *,
        conversation: str = "conv-1",
        user: str = "user-1",
        locale: str | None = "sv-SE",
        tenant: str | None = TENANT,
        **extra: Any,
    ) -> dict[str, Any]:
        conv: dict[str, Any] = {"id": conversation, "conversationType": "personal"}
        activity: dict[str, Any] = {
            "type": type,
            "id": f"in-{uuid.uuid4().hex[:8]}",
            "channelId": "msteams",
            "serviceUrl": self.connector.url,
            "from": {"id": f"29:{user}", "name": "Test Person", "aadObjectId": user},
            "recipient": {"id": BOT_ID, "name": "Strategikollen"},
            "conversation": conv,
            "timestamp": "2026-11-22T08:00:00.000Z",
        }
        if locale:
            activity["locale"] = locale
        if tenant:
            conv["tenantId"] = tenant
            activity["channelData"] = {"tenant": {"id": tenant}}
        activity.update(extra)
        return activity

    @staticmethod
    def mention_bot(activity: dict[str, Any]) -> dict[str, Any]:
        """The activity as Teams sends a channel message that @mentions the bot: the mention
        in the text and as an entity (in a channel, the bot answers only those)."""
        tag = "<at>Strategikollen</at>"
        activity["text"] = f"{tag} {activity.get('text') or ''}".rstrip()
        activity.setdefault("entities", []).append({
            "type": "mention", "text": tag, "mentioned": {"id": BOT_ID, "name": "Strategikollen"},
        })
        return activity

    async def say(
        self, text: str, *, headers: Mapping[str, str] | None = None, **kwargs: Any
    ) -> Response:
        return await self.send(self.activity("message", text=text, **kwargs), headers=headers)

    async def members_added(
        self, added: list[dict[str, Any]] | None = None, **kwargs: Any
    ) -> Response:
        """A conversationUpdate: ``added`` joined (default: the bot itself, as on install)."""
        added = added if added is not None else [{"id": BOT_ID, "name": "Strategikollen"}]
        return await self.send(self.activity("conversationUpdate", membersAdded=added, **kwargs))

    async def execute(
        self, verb: str, data: Mapping[str, Any] | None = None, **kwargs: Any
    ) -> Response:
        """An Action.Execute press: an ``adaptiveCard/action`` invoke."""
        value = {
            "action": {"type": "Action.Execute", "verb": verb, "data": dict(data or {})},
            "trigger": "manual",
        }
        return await self.send(
            self.activity("invoke", name="adaptiveCard/action", value=value, **kwargs)
        )

    async def submit(
        self, data: Mapping[str, Any], *, reply_to: str | None = None, **kwargs: Any
    ) -> Response:
        """An Action.Submit press: a message with ``value`` (and no text)."""
        extra: dict[str, Any] = {"value": dict(data)}
        if reply_to:
            extra["replyToId"] = reply_to
        return await self.send(self.activity("message", **extra, **kwargs))
