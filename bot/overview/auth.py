"""The tab's sign-in: an Entra ID token from Teams single sign-on, checked on the server.

A token holds when its RS256 signature matches one of the tenant's published keys (the
JWKS, fetched with httpx and tenacity, kept for ``KEYS_SECONDS`` and fetched again once
when a token names a key id not among them), its audience is the tab's (the setting), its
issuer is Entra ID's for its tenant (v2.0 or v1), its tenant is allowed, and the injected
clock says it has not expired (with ``LEEWAY_SECONDS`` either side). The user is the
token's ``oid``.

Everything that makes a token fail is a ``TokenRefused`` with a reason (a key of
``bot.overview.texts``: ``tab.token.*``); keys that cannot be fetched are ``KeysUnavailable``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import httpx
import jwt
from tenacity import (
    AsyncRetrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)

from ..clock import Clock

__all__ = [
    "DEFAULT_JWKS_URL",
    "KEYS_SECONDS",
    "LEEWAY_SECONDS",
    "KeySet",
    "KeysUnavailable",
    "TokenRefused",
    "TokenUser",
    "TokenValidator",
]

logger = logging.getLogger(__name__)

DEFAULT_JWKS_URL = "https://login.microsoftonline.com/{tenant}/discovery/v2.0/keys"
KEYS_SECONDS = 24 * 3600.0  # how long fetched keys are kept
REFETCH_SECONDS = 60.0  # an unknown key id fetches the keys again at most this often
LEEWAY_SECONDS = 120  # clock skew allowed on exp and nbf
MAX_TOKEN_CHARS = 16_384


class TokenRefused(Exception):
    """The token does not hold; ``reason`` is the ``tab.token.*`` key saying why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class KeysUnavailable(Exception):
    """The tenant's signing keys could not be fetched."""


@dataclass(frozen=True, slots=True)
class TokenUser:
    """Who a valid token names: Entra object id (lower case), display name, tenant."""

    id: str
    name: str
    tenant: str


class _Retryable(Exception):
    pass


class KeySet:
    """The published signing keys of one or more JWKS URLs, fetched on demand and kept."""

    def __init__(self, url: str, *, client: httpx.AsyncClient | None = None,
                 attempts: int = 3) -> None:
        self._url = url
        self._client = client
        self._attempts = attempts
        self._keys: dict[str, tuple[float, dict[str, jwt.PyJWK]]] = {}
        self._fetched_at: dict[str, float] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    def url_for(self, tenant: str) -> str:
        return self._url.replace("{tenant}", tenant)

    async def key(self, kid: str, tenant: str) -> jwt.PyJWK:
        """The key ``kid`` of ``tenant``'s set; ``TokenRefused("tab.token.signature")`` if the
        set (fetched again once, if the kid is new) does not have it."""
        url = self.url_for(tenant)
        now = time.monotonic()
        cached = self._keys.get(url)
        if cached is not None and cached[0] > now and kid in cached[1]:
            return cached[1][kid]
        lock = self._locks.setdefault(url, asyncio.Lock())
        async with lock:
            cached = self._keys.get(url)
            fresh = cached is not None and cached[0] > time.monotonic()
            if fresh and cached is not None and kid in cached[1]:
                return cached[1][kid]  # fetched by another request meanwhile
            recently = time.monotonic() - self._fetched_at.get(url, -REFETCH_SECONDS * 2)
            if not fresh or recently >= REFETCH_SECONDS:
                keys = await self._fetch(url)
                self._fetched_at[url] = time.monotonic()
                self._keys[url] = (time.monotonic() + KEYS_SECONDS, keys)
                cached = self._keys[url]
        if cached is None or kid not in cached[1]:
            raise TokenRefused("tab.token.signature")
        return cached[1][kid]

    async def _fetch(self, url: str) -> dict[str, jwt.PyJWK]:
        client = self._client or httpx.AsyncClient(timeout=5.0)
        try:
            async for attempt in AsyncRetrying(
                stop=stop_after_attempt(self._attempts),
                wait=wait_exponential(multiplier=0.2, max=2.0),
                retry=retry_if_exception_type((httpx.TransportError, _Retryable)),
                reraise=True,
            ):
                with attempt:
                    response = await client.get(url)
                    if response.status_code >= 500 or response.status_code == 429:
                        raise _Retryable(f"HTTP {response.status_code}")
                    response.raise_for_status()
                    document = response.json()
        except (httpx.HTTPError, _Retryable, json.JSONDecodeError, ValueError) as error:
            logger.warning("The tab's signing keys could not be fetched from %s (%s)",
                           url, type(error).__name__)
            raise KeysUnavailable(url) from error
        finally:
            if self._client is None:
                await client.aclose()
        keys: dict[str, jwt.PyJWK] = {}
        for entry in document.get("keys", []) if isinstance(document, dict) else []:
            if not isinstance(entry, dict) or not isinstance(entry.get("kid"), str):
                continue
            try:
                keys[entry["kid"]] = jwt.PyJWK(entry, algorithm="RS256")
            except jwt.PyJWTError:
                continue  # a key of a kind we do not use
        return keys


