"""Microsoft Graph (bot.teams.graph): groups for IB's roles, the profile for the wizard.

A Graph stand-in on loopback (aiohttp) serves what the bot reads: a group's transitive
users page by page (``@odata.nextLink``), with ``userType``; a user's profile with the
app's token or ``/me`` with a user's; and fails on request (429 with Retry-After, 5xx,
403). The SDK's client talks to it over HTTP as it would to graph.microsoft.com.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from microsoft_agents.activity import Activity, TokenResponse
from microsoft_agents.hosting.core.connector import UserTokenClientBase
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.ib import IbService, Origin, RosterUnavailable
from bot.settings import Settings
from bot.teams.connector import TeamDetails
from bot.teams.graph import (
    Graph,
    GraphFailed,
    GroupMember,
    GroupMembers,
    GroupsUnavailable,
    Profile,
    ProfileReader,
)
from bot.teams.tokens import NoTokens
from bot.texts import t
from cards import verbs
from dialogs.turn import Prefill, RegisterIb

from ..cards.cardtools import inputs, texts
from .bot_harness import CLOCK, TODAY, Bot, Connector
from .conftest import MakeBot

APP_TOKEN = "app-token"
USER_TOKEN = "user-token"


class StaticTokens:
    """The app's token, as MsalTokens would give it."""

    async def token(self, scope: str) -> str | None:
        assert scope == "https://graph.microsoft.com/.default"
        return APP_TOKEN


@dataclass
class GraphStandIn:
    """Microsoft Graph on 127.0.0.1: groups (id → users as Graph lists them), users'
    profiles (id → fields), ``me`` (a delegated token → a user id). ``fail_next`` answers
    the next requests with a status (and Retry-After)."""

    groups: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    profiles: dict[str, dict[str, Any]] = field(default_factory=dict)
    me: dict[str, str] = field(default_factory=dict)
    page_size: int = 2
    refuse_profiles: bool = False  # 403 on /users/{id}: no User.Read.All consent
    requests: list[web.Request] = field(default_factory=list)
    _failures: list[tuple[int, str | None]] = field(default_factory=list)
    _server: TestServer | None = None
    _ids: itertools.count[int] = field(default_factory=itertools.count)

    async def start(self) -> None:
        app = web.Application(middlewares=[self._log])
        app.router.add_get("/v1.0/groups/{group}/transitiveMembers/graph.user", self._members)
        app.router.add_get("/v1.0/users/{user}", self._user)
        app.router.add_get("/v1.0/me", self._me)
        self._server = TestServer(app, host="127.0.0.1")
        await self._server.start_server()

    async def stop(self) -> None:
        if self._server is not None:
            await self._server.close()

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.port}/v1.0"

    def fail_next(self, n: int, status: int, retry_after: str | None = None) -> None:
        self._failures.extend([(status, retry_after)] * n)

    @web.middleware
    async def _log(self, request: web.Request, handler: Any) -> web.StreamResponse:
        self.requests.append(request)
        if self._failures:
            status, retry_after = self._failures.pop(0)
            headers = {"Retry-After": retry_after} if retry_after is not None else {}
            return web.json_response({"error": {"code": "stand-in", "message": "failed"}},
                                     status=status, headers=headers)
        response: web.StreamResponse = await handler(request)
        return response

    def _auth(self, request: web.Request) -> str | None:
        header = request.headers.get("Authorization", "")
        return header.removeprefix("Bearer ") if header.startswith("Bearer ") else None

    async def _members(self, request: web.Request) -> web.Response:
        group = request.match_info["group"]
        if group not in self.groups:
            return web.json_response({"error": {"code": "Request_ResourceNotFound"}},
                                     status=404)
        users = self.groups[group]
        start = int(request.query.get("$skiptoken") or 0)
        page: dict[str, Any] = {
            "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
            "value": [{"@odata.type": "#microsoft.graph.user", **u}
                      for u in users[start:start + self.page_size]],
        }
        if start + self.page_size < len(users):
            page["@odata.nextLink"] = str(request.url.update_query(
                {"$skiptoken": start + self.page_size}))
        return web.json_response(page)

    async def _user(self, request: web.Request) -> web.Response:
        if self.refuse_profiles:
            return web.json_response({"error": {"code": "Authorization_RequestDenied"}},
                                     status=403)
        found = self.profiles.get(request.match_info["user"])
        if found is None:
            return web.json_response({"error": {"code": "Request_ResourceNotFound"}},
                                     status=404)
        return web.json_response({"id": request.match_info["user"], **found})

    async def _me(self, request: web.Request) -> web.Response:
        user = self.me.get(self._auth(request) or "")
        if user is None:
            return web.json_response({"error": {"code": "InvalidAuthenticationToken"}},
                                     status=401)
        return web.json_response({"id": user, **self.profiles.get(user, {})})


