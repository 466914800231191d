"""The wizard as a Teams dialog over HTTP, with the stand-in Bot Connector: opened from the
welcome card (``task/fetch``, then ``task/submit`` for each step) and from the message box's
"Ny bedömning" (``composeExtension/fetchTask`` and ``/submitAction``), walked to its result
in Swedish and English, the result posted once to the personal chat however often Teams
retries, bad input answered with the same step, the in-chat wizard left as it was, and
failures answered without a traceback."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from bot.hosting.agent import NEW_ASSESSMENT_COMMAND
from bot.hosting.server import ENGINE
from bot.ib import IbService
from bot.persistence.tables import outbox_table
from cards import verbs
from cards.elements import walk
from dialogs import wizard_dialog
from dialogs.fields import details_fields, question_fields
from policy import Kind

from ..conftest import Database
from ..dialogs.chat import sample_values
from .bot_harness import ADAPTIVE_CARD, Bot, Connector, Response
from .conftest import MakeBot
from .test_graph import GraphStandIn, graph_standin  # noqa: F401 (the fixture)

KIND = Kind.MEMBERSHIP
GROUP_CHAT = "19:group-chat@thread.v2"
WORDS = {
    "sv-SE": {"next": "Nästa", "assess": "Bedöm", "close": "Stäng", "new": "Ny bedömning",
              "title": "Ny bedömning", "told": "Resultatet finns också i din chatt",
              "mine": "mina bedömningar"},
    "en-US": {"next": "Next", "assess": "Assess", "close": "Close", "new": "New assessment",
              "title": "New assessment", "told": "The result is also in your chat",
              "mine": "my assessments"},
}


def _text(card: dict[str, Any]) -> str:
    return " ".join(str(e.get("text", "")) for e in walk(card) if e.get("type") == "TextBlock")


def _submit(card: dict[str, Any], title: str) -> dict[str, Any]:
    found = [e for e in walk(card) if e.get("type") == "Action.Submit" and e["title"] == title]
    assert found, f"no {title!r} on the card"
    return found[0]


def _answers(step: str) -> dict[str, str]:
    values = sample_values(KIND)
    names = {"kind": ("kind",), "details": details_fields(KIND),
             "questions": question_fields(KIND)}[step]
    return {n: values[n] for n in names}


def _shown(response: Response) -> dict[str, Any]:
    """The card a dialog answer shows."""
    assert response.status == 200, response.body
    task = response.body["task"]
    assert task["type"] == "continue"
    assert task["value"]["card"]["contentType"] == ADAPTIVE_CARD
    assert "Traceback" not in str(response.body)
    card: dict[str, Any] = task["value"]["card"]["content"]
    return card


async def _queued(bot: Bot) -> int:
    async with bot.app[ENGINE].connect() as conn:
        n = (await conn.execute(select(func.count()).select_from(outbox_table))).scalar()
    return int(n or 0)


class FromWelcome:
    """The dialog as the welcome card opens it in the personal chat: task/fetch, task/submit."""

    def __init__(self, bot: Bot, locale: str) -> None:
        self.bot, self.locale = bot, locale

    def activity(self, name: str, data: dict[str, Any]) -> dict[str, Any]:
        return self.bot.activity("invoke", name=name, locale=self.locale,
                                 value={"type": name, "data": data,
                                        "context": {"theme": "default"}})

    async def open(self, data: dict[str, Any]) -> dict[str, Any]:
        response = await self.bot.send(self.activity("task/fetch", data))
        assert response.body["task"]["value"]["title"] == WORDS[self.locale]["title"]
        return _shown(response)

    def press(self, card: dict[str, Any], title: str,
              inputs: dict[str, str] | None = None) -> dict[str, Any]:
        return self.activity("task/submit", {**_submit(card, title)["data"], **(inputs or {})})


class FromMessageBox(FromWelcome):
    """The dialog as the message box's "Ny bedömning" opens it, in a group chat."""

    def activity(self, name: str, data: dict[str, Any]) -> dict[str, Any]:
        value: dict[str, Any] = {"commandId": NEW_ASSESSMENT_COMMAND, "commandContext": "compose",
                                 "context": {"theme": "default"}}
        if name == "task/fetch":
            name = "composeExtension/fetchTask"
        else:
            name, value["data"] = "composeExtension/submitAction", data
        activity = self.bot.activity("invoke", name=name, value=value, locale=self.locale,
                                     conversation=GROUP_CHAT)
        activity["conversation"]["conversationType"] = "groupChat"
        return activity


