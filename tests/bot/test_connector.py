"""The bot's connector client (the SDK's, with the bot's retries) against the stand-in Bot
Connector: the calls, retries, Retry-After, uncertain POSTs, the SDK's tokens and one client
per token, which hosts it may call, and the Graph lookup."""

from __future__ import annotations

import gc
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

import pytest
from microsoft_agents.activity import Activity

from bot.outbox import card_activity
from bot.settings import Settings
from bot.teams.connector import (
    USER_AGENT_PRODUCT,
    ConnectorClient,
    ConnectorError,
    TeamDetails,
    build_connector,
    parse_retry_after,
    url_checker,
)
from bot.teams.tokens import GRAPH_SCOPE, ConnectorTokens, MsalTokens

from .bot_harness import BOT_ID, TENANT, Connector

# The Bot Connector's scope in Microsoft's public cloud, as the SDK's claims give it.
BOT_FRAMEWORK_SCOPE = "https://api.botframework.com/.default"
APP_ID = "00000000-0000-0000-0000-00000000b07"


class FixedTokens:
    """A token source that hands out one token per scope and counts the requests."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    async def token(self, scope: str) -> str | None:
        self.asked.append(scope)
        return f"token-for-{scope}"


@pytest.fixture
async def client(connector: Connector) -> AsyncIterator[ConnectorClient]:
    client = ConnectorClient(
        allow_url=url_checker(dev=True),
        graph_url=connector.graph_url,
        attempts=4,
        max_wait_seconds=5.0,
    )
    yield client
    await client.aclose()


def statuses(connector: Connector) -> list[int]:
    return [r.status for r in connector.requests]


# --- the calls ----------------------------------------------------------------------------


async def test_send_reply_and_update_reach_the_conversation(
    client: ConnectorClient, connector: Connector
) -> None:
    first = await client.send(connector.url, "a:chat", {"type": "message", "text": "ett"})
    second = await client.reply(
        connector.url, "19:c@thread.tacv2;messageid=1", "1", {"type": "message", "text": "svar"}
    )
    await client.update(connector.url, "a:chat", first, {"type": "message", "text": "ändrat"})

    assert first != second
    assert connector.texts("a:chat") == ["ett"]
    reply = connector.calls[1]
    assert (reply.conversation_id, reply.activity_id) == ("19:c@thread.tacv2;messageid=1", "1")
    assert reply.body["replyToId"] == "1"
    (put,) = connector.updates("a:chat")
    assert (put.activity_id, put.body["text"], put.body["id"]) == (first, "ändrat", first)
    assert all(c.authorization is None for c in connector.calls)  # dev: no token


async def test_a_personal_conversation_is_opened_with_user_bot_and_tenant(
    client: ConnectorClient, connector: Connector
) -> None:
    conversation = await client.create_personal_conversation(
        connector.url, tenant_id=TENANT, user_mri="29:anna", bot_id=BOT_ID
    )
    assert conversation.startswith("a:personal-29:anna")
    assert connector.conversations_created == [
        {
            "isGroup": False,
            "members": [{"id": "29:anna"}],
            "bot": {"id": BOT_ID},
            "tenantId": TENANT,
            "channelData": {"tenant": {"id": TENANT}},
        }
    ]


async def test_the_roster_is_read_page_by_page(
    client: ConnectorClient, connector: Connector
) -> None:
    connector.members = [
        {"id": f"29:u{i}", "aadObjectId": f"aad-{i}", "name": f"Person {i}",
         "userRole": "guest" if i == 5 else "user"} for i in range(7)
    ] + [{"id": "29:u7", "aadObjectId": "aad-7"}]  # no userRole
    connector.members_page_limit = 3

    members = await client.team_members(connector.url, "19:team@thread.tacv2")

    assert [m.aad_object_id for m in members] == [f"aad-{i}" for i in range(8)]
    assert [m.user_role for m in members] == ["user"] * 5 + ["guest", "user", None]
    assert members[0].id == "29:u0"
    assert members[0].name == "Person 0"
    pages = [r for r in connector.requests if r.path.endswith("/pagedmembers")]
    assert len(pages) == 3


async def test_team_details_carry_the_group_id(
    client: ConnectorClient, connector: Connector
) -> None:
    connector.teams["19:team@thread.tacv2"] = {"name": "IB", "aadGroupId": "group-1"}
    details = await client.team_details(connector.url, "19:team@thread.tacv2")
    assert isinstance(details, TeamDetails)
    assert (details.id, details.name, details.aad_group_id) == (
        "19:team@thread.tacv2",
        "IB",
        "group-1",
    )

    with pytest.raises(ConnectorError) as raised:
        await client.team_details(connector.url, "19:unknown@thread.tacv2")
    assert (raised.value.status, raised.value.transient) == (404, False)


async def test_ids_with_path_characters_stay_inside_their_segment(
    client: ConnectorClient, connector: Connector
) -> None:
    await client.send(connector.url, "a/b?c#d", {"type": "message", "text": "hej"})
    assert connector.calls[0].conversation_id == "a/b?c#d"


# --- retries ------------------------------------------------------------------------------


async def test_429_waits_at_least_retry_after_then_succeeds(
    client: ConnectorClient, connector: Connector
) -> None:
    connector.fail_next(1, 429, retry_after=1)
    await client.send(connector.url, "a:chat", {"type": "message", "text": "hej"})
    assert statuses(connector) == [429, 200]
    assert connector.requests[1].at - connector.requests[0].at >= 1.0


async def test_retry_after_as_an_http_date_is_honoured(
    client: ConnectorClient, connector: Connector
) -> None:
    when = format_datetime(datetime.fromtimestamp(time.time() + 2, UTC), usegmt=True)
    connector.fail_next(1, 429, retry_after=when)
    await client.send(connector.url, "a:chat", {"type": "message", "text": "hej"})
    assert statuses(connector) == [429, 200]
    # The header has whole seconds: at least one second of the two is certain.
    assert connector.requests[1].at - connector.requests[0].at >= 1.0


@pytest.mark.parametrize("status", [412, 429, 500, 502, 503, 504])
async def test_transient_statuses_are_retried_for_reads_and_updates(
    client: ConnectorClient, connector: Connector, status: int
) -> None:
    connector.teams["t"] = {"name": "T"}
    connector.fail_next(2, status)
    await client.team_details(connector.url, "t")
    assert statuses(connector) == [status, status, 200]


async def test_a_post_is_retried_on_412_429_and_503_but_not_after_a_502(
    client: ConnectorClient, connector: Connector
) -> None:
    connector.fail_next(1, 412)
    connector.fail_next(1, 429)
    connector.fail_next(1, 503)
    await client.send(connector.url, "a:chat", {"type": "message", "text": "hej"})
    assert statuses(connector) == [412, 429, 503, 200]

    connector.fail_next(1, 502)
    with pytest.raises(ConnectorError) as raised:
        await client.send(connector.url, "a:chat", {"type": "message", "text": "igen"})
    error = raised.value
    assert (error.status, error.transient, error.uncertain) == (502, True, True)
    assert statuses(connector)[-1] == 502  # tried once: a second post could be a duplicate
    assert len(connector.requests) == 5


@pytest.mark.parametrize("status", [400, 401, 403, 404])
async def test_permanent_statuses_are_not_retried(
    client: ConnectorClient, connector: Connector, status: int
) -> None:
    connector.fail_next(1, status)
    with pytest.raises(ConnectorError) as raised:
        await client.send(connector.url, "a:chat", {"type": "message", "text": "hej"})
    assert (raised.value.status, raised.value.transient) == (status, False)
    assert statuses(connector) == [status]


async def test_giving_up_after_the_attempts_leaves_a_transient_error(
    client: ConnectorClient, connector: Connector
) -> None:
    connector.down = True
    with pytest.raises(ConnectorError) as raised:
        await client.update(connector.url, "a:chat", "1", {"type": "message"})
    assert (raised.value.status, raised.value.transient) == (503, True)
    assert statuses(connector) == [503] * 4


async def test_a_retry_after_beyond_the_calls_patience_is_handed_to_the_caller(
    client: ConnectorClient, connector: Connector
) -> None:
    connector.fail_next(1, 429, retry_after=60)
    with pytest.raises(ConnectorError) as raised:
        await client.send(connector.url, "a:chat", {"type": "message"})
    assert (raised.value.status, raised.value.retry_after) == (429, 60.0)
    assert statuses(connector) == [429]


async def test_a_post_whose_answer_times_out_is_uncertain_and_not_retried(
    connector: Connector,
) -> None:
    client = ConnectorClient(allow_url=url_checker(dev=True), attempts=3, timeout_seconds=0.5)
    connector.hold()  # the post arrives, its answer does not
    try:
        with pytest.raises(ConnectorError) as raised:
            await client.send(connector.url, "a:chat", {"type": "message", "text": "hej"})
    finally:
        connector.release()
        await client.aclose()
    assert (raised.value.status, raised.value.transient, raised.value.uncertain) == (
        None,
        True,
        True,
    )
    assert connector.texts("a:chat") == ["hej"]  # it reached the service, once


async def test_a_refused_connection_is_transient_and_certain(connector: Connector) -> None:
    client = ConnectorClient(allow_url=url_checker(dev=True), attempts=2)
    await connector.stop_listening()
    try:
        with pytest.raises(ConnectorError) as raised:
            await client.send(connector.url, "a:chat", {"type": "message"})
    finally:
        await client.aclose()
        await connector.listen_again()
    assert (raised.value.status, raised.value.transient, raised.value.uncertain) == (
        None,
        True,
        False,
    )


# --- tokens and hosts ---------------------------------------------------------------------


async def test_the_sdks_tokens_go_to_the_bot_connector_and_graphs_to_graph(
    connector: Connector,
) -> None:
    credential = _Credential(lifetime=3600)
    connections = _Connections(credential)
    graph = FixedTokens()
    connector.teams["t"] = {"aadGroupId": "g"}
    client = ConnectorClient(
        tokens=ConnectorTokens(connections),  # type: ignore[arg-type]
        graph_tokens=graph,
        allow_url=url_checker(dev=True),
        graph_url=connector.graph_url,
    )
    try:
        await client.send(connector.url, "a:chat", {"type": "message"})
        await client.send(connector.url, "a:chat", {"type": "message"})
        await client.find_channel_post("g", "19:c@thread.tacv2", ["x"])
    finally:
        await client.aclose()
    # The connection for the bot's own identity and the service URL, as the SDK's adapter
    # asks for a proactive message; its token for the Bot Connector's scope, kept.
    assert connections.asked == [(APP_ID, APP_ID, connector.url)] * 2
    assert credential.calls == [(BOT_FRAMEWORK_SCOPE,)]
    assert graph.asked == [GRAPH_SCOPE]
    assert [r.authorization for r in connector.requests] == [
        "Bearer t1",
        "Bearer t1",
        f"Bearer token-for-{GRAPH_SCOPE}",
    ]
    assert all(USER_AGENT_PRODUCT in c.user_agent and "agents-sdk-py/" in c.user_agent
               for c in connector.calls)  # the SDK's User-Agent, and the bot's name


async def test_each_service_url_gets_the_token_of_its_own_connection(
    connector: Connector,
) -> None:
    other_url = connector.url.replace("127.0.0.1", "localhost")
    default, mapped = _Credential(lifetime=3600), _Credential(lifetime=3600, prefix="m")
    connections = _Connections(default, by_url={other_url: mapped})
    client = ConnectorClient(
        tokens=ConnectorTokens(connections),  # type: ignore[arg-type]
        allow_url=url_checker(dev=True),
    )
    try:
        await client.send(connector.url, "a:chat", {"type": "message"})
        await client.send(other_url, "a:chat", {"type": "message"})
        await client.send(connector.url, "a:chat", {"type": "message"})
    finally:
        await client.aclose()
    assert [r.authorization for r in connector.requests] == [
        "Bearer t1", "Bearer m1", "Bearer t1"
    ]


async def test_a_renewed_token_gets_a_new_sdk_client_and_every_session_is_closed(
    connector: Connector, caplog: pytest.LogCaptureFixture
) -> None:
    renewing = _Credential(lifetime=120)  # within the renewal margin: a new token each call
    client = ConnectorClient(
        tokens=ConnectorTokens(_Connections(renewing)),  # type: ignore[arg-type]
        allow_url=url_checker(dev=True),
    )
    try:
        for n in range(3):
            await client.send(connector.url, "a:chat", {"type": "message", "text": str(n)})
    finally:
        await client.aclose()
    gc.collect()  # an unclosed aiohttp session complains when it is collected
    assert [r.authorization for r in connector.requests] == ["Bearer t1", "Bearer t2", "Bearer t3"]
    assert not any("Unclosed" in r.getMessage() for r in caplog.records)


async def test_without_connections_the_sdks_anonymous_token_sends_no_authorization(
    connector: Connector,
) -> None:
    assert await ConnectorTokens(None).token(connector.url) == ""
    client = ConnectorClient(allow_url=url_checker(dev=True))
    try:
        await client.send(connector.url, "a:chat", {"type": "message"})
    finally:
        await client.aclose()
    assert connector.requests[0].authorization is None


@pytest.mark.parametrize(
    ("url", "production", "dev"),
    [
        ("https://smba.trafficmanager.net/emea/", True, True),
        ("https://graph.microsoft.com/v1.0", True, True),
        ("http://smba.trafficmanager.net/emea/", False, False),
        ("https://user:secret@smba.trafficmanager.net/emea/", False, False),
        ("https://evil.example/", False, False),
        ("https://smba.trafficmanager.net.evil.example/", False, False),
        ("http://127.0.0.1:3978/", False, True),
        ("http://localhost:3978/", False, True),
        ("http://[::1]:3978/", False, True),
        ("http://10.0.0.5/", False, False),
        ("ftp://127.0.0.1/", False, False),
    ],
)
def test_which_hosts_may_be_called(url: str, production: bool, dev: bool) -> None:
    assert url_checker(dev=False)(url) is production
    assert url_checker(dev=True)(url) is dev


async def test_a_disallowed_service_url_is_refused_without_a_request(
    connector: Connector,
) -> None:
    credential = _Credential(lifetime=3600)
    connections = _Connections(credential)
    client = ConnectorClient(
        tokens=ConnectorTokens(connections),  # type: ignore[arg-type]
        allow_url=url_checker(dev=False),
    )
    try:
        with pytest.raises(ConnectorError) as raised:
            await client.send(connector.url, "a:chat", {"type": "message"})
    finally:
        await client.aclose()
    assert raised.value.transient is False
    assert connector.requests == []
    assert (connections.asked, credential.calls) == ([], [])  # no token was even fetched


@dataclass
class _Access:
    token: str
    expires_on: int


class _Credential:
    def __init__(self, lifetime: float, prefix: str = "t") -> None:
        self.lifetime = lifetime
        self.prefix = prefix
        self.calls: list[tuple[str, ...]] = []

    async def get_token(self, *scopes: str, **_: Any) -> _Access:
        self.calls.append(scopes)
        return _Access(f"{self.prefix}{len(self.calls)}", int(time.time() + self.lifetime))


class _Provider:
    def __init__(self, credential: _Credential) -> None:
        self.credential = credential

    def get_token_credential(self) -> _Credential:
        return self.credential


@dataclass
class _Configuration:
    CLIENT_ID: str = APP_ID


class _Connections:
    """The SDK's ``Connections`` as the bot uses them: the default connection, and the
    connection for an identity and a service URL (``by_url``: as a connections map would
    give one of its own), each asking noted as (audience claim, app id claim, URL)."""

    def __init__(
        self, credential: _Credential, by_url: dict[str, _Credential] | None = None
    ) -> None:
        self.provider = _Provider(credential)
        self.by_url = {url: _Provider(c) for url, c in (by_url or {}).items()}
        self.asked: list[tuple[str, str, str]] = []

    def get_default_connection(self) -> _Provider:
        return self.provider

    def get_default_connection_configuration(self) -> _Configuration:
        return _Configuration()

    def get_token_provider(self, claims: Any, service_url: str) -> _Provider:
        self.asked.append((claims.claims["aud"], claims.claims["appid"], service_url))
        return self.by_url.get(service_url, self.provider)


async def test_msal_tokens_are_kept_until_shortly_before_they_expire() -> None:
    lasting = _Credential(lifetime=3600)
    tokens = MsalTokens(_Connections(lasting))  # type: ignore[arg-type]
    assert await tokens.token(BOT_FRAMEWORK_SCOPE) == "t1"
    assert await tokens.token(BOT_FRAMEWORK_SCOPE) == "t1"
    assert await tokens.token(GRAPH_SCOPE) == "t2"
    assert lasting.calls == [(BOT_FRAMEWORK_SCOPE,), (GRAPH_SCOPE,)]

    expiring = _Credential(lifetime=120)  # within the renewal margin
    tokens = MsalTokens(_Connections(expiring))  # type: ignore[arg-type]
    assert await tokens.token(BOT_FRAMEWORK_SCOPE) == "t1"
    assert await tokens.token(BOT_FRAMEWORK_SCOPE) == "t2"


async def test_build_connector_uses_no_token_in_dev_mode(connector: Connector) -> None:
    from bot.hosting.server import _sdk_setup

    settings = Settings(dev=True, graph_url=connector.graph_url)
    manager, _config, _tenants = _sdk_setup(settings, {})
    client = build_connector(settings, manager)
    try:
        await client.send(connector.url, "a:chat", {"type": "message"})
    finally:
        await client.aclose()
    assert connector.requests[0].authorization is None


async def test_build_connector_outside_dev_mode_refuses_loopback(connector: Connector) -> None:
    settings = Settings(dev=False)
    credential = _Credential(3600)
    client = build_connector(settings, _Connections(credential))  # type: ignore[arg-type]
    try:
        with pytest.raises(ConnectorError):
            await client.send(connector.url, "a:chat", {"type": "message"})
    finally:
        await client.aclose()
    assert connector.requests == []
    assert credential.calls == []


async def test_build_connector_outside_dev_mode_takes_the_sdks_tokens(
    connector: Connector,
) -> None:
    """The production client's tokens, against a stand-in it may call (the host check is
    the test above's): the SDK's Bot Connector token, Graph's from the service connection."""
    credential = _Credential(3600)
    connections = _Connections(credential)
    connector.teams["t"] = {"aadGroupId": "g"}
    client = build_connector(
        Settings(dev=False, graph_url=connector.graph_url), connections  # type: ignore[arg-type]
    )
    client._allow_url = url_checker(dev=True)  # the stand-in is on loopback
    try:
        await client.send(connector.url, "a:chat", {"type": "message"})
        await client.find_channel_post("g", "19:c@thread.tacv2", ["x"])
    finally:
        await client.aclose()
    assert credential.calls == [(BOT_FRAMEWORK_SCOPE,), (GRAPH_SCOPE,)]
    assert connections.asked == [(APP_ID, APP_ID, connector.url)]
    assert [r.authorization for r in connector.requests] == ["Bearer t1", "Bearer t2"]