@pytest.fixture
async def graph_standin() -> AsyncIterator[GraphStandIn]:
    standin = GraphStandIn()
    await standin.start()
    yield standin
    await standin.stop()


@pytest.fixture
async def graph(graph_standin: GraphStandIn) -> AsyncIterator[Graph]:
    client = Graph(StaticTokens(), graph_standin.url, retry_delay=0.01)
    yield client
    await client.aclose()


def users(*ids: str, guests: tuple[str, ...] = ()) -> list[dict[str, Any]]:
    return [{"id": i, "userType": "Guest" if i in guests else "Member"} for i in ids]


# --- the client ------------------------------------------------------------------------


async def test_a_groups_users_are_read_over_every_page_with_the_apps_token(
        graph: Graph, graph_standin: GraphStandIn) -> None:
    graph_standin.groups["g-1"] = users("A-1", "a-2", "a-3", "a-4", "a-5", guests=("a-4",))
    found = await graph.group_members("g-1")
    assert found == [GroupMember("a-1"), GroupMember("a-2"), GroupMember("a-3"),
                     GroupMember("a-4", guest=True), GroupMember("a-5")]
    assert len(graph_standin.requests) == 3  # pages of 2, 2, 1
    assert {r.headers["Authorization"] for r in graph_standin.requests} == {f"Bearer {APP_TOKEN}"}
    first = graph_standin.requests[0]
    assert first.query["$select"] == "id,userType"


async def test_a_429_with_retry_after_is_waited_out_and_retried(
        graph: Graph, graph_standin: GraphStandIn) -> None:
    graph_standin.groups["g-1"] = users("a-1")
    graph_standin.fail_next(1, 429, retry_after="1")
    assert await graph.group_members("g-1") == [GroupMember("a-1")]
    assert len(graph_standin.requests) == 2


async def test_a_5xx_fails_the_read_with_its_status(
        graph: Graph, graph_standin: GraphStandIn) -> None:
    graph_standin.groups["g-1"] = users("a-1")
    graph_standin.fail_next(1, 500)
    with pytest.raises(GraphFailed) as failed:
        await graph.group_members("g-1")
    assert failed.value.status == 500


async def test_a_503_that_persists_fails_after_the_sdks_retries(
        graph: Graph, graph_standin: GraphStandIn) -> None:
    graph_standin.groups["g-1"] = users("a-1")
    graph_standin.fail_next(5, 503, retry_after="0")
    with pytest.raises(GraphFailed) as failed:
        await graph.group_members("g-1")
    assert failed.value.status == 503
    assert len(graph_standin.requests) == 3  # the first attempt and two retries


async def test_graph_that_does_not_answer_is_a_failure_without_status(
        graph_standin: GraphStandIn) -> None:
    url = graph_standin.url
    await graph_standin.stop()
    client = Graph(StaticTokens(), url, retry_delay=0.01)
    try:
        with pytest.raises(GraphFailed) as failed:
            await client.group_members("g-1")
        assert failed.value.status is None
    finally:
        await client.aclose()