async def _walk_to_summary(d: FromWelcome, card: dict[str, Any]) -> dict[str, Any]:
    w = WORDS[d.locale]
    for step in ("kind", "details", "questions"):
        card = _shown(await d.bot.send(d.press(card, w["next"], _answers(step))))
    return card


@pytest.mark.parametrize("locale", ["sv-SE", "en-US"])
async def test_a_screening_in_the_dialog_from_the_welcome_card_ends_in_the_chat_once(
        make_bot: MakeBot, connector: Connector, database: Database, locale: str) -> None:
    bot = await make_bot(database=database, delivery_poll_seconds=0.05)
    w = WORDS[locale]
    await bot.members_added(locale=locale)  # the welcome card, in the personal chat
    [welcome] = connector.cards("conv-1")
    button = _submit(welcome, w["new"])
    assert button["data"]["msteams"] == {"type": "task/fetch"}
    d = FromWelcome(bot, locale)
    card = await d.open(button["data"])
    assert ("Steg 1 av 4" if locale == "sv-SE" else "Step 1 of 4") in _text(card)
    summary = await _walk_to_summary(d, card)
    assert sample_values(KIND)["title"] in str(summary)
    assert connector.cards("conv-1") == [welcome]  # the steps did not scroll the chat

    assess = d.press(summary, w["assess"])
    result = _shown(await bot.send(assess))
    assert w["told"] in _text(result)
    assert [a["title"] for a in walk(result) if a.get("type") == "Action.Submit"] == [
        w["close"], w["new"]]
    await connector.wait_for(lambda: len(connector.cards("conv-1")) >= 2, what="the result")
    posted = connector.cards("conv-1")[-1]
    assert sample_values(KIND)["title"] in str(posted)
    assert any(e.get("verb") == verbs.WIZARD_EDIT for e in walk(posted))  # its buttons work

    # Teams sends the same invoke again (its answer was late): the same result, no new post.
    assert _text(_shown(await bot.send(assess))) == _text(result)
    assert await _queued(bot) == 1
    # "Stäng" closes the dialog: an answer without a body.
    closed = await bot.send(d.press(result, w["close"]))
    assert closed.status == 200
    assert not closed.body
    # "Mina bedömningar" has it, once.
    await bot.say(w["mine"], locale=locale)
    mine = connector.cards("conv-1")[-1]
    assert str(mine).count(sample_values(KIND)["title"]) == 1


async def test_bad_input_in_the_dialog_gives_the_step_again_with_the_problem_and_the_values(
        bot: Bot, connector: Connector) -> None:
    d = FromWelcome(bot, "sv-SE")
    card = await d.open({"verb": verbs.WIZARD_DIALOG, "msteams": {"type": "task/fetch"}})
    card = _shown(await bot.send(d.press(card, "Nästa", _answers("kind"))))
    typed = {**_answers("details"), "title": "", "counterpart.name": "Eurocities <b>"}
    again = _shown(await bot.send(d.press(card, "Nästa", typed)))
    assert "Steg 2 av 4" in _text(again)
    assert "Fältet krävs" in _text(again)
    inputs = {e["id"]: e.get("value") for e in walk(again)
              if str(e.get("type", "")).startswith("Input.")}
    assert inputs["counterpart.name"] == "Eurocities <b>"
    assert await _queued(bot) == 0


async def test_the_in_chat_wizard_is_left_as_it_was_by_a_screening_in_the_dialog(
        bot: Bot, connector: Connector) -> None:
    await bot.say("ny bedömning")
    await bot.execute(verbs.WIZARD_NEXT, {"step": "kind", "kind": "trip"})
    d = FromWelcome(bot, "sv-SE")
    card = await d.open({"verb": verbs.WIZARD_DIALOG})
    summary = await _walk_to_summary(d, card)
    _shown(await bot.send(d.press(summary, "Bedöm")))
    response = await bot.execute(verbs.WIZARD_RESUME)
    assert response.status == 200
    resumed = connector.cards("conv-1")[-1]
    assert "Steg 2 av 4" in _text(resumed)
    ids = [e["id"] for e in walk(resumed) if str(e.get("type", "")).startswith("Input.")]
    assert ids == list(details_fields(Kind.TRIP))  # the trip's details, not the membership's


