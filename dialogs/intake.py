"""From an invitation to a prefilled wizard. Pure: no I/O, no SDK.

Three ways in, one way on:

- a long text typed (pasted) in the personal chat that reads as an invitation rather than
  a question (``invitation``), or a file the bot has read (``document``), gives the card
  "Det här hittade jag i inbjudan": each field found with the sentence it came from, and
  "Fortsätt med förifyllda uppgifter" / "Fyll i själv";
- the message action "Bedöm med Strategikollen" opens a Teams dialog with the kind and the
  details prefilled (``dialog``); submitted (``dialog_submit``), it is checked as the
  wizard checks those steps, and either comes back with the problems or gives the card
  for the user's personal chat (``continued_card``);
- either card's button (``verbs.INTAKE_CONTINUE``) starts the wizard with the values, what
  was read and the sentences (``continue_state``), so each field still holding what was
  read says so, with its sentence one click away. Nothing is screened before the user
  presses "Bedöm" on the summary, as in any screening.

What is kept: the cards carry the values and sentences in their buttons' data (the
user's own chat, as a result card carries its values); the wizard keeps them in the
conversation's state while it runs and drops them when it ends. The invitation's text
itself is never kept, and nothing reaches the case register unless the user sends a
screening to IB.

Invitation or question? (``invitation``): only a text shaped like a letter is read as an
invitation — at least ``MIN_LINES`` lines and ``MIN_CHARS`` characters (greeting, body,
signature), or one paragraph of ``LONG_TEXT`` characters with ``MIN_SENTENCES``
sentences — and then when the extractor recognises an invitation in it; one of
``LONG_TEXT`` characters it does not recognise gets "this does not look like an
invitation", unless it ends with a question mark (a long question stays a question).
Every who-decides question is one line or sentence, far under the limits, and stays a
question; a recognised text that ends with a question mark also offers to be answered
as one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cards.elements import Card
from cards.escape import escape
from cards.i18n import number, sek, short_label, t
from cards.intake import Found, continued_card, dialog_card, found_card, refused_card
from cards.wizard import display_value, is_answered
from policy import Kind, Lang
from policy.questions import COMMON_FIELDS

from . import wizard
from .fields import ALL_FIELDS, clean_values, details_fields, question_fields, to_values
from .state import Step, WizardState
from .turn import Document

if TYPE_CHECKING:
    from policy.extract import Extraction

__all__ = [
    "LONG_TEXT",
    "MAX_EVIDENCE",
    "MAX_QUESTION",
    "MIN_CHARS",
    "MIN_LINES",
    "MIN_SENTENCES",
    "DialogOutcome",
    "continue_state",
    "dialog",
    "dialog_again",
    "dialog_submit",
    "document",
    "invitation",
    "pasted",
]

LONG_TEXT = 400  # characters: a text this long is read as an invitation
MIN_LINES = 3  # … a shorter one needs this many lines (greeting, body, signature) …
MIN_CHARS = 120  # … this many characters, and the extractor's recognition
MIN_SENTENCES = 3  # … or, in one paragraph, this many sentences
_SENTENCE_END = re.compile(r"[.!?…](?=[\s\"”’)])")
MAX_EVIDENCE = 600  # characters of a sentence carried on a card
MAX_QUESTION = 2000  # the longest text offered to be answered as a question


def extraction(text: str, lang: Lang) -> Extraction:
    """``policy.extract.extract``, imported on first use: its word lists and patterns are
    a twentieth of the server's start-up, and most turns never need them (the server's
    warm-up reads an invitation in a thread beside its start)."""
    from policy.extract import extract

    return extract(text, lang)


def invitation(text: str, lang: Lang) -> Extraction | None:
    """The extraction of ``text`` when it reads as an invitation rather than a question:
    a letter's shape (``MIN_LINES`` lines, or ``MIN_SENTENCES`` sentences in a text of
    ``LONG_TEXT`` characters) and either recognised by the extractor, or, not recognised,
    at least ``LONG_TEXT`` characters long and not ending with a question mark (then the
    card says it is no invitation)."""
    s = text.strip()
    lines = sum(1 for line in s.splitlines() if line.strip())
    sentences = len(_SENTENCE_END.findall(s + " "))
    long = len(s) >= LONG_TEXT
    if not ((lines >= MIN_LINES and len(s) >= MIN_CHARS) or (long and sentences >= MIN_SENTENCES)):
        return None
    found = extraction(s, lang)
    if found.recognised:
        return found
    return found if long and not s.endswith("?") else None  # a long question stays one


# ---------------------------------------------------------------- what was found


def _values(x: Extraction) -> tuple[dict[str, str], dict[str, str]]:
    """The wizard's raw values of an extraction, and the sentence of each."""
    values = to_values(x.engagement)
    evidence = {name: x.evidence[name][:MAX_EVIDENCE] for name in values if name in x.evidence}
    return values, evidence


