"""Conversations over HTTP through the real dialogs: welcome, commands, the wizard end to end,
"Who decides?", card updates in place, tenants, isolation, restarts and failures."""

from __future__ import annotations

import gc
import json
import weakref
from copy import deepcopy
from pathlib import Path
from typing import Any

import pytest
from microsoft_agents.activity import Activity
from microsoft_agents.hosting.core import TurnContext, turn_context

from bot.hosting import server
from cards import verbs
from cards.elements import walk
from cards.i18n import verdict_label
from dialogs.conversation import handle
from dialogs.turn import Turn
from policy import Owner, Verdict, assess, owner_label, parse_engagement

from .bot_harness import TENANT, TODAY, Bot
from .conftest import MakeBot
from .standin_dialogs import Counting

CASES = Path(__file__).resolve().parents[1] / "cases"
CARD = "application/vnd.microsoft.card.adaptive"


def _inputs(card: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in walk(card.get("body", [])) if str(e.get("type", "")).startswith("Input.")]


def _action(card: dict[str, Any], verb: str) -> dict[str, Any] | None:
    for e in walk(card):
        if e.get("type") == "Action.Execute" and e.get("verb") == verb:
            return e
    return None


def _verbs(card: dict[str, Any]) -> set[str]:
    return {e["verb"] for e in walk(card) if e.get("type") == "Action.Execute"}


def _text(card: dict[str, Any]) -> str:
    return json.dumps(card, ensure_ascii=False)


def _answer(engagement: dict[str, Any], name: str) -> str:
    value: Any = engagement
    for part in name.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)


async def _press(bot: Bot, card: dict[str, Any], verb: str, engagement: dict[str, Any],
                 **where: Any) -> dict[str, Any]:
    """Press ``verb`` on ``card`` with its inputs filled from ``engagement``; the next card."""
    action = _action(card, verb)
    assert action is not None, f"no {verb} button on {_text(card)[:400]}"
    data = dict(action.get("data", {}))
    if action.get("associatedInputs") == "auto":
        data.update({i["id"]: _answer(engagement, i["id"]) for i in _inputs(card)})
    before = len(bot.connector.cards(where.get("conversation", "conv-1")))
    response = await bot.execute(verb, data, **where)
    assert response.status == 200, response.body
    if response.body.get("type") == CARD:
        return response.body["value"]
    posted = bot.connector.cards(where.get("conversation", "conv-1"))
    assert len(posted) > before, f"{verb} answered neither a card nor a message"
    return posted[-1]


async def _screen(bot: Bot, engagement: dict[str, Any], **where: Any) -> dict[str, Any]:
    """Run the wizard from "New assessment" to the result card."""
    card = await _press(bot, {"actions": [{"type": "Action.Execute", "verb": verbs.WIZARD_START}]},
                        verbs.WIZARD_START, engagement, **where)
    for _ in range(8):
        if _action(card, verbs.WIZARD_ASSESS) is not None:
            return await _press(bot, card, verbs.WIZARD_ASSESS, engagement, **where)
        assert _action(card, verbs.WIZARD_NEXT) is not None, _text(card)[:600]
        card = await _press(bot, card, verbs.WIZARD_NEXT, engagement, **where)
    pytest.fail(f"the wizard never reached the summary: {_text(card)[:600]}")


def _case(name: str) -> dict[str, Any]:
    return json.loads((CASES / f"{name}.json").read_text())["engagement"]


def _owner_on(card: dict[str, Any]) -> str:
    owners = [e["id"].removeprefix("owner-") for e in walk(card)
              if str(e.get("id", "")).startswith("owner-")]
    assert len(owners) == 1, _text(card)[:600]
    return owners[0]


def _verdicts_on(card: dict[str, Any], lang: str) -> set[Verdict]:
    block = next(e for e in walk(card) if e.get("id") == "verdict")
    return {v for v in Verdict if verdict_label(v, lang) in _text(block)}  # type: ignore[arg-type]


# --- Welcome and commands -------------------------------------------------------------------


async def test_adding_the_bot_posts_the_welcome_card(bot: Bot) -> None:
    response = await bot.members_added(locale=None)
    assert response.status in (200, 202)
    [card] = bot.connector.cards("conv-1")
    assert card["type"] == "AdaptiveCard"
    assert verbs.WIZARD_START in _verbs(card)
    assert bot.connector.calls[0].authorization is None  # dev mode: anonymous, no token


