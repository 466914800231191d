"""Who decides? through the dialogs with the real ``policy.who_decides``."""

from __future__ import annotations

import pytest

from cards import verbs
from cards.escape import escape
from policy import Lang, owner_label, who_decides
from policy.routing import ROUTES

from ..cards.cardtools import by_id, executes, schema_errors, texts
from .chat import Chat

QUESTIONS: dict[Lang, list[str]] = {
    "sv": [
        "Vem beslutar om medlemskap i ett internationellt nätverk?",
        "Vem beslutar om medlemskap i en internationell organisation?",
        "Får staden teckna ett vänortsavtal med Taipei?",
        "Vem beslutar om en konferensresa utomlands?",
        "Vem beslutar om ett EU-projekt i en nämnd?",
        "Vem beslutar om en internationell deklaration?",
        "Får staden ta ställning för Taiwan mot Kina?",
        "Vad blir det för väder i morgon?",
    ],
    "en": [
        "Who decides on membership of an international network?",
        "May the city sign a twinning agreement?",
        "Who decides on a conference trip abroad?",
        "What is the weather like tomorrow?",
    ],
}
LOCALE = {"sv": "sv-SE", "en": "en-US"}
CASES = [(lang, q) for lang, qs in QUESTIONS.items() for q in qs]
ROUTE_REASONS = {r.id: r.reason for r in ROUTES}


@pytest.mark.parametrize(("lang", "question"), CASES)
def test_a_typed_question_gets_the_answer_card_of_the_real_answer(lang: Lang,
                                                                  question: str) -> None:
    res = who_decides.answer(question, lang)
    card = Chat(LOCALE[lang]).say(question).cards[0]
    assert schema_errors(card) == []
    lines = texts(card)
    if res.decision_owner is not None:
        label = owner_label(res.decision_owner, lang)
        assert escape(("Beslutar: " if lang == "sv" else "Decides: ") + label) in lines
        assert res.citations, "a settled answer cites the strategy"
        for c in res.citations:
            assert any(escape(c.text) in line for line in lines)
    if res.allowed is False:
        assert by_id(card, "not-allowed")["style"] == "attention"
    clarify = [a for a in executes(card) if a["verb"] == verbs.WHO_CLARIFY]
    assert len(clarify) == (len(res.candidates) if res.clarify else 0)
    out_of_scope = (res.kind is None and res.decision_owner is None and not res.candidates
                    and res.allowed)
    helped = "Den frågan ligger utanför den internationella strategin." in lines or (
        "That question is outside the International Strategy." in lines)
    assert helped == out_of_scope
    if out_of_scope:
        assert [a["verb"] for a in executes(card)] == [
            verbs.WIZARD_START, verbs.WHO_PROMPT, verbs.MINE, verbs.HELP]


def test_a_clarifying_question_is_settled_by_each_candidate_button() -> None:
    clarifying = [(lang, q) for lang, q in CASES if who_decides.answer(q, lang).clarify]
    assert clarifying, "at least one of the questions hinges on something unsaid"
    for lang, question in clarifying:
        chat = Chat(LOCALE[lang])
        card = chat.say(question).cards[0]
        res = who_decides.answer(question, lang)
        buttons = [a for a in executes(card) if a["verb"] == verbs.WHO_CLARIFY]
        assert len(buttons) == len(res.candidates)
        for button, candidate in zip(buttons, res.candidates, strict=True):
            reply = chat.click(verbs.WHO_CLARIFY, button["data"])
            assert reply.replace
            settled = reply.cards[0]
            assert schema_errors(settled) == []
            label = owner_label(candidate.decision_owner, lang)
            assert escape(("Beslutar: " if lang == "sv" else "Decides: ") + label) in texts(
                settled), (question, candidate)
            assert not [a for a in executes(settled) if a["verb"] == verbs.WHO_CLARIFY]
            shown = by_id(card, f"candidate-{res.candidates.index(candidate) + 1}")
            assert executes(shown) == [button]
            # the settled card restates the case chosen, in the candidate's own words
            assert by_id(settled, "chose")["text"] == escape(
                ("Du valde: ”{}”." if lang == "sv" else "You chose: “{}”.").format(
                    candidate.condition[:1].upper() + candidate.condition[1:]))


@pytest.mark.parametrize(("lang", "question"), [
    ("sv", "Vem beslutar om medlemskap?"),
    ("en", "Who decides on a membership?"),
    ("sv", "Vem beslutar om en resa?"),
    ("sv", "Vem beslutar om en deklaration?"),
    ("sv", "Vem beslutar om ett EU-projekt?"),
    ("en", "Who decides on a cooperation agreement?"),
])
def test_each_clarifying_button_has_its_own_short_title(lang: Lang, question: str) -> None:
    card = Chat(LOCALE[lang]).say(question).cards[0]
    titles = [a["title"] for a in executes(card) if a["verb"] == verbs.WHO_CLARIFY]
    assert len(titles) >= 2
    assert len(set(titles)) == len(titles), titles
    assert all(len(title) <= 45 for title in titles), titles


def test_the_membership_buttons_name_the_case_they_stand_for() -> None:
    card = Chat().say("Vem beslutar om medlemskap?").cards[0]
    titles = [a["title"] for a in executes(card) if a["verb"] == verbs.WHO_CLARIFY]
    # kommunstyrelsen's candidate covers two cases (several committees, or a network for
    # the whole city), so its button does not name just the first
    assert titles == ["En nämnd eller ett bolag", "Något av detta",
                      "Hela staden, en organisation"]


def test_a_candidate_for_one_case_is_named_by_it_and_one_for_several_says_any_of_these(
) -> None:
    card = Chat("en-US").say("Who decides on a cooperation agreement?").cards[0]
    titles = [a["title"] for a in executes(card) if a["verb"] == verbs.WHO_CLARIFY]
    assert titles == ["One committee or company", "Any of these"]


@pytest.mark.parametrize(("lang", "question"), [
    ("sv", "Vem beslutar om en konferensresa på uppdrag av kommunstyrelsen?"),
    ("sv", "Vem beslutar om medlemskap i ett nätverk för hela staden?"),
    ("en", "Who decides on a conference trip on behalf of the city executive board?"),
])
def test_a_settled_answer_names_the_owner_once_and_then_gives_the_reason(
    lang: Lang, question: str,
) -> None:
    res = who_decides.answer(question, lang)
    assert res.decision_owner is not None
    assert res.route is not None
    lines = texts(Chat(LOCALE[lang]).say(question).cards[0])
    assert escape(ROUTE_REASONS[res.route][lang]) in lines
    decided_by = "Beslutet fattas av" if lang == "sv" else "The decision is made by"
    assert not any(decided_by in line for line in lines)