async def test_a_profile_is_read_with_the_apps_token_or_the_users_own(
        graph: Graph, graph_standin: GraphStandIn) -> None:
    graph_standin.profiles["u-1"] = {"department": " Kulturförvaltningen ",
                                     "companyName": "Stockholms stad"}
    graph_standin.me[USER_TOKEN] = "u-1"
    expected = Profile(department="Kulturförvaltningen", company_name="Stockholms stad")
    assert await graph.user_profile("u-1") == expected
    assert await graph.my_profile(USER_TOKEN) == expected
    app_read, own_read = graph_standin.requests
    assert app_read.path == "/v1.0/users/u-1"
    assert app_read.headers["Authorization"] == f"Bearer {APP_TOKEN}"
    assert app_read.query["$select"] == "department,companyName"
    assert own_read.path == "/v1.0/me"
    assert own_read.headers["Authorization"] == f"Bearer {USER_TOKEN}"


async def test_a_refused_profile_is_a_failure_with_403(
        graph: Graph, graph_standin: GraphStandIn) -> None:
    graph_standin.refuse_profiles = True
    with pytest.raises(GraphFailed) as failed:
        await graph.user_profile("u-1")
    assert failed.value.status == 403


async def test_dev_mode_sends_no_token(graph_standin: GraphStandIn) -> None:
    graph_standin.groups["g-1"] = users("a-1")
    client = Graph(NoTokens(), graph_standin.url)
    try:
        await client.group_members("g-1")
    finally:
        await client.aclose()
    assert "Authorization" not in graph_standin.requests[0].headers


# --- the cache -------------------------------------------------------------------------


class Ticks:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_groups_are_kept_for_their_time_then_read_again(
        graph: Graph, graph_standin: GraphStandIn) -> None:
    graph_standin.groups["g-1"] = users("a-1")
    graph_standin.groups["g-2"] = users("b-1", guests=("b-1",))
    ticks = Ticks()
    cache = GroupMembers(graph, ttl=60, clock=ticks)
    both = frozenset({GroupMember("a-1"), GroupMember("b-1", guest=True)})
    assert await cache.members(["g-1", "g-2"]) == both
    graph_standin.groups["g-1"] = users("a-1", "a-2")
    ticks.now += 59
    assert await cache.members(["g-1", "g-2"]) == both
    assert len(graph_standin.requests) == 2
    ticks.now += 2
    assert GroupMember("a-2") in await cache.members(["g-1"])
    assert len(graph_standin.requests) == 3


async def test_a_group_that_cannot_be_read_again_keeps_its_members_as_read_before(
        graph: Graph, graph_standin: GraphStandIn, caplog: pytest.LogCaptureFixture) -> None:
    graph_standin.groups["g-1"] = users("a-1")
    ticks = Ticks()
    cache = GroupMembers(graph, ttl=60, clock=ticks)
    await cache.members(["g-1"])
    ticks.now += 61
    graph_standin.fail_next(1, 500)
    assert await cache.members(["g-1"]) == {GroupMember("a-1")}
    assert "using its members as read before" in caplog.text


async def test_a_group_never_read_and_unreadable_is_unavailable(
        graph: Graph, graph_standin: GraphStandIn) -> None:
    graph_standin.fail_next(1, 500)
    with pytest.raises(GroupsUnavailable):
        await GroupMembers(graph, ttl=60).members(["g-1"])
    graph_standin.groups["g-1"] = users("a-1")  # read again at once, not cached as failed
    assert await GroupMembers(graph, ttl=60).members(["g-1"]) == {GroupMember("a-1")}


# --- IB's roles (bot.ib.IbService) -------------------------------------------------------

ADMIN = "a0000000-0000-0000-0000-00000000000a"
MEMBER = "b0000000-0000-0000-0000-00000000000b"
GUEST = "e0000000-0000-0000-0000-00000000000e"
LISTED = "f0000000-0000-0000-0000-00000000000f"  # named in a setting, in no group
SECRETARY = "5e000000-0000-0000-0000-00000000005e"
OUTSIDER = "c0000000-0000-0000-0000-00000000000c"
TEAM = "19:ib-team@thread.tacv2"
IB_CHANNEL = "19:ib-channel@thread.tacv2"