async def test_a_colleague_joining_the_team_gets_no_welcome_post(bot: Bot) -> None:
    """Only the bot's own arrival is welcomed; IB's channel is not greeted for every member."""
    response = await bot.members_added([{"id": "29:new-colleague", "name": "Ny Kollega"}],
                                       conversation="19:general@thread.tacv2")
    assert response.status in (200, 202)
    assert bot.connector.calls == []


async def test_the_welcome_is_in_english_for_an_english_locale(bot: Bot) -> None:
    await bot.members_added(locale="en-US")
    await bot.members_added(locale="sv-SE", conversation="conv-2")
    assert _text(bot.connector.cards("conv-1")[0]) != _text(bot.connector.cards("conv-2")[0])


@pytest.mark.parametrize(("text", "locale"), [("hjälp", "sv-SE"), ("help", "en-US")])
async def test_help_is_a_command_in_both_languages(bot: Bot, text: str, locale: str) -> None:
    await bot.say(text, locale=locale)
    [card] = bot.connector.cards("conv-1")
    expected = handle(None, None, Turn(text=text, locale=locale), today=TODAY)[2].cards[0]
    assert card == expected
    assert verbs.WIZARD_START in _verbs(card)


async def test_swedish_and_english_help_differ(bot: Bot) -> None:
    await bot.say("hjälp", locale="sv-SE")
    await bot.say("help", locale="en-US", conversation="conv-2")
    assert bot.connector.cards("conv-1")[0] != bot.connector.cards("conv-2")[0]


async def test_a_who_decides_question_is_answered_with_the_dialogs_card(bot: Bot) -> None:
    question = "Vem beslutar om medlemskap i en internationell organisation för hela staden?"
    await bot.say(question)
    [card] = bot.connector.cards("conv-1")
    expected = handle(None, None, Turn(text=question, locale="sv-SE"), today=TODAY)[2]
    assert card == expected.cards[0]
    owner = next(e for e in walk(card) if e.get("id") == "owner")
    assert owner_label(Owner.KF, "sv") in _text(owner)  # an organisation for the whole city


async def test_a_clarifying_who_decides_answer_settles_in_place_when_a_candidate_is_chosen(
    bot: Bot,
) -> None:
    await bot.say("Who decides on a membership?", locale="en-US")
    [card] = bot.connector.cards("conv-1")
    assert any(e.get("id") == "clarify" for e in walk(card))
    choices = [e for e in walk(card)
               if e.get("type") == "Action.Execute" and e.get("verb") == verbs.WHO_CLARIFY]
    assert len(choices) >= 2
    response = await bot.execute(verbs.WHO_CLARIFY, choices[0]["data"], locale="en-US")
    assert response.body["type"] == CARD  # the answer replaces the question card
    settled = response.body["value"]
    assert any(e.get("id") == "owner" for e in walk(settled))
    assert not any(e.get("id") == "clarify" for e in walk(settled))


# --- The wizard end to end ------------------------------------------------------------------


@pytest.mark.dates
@pytest.mark.parametrize(
    ("case", "locale"),
    [
        ("school-visit", "sv-SE"),
        ("ctpn-membership", "en-US"),
        ("taipei-twinning", "sv-SE"),
        ("paris-summit", "sv-SE"),
        ("aid-project-partial", "en-GB"),
        ("taipei-disinformation-partnership", "sv-SE"),
    ],
)
async def test_a_complete_wizard_over_http_gives_the_verdict_and_owner_of_policy_assess(
    bot: Bot, case: str, locale: str
) -> None:
    engagement = _case(case)
    lang = "en" if locale.startswith("en") else "sv"
    result = await _screen(bot, engagement, locale=locale)
    expected = assess(parse_engagement(engagement, lang), lang, today=TODAY)
    assert _owner_on(result) == expected.decision_owner.value
    assert _verdicts_on(result, lang) == {expected.verdict}


async def test_a_wizard_step_is_replaced_in_place_by_the_invoke_response(bot: Bot) -> None:
    engagement = _case("school-visit")
    await bot.execute(verbs.WIZARD_START)
    [kind_card] = bot.connector.cards("conv-1")
    action = _action(kind_card, verbs.WIZARD_NEXT)
    assert action is not None
    response = await bot.execute(verbs.WIZARD_NEXT, {**action["data"], "kind": engagement["kind"]})
    assert response.status == 200
    assert response.body["statusCode"] == 200
    assert response.body["type"] == CARD
    assert {i["id"] for i in _inputs(response.body["value"])} >= {"title"}
    assert len(bot.connector.cards("conv-1")) == 1  # replaced, not posted again