# --- Retry-After --------------------------------------------------------------------------


def test_retry_after_in_seconds_or_as_a_date() -> None:
    now = datetime(2026, 11, 30, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("3", now=now) == 3.0
    assert parse_retry_after(" 1.5 ", now=now) == 1.5
    assert parse_retry_after("Mon, 30 Nov 2026 12:00:30 GMT", now=now) == 30.0
    assert parse_retry_after("Mon, 30 Nov 2026 11:00:00 GMT", now=now) == 0.0  # past
    assert parse_retry_after("-5", now=now) == 0.0
    assert parse_retry_after(None) is None
    assert parse_retry_after("") is None
    assert parse_retry_after("soon") is None
    assert parse_retry_after("nan") is None


# --- Graph --------------------------------------------------------------------------------


def _card(case_id: str) -> dict[str, Any]:
    card = {
        "type": "AdaptiveCard",
        "version": "1.5",
        "body": [],
        "refresh": {
            "action": {"type": "Action.Execute", "verb": "ib.refresh", "data": {"case": case_id}}
        },
    }
    return card_activity(card)


async def test_find_channel_post_reads_graph_page_by_page(
    client: ConnectorClient, connector: Connector
) -> None:
    connector.teams["t"] = {"aadGroupId": "g"}
    connector.graph_page_size = 2
    channel = "19:ib@thread.tacv2"
    wanted = await client.send(connector.url, channel, _card("SK-2026-0001"))
    for n in range(2, 6):
        await client.send(connector.url, channel, _card(f"SK-2026-000{n}"))
    await client.reply(
        connector.url, f"{channel};messageid={wanted}", wanted, _card("SK-2026-0001")
    )  # a reply is not the post

    found = await client.find_channel_post("g", channel, ["ib.refresh", '"SK-2026-0001"'])

    assert found == wanted
    assert sum(1 for r in connector.requests if r.path.startswith("/v1.0/")) == 3
    assert await client.find_channel_post("g", channel, ["ib.refresh", '"SK-2026-0009"']) is None
    assert await client.find_channel_post("g", "19:other@thread.tacv2", ["ib.refresh"]) is None


class _TurnTokens:
    """The SDK's token provider for a turn, handing out the tokens it is given in turn."""

    def __init__(self, *tokens: str) -> None:
        self._tokens = list(tokens)
        self.asked: list[tuple[str, list[str]]] = []

    async def get_access_token(self, audience: str, scopes: list[str]) -> str:
        self.asked.append((audience, scopes))
        return self._tokens.pop(0)


class _TurnConnections:
    def __init__(self, provider: _TurnTokens) -> None:
        self.provider = provider

    def get_token_provider(self, _claims: Any, _service_url: str) -> _TurnTokens:
        return self.provider


async def test_a_turns_replies_go_through_a_kept_client_with_the_turns_token(
    connector: Connector, caplog: pytest.LogCaptureFixture
) -> None:
    from microsoft_agents.hosting.core import ClaimsIdentity

    from bot.teams.connector import TurnClients

    tokens = _TurnTokens("t1", "t1", "t2")
    client = ConnectorClient(allow_url=url_checker(dev=True))
    factory = TurnClients(_TurnConnections(tokens), client)  # type: ignore[arg-type]
    claims = ClaimsIdentity({"aud": APP_ID}, True)
    try:
        made = []
        for n in range(3):  # three turns; the SDK closes each turn's client at its end
            turn_client = await factory.create_connector_client(
                None, claims, connector.url, APP_ID, ["scope/.default"]
            )
            await turn_client.conversations.send_to_conversation(
                "a:chat", Activity(type="message", text=str(n))
            )
            await turn_client.close()
            made.append(turn_client)
        # The same client (and session) for the same token, a new one for a new token.
        assert made[0] is made[1]
        assert made[2] is not made[1]
    finally:
        await client.aclose()
    gc.collect()
    assert not any("Unclosed" in r.getMessage() for r in caplog.records)
    assert tokens.asked == [(APP_ID, ["scope/.default"])] * 3
    assert [r.authorization for r in connector.requests] == ["Bearer t1", "Bearer t1",
                                                             "Bearer t2"]
    assert len({r.peer for r in connector.requests[:2]}) == 1  # one connection, kept


async def test_a_turns_replies_through_a_kept_client_are_the_sdks_own_requests(
    connector: Connector,
) -> None:
    """Only the connection is kept: a reply carries the SDK's User-Agent, not the bot's own
    sends' (which name USER_AGENT_PRODUCT)."""
    from microsoft_agents.hosting.core import ClaimsIdentity

    from bot.teams.connector import TurnClients

    client = ConnectorClient(allow_url=url_checker(dev=True))
    factory = TurnClients(_TurnConnections(_TurnTokens("t1")), client)  # type: ignore[arg-type]
    try:
        turn_client = await factory.create_connector_client(
            None, ClaimsIdentity({"aud": APP_ID}, True), connector.url, APP_ID, None
        )
        await turn_client.conversations.send_to_conversation(
            "a:chat", Activity(type="message", text="svar")
        )
        await client.send(connector.url, "a:chat", {"type": "message"})
    finally:
        await client.aclose()
    reply, own = connector.calls[-2:]
    assert "agents-sdk-py/" in reply.user_agent
    assert USER_AGENT_PRODUCT not in reply.user_agent
    assert USER_AGENT_PRODUCT in own.user_agent
