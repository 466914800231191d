"""Serving over HTTP: health, readiness, client errors, authentication, start-up refusals."""

from __future__ import annotations

import base64
import json
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from microsoft_agents.activity import Activity
from microsoft_agents.hosting.core.authorization.jwt import JwtTokenValidator

from bot import REQUIRED_SDK_VARIABLES, serve
from bot.hosting.server import CLOCK, CONNECTOR, ENGINE, ConfigurationError, create_app
from bot.settings import Settings

from .bot_harness import Bot
from .conftest import MakeBot
from .standin_dialogs import Counting

CLIENT_ID = "aaaaaaaa-0000-0000-0000-000000000001"
PROD_ENV = {
    "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID": CLIENT_ID,
    "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTSECRET": "not-a-real-secret",
    "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__TENANTID": "11111111-2222-3333-4444-555555555555",
}


async def test_healthz_answers_200_with_json(bot: Bot) -> None:
    response = await bot.request("GET", "/healthz")
    assert response.status == 200
    assert response.body == {"status": "ok"}


async def test_readyz_answers_200_when_the_database_answers(bot: Bot) -> None:
    response = await bot.request("GET", "/readyz")
    assert response.status == 200
    assert response.body["database"] == "up"


async def test_readyz_answers_503_when_the_database_is_unreachable(make_bot: MakeBot) -> None:
    bot = await make_bot(
        database_url="postgresql+asyncpg://postgres@127.0.0.1:1/nothing-listens-here",
        migrate_on_start=False,
        dialogs=Counting(),
    )
    assert (await bot.request("GET", "/healthz")).status == 200
    response = await bot.request("GET", "/readyz")
    assert response.status == 503
    assert response.body["database"] == "down"


