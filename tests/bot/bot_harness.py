"""Test harness: the bot over real HTTP on loopback, and a stand-in Bot Connector.

The stand-in Bot Connector accepts what the SDK's connector client sends
(POST /v3/conversations/{id}/activities[/{replyTo}], PUT .../activities/{id})
and records it. Activities go to the bot's /api/messages with ``serviceUrl``
pointing at the stand-in, so every reply travels the SDK's real outgoing path.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from aiohttp import ClientSession, web
from aiohttp.test_utils import TestServer

TENANT = "11111111-2222-3333-4444-555555555555"
BOT_ID = "28:strategikollen"


@dataclass
class Call:
    method: str
    conversation_id: str
    activity_id: str | None
    body: dict[str, Any]
    authorization: str | None


@dataclass
class Connector:
    """A stand-in Bot Connector service on 127.0.0.1 that records the bot's outgoing calls."""

    calls: list[Call] = field(default_factory=list)
    reject_updates: bool = False  # answer PUT with 403, as a channel that cannot edit would
    _server: TestServer | None = None
    _ids: itertools.count[int] = field(default_factory=itertools.count)

    async def start(self) -> None:
        app = web.Application()
        app.router.add_post("/v3/conversations/{cid}/activities", self._post)
        app.router.add_post("/v3/conversations/{cid}/activities/{aid}", self._post)
        app.router.add_put("/v3/conversations/{cid}/activities/{aid}", self._put)
        self._server = TestServer(app, host="127.0.0.1")
        await self._server.start_server()

    async def stop(self) -> None:
        if self._server is not None:
            await self._server.close()

    @property
    def url(self) -> str:
        assert self._server is not None
        return str(self._server.make_url("/"))

    async def _record(self, request: web.Request, method: str) -> Call:
        call = Call(
            method=method,
            conversation_id=request.match_info["cid"],
            activity_id=request.match_info.get("aid"),
            body=await request.json(),
            authorization=request.headers.get("Authorization"),
        )
        self.calls.append(call)
        return call

    async def _post(self, request: web.Request) -> web.Response:
        await self._record(request, "POST")
        return web.json_response({"id": f"sent-{next(self._ids)}"})

    async def _put(self, request: web.Request) -> web.Response:
        call = await self._record(request, "PUT")
        if self.reject_updates:
            return web.json_response({"error": {"code": "Forbidden"}}, status=403)
        return web.json_response({"id": call.activity_id})

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
            if a.get("contentType") == "application/vnd.microsoft.card.adaptive"
        ]

    def texts(self, conversation_id: str) -> list[str]:
        return [m["text"] for m in self.messages(conversation_id) if m.get("text")]


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

    async def say(
        self, text: str, *, headers: Mapping[str, str] | None = None, **kwargs: Any
    ) -> Response:
        return await self.send(self.activity("message", text=text, **kwargs), headers=headers)

    async def members_added(self, **kwargs: Any) -> Response:
        added = [{"id": BOT_ID, "name": "Strategikollen"}]
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
