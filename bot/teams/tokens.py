"""Bearer tokens for the Bot Connector and Graph, from the SDK's own token handling.

``ConnectorTokens`` gets the Bot Connector's token for a service URL as the SDK's adapter
does for a proactive message (``ChannelServiceAdapter.continue_conversation``): the bot's
claims (its app id as audience and app id), the connection the SDK's ``Connections`` map
to that identity and service URL, and the scope and audience those claims give
(``ClaimsIdentity.get_token_scope``: ``https://api.botframework.com/.default`` for a bot
in Microsoft's public cloud); without connections (dev mode) the SDK's
``AnonymousTokenProvider``, whose empty token means no Authorization header.

``MsalTokens`` asks the SDK's MSAL service connection for a scope (Graph's); ``NoTokens``
is dev mode, where the stand-ins take anonymous calls.

Both keep each token until shortly before it expires: MSAL's own cache would answer too,
but only after a thread hop per call, and the delivery worker asks for every message.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Protocol

from azure.core.credentials import AccessToken
from microsoft_agents.hosting.core import (
    AccessTokenProviderBase,
    AnonymousTokenProvider,
    AuthenticationConstants,
    ClaimsIdentity,
    Connections,
)

__all__ = [
    "GRAPH_SCOPE",
    "ConnectorTokens",
    "MsalTokens",
    "NoTokens",
    "TokenSource",
]

GRAPH_SCOPE = "https://graph.microsoft.com/.default"
_TOKEN_MARGIN_SECONDS = 300  # renew a token this long before it expires


class TokenSource(Protocol):
    """Bearer tokens for a scope; None means "send no Authorization header" (dev mode)."""

    async def token(self, scope: str) -> str | None: ...


class NoTokens:
    """No token: calls go without an Authorization header (dev mode)."""

    async def token(self, scope: str) -> str | None:
        return None


class _Kept:
    """Tokens by key, each kept until shortly before it expires; one fetch at a time."""

    def __init__(self) -> None:
        self._cache: dict[object, tuple[str, float]] = {}
        self._lock = asyncio.Lock()

    def _fresh(self, key: object) -> str | None:
        cached = self._cache.get(key)
        if cached is not None and cached[1] - _TOKEN_MARGIN_SECONDS > time.time():
            return cached[0]
        return None

    async def get(self, key: object, fetch: Callable[[], Awaitable[AccessToken]]) -> str:
        token = self._fresh(key)
        if token is not None:
            return token
        async with self._lock:
            token = self._fresh(key)
            if token is not None:
                return token
            access = await fetch()
            self._cache[key] = (access.token, float(access.expires_on))
            return access.token


class MsalTokens:
    """Tokens for a scope from the SDK's MSAL service connection (for Graph)."""

    def __init__(self, connections: Connections) -> None:
        self._connections = connections
        self._kept = _Kept()

    async def token(self, scope: str) -> str | None:
        def fetch() -> Awaitable[AccessToken]:
            credential = self._connections.get_default_connection().get_token_credential()
            return credential.get_token(scope)

        return await self._kept.get(scope, fetch)


class ConnectorTokens:
    """The Bot Connector's token for a service URL, as the SDK gets it for a proactive
    message (see the module's docstring); "" (no Authorization header) without
    ``connections``. ``app_id`` defaults to the service connection's client id, read
    when the first token is asked for."""

    _ANONYMOUS = AnonymousTokenProvider()

    def __init__(self, connections: Connections | None, *, app_id: str | None = None) -> None:
        self._connections = connections
        self._app_id = app_id
        self._claims: ClaimsIdentity | None = None
        self._kept = _Kept()

    def _identity(self, connections: Connections) -> ClaimsIdentity:
        if self._claims is None:
            app_id = self._app_id or connections.get_default_connection_configuration().CLIENT_ID
            # What ChannelServiceAdapter.create_claims_identity makes for a proactive turn.
            self._claims = ClaimsIdentity({
                AuthenticationConstants.AUDIENCE_CLAIM: app_id,
                AuthenticationConstants.APP_ID_CLAIM: app_id,
            })
        return self._claims

    async def token(self, service_url: str) -> str:
        if self._connections is None:
            return await self._ANONYMOUS.get_access_token("", [])
        claims = self._identity(self._connections)
        provider: AccessTokenProviderBase = self._connections.get_token_provider(
            claims, service_url
        )
        scopes = claims.get_token_scope()
        return await self._kept.get(
            (provider, *scopes), lambda: provider.get_token_credential().get_token(*scopes)
        )
