"""The bot's own client for the Bot Connector service (and, for one lookup, Microsoft Graph).

The Agents SDK answers turns; messages the bot sends on its own — a case's post in the IB
channel, its updates, notifications — and the reads a turn needs outside the SDK's turn
context (a team's roster and details) go through this client. It uses httpx, retries
transient failures with tenacity, and never sends a token to a host outside the Microsoft
channel hosts (the SDK's ``OutboundHostValidator`` decides, as it does for the SDK's own
replies in production); dev mode talks to loopback without a token.

Transient failures are 429 (throttled), 412 (Teams: a precondition such as a concurrent
update of the same message), 5xx, and network errors or timeouts; a ``Retry-After`` header
is honoured (the wait is at least what it says), otherwise the waits grow exponentially
with jitter. Everything else is permanent.

A POST that failed after the service may have acted on it (a timeout or a dropped
connection after the request went out, or a 5xx other than 503: Teams has been known to
post and still answer 502) is *uncertain*: it is not retried here, because a second post
could be a duplicate. The error says so (``uncertain``); the caller decides (the delivery
worker looks for the post before sending it again).
"""

from __future__ import annotations

import email.utils
import ipaddress
import logging
import math
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar
from urllib.parse import quote

import httpx
from microsoft_agents.hosting.core import Connections, OutboundHostValidator
from pydantic import BaseModel, ConfigDict, Field
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential_jitter,
)

from .. import telemetry
from . import ADAPTIVE_CARD
from .tokens import BOT_FRAMEWORK_SCOPE, GRAPH_SCOPE, MsalTokens, NoTokens, TokenSource

__all__ = [
    "BOT_FRAMEWORK_SCOPE",
    "GRAPH_SCOPE",
    "ConnectorClient",
    "ConnectorError",
    "MsalTokens",
    "TeamDetails",
    "TeamMember",
    "TokenSource",
    "build_connector",
    "is_loopback",
    "parse_retry_after",
    "url_checker",
]

logger = logging.getLogger(__name__)

TRANSIENT_STATUSES = frozenset({412, 429})
MEMBERS_PAGE_SIZE = 500  # the most Teams hands out per page

T = TypeVar("T")


class ConnectorError(Exception):
    """A call to the Bot Connector (or Graph) failed.

    ``status`` is the HTTP status (None for a network error or timeout), ``retry_after``
    the seconds the service asked to wait (None when it did not say), ``transient``
    whether trying again later may succeed, ``uncertain`` whether the service may have
    carried out the request all the same (see the module's docstring).
    """

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        retry_after: float | None = None,
        transient: bool,
        uncertain: bool = False,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after
        self.transient = transient
        self.uncertain = uncertain


class TeamMember(BaseModel):
    """A member of a team, as the paged roster lists them."""

    model_config = ConfigDict(frozen=True, populate_by_name=True, extra="ignore")

    id: str  # the Teams user id, 29:…
    aad_object_id: str | None = Field(default=None, alias="aadObjectId")
    name: str | None = None


class TeamDetails(BaseModel):
    """A team's details; ``aad_group_id`` is its Microsoft 365 group (Graph's team id)."""

    model_config = ConfigDict(frozen=True, populate_by_name=True, extra="ignore")

    id: str
    name: str | None = None
    aad_group_id: str | None = Field(default=None, alias="aadGroupId")


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delay-seconds or an HTTP date.

    An HTTP date is the server's wall-clock time, so it counts from the real time (or
    ``now``), not from the bot's clock, which dev mode and the tests may set elsewhere.
    None when the header is missing or unreadable; never negative."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        seconds = float(text)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    if math.isnan(seconds) or math.isinf(seconds):
        return None
    return max(0.0, seconds)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_checker(*, dev: bool) -> Callable[[str], bool]:
    """Which base URLs the client may call: in production what the SDK's outbound host
    validator allows (https, a Microsoft channel or Graph host, no user info, no private
    address); in dev mode also http(s) on loopback (the stand-in services)."""
    validator = OutboundHostValidator(enabled=True)

    def allowed(url: str) -> bool:
        if validator.is_allowed(url):
            return True
        if not dev:
            return False
        parsed = httpx.URL(url)
        return parsed.scheme in ("http", "https") and is_loopback(parsed.host)

    return allowed


def _quote(part: str) -> str:
    """A conversation, activity or team id as a path segment (ids hold ':', '@', ';')."""
    return quote(part, safe=":@;=,")


