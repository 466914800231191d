"""Microsoft Graph through msgraph-sdk: who is in a group, and what a user's profile says.

``graph_client`` builds the SDK's ``GraphServiceClient`` over the bot's own app credential
(``TokenSource``: the SDK's MSAL service connection; no token in dev mode), with a base URL
that tests point at a stand-in on loopback, a timeout, and the SDK's retry handler (which
honours ``Retry-After`` on 429, 503 and 504). ``Graph`` holds the reads the bot makes:

- ``group_members``: a security group's transitive members, users only
  (``/groups/{id}/transitiveMembers/microsoft.graph.user``), every page (the SDK's
  ``PageIterator`` follows ``@odata.nextLink``), each with whether they are a guest
  (``userType`` Guest). Application permission GroupMember.Read.All.
- ``user_profile``: ``/users/{id}?$select=department,companyName`` with the app's token
  (User.Read.All); ``my_profile``: ``/me`` with the user's own delegated token (User.Read).

``GroupMembers`` keeps each group's members for a while (``ttl``) and, when Graph fails,
goes on with the members read last (logged); without any, ``GroupsUnavailable``.
``ProfileReader`` gives the wizard the user's unit: with their own token when the Azure
Bot's OAuth connection (Teams single sign-on) has one for them, else with the app's when
allowed, else nothing, and never an error. ``build_graph`` makes these for the settings.

msgraph itself is imported when first used (it takes seconds, and more on the first
model read: ``warm_up`` at start-up), so that a bot without Graph reads never loads it.

Every failure of a call is a ``GraphFailed`` (its ``status`` when Graph answered).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import httpx
from kiota_abstractions.api_error import APIError
from kiota_abstractions.authentication import AuthenticationProvider
from kiota_abstractions.base_request_configuration import RequestConfiguration
from kiota_abstractions.request_information import RequestInformation
from microsoft_agents.hosting.core import Connections, TurnContext
from microsoft_agents.hosting.core.connector import UserTokenClientBase

from dialogs.turn import Prefill

from ..settings import Settings
from .tokens import GRAPH_SCOPE, MsalTokens, NoTokens, TokenSource

if TYPE_CHECKING:  # msgraph itself is imported when first used: it takes seconds
    from msgraph.generated.models.user import User
    from msgraph.generated.users.item.user_item_request_builder import UserItemRequestBuilder
    from msgraph.graph_service_client import GraphServiceClient

__all__ = [
    "DEFAULT_GRAPH_URL",
    "Graph",
    "GraphFailed",
    "GraphParts",
    "GroupMember",
    "GroupMembers",
    "GroupsUnavailable",
    "Profile",
    "ProfileReader",
    "build_graph",
    "graph_client",
    "user_token",
    "warm_up",
]

logger = logging.getLogger(__name__)

DEFAULT_GRAPH_URL = "https://graph.microsoft.com/v1.0"
TIMEOUT_SECONDS = 5.0  # one request to Graph (each page, each retry)
RETRIES = 2  # the SDK's retry handler, after the first attempt (429, 503, 504)
RETRY_DELAY_SECONDS = 1.0  # its base delay when Graph gives no Retry-After
PAGE_SIZE = 999  # Graph's largest page of directory objects
_PROFILE_FIELDS = ["department", "companyName"]


class GraphFailed(Exception):
    """A Graph call did not succeed: refused (``status`` 401, 403, 404 …), failed (5xx,
    429 after the retries) or not answered (``status`` None)."""

    def __init__(self, what: str, status: int | None = None) -> None:
        super().__init__(f"{what}: " + (f"HTTP {status}" if status else "no answer"))
        self.status = status


class GroupsUnavailable(Exception):
    """A group's members could not be read, and none were read before."""

    def __init__(self, group_id: str) -> None:
        super().__init__(f"the members of group {group_id} could not be read")
        self.group_id = group_id


@dataclass(frozen=True, slots=True)
class GroupMember:
    """A user in a group: Entra object id (lower case), and whether they are a guest."""

    id: str
    guest: bool = False