def _origin(user: str, *, channel: bool = False) -> Origin:
    return Origin(service_url="http://127.0.0.1:1/", conversation_id=IB_CHANNEL if channel
                  else f"a:{user}", conversation_type="channel" if channel else "personal",
                  user_mri=f"29:{user}", user_aad_id=user, user_name=user, locale="sv-SE",
                  tenant_id="t", bot_id="28:bot", channel_id=IB_CHANNEL if channel else None,
                  team_id=TEAM if channel else None)


@dataclass(frozen=True)
class RosterEntry:
    """A roster entry as the Bot Connector lists it, with its userRole."""

    id: str
    aad_object_id: str
    user_role: str = "user"
    name: str | None = None


class StubConnector:
    """The Bot Connector for the roster: ``roster`` is the IB team."""

    def __init__(self, roster: list[RosterEntry]) -> None:
        self.roster = roster

    async def team_members(self, service_url: str, team_id: str) -> list[RosterEntry]:
        return self.roster

    async def team_details(self, service_url: str, team_id: str) -> TeamDetails:
        return TeamDetails(id=team_id, name="Internationella beredningen")


def _service(engine: AsyncEngine, graph: Graph | None, roster: list[RosterEntry] | None = None,
             **settings: Any) -> IbService:
    groups = GroupMembers(graph, ttl=600) if graph is not None else None
    return IbService(engine, Settings(**settings), StubConnector(roster or []),  # type: ignore[arg-type]
                     clock=CLOCK, groups=groups)


@pytest.fixture
def directory(graph_standin: GraphStandIn) -> GraphStandIn:
    """Three groups: IB's members (one of them a guest), the administrators (the member
    group nested in theirs, through Graph's transitive listing) and the secretariat."""
    graph_standin.groups["g-members"] = users(MEMBER, GUEST, guests=(GUEST,))
    graph_standin.groups["g-admins"] = users(ADMIN, MEMBER, GUEST, guests=(GUEST,))
    graph_standin.groups["g-secretariat"] = users(SECRETARY, GUEST, guests=(GUEST,))
    return graph_standin


async def test_members_are_the_listed_ids_and_the_member_groups_users(
        sqlite_engine: AsyncEngine, graph: Graph, directory: GraphStandIn) -> None:
    ib = _service(sqlite_engine, graph, ib_members=LISTED, ib_member_groups="g-members")
    assert await ib.is_member(_origin(MEMBER))
    assert await ib.is_member(_origin(LISTED))
    assert not await ib.is_member(_origin(OUTSIDER))
    assert not await ib.is_member(_origin(ADMIN))  # an administrator, not a member
    assert await ib.member_ids() == {LISTED, MEMBER}


async def test_a_guest_in_a_group_has_no_role_unless_guests_are_allowed(
        sqlite_engine: AsyncEngine, graph: Graph, directory: GraphStandIn) -> None:
    groups = {"ib_member_groups": "g-members", "ib_admin_groups": "g-admins",
              "ib_secretariat_groups": "g-secretariat"}
    ib = _service(sqlite_engine, graph, **groups)
    assert not await ib.is_member(_origin(GUEST))
    assert not await ib.is_admin(_origin(GUEST))
    assert not await ib.is_secretariat(GUEST)
    allowed = _service(sqlite_engine, graph, ib_allow_guests=True, **groups)
    assert await allowed.is_member(_origin(GUEST))
    assert await allowed.is_admin(_origin(GUEST))
    assert await allowed.is_secretariat(GUEST)


async def test_a_guest_listed_by_id_keeps_the_role_the_setting_gives(
        sqlite_engine: AsyncEngine, graph: Graph, directory: GraphStandIn) -> None:
    ib = _service(sqlite_engine, graph, ib_members=GUEST, ib_member_groups="g-members")
    assert await ib.is_member(_origin(GUEST))


