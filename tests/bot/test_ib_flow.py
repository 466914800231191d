"""IB end to end over HTTP, with the stand-in Bot Connector and the delivery worker: a
screening sent to IB arrives in the IB channel; a member asks for completion and the
post is updated in place while the submitter is notified; the submitter completes the
case and the new version reaches the same post. Also: refusals (non-members, non-admins,
no channel, the same engagement twice), the agenda and "Mina ärenden"."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.hosting.server import ENGINE
from bot.persistence.register import Actor, Case, CaseRegister, CaseStatus
from bot.persistence.tables import channel_table, outbox_table
from cards import verbs
from cards.elements import walk
from dialogs.fields import to_values
from policy import Engagement, Owner, Priority, assess

from ..conftest import Database
from .bot_harness import ADAPTIVE_CARD, CLOCK, TODAY, Bot, Call, Connector
from .conftest import MakeBot
from .test_conversation import _action, _case, _press, _screen, _text

IB = "19:ib-channel@thread.tacv2"
TEAM = "19:ib-team@thread.tacv2"
GROUP = "0b1e0000-0000-0000-0000-000000000001"
ADMIN = "a0000000-0000-0000-0000-00000000000a"
MEMBER = "b0000000-0000-0000-0000-00000000000b"
OUTSIDER = "c0000000-0000-0000-0000-00000000000c"
SUBMITTER = "d0000000-0000-0000-0000-00000000000d"
PERSONAL = "a:personal-chat-of-the-submitter"


def _roster(connector: Connector) -> None:
    """The IB team: the administrator and one member (the outsider is not in it)."""
    connector.teams[TEAM] = {"name": "Internationella beredningen", "aadGroupId": GROUP}
    connector.members = [
        {"id": f"29:{ADMIN}", "aadObjectId": ADMIN, "name": "Ada Admin"},
        {"id": f"29:{MEMBER}", "aadObjectId": MEMBER, "name": "Maja Medlem"},
    ]


async def _ib_bot(make_bot: MakeBot, connector: Connector, database: Database | None = None,
                  **settings: Any) -> Bot:
    _roster(connector)
    return await make_bot(database=database, ib_admins=ADMIN, delivery_poll_seconds=0.05,
                          graph_url=connector.graph_url, **settings)


def _in_channel(bot: Bot, type: str, *, user: str, who: str, thread: str | None = None,
                **extra: Any) -> dict[str, Any]:
    """An activity from the IB channel, as Teams sends it (conversationType channel, the
    team and channel in channelData, the thread in the conversation id)."""
    conversation = IB if thread is None else f"{IB};messageid={thread}"
    activity = bot.activity(type, conversation=conversation, user=user, **extra)
    activity["from"]["name"] = who
    activity["conversation"]["conversationType"] = "channel"
    activity["channelData"] = {**activity.get("channelData", {}),
                               "team": {"id": TEAM}, "channel": {"id": IB}}
    return bot.mention_bot(activity) if type == "message" else activity


async def _say_in_channel(bot: Bot, text: str, *, user: str = ADMIN,
                          who: str = "Ada Admin") -> None:
    response = await bot.send(_in_channel(bot, "message", user=user, who=who, text=text))
    assert response.status in (200, 202), response.body


async def _act_in_channel(bot: Bot, verb: str, data: dict[str, Any], *, user: str, who: str,
                          thread: str | None = None) -> dict[str, Any]:
    """An IB member's (or anyone's) press on the post's card; the invoke's answer."""
    value = {"action": {"type": "Action.Execute", "verb": verb, "data": data},
             "trigger": "manual"}
    response = await bot.send(_in_channel(bot, "invoke", user=user, who=who, thread=thread,
                                          name="adaptiveCard/action", value=value))
    assert response.status == 200, response.body
    body: dict[str, Any] = response.body
    return body


def _said(connector: Connector) -> list[str]:
    """Every plain text the bot posted, anywhere."""
    return [c.body["text"] for c in connector.calls
            if c.method == "POST" and c.body.get("text")]


def _card_of(call: Call) -> dict[str, Any]:
    [attachment] = call.body["attachments"]
    assert attachment["contentType"] == ADAPTIVE_CARD
    content: dict[str, Any] = attachment["content"]
    return content


def _inputs(card: dict[str, Any]) -> set[str]:
    return {e["id"] for e in walk(card) if str(e.get("type", "")).startswith("Input.")}


def _verbs(card: dict[str, Any]) -> set[str]:
    return {e["verb"] for e in walk(card) if e.get("type") == "Action.Execute"}


def _register_of(bot: Bot) -> CaseRegister:
    return CaseRegister(bot.app[ENGINE], clock=CLOCK)


async def _outbox(bot: Bot) -> list[Any]:
    async with bot.app[ENGINE].connect() as conn:
        return list((await conn.execute(
            select(outbox_table.c.kind, outbox_table.c.key).order_by(outbox_table.c.id))).all())


async def _send_to_ib(bot: Bot, engagement: dict[str, Any], *, user: str = SUBMITTER,
                      conversation: str = PERSONAL) -> dict[str, Any]:
    """Screen ``engagement`` in the personal chat and press "Skicka till IB"."""
    where = {"conversation": conversation, "user": user}
    result = await _screen(bot, engagement, **where)
    button = _action(result, verbs.IB_SEND)
    assert button is not None, _text(result)[:600]
    response = await bot.execute(verbs.IB_SEND, button["data"], **where)
    assert response.status == 200, response.body
    body: dict[str, Any] = response.body
    return body


async def _paris_summit_in_ib(bot: Bot) -> Case:
    """The IB channel registered and the Paris summit sent to it: the one case."""
    await _say_in_channel(bot, "registrera IB-kanal")
    await _send_to_ib(bot, _case("paris-summit"))
    [case] = await _register_of(bot).list()
    return case


async def _posted(connector: Connector, n: int = 1) -> list[Call]:
    await connector.wait_for(lambda: len(connector.top_level_posts(IB)) >= n,
                             what=f"{n} post(s) in the IB channel")
    return connector.top_level_posts(IB)


# --- the whole flow ----------------------------------------------------------------------------


async def test_screen_send_act_notify_complete_and_resubmit_reach_the_same_post(
    make_bot: MakeBot, connector: Connector, database: Database
) -> None:
    bot = await _ib_bot(make_bot, connector, database)
    register = _register_of(bot)

    # An administrator registers the IB channel.
    await _say_in_channel(bot, "<at>Strategikollen</at> registrera IB-kanal")
    assert any("registrerad som IB-kanal" in text for text in _said(connector))

    # The submitter screens in their personal chat and sends the case to IB.
    engagement = _case("paris-summit")
    await _send_to_ib(bot, engagement)
    [case] = await register.list()
    assert (case.status, case.version, case.submitter.id) == (
        CaseStatus.SUBMITTED, 1, SUBMITTER)
    sent = connector.cards(PERSONAL)[-1]
    assert case.id in _text(sent)

    # The delivery worker posts it in the IB channel: read-only, refreshed for IB's members.
    [post] = await _posted(connector)
    card = _card_of(post)
    assert case.id in _text(card)
    assert _inputs(card) == set()
    assert card["refresh"]["action"]["verb"] == verbs.IB_REFRESH
    assert card["refresh"]["action"]["data"] == {"case": case.id}
    assert sorted(card["refresh"]["userIds"]) == sorted([f"29:{ADMIN}", f"29:{MEMBER}"])

    # The refresh gives a member the card with its inputs and buttons.
    refreshed = await _act_in_channel(bot, verbs.IB_REFRESH, {"case": case.id}, user=MEMBER,
                                      who="Maja Medlem", thread=post.answer_id)
    assert refreshed["type"] == ADAPTIVE_CARD
    assert verbs.IB_REQUEST_COMPLETION in _verbs(refreshed["value"])
    assert "comment" in _inputs(refreshed["value"])

    # A member asks for completion, with a comment.
    comment = "Bifoga programmet för toppmötet."
    answer = await _act_in_channel(
        bot, verbs.IB_REQUEST_COMPLETION, {"case": case.id, "comment": comment},
        user=MEMBER, who="Maja Medlem", thread=post.answer_id)
    assert answer["type"] == ADAPTIVE_CARD  # the member's card, refreshed, with a notice
    member_card = answer["value"]
    assert "Begärd komplettering" in _text(member_card)
    assert "comment" in _inputs(member_card)
    case = await register.get(case.id)
    assert case.status is CaseStatus.NEEDS_COMPLETION

    # The channel post is updated in place, for everyone, with the status and the comment.
    await connector.wait_for(lambda: len(connector.updates(IB)) >= 1, what="the post's update")
    [update] = connector.updates(IB)
    assert update.activity_id == post.answer_id
    updated = _card_of(update)
    assert "Begärd komplettering" in _text(updated)
    assert comment in _text(updated)
    assert _inputs(updated) == set()

    # The submitter is notified in their personal chat, with the comment and "Komplettera".
    await connector.wait_for(
        lambda: any(comment in _text(c) for c in connector.cards(PERSONAL)),
        what="the submitter's notification")
    notification = next(c for c in connector.cards(PERSONAL) if comment in _text(c))
    assert verbs.CASES_COMPLETE in _verbs(notification)

    # "Komplettera": the wizard again with the values; re-screened, sent as version 2.
    completed = {**engagement, "programme_available": True}
    where = {"conversation": PERSONAL, "user": SUBMITTER}
    step = await _press(bot, notification, verbs.CASES_COMPLETE, completed, **where)
    for _ in range(8):
        if _action(step, verbs.WIZARD_ASSESS) is not None:
            break
        step = await _press(bot, step, verbs.WIZARD_NEXT, completed, **where)
    result = await _press(bot, step, verbs.WIZARD_ASSESS, completed, **where)
    resubmit = _action(result, verbs.CASES_RESUBMIT)
    assert resubmit is not None
    assert resubmit["data"]["case"] == case.id
    await _press(bot, result, verbs.CASES_RESUBMIT, completed, **where)

    case = await register.get(case.id)
    assert (case.version, case.status) == (2, CaseStatus.SUBMITTED)
    assert case.engagement.programme_available is True
    assert len(await register.list()) == 1  # the same case, not a new one

    # The post is updated again and the new version is announced in its thread.
    def thread_replies() -> list[Call]:
        # Teams addresses a thread as the channel with ";messageid=<the post's id>".
        return [c for c in connector.calls if c.method == "POST"
                and c.conversation_id.split(";messageid=")[0] == IB
                and c.activity_id == post.answer_id]

    await connector.wait_for(lambda: len(connector.updates(IB)) >= 2 and bool(thread_replies()),
                             what="the second update and the thread reply")
    assert connector.updates(IB)[-1].activity_id == post.answer_id
    assert "Inlämnat" in _text(_card_of(connector.updates(IB)[-1]))
    assert case.id in _text(_card_of(thread_replies()[0]))
    assert len(connector.top_level_posts(IB)) == 1

    events = [(e.event.value, e.actor.id) for e in await register.audit(case.id)]
    assert events == [("submitted", SUBMITTER), ("status_changed", MEMBER),
                      ("version_added", SUBMITTER)]


async def test_the_notification_is_in_the_submitters_language(
    make_bot: MakeBot, connector: Connector
) -> None:
    bot = await _ib_bot(make_bot, connector)
    await _say_in_channel(bot, "registrera IB-kanal")
    await _send_to_ib(bot, _case("paris-summit") | {"cost_sek": 12000})
    # An English-speaking submitter has since used the bot in English.
    await bot.say("help", conversation=PERSONAL, user=SUBMITTER, locale="en-US")
    [case] = await _register_of(bot).list()
    [post] = await _posted(connector)
    await _act_in_channel(bot, verbs.IB_DECLINE, {"case": case.id, "comment": "Nej tack."},
                          user=MEMBER, who="Maja Medlem", thread=post.answer_id)
    await connector.wait_for(
        lambda: any("Nej tack." in _text(c) for c in connector.cards(PERSONAL)),
        what="the notification")
    notification = next(c for c in connector.cards(PERSONAL) if "Nej tack." in _text(c))
    assert notification["lang"] == "en"
    assert "Declined" in _text(notification)


# --- refusals ------------------------------------------------------------------------------------


async def test_a_non_members_action_is_refused_and_changes_nothing(
    make_bot: MakeBot, connector: Connector, database: Database
) -> None:
    bot = await _ib_bot(make_bot, connector, database)
    case = await _paris_summit_in_ib(bot)
    [post] = await _posted(connector)
    queued = await _outbox(bot)

    answer = await _act_in_channel(bot, verbs.IB_ACCEPT, {"case": case.id, "comment": "Ja"},
                                   user=OUTSIDER, who="Otto Utanför", thread=post.answer_id)
    assert answer["type"] == ADAPTIVE_CARD
    refused = answer["value"]
    assert "Bara ledamöter i Internationella beredningen" in _text(refused)
    assert _inputs(refused) == set()
    assert not _verbs(refused) & {verbs.IB_ACCEPT, verbs.IB_DECLINE}

    assert (await _register_of(bot).get(case.id)).status is CaseStatus.SUBMITTED
    assert len(await _register_of(bot).audit(case.id)) == 1
    assert await _outbox(bot) == queued
    refresh = await _act_in_channel(bot, verbs.IB_REFRESH, {"case": case.id}, user=OUTSIDER,
                                    who="Otto Utanför", thread=post.answer_id)
    assert _inputs(refresh["value"]) == set()


async def test_members_may_be_named_in_the_settings_instead_of_the_roster(
    make_bot: MakeBot, connector: Connector
) -> None:
    bot = await _ib_bot(make_bot, connector, ib_members=OUTSIDER.upper())
    case = await _paris_summit_in_ib(bot)
    member = await _act_in_channel(bot, verbs.IB_ACCEPT, {"case": case.id},
                                   user=OUTSIDER, who="Otto Utanför")
    assert "Tillstyrkt" in _text(member["value"])
    assert (await _register_of(bot).get(case.id)).status is CaseStatus.ACCEPTED
    roster_member = await _act_in_channel(bot, verbs.IB_DECLINE, {"case": case.id},
                                          user=MEMBER, who="Maja Medlem")
    assert "Bara ledamöter" in _text(roster_member["value"])


@pytest.mark.parametrize("allowed", [False, True])
async def test_a_guest_in_the_ib_teams_roster_acts_only_when_guests_are_allowed(
    make_bot: MakeBot, connector: Connector, allowed: bool
) -> None:
    bot = await _ib_bot(make_bot, connector, ib_allow_guests=allowed)
    connector.members.append(  # the roster as Teams gives it: userRole "guest"
        {"id": f"29:{OUTSIDER}", "aadObjectId": OUTSIDER, "name": "Gäst", "userRole": "guest"})
    case = await _paris_summit_in_ib(bot)
    answer = await _act_in_channel(bot, verbs.IB_ACCEPT, {"case": case.id},
                                   user=OUTSIDER, who="Gäst")
    status = (await _register_of(bot).get(case.id)).status
    if allowed:
        assert "Tillstyrkt" in _text(answer["value"])
        assert status is CaseStatus.ACCEPTED
    else:
        assert "Bara ledamöter" in _text(answer["value"])
        assert status is CaseStatus.SUBMITTED


@pytest.mark.dates
async def test_a_members_input_problem_comes_back_on_the_card_with_what_was_typed(
    make_bot: MakeBot, connector: Connector
) -> None:
    bot = await _ib_bot(make_bot, connector)
    case = await _paris_summit_in_ib(bot)
    past = (TODAY - timedelta(days=1)).isoformat()
    answer = await _act_in_channel(
        bot, verbs.IB_TO_AGENDA, {"case": case.id, "comment": "Till mötet", "meeting_date": past},
        user=MEMBER, who="Maja Medlem")
    card = answer["value"]
    assert "Sammanträdet kan inte ligga före dagens datum." in _text(card)
    values = {e["id"]: e.get("value") for e in walk(card) if "Input." in str(e.get("type"))}
    assert values == {"comment": "Till mötet", "meeting_date": past}
    assert (await _register_of(bot).get(case.id)).status is CaseStatus.SUBMITTED


async def test_a_change_the_status_does_not_allow_is_explained(
    make_bot: MakeBot, connector: Connector
) -> None:
    bot = await _ib_bot(make_bot, connector)
    case = await _paris_summit_in_ib(bot)
    await _act_in_channel(bot, verbs.IB_ACCEPT, {"case": case.id}, user=MEMBER, who="Maja")
    again = await _act_in_channel(bot, verbs.IB_DECLINE, {"case": case.id}, user=MEMBER,
                                  who="Maja")
    assert "har status ”Tillstyrkt” och kan inte ändras" in _text(again["value"])
    assert (await _register_of(bot).get(case.id)).status is CaseStatus.ACCEPTED


async def test_an_action_on_an_unknown_case_says_so(make_bot: MakeBot,
                                                     connector: Connector) -> None:
    bot = await _ib_bot(make_bot, connector)
    await _say_in_channel(bot, "registrera IB-kanal")
    answer = await _act_in_channel(bot, verbs.IB_ACCEPT, {"case": "SK-2026-0999"},
                                   user=MEMBER, who="Maja")
    assert answer["value"] == "Jag hittar inget ärende SK-2026-0999."


async def test_only_an_administrator_may_register_the_ib_channel(
    make_bot: MakeBot, connector: Connector
) -> None:
    bot = await _ib_bot(make_bot, connector)
    await _say_in_channel(bot, "registrera IB-kanal", user=MEMBER, who="Maja Medlem")
    assert any("bara en administratör" in text for text in _said(connector))
    async with bot.app[ENGINE].connect() as conn:
        assert (await conn.execute(select(func.count()).select_from(channel_table))).scalar() == 0
    await bot.say("register IB channel", conversation=PERSONAL, user=ADMIN, locale="en-US")
    assert connector.texts(PERSONAL)[-1].startswith("The IB channel is registered in a channel")


async def test_registration_keeps_the_channel_and_its_team_and_replaces_an_older_one(
    make_bot: MakeBot, connector: Connector
) -> None:
    bot = await _ib_bot(make_bot, connector)
    older = bot.activity("message", conversation="19:old@thread.tacv2", user=ADMIN,
                         text="registrera IB-kanal")
    older["conversation"]["conversationType"] = "channel"
    await bot.send(bot.mention_bot(older))
    await _say_in_channel(bot, "registrera IB-kanal")
    async with bot.app[ENGINE].connect() as conn:
        rows = (await conn.execute(select(channel_table).order_by(channel_table.c.id))).all()
    assert [(r.channel_id, r.active) for r in rows] == [
        ("19:old@thread.tacv2", False), (IB, True)]
    assert (rows[1].team_id, rows[1].team_aad_group_id) == (TEAM, GROUP)
    assert rows[1].registered_by_id == ADMIN


async def test_sending_with_no_ib_channel_says_so_and_registers_nothing(
    make_bot: MakeBot, connector: Connector
) -> None:
    bot = await _ib_bot(make_bot, connector)
    answer = await _send_to_ib(bot, _case("paris-summit"))
    assert answer["value"].startswith("Ärendet kunde inte skickas eftersom ingen IB-kanal")
    assert await _register_of(bot).list() == []
    assert await _outbox(bot) == []
    # Nothing lost: the result card is not replaced; its button can be pressed again later.
    assert answer["type"] != ADAPTIVE_CARD
    assert connector.texts(PERSONAL)[-1] == answer["value"]


async def test_the_same_engagement_sent_twice_while_open_is_one_case(
    make_bot: MakeBot, connector: Connector, database: Database
) -> None:
    bot = await _ib_bot(make_bot, connector, database)
    case = await _paris_summit_in_ib(bot)
    again = await _send_to_ib(bot, _case("paris-summit"))
    assert again["value"] == f"Den här bedömningen är redan skickad till IB som ärende {case.id}."
    assert len(await _register_of(bot).list()) == 1
    assert [kind for kind, _ in await _outbox(bot)] == ["post"]
    # Another engagement is another case.
    await _send_to_ib(bot, _case("paris-summit") | {"title": "Ett annat toppmöte"})
    assert len(await _register_of(bot).list()) == 2


# --- agenda and my cases ----------------------------------------------------------------------


async def _registered(bot: Bot, name: str, title: str, *, meeting: date | None = None,
                      **changes: Any) -> str:
    """A case put straight into the register (optionally on a meeting's agenda)."""
    e = Engagement.model_validate(_case(name) | {"title": title} | changes)
    register, actor = _register_of(bot), Actor(id=MEMBER, name="Maja Medlem")
    case = await register.submit(e, assess(e, "sv", today=TODAY), actor)
    if meeting is not None:
        await register.set_status(case.id, CaseStatus.ON_AGENDA, actor, meeting_date=meeting)
    return case.id


@pytest.mark.dates
async def test_the_agenda_lists_the_next_meetings_cases_by_priority_with_their_total_cost(
    make_bot: MakeBot, connector: Connector
) -> None:
    bot = await _ib_bot(make_bot, connector)
    await _say_in_channel(bot, "registrera IB-kanal")
    meeting, later = TODAY + timedelta(days=7), TODAY + timedelta(days=21)
    low = await _registered(bot, "paris-summit", "Lågt", meeting=meeting, cost_sek=10000)
    high = await _registered(bot, "paris-summit", "Högt", meeting=meeting, cost_sek=2500,
                             active_role=True, programme_available=True)
    medium = await _registered(bot, "paris-summit", "Medel", meeting=meeting, cost_sek=500,
                               active_role=True)
    await _registered(bot, "paris-summit", "Senare möte", meeting=later, cost_sek=99999)
    await _registered(bot, "paris-summit", "Inte på dagordningen")
    priorities = {c.id: c.priority for c in await _register_of(bot).list()}
    assert (priorities[high], priorities[medium], priorities[low]) == (
        Priority.HIGH, Priority.MEDIUM, Priority.LOW)

    await _say_in_channel(bot, "dagordning")
    agenda = connector.cards(IB)[-1]
    items = [e["id"].removeprefix("item-") for e in walk(agenda)
             if str(e.get("id", "")).startswith("item-")]
    assert items == [high, medium, low]
    assert meeting.isoformat() in _text(agenda)
    assert "Summa: 13\u00a0000\u00a0kr" in _text(agenda)  # 10 000 + 2 500 + 500, not 99 999

    await bot.say("dagordning", conversation=PERSONAL, user=MEMBER)
    assert connector.texts(PERSONAL)[-1] == (
        "Dagordningen visas i IB-kanalen. Skriv ”dagordning” där.")


@pytest.mark.dates
async def test_the_agenda_lists_reviews_that_are_due(make_bot: MakeBot,
                                                     connector: Connector) -> None:
    bot = await _ib_bot(make_bot, connector)
    await _say_in_channel(bot, "registrera IB-kanal")
    member = await _registered(bot, "ctpn-membership", "CTPN", review_years=4)
    # Accepted at a meeting almost four years ago: the review is due in 30 days.
    accepted = await _register_of(bot).set_status(
        member, CaseStatus.ACCEPTED, Actor(id=MEMBER, name="Maja"),
        meeting_date=date(2022, 12, 22))
    assert accepted.review_due == date(2026, 12, 22) == TODAY + timedelta(days=30)
    await _say_in_channel(bot, "dagordning")
    agenda = connector.cards(IB)[-1]
    assert member in _text(agenda)
    assert not [e for e in walk(agenda) if e.get("id") == f"item-{member}"]


async def test_my_cases_lists_the_users_own_cases_with_their_status(
    make_bot: MakeBot, connector: Connector
) -> None:
    bot = await _ib_bot(make_bot, connector)
    case = await _paris_summit_in_ib(bot)
    await bot.say("mina ärenden", conversation=PERSONAL, user=SUBMITTER)
    mine = connector.cards(PERSONAL)[-1]
    assert any(e.get("id") == f"case-{case.id}" for e in walk(mine))
    assert "Inlämnat" in _text(mine)
    await bot.say("my cases", conversation="a:someone-else", user=OUTSIDER, locale="en-US")
    assert case.id not in _text(connector.cards("a:someone-else")[-1])


async def test_a_case_for_the_city_executive_board_goes_to_ib_for_preparation(
    make_bot: MakeBot, connector: Connector
) -> None:
    bot = await _ib_bot(make_bot, connector)
    await _say_in_channel(bot, "registrera IB-kanal")
    await _send_to_ib(bot, _case("ctpn-membership"))
    [case] = await _register_of(bot).list()
    assert case.decision_owner is Owner.KS
    [post] = await _posted(connector)
    assert any(e.get("id") == "prepare" for e in walk(_card_of(post)))
    mine_before = len(connector.cards(PERSONAL))
    await bot.say("mina ärenden", conversation=PERSONAL, user=SUBMITTER)
    assert len(connector.cards(PERSONAL)) == mine_before + 1


# --- the roster --------------------------------------------------------------------------------


def _roster_reads(connector: Connector) -> int:
    return sum(1 for r in connector.requests
               if r.path.endswith("/pagedmembers") and r.status == 200)


async def test_membership_is_read_from_every_page_of_the_roster_and_kept_a_while(
    make_bot: MakeBot, connector: Connector
) -> None:
    bot = await _ib_bot(make_bot, connector)
    connector.members_page_limit = 1  # the member is on the second page
    await _say_in_channel(bot, "registrera IB-kanal")
    await _send_to_ib(bot, _case("paris-summit"))
    await _send_to_ib(bot, _case("paris-summit") | {"title": "Ett annat toppmöte"})
    cases = await _register_of(bot).list()
    reads = _roster_reads(connector)
    assert reads == 2  # two pages, read once for both posts
    for case in cases:
        answer = await _act_in_channel(bot, verbs.IB_ACCEPT, {"case": case.id},
                                       user=MEMBER, who="Maja Medlem")
        assert "Tillstyrkt" in _text(answer["value"])
    assert _roster_reads(connector) == reads  # still the roster read before


async def test_a_roster_that_cannot_be_read_gets_an_apology_and_changes_nothing(
    make_bot: MakeBot, connector: Connector
) -> None:
    bot = await _ib_bot(make_bot, connector, ib_roster_cache_seconds=0.001)
    await _say_in_channel(bot, "registrera IB-kanal")
    where = {"conversation": PERSONAL, "user": SUBMITTER}
    result = await _screen(bot, _case("paris-summit"), **where)
    button = _action(result, verbs.IB_SEND)
    assert button is not None
    connector.fail_next(1, 404)  # the roster, read for the post's refresh list
    await bot.execute(verbs.IB_SEND, button["data"], **where)
    [case] = await _register_of(bot).list()
    [post] = await _posted(connector)
    assert "userIds" not in _card_of(post)["refresh"]  # nobody listed: refreshed on demand

    connector.fail_next(1, 404)
    answer = await _act_in_channel(bot, verbs.IB_ACCEPT, {"case": case.id},
                                   user=MEMBER, who="Maja Medlem")
    assert answer["value"] == "Något gick fel hos Strategikollen. Försök igen om en stund."
    assert (await _register_of(bot).get(case.id)).status is CaseStatus.SUBMITTED

    # Once read, a roster that cannot be read again is used as it was.
    await _act_in_channel(bot, verbs.IB_REFRESH, {"case": case.id}, user=MEMBER, who="Maja")
    connector.fail_next(1, 404)
    answer = await _act_in_channel(bot, verbs.IB_ACCEPT, {"case": case.id},
                                   user=MEMBER, who="Maja Medlem")
    assert "Tillstyrkt" in _text(answer["value"])


async def test_a_new_version_goes_only_to_an_open_case_of_ones_own(
    make_bot: MakeBot, connector: Connector
) -> None:
    bot = await _ib_bot(make_bot, connector)
    case = await _paris_summit_in_ib(bot)
    values = to_values(_case("paris-summit") | {"programme_available": True})
    data = {"case": case.id, "values": values}

    other = await bot.execute(verbs.CASES_RESUBMIT, data, conversation="a:other", user=OUTSIDER)
    assert other.body["value"] == f"Jag hittar inget ärende {case.id}."

    await _act_in_channel(bot, verbs.IB_ACCEPT, {"case": case.id}, user=MEMBER, who="Maja")
    mine = await bot.execute(verbs.CASES_RESUBMIT, data, conversation=PERSONAL, user=SUBMITTER)
    assert mine.body["value"].startswith(
        f"Ärende {case.id} har status ”Tillstyrkt” och kan inte ta emot en ny version.")
    assert (await _register_of(bot).get(case.id)).version == 1


async def test_two_quick_presses_of_send_register_one_case(
    make_bot: MakeBot, connector: Connector, database: Database
) -> None:
    bot = await _ib_bot(make_bot, connector, database)
    await _say_in_channel(bot, "registrera IB-kanal")
    where = {"conversation": PERSONAL, "user": SUBMITTER}
    result = await _screen(bot, _case("paris-summit"), **where)
    button = _action(result, verbs.IB_SEND)
    assert button is not None
    first, second = await asyncio.gather(
        bot.execute(verbs.IB_SEND, button["data"], **where),
        bot.execute(verbs.IB_SEND, button["data"], **where),
    )
    assert (first.status, second.status) == (200, 200)
    [case] = await _register_of(bot).list()
    answers = [first.body["value"], second.body["value"]]
    assert f"Den här bedömningen är redan skickad till IB som ärende {case.id}." in answers
    assert [kind for kind, _ in await _outbox(bot)] == ["post"]


async def test_a_team_of_more_than_sixty_lists_nobody_to_refresh_for(
    make_bot: MakeBot, connector: Connector
) -> None:
    bot = await _ib_bot(make_bot, connector)
    connector.members += [{"id": f"29:extra-{n}", "aadObjectId": f"extra-{n}"}
                          for n in range(59)]  # 61 in all
    await _say_in_channel(bot, "registrera IB-kanal")
    await _send_to_ib(bot, _case("paris-summit"))
    [post] = await _posted(connector)
    refresh = _card_of(post)["refresh"]
    assert refresh["action"]["verb"] == verbs.IB_REFRESH
    assert "userIds" not in refresh


async def test_the_channel_is_registered_even_when_the_teams_details_are_unavailable(
    make_bot: MakeBot, connector: Connector
) -> None:
    bot = await _ib_bot(make_bot, connector)
    connector.teams.clear()  # the Bot Connector answers 404 for the team
    await _say_in_channel(bot, "registrera IB-kanal")
    async with bot.app[ENGINE].connect() as conn:
        [row] = (await conn.execute(select(channel_table))).all()
    assert (row.channel_id, row.team_id, row.team_aad_group_id, row.active) == (
        IB, TEAM, None, True)
    assert any("registrerad som IB-kanal" in text for text in _said(connector))


async def test_an_action_submit_on_the_channel_post_does_not_put_one_members_view_on_it(
    make_bot: MakeBot, connector: Connector
) -> None:
    """A client without Universal Actions sends the button as an Action.Submit. The post
    is shared by the whole channel: it is updated through the outbox with the read-only
    card, never replaced by the member's own view with its inputs and buttons."""
    bot = await _ib_bot(make_bot, connector)
    case = await _paris_summit_in_ib(bot)
    [post] = await _posted(connector)

    press = _in_channel(bot, "message", user=MEMBER, who="Maja Medlem", thread=post.answer_id,
                        value={"verb": verbs.IB_REQUEST_COMPLETION, "case": case.id,
                               "comment": "Ange vilken roll staden har."},
                        replyToId=post.answer_id)
    press.pop("text", None)
    press.pop("entities", None)  # a card's submit carries no mention
    assert (await bot.send(press)).status in (200, 202)

    assert (await _register_of(bot).get(case.id)).status is CaseStatus.NEEDS_COMPLETION
    await connector.wait_for(lambda: bool(connector.updates(IB)), what="the post's update")
    # Every edit of the post, whichever conversation id (channel or thread) it was sent to.
    edits = [c for c in connector.calls if c.method == "PUT" and c.activity_id == post.answer_id]
    assert edits
    for edit in edits:
        assert _inputs(_card_of(edit)) == set(), "the shared post stays read-only"


async def test_registering_the_teams_general_channel_names_it_as_teams_shows_it(
    make_bot: MakeBot, connector: Connector
) -> None:
    """Teams sends no name for a team's general channel (its id is the team's id)."""
    bot = await _ib_bot(make_bot, connector)
    connector.teams[IB] = {"name": "Internationella beredningen", "aadGroupId": GROUP}
    general = bot.activity("message", conversation=IB, user=ADMIN, text="registrera IB-kanal")
    general["conversation"]["conversationType"] = "channel"
    general["channelData"] = {**general["channelData"], "team": {"id": IB},
                              "channel": {"id": IB}}
    await bot.send(bot.mention_bot(general))
    assert "Kanalen Allmänt (Internationella beredningen) är nu registrerad" in _said(connector)[-1]