@dataclass(frozen=True, slots=True)
class Profile:
    """What a user's Entra ID profile says of where they work."""

    department: str | None = None
    company_name: str | None = None


class _AppToken(AuthenticationProvider):
    """The bot's app token on every request, unless the request carries its own (a user's
    delegated token, ``Graph.my_profile``). No header when the source gives none (dev)."""

    def __init__(self, tokens: TokenSource) -> None:
        self._tokens = tokens

    async def authenticate_request(
        self, request: RequestInformation,
        additional_authentication_context: dict[str, Any] | None = None,
    ) -> None:
        if request.headers.contains("Authorization"):
            return
        token = await self._tokens.token(GRAPH_SCOPE)
        if token:
            request.headers.add("Authorization", f"Bearer {token}")


def graph_client(tokens: TokenSource, base_url: str = DEFAULT_GRAPH_URL, *,
                 http: httpx.AsyncClient, retries: int = RETRIES,
                 retry_delay: float = RETRY_DELAY_SECONDS) -> GraphServiceClient:
    """The SDK's Graph client with the bot's app credential (``tokens``), at ``base_url``
    (``https://graph.microsoft.com/v1.0``, or a stand-in's), over ``http``, with the SDK's
    default middleware (its own options: ``/me``, telemetry) and its retry handler set to
    ``retries`` and ``retry_delay``."""
    from kiota_http.middleware.options import RetryHandlerOption
    from msgraph.graph_request_adapter import GraphRequestAdapter
    from msgraph.graph_request_adapter import options as sdk_options
    from msgraph.graph_service_client import GraphServiceClient
    from msgraph_core import GraphClientFactory

    options = {**sdk_options,
               RetryHandlerOption.get_key(): RetryHandlerOption(delay=retry_delay,
                                                                max_retries=retries)}
    client = GraphClientFactory.create_with_default_middleware(client=http, options=options)
    adapter = GraphRequestAdapter(_AppToken(tokens), client=client)
    adapter.base_url = base_url.rstrip("/")
    return GraphServiceClient(request_adapter=adapter)


class Graph:
    """The bot's reads from Graph, over the SDK's client (``graph_client``), at ``base_url``
    with the app credential ``tokens``. ``aclose`` when done."""

    def __init__(self, tokens: TokenSource, base_url: str = DEFAULT_GRAPH_URL, *,
                 timeout: float = TIMEOUT_SECONDS, retries: int = RETRIES,
                 retry_delay: float = RETRY_DELAY_SECONDS) -> None:
        # msgraph-core wraps the client's transport in one without aclose (1.3), so closing
        # the client leaves its connections open: the transport is closed here by hand.
        self._transport = httpx.AsyncHTTPTransport()
        self._http = httpx.AsyncClient(transport=self._transport,
                                       timeout=httpx.Timeout(timeout))
        self._client = graph_client(tokens, base_url, http=self._http, retries=retries,
                                    retry_delay=retry_delay)

    async def aclose(self) -> None:
        await self._http.aclose()
        await self._transport.aclose()

    async def group_members(self, group_id: str) -> list[GroupMember]:
        """Every user in the group, nested groups' users included, page by page."""
        from msgraph.generated.groups.item.transitive_members.graph_user import (
            graph_user_request_builder as users_of_group,
        )
        from msgraph.generated.models.user_collection_response import UserCollectionResponse
        from msgraph_core.tasks.page_iterator import PageIterator

        request_builder = users_of_group.GraphUserRequestBuilder
        query = request_builder.GraphUserRequestBuilderGetQueryParameters(
            select=["id", "userType"], top=PAGE_SIZE)
        config = RequestConfiguration(query_parameters=query)
        builder = self._client.groups.by_group_id(group_id).transitive_members.graph_user
        members: list[GroupMember] = []

        def take(user: User) -> bool:
            if user.id:
                members.append(GroupMember(id=user.id.strip().lower(),
                                           guest=(user.user_type or "").lower() == "guest"))
            return True

        async def read() -> None:
            page = await builder.get(request_configuration=config)
            if page is None or not page.value:
                return
            adapter = self._client.request_adapter
            pages = PageIterator(page, adapter)
            # PageIterator reads the next pages as the type of the first.
            pages.parsable_factory = UserCollectionResponse
            await pages.iterate(take)

        await _call(f"members of group {group_id}", read)
        return members

    async def user_profile(self, user_id: str) -> Profile:
        """A user's department and company name, read with the app's token."""
        builder = self._client.users.by_user_id(user_id)
        return await self._profile(f"profile of {user_id}", builder, None)

    async def my_profile(self, token: str) -> Profile:
        """The signed-in user's department and company name, with their own ``token``."""
        return await self._profile("the user's own profile", self._client.me, token)

    async def _profile(self, what: str, builder: UserItemRequestBuilder,
                       token: str | None) -> Profile:
        from msgraph.generated.users.item.user_item_request_builder import (
            UserItemRequestBuilder,
        )

        query = UserItemRequestBuilder.UserItemRequestBuilderGetQueryParameters(
            select=_PROFILE_FIELDS)
        config = RequestConfiguration(query_parameters=query)
        if token is not None:
            config.headers.add("Authorization", f"Bearer {token}")
        found: list[User | None] = []

        async def read() -> None:
            found.append(await builder.get(request_configuration=config))

        await _call(what, read)
        user = found[0] if found else None
        if user is None:
            return Profile()
        return Profile(department=_text(user.department), company_name=_text(user.company_name))


