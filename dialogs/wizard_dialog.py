"""The screening wizard as a Teams dialog (task module), so that a screening does not
scroll the chat. Pure: no I/O, no SDK.

    open ─────────▶ the first step (or the screening left open, resumed, with "Börja om")
    Next/Back/Edit ▶ the next step, or the same one with its problems, every value kept
    Bedöm ────────▶ the result as the dialog's last step, and ``DialogStep.result`` for the
                    bot to post once to the user's personal chat (the card with its buttons)
    Avbryt, Stäng ▶ the dialog closes (``card`` None); nothing is posted
    Börja om, Ny bedömning ▶ a new screening in the same dialog

The machine is ``dialogs.wizard``'s, with the cards in their dialog form
(``cards.wizard.InDialog``: Action.Submit, which a dialog takes, instead of Action.Execute).

Where the state is: ``DialogState``, one per user, kept by the bot in the user's own state
(the screening's values never ride in the card); the card carries only the dialog's id
(``DIALOG_KEY``) and its step's inputs, which are checked as in the chat. The in-chat
wizard's state (the conversation's) is another thing, left as it is. A card whose id is not
the stored dialog's (another window's, or one whose screening ended) gets "no longer in
progress" and a new screening offered. Closed with its ✕ (Teams tells the bot nothing), the
screening stays, and opening the dialog again resumes it.

Retries: Teams sends an invoke again when its answer was late. The same step's card again
gives the same next step (the step comes from the card); Bedöm again, once the result is
shown, shows it again without remembering the screening twice, and the bot posts it under
one key per dialog (``DialogStep.key``), so it reaches the chat once.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from cards import verbs
from cards.elements import Card
from cards.i18n import t
from cards.wizard import InDialog, dialog_gone_card, dialog_result_card, dialog_sorry_card
from policy import Lang

from . import wizard
from .conversation import VERB_EVENTS
from .fields import is_blank
from .state import HistoryEntry, Step, UserState, WizardState
from .turn import Prefill

__all__ = [
    "DIALOG_KEY", "DialogState", "DialogStep", "open_dialog", "sorry", "starts_new",
    "submit_dialog", "title",
]

log = logging.getLogger(__name__)

DIALOG_KEY = "dialog"  # the dialog's id in every button's data


class DialogState(BaseModel):
    """A user's wizard dialog: its id, the screening in progress (None once it ended), and
    the values of the result it showed (so that a retried Bedöm shows it again)."""

    model_config = ConfigDict(extra="forbid")

    version: Literal[1] = 1
    id: str
    wizard: WizardState | None = None
    assessed: dict[str, str] | None = None


@dataclass(frozen=True, slots=True)
class DialogStep:
    """What one invoke comes to: the dialog state to keep, the user state when it changed
    (a screening remembered under "Mina bedömningar"), and the dialog's next card (None
    closes it). With a ``result``, the bot posts it to the personal chat under ``key`` and
    shows ``shown(told)``: the result without its buttons, saying where they are."""

    state: dict[str, Any]
    card: Card | None
    lang: Lang
    user: dict[str, Any] | None = None
    result: Card | None = None

    @property
    def dialog_id(self) -> str:
        return str(self.state["id"])

    @property
    def key(self) -> str:
        """The outbox key of this dialog's result: one post per dialog, however often sent."""
        return f"wizard-dialog:{self.dialog_id}"

    def shown(self, *, told: bool = True) -> Card | None:
        if self.result is None:
            return self.card
        return dialog_result_card(self.result, self.lang, dialog=_in(self.dialog_id),
                                  told=told)


def title(lang: Lang) -> str:
    """The dialog's window title."""
    return t("wizard.title", lang)


def _in(dialog_id: str, **extra: Any) -> InDialog:
    return InDialog(carry={DIALOG_KEY: dialog_id}, **extra)


def _load(stored: Mapping[str, Any] | None) -> DialogState | None:
    if not stored:
        return None
    try:
        return DialogState.model_validate(stored)
    except ValidationError:
        log.warning("stored wizard dialog did not validate; starting afresh")
        return None


def _dump(state: DialogState) -> dict[str, Any]:
    return state.model_dump(mode="json")


def _fresh(dialog_id: str, lang: Lang, profile: Prefill | None) -> DialogStep:
    started = wizard.start(profile=profile)
    state = DialogState(id=dialog_id, wizard=started)
    return DialogStep(_dump(state), wizard.render(started, lang, dialog=_in(dialog_id)), lang)


def _started(w: WizardState) -> bool:
    """Whether the screening has anything the user answered."""
    return w.step is not Step.KIND or any(not is_blank(v) for v in w.values.values())