async def test_administrators_and_secretariat_are_their_ids_and_their_groups_users(
        sqlite_engine: AsyncEngine, graph: Graph, directory: GraphStandIn) -> None:
    ib = _service(sqlite_engine, graph, ib_admins=LISTED, ib_admin_groups="g-admins",
                  ib_secretariat=LISTED.upper(), ib_secretariat_groups="g-secretariat")
    assert await ib.admin_ids() == {LISTED, ADMIN, MEMBER}
    assert await ib.is_admin(_origin(ADMIN))
    assert await ib.is_secretariat(SECRETARY)
    assert await ib.is_secretariat(LISTED)
    assert not await ib.is_secretariat(ADMIN)
    assert not await ib.is_secretariat(None)


async def test_groups_are_read_once_for_their_time_across_roles_and_turns(
        sqlite_engine: AsyncEngine, graph: Graph, directory: GraphStandIn) -> None:
    directory.page_size = 10  # one page a group
    ib = _service(sqlite_engine, graph, ib_member_groups="g-members", ib_admin_groups="g-admins")
    for _ in range(3):
        await ib.is_member(_origin(MEMBER))
        await ib.is_admin(_origin(ADMIN))
    assert sorted(r.path for r in directory.requests) == [
        "/v1.0/groups/g-admins/transitiveMembers/graph.user",
        "/v1.0/groups/g-members/transitiveMembers/graph.user"]


async def test_graph_down_before_any_read_makes_membership_unavailable_not_refused(
        sqlite_engine: AsyncEngine, graph: Graph, directory: GraphStandIn) -> None:
    directory.fail_next(1, 500)
    ib = _service(sqlite_engine, graph, ib_member_groups="g-members")
    with pytest.raises(RosterUnavailable):
        await ib.is_member(_origin(MEMBER))
    assert await ib.is_member(_origin(MEMBER))  # Graph is back: read now


async def test_roles_by_group_without_graph_count_only_the_listed_ids(
        sqlite_engine: AsyncEngine, caplog: pytest.LogCaptureFixture) -> None:
    ib = _service(sqlite_engine, None, ib_members=LISTED, ib_member_groups="g-members")
    assert await ib.is_member(_origin(LISTED))
    assert not await ib.is_member(_origin(MEMBER))
    assert "Graph is not set up" in caplog.text


async def test_a_guest_in_the_ib_teams_roster_is_no_member_unless_guests_are_allowed(
        sqlite_engine: AsyncEngine) -> None:
    roster = [RosterEntry(f"29:{MEMBER}", MEMBER),
              RosterEntry(f"29:{GUEST}", GUEST, user_role="guest")]
    ib = _service(sqlite_engine, None, roster, ib_admins=ADMIN)
    await ib.perform(RegisterIb(), _origin(ADMIN, channel=True), today=TODAY)
    assert await ib.is_member(_origin(MEMBER))
    assert not await ib.is_member(_origin(GUEST))
    allowed = _service(sqlite_engine, None, roster, ib_admins=ADMIN, ib_allow_guests=True)
    assert await allowed.is_member(_origin(GUEST))


# --- over HTTP: the bot, the tab and the wizard with Graph stood in ------------------------


def _channel_message(bot: Bot, text: str, user: str) -> dict[str, Any]:
    activity = bot.activity("message", conversation=IB_CHANNEL, user=user, text=text)
    activity["conversation"]["conversationType"] = "channel"
    activity["channelData"] = {**activity.get("channelData", {}),
                               "team": {"id": TEAM}, "channel": {"id": IB_CHANNEL}}
    return Bot.mention_bot(activity)


def _said(connector: Connector) -> list[str]:
    return [c.body["text"] for c in connector.calls if c.method == "POST" and c.body.get("text")]