async def test_the_warm_up_builds_the_lexicons_index_beside_the_start_and_freezes_the_heap(
    make_bot: MakeBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server does not wait for the warm-up (``_settle``, in a thread) to be ready; the
    warm-up builds the lexicon's index (built on first use, not at import) so that the
    first question does not, and moves the heap to the collector's permanent generation."""
    import gc
    import threading

    from bot.hosting import server
    from policy.who_decides._index import lexicon_index

    lexicon_index.cache_clear()
    release = threading.Event()
    settle = server._settle

    def held(*args: Any) -> None:  # the warm-up waits until the server has answered
        assert release.wait(10)
        settle(*args)

    monkeypatch.setattr(server, "_settle", held)
    bot = await make_bot(dialogs=None)
    assert (await bot.request("GET", "/readyz")).status == 200  # before the warm-up
    assert lexicon_index.cache_info().currsize == 0
    release.set()
    await bot.app[server.WARMING]
    assert lexicon_index.cache_info().currsize == 1
    assert gc.get_freeze_count() > 0


async def test_malformed_json_gets_400_not_500(bot: Bot) -> None:
    response = await bot.request(
        "POST", "/api/messages", data=b'{"type": "message",', headers={"Content-Type": "application/json"}
    )
    assert response.status == 400


@pytest.mark.parametrize(
    "body",
    [b"[1, 2, 3]", b'"just a string"', b'{"type": 42, "conversation": "no"}', b"\xff\xfe\x00"],
    ids=["a list", "a string", "a malformed activity", "not utf-8"],
)
async def test_a_body_that_is_not_an_activity_gets_400(bot: Bot, body: bytes) -> None:
    response = await bot.request(
        "POST", "/api/messages", data=body, headers={"Content-Type": "application/json"}
    )
    assert response.status == 400


async def test_an_activity_without_a_conversation_gets_400(bot: Bot) -> None:
    response = await bot.request(
        "POST", "/api/messages", json={"type": "message", "text": "hej"}
    )
    assert response.status == 400


async def test_a_body_over_256_kb_gets_413(bot: Bot) -> None:
    activity = bot.activity("message", text="x" * (256 * 1024 + 1))
    response = await bot.send(activity)
    assert response.status == 413
    assert bot.connector.calls == []


async def test_a_chunked_body_over_the_limit_gets_413_too(bot: Bot) -> None:
    payload = json.dumps(bot.activity("message", text="y" * 300_000)).encode()

    async def chunks() -> Any:
        for i in range(0, len(payload), 16_384):
            yield payload[i : i + 16_384]

    assert bot._session is not None
    async with bot._session.post(
        bot.url("/api/messages"), data=chunks(), headers={"Content-Type": "application/json"}
    ) as resp:
        assert resp.status == 413


async def test_a_body_under_the_limit_is_accepted(bot: Bot) -> None:
    response = await bot.say("z" * 200_000)
    assert response.status in (200, 202)


async def test_an_activity_is_parsed_and_validated_once_a_turn(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bot checks the activity before the SDK sees it, and hands the SDK the activity it
    validated, not the body to parse and validate again (issue 13)."""
    validated: list[Any] = []
    validate = Activity.model_validate

    def spy(obj: Any, *args: Any, **kwargs: Any) -> Activity:
        activity = validate(obj, *args, **kwargs)
        validated.append((obj, activity))
        return activity

    monkeypatch.setattr(Activity, "model_validate", spy)
    response = await bot.say("hjälp", locale="en-US")
    assert response.status in (200, 202)
    [(body, activity)] = [(o, a) for o, a in validated if isinstance(o, dict)]
    assert body["text"] == "hjälp"
    # The SDK's own model_validate got that same activity and took it as it was.
    assert [a for o, a in validated if o is activity] == [activity]
    assert activity.request_id  # the SDK's request id, set on it
    assert bot.connector.cards("conv-1")  # and the turn was answered


async def test_a_wrong_content_type_gets_415(bot: Bot) -> None:
    response = await bot.request(
        "POST", "/api/messages", data="type=message", headers={"Content-Type": "text/plain"}
    )
    assert response.status == 415


async def test_get_on_the_messages_endpoint_is_not_allowed(bot: Bot) -> None:
    assert (await bot.request("GET", "/api/messages")).status == 405


# --- Production mode: the SDK checks every token ------------------------------------------


@pytest.fixture
async def production_bot(make_bot: MakeBot) -> Bot:
    return await make_bot(dev=False, environ=PROD_ENV, dialogs=Counting())


async def test_without_an_authorization_header_production_answers_401(production_bot: Bot) -> None:
    response = await production_bot.say("hej")
    assert response.status == 401
    assert production_bot.connector.calls == []


@pytest.mark.parametrize(
    "header",
    [
        "Bearer garbage",
        "Bearer a.b.c",
        "Basic dXNlcjpwYXNz",
        "Bearer " + "e30." + base64.urlsafe_b64encode(b'{"aud":"x"}').decode().rstrip("=") + ".",
        "Bearer " + jwt.encode({"aud": CLIENT_ID, "iss": "https://api.botframework.com"},
                               None, algorithm="none"),
        "Bearer " + jwt.encode({"aud": CLIENT_ID}, "a-shared-secret-that-is-long-enough-for-hs256", algorithm="HS256",
                               headers={"kid": "k"}),
    ],
    ids=["garbage", "three dots", "basic auth", "empty header", "unsigned JWT (alg none)",
         "HMAC-signed JWT"],
)
async def test_an_invalid_token_gets_401(production_bot: Bot, header: str) -> None:
    response = await production_bot.say("hej", headers={"Authorization": header})
    assert response.status == 401
    assert production_bot.connector.calls == []


class _KeysFrom:
    """Stands in for the SDK's JWKS download (no network in tests): always this key."""

    def __init__(self, key: rsa.RSAPrivateKey) -> None:
        self._jwk = jwt.PyJWK.from_dict(json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key())))

    async def get_signing_key(self, _uri: str, _header: dict[str, Any]) -> jwt.PyJWK:
        return self._jwk


def _token(key: rsa.RSAPrivateKey, audience: str) -> str:
    now = int(time.time())
    claims = {
        "iss": "https://api.botframework.com",
        "aud": audience,
        "iat": now,
        "nbf": now,
        "exp": now + 600,
        "serviceurl": "http://127.0.0.1",
    }
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": "test-key"})


