"""Who decides? The dialog around ``policy.who_decides.answer``, with the real answer: the
answer card, the clarifying round trip, not allowed, out of scope, an empty or a very
long question."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from cards import verbs
from dialogs import who
from policy.who_decides import WhoDecides, answer

from ..cards.cardtools import by_id, executes, texts
from .chat import Chat

Q_KF = "Kommunfullmäktige beslutar om nya medlemskap i stadsövergripande internationella " \
    "organisationer."

Call = tuple[str, str | None, dict[str, Any] | None]


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[Call]:
    """Every call the dialog makes to the real ``answer``, recorded."""
    seen: list[Call] = []

    def recorded(question: str, lang: Any = None, *,
                 context: Mapping[str, Any] | None = None) -> WhoDecides:
        seen.append((question, lang, None if context is None else dict(context)))
        return answer(question, lang, context=context)

    monkeypatch.setattr(who, "answer", recorded)
    return seen


def _clarify_buttons(card: dict[str, Any]) -> list[dict[str, Any]]:
    return [a for a in executes(card) if a["verb"] == verbs.WHO_CLARIFY]


def test_any_other_message_is_a_who_decides_question(calls: list[Call]) -> None:
    Chat().say("Vem beslutar om en vänort?")
    assert calls == [("Vem beslutar om en vänort?", "sv", None)]


def test_a_clarifying_answer_has_one_button_per_candidate_and_a_click_settles_it(
    calls: list[Call],
) -> None:
    chat = Chat()
    card = chat.say("Vem beslutar om medlemskap i X?").cards[0]
    assert "Gäller det en enda nämnd eller ett bolag, flera nämnder eller bolag, eller hela " \
        "staden?" in texts(card)
    buttons = _clarify_buttons(card)
    assert len(buttons) == 3
    # each candidate: its condition, its owner and its own button, together
    first, third = by_id(card, "candidate-1"), by_id(card, "candidate-3")
    assert texts(first)[:2] == ["Om det gäller en enda nämnd eller ett enda bolag",
                                "Då beslutar nämnden eller bolagsstyrelsen."]
    assert texts(third)[:2] == ["Om det gäller hela staden och det är en organisation",
                                "Då beslutar kommunfullmäktige."]
    assert executes(first) == [buttons[0]]
    assert executes(third) == [buttons[2]]
    # each button names its own case, so a screen reader tells them apart; kommunstyrelsen's
    # candidate stands for two cases, so its button names neither alone
    assert [b["title"] for b in buttons] == [
        "En nämnd eller ett bolag", "Något av detta", "Hela staden, en organisation"]
    context = {"kind": "membership", "scope": "city_wide", "membership_body": "organisation"}
    assert buttons[2]["data"] == {"question": "Vem beslutar om medlemskap i X?",
                                  "context": context, "verb": verbs.WHO_CLARIFY}
    assert buttons[2]["fallback"]["data"] == buttons[2]["data"]

    reply = chat.click(verbs.WHO_CLARIFY, buttons[2]["data"])
    assert reply.replace
    # answered once, with the candidate's value as context: the answer itself says which
    # case was chosen, so nothing is asked again
    assert calls[1:] == [("Vem beslutar om medlemskap i X?", "sv", context)]
    settled = reply.cards[0]
    assert by_id(settled, "owner")["items"][0]["text"] == "Beslutar: Kommunfullmäktige"
    assert by_id(settled, "chose")["text"] == \
        "Du valde: ”Om det gäller hela staden och det är en organisation”."
    assert not _clarify_buttons(settled)


def test_a_second_round_names_each_case_and_restates_the_choice_by_its_fields() -> None:
    chat = Chat()
    card = chat.click(verbs.WHO_CLARIFY, {
        "question": "Vem beslutar om medlemskap i X?",
        "context": {"kind": "membership", "scope": "city_wide"}}).cards[0]
    buttons = _clarify_buttons(card)
    # here each candidate is one case, so neither button says "any of these"
    assert [b["title"] for b in buttons] == ["En organisation", "Ett nätverk"]
    settled = chat.click(verbs.WHO_CLARIFY, buttons[1]["data"]).cards[0]
    assert by_id(settled, "owner")["items"][0]["text"] == "Beslutar: Kommunstyrelsen"
    # no candidate of the question alone has this value: the choice is named by its fields
    assert by_id(settled, "chose")["text"] == "Du valde: ”Hela staden, Ett nätverk”."


def test_a_settled_answer_names_the_owner_gives_the_reason_and_quotes_the_strategy() -> None:
    card = Chat().click(verbs.WHO_CLARIFY, {
        "question": "medlemskap",
        "context": {"membership_body": "organisation", "scope": "city_wide"}}).cards[0]
    lines = texts(card)
    assert "Beslutar: Kommunfullmäktige" in lines
    assert "Nytt medlemskap i en stadsövergripande internationell organisation beslutas av " \
        "kommunfullmäktige." in lines
    assert "Avsnitt 5" in lines
    assert any(Q_KF in line for line in lines)
    # a context that is no candidate of the question alone is named by its own fields
    assert by_id(card, "chose")["text"] == "Du valde: ”En organisation, Hela staden”."


def test_something_the_strategy_forbids_is_shown_clearly_as_not_allowed() -> None:
    card = Chat().say("Får vi teckna vänortsavtal med Taipei?").cards[0]
    assert "Inte tillåtet enligt strategin" in by_id(card, "not-allowed")["items"][0]["text"]
    assert by_id(card, "not-allowed")["style"] == "attention"
    # not allowed: the whole answer stands, not only the route's reason
    assert any(line.startswith("Staden har inga utpekade vänorter") for line in texts(card))


def test_foreign_policy_is_shown_as_not_allowed_not_as_outside_the_strategy() -> None:
    card = Chat().say("Får staden föra egen utrikespolitik?").cards[0]
    assert by_id(card, "not-allowed")["style"] == "attention"
    assert "Den frågan ligger utanför den internationella strategin." not in texts(card)
    assert any("staden för ingen egen utrikespolitik" in line for line in texts(card))


def test_a_question_outside_the_strategy_gets_a_short_help_card() -> None:
    card = Chat("en-US").say("What is the weather like?").cards[0]
    assert "That question is outside the International Strategy." in texts(card)
    assert [a["verb"] for a in executes(card)] == [
        verbs.WIZARD_START, verbs.WHO_PROMPT, verbs.MINE, verbs.HELP]


def test_the_who_decides_button_asks_for_a_question_and_the_ask_button_answers_it(
    calls: list[Call],
) -> None:
    chat = Chat()
    prompt = chat.click(verbs.WHO_PROMPT).cards[0]
    ask = next(a for a in prompt["actions"] if a["verb"] == verbs.WHO_ASK)
    assert ask["associatedInputs"] == "auto"
    chat.click(verbs.WHO_ASK, {"question": "Vem beslutar om vänort?"})
    assert calls[-1][0] == "Vem beslutar om vänort?"


def test_asking_with_an_empty_question_asks_again(calls: list[Call]) -> None:
    card = Chat().click(verbs.WHO_ASK, {"question": "  "}).cards[0]
    assert "⚠ Skriv en fråga först." in texts(card)
    assert calls == []


def test_a_very_long_question_is_shortened_before_it_is_answered(calls: list[Call]) -> None:
    Chat().say("medlemskap " * 500)
    assert len(calls[-1][0]) == who.MAX_QUESTION
