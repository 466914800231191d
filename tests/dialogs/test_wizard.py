"""The screening wizard, driven through ``handle`` as the bot drives it."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pytest

from cards import verbs
from cards.escape import escape
from cards.i18n import verdict_label
from dialogs import wizard
from dialogs.fields import details_fields, question_fields, to_contract, to_values
from dialogs.state import Step, WizardState
from policy import Kind, assess, fields_for, owner_label, parse_engagement, required_for

from ..cards.cardtools import action, by_id, executes, inputs, texts, walk
from ..policy.helpers import expected
from .chat import CASES, TODAY, Chat, load_case, sample_values, wizard_through

LANGS = [("sv-SE", "sv"), ("en-US", "en")]


def _result_of(chat: Chat) -> dict[str, Any]:
    reply = chat.click(verbs.WIZARD_ASSESS, {"step": "summary"})
    assert reply.replace
    return reply.cards[0]


def _assert_matches_policy(card: dict[str, Any], contract: dict[str, Any], lang: str) -> None:
    expected = assess(parse_engagement(contract, lang), lang, today=TODAY)
    headline = by_id(card, "verdict")["items"][0]["text"]
    assert verdict_label(expected.verdict, lang) in headline  # type: ignore[arg-type]
    owner = by_id(card, f"owner-{expected.decision_owner.value}")
    assert owner["text"] == escape(owner_label(expected.decision_owner, lang))  # type: ignore[arg-type]
    assert escape(expected.routing.reason) in texts(card)


@pytest.mark.parametrize(("locale", "lang"), LANGS)
@pytest.mark.parametrize("kind", list(Kind))
def test_a_complete_wizard_for_every_kind_ends_in_the_assessment_policy_gives(
    kind: Kind, locale: str, lang: str
) -> None:
    chat = Chat(locale)
    values = sample_values(kind)
    summary = wizard_through(chat, values)
    assert chat.state["wizard"]["step"] == "summary", chat.state["wizard"]["errors"]
    assert summary.replace
    card = _result_of(chat)
    _assert_matches_policy(card, to_contract(values, kind), lang)
    assert chat.state["wizard"] is None
    assert chat.user_state["history"][0]["title"] == values["title"]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
@pytest.mark.parametrize(("locale", "lang"), LANGS)
def test_every_public_case_typed_into_the_wizard_gets_the_verdict_and_owner_of_policy_assess(
    path: Path, locale: str, lang: str
) -> None:
    case = load_case(path)
    chat = Chat(locale)
    wizard_through(chat, to_values(case["engagement"]))
    card = _result_of(chat)
    _assert_matches_policy(card, case["engagement"], lang)
    expect = expected(path.stem, case["expect"])  # with contract §7's amendments
    assessed = assess(parse_engagement(case["engagement"]), today=TODAY)
    assert assessed.verdict.value == expect["verdict"]
    assert chat.user_state["history"][0]["verdict"] == expect["verdict"]
    assert chat.user_state["history"][0]["owner"] == expect["decision_owner"]


def test_the_kind_step_asks_only_for_the_kind_and_offers_cancel_but_no_back() -> None:
    chat = Chat()
    card = chat.click(verbs.WIZARD_START).cards[0]
    assert list(inputs(card)) == ["kind"]
    assert [a["verb"] for a in card["actions"]] == [verbs.WIZARD_NEXT, verbs.WIZARD_CANCEL]


@pytest.mark.parametrize("kind", list(Kind))
def test_only_the_questions_the_contract_uses_for_a_kind_are_asked(kind: Kind) -> None:
    chat = Chat()
    chat.click(verbs.WIZARD_START)
    details = chat.click(verbs.WIZARD_NEXT, {"step": "kind", "kind": kind.value}).cards[0]
    asked_details = list(inputs(details))
    assert ("scope" in asked_details) == (kind not in {Kind.TRIP, Kind.CONFERENCE,
                                                       Kind.TWINNING})
    wizard_card = chat.click(verbs.WIZARD_NEXT, {
        "step": "details", **{n: v for n, v in sample_values(kind).items()
                              if n in details_fields(kind)}}).cards[0]
    asked = list(inputs(wizard_card))
    assert set(asked) | set(asked_details) >= set(fields_for(kind))
    assert set(asked) == set(fields_for(kind)) - {"scope"}
    assert asked == list(question_fields(kind))


def test_back_from_every_step_returns_to_the_one_before_with_every_value_kept() -> None:
    chat = Chat()
    values = sample_values(Kind.MEMBERSHIP)
    wizard_through(chat, values)
    # summary → questions → details → kind, each card showing what was typed
    card = chat.click(verbs.WIZARD_BACK, {"step": "summary"}).cards[0]
    assert chat.state["wizard"]["step"] == "questions"
    assert {n: el.get("value") for n, el in inputs(card).items()} == {
        n: values[n] for n in question_fields(Kind.MEMBERSHIP)}
    card = chat.click(verbs.WIZARD_BACK, {"step": "questions", "review_years": "7"}).cards[0]
    assert chat.state["wizard"]["step"] == "details"
    assert inputs(card)["title"]["value"] == values["title"]
    card = chat.click(verbs.WIZARD_BACK, {
        "step": "details", **{n: values[n] for n in details_fields(Kind.MEMBERSHIP)},
        "title": "Ändrad rubrik"}).cards[0]
    assert chat.state["wizard"]["step"] == "kind"
    assert inputs(card)["kind"]["value"] == "membership"
    # and forward again: nothing lost, including what was typed before pressing Back
    card = chat.click(verbs.WIZARD_NEXT, {"step": "kind", "kind": "membership"}).cards[0]
    assert inputs(card)["title"]["value"] == "Ändrad rubrik"
    assert chat.state["wizard"]["values"]["review_years"] == "7"


@pytest.mark.parametrize("step", ["kind", "details", "questions", "summary"])
def test_cancel_from_every_step_ends_the_wizard_and_replaces_its_card(step: str) -> None:
    chat = Chat()
    values = sample_values(Kind.TRIP)
    chat.click(verbs.WIZARD_START)
    order = ["kind", "details", "questions", "summary"]
    for s in order[: order.index(step)]:
        names = {"kind": ("kind",), "details": details_fields(Kind.TRIP),
                 "questions": question_fields(Kind.TRIP)}[s]
        chat.click(verbs.WIZARD_NEXT, {"step": s, **{n: values[n] for n in names}})
    assert chat.state["wizard"]["step"] == step
    assert verbs.WIZARD_CANCEL in [a["verb"] for a in executes(chat.card)]
    reply = chat.click(verbs.WIZARD_CANCEL, {"step": step})
    assert reply.replace
    assert chat.state["wizard"] is None
    assert not inputs(reply.cards[0])
    assert "avbruten" in " ".join(texts(reply.cards[0]))


def test_the_transition_table_offers_back_and_cancel_from_every_step() -> None:
    shown = [Step.KIND, Step.DETAILS, Step.QUESTIONS, Step.SUMMARY]
    for before, step in itertools.pairwise(shown):
        assert wizard.TRANSITIONS[(step, wizard.Event.BACK)] is before
    for step in shown:
        assert wizard.TRANSITIONS[(step, wizard.Event.CANCEL)] is Step.CANCELLED


def test_the_mermaid_diagram_draws_every_transition_of_the_table() -> None:
    mmd = (Path(__file__).resolve().parents[2] / "docs" / "dialogs" / "wizard.mmd").read_text()
    edges = set(re.findall(r"(\w+)\s*-->\s*(\w+)\s*:\s*(\w+)", mmd))
    for (step, event), target in wizard.TRANSITIONS.items():
        assert (step.name, target.name, event.value) in edges, (step, event, target)


def test_an_end_date_before_the_start_date_is_explained_next_to_the_field_with_values_kept(
) -> None:
    chat = Chat()
    values = {**sample_values(Kind.MEMBERSHIP), "start_date": "2025-09-10",
              "end_date": "2025-09-01"}
    wizard_through(chat, values)
    assert chat.state["wizard"]["step"] == "details"
    card = chat.card
    assert inputs(card)["end_date"]["value"] == "2025-09-01"
    assert inputs(card)["title"]["value"] == values["title"]
    messages = texts(card)
    assert any("Slutdatum 2025-09-01 ligger före startdatum 2025-09-10" in m for m in messages)


def test_a_cost_that_is_not_a_number_is_explained_and_the_typed_text_is_kept() -> None:
    chat = Chat("en-US")
    values = {**sample_values(Kind.TRIP), "cost_sek": "about a thousand"}
    wizard_through(chat, values)
    assert chat.state["wizard"]["step"] == "questions"
    assert inputs(chat.card)["cost_sek"]["value"] == "about a thousand"
    assert chat.state["wizard"]["errors"]["cost_sek"] == "Must be a number."
    assert "⚠ Must be a number." in texts(chat.card)


def test_numbers_written_with_spaces_and_kronor_are_understood() -> None:
    values = {**sample_values(Kind.TRIP), "cost_sek": "1 400 000 kr"}
    assert to_contract(values, Kind.TRIP)["cost_sek"] == 1_400_000


def test_multi_select_answers_arrive_comma_separated_and_become_lists() -> None:
    values = {**sample_values(Kind.CONFERENCE), "directions": "samverkan,paverkan",
              "participants": "finansborgarrad"}
    contract = to_contract(values, Kind.CONFERENCE)
    assert contract["directions"] == ["samverkan", "paverkan"]
    assert contract["participants"] == ["finansborgarrad"]
    assert parse_engagement(contract).directions[1].value == "paverkan"


@pytest.mark.parametrize(("kind", "field"), [
    (k, f) for k in Kind for f in ("title", *required_for(k))
])
def test_required_fields_may_not_be_left_empty(kind: Kind, field: str) -> None:
    chat = Chat()
    wizard_through(chat, {**sample_values(kind), field: ""})
    state = chat.state["wizard"]
    assert state["step"] in ("details", "questions")
    assert field in state["errors"]
    assert inputs(chat.card)[field]["label"].endswith("*")


def test_a_required_yes_no_question_offers_no_unknown_answer_but_an_optional_one_does() -> None:
    chat = Chat()
    wizard_through(chat, {**sample_values(Kind.TRIP), "on_behalf_of_ks": ""})
    card_inputs = inputs(chat.card)
    assert [c["value"] for c in card_inputs["on_behalf_of_ks"]["choices"]] == ["true", "false"]
    assert [c["value"] for c in card_inputs["foreign_policy"]["choices"]] == [
        "true", "false", "unknown"]


def test_an_empty_or_not_known_yet_answer_is_sent_as_not_known_yet() -> None:
    values = {**sample_values(Kind.MEMBERSHIP), "foreign_policy": "", "active_role": "unknown",
              "counterpart.type": "unknown"}
    contract = to_contract(values, Kind.MEMBERSHIP)
    assert "foreign_policy" not in contract
    assert "active_role" not in contract
    assert "type" not in contract["counterpart"]


def test_not_known_yet_is_no_answer_to_a_required_question() -> None:
    chat = Chat()
    wizard_through(chat, {**sample_values(Kind.DECLARATION),
                          "increases_resource_burden": "unknown"})
    assert chat.state["wizard"]["step"] == "questions"
    assert "increases_resource_burden" in chat.state["wizard"]["errors"]


def test_a_blank_kind_is_explained_on_the_first_step() -> None:
    chat = Chat("en-US")
    chat.click(verbs.WIZARD_START)
    card = chat.click(verbs.WIZARD_NEXT, {"step": "kind", "kind": ""}).cards[0]
    assert chat.state["wizard"]["step"] == "kind"
    assert "⚠ Choose the kind of engagement." in texts(card)


def test_edit_on_the_summary_goes_back_to_the_details_with_everything_kept() -> None:
    chat = Chat()
    values = sample_values(Kind.EU_PROJECT)
    summary = wizard_through(chat, values).cards[0]
    assert [a["verb"] for a in summary["actions"]][:2] == [verbs.WIZARD_ASSESS,
                                                          verbs.WIZARD_EDIT]
    card = chat.click(verbs.WIZARD_EDIT, {"step": "summary"}).cards[0]
    assert chat.replies[-1].replace
    assert chat.state["wizard"]["step"] == "details"
    assert inputs(card)["title"]["value"] == values["title"]
    assert chat.state["wizard"]["values"] == values | chat.state["wizard"]["values"]


def test_edit_on_a_result_card_reopens_the_wizard_with_the_values_it_carries() -> None:
    chat = Chat()
    values = sample_values(Kind.DECLARATION)
    wizard_through(chat, values)
    result = _result_of(chat)
    edit = action(result, verbs.WIZARD_EDIT)
    other = Chat()  # even in a conversation whose state is gone
    card = other.click(verbs.WIZARD_EDIT, edit["data"]).cards[0]
    assert other.state["wizard"]["step"] == "details"
    assert other.state["wizard"]["values"] == values
    assert inputs(card)["title"]["value"] == values["title"]


def test_the_summary_shows_every_answer_in_words_under_a_short_label() -> None:
    chat = Chat()
    values = {**sample_values(Kind.MEMBERSHIP), "membership_body": "organisation",
              "foreign_policy": "false", "active_role": "", "description": "",
              "cost_sek": "1400000", "review_years": "4"}
    card = wizard_through(chat, values).cards[0]
    lines = texts(card)
    assert "Medlem\u00a0i: Organisation" in lines
    assert "Utrikespolitik: Nej" in lines
    assert "Kostnad: 1\u00a0400\u00a0000\u00a0kr" in lines
    assert "Omprövning: efter 4\u00a0år" in lines
    # short titles, each on one line
    assert all(len(title) <= 17 and " " not in title for title in _fact_titles(card))
    # what was left empty is named once, not shown as empty rows
    assert "Inte besvarat: Beskrivning, Aktiv roll" in lines
    assert not any(line.endswith(": –") or line.endswith(": Vet inte ännu") for line in lines)


def test_the_english_summary_writes_the_cost_the_english_way() -> None:
    chat = Chat("en-US")
    values = {**sample_values(Kind.MEMBERSHIP), "cost_sek": "1 400 000 kr"}
    lines = texts(wizard_through(chat, values).cards[0])
    assert "Cost: SEK\u00a01,400,000" in lines


def _fact_titles(card: dict[str, object]) -> list[str]:
    return [el["title"] for el in walk(card) if el["type"] == "Fact"]


@pytest.mark.parametrize("locale", ["sv-SE", "en-US"])
def test_a_number_box_shows_an_example_not_a_value(locale: str) -> None:
    chat = Chat(locale)
    values = sample_values(Kind.MEMBERSHIP)
    chat.click(verbs.WIZARD_START)
    chat.click(verbs.WIZARD_NEXT, {"step": "kind", "kind": "membership"})
    card = chat.click(verbs.WIZARD_NEXT, {
        "step": "details", **{n: values[n] for n in details_fields(Kind.MEMBERSHIP)}}).cards[0]
    boxes = inputs(card)
    example = "t.ex." if locale == "sv-SE" else "e.g."
    assert boxes["cost_sek"]["placeholder"] == f"{example} 25000"
    assert boxes["review_years"]["placeholder"] == f"{example} 4"


def test_a_stale_card_clicked_after_the_state_was_lost_keeps_what_it_sends() -> None:
    chat = Chat()
    values = sample_values(Kind.POSITION)
    card = chat.click(verbs.WIZARD_NEXT, {
        "step": "details", "kind": "position",
        **{n: values[n] for n in details_fields(Kind.POSITION)}}).cards[0]
    # "kind" is not an input of the details card, so the state starts without it:
    # the wizard asks for the kind and keeps the details.
    assert chat.state["wizard"]["values"]["title"] == values["title"]
    assert list(inputs(card)) == ["kind"]
    card = chat.click(verbs.WIZARD_NEXT, {"step": "kind", "kind": "position"}).cards[0]
    assert inputs(card)["title"]["value"] == values["title"]


def test_a_blank_required_answer_is_caught_at_assess_and_shown_on_its_step() -> None:
    state = WizardState(step=Step.SUMMARY, values={**sample_values(Kind.MEMBERSHIP),
                                                   "membership_body": ""})
    out = wizard.advance(state, wizard.Event.ASSESS, {"step": "summary"}, lang="sv",
                         today=TODAY)
    assert out.assessment is None
    assert out.state is not None
    assert out.state.step is Step.QUESTIONS
    assert "membership_body" in out.state.errors


def test_wizard_steps_replace_the_card_they_came_from() -> None:
    chat = Chat()
    assert not chat.click(verbs.WIZARD_START).replace  # a new card
    assert chat.click(verbs.WIZARD_NEXT, {"step": "kind", "kind": "trip"}).replace
    assert chat.click(verbs.WIZARD_BACK, {"step": "details"}).replace


def test_assess_on_a_summary_card_assesses_the_values_it_shows_even_if_the_state_was_lost(
) -> None:
    chat = Chat()
    values = sample_values(Kind.INVITATION_LETTER)
    summary = wizard_through(chat, values).cards[0]
    assess_button = action(summary, verbs.WIZARD_ASSESS)
    other = Chat()
    result = other.click(verbs.WIZARD_ASSESS, assess_button["data"]).cards[0]
    _assert_matches_policy(result, to_contract(values, Kind.INVITATION_LETTER), "sv")
    assert other.user_state["history"][0]["title"] == values["title"]


def test_a_borgarrad_s_trip_needs_no_answer_on_behalf_of_the_board_and_goes_to_ib() -> None:
    chat = Chat()
    values = {"kind": "trip", "title": "Resa till Bryssel", "participants": "borgarrad",
              "foreign_policy": "false", "directions": "paverkan", "benefit": "Påverkan",
              "cost_sek": "12000", "within_budget": "true", "programme_available": "true"}
    wizard_through(chat, values)
    card = _result_of(chat)
    assert by_id(card, "owner-finansborgarradet_ib") is not None


def test_a_staff_trip_still_needs_the_answer_on_behalf_of_the_board() -> None:
    from dialogs.fields import required

    assert "on_behalf_of_ks" in required(Kind.TRIP, {"participants": "staff"})
    assert "on_behalf_of_ks" not in required(Kind.TRIP, {"participants": "staff,borgarrad"})
    # Each kind's fields are worked out once and kept (issue 13): one answer never changes
    # the next one's.
    assert "on_behalf_of_ks" in required(Kind.TRIP, {"participants": "staff"})
    assert "on_behalf_of_ks" in required(Kind.TRIP)