async def test_an_administrator_by_group_registers_the_ib_channel_and_a_guest_in_it_cannot(
        make_bot: MakeBot, connector: Connector, directory: GraphStandIn) -> None:
    connector.teams[TEAM] = {"name": "Internationella beredningen", "aadGroupId": "g-team"}
    bot = await make_bot(ib_admin_groups="g-admins", graph_url=directory.url)
    response = await bot.send(_channel_message(bot, "registrera IB-kanal", GUEST))
    assert response.status in (200, 202)
    assert _said(connector) == [t("ib.register_refused", "sv")]
    response = await bot.send(_channel_message(bot, "registrera IB-kanal", ADMIN))
    assert response.status in (200, 202)
    assert _said(connector)[-1].startswith("Klart! Kanalen")


async def test_the_tab_gives_the_secretariat_and_ib_their_roles_from_the_groups(
        make_bot: MakeBot, directory: GraphStandIn) -> None:
    groups = {"ib_member_groups": "g-members", "ib_secretariat_groups": "g-secretariat",
              "graph_url": directory.url}
    for user, role in ((SECRETARY, "secretariat"), (MEMBER, "ib"), (GUEST, "none"),
                       (OUTSIDER, "none")):
        bot = await make_bot(dev_tab_user=user, **groups)
        response = await bot.request("GET", "/tab/api/me")
        assert response.status == 200, response.body
        assert response.body["role"] == role, user
        everything = await bot.request("GET", "/tab/api/cases")
        assert everything.status == (403 if role == "none" else 200), user
    bot = await make_bot(dev_tab_user=GUEST, ib_allow_guests=True, **groups)
    assert (await bot.request("GET", "/tab/api/me")).body["role"] == "ib"


async def test_the_tab_says_try_again_when_graph_is_down_and_the_groups_were_never_read(
        make_bot: MakeBot, directory: GraphStandIn) -> None:
    bot = await make_bot(dev_tab_user=MEMBER, ib_member_groups="g-members",
                         graph_url=directory.url)
    directory.fail_next(1, 500)
    response = await bot.request("GET", "/tab/api/me")
    assert response.status == 503
    assert response.body["error"] == "roster_unavailable"
    assert (await bot.request("GET", "/tab/api/me")).body["role"] == "ib"


async def _details_card(bot: Bot, user: str = "user-1") -> dict[str, Any]:
    """"Ny bedömning" in the personal chat, then the kind: the details step's card."""
    response = await bot.execute(verbs.WIZARD_START, user=user)
    assert response.status == 200, response.body
    response = await bot.execute(verbs.WIZARD_NEXT, {"step": "kind", "kind": "conference"},
                                 user=user)
    assert response.status == 200, response.body
    card: dict[str, Any] = response.body["value"]
    return card


async def test_the_wizard_has_the_users_department_from_graph_as_the_units_value(
        make_bot: MakeBot, connector: Connector, graph_standin: GraphStandIn) -> None:
    graph_standin.profiles["user-1"] = {"department": "Kulturförvaltningen",
                                        "companyName": "Stockholms stad"}
    bot = await make_bot(profile_app_read=True, graph_url=graph_standin.url)
    card = await _details_card(bot)
    assert inputs(card)["unit"]["value"] == "Kulturförvaltningen"
    assert any("Ifyllt från din profil i Entra ID (avdelning)" in x for x in texts(card))
    [read] = graph_standin.requests
    assert read.path == "/v1.0/users/user-1"


async def test_a_refused_profile_leaves_the_unit_to_be_typed_without_an_error(
        make_bot: MakeBot, connector: Connector, graph_standin: GraphStandIn) -> None:
    graph_standin.refuse_profiles = True
    bot = await make_bot(profile_app_read=True, graph_url=graph_standin.url)
    card = await _details_card(bot)
    assert inputs(card)["unit"]["value"] == ""
    shown = texts(card) + _said(connector)
    assert not any("Entra ID" in x or t("bot.sorry", "sv") in x for x in shown)
    assert len(graph_standin.requests) == 1


