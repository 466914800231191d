"""The bot's calls to the Bot Connector service, through the SDK's connector client (and,
for one lookup, Microsoft Graph).

The Agents SDK answers turns; messages the bot sends on its own — a case's post in the IB
channel, its updates, notifications — and the reads a turn needs outside the SDK's turn
context (a team's roster and details) go through this client. It calls the SDK's
``TeamsConnectorClient`` (``conversations.send_to_conversation``, ``reply_to_activity``,
``update_activity``, ``create_conversation``, ``get_conversation_paged_members``,
``fetch_team_details``), with the SDK's tokens (``bot.teams.tokens.ConnectorTokens``),
its User-Agent, header propagation and OpenTelemetry spans; around those calls it adds
what the SDK leaves to the caller: tenacity's retries, and which failures may have posted.
It never sends a token to a host outside the Microsoft channel hosts (the SDK's
``OutboundHostValidator`` decides, as it does for the SDK's own replies in production);
dev mode talks to loopback without a token (the SDK's ``AnonymousTokenProvider``).

The SDK's client bakes its bearer token into its aiohttp session, so there is one client
per service URL and token, all over one connection pool; a client whose token was
renewed is closed a little later (a call may still be using it), and every one on
``aclose``.

Transient failures are 429 (throttled), 412 (Teams: a precondition such as a concurrent
update of the same message), 5xx, and network errors or timeouts; a ``Retry-After`` header
(read from the SDK's ``aiohttp.ClientResponseError``) is honoured (the wait is at least
what it says), otherwise the waits grow exponentially with jitter. Everything else is
permanent.

A POST that failed after the service may have acted on it (a timeout or a dropped
connection after the request went out, or a 5xx other than 503: Teams has been known to
post and still answer 502) is *uncertain*: it is not retried here, because a second post
could be a duplicate. The error says so (``uncertain``); the caller decides (the delivery
worker looks for the post before sending it again).
"""

from __future__ import annotations

import email.utils
import functools
import ipaddress
import logging
import math
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar
from urllib.parse import quote, urlsplit

import aiohttp
import httpx
import pydantic
from microsoft_agents.activity import (
    Activity,
    ConversationParameters,
    PagedMembersResult,
    RoleTypes,
)
from microsoft_agents.hosting.core import (
    ClaimsIdentity,
    Connections,
    OutboundHostValidator,
    RestChannelServiceClientFactory,
    TurnContext,
)
from microsoft_agents.hosting.core.connector import (
    ConnectorClientBase,
    TeamsConnectorClient,
    get_product_info,
)
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
from .tokens import GRAPH_SCOPE, ConnectorTokens, MsalTokens, NoTokens, TokenSource

__all__ = [
    "GRAPH_SCOPE",
    "USER_AGENT_PRODUCT",
    "ConnectorClient",
    "ConnectorError",
    "ConnectorTokens",
    "MsalTokens",
    "TeamDetails",
    "TeamMember",
    "TokenSource",
    "TurnClients",
    "build_connector",
    "is_loopback",
    "parse_retry_after",
    "url_checker",
]

logger = logging.getLogger(__name__)

TRANSIENT_STATUSES = frozenset({412, 429})
MEMBERS_PAGE_SIZE = 500  # the most Teams hands out per page
USER_AGENT_PRODUCT = "Strategikollen-outbox"
"""Added to the SDK's User-Agent on this client's calls: Teams' logs (and the tests'
stand-in) tell the bot's own sends from the SDK's replies in a turn."""

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
    # "user", "guest" (a guest account in the tenant) or absent; the roster says it as userRole.
    user_role: str | None = Field(default=None, alias="userRole")


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


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:
        return ""


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
        try:
            parts = urlsplit(url)
        except ValueError:
            return False
        return parts.scheme in ("http", "https") and is_loopback(parts.hostname or "")

    return allowed


