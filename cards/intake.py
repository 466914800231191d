"""The cards of an invitation read into the wizard (``dialogs.intake``).

- ``found_card``: what was found in a pasted or attached invitation, each field with the
  sentence it came from one click away, and "Fortsätt med förifyllda uppgifter" / "Fyll i
  själv". Nothing is screened from this card.
- ``refused_card``: the invitation could not be read (or is none), said plainly, with the
  empty wizard still offered.
- ``dialog_card``: the Teams dialog of the message action "Bedöm med Strategikollen": the
  kind and the details, prefilled and editable, submitted with an ``Action.Submit``
  (a dialog takes no ``Action.Execute``).
- ``continued_card``: what the dialog sends to the user's personal chat: the details they
  confirmed and a button that carries on with the wizard there.

Every value and sentence from the invitation is user text and escaped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from policy import Lang

from . import verbs
from .elements import (
    Card,
    Element,
    button_rows,
    card,
    container,
    evidence_toggle,
    execute,
    heading,
    one_line,
    para,
    subtle,
    user_text,
)
from .escape import escape
from .i18n import t
from .wizard import Question, question_block

__all__ = ["Found", "continued_card", "dialog_card", "found_card", "refused_card"]


@dataclass(frozen=True, slots=True)
class Found:
    """One thing read from the invitation: its label (ours), its value as the reader sees it
    (already escaped, as ``cards.wizard.display_value`` gives it) and the sentence (raw)."""

    key: str  # the contract field, or "place" / "amount-N"
    label: str
    value: str
    evidence: str


def _element_id(key: str) -> str:
    return "found-" + "".join(c if c.isalnum() else "-" for c in key)


def _found_row(found: Found, lang: Lang) -> list[Element]:
    """"Label: value" with "Var står det?" beside it, and the sentence hidden below."""
    toggle, sentence = evidence_toggle(_element_id(found.key), found.evidence,
                                       t("intake.source", lang), lang)
    toggle.pop("spacing", None)
    return [{
        "type": "ColumnSet",
        "spacing": "Small",
        "columns": [
            {"type": "Column", "width": "stretch", "verticalContentAlignment": "Center",
             "items": [{"type": "TextBlock", "wrap": True,
                        "text": f"**{one_line(found.label)}:** {found.value}"}]},
            {"type": "Column", "width": "auto", "verticalContentAlignment": "Center",
             "items": [toggle]},
        ],
    }, sentence]


def found_card(
    found: Sequence[Found],
    *,
    lang: Lang,
    carry: Mapping[str, Any],
    notes: Sequence[str] = (),
    source: str | None = None,
    question: str | None = None,
) -> Card:
    """What was found, and the two ways on. ``carry`` is the data of "Fortsätt med
    förifyllda uppgifter" (values, evidence); ``question`` (the text itself) adds "Answer
    it as a question" for a text that also asks something."""
    body: list[Element] = [heading(t("intake.found_title", lang))]
    if source:
        body.append(subtle(t("intake.found_from", lang, name=escape(source)),
                           spacing="None"))
    body.append(para(t("intake.found_intro", lang)))
    if found:
        body += [element for f in found for element in _found_row(f, lang)]
    else:
        body.append(para(t("intake.found_none", lang), weight="Bolder"))
    if notes:
        body.append(container([user_text(f"ℹ {n}", size="Small") for n in notes],
                              style="emphasis", spacing="Medium"))
    actions = [
        execute(t("intake.continue", lang), verbs.INTAKE_CONTINUE, dict(carry),
                style="positive"),
        execute(t("intake.manual", lang), verbs.WIZARD_START),
    ]
    if question:
        actions.append(execute(t("intake.ask_instead", lang), verbs.WHO_ASK,
                               {"question": question}))
    return card(body + button_rows(actions), [], lang)


def refused_card(message: str, lang: Lang, *, not_invitation: bool = False) -> Card:
    """The invitation could not be read (``message`` says why, in the user's language),
    or the text is none; the empty wizard and the question are still offered."""
    title = t("intake.not_invitation_title" if not_invitation else "intake.refused_title",
              lang)
    body: list[Element] = [
        container([heading(title), user_text(message)], style="warning"),
        subtle(t("intake.nothing_stored", lang)),
    ]
    actions = [
        execute(t("intake.manual", lang), verbs.WIZARD_START, style="positive"),
        execute(t("starter.who", lang), verbs.WHO_PROMPT),
        execute(t("starter.help", lang), verbs.HELP),
    ]
    return card(body + button_rows(actions), [], lang)


def dialog_card(
    questions: Sequence[Question],
    *,
    lang: Lang,
    carry: Mapping[str, Any],
    found_any: bool,
    message: str | None = None,
    general_errors: Sequence[str] = (),
) -> Card:
    """The message action's dialog: kind and details, prefilled where the message said so.
    ``carry`` goes back with the inputs (what was read, and the sentences)."""
    body: list[Element] = [heading(t("intake.dialog_title", lang))]
    if message:
        body.append(container([user_text(message)], style="warning"))
    body.append(para(t("intake.dialog_intro" if found_any else "intake.dialog_empty", lang)))
    if any(q.error for q in questions) or general_errors:
        body.append(container(
            [para(t("wizard.errors", lang), color="Attention", weight="Bolder")]
            + [user_text(f"⚠ {e}", color="Attention") for e in general_errors],
            style="attention",
        ))
    if any(q.required for q in questions):
        body.append(subtle(t("wizard.required_hint", lang)))
    body.extend(question_block(q, lang) for q in questions)
    submit: Element = {
        "type": "Action.Submit",
        "title": t("intake.dialog_submit", lang),
        "data": {**carry, "verb": verbs.INTAKE_DIALOG},
        "style": "positive",
    }
    return card(body, [submit], lang)


def continued_card(facts: Sequence[tuple[str, str]], *, lang: Lang,
                   carry: Mapping[str, Any]) -> Card:
    """In the personal chat after the dialog: the details confirmed (label, escaped value)
    and "Fortsätt", which opens the wizard's next step with them."""
    body: list[Element] = [
        heading(t("intake.continued_title", lang)),
        para(t("intake.continued_intro", lang)),
        {"type": "FactSet", "facts": [{"title": one_line(k), "value": v} for k, v in facts]},
    ]
    actions = [
        execute(t("intake.continued_button", lang), verbs.INTAKE_CONTINUE, dict(carry),
                style="positive"),
        execute(t("starter.help", lang), verbs.HELP),
    ]
    return card(body + button_rows(actions), [], lang)