async def test_the_dialog_closed_with_its_cross_opens_again_where_it_was(bot: Bot) -> None:
    d = FromWelcome(bot, "en-US")
    card = await d.open({"verb": verbs.WIZARD_DIALOG})
    _shown(await bot.send(d.press(card, "Next", _answers("kind"))))
    again = await d.open({"verb": verbs.WIZARD_DIALOG})  # ✕ sends nothing; opened again
    assert "Step 2 of 4" in _text(again)
    assert "You are continuing the assessment where you left it" in _text(again)
    fresh = _shown(await bot.send(d.press(again, "Start over")))
    assert "Step 1 of 4" in _text(fresh)


async def test_the_message_boxs_new_assessment_screens_in_a_dialog_and_answers_in_the_chat(
        make_bot: MakeBot, connector: Connector, database: Database) -> None:
    bot = await make_bot(database=database, delivery_poll_seconds=0.05)
    await bot.say("hjälp")  # the user has a personal chat with the bot (conv-1)
    before = len(connector.cards("conv-1"))
    d = FromMessageBox(bot, "sv-SE")
    card = await d.open({})
    assert "Steg 1 av 4" in _text(card)
    summary = await _walk_to_summary(d, card)
    assess = d.press(summary, "Bedöm")
    result = _shown(await bot.send(assess))
    assert "Resultatet finns också i din chatt" in _text(result)
    await connector.wait_for(lambda: len(connector.cards("conv-1")) > before, what="the result")
    assert sample_values(KIND)["title"] in str(connector.cards("conv-1")[-1])
    assert connector.cards(GROUP_CHAT) == []  # nothing in the group chat, nothing inserted
    _shown(await bot.send(assess))  # retried
    assert await _queued(bot) == 1
    closed = await bot.send(d.press(result, "Stäng"))
    assert closed.status == 200
    assert not closed.body


async def test_a_result_that_cannot_be_queued_is_still_shown_and_says_where_it_is(
        bot: Bot, monkeypatch: pytest.MonkeyPatch) -> None:
    async def broken(*_args: Any, **_kwargs: Any) -> bool:
        raise OSError("the database is down")

    monkeypatch.setattr(IbService, "tell", broken)
    d = FromWelcome(bot, "sv-SE")
    summary = await _walk_to_summary(d, await d.open({"verb": verbs.WIZARD_DIALOG}))
    result = _shown(await bot.send(d.press(summary, "Bedöm")))
    assert "Du hittar det under Mina bedömningar" in _text(result)


async def test_a_failure_in_the_dialog_is_an_apology_without_details(
        bot: Bot, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError("a bug")

    d = FromWelcome(bot, "sv-SE")
    card = await d.open({"verb": verbs.WIZARD_DIALOG})
    monkeypatch.setattr(wizard_dialog, "submit_dialog", broken)
    sorry = _shown(await bot.send(d.press(card, "Nästa", _answers("kind"))))
    assert "Något gick fel hos Strategikollen" in _text(sorry)
    assert "a bug" not in str(sorry)
    monkeypatch.undo()
    again = await d.open({"verb": verbs.WIZARD_DIALOG})  # what was saved is still there
    assert "Steg 1 av 4" in _text(again)


async def test_a_new_screening_in_the_dialog_has_the_unit_from_the_users_profile(
        make_bot: MakeBot, graph_standin: GraphStandIn) -> None:  # noqa: F811
    graph_standin.profiles["user-1"] = {"department": "Kulturförvaltningen"}
    bot = await make_bot(profile_app_read=True, graph_url=graph_standin.url)
    d = FromWelcome(bot, "sv-SE")
    card = await d.open({"verb": verbs.WIZARD_DIALOG})
    details = _shown(await bot.send(d.press(card, "Nästa", _answers("kind"))))
    unit = [e for e in walk(details) if e.get("id") == "unit"]
    assert unit[0]["value"] == "Kulturförvaltningen"
    assert "Ifyllt från din profil i Entra ID (avdelning)" in _text(details)
    await d.open({"verb": verbs.WIZARD_DIALOG})  # resumed: Graph is not asked again
    assert len(graph_standin.requests) == 1


@pytest.mark.parametrize("value", [None, "garbage", {"data": "garbage"}, {"data": {"verb": 3}},
                                   {"data": {"verb": verbs.WIZARD_NEXT, "dialog": ["x"],
                                             "step": {"a": 1}, "kind": 7}}])
async def test_a_malformed_dialog_invoke_gets_a_card_and_no_traceback(
        bot: Bot, value: Any) -> None:
    for name in ("task/fetch", "task/submit"):
        card = _shown(await bot.send(bot.activity("invoke", name=name, value=value)))
        assert "Ny bedömning" in _text(card)