def _wait_for(state: RetryCallState) -> float:
    """Exponential backoff with jitter, and never less than the service's Retry-After."""
    error = state.outcome.exception() if state.outcome is not None else None
    backoff = _BACKOFF(state)
    if isinstance(error, ConnectorError) and error.retry_after is not None:
        return max(error.retry_after, backoff)
    return backoff


_BACKOFF = wait_exponential_jitter(multiplier=0.5, max=8.0, jitter=0.5)


class ConnectorClient:
    """Outgoing calls to the Bot Connector service of a conversation's ``service_url``.

    Each call is tried up to ``attempts`` times while the failure is transient and the
    wait the service asks for is at most ``max_wait_seconds``; after that the
    ``ConnectorError`` is raised (``transient`` tells the caller to try again later).
    """

    def __init__(
        self,
        *,
        tokens: TokenSource | None = None,
        allow_url: Callable[[str], bool],
        graph_url: str = "https://graph.microsoft.com/v1.0",
        attempts: int = 4,
        max_wait_seconds: float = 30.0,
        timeout_seconds: float = 30.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._tokens: TokenSource = tokens or NoTokens()
        self._allow_url = allow_url
        self._graph_url = graph_url.rstrip("/")
        self._attempts = attempts
        self._max_wait = max_wait_seconds
        self._http = httpx.AsyncClient(
            timeout=timeout_seconds, transport=transport, follow_redirects=False
        )

    # Bot Connector --------------------------------------------------------------------

    async def send(
        self, service_url: str, conversation_id: str, activity: Mapping[str, Any]
    ) -> str:
        """Post ``activity`` in a conversation; returns the new activity's id."""
        path = f"v3/conversations/{_quote(conversation_id)}/activities"
        body = await self._bot_call("POST", service_url, path, json=activity)
        return _activity_id(body)

    async def reply(
        self,
        service_url: str,
        conversation_id: str,
        reply_to_id: str,
        activity: Mapping[str, Any],
    ) -> str:
        """Post ``activity`` as a reply to ``reply_to_id``; returns the new activity's id."""
        path = f"v3/conversations/{_quote(conversation_id)}/activities/{_quote(reply_to_id)}"
        body = await self._bot_call(
            "POST", service_url, path, json={**activity, "replyToId": reply_to_id}
        )
        return _activity_id(body)

    async def update(
        self,
        service_url: str,
        conversation_id: str,
        activity_id: str,
        activity: Mapping[str, Any],
    ) -> None:
        """Replace the message ``activity_id`` with ``activity`` (idempotent)."""
        path = f"v3/conversations/{_quote(conversation_id)}/activities/{_quote(activity_id)}"
        await self._bot_call("PUT", service_url, path, json={**activity, "id": activity_id})

    async def create_personal_conversation(
        self, service_url: str, *, tenant_id: str | None, user_mri: str, bot_id: str | None
    ) -> str:
        """Open (or find) the bot's personal chat with ``user_mri``; returns its id."""
        body: dict[str, Any] = {"isGroup": False, "members": [{"id": user_mri}]}
        if bot_id:
            body["bot"] = {"id": bot_id}
        if tenant_id:
            body["tenantId"] = tenant_id
            body["channelData"] = {"tenant": {"id": tenant_id}}
        answer = await self._bot_call("POST", service_url, "v3/conversations", json=body)
        conversation = answer.get("id") if isinstance(answer, dict) else None
        if not isinstance(conversation, str) or not conversation:
            raise ConnectorError("no conversation id in the answer", transient=False)
        return conversation

    async def team_members(self, service_url: str, team_id: str) -> list[TeamMember]:
        """Every member of a team, read page by page."""
        members: list[TeamMember] = []
        token: str | None = None
        path = f"v3/conversations/{_quote(team_id)}/pagedmembers"
        while True:
            params: dict[str, str | int] = {"pageSize": MEMBERS_PAGE_SIZE}
            if token:
                params["continuationToken"] = token
            page = await self._bot_call("GET", service_url, path, params=params)
            if not isinstance(page, dict):
                raise ConnectorError("the roster page is not an object", transient=False)
            members.extend(TeamMember.model_validate(m) for m in page.get("members") or [])
            token = page.get("continuationToken")
            if not token:
                return members

    async def team_details(self, service_url: str, team_id: str) -> TeamDetails:
        """A team's details (its Microsoft 365 group id among them)."""
        body = await self._bot_call("GET", service_url, f"v3/teams/{_quote(team_id)}")
        return TeamDetails.model_validate(body)

    # Microsoft Graph ------------------------------------------------------------------

    async def find_channel_post(
        self, group_id: str, channel_id: str, needles: Sequence[str]
    ) -> str | None:
        """The id of the channel's top-level message whose Adaptive Card contains every
        string in ``needles``, or None. Reads the channel's messages through Graph, page
        by page (the app needs Graph's ChannelMessage.Read.All application permission)."""
        url: str | None = (
            f"{self._graph_url}/teams/{_quote(group_id)}/channels/{_quote(channel_id)}/messages"
        )
        while url is not None:
            page = await self._call("GET", url, GRAPH_SCOPE)
            if not isinstance(page, dict):
                raise ConnectorError("the Graph page is not an object", transient=False)
            for message in page.get("value") or []:
                if message.get("replyToId") or not isinstance(message.get("id"), str):
                    continue
                for attachment in message.get("attachments") or []:
                    content = attachment.get("content")
                    if (
                        attachment.get("contentType") == ADAPTIVE_CARD
                        and isinstance(content, str)
                        and all(needle in content for needle in needles)
                    ):
                        found: str = message["id"]
                        return found
            next_link = page.get("@odata.nextLink")
            url = next_link if isinstance(next_link, str) and next_link else None
        return None

    async def aclose(self) -> None:
        await self._http.aclose()

    # The calls ------------------------------------------------------------------------

    async def _bot_call(
        self,
        method: str,
        service_url: str,
        path: str,
        *,
        json: Any = None,
        params: Mapping[str, str | int] | None = None,
    ) -> Any:
        url = f"{service_url.rstrip('/')}/{path}"
        return await self._call(method, url, BOT_FRAMEWORK_SCOPE, json=json, params=params)

    async def _call(
        self,
        method: str,
        url: str,
        scope: str,
        *,
        json: Any = None,
        params: Mapping[str, str | int] | None = None,
    ) -> Any:
        if not self._allow_url(url):
            raise ConnectorError(f"refused to call {httpx.URL(url).host!r}", transient=False)

        async def once() -> Any:
            return await self._once(method, url, scope, json=json, params=params)

        return await self._retrying(once)

    async def _retrying(self, call: Callable[[], Awaitable[T]]) -> T:
        def worth_retrying(error: BaseException) -> bool:
            return (
                isinstance(error, ConnectorError)
                and error.transient
                and not error.uncertain
                and (error.retry_after is None or error.retry_after <= self._max_wait)
            )

        retrying = AsyncRetrying(
            stop=stop_after_attempt(self._attempts),
            wait=_wait_for,
            retry=retry_if_exception(worth_retrying),
            reraise=True,
        )
        async for attempt in retrying:
            with attempt:
                return await call()
        raise AssertionError("unreachable: tenacity reraises the last error")  # pragma: no cover

    async def _once(
        self,
        method: str,
        url: str,
        scope: str,
        *,
        json: Any,
        params: Mapping[str, str | int] | None,
    ) -> Any:
        headers = {"Accept": "application/json"}
        token = await self._tokens.token(scope)
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        where = f"{method} {httpx.URL(url).copy_with(query=None)}"
        post = method == "POST"
        try:
            response = await self._http.request(
                method, url, json=json, params=params, headers=headers
            )
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as error:
            # Nothing reached the service.
            raise ConnectorError(f"{where}: {type(error).__name__}", transient=True) from error
        except httpx.TransportError as error:  # the request may have gone out
            raise ConnectorError(
                f"{where}: {type(error).__name__}", transient=True, uncertain=post
            ) from error
        status = response.status_code
        if status >= 400:
            transient = status in TRANSIENT_STATUSES or status >= 500
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            logger.debug("%s answered %s", where, status)
            if status == 429:
                telemetry.current().throttled(method)
            raise ConnectorError(
                f"{where} answered {status}",
                status=status,
                retry_after=retry_after,
                transient=transient,
                uncertain=post and status >= 500 and status != 503,
            )
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError as error:
            raise ConnectorError(f"{where}: the answer is not JSON", transient=False) from error


def _activity_id(body: Any) -> str:
    activity_id = body.get("id") if isinstance(body, dict) else None
    if not isinstance(activity_id, str) or not activity_id:
        raise ConnectorError("no activity id in the answer", transient=False)
    return activity_id


class _Settings(Protocol):
    dev: bool
    graph_url: str


def build_connector(settings: _Settings, connections: Connections) -> ConnectorClient:
    """The connector for the running bot: no token and loopback allowed in dev mode;
    otherwise tokens from the SDK's MSAL service connection, Microsoft hosts only."""
    tokens: TokenSource | None = None if settings.dev else MsalTokens(connections)
    return ConnectorClient(
        tokens=tokens,
        allow_url=url_checker(dev=settings.dev),
        graph_url=settings.graph_url,
    )
