"""The wizard as a Teams dialog (``dialogs.wizard_dialog``): opened, walked to its result
in Swedish and English, retried, with bad input, with cards from another dialog or forged
data, cancelled, closed and resumed. Every state passes through JSON, as in storage."""

from __future__ import annotations

import json
from collections.abc import Mapping
from itertools import count
from typing import Any

import pytest

from cards import verbs
from cards.elements import walk
from dialogs import wizard_dialog
from dialogs.fields import details_fields, question_fields
from dialogs.turn import Prefill
from dialogs.wizard_dialog import DIALOG_KEY, DialogStep
from policy import Kind, Lang

from ..cards.cardtools import executes, texts
from .chat import TODAY, sample_values

KIND = Kind.MEMBERSHIP


class DialogUser:
    """One user with the dialog: their stored dialog and user state, as the bot keeps them."""

    def __init__(self, lang: Lang = "sv") -> None:
        self.lang = lang
        self.stored = "null"
        self.user = "null"
        self.ids = (f"dialog-{n}" for n in count(1))
        self.steps: list[DialogStep] = []

    def _keep(self, step: DialogStep) -> DialogStep:
        self.stored = json.dumps(step.state)
        if step.user is not None:
            self.user = json.dumps(step.user)
        self.steps.append(step)
        return step

    def open(self) -> DialogStep:
        return self._keep(wizard_dialog.open_dialog(json.loads(self.stored),
                                                    new_id=next(self.ids), lang=self.lang))

    def press(self, title: str, inputs: Mapping[str, str] | None = None,
              card: dict[str, Any] | None = None) -> DialogStep:
        """Press the button ``title`` on ``card`` (the last one shown), sending ``inputs``
        as the client sends the card's inputs with it."""
        data = {**submit(card or self.card, title)["data"], **(inputs or {})}
        return self.send(data)

    def send(self, data: Mapping[str, Any]) -> DialogStep:
        return self._keep(wizard_dialog.submit_dialog(
            json.loads(self.stored), json.loads(self.user), data, new_id=next(self.ids),
            lang=self.lang, today=TODAY))

    @property
    def card(self) -> dict[str, Any]:
        card = self.steps[-1].shown()
        assert card is not None, "the dialog is closed"
        return card

    @property
    def history(self) -> list[dict[str, Any]]:
        user = json.loads(self.user)
        return list(user["history"]) if user else []


def submits(card: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for e in walk(card) if e.get("type") == "Action.Submit"]


def submit(card: dict[str, Any], title: str) -> dict[str, Any]:
    found = [a for a in submits(card) if a["title"] == title]
    assert found, f"no {title!r} on the card; have {[a['title'] for a in submits(card)]}"
    return found[0]


def text(card: dict[str, Any]) -> str:
    return " ".join(texts(card))


def answers(step: str) -> dict[str, str]:
    values = sample_values(KIND)
    names = {"kind": ("kind",), "details": details_fields(KIND),
             "questions": question_fields(KIND)}[step]
    return {n: values[n] for n in names}


WORDS = {
    "sv": {"next": "Nästa", "assess": "Bedöm", "close": "Stäng", "new": "Ny bedömning",
           "told": "Resultatet finns också i din chatt", "summary": "Steg 4 av 4"},
    "en": {"next": "Next", "assess": "Assess", "close": "Close", "new": "New assessment",
           "told": "The result is also in your chat", "summary": "Step 4 of 4"},
}


def walk_to_summary(u: DialogUser) -> None:
    w = WORDS[u.lang]
    u.open()
    for step in ("kind", "details", "questions"):
        u.press(w["next"], answers(step))
    assert w["summary"] in text(u.card)


