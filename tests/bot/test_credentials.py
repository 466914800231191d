"""The bot's credential: every kind the SDK's MSAL provider can use gets its tokens through
the SDK, and start-up names what a kind is missing.

For each kind the configuration goes through ``_sdk_setup`` (as ``strategikollen serve``
does) into the SDK's ``MsalAuth``, and ``MsalTokens`` (what the outbox and Graph ask)
obtains a token for the Bot Connector and for Graph from stand-ins on loopback: Entra ID's
token endpoint over HTTPS with a certificate made here (MSAL accepts only https
authorities), and the managed identity endpoint Azure Container Apps and App Service give
a process (IDENTITY_ENDPOINT, IDENTITY_HEADER). A guard refuses every connection that is
not to loopback, so a request meant for login.microsoftonline.com fails the test.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import os
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from ipaddress import IPv4Address
from pathlib import Path
from typing import Any

import jwt
import msal
import msal.authority
import pytest
from aiohttp import web
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from microsoft_agents.authentication.msal import MsalAuth
from microsoft_agents.hosting.core import AgentAuthConfiguration, AuthTypes

from bot import serve
from bot.clock import FixedClock
from bot.hosting.credentials import UNUSABLE_AUTHTYPES
from bot.hosting.server import ConfigurationError, _sdk_setup
from bot.settings import (
    AUTHTYPE_VARIABLE,
    CREDENTIAL_VARIABLES,
    REQUIRED_SDK_VARIABLES,
    SDK_SETTINGS,
    Settings,
)
from bot.teams.tokens import GRAPH_SCOPE, MsalTokens

CLIENT_ID = "aaaaaaaa-0000-0000-0000-000000000001"
IDENTITY_CLIENT_ID = "bbbbbbbb-0000-0000-0000-000000000002"  # a user-assigned identity
TENANT = "11111111-2222-3333-4444-555555555555"
BOT_FRAMEWORK_SCOPE = "https://api.botframework.com/.default"
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)  # the tests' moment, not the wall clock
CLOCK = FixedClock(NOW)
S = SDK_SETTINGS
SETTINGS = Settings(dev=False)


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _certificate(
    key: rsa.RSAPrivateKey, name: str, *, start: datetime, end: datetime, ip: str | None = None
) -> x509.Certificate:
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
    )
    if ip:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(IPv4Address(ip))]), critical=False
        )
    return builder.sign(key, hashes.SHA256())


@dataclass
class BotCertificate:
    key: rsa.RSAPrivateKey
    certificate: x509.Certificate
    pfx: Path

    @property
    def thumbprint(self) -> str:
        return self.certificate.fingerprint(hashes.SHA1()).hex().upper()


def _pfx(tmp: Path, name: str, *, start: datetime, end: datetime,
         password: bytes | None = None) -> BotCertificate:
    key = _key()
    certificate = _certificate(key, "strategikollen-bot", start=start, end=end)
    encryption = (serialization.BestAvailableEncryption(password) if password
                  else serialization.NoEncryption())
    path = tmp / name
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"strategikollen", key, certificate, None, encryption))
    path.chmod(0o400)
    return BotCertificate(key, certificate, path)


@pytest.fixture(scope="module")
def bot_certificate(tmp_path_factory: pytest.TempPathFactory) -> BotCertificate:
    """The bot's certificate, valid around the tests' moment (not around today: MSAL does
    not look at the validity, the start-up check does, with the tests' clock)."""
    return _pfx(tmp_path_factory.mktemp("cert"), "bot.pfx",
                start=NOW - timedelta(days=1), end=NOW + timedelta(days=365))


# --- the guard and the stand-ins -----------------------------------------------------------


@pytest.fixture(autouse=True)
def only_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every outgoing connection must go to loopback, and no name is looked up but its."""
    connect, lookup = socket.socket.connect, socket.getaddrinfo

    def guarded(self: socket.socket, address: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else address
        if self.family in (socket.AF_INET, socket.AF_INET6) and host not in ("127.0.0.1", "::1"):
            raise AssertionError(f"a connection to {address} would leave the machine")
        return connect(self, address)

    def looked_up(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in ("127.0.0.1", "::1", "localhost", None):
            raise AssertionError(f"looking up {host} would leave the machine")
        return lookup(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket, "getaddrinfo", looked_up)


@dataclass
class Entra:
    """Entra ID's token endpoint (HTTPS) and a managed identity endpoint (HTTP), on loopback;
    what each received, and the tokens they issued."""

    authority: str = ""
    identity_endpoint: str = ""
    token_requests: list[dict[str, str]] = field(default_factory=list)
    identity_requests: list[dict[str, str]] = field(default_factory=list)
    identity_headers: list[str] = field(default_factory=list)
    issued: list[str] = field(default_factory=list)

    def _issue(self, prefix: str) -> str:
        token = f"{prefix}-{len(self.issued) + 1}"
        self.issued.append(token)
        return token

    async def discovery(self, request: web.Request) -> web.Response:
        base = f"{self.authority}"
        return web.json_response({
            "issuer": f"{base}/v2.0",
            "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
            "token_endpoint": f"{base}/oauth2/v2.0/token",
        })

    async def token(self, request: web.Request) -> web.Response:
        form = {k: str(v) for k, v in (await request.post()).items()}
        self.token_requests.append(form)
        return web.json_response({"token_type": "Bearer", "expires_in": 3600,
                                  "access_token": self._issue("entra")})

    async def identity(self, request: web.Request) -> web.Response:
        self.identity_requests.append(dict(request.query))
        self.identity_headers.append(request.headers.get("X-IDENTITY-HEADER", ""))
        return web.json_response({
            "access_token": self._issue("identity"), "token_type": "Bearer",
            "expires_on": str(int(time.time()) + 3600), "resource": request.query["resource"],
        })


@web.middleware
async def _one_request_a_connection(request: web.Request, handler: Any) -> web.StreamResponse:
    """Connection: close, so that MSAL's sessions (never closed by the SDK) keep no socket
    open after the test."""
    response: web.StreamResponse = await handler(request)
    response.force_close()
    return response


def _listening() -> socket.socket:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    return sock


class _Served:
    """An aiohttp application in a thread of its own: the SDK builds its MSAL client, and
    MSAL asks the authority's discovery document, on the caller's thread, the event loop's,
    so a stand-in on the tests' own loop could never answer."""

    def __init__(self, app: web.Application, context: ssl.SSLContext) -> None:
        self._loop = asyncio.new_event_loop()
        self._runner = web.AppRunner(app, access_log=None)
        self.https, self.http = _listening(), _listening()
        self._loop.run_until_complete(self._start(context))
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()

    async def _start(self, context: ssl.SSLContext) -> None:
        await self._runner.setup()
        await web.SockSite(self._runner, self.https, ssl_context=context).start()
        await web.SockSite(self._runner, self.http).start()

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()


@pytest.fixture
def entra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Entra]:
    stand_in = Entra()
    key = _key()
    tls = _certificate(key, "127.0.0.1", start=datetime.now(UTC) - timedelta(hours=1),
                       end=datetime.now(UTC) + timedelta(days=1), ip="127.0.0.1")
    (tmp_path / "tls.pem").write_bytes(tls.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "tls.key").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(tmp_path / "tls.pem", tmp_path / "tls.key")

    app = web.Application(middlewares=[_one_request_a_connection])
    app.router.add_get(f"/{TENANT}/v2.0/.well-known/openid-configuration", stand_in.discovery)
    app.router.add_post(f"/{TENANT}/oauth2/v2.0/token", stand_in.token)
    app.router.add_get("/msi/token", stand_in.identity)
    served = _Served(app, context)
    stand_in.authority = f"https://127.0.0.1:{served.https.getsockname()[1]}/{TENANT}"
    stand_in.identity_endpoint = f"http://127.0.0.1:{served.http.getsockname()[1]}/msi/token"

    # requests (MSAL's HTTP client) trusts the stand-in's certificate and takes no proxy.
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(tmp_path / "tls.pem"))
    for proxy in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY"):
        monkeypatch.delenv(proxy, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    # Where a Container App (or App Service) finds its managed identity.
    monkeypatch.setenv("IDENTITY_ENDPOINT", stand_in.identity_endpoint)
    monkeypatch.setenv("IDENTITY_HEADER", "header-from-the-platform")
    monkeypatch.delenv("IDENTITY_SERVER_THUMBPRINT", raising=False)
    # MSAL asks login.microsoftonline.com whether a host it does not know is an authority;
    # the stand-in's host is made one it knows, so it goes straight to its discovery.
    monkeypatch.setattr(msal.authority, "WELL_KNOWN_AUTHORITY_HOSTS",
                        msal.authority.WELL_KNOWN_AUTHORITY_HOSTS | {"127.0.0.1"})
    yield stand_in
    served.stop()


def _environment(entra: Entra, kind: str | None, **settings: str) -> dict[str, str]:
    environ = {S + "CLIENTID": CLIENT_ID, S + "TENANTID": TENANT, S + "AUTHORITY": entra.authority}
    if kind is not None:
        environ[AUTHTYPE_VARIABLE] = kind
    environ.update({S + name: value for name, value in settings.items()})
    return environ


async def _tokens(environ: dict[str, str], expected: AuthTypes) -> tuple[MsalAuth, list[str]]:
    """The two tokens the bot asks for (Bot Connector, Graph) through the SDK's connection
    as start-up configures it; the provider, checked to be MSAL's with the kind."""
    manager, _config, _tenants = _sdk_setup(SETTINGS, environ, CLOCK)
    provider = manager.get_default_connection()
    assert type(provider) is MsalAuth
    assert expected == provider.configuration.AUTH_TYPE
    tokens = MsalTokens(manager)
    return provider, [await tokens.token(BOT_FRAMEWORK_SCOPE) or "",
                      await tokens.token(GRAPH_SCOPE) or ""]


# --- each kind obtains its tokens ---------------------------------------------------------


async def test_a_client_secret_signs_in_with_the_secret_at_the_token_endpoint(
    entra: Entra,
) -> None:
    for kind, expected in ((None, AuthTypes.client_secret),
                           ("ClientSecret", AuthTypes.client_secret)):
        entra.token_requests.clear()
        environ = _environment(entra, kind, CLIENTSECRET="not-a-real-secret")
        provider, tokens = await _tokens(environ, expected)
        assert isinstance(provider._get_client(), msal.ConfidentialClientApplication)
        assert tokens == entra.issued[-2:]
        assert [r["scope"] for r in entra.token_requests] == [BOT_FRAMEWORK_SCOPE, GRAPH_SCOPE]
        for form in entra.token_requests:
            assert form["grant_type"] == "client_credentials"
            assert form["client_id"] == CLIENT_ID
            assert form["client_secret"] == "not-a-real-secret"
    assert entra.identity_requests == []


@pytest.mark.parametrize("send_x5c", [None, "true"])
async def test_a_certificate_signs_in_with_an_assertion_signed_by_its_private_key(
    entra: Entra, bot_certificate: BotCertificate, send_x5c: str | None
) -> None:
    extra = {"SENDX5C": send_x5c} if send_x5c else {}
    environ = _environment(entra, "certificate", CERTPFXFILE=str(bot_certificate.pfx), **extra)
    provider, tokens = await _tokens(environ, AuthTypes.certificate)
    assert isinstance(provider._get_client(), msal.ConfidentialClientApplication)
    assert tokens == entra.issued[-2:]
    der = bot_certificate.certificate.public_bytes(serialization.Encoding.DER)
    for form in entra.token_requests:
        assert "client_secret" not in form
        assert form["client_assertion_type"] == (
            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        assertion = form["client_assertion"]
        claims = jwt.decode(assertion, bot_certificate.key.public_key(), algorithms=["PS256"],
                            audience=f"{entra.authority}/oauth2/v2.0/token")
        assert claims["iss"] == claims["sub"] == CLIENT_ID
        header = jwt.get_unverified_header(assertion)
        sha256 = bot_certificate.certificate.fingerprint(hashes.SHA256())
        assert base64.urlsafe_b64decode(header["x5t#S256"] + "==") == sha256
        # Subject name and issuer authentication: the certificate goes with the assertion.
        if send_x5c:
            assert base64.b64decode(header["x5c"][0]) == der
        else:
            assert "x5c" not in header


@pytest.mark.parametrize(("kind", "expected", "client_id"), [
    ("UserManagedIdentity", AuthTypes.user_managed_identity, CLIENT_ID),
    ("SystemManagedIdentity", AuthTypes.system_managed_identity, None),
])
async def test_a_managed_identity_gets_its_tokens_from_the_platforms_identity_endpoint(
    entra: Entra, kind: str, expected: AuthTypes, client_id: str | None
) -> None:
    provider, tokens = await _tokens(_environment(entra, kind), expected)
    assert isinstance(provider._get_client(), msal.ManagedIdentityClient)
    assert tokens == entra.issued[-2:]
    assert [r["resource"] for r in entra.identity_requests] == [
        "https://api.botframework.com", "https://graph.microsoft.com"]
    assert [r.get("client_id") for r in entra.identity_requests] == [client_id, client_id]
    assert set(entra.identity_headers) == {"header-from-the-platform"}
    assert entra.token_requests == []  # no secret, no token endpoint


async def test_a_federated_credential_trades_the_identitys_token_at_the_token_endpoint(
    entra: Entra,
) -> None:
    environ = _environment(entra, "FederatedCredentials", FEDERATEDCLIENTID=IDENTITY_CLIENT_ID)
    provider, tokens = await _tokens(environ, AuthTypes.federated_credentials)
    assert isinstance(provider._get_client(), msal.ConfidentialClientApplication)
    assert tokens == [t for t in entra.issued if t.startswith("entra")]
    # The user-assigned identity's token for the exchange is the app's client assertion.
    assert entra.identity_requests[0] == {
        "api-version": "2019-08-01", "resource": "api://AzureADTokenExchange",
        "client_id": IDENTITY_CLIENT_ID}
    assertions = {t for t in entra.issued if t.startswith("identity")}
    assert [r["scope"] for r in entra.token_requests] == [BOT_FRAMEWORK_SCOPE, GRAPH_SCOPE]
    for form in entra.token_requests:
        assert form["client_id"] == CLIENT_ID
        assert form["client_assertion"] in assertions
        assert "client_secret" not in form


async def test_a_workload_identity_presents_the_token_file_the_platform_writes(
    entra: Entra, tmp_path: Path
) -> None:
    token_file = tmp_path / "azure-identity-token"
    token_file.write_text("federated-token-from-kubernetes\n", encoding="utf-8")
    environ = _environment(entra, "WorkloadIdentity", FEDERATEDTOKENFILE=str(token_file))
    provider, tokens = await _tokens(environ, AuthTypes.workload_identity)
    assert isinstance(provider._get_client(), msal.ConfidentialClientApplication)
    assert tokens == entra.issued[-2:]
    assert [r["client_assertion"] for r in entra.token_requests] == [
        "federated-token-from-kubernetes"] * 2
    assert entra.identity_requests == []


def test_every_kind_the_sdk_names_is_either_usable_or_refused_with_a_reason() -> None:
    usable, refused = set(CREDENTIAL_VARIABLES), set(UNUSABLE_AUTHTYPES)
    assert usable.isdisjoint(refused)
    assert usable | refused == {kind.value for kind in AuthTypes}


@pytest.mark.parametrize("kind", ["CertificateSubjectName", "EntraAuthSideCar"])
def test_the_kinds_refused_as_unimplemented_are_indeed_refused_by_the_sdks_msal_provider(
    kind: str,
) -> None:
    provider = MsalAuth(AgentAuthConfiguration(AUTHTYPE=kind, CLIENTID=CLIENT_ID,
                                               TENANTID=TENANT))
    with pytest.raises(NotImplementedError):
        provider._create_client_application()


# --- start-up names what is missing ---------------------------------------------------------


def _refusal(environ: dict[str, str]) -> str:
    with pytest.raises(ConfigurationError) as raised:
        _sdk_setup(SETTINGS, environ, CLOCK)
    return str(raised.value)


BASE = {S + "CLIENTID": CLIENT_ID, S + "TENANTID": TENANT}


@pytest.mark.parametrize("kind", list(CREDENTIAL_VARIABLES))
def test_start_up_names_exactly_what_the_chosen_kind_is_missing(kind: str) -> None:
    message = _refusal({AUTHTYPE_VARIABLE: kind})
    needed = [*REQUIRED_SDK_VARIABLES, *CREDENTIAL_VARIABLES[kind]]
    assert f"AUTHTYPE={kind} needs " + ", ".join(needed) + "." in message
    others = {n for names in CREDENTIAL_VARIABLES.values() for n in names} - set(needed)
    assert not [name for name in others if name in message]


def test_without_authtype_or_with_a_blank_one_a_client_secret_is_needed() -> None:
    for environ in (BASE, {**BASE, AUTHTYPE_VARIABLE: "  "}):
        assert f"AUTHTYPE=ClientSecret needs {S}CLIENTSECRET." in _refusal(environ)
    manager, _config, _tenants = _sdk_setup(
        SETTINGS, {**BASE, AUTHTYPE_VARIABLE: "", S + "CLIENTSECRET": "x"}, CLOCK)
    assert AuthTypes.client_secret == manager.get_default_connection().configuration.AUTH_TYPE


def test_an_unknown_kind_is_refused_with_the_list_of_valid_ones() -> None:
    message = _refusal({**BASE, AUTHTYPE_VARIABLE: "Password"})
    assert f"{AUTHTYPE_VARIABLE}=Password is not a credential kind" in message
    assert ("Valid kinds: ClientSecret, certificate, UserManagedIdentity, "
            "SystemManagedIdentity, FederatedCredentials, WorkloadIdentity (unset: "
            "ClientSecret).") in message


@pytest.mark.parametrize(("written", "meant"), [
    ("clientsecret", "ClientSecret"), ("Certificate", "certificate"),
    ("UserManagedIdentity ", "UserManagedIdentity"),
])
def test_a_kind_spelt_otherwise_than_the_sdk_compares_it_is_refused_with_its_spelling(
    written: str, meant: str
) -> None:
    assert f"write {meant}." in _refusal({**BASE, AUTHTYPE_VARIABLE: written})


@pytest.mark.parametrize("kind", list(UNUSABLE_AUTHTYPES))
def test_a_kind_the_sdk_names_but_the_bot_cannot_use_is_refused_saying_why(kind: str) -> None:
    message = _refusal({**BASE, AUTHTYPE_VARIABLE: kind, S + "CLIENTSECRET": "x"})
    assert f"{AUTHTYPE_VARIABLE}={kind} cannot be used: {UNUSABLE_AUTHTYPES[kind]}." in message
    assert "Valid kinds: ClientSecret, certificate" in message


def test_the_subject_name_kind_points_at_the_certificate_kind_with_send_x5c() -> None:
    message = _refusal({**BASE, AUTHTYPE_VARIABLE: "CertificateSubjectName"})
    assert "AUTHTYPE=certificate" in message
    assert f"{S}CERTPFXFILE" in message and f"{S}SENDX5C=true" in message  # noqa: PT018


def _certificate_environment(path: Path | str) -> dict[str, str]:
    return {**BASE, AUTHTYPE_VARIABLE: "certificate", S + "CERTPFXFILE": str(path)}


def test_a_certificate_file_that_does_not_exist_or_is_a_folder_is_refused(tmp_path: Path) -> None:
    name = S + "CERTPFXFILE"
    missing = tmp_path / "nowhere.pfx"
    assert _refusal(_certificate_environment(missing)) == f"{name}: {missing} does not exist."
    assert _refusal(_certificate_environment(tmp_path)) == f"{name}: {tmp_path} is not a file."


def test_a_certificate_file_the_bot_cannot_read_is_refused(
    tmp_path: Path, bot_certificate: BotCertificate, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked.pfx"
    locked.write_bytes(bot_certificate.pfx.read_bytes())
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads every file: ask as its owner would, by the mode bits
        import stat

        def owner_access(path: str | os.PathLike[str], mode: int) -> bool:
            bits = os.stat(path).st_mode
            return not (mode & os.R_OK) or bool(bits & stat.S_IRUSR)

        monkeypatch.setattr(os, "access", owner_access)
    assert "cannot be read by this process" in _refusal(_certificate_environment(locked))


def test_a_file_that_is_not_a_pfx_or_has_a_password_is_refused_without_its_content(
    tmp_path: Path, bot_certificate: BotCertificate, caplog: pytest.LogCaptureFixture
) -> None:
    pem = tmp_path / "bot.pem"
    pem.write_bytes(bot_certificate.key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    protected = _pfx(tmp_path, "protected.pfx", start=NOW - timedelta(days=1),
                     end=NOW + timedelta(days=90), password=b"hunter2")
    with caplog.at_level(logging.DEBUG):
        for path in (pem, protected.pfx):
            message = _refusal(_certificate_environment(path))
            assert "is not a PKCS#12 (.pfx) file without a password" in message
            assert "-passout pass:" in message
    secret_text = pem.read_text(encoding="ascii")
    body = "".join(secret_text.splitlines()[1:3])
    assert body not in message
    assert body not in caplog.text
    assert "hunter2" not in caplog.text


def test_an_expired_or_not_yet_valid_certificate_is_refused_naming_its_thumbprint(
    tmp_path: Path,
) -> None:
    expired = _pfx(tmp_path, "old.pfx", start=NOW - timedelta(days=400),
                   end=NOW - timedelta(hours=1))
    message = _refusal(_certificate_environment(expired.pfx))
    assert f"(thumbprint {expired.thumbprint}) expired on 2026-11-22 08:00 UTC" in message
    future = _pfx(tmp_path, "new.pfx", start=NOW + timedelta(days=2), end=NOW + timedelta(days=9))
    assert "is valid only from 2026-11-24 09:00 UTC" in _refusal(
        _certificate_environment(future.pfx))


def test_a_usable_certificate_is_logged_by_thumbprint_and_one_ending_soon_is_warned_about(
    tmp_path: Path, bot_certificate: BotCertificate, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="bot.hosting"):
        _sdk_setup(SETTINGS, _certificate_environment(bot_certificate.pfx), CLOCK)
    assert (f"The bot signs in with certificate (thumbprint {bot_certificate.thumbprint}, "
            "CN=strategikollen-bot, valid until 2027-11-22 UTC)") in caplog.text
    assert "expires on" not in caplog.text
    caplog.clear()
    soon = _pfx(tmp_path, "soon.pfx", start=NOW - timedelta(days=300), end=NOW + timedelta(days=20))
    with caplog.at_level(logging.INFO, logger="bot.hosting"):
        _sdk_setup(SETTINGS, _certificate_environment(soon.pfx), CLOCK)
    assert f"certificate (thumbprint {soon.thumbprint}) expires on 2026-12-12 09:00 UTC" in (
        caplog.text)


def test_a_workload_token_file_must_exist_and_hold_a_token(tmp_path: Path) -> None:
    name = S + "FEDERATEDTOKENFILE"
    environ = {**BASE, AUTHTYPE_VARIABLE: "WorkloadIdentity"}
    token_file = tmp_path / "token"
    assert f"{token_file} does not exist" in _refusal({**environ, name: str(token_file)})
    token_file.write_text("\n", encoding="utf-8")
    assert _refusal({**environ, name: str(token_file)}) == f"{name}: {token_file} is empty."


def test_send_x5c_must_read_true_or_false(bot_certificate: BotCertificate) -> None:
    environ = {**_certificate_environment(bot_certificate.pfx), S + "SENDX5C": "yes"}
    assert _refusal(environ) == f"{S}SENDX5C=yes: write true or false."


def test_a_client_secret_left_beside_another_kind_is_warned_about(
    caplog: pytest.LogCaptureFixture,
) -> None:
    environ = {**BASE, AUTHTYPE_VARIABLE: "SystemManagedIdentity", S + "CLIENTSECRET": "old"}
    with caplog.at_level(logging.WARNING, logger="bot.hosting"):
        _sdk_setup(SETTINGS, environ, CLOCK)
    assert f"{S}CLIENTSECRET is set but {AUTHTYPE_VARIABLE}=SystemManagedIdentity" in caplog.text
    assert "old" not in caplog.text.replace("CLIENTSECRET", "")


def test_dev_mode_needs_no_credential_whatever_the_kind_says() -> None:
    _manager, config, _tenants = _sdk_setup(
        Settings(dev=True), {AUTHTYPE_VARIABLE: "certificate"}, CLOCK)
    assert config.ANONYMOUS_ALLOWED


@pytest.fixture
def sdk_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(os.environ):
        if name.startswith("CONNECTIONS__"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("STRATEGIKOLLEN_DATA_DIR", str(tmp_path))


@pytest.mark.usefixtures("sdk_environment")
def test_serve_exits_2_naming_what_the_certificate_kind_misses(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for name, value in {**_certificate_environment(tmp_path / "gone.pfx")}.items():
        monkeypatch.setenv(name, value)
    assert serve("127.0.0.1", 0, dev=False) == 2
    err = capsys.readouterr().err
    assert f"{S}CERTPFXFILE: {tmp_path / 'gone.pfx'} does not exist." in err
    assert "Traceback" not in err
    monkeypatch.setenv(AUTHTYPE_VARIABLE, "Secret")
    assert serve("127.0.0.1", 0, dev=False) == 2
    err = capsys.readouterr().err
    assert "Valid kinds: ClientSecret, certificate" in err
    assert "Traceback" not in err