def starts_new(stored: Mapping[str, Any] | None, data: Mapping[str, Any] | None) -> bool:
    """Whether opening (``data`` None) or ``data`` may start a new screening: the bot then
    looks up the user's profile first and passes it in (``profile``)."""
    if data is not None:
        return str(data.get("verb") or "") in (verbs.WIZARD_START, verbs.WIZARD_DIALOG)
    state = _load(stored)
    return state is None or state.wizard is None or not _started(state.wizard)


def open_dialog(stored: Mapping[str, Any] | None, *, new_id: str, lang: Lang,
                profile: Prefill | None = None) -> DialogStep:
    """The dialog as it opens: the screening left open (resumed, with "Börja om"), else a
    new one with the id ``new_id`` (the unit from ``profile``, the user's Entra ID profile,
    when the bot has it)."""
    state = _load(stored)
    if state is not None and state.wizard is not None and _started(state.wizard):
        card = wizard.render(state.wizard, lang, dialog=_in(
            state.id, note=t("wizard.dialog_resumed", lang), restart=True))
        return DialogStep(_dump(state), card, lang)
    if state is not None and state.wizard is not None:
        return DialogStep(_dump(state), wizard.render(state.wizard, lang, dialog=_in(state.id)),
                          lang)
    return _fresh(new_id, lang, profile)


def _remember(user: Mapping[str, Any] | None, out: wizard.Advanced) -> dict[str, Any] | None:
    """The user state with the screening under "Mina bedömningar"; None if it could not be
    read (then it is left as it is rather than replaced)."""
    if out.engagement is None or out.assessment is None:
        return None
    try:
        before = UserState.model_validate(user) if user else UserState()
    except ValidationError:
        log.warning("stored user state did not validate; the dialog's screening is not kept")
        return None
    e, a = out.engagement, out.assessment
    after = before.remember(HistoryEntry(
        id=before.next_id, title=e.title, kind=e.kind, verdict=a.verdict,
        owner=a.decision_owner, day=a.screened_on,
        engagement=e.model_dump(mode="json", exclude_none=True),
    ))
    return after.model_dump(mode="json")


def _assessed(state: DialogState, values: Mapping[str, str], *, lang: Lang,
              today: date) -> DialogStep:
    """The result shown again (a retried Bedöm): assessed from the values kept."""
    out = wizard.advance(wizard.start(values, step=Step.SUMMARY), wizard.Event.ASSESS, {},
                         lang=lang, today=today)
    if out.assessment is None:  # cannot happen for values that were assessed; be safe
        return DialogStep(_dump(state), dialog_gone_card(lang, dialog=_in(state.id)), lang)
    return DialogStep(_dump(state), None, lang, result=out.card)


def submit_dialog(stored: Mapping[str, Any] | None, user: Mapping[str, Any] | None,
                  data: Mapping[str, Any], *, new_id: str, lang: Lang,
                  today: date, profile: Prefill | None = None) -> DialogStep:
    """One button in the dialog: ``data`` is what its card sent (the verb, the dialog's id,
    the step and the step's inputs), ``stored`` the user's dialog state, ``user`` their
    state (for "Mina bedömningar")."""
    state = _load(stored)
    verb = str(data.get("verb") or "")
    if verb in (verbs.WIZARD_START, verbs.WIZARD_DIALOG):
        return _fresh(new_id, lang, profile)
    mine = state is not None and str(data.get(DIALOG_KEY) or "") == state.id
    if verb == verbs.WIZARD_CANCEL:  # Avbryt, or Stäng after the result: the dialog closes
        if state is not None and mine:
            state = DialogState(id=state.id)
        return DialogStep(_dump(state) if state else {}, None, lang)
    if state is None or not mine:
        gone = state or DialogState(id=new_id)
        return DialogStep(_dump(gone), dialog_gone_card(lang, dialog=_in(gone.id)), lang)
    if state.wizard is None:
        if verb == verbs.WIZARD_ASSESS and state.assessed is not None:
            return _assessed(state, state.assessed, lang=lang, today=today)
        return DialogStep(_dump(state), dialog_gone_card(lang, dialog=_in(state.id)), lang)
    event = VERB_EVENTS.get(verb)
    if event is None:  # not a wizard button: the step again
        return DialogStep(_dump(state), wizard.render(state.wizard, lang, dialog=_in(state.id)),
                          lang)
    out = wizard.advance(state.wizard, event, data, lang=lang, today=today,
                         dialog=_in(state.id))
    if out.assessment is not None:
        ended = DialogState(id=state.id, assessed=out.values)
        return DialogStep(_dump(ended), None, lang, user=_remember(user, out), result=out.card)
    if out.state is None:
        return DialogStep(_dump(DialogState(id=state.id)), None, lang)
    return DialogStep(_dump(state.model_copy(update={"wizard": out.state})), out.card, lang)


def sorry(lang: Lang) -> Card:
    """The dialog when the bot failed: what is saved stays, and opening it again resumes."""
    return dialog_sorry_card(lang)
