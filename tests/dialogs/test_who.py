"""Who decides? The dialog around ``policy.who_decides.answer``: the answer card, the
clarifying round trip, not-allowed, out of scope, and the module being unavailable."""

from __future__ import annotations

import pytest

from cards import verbs
from dialogs import who

from ..cards.cardtools import by_id, executes, texts
from .chat import Chat
from .whodouble import Q_KF, Double


@pytest.fixture
def double(monkeypatch: pytest.MonkeyPatch) -> Double:
    d = Double()
    monkeypatch.setattr(who, "_answerer", lambda: d)
    return d


def test_any_other_message_is_a_who_decides_question(double: Double) -> None:
    Chat().say("Vem beslutar om en vänort?")
    assert double.calls == [("Vem beslutar om en vänort?", "sv", None)]


def test_a_clarifying_answer_has_one_button_per_candidate_and_a_click_settles_it(
    double: Double,
) -> None:
    chat = Chat()
    card = chat.say("Vem beslutar om medlemskap i X?").cards[0]
    assert "Är det en organisation eller ett nätverk?" in texts(card)
    buttons = [a for a in executes(card) if a["verb"] == verbs.WHO_CLARIFY]
    assert len(buttons) == 2
    # each candidate: its condition, its owner and its own button, together
    first, second = by_id(card, "candidate-1"), by_id(card, "candidate-2")
    assert texts(first)[:2] == ["Organisation", "Då beslutar kommunfullmäktige."]
    assert texts(second)[:2] == ["Nätverk", "Då beslutar kommunstyrelsen."]
    assert executes(first) == [buttons[0]]
    # each button names its own case, so a screen reader tells them apart
    assert [b["title"] for b in buttons] == ["En organisation", "Ett nätverk"]
    assert buttons[0]["data"] == {
        "question": "Vem beslutar om medlemskap i X?",
        "context": {"membership_body": "organisation", "scope": "city_wide"},
        "verb": verbs.WHO_CLARIFY,
    }
    assert buttons[0]["fallback"]["data"] == buttons[0]["data"]

    reply = chat.click(verbs.WHO_CLARIFY, buttons[0]["data"])
    assert reply.replace
    # answered with the candidate's value as context (and asked plain once more, to
    # restate the case chosen in the candidate's own words)
    assert ("Vem beslutar om medlemskap i X?", "sv",
            {"membership_body": "organisation", "scope": "city_wide"}) in double.calls
    settled = reply.cards[0]
    assert by_id(settled, "owner")["items"][0]["text"] == "Beslutar: Kommunfullmäktige"
    assert by_id(settled, "chose")["text"] == "Du valde: ”Organisation”."
    assert not [a for a in executes(settled) if a["verb"] == verbs.WHO_CLARIFY]


def test_a_settled_answer_names_the_owner_and_quotes_the_strategy(double: Double) -> None:
    chat = Chat()
    card = chat.click(verbs.WHO_CLARIFY, {"question": "medlemskap",
                                          "context": {"membership_body": "organisation"}})
    lines = texts(card.cards[0])
    assert "Beslutar: Kommunfullmäktige" in lines
    assert "Avsnitt 5" in lines
    assert any(Q_KF in line for line in lines)


def test_something_the_strategy_forbids_is_shown_clearly_as_not_allowed(double: Double) -> None:
    card = Chat().say("Får vi teckna vänortsavtal med Taipei?").cards[0]
    assert "Inte tillåtet enligt strategin" in by_id(card, "not-allowed")["items"][0]["text"]
    assert by_id(card, "not-allowed")["style"] == "attention"


def test_foreign_policy_is_shown_as_not_allowed_not_as_outside_the_strategy(
    double: Double,
) -> None:
    card = Chat().say("Får staden föra egen utrikespolitik?").cards[0]
    assert by_id(card, "not-allowed")["style"] == "attention"
    assert "Den frågan ligger utanför den internationella strategin." not in texts(card)
    assert "Staden för ingen egen utrikespolitik." in texts(card)


def test_a_question_outside_the_strategy_gets_a_short_help_card(double: Double) -> None:
    card = Chat("en-US").say("What is the weather like?").cards[0]
    assert "That question is outside the International Strategy." in texts(card)
    assert [a["verb"] for a in executes(card)] == [
        verbs.WIZARD_START, verbs.WHO_PROMPT, verbs.MINE, verbs.HELP]


def test_the_who_decides_button_asks_for_a_question_and_the_ask_button_answers_it(
    double: Double,
) -> None:
    chat = Chat()
    prompt = chat.click(verbs.WHO_PROMPT).cards[0]
    ask = next(a for a in prompt["actions"] if a["verb"] == verbs.WHO_ASK)
    assert ask["associatedInputs"] == "auto"
    chat.click(verbs.WHO_ASK, {"question": "Vem beslutar om vänort?"})
    assert double.calls[-1][0] == "Vem beslutar om vänort?"


def test_asking_with_an_empty_question_asks_again(double: Double) -> None:
    card = Chat().click(verbs.WHO_ASK, {"question": "  "}).cards[0]
    assert "⚠ Skriv en fråga först." in texts(card)
    assert double.calls == []


def test_when_who_decides_is_unavailable_the_user_is_told_politely(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(who, "_answerer", lambda: None)
    card = Chat().say("Vem beslutar om vänorter?").cards[0]
    assert "Frågefunktionen är inte tillgänglig just nu. Du kan fortfarande göra en " \
        "bedömning." in texts(card)


def test_a_very_long_question_is_shortened_before_it_is_answered(double: Double) -> None:
    Chat().say("medlemskap " * 500)
    assert len(double.calls[-1][0]) == who.MAX_QUESTION
