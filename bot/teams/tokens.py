"""Bearer tokens for the Bot Connector and Graph.

``MsalTokens`` asks the SDK's MSAL service connection (the same one the SDK's adapter
uses) and keeps each token until shortly before it expires; ``NoTokens`` is dev mode,
where the Playground takes anonymous calls.
"""

from __future__ import annotations

import asyncio
import time
from typing import Protocol

from microsoft_agents.hosting.core import Connections

__all__ = ["BOT_FRAMEWORK_SCOPE", "GRAPH_SCOPE", "MsalTokens", "NoTokens", "TokenSource"]

BOT_FRAMEWORK_SCOPE = "https://api.botframework.com/.default"
GRAPH_SCOPE = "https://graph.microsoft.com/.default"
_TOKEN_MARGIN_SECONDS = 300  # renew a token this long before it expires


class TokenSource(Protocol):
    """Bearer tokens for a scope; None means "send no Authorization header" (dev mode)."""

    async def token(self, scope: str) -> str | None: ...


class NoTokens:
    """No token: calls go without an Authorization header (dev mode)."""

    async def token(self, scope: str) -> str | None:
        return None


class MsalTokens:
    """Tokens from the SDK's MSAL service connection, kept until shortly before they expire.

    MSAL's own cache would answer too, but only after a thread hop per call; the delivery
    worker asks for a token for every message.
    """

    def __init__(self, connections: Connections) -> None:
        self._connections = connections
        self._cache: dict[str, tuple[str, float]] = {}
        self._lock = asyncio.Lock()

    async def token(self, scope: str) -> str | None:
        cached = self._cache.get(scope)
        if cached is not None and cached[1] - _TOKEN_MARGIN_SECONDS > time.time():
            return cached[0]
        async with self._lock:
            cached = self._cache.get(scope)
            if cached is not None and cached[1] - _TOKEN_MARGIN_SECONDS > time.time():
                return cached[0]
            credential = self._connections.get_default_connection().get_token_credential()
            access = await credential.get_token(scope)
            self._cache[scope] = (access.token, float(access.expires_on))
            return access.token