def _extra(model: Any, *names: str) -> str | None:
    """A field the SDK's model does not declare but keeps (its models allow extras), under
    the first of ``names`` it has; None when it has none of them or it is not a string."""
    extra = getattr(model, "model_extra", None) or {}
    for name in names:
        value = extra.get(name)
        if isinstance(value, str):
            return value
    return None


def _quote(part: str) -> str:
    """A conversation, activity or team id as a path segment (ids hold ':', '@', ';');
    the SDK puts ids into its paths as they are."""
    return quote(part, safe=":@;=,")


def _wait_for(state: RetryCallState) -> float:
    """Exponential backoff with jitter, and never less than the service's Retry-After."""
    error = state.outcome.exception() if state.outcome is not None else None
    backoff = _BACKOFF(state)
    if isinstance(error, ConnectorError) and error.retry_after is not None:
        return max(error.retry_after, backoff)
    return backoff


_BACKOFF = wait_exponential_jitter(multiplier=0.5, max=8.0, jitter=0.5)


@functools.cache
def _user_agent() -> str:
    """The SDK's User-Agent (worked out once: it scans the installed packages), and ours."""
    return f"{get_product_info()} {USER_AGENT_PRODUCT}"


def _failure(error: Exception, method: str, where: str) -> ConnectorError | None:
    """The ``ConnectorError`` for what the SDK's client (aiohttp) raised; None when it is
    not a failure of the call."""
    post = method == "POST"
    if isinstance(error, aiohttp.ContentTypeError):  # 2xx, but not JSON
        return ConnectorError(f"{where}: the answer is not JSON", transient=False)
    if isinstance(error, aiohttp.ClientResponseError):
        status = error.status
        if status < 400:
            return ConnectorError(f"{where} answered {status}", status=status, transient=False)
        retry_after = parse_retry_after(
            error.headers.get("Retry-After") if error.headers is not None else None
        )
        logger.debug("%s answered %s", where, status)
        if status == 429:
            telemetry.current().throttled(method)
        return ConnectorError(
            f"{where} answered {status}",
            status=status,
            retry_after=retry_after,
            transient=status in TRANSIENT_STATUSES or status >= 500,
            uncertain=post and status >= 500 and status != 503,
        )
    if isinstance(error, aiohttp.ClientConnectorError | aiohttp.ConnectionTimeoutError):
        # Nothing reached the service.
        return ConnectorError(f"{where}: {type(error).__name__}", transient=True)
    if isinstance(error, aiohttp.ClientConnectionError | aiohttp.ClientPayloadError
                  | TimeoutError):  # the request may have gone out
        return ConnectorError(
            f"{where}: {type(error).__name__}", transient=True, uncertain=post
        )
    if isinstance(error, ValueError):  # the answer's body (pydantic's, json's errors)
        return ConnectorError(
            f"{where}: the answer is unreadable ({type(error).__name__})", transient=False
        )
    return None


def _activity(activity: Mapping[str, Any]) -> Activity:
    """``activity`` as the SDK's model (which drops what its schema does not know)."""
    try:
        return Activity.model_validate(dict(activity))
    except pydantic.ValidationError as error:
        raise ConnectorError(
            f"not an activity: {error.error_count()} error(s)", transient=False
        ) from error


class _BotTokens(Protocol):
    async def token(self, service_url: str) -> str: ...


class _KeptClient(TeamsConnectorClient):
    """The SDK's client, kept across calls and turns: ``close`` (which the SDK calls when a
    turn ends) leaves its session open; ``retire`` closes it, when its token has been
    renewed or at shutdown (``ConnectorClient``)."""

    async def close(self) -> None:
        return None

    async def retire(self) -> None:
        await super().close()