def test_the_dialog_opens_at_the_first_step_with_buttons_a_dialog_takes() -> None:
    u = DialogUser()
    step = u.open()
    assert "Steg 1 av 4" in text(u.card)
    assert executes(u.card) == []  # a dialog takes no Action.Execute
    assert {a["title"] for a in submits(u.card)} == {"Nästa", "Avbryt"}
    assert all(a["data"][DIALOG_KEY] == step.dialog_id for a in submits(u.card))
    assert step.state["wizard"]["step"] == "kind"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_screening_walks_to_its_result_in_the_dialog_and_gives_the_chat_its_card(
        lang: Lang) -> None:
    u = DialogUser(lang)
    w = WORDS[lang]
    walk_to_summary(u)
    done = u.press(w["assess"])
    shown = u.card
    assert done.result is not None
    # In the dialog: the result, without the chat's buttons, saying where they are.
    assert w["told"] in text(shown)
    assert executes(shown) == []
    assert [a["title"] for a in submits(shown)] == [w["close"], w["new"]]
    # For the chat: the same result with its buttons (Edit, New, maybe Send to IB).
    assert {a["verb"] for a in executes(done.result)} >= {verbs.WIZARD_EDIT, verbs.WIZARD_START}
    assert done.key == f"wizard-dialog:{done.dialog_id}"
    assert [h["title"] for h in u.history] == [sample_values(KIND)["title"]]
    assert done.state["wizard"] is None
    assert done.state["assessed"]["title"] == sample_values(KIND)["title"]


def test_a_result_that_could_not_reach_the_chat_says_where_it_is_instead() -> None:
    u = DialogUser()
    walk_to_summary(u)
    done = u.press("Bedöm")
    shown = done.shown(told=False)
    assert shown is not None
    assert "Du hittar det under Mina bedömningar" in text(shown)


def test_bedom_sent_again_shows_the_same_result_and_remembers_the_screening_once() -> None:
    u = DialogUser()
    walk_to_summary(u)
    summary = u.card
    first = u.press("Bedöm", card=summary)
    again = u.press("Bedöm", card=summary)  # Teams retries the invoke
    assert again.result is not None
    assert first.result is not None
    assert texts(again.result) == texts(first.result)
    assert again.key == first.key
    assert len(u.history) == 1


def test_the_same_next_sent_twice_gives_the_same_step() -> None:
    u = DialogUser()
    u.open()
    first_card = u.card
    one = u.press("Nästa", answers("kind"), card=first_card)
    two = u.press("Nästa", answers("kind"), card=first_card)
    assert texts(one.shown() or {}) == texts(two.shown() or {})
    assert two.state["wizard"]["step"] == "details"


def test_bad_input_gives_the_same_step_with_the_problem_and_every_value_kept() -> None:
    u = DialogUser()
    u.open()
    u.press("Nästa", answers("kind"))
    typed = {**answers("details"), "title": ""}
    step = u.press("Nästa", typed)
    assert "Steg 2 av 4" in text(u.card)
    assert "Fältet krävs" in text(u.card)
    kept = {e["id"]: e.get("value") for e in walk(u.card) if "id" in e and
            str(e.get("type", "")).startswith("Input.")}
    assert kept["counterpart.name"] == typed["counterpart.name"]
    assert step.state["wizard"]["values"]["counterpart.name"] == typed["counterpart.name"]
    assert step.result is None


def test_back_keeps_what_was_typed_on_the_step_left() -> None:
    u = DialogUser()
    u.open()
    u.press("Nästa", answers("kind"))
    step = u.press("Tillbaka", {"title": "Halvskrivet"})
    assert "Steg 1 av 4" in text(u.card)
    assert step.state["wizard"]["values"]["title"] == "Halvskrivet"


def test_a_forged_assess_from_the_first_step_checks_everything_and_assesses_nothing() -> None:
    u = DialogUser()
    opened = u.open()
    step = u.send({"verb": verbs.WIZARD_ASSESS, DIALOG_KEY: opened.dialog_id,
                   "step": "summary", "values": {"kind": KIND.value}})
    assert step.result is None
    assert u.history == []
    assert "Fältet krävs" in text(u.card)


def test_the_card_data_cannot_set_the_case_or_what_was_read_from_an_invitation() -> None:
    u = DialogUser()
    opened = u.open()
    step = u.send({"verb": verbs.WIZARD_NEXT, DIALOG_KEY: opened.dialog_id, "step": "kind",
                   "kind": KIND.value, "case_id": "SK-2026-0001",
                   "prefilled": {"title": "x"}, "evidence": {"title": "y"}})
    wizard = step.state["wizard"]
    assert (wizard["case_id"], wizard["prefilled"], wizard["evidence"]) == (None, {}, {})