def _shown(values: Mapping[str, str]) -> tuple[str, ...]:
    """The fields the wizard asks, in its order, for the kind found (all without one)."""
    kind = wizard.kind_of(values)
    if kind is None:
        return ALL_FIELDS
    return ("kind", *details_fields(kind), *question_fields(kind))


def _display(name: str, state: WizardState, lang: Lang) -> str:
    return display_value(wizard.question(name, state, wizard.kind_of(state.values)), lang)


def _found(x: Extraction, values: dict[str, str], evidence: dict[str, str],
           lang: Lang) -> list[Found]:
    state = wizard.start(values)
    rows = [Found(name, short_label(name, lang), _display(name, state, lang), evidence[name])
            for name in _shown(values) if name in values and name in evidence]
    if x.place is not None and "place" in x.evidence:
        where = ", ".join(p for p in (x.place.city, x.place.country) if p)
        if where:
            rows.append(Found("place", t("intake.place", lang), escape(where),
                              x.evidence["place"][:MAX_EVIDENCE]))
    for n, amount in enumerate(x.amounts):
        shown = f"{_figure(amount.amount, lang)} {amount.currency}"
        if amount.sek is not None and amount.currency != "SEK":
            shown += " ≈ " + sek(amount.sek, lang)
        rows.append(Found(f"amount-{n}", t("intake.amount", lang), escape(shown),
                          amount.evidence[:MAX_EVIDENCE]))
    return rows


def _figure(amount: float, lang: Lang) -> str:
    """An amount written the reader's way: digits grouped, öre or cents only if it has them."""
    return number(amount, lang, decimals=0 if round(amount, 2) == round(amount) else 2)


def _card(x: Extraction, lang: Lang, *, source: str | None = None,
          question: str | None = None) -> Card:
    if not x.recognised:
        return refused_card(t("intake.not_invitation", lang), lang, not_invitation=True)
    values, evidence = _values(x)
    return found_card(_found(x, values, evidence, lang), lang=lang,
                      carry={"values": values, "evidence": evidence},
                      notes=x.notes, source=source, question=question)


def pasted(text: str, x: Extraction, lang: Lang) -> Card:
    """The card for a pasted invitation (``x`` from ``invitation``)."""
    s = text.strip()
    asks = s.endswith("?") and len(s) <= MAX_QUESTION
    return _card(x, lang, question=s if asks else None)


def document(doc: Document, lang: Lang) -> Card:
    """The card for an attached file: what it says, or why it cannot be read."""
    if doc.text is None or not doc.text.strip():
        return refused_card(doc.message or t("intake.refused_title", lang), lang)
    return _card(extraction(doc.text, lang), lang, source=doc.name or None)


# ---------------------------------------------------------------- on to the wizard


def _carried(data: Mapping[str, object], key: str) -> dict[str, str] | None:
    value = data.get(key)
    return clean_values(value) if isinstance(value, Mapping) else None


def _evidence(data: Mapping[str, object], values: Mapping[str, str]) -> dict[str, str]:
    carried = data.get("evidence")
    if not isinstance(carried, Mapping):
        return {}
    return {name: sentence[:MAX_EVIDENCE] for name, sentence in carried.items()
            if name in ALL_FIELDS and name in values and isinstance(sentence, str)
            and sentence.strip()}