class TurnClients(RestChannelServiceClientFactory):
    """The SDK's client factory, whose connector clients for a turn's replies are the
    ``ConnectorClient``'s kept ones (``turn_client``) instead of a new client with a new
    aiohttp session, and so a new connection to the Bot Connector, for every turn.

    The token is the one the SDK's factory gets (the turn's claims, audience and scopes, or
    anonymous in dev mode); agentic requests and Copilot Studio's connector go to the
    SDK's factory unchanged."""

    def __init__(self, connection_manager: Connections, connector: ConnectorClient) -> None:
        super().__init__(connection_manager)
        self._connector = connector

    async def create_connector_client(
        self,
        context: TurnContext | None,
        claims_identity: ClaimsIdentity,
        service_url: str,
        audience: str,
        scopes: list[str] | None = None,
        use_anonymous: bool = False,
    ) -> ConnectorClientBase:
        activity = context.activity if context else None
        special = activity is not None and (
            activity.is_agentic_request()
            or (activity.recipient is not None
                and activity.recipient.role == RoleTypes.connector_user)
        )
        if special or not service_url or not audience:
            return await super().create_connector_client(
                context, claims_identity, service_url, audience, scopes, use_anonymous
            )
        provider = (
            self._ANONYMOUS_TOKEN_PROVIDER
            if use_anonymous
            else self._connection_manager.get_token_provider(claims_identity, service_url)
        )
        token = await provider.get_access_token(
            audience, scopes or claims_identity.get_token_scope()
        )
        return await self._connector.turn_client(service_url, token)