def test_a_card_of_another_dialog_says_so_and_leaves_this_one_as_it_is() -> None:
    u = DialogUser()
    u.open()
    u.press("Nästa", answers("kind"))
    stored = u.stored
    step = u.send({**answers("details"), "verb": verbs.WIZARD_NEXT, DIALOG_KEY: "someone-else",
                   "step": "details"})
    assert "pågår inte längre" in text(u.card)
    assert json.loads(u.stored) == json.loads(stored)
    assert step.result is None
    assert "Ny bedömning" in [a["title"] for a in submits(u.card)]


def test_a_dialog_without_any_stored_state_says_it_is_no_longer_in_progress() -> None:
    u = DialogUser("en")
    u.send({"verb": verbs.WIZARD_NEXT, DIALOG_KEY: "lost", "step": "kind", "kind": "trip"})
    assert "no longer in progress" in text(u.card)


def test_cancel_closes_the_dialog_and_the_next_opening_starts_afresh() -> None:
    u = DialogUser()
    u.open()
    u.press("Nästa", answers("kind"))
    closed = u.press("Avbryt")
    assert closed.shown() is None
    assert closed.result is None
    assert closed.state["wizard"] is None
    u.open()
    assert "Steg 1 av 4" in text(u.card)
    assert "fortsätter" not in text(u.card)


def test_closed_with_its_cross_the_dialog_resumes_where_it_was_and_can_start_over() -> None:
    u = DialogUser()
    first = u.open()
    u.press("Nästa", answers("kind"))
    # ✕: Teams tells the bot nothing. Opened again:
    again = u.open()
    assert again.dialog_id == first.dialog_id
    assert "Steg 2 av 4" in text(u.card)
    assert "Du fortsätter bedömningen där du lämnade den" in text(u.card)
    fresh = u.press("Börja om")
    assert fresh.dialog_id != first.dialog_id
    assert "Steg 1 av 4" in text(u.card)
    assert fresh.state["wizard"]["values"] == {}


def test_close_after_the_result_closes_and_new_assessment_starts_another() -> None:
    u = DialogUser()
    walk_to_summary(u)
    u.press("Bedöm")
    result = u.card
    assert u.press("Stäng", card=result).shown() is None
    new = u.press("Ny bedömning", card=result)
    assert "Steg 1 av 4" in text(u.card)
    assert new.state["wizard"]["step"] == "kind"
    assert len(u.history) == 1


def test_an_unreadable_stored_dialog_is_replaced_by_a_new_one() -> None:
    u = DialogUser()
    u.stored = json.dumps({"version": 99, "id": 3})
    step = u.open()
    assert "Steg 1 av 4" in text(u.card)
    assert step.state["id"] == "dialog-1"


def test_a_user_state_that_does_not_validate_is_left_alone_and_the_result_still_shown() -> None:
    u = DialogUser()
    walk_to_summary(u)
    u.user = json.dumps({"version": 99})
    done = u.press("Bedöm")
    assert done.result is not None
    assert done.user is None  # not replaced: the bot keeps what it has


def test_a_new_screening_takes_the_unit_from_the_profile_and_a_resumed_one_needs_none() -> None:
    u = DialogUser()
    assert wizard_dialog.starts_new(None, None)
    opened = wizard_dialog.open_dialog(None, new_id="d1", lang="sv", profile=Prefill(
        unit="Kulturförvaltningen", source="department"))
    assert opened.state["wizard"]["values"]["unit"] == "Kulturförvaltningen"
    u.stored = json.dumps(opened.state)
    u.steps.append(opened)
    u.press("Nästa", answers("kind"))
    assert not wizard_dialog.starts_new(json.loads(u.stored), None)  # resumed on opening
    assert wizard_dialog.starts_new(json.loads(u.stored), {"verb": verbs.WIZARD_START})
    assert not wizard_dialog.starts_new(json.loads(u.stored), {"verb": verbs.WIZARD_NEXT})