def warm_up() -> None:
    """Import msgraph and read one page of users, as the first real read would: the SDK
    imports the models a user refers to on first use, which takes seconds (run it in a
    thread at start-up, so that no turn waits for it)."""
    import json

    from kiota_serialization_json.json_parse_node import JsonParseNode
    from msgraph.generated.models.user_collection_response import UserCollectionResponse
    from msgraph.graph_service_client import GraphServiceClient  # noqa: F401

    node = JsonParseNode(json.loads('{"value": [{"id": "x", "department": "x"}]}'))
    node.get_object_value(UserCollectionResponse)


async def _call(what: str, read: Callable[[], Any]) -> None:
    """Run ``read``; any failure of Graph or of the way there is ``GraphFailed``."""
    try:
        await read()
    except APIError as error:
        raise GraphFailed(what, error.response_status_code) from error
    except (httpx.HTTPError, TimeoutError, OSError, ValueError) as error:
        raise GraphFailed(what) from error


def _text(value: str | None) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


class GroupMembers:
    """Groups' members from ``graph``, each group kept ``ttl`` seconds (``clock``: a
    monotonic time). When a group cannot be read again the members read last are used
    (logged); a group never read raises ``GroupsUnavailable``."""

    def __init__(self, graph: Graph, *, ttl: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._graph = graph
        self._ttl = ttl
        self._clock = clock
        self._cache: dict[str, tuple[float, frozenset[GroupMember]]] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def members(self, groups: Collection[str]) -> frozenset[GroupMember]:
        """The users of all ``groups`` together."""
        found: set[GroupMember] = set()
        for group in groups:
            found |= await self._group(group)
        return frozenset(found)

    async def _group(self, group: str) -> frozenset[GroupMember]:
        cached = self._cache.get(group)
        if cached is not None and cached[0] > self._clock():
            return cached[1]
        async with self._locks.setdefault(group, asyncio.Lock()):
            cached = self._cache.get(group)
            if cached is not None and cached[0] > self._clock():
                return cached[1]  # read by another turn meanwhile
            try:
                members = frozenset(await self._graph.group_members(group))
            except GraphFailed as error:
                if cached is not None:
                    logger.warning("Group %s could not be read again from Graph (%s); "
                                   "using its members as read before", group, error)
                    return cached[1]
                logger.warning("Group %s could not be read from Graph (%s)", group, error)
                raise GroupsUnavailable(group) from error
            self._cache[group] = (self._clock() + self._ttl, members)
            return members


# --- the user's profile, for the wizard ----------------------------------------------

PROFILE_TIMEOUT_SECONDS = 3.0  # a turn waits at most this long for the profile


class ProfileReader:
    """The unit (förvaltning or bolag) a user's Entra ID profile names, for the wizard's
    default: their department, else their company name. Read with the user's own token
    when ``sso_connection`` names the Azure Bot's OAuth connection and the token service
    holds a token for them (Graph ``/me``, delegated User.Read); else with the bot's token
    when ``app_read`` (``/users/{id}``, User.Read.All); else not at all. Never raises and
    never asks the user to sign in: whatever fails, the unit is typed."""

    def __init__(self, graph: Graph, *, sso_connection: str = "", app_read: bool = False,
                 timeout: float = PROFILE_TIMEOUT_SECONDS) -> None:
        self._graph = graph
        self._connection = sso_connection.strip()
        self._app_read = app_read
        self._timeout = timeout

    @property
    def enabled(self) -> bool:
        return bool(self._connection) or self._app_read

    async def prefill(self, context: TurnContext) -> Prefill | None:
        """What to prefill for the sender of ``context``'s activity, or None."""
        user = context.activity.from_property
        aad_id = user.aad_object_id if user is not None else None
        try:
            async with asyncio.timeout(self._timeout):
                profile = await self._read(context, aad_id)
        except (GraphFailed, TimeoutError) as error:
            logger.info("No profile to prefill the unit (%s)", error or "timed out")
            return None
        except Exception as error:  # the token service, the SDK: typing is the fallback
            logger.warning("No profile to prefill the unit: %s: %s", type(error).__name__,
                           error)
            return None
        if profile is None:
            return None
        if profile.department:
            return Prefill(unit=profile.department, source="department")
        if profile.company_name:
            return Prefill(unit=profile.company_name, source="companyName")
        return None

    async def _read(self, context: TurnContext, aad_id: str | None) -> Profile | None:
        if self._connection:
            token = await user_token(context, self._connection)
            if token:
                return await self._graph.my_profile(token)
        if self._app_read and aad_id:
            return await self._graph.user_profile(aad_id)
        return None


async def user_token(context: TurnContext, connection: str) -> str | None:
    """The user's token for the OAuth ``connection``, if the Bot Framework token service
    holds one (the user signed in through it, e.g. by Teams single sign-on's token
    exchange), as the SDK's user authorization reads it (``_OAuthFlow.get_user_token``),
    without starting a sign-in: no card, no prompt. None when there is none."""
    activity = context.activity
    client = context.services.get(UserTokenClientBase)  # type: ignore[type-abstract]
    user = activity.from_property
    if client is None or user is None or not user.id or not activity.channel_id:
        return None
    response = await client.get_user_token(user_id=user.id, connection_name=connection,
                                           channel_id=activity.channel_id)
    token = response.token if response is not None else None
    return token or None


# --- for the running bot ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GraphParts:
    """What the running bot reads from Graph: the client (to close), IB's groups and the
    profile reader; each None when the settings ask for nothing of it."""

    graph: Graph | None = None
    groups: GroupMembers | None = None
    profiles: ProfileReader | None = None

    async def aclose(self) -> None:
        if self.graph is not None:
            await self.graph.aclose()


def build_graph(settings: Settings, connections: Connections) -> GraphParts:
    """Graph for the settings: at ``graph_url``, with the SDK's MSAL service connection's
    token (none in dev mode), when a role is given by groups or the profile is read."""
    reads_profile = bool(settings.profile_sso_connection.strip()) or settings.profile_app_read
    if not settings.uses_graph_groups and not reads_profile:
        return GraphParts()
    tokens: TokenSource = NoTokens() if settings.dev else MsalTokens(connections)
    graph = Graph(tokens, settings.graph_url)
    groups = (GroupMembers(graph, ttl=settings.ib_group_cache_seconds)
              if settings.uses_graph_groups else None)
    profiles = (ProfileReader(graph, sso_connection=settings.profile_sso_connection,
                              app_read=settings.profile_app_read) if reads_profile else None)
    return GraphParts(graph=graph, groups=groups, profiles=profiles)