class TokenValidator:
    """Checks a tab token: signature (``keys``), audience (any of ``audiences``), issuer,
    tenant (any of ``tenants``; ``None`` = any, dev mode only), time (``clock``)."""

    def __init__(self, keys: KeySet, *, audiences: Collection[str],
                 tenants: Collection[str] | None, clock: Clock) -> None:
        self._keys = keys
        self._audiences = [a for a in audiences if a]
        self._tenants = None if tenants is None else {t.lower() for t in tenants}
        self._clock = clock

    @property
    def configured(self) -> bool:
        return bool(self._audiences)

    async def validate(self, token: str) -> TokenUser:
        if not token or len(token) > MAX_TOKEN_CHARS:
            raise TokenRefused("tab.token.malformed")
        try:
            header = jwt.get_unverified_header(token)
            unverified: dict[str, Any] = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            raise TokenRefused("tab.token.malformed") from None
        kid = header.get("kid")
        if header.get("alg") != "RS256" or not isinstance(kid, str):
            raise TokenRefused("tab.token.signature")
        tenant = unverified.get("tid")
        if not isinstance(tenant, str) or not tenant:
            raise TokenRefused("tab.token.tenant")
        tenant = tenant.lower()
        # The tenant first: no keys are fetched for a tenant that is not ours.
        if self._tenants is not None and tenant not in self._tenants:
            raise TokenRefused("tab.token.tenant")
        key = await self._keys.key(kid, tenant)
        try:
            claims: dict[str, Any] = jwt.decode(
                token, key, algorithms=["RS256"], audience=self._audiences,
                options={"verify_exp": False, "verify_nbf": False, "verify_iat": False,
                         "verify_iss": False, "require": ["exp", "aud", "iss"]},
            )
        except jwt.InvalidAudienceError:
            raise TokenRefused("tab.token.audience") from None
        except jwt.InvalidSignatureError:
            raise TokenRefused("tab.token.signature") from None
        except jwt.PyJWTError:
            raise TokenRefused("tab.token.malformed") from None
        issuers = {f"https://login.microsoftonline.com/{tenant}/v2.0",
                   f"https://sts.windows.net/{tenant}/"}
        if str(claims.get("iss", "")).lower() not in issuers:
            raise TokenRefused("tab.token.issuer")
        now = self._clock.now().timestamp()
        exp, nbf = claims.get("exp"), claims.get("nbf")
        if not isinstance(exp, int | float) or now > exp + LEEWAY_SECONDS:
            raise TokenRefused("tab.token.expired")
        if isinstance(nbf, int | float) and now < nbf - LEEWAY_SECONDS:
            raise TokenRefused("tab.token.not_yet")
        oid = claims.get("oid")
        if not isinstance(oid, str) or not oid.strip():
            raise TokenRefused("tab.token.no_user")
        name = claims.get("name")
        return TokenUser(id=oid.strip().lower(),
                         name=name.strip() if isinstance(name, str) and name.strip() else oid,
                         tenant=tenant)