def continue_state(data: Mapping[str, object]) -> WizardState:
    """The wizard a card's "Fortsätt" starts: its values, what was read (``prefilled``;
    the values themselves when not given) and the sentences; at the questions when the
    dialog has already had the kind and details confirmed, else at the first step."""
    values = _carried(data, "values") or {}
    prefilled = _carried(data, "prefilled")
    if prefilled is None:
        prefilled = dict(values)
    step = (Step.QUESTIONS if data.get("step") == Step.QUESTIONS.value
            and wizard.kind_of(values) is not None else Step.KIND)
    return wizard.start(values, step=step, prefilled=prefilled,
                        evidence=_evidence(data, prefilled))


# ---------------------------------------------------------------- the Teams dialog


@dataclass(frozen=True, slots=True)
class DialogOutcome:
    """A submitted dialog: ``done`` with the card for the personal chat, or not, with the
    dialog again (problems shown, values kept)."""

    done: bool
    card: Card


def _dialog_fields(kind: Kind | None) -> tuple[str, ...]:
    return ("kind", *(details_fields(kind) if kind is not None else COMMON_FIELDS))


def _dialog_card(state: WizardState, lang: Lang, *, message: str | None = None) -> Card:
    kind = wizard.kind_of(state.values)
    shown = _dialog_fields(kind)
    return dialog_card(
        [wizard.question(n, state, kind) for n in shown],
        lang=lang,
        carry={"prefilled": state.prefilled, "evidence": state.evidence},
        found_any=bool(state.prefilled),
        message=message,
        general_errors=[m for n, m in state.errors.items() if n not in shown],
    )


def dialog(x: Extraction | None, lang: Lang, *, message: str | None = None) -> Card:
    """The message action's dialog for the message's extraction (None when it gave no
    text; ``message`` then says why). Empty, it is the wizard's first two steps."""
    if x is not None and not x.recognised:
        message = message or t("intake.not_invitation", lang)
    values, evidence = _values(x) if x is not None and x.recognised else ({}, {})
    state = wizard.start(values, prefilled=values, evidence=evidence)
    return _dialog_card(state, lang, message=message)


def _submitted(data: Mapping[str, object]) -> WizardState:
    """The dialog's state as submitted: what was read, overwritten by the inputs."""
    prefilled = _carried(data, "prefilled") or {}
    kind = wizard.kind_of({**prefilled, **clean_values(data, ("kind",))})
    names = _dialog_fields(kind)
    values = dict(prefilled)
    if any(n in data for n in names):  # a client leaves empty inputs out
        got = clean_values(data, names)
        values.update({n: got.get(n, "") for n in names})
    return wizard.start(values, prefilled=prefilled, evidence=_evidence(data, prefilled))


def dialog_again(data: Mapping[str, object], lang: Lang, message: str) -> Card:
    """The dialog as submitted, every value kept, with ``message`` (the bot could not go
    on: the user can try again)."""
    return _dialog_card(_submitted(data), lang, message=message)


def dialog_submit(data: Mapping[str, object], lang: Lang) -> DialogOutcome:
    """The dialog's "Fortsätt i chatten": the kind and details checked as the wizard's
    Next checks them; the values read for later steps go along unchanged."""
    state = _submitted(data)
    values, prefilled, evidence = state.values, state.prefilled, state.evidence
    kind = wizard.kind_of(values)
    errors = (wizard.step_errors(Step.KIND, values, lang)
              or wizard.step_errors(Step.DETAILS, values, lang))
    if errors:
        return DialogOutcome(False, _dialog_card(state.model_copy(update={"errors": errors}),
                                                 lang))
    shown = _dialog_fields(wizard.kind_of(values))
    facts = [(short_label(n, lang), _display(n, state, lang)) for n in shown
             if is_answered(wizard.question(n, state, kind))]
    carry = {"values": values, "prefilled": prefilled, "evidence": evidence,
             "step": Step.QUESTIONS.value}
    return DialogOutcome(True, continued_card(facts, lang=lang, carry=carry))