async def test_a_wizard_steps_answer_is_sent_without_copying_its_card(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The SDK deep-copies every activity it sends; the invoke response that carries the next
    step's card is made for that one send, so its copy is itself (issue 13)."""
    copied: list[tuple[Any, Any]] = []
    def spy(activity: Any) -> Any:
        copy = deepcopy(activity)
        copied.append((activity, copy))
        return copy

    monkeypatch.setattr(turn_context, "deepcopy", spy)
    await bot.execute(verbs.WIZARD_START)
    [kind_card] = bot.connector.cards("conv-1")
    action = _action(kind_card, verbs.WIZARD_NEXT)
    assert action is not None
    response = await bot.execute(verbs.WIZARD_NEXT, {**action["data"], "kind": "membership"})
    [(sent, copy)] = [(a, c) for a, c in copied if a.type == "invokeResponse"
                      and a.value.body.get("type") == CARD]
    assert copy.value.body is sent.value.body
    assert response.body == copy.value.body  # and it is what the client gets
    assert {i["id"] for i in _inputs(response.body["value"])} >= {"title"}


async def test_a_turn_is_freed_when_it_ends_without_the_garbage_collector(
    bot: Bot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing of a turn is left in a reference cycle (the SDK's TurnContext._emit makes one
    on every send), so a turn's objects go when it ends, not at the next collection (issue
    13); its cards and replies are the same."""
    contexts: list[weakref.ref[TurnContext]] = []
    create = server._CloudAdapter._create_turn_context

    def recorded(self: Any, *args: Any, **kwargs: Any) -> TurnContext:
        context = create(self, *args, **kwargs)
        contexts.append(weakref.ref(context))
        return context

    monkeypatch.setattr(server._CloudAdapter, "_create_turn_context", recorded)
    question = "Vem beslutar om medlemskap i en internationell organisation för hela staden?"
    gc.collect()
    gc.disable()
    try:
        await bot.say(question)  # a card sent as a message
        await bot.execute(verbs.WIZARD_START)
        [_, kind_card] = bot.connector.cards("conv-1")
        action = _action(kind_card, verbs.WIZARD_NEXT)
        assert action is not None
        response = await bot.execute(verbs.WIZARD_NEXT, {**action["data"], "kind": "trip"})
        assert len(contexts) == 3
        assert [ref() for ref in contexts] == [None, None, None]
    finally:
        gc.enable()
    expected = handle(None, None, Turn(text=question, locale="sv-SE"), today=TODAY)[2]
    assert bot.connector.cards("conv-1")[0] == expected.cards[0]
    assert response.body["type"] == CARD


async def test_the_turns_send_handlers_run_in_order_and_end_in_the_send_itself() -> None:
    """``_TurnContext._emit`` runs a turn's on-send handlers as the SDK's does: in the order
    they were added, each given the next step, the last one the send itself."""
    context = server._TurnContext(object(), Activity(type="message"))
    seen: list[str] = []

    def handler(name: str) -> Any:
        async def intercept(ctx: TurnContext, arg: list[str], next_step: Any) -> Any:
            assert ctx is context
            seen.append(f"{name}:{','.join(arg)}")
            return [*(await next_step()), name]
        return intercept

    async def send() -> list[str]:
        seen.append("send")
        return ["sent"]

    assert await context._emit([], ["a"], send) == ["sent"]
    context.on_send_activities(handler("first")).on_send_activities(handler("second"))
    seen.clear()
    assert await context._emit(context._on_send_activities, ["a"], send) == [
        "sent", "second", "first"]
    assert seen == ["first:a", "second:a", "send"]


async def test_an_action_submit_updates_the_card_it_came_from(bot: Bot) -> None:
    await bot.execute(verbs.WIZARD_START)
    [kind_card] = bot.connector.cards("conv-1")
    action = _action(kind_card, verbs.WIZARD_NEXT)
    assert action is not None
    data = {**action["data"], "kind": "incoming_visit"}
    response = await bot.submit(data, reply_to="card-activity-7")
    assert response.status in (200, 202)
    [update] = bot.connector.updates("conv-1")
    assert update.activity_id == "card-activity-7"
    [attachment] = update.body["attachments"]
    assert {i["id"] for i in _inputs(attachment["content"])} >= {"title"}


async def test_when_the_channel_cannot_update_a_card_the_new_card_is_posted_instead(
    bot: Bot,
) -> None:
    await bot.execute(verbs.WIZARD_START)
    [kind_card] = bot.connector.cards("conv-1")
    action = _action(kind_card, verbs.WIZARD_NEXT)
    assert action is not None
    bot.connector.reject_updates = True
    await bot.submit({**action["data"], "kind": "incoming_visit"}, reply_to="card-activity-7")
    assert len(bot.connector.updates("conv-1")) == 1  # tried
    posted = bot.connector.cards("conv-1")
    assert len(posted) == 2
    assert "title" in {i["id"] for i in _inputs(posted[-1])}


@pytest.mark.dates
async def test_a_wizard_continues_after_a_restart_on_the_same_database(
    make_bot: MakeBot, database: Any
) -> None:
    engagement = _case("school-visit")
    first = await make_bot(database=database)
    await first.execute(verbs.WIZARD_START)
    [kind_card] = first.connector.cards("conv-1")
    details = await _press(first, kind_card, verbs.WIZARD_NEXT, engagement)
    questions = await _press(first, details, verbs.WIZARD_NEXT, engagement)
    await first.stop()

    second = await make_bot(database=database)  # the same database, a new application
    response = await second.execute(verbs.WIZARD_RESUME)
    resumed = response.body["value"] if response.body.get("type") == CARD else (
        second.connector.cards("conv-1")[-1])
    assert resumed == questions  # the same step, with the answers given before the restart

    card = resumed
    for _ in range(4):
        if _action(card, verbs.WIZARD_ASSESS):
            break
        card = await _press(second, card, verbs.WIZARD_NEXT, engagement)
    result = await _press(second, card, verbs.WIZARD_ASSESS, engagement)
    expected = assess(parse_engagement(engagement, "sv"), "sv", today=TODAY)
    assert _owner_on(result) == expected.decision_owner.value
    assert title_on(result, engagement["title"])


def title_on(card: dict[str, Any], title: str) -> bool:
    return title in _text(card)


async def test_two_conversations_do_not_see_each_others_wizard(bot: Bot) -> None:
    engagement = _case("school-visit")
    await bot.execute(verbs.WIZARD_START, conversation="conv-a")
    [kind_card] = bot.connector.cards("conv-a")
    await _press(bot, kind_card, verbs.WIZARD_NEXT, engagement, conversation="conv-a")

    # In conv-b nothing was started: resuming finds no wizard there.
    await bot.execute(verbs.WIZARD_RESUME, conversation="conv-b")
    [in_b] = bot.connector.cards("conv-b")
    assert "title" not in {i["id"] for i in _inputs(in_b)}

    # ...while conv-a resumes at the details step it had reached.
    response = await bot.execute(verbs.WIZARD_RESUME, conversation="conv-a")
    resumed = response.body["value"] if response.body.get("type") == CARD else (
        bot.connector.cards("conv-a")[-1])
    assert "title" in {i["id"] for i in _inputs(resumed)}


# --- Tenants ---------------------------------------------------------------------------------


async def test_an_activity_from_a_tenant_not_allowed_gets_no_answer_and_is_logged(
    make_bot: MakeBot, caplog: pytest.LogCaptureFixture
) -> None:
    bot = await make_bot(allowed_tenants=TENANT)
    response = await bot.say("hjälp", tenant="99999999-0000-0000-0000-000000000000")
    assert response.status in (200, 202)
    assert bot.connector.calls == []
    assert "99999999-0000-0000-0000-000000000000" in caplog.text

    await bot.say("hjälp")  # the allowed tenant is answered
    assert len(bot.connector.cards("conv-1")) == 1


async def test_an_activity_without_a_tenant_is_ignored_when_tenants_are_restricted(
    make_bot: MakeBot,
) -> None:
    bot = await make_bot(allowed_tenants=f" {TENANT.upper()} , other-tenant")
    await bot.say("hjälp", tenant=None)
    assert bot.connector.calls == []
    await bot.say("hjälp")
    assert len(bot.connector.cards("conv-1")) == 1


async def test_a_tenant_given_only_in_channel_data_is_recognised(make_bot: MakeBot) -> None:
    bot = await make_bot(allowed_tenants=TENANT)
    activity = bot.activity("message", text="hjälp")
    del activity["conversation"]["tenantId"]
    await bot.send(activity)
    assert len(bot.connector.cards("conv-1")) == 1


async def test_dev_mode_answers_any_tenant_when_none_are_configured(bot: Bot) -> None:
    await bot.say("hjälp", tenant="99999999-0000-0000-0000-000000000000")
    assert len(bot.connector.cards("conv-1")) == 1


# --- Failures inside a turn -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "words"), [("sv-SE", "Något gick fel"), ("en-GB", "Something went wrong")]
)
async def test_an_exception_in_a_turn_gives_a_short_friendly_message_and_is_logged(
    make_bot: MakeBot, caplog: pytest.LogCaptureFixture, locale: str, words: str
) -> None:
    bot = await make_bot(dialogs=Counting())
    response = await bot.say("boom", locale=locale)
    assert response.status in (200, 202)
    [text] = bot.connector.texts("conv-1")
    assert words in text
    assert "hunter2" not in text
    assert "Traceback" not in text
    assert "RuntimeError" not in text
    assert "hunter2" in caplog.text  # the details go to the log


async def test_an_exception_in_an_invoke_answers_the_invoke_with_a_friendly_message(
    make_bot: MakeBot,
) -> None:
    class Exploding(Counting):
        def handle(self, *args: Any, **kwargs: Any) -> Any:
            raise RuntimeError("secret detail")

    bot = await make_bot(dialogs=Exploding())
    response = await bot.execute(verbs.WIZARD_NEXT, locale="en-US")
    assert response.status == 200
    assert response.body["type"] == "application/vnd.microsoft.activity.message"
    assert "Something went wrong" in response.body["value"]
    assert "secret" not in json.dumps(response.body)


async def test_the_user_and_conversation_state_are_stored_under_the_sdk_state(
    make_bot: MakeBot,
) -> None:
    counting = Counting()
    bot = await make_bot(dialogs=counting)
    await bot.say("ett", user="anna")
    await bot.say("två", user="anna")
    await bot.say("tre", user="anna", conversation="conv-2")
    cards = [c["body"][0]["text"] for c in bot.connector.cards("conv-1")]
    assert cards[0].startswith("turn 1")
    assert cards[1].startswith("turn 2")
    assert bot.connector.cards("conv-2")[0]["body"][0]["text"].startswith("turn 1")


async def test_concurrent_turns_in_one_conversation_each_see_the_previous_ones(
    make_bot: MakeBot,
) -> None:
    import asyncio

    bot = await make_bot(dialogs=Counting())
    await asyncio.gather(*(bot.say(f"klick {i}") for i in range(12)))
    numbers = sorted(int(c["body"][0]["text"].split()[1]) for c in bot.connector.cards("conv-1"))
    assert numbers == list(range(1, 13))  # no turn started from a state another had replaced


async def test_a_command_that_mentions_the_bot_in_a_group_chat_is_understood(bot: Bot) -> None:
    from .bot_harness import BOT_ID

    activity = bot.activity(
        "message",
        text="<at>Strategikollen</at> hjälp",
        entities=[{
            "type": "mention",
            "mentioned": {"id": BOT_ID, "name": "Strategikollen"},
            "text": "<at>Strategikollen</at>",
        }],
    )
    activity["conversation"]["conversationType"] = "groupChat"
    await bot.send(activity)
    [card] = bot.connector.cards("conv-1")
    expected = handle(None, None, Turn(text="hjälp", locale="sv-SE"), today=TODAY)[2].cards[0]
    assert card == expected


async def test_an_installation_update_is_taken_quietly(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    response = await bot.send(bot.activity("installationUpdate", action="add"))
    assert response.status in (200, 202)
    assert bot.connector.calls == []
    assert "No route found" not in caplog.text


async def test_a_turns_replies_reuse_one_kept_connection_to_the_bot_connector(
    bot: Bot,
) -> None:
    """The SDK would make a new client, session and connection (a TLS handshake, with
    Microsoft's Bot Connector) for every turn's replies; the bot keeps them (TurnClients)."""
    for text in ("hjälp", "Vem beslutar om ett vänortsavtal?", "help"):
        await bot.say(text)
    replies = [r for r in bot.connector.requests
               if r.method == "POST" and r.path.startswith("/v3/conversations/conv-1/")]
    assert len(replies) >= 3
    assert len({r.peer for r in replies}) == 1
