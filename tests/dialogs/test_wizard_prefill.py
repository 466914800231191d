"""The wizard's unit prefilled from the user's Entra ID profile (``Turn.prefill``): the
default value with a note where it came from, which the user may change."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cards import verbs
from dialogs import wizard
from dialogs.conversation import handle, starts_wizard
from dialogs.state import Step, WizardState
from dialogs.turn import Document, Prefill, Turn

from ..cards.cardtools import inputs, texts
from .chat import TODAY

KULTUR = Prefill(unit="Kulturförvaltningen", source="department")
NOTE_SV = "Ifyllt från din profil i Entra ID (avdelning). Ändra om det inte stämmer."
NOTE_EN = "Filled in from your Entra ID profile (company). Change it if it is not right."


def _turn(locale: str = "sv-SE", **fields: Any) -> Turn:
    return Turn(locale=locale, user_id="u1", **fields)


def _run(conv: dict[str, Any] | None, turn: Turn) -> tuple[dict[str, Any], dict[str, Any]]:
    new_conv, _user, reply = handle(conv, None, turn, today=TODAY)
    return json.loads(json.dumps(new_conv)), reply.cards[0]


def _to_details(prefill: Prefill | None, locale: str = "sv-SE") -> tuple[dict[str, Any],
                                                                        dict[str, Any]]:
    """"Ny bedömning" with ``prefill``, then the kind: the details step's state and card."""
    conv, _ = _run(None, _turn(locale, verb=verbs.WIZARD_START, prefill=prefill))
    return _run(conv, _turn(locale, verb=verbs.WIZARD_NEXT,
                            data={"verb": verbs.WIZARD_NEXT, "step": "kind",
                                  "kind": "conference"}))


def test_the_unit_from_the_profile_is_the_fields_value_with_a_note_where_it_came_from() -> None:
    conv, card = _to_details(KULTUR)
    assert conv["wizard"]["step"] == "details"
    assert inputs(card)["unit"]["value"] == "Kulturförvaltningen"
    assert NOTE_SV in texts(card)


def test_the_note_is_in_english_for_an_english_user_and_names_the_company_field() -> None:
    _conv, card = _to_details(Prefill(unit="Stockholm Vatten och Avfall AB",
                                      source="companyName"), "en-US")
    assert inputs(card)["unit"]["value"] == "Stockholm Vatten och Avfall AB"
    assert NOTE_EN in texts(card)


def test_without_a_profile_the_unit_is_empty_and_no_note_is_shown() -> None:
    _conv, card = _to_details(None)
    assert inputs(card)["unit"]["value"] == ""
    assert not any("Entra ID" in text for text in texts(card))


def test_a_unit_the_user_changed_is_kept_and_loses_the_note() -> None:
    conv, card = _to_details(KULTUR)
    details = {name: el.get("value", "") for name, el in inputs(card).items()}
    details.update(unit="Stadsledningskontoret", title="Konferens i Oslo")
    conv, card = _run(conv, _turn(verb=verbs.WIZARD_NEXT,
                                  data={"verb": verbs.WIZARD_NEXT, "step": "details",
                                        **details}))
    assert conv["wizard"]["values"]["unit"] == "Stadsledningskontoret"
    conv, card = _run(conv, _turn(verb=verbs.WIZARD_BACK,
                                  data={"verb": verbs.WIZARD_BACK, "step": "questions"}))
    assert conv["wizard"]["step"] == "details"
    assert inputs(card)["unit"]["value"] == "Stadsledningskontoret"
    assert NOTE_SV not in texts(card)


def test_the_note_stays_while_the_value_is_the_profiles_through_the_steps() -> None:
    state = wizard.start(profile=KULTUR, values={"kind": "conference"})
    assert state.profiled["unit"].value == "Kulturförvaltningen"
    again = WizardState.model_validate(json.loads(state.model_dump_json()))
    question = wizard.question("unit", again, None)
    assert question.profile_source == "department"
    cleared = again.model_copy(update={"values": {**again.values, "unit": ""}})
    assert wizard.question("unit", cleared, None).profile_source is None


def test_a_unit_already_given_is_not_replaced_by_the_profile() -> None:
    state = wizard.start({"unit": "Miljöförvaltningen"}, step=Step.DETAILS, profile=KULTUR)
    assert state.values["unit"] == "Miljöförvaltningen"
    assert state.profiled == {}


def test_a_blank_unit_in_the_profile_prefills_nothing() -> None:
    state = wizard.start(profile=Prefill(unit="  ", source="department"))
    assert "unit" not in state.values
    assert state.profiled == {}


def test_a_wizard_stored_before_the_profile_existed_still_loads() -> None:
    stored = {"version": 1, "wizard": {"step": "details", "values": {"kind": "conference"},
                                       "errors": {}, "general": [], "case_id": None,
                                       "prefilled": {}, "evidence": {}}}
    conv, card = _run(stored, _turn(verb=verbs.WIZARD_RESUME,
                                    data={"verb": verbs.WIZARD_RESUME}))
    assert conv["wizard"]["profiled"] == {}
    assert "unit" in inputs(card)


@pytest.mark.parametrize(("turn", "starts"), [
    (_turn(verb=verbs.WIZARD_START), True),
    (_turn(text="ny"), True),
    (_turn(text="Ny bedömning"), True),
    (_turn(text="new assessment", locale="en-US"), True),
    (_turn(verb=verbs.WIZARD_NEXT), False),
    (_turn(text="hjälp"), False),
    (_turn(text="vem beslutar om vänortsavtal?"), False),
    (_turn(text="ny", document=Document(name="inbjudan.pdf", text="ny")), False),
])
def test_the_bot_looks_the_profile_up_only_for_a_turn_that_starts_a_screening(
        turn: Turn, starts: bool) -> None:
    assert starts_wizard(turn) is starts
