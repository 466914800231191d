"""The overview tab served as in production (not dev mode): tokens signed with RSA keys made
here, the keys published on loopback as a JWKS, a register seeded through its own API."""

from __future__ import annotations

import base64
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from cryptography.hazmat.primitives.asymmetric import rsa

from bot.clock import FixedClock
from bot.hosting.server import ENGINE, create_app
from bot.overview.seed import SUBMITTERS, seed_cases
from bot.persistence.database import create_engine, migrate
from bot.persistence.register import CaseRegister
from bot.settings import Settings

TENANT = "11111111-2222-3333-4444-555555555555"
OTHER_TENANT = "99999999-2222-3333-4444-555555555555"
BOT_ID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
AUDIENCE = f"api://bot.example.org/{BOT_ID}"
IB_MEMBER = "00000000-0000-0000-0000-0000000000ib"
SECRETARY = "00000000-0000-0000-0000-0000000000se"
STRANGER = "00000000-0000-0000-0000-0000000000ff"
SUBMITTER = SUBMITTERS[0].id
# The moment the served app's clock shows (the seeded cases run from January 2025 to
# December 2026).
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SEEDED = 60


def _b64(number: int) -> str:
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


@dataclass
class Signer:
    """RSA keys made for the test; ``published`` are the ones the JWKS shows."""

    keys: dict[str, rsa.RSAPrivateKey] = field(default_factory=dict)
    published: list[str] = field(default_factory=list)
    fetches: int = 0
    failing: bool = False

    def new_key(self, *, publish: bool = True) -> str:
        kid = uuid.uuid4().hex
        self.keys[kid] = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        if publish:
            self.published.append(kid)
        return kid

    def jwks(self) -> dict[str, Any]:
        out = []
        for kid in self.published:
            numbers = self.keys[kid].public_key().public_numbers()
            out.append({"kty": "RSA", "use": "sig", "kid": kid, "n": _b64(numbers.n),
                        "e": _b64(numbers.e)})
        return {"keys": out}

    def token(self, oid: str | None = SUBMITTER, *, kid: str | None = None,
              sign_with: str | None = None, aud: str = AUDIENCE, tid: str = TENANT,
              iss: str | None = None, exp: datetime | None = None, name: str = "Test Person",
              **claims: Any) -> str:
        kid = kid or self.published[0]
        payload: dict[str, Any] = {
            "aud": aud, "tid": tid, "iss": iss or f"https://login.microsoftonline.com/{tid}/v2.0",
            "iat": int((NOW - timedelta(minutes=5)).timestamp()),
            "nbf": int((NOW - timedelta(minutes=5)).timestamp()),
            "exp": int((exp or NOW + timedelta(hours=1)).timestamp()),
            "name": name, **claims,
        }
        if oid is not None:
            payload["oid"] = oid
        return jwt.encode(payload, self.keys[sign_with or kid], algorithm="RS256",
                          headers={"kid": kid})


@dataclass
class Tab:
    client: TestClient[Any, Any]
    signer: Signer
    ids: list[str]
    register: CaseRegister
    clock: FixedClock

    async def get(self, path: str, oid: str | None = SUBMITTER, *, token: str | None = None,
                  **params: Any) -> Any:
        headers = {}
        if oid is not None or token is not None:
            headers["Authorization"] = f"Bearer {token or self.signer.token(oid)}"
        return await self.client.get(path, headers=headers, params=params or None)

    async def json(self, path: str, oid: str | None = SUBMITTER, expect: int = 200,
                   **params: Any) -> Any:
        response = await self.get(path, oid, **params)
        body = await response.json()
        assert response.status == expect, body
        return body


MakeTab = Callable[..., Awaitable[Tab]]


@pytest.fixture
async def jwks() -> AsyncIterator[tuple[Signer, str]]:
    signer = Signer()
    signer.new_key()

    async def keys(_request: web.Request) -> web.Response:
        signer.fetches += 1
        if signer.failing:
            return web.json_response({"error": "down"}, status=503)
        return web.json_response(signer.jwks())

    app = web.Application()
    app.router.add_get("/{tenant}/discovery/v2.0/keys", keys)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    yield signer, f"http://127.0.0.1:{server.port}/{{tenant}}/discovery/v2.0/keys"
    await server.close()


@pytest.fixture
async def make_tab(database: Any, jwks: tuple[Signer, str]) -> AsyncIterator[MakeTab]:
    signer, url = jwks
    clients: list[TestClient[Any, Any]] = []

    async def make(count: int = SEEDED, **settings: Any) -> Tab:
        clock = FixedClock(datetime(2025, 1, 7, 8, 0, tzinfo=UTC))
        engine = create_engine(database.url, schema=database.schema)
        await migrate(engine, schema=database.schema)
        ids = await seed_cases(CaseRegister(engine, clock=clock), clock, count)
        await engine.dispose()
        clock.set(NOW)
        config: dict[str, Any] = {
            "database_url": database.url, "database_schema": database.schema,
            "tab_audience": AUDIENCE, "tab_jwks_url": url, "ib_members": IB_MEMBER,
            "ib_secretariat": SECRETARY, **settings,
        }
        environ = {
            "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID": BOT_ID,
            "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTSECRET": "not-a-secret",
            "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__TENANTID": TENANT,
        }
        app = create_app(Settings(**config), environ=environ, clock=clock)
        client = TestClient(TestServer(app, host="127.0.0.1"))
        await client.start_server()
        clients.append(client)
        register = CaseRegister(app[ENGINE], clock=clock)
        return Tab(client=client, signer=signer, ids=ids, register=register, clock=clock)

    yield make
    for client in clients:
        await client.close()


@pytest.fixture
async def tab(make_tab: MakeTab) -> Tab:
    return await make_tab()