async def test_without_the_setting_graph_is_not_asked_for_the_profile(
        make_bot: MakeBot, connector: Connector, graph_standin: GraphStandIn) -> None:
    graph_standin.profiles["user-1"] = {"department": "Kulturförvaltningen"}
    bot = await make_bot(graph_url=graph_standin.url)
    card = await _details_card(bot)
    assert inputs(card)["unit"]["value"] == ""
    assert graph_standin.requests == []


# --- the user's own token (Teams single sign-on through the Azure Bot's OAuth connection) ---


class FakeUserTokens:
    """The SDK's user token client: the token service's answer for a user and connection."""

    def __init__(self, token: str | None) -> None:
        self.token = token
        self.asked: list[tuple[str, str, str]] = []

    async def get_user_token(self, user_id: str, connection_name: str, channel_id: str,
                             magic_code: str | None = None) -> TokenResponse:
        self.asked.append((user_id, connection_name, channel_id))
        return TokenResponse(token=self.token) if self.token else TokenResponse()


@dataclass
class FakeContext:
    """What ProfileReader reads of a TurnContext: the activity and its services."""

    activity: Activity
    services: dict[Any, Any]


def _context(tokens: FakeUserTokens | None) -> FakeContext:
    activity = Activity.model_validate({
        "type": "message", "channelId": "msteams",
        "from": {"id": "29:user-1", "aadObjectId": "user-1"}})
    return FakeContext(activity, {UserTokenClientBase: tokens} if tokens else {})


async def test_with_a_single_sign_on_token_the_users_own_profile_is_read(
        graph: Graph, graph_standin: GraphStandIn) -> None:
    graph_standin.profiles["user-1"] = {"companyName": "Stockholm Vatten och Avfall AB"}
    graph_standin.me[USER_TOKEN] = "user-1"
    tokens = FakeUserTokens(USER_TOKEN)
    reader = ProfileReader(graph, sso_connection="GRAPH", app_read=True)
    found = await reader.prefill(_context(tokens))  # type: ignore[arg-type]
    assert found == Prefill(unit="Stockholm Vatten och Avfall AB", source="companyName")
    assert tokens.asked == [("29:user-1", "GRAPH", "msteams")]
    [read] = graph_standin.requests
    assert read.path == "/v1.0/me"
    assert read.headers["Authorization"] == f"Bearer {USER_TOKEN}"


async def test_without_a_users_token_the_app_reads_the_profile_if_allowed_else_nothing(
        graph: Graph, graph_standin: GraphStandIn) -> None:
    graph_standin.profiles["user-1"] = {"department": "Kulturförvaltningen"}
    only_sso = ProfileReader(graph, sso_connection="GRAPH")
    assert await only_sso.prefill(_context(FakeUserTokens(None))) is None  # type: ignore[arg-type]
    assert graph_standin.requests == []
    both = ProfileReader(graph, sso_connection="GRAPH", app_read=True)
    found = await both.prefill(_context(FakeUserTokens(None)))  # type: ignore[arg-type]
    assert found == Prefill(unit="Kulturförvaltningen", source="department")
    assert [r.path for r in graph_standin.requests] == ["/v1.0/users/user-1"]


async def test_a_failing_token_service_or_a_slow_graph_gives_no_prefill(
        graph: Graph, graph_standin: GraphStandIn) -> None:
    class Broken(FakeUserTokens):
        async def get_user_token(self, *args: Any, **kwargs: Any) -> TokenResponse:
            raise RuntimeError("token service down")

    reader = ProfileReader(graph, sso_connection="GRAPH")
    assert await reader.prefill(_context(Broken(None))) is None  # type: ignore[arg-type]
    graph_standin.profiles["user-1"] = {"department": "Kulturförvaltningen"}
    graph_standin.fail_next(1, 429, retry_after="5")
    slow = ProfileReader(graph, app_read=True, timeout=0.5)
    assert await slow.prefill(_context(None)) is None  # type: ignore[arg-type]