class ConnectorClient:
    """Outgoing calls to the Bot Connector service of a conversation's ``service_url``.

    Each call is tried up to ``attempts`` times while the failure is transient and the
    wait the service asks for is at most ``max_wait_seconds``; after that the
    ``ConnectorError`` is raised (``transient`` tells the caller to try again later).
    ``tokens`` are the Bot Connector's (default: the SDK's anonymous ones, dev mode),
    ``graph_tokens`` Graph's (default: none).
    """

    def __init__(
        self,
        *,
        tokens: _BotTokens | None = None,
        graph_tokens: TokenSource | None = None,
        allow_url: Callable[[str], bool],
        graph_url: str = "https://graph.microsoft.com/v1.0",
        attempts: int = 4,
        max_wait_seconds: float = 30.0,
        timeout_seconds: float = 30.0,
    ) -> None:
        self._tokens: _BotTokens = tokens or ConnectorTokens(None)
        self._graph_tokens: TokenSource = graph_tokens or NoTokens()
        self._allow_url = allow_url
        self._graph_url = graph_url.rstrip("/")
        self._attempts = attempts
        self._max_wait = max_wait_seconds
        self._timeout_seconds = timeout_seconds
        self._pool: aiohttp.TCPConnector | None = None
        self._clients: dict[str, tuple[str, _KeptClient]] = {}  # by service URL
        # The turns' replies' clients (TurnClients), by service URL: their token comes with
        # the turn, and may differ from the outbox's, so they are kept apart from those.
        self._turn_clients: dict[str, tuple[str, _KeptClient]] = {}
        self._retired: list[tuple[float, _KeptClient]] = []
        self._http = httpx.AsyncClient(timeout=timeout_seconds, follow_redirects=False)

    # Bot Connector --------------------------------------------------------------------

    async def send(
        self, service_url: str, conversation_id: str, activity: Mapping[str, Any]
    ) -> str:
        """Post ``activity`` in a conversation; returns the new activity's id."""
        body = _activity(activity)
        answer = await self._bot_call(
            "POST", service_url, f"v3/conversations/{conversation_id}/activities",
            lambda client: client.conversations.send_to_conversation(
                _quote(conversation_id), body
            ),
        )
        return _activity_id(answer.id)

    async def reply(
        self,
        service_url: str,
        conversation_id: str,
        reply_to_id: str,
        activity: dict[str, Any],
    ) -> str:
        """Post ``activity`` as a reply to ``reply_to_id``; returns the new activity's id."""
        body = _activity({**activity, "replyToId": reply_to_id})
        answer = await self._bot_call(
            "POST", service_url, f"v3/conversations/{conversation_id}/activities/{reply_to_id}",
            lambda client: client.conversations.reply_to_activity(
                _quote(conversation_id), _quote(reply_to_id), body
            ),
        )
        return _activity_id(answer.id)

    async def update(
        self,
        service_url: str,
        conversation_id: str,
        activity_id: str,
        activity: dict[str, Any],
    ) -> None:
        """Replace the message ``activity_id`` with ``activity`` (idempotent)."""
        body = _activity({**activity, "id": activity_id})
        await self._bot_call(
            "PUT", service_url, f"v3/conversations/{conversation_id}/activities/{activity_id}",
            lambda client: client.conversations.update_activity(
                _quote(conversation_id), _quote(activity_id), body
            ),
        )

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
        parameters = ConversationParameters.model_validate(body)
        answer = await self._bot_call(
            "POST", service_url, "v3/conversations",
            lambda client: client.conversations.create_conversation(parameters),
        )
        if not isinstance(answer.id, str) or not answer.id:
            raise ConnectorError("no conversation id in the answer", transient=False)
        return answer.id

    async def team_members(self, service_url: str, team_id: str) -> list[TeamMember]:
        """Every member of a team, read page by page."""
        members: list[TeamMember] = []
        token: str | None = None
        while True:

            async def read(
                client: TeamsConnectorClient, after: str | None = token
            ) -> PagedMembersResult:
                return await client.conversations.get_conversation_paged_members(
                    _quote(team_id), MEMBERS_PAGE_SIZE, after
                )

            page = await self._bot_call(
                "GET", service_url, f"v3/conversations/{team_id}/pagedmembers", read
            )
            members.extend(
                TeamMember(id=m.id, aadObjectId=m.aad_object_id, name=m.name,
                           userRole=_extra(m, "userRole", "user_role"))
                for m in page.members or []
                if m.id
            )
            token = page.continuation_token
            if not token:
                return members

    async def team_details(self, service_url: str, team_id: str) -> TeamDetails:
        """A team's details (its Microsoft 365 group id among them)."""
        details = await self._bot_call(
            "GET", service_url, f"v3/teams/{team_id}",
            lambda client: client.fetch_team_details(_quote(team_id)),
        )
        return TeamDetails(id=details.id or team_id, name=details.name,
                           aadGroupId=details.aad_group_id)

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
            page = await self._graph_get(url)
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
        """Close every SDK client (their sessions), the connection pool and Graph's client."""
        clients = [client for _, client in self._clients.values()]
        clients += [client for _, client in self._turn_clients.values()]
        clients += [client for _, client in self._retired]
        self._clients.clear()
        self._turn_clients.clear()
        self._retired.clear()
        for client in clients:
            await client.retire()
        if self._pool is not None:
            await self._pool.close()
            self._pool = None
        await self._http.aclose()

    # The SDK's clients ----------------------------------------------------------------

    async def _client(self, service_url: str) -> TeamsConnectorClient:
        """The SDK's client for ``service_url`` with its current token."""
        token = await self._tokens.token(service_url)
        return await self._kept(self._clients, service_url, token, {"User-Agent": _user_agent()})

    async def turn_client(self, service_url: str, token: str) -> TeamsConnectorClient:
        """The SDK's client for a turn's replies to ``service_url`` with the turn's
        ``token`` (``TurnClients``): kept for the next turn, over the same connection pool,
        so that a reply does not open a new connection (and TLS session) every turn. The
        SDK's ``close`` at the end of the turn leaves it open. Its requests are the SDK's
        own, User-Agent and all: only the connection is kept."""
        return await self._kept(self._turn_clients, service_url, token, {})

    async def _kept(
        self, clients: dict[str, tuple[str, _KeptClient]], service_url: str, token: str,
        headers: Mapping[str, str],
    ) -> TeamsConnectorClient:
        base = service_url.rstrip("/") + "/"
        current = clients.get(base)
        if current is not None and current[0] == token:
            return current[1]
        if self._pool is None:
            self._pool = aiohttp.TCPConnector()
        session = aiohttp.ClientSession(
            base_url=base,
            connector=self._pool,
            connector_owner=False,  # one pool for every service URL and token
            timeout=aiohttp.ClientTimeout(total=self._timeout_seconds),
            headers=headers,  # without a User-Agent, the SDK's client sets its own
        )
        client = _KeptClient(base, token, session=session)
        clients[base] = (token, client)
        if current is not None:
            await self._retire(current[1])
        return client

    async def _retire(self, client: _KeptClient) -> None:
        """Close ``client`` once no call can still be using it (a call takes at most the
        timeout); close the clients retired before that are done now."""
        now = time.monotonic()
        done = [c for at, c in self._retired if now - at > self._timeout_seconds + 1.0]
        self._retired = [(at, c) for at, c in self._retired if c not in done]
        self._retired.append((now, client))
        for old in done:
            await old.retire()

    # The calls ------------------------------------------------------------------------

    async def _bot_call(
        self,
        method: str,
        service_url: str,
        what: str,
        call: Callable[[TeamsConnectorClient], Awaitable[T]],
    ) -> T:
        if not self._allow_url(service_url):
            raise ConnectorError(f"refused to call {_host(service_url)!r}", transient=False)
        where = f"{method} {service_url.rstrip('/')}/{what}"

        async def once() -> T:
            client = await self._client(service_url)
            try:
                return await call(client)
            except (aiohttp.ClientError, TimeoutError, ValueError) as error:
                failure = _failure(error, method, where)
                if failure is None:
                    raise
                raise failure from error

        return await self._retrying(once)

    async def _graph_get(self, url: str) -> Any:
        if not self._allow_url(url):
            raise ConnectorError(f"refused to call {_host(url)!r}", transient=False)

        async def once() -> Any:
            return await self._graph_once(url)

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

    async def _graph_once(self, url: str) -> Any:
        headers = {"Accept": "application/json"}
        token = await self._graph_tokens.token(GRAPH_SCOPE)
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        where = f"GET {httpx.URL(url).copy_with(query=None)}"
        try:
            response = await self._http.get(url, headers=headers)
        except httpx.TransportError as error:
            raise ConnectorError(f"{where}: {type(error).__name__}", transient=True) from error
        status = response.status_code
        if status >= 400:
            logger.debug("%s answered %s", where, status)
            if status == 429:
                telemetry.current().throttled("GET")
            raise ConnectorError(
                f"{where} answered {status}",
                status=status,
                retry_after=parse_retry_after(response.headers.get("Retry-After")),
                transient=status in TRANSIENT_STATUSES or status >= 500,
            )
        try:
            return response.json()
        except ValueError as error:
            raise ConnectorError(f"{where}: the answer is not JSON", transient=False) from error


def _activity_id(activity_id: str | None) -> str:
    if not isinstance(activity_id, str) or not activity_id:
        raise ConnectorError("no activity id in the answer", transient=False)
    return activity_id


class _Settings(Protocol):
    dev: bool
    graph_url: str


def build_connector(settings: _Settings, connections: Connections) -> ConnectorClient:
    """The connector for the running bot: the SDK's anonymous path and loopback allowed in
    dev mode; otherwise the SDK's tokens from its MSAL service connection (as the adapter
    gets them for a proactive message), Microsoft hosts only."""
    if settings.dev:
        return ConnectorClient(allow_url=url_checker(dev=True), graph_url=settings.graph_url)
    return ConnectorClient(
        tokens=ConnectorTokens(connections),
        graph_tokens=MsalTokens(connections),
        allow_url=url_checker(dev=False),
        graph_url=settings.graph_url,
    )