async def test_a_token_signed_by_an_unknown_key_gets_401(
    production_bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    trusted = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    monkeypatch.setattr(JwtTokenValidator, "_jwk_client_manager", _KeysFrom(trusted))
    token = _token(forger, CLIENT_ID)
    response = await production_bot.say("hej", headers={"Authorization": f"Bearer {token}"})
    assert response.status == 401


async def test_a_properly_signed_token_for_another_bot_gets_401(
    production_bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    monkeypatch.setattr(JwtTokenValidator, "_jwk_client_manager", _KeysFrom(key))
    token = _token(key, "some-other-bot")
    response = await production_bot.say("hej", headers={"Authorization": f"Bearer {token}"})
    assert response.status == 401


async def test_a_valid_token_cannot_send_the_replies_to_a_host_outside_microsoft(
    production_bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    monkeypatch.setattr(JwtTokenValidator, "_jwk_client_manager", _KeysFrom(key))
    token = _token(key, CLIENT_ID)  # accepted: right key, right audience
    response = await production_bot.say("hej", headers={"Authorization": f"Bearer {token}"})
    assert response.status == 401  # but serviceUrl is the loopback stand-in, not Microsoft
    assert production_bot.connector.calls == []


async def test_health_endpoints_need_no_token_in_production(production_bot: Bot) -> None:
    assert (await production_bot.request("GET", "/healthz")).status == 200
    assert (await production_bot.request("GET", "/readyz")).status == 200


# --- Refusing to start ---------------------------------------------------------------------


def test_without_credentials_create_app_names_every_missing_variable(tmp_path: Path) -> None:
    settings = Settings(dev=False, database_url=f"sqlite+aiosqlite:///{tmp_path}/s.db")
    with pytest.raises(ConfigurationError) as raised:
        create_app(settings, environ={}, dialogs=Counting())
    for name in (*REQUIRED_SDK_VARIABLES, "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTSECRET"):
        assert name in str(raised.value)


def test_serve_without_credentials_exits_2_naming_the_variables(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for name in REQUIRED_SDK_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID", CLIENT_ID)
    monkeypatch.setenv("STRATEGIKOLLEN_DATA_DIR", str(tmp_path))
    assert serve("127.0.0.1", 0, dev=False) == 2
    err = capsys.readouterr().err
    assert "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTSECRET" in err
    assert "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__TENANTID" in err
    assert "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTID," not in err
    assert "Traceback" not in err


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "example.org", "::"])
def test_serve_dev_refuses_a_non_loopback_host(
    host: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert serve(host, 0, dev=True) == 2
    assert "127.0.0.1" in capsys.readouterr().err


@pytest.mark.dates
async def test_in_dev_mode_the_clock_can_start_at_a_given_moment_and_runs_on(
    tmp_path: Path,
) -> None:
    start = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)  # 00:30 on New Year's Day in Stockholm
    settings = Settings(dev=True, database_url=f"sqlite+aiosqlite:///{tmp_path}/s.db",
                        dev_clock_start=start)
    app = create_app(settings, environ={}, dialogs=Counting())
    try:
        clock = app[CLOCK]
        assert start <= clock.now() < start + timedelta(minutes=5)
        assert clock.today("Europe/Stockholm") == date(2027, 1, 1)
    finally:
        await app[CONNECTOR].aclose()
        await app[ENGINE].dispose()


def test_the_dev_clock_start_is_refused_outside_dev_mode(tmp_path: Path) -> None:
    settings = Settings(dev=False, database_url=f"sqlite+aiosqlite:///{tmp_path}/s.db",
                        dev_clock_start=datetime(2026, 12, 31, 12, 0, tzinfo=UTC))
    with pytest.raises(ConfigurationError, match="STRATEGIKOLLEN_DEV_CLOCK_START"):
        create_app(settings, environ=PROD_ENV, dialogs=Counting())


def test_the_dev_clock_start_needs_its_utc_offset() -> None:
    with pytest.raises(ValueError, match="UTC offset"):
        Settings(dev=True, dev_clock_start="2026-12-31T12:00:00")


def test_anonymous_allowed_is_refused_outside_dev_mode(tmp_path: Path) -> None:
    environ = {**PROD_ENV, "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__ANONYMOUS_ALLOWED": "true"}
    settings = Settings(dev=False, database_url=f"sqlite+aiosqlite:///{tmp_path}/s.db")
    with pytest.raises(ConfigurationError, match="ANONYMOUS_ALLOWED"):
        create_app(settings, environ=environ, dialogs=Counting())


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"serviceUrl": None}, "no serviceUrl"),
        ({"serviceUrl": "ftp://127.0.0.1/"}, "serviceUrl not http"),
        ({"serviceUrl": "not a url"}, "serviceUrl not a URL"),
        ({"channelId": None}, "no channelId"),
        ({"from": None}, "no sender"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
async def test_an_activity_the_bot_cannot_answer_gets_400(
    bot: Bot, change: dict[str, Any], why: str
) -> None:
    activity = bot.activity("message", text="hjälp")
    for key, value in change.items():
        if value is None:
            del activity[key]
        else:
            activity[key] = value
    response = await bot.send(activity)
    assert response.status == 400, why
    assert bot.connector.calls == []


async def test_a_malformed_card_action_gets_a_400_invoke_response(bot: Bot) -> None:
    activity = bot.activity("invoke", name="adaptiveCard/action", value={"action": {"verb": 3}})
    response = await bot.send(activity)
    assert response.status == 400
    assert response.body["statusCode"] == 400


def test_serve_dev_starts_on_loopback_says_what_to_do_and_answers_healthz(tmp_path: Path) -> None:
    import os
    import socket
    import subprocess
    import sys
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CONNECTIONS__", "STRATEGIKOLLEN_"))}
    env["STRATEGIKOLLEN_DATA_DIR"] = str(tmp_path / "data")
    code = f"import sys; from bot import serve; sys.exit(serve('127.0.0.1', {port}, True))"
    proc = subprocess.Popen(
        [sys.executable, "-c", code], cwd=Path(__file__).parents[2], env=env,
        stderr=subprocess.PIPE, text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as r:
                    assert r.status == 200
                    break
            except OSError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() < deadline, "serve --dev did not come up"
                time.sleep(0.2)
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=15)
    assert f"http://127.0.0.1:{port}/api/messages" in err
    assert "e2e/playground.sh --bot http://127.0.0.1:" in err  # the Playground, set up safely
    assert (tmp_path / "data" / "strategikollen.db").exists()
    assert "Traceback" not in err


def test_production_answers_only_its_own_tenant_unless_tenants_are_configured(
    tmp_path: Path,
) -> None:
    from bot.hosting.server import _sdk_setup

    settings = Settings(dev=False, database_url=f"sqlite+aiosqlite:///{tmp_path}/s.db")
    _, config, tenants = _sdk_setup(settings, PROD_ENV)
    assert tenants == frozenset({PROD_ENV["CONNECTIONS__SERVICE_CONNECTION__SETTINGS__TENANTID"]})
    assert config.ANONYMOUS_ALLOWED is False
    assert config.CLIENT_ID == CLIENT_ID

    configured = settings.model_copy(update={"allowed_tenants": "T1, t2"})
    assert _sdk_setup(configured, PROD_ENV)[2] == frozenset({"t1", "t2"})


def test_dev_mode_is_anonymous_and_answers_any_tenant(tmp_path: Path) -> None:
    from bot.hosting.server import _sdk_setup

    settings = Settings(dev=True, database_url=f"sqlite+aiosqlite:///{tmp_path}/s.db")
    _, config, tenants = _sdk_setup(settings, {})
    assert config.ANONYMOUS_ALLOWED is True
    assert config.CLIENT_ID is None
    assert tenants is None


def test_serve_with_an_unreachable_database_exits_1_saying_so_without_the_password(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv(
        "STRATEGIKOLLEN_DATABASE_URL", "postgresql+asyncpg://postgres:hemligt@127.0.0.1:1/test"
    )
    assert serve("127.0.0.1", 0, dev=True) == 1
    err = capsys.readouterr().err
    assert "Databasen" in err
    assert "hemligt" not in err
    assert "Traceback" not in err
    assert "lyssnar" not in err  # nothing claims to listen before the database is ready


@pytest.mark.parametrize(
    "url",
    [
        "sqlite+aiosqlite://user:hemligt@/x.db",
        "nosuchdb://x/y",
        "not a url at all",
        "mysql+aiomysql://user:hemligt@127.0.0.1/db",
    ],
)
def test_serve_with_an_unusable_database_url_exits_2_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], url: str
) -> None:
    monkeypatch.setenv("STRATEGIKOLLEN_DATABASE_URL", url)
    assert serve("127.0.0.1", 0, dev=True) == 2
    err = capsys.readouterr().err
    assert "STRATEGIKOLLEN_DATABASE_URL" in err
    assert "hemligt" not in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("STRATEGIKOLLEN_TIME_ZONE", "Europe/Atlantis"),
        ("STRATEGIKOLLEN_LOG_LEVEL", "LOUD"),
        ("STRATEGIKOLLEN_MAX_BODY_BYTES", "-1"),
    ],
)
def test_serve_with_an_invalid_setting_exits_2_naming_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    assert serve("127.0.0.1", 0, dev=True) == 2
    err = capsys.readouterr().err
    assert variable in err
    assert "Traceback" not in err


def test_a_multi_tenant_registration_must_list_its_tenants(tmp_path: Path) -> None:
    from bot.hosting.server import _sdk_setup

    environ = {**PROD_ENV, "CONNECTIONS__SERVICE_CONNECTION__SETTINGS__TENANTID": "common"}
    settings = Settings(dev=False, database_url=f"sqlite+aiosqlite:///{tmp_path}/s.db")
    with pytest.raises(ConfigurationError, match="STRATEGIKOLLEN_ALLOWED_TENANTS"):
        _sdk_setup(settings, environ)
    listed = settings.model_copy(update={"allowed_tenants": "t1"})
    assert _sdk_setup(listed, environ)[2] == frozenset({"t1"})


def test_every_setting_is_documented_in_its_field() -> None:
    for name, field in Settings.model_fields.items():
        assert len(field.description or "") > 20, name
