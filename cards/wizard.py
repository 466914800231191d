"""The screening wizard's cards: one card a step, then a summary.

Input ids are the contract's field names (``title``, ``counterpart.name``,
``directions``, …). Nothing is marked ``isRequired`` on the card: the client
would then block Back as well; the dialog checks required fields and the card
shows its message next to the field, with every value kept.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any, Literal

from policy import Lang

from . import verbs
from .elements import (
    Card,
    Element,
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
from .i18n import choice, help_text, label, money, number, short_label, t

__all__ = [
    "UNKNOWN", "InDialog", "Question", "Widget", "cancelled_card", "dialog_gone_card",
    "dialog_result_card", "dialog_sorry_card", "display_value", "is_answered",
    "question_block", "step_card", "summary_card",
]


UNKNOWN = "unknown"  # the "Not known yet" choice; the same as leaving the question empty

# The profile fields a value may come from, and their names on the card.
_PROFILE_FIELDS = {"department": "wizard.profile_department",
                   "companyName": "wizard.profile_company"}

# The example in a number box's placeholder.
_EXAMPLE_NUMBER = {"cost_sek": "25000", "review_years": "4"}
_NUMBER = re.compile(r"(\d+)(?:[.,](\d+))?")
_NUMBER_NOISE = re.compile(r"(?i)[\s\u00a0\u202f\u2009']+|kronor|kr\.?|sek|:-")


class Widget(StrEnum):
    TEXT = "text"
    LONG_TEXT = "long_text"
    DATE = "date"
    NUMBER = "number"
    YES_NO = "yes_no"
    CHOICE = "choice"
    MULTI_CHOICE = "multi_choice"


@dataclass(frozen=True, slots=True)
class Question:
    """One input on a step card: the contract field, how to ask it, and what the user has."""

    name: str
    widget: Widget
    options: tuple[str, ...] = ()
    required: bool = False
    value: str = ""  # raw, exactly as last submitted
    error: str | None = None
    evidence: str | None = None  # the invitation's sentence the value was read from
    # The user's Entra ID profile field the value came from (department, companyName).
    profile_source: str | None = None


@dataclass(frozen=True, slots=True)
class InDialog:
    """A wizard card shown in a Teams dialog rather than in the chat: plain Action.Submit
    buttons (a dialog takes no Action.Execute), each carrying ``carry`` (the dialog's id);
    ``note`` above the questions; ``restart`` adds "Börja om"."""

    carry: Mapping[str, str]
    note: str | None = None
    restart: bool = False


def _button(title: str, verb: str, data: Mapping[str, Any] | None, dialog: InDialog | None, *,
            inputs: Literal["auto", "none"] = "none",
            style: Literal["positive"] | None = None) -> Element:
    """A wizard button: Action.Execute in the chat, Action.Submit in a dialog."""
    if dialog is None:
        return execute(title, verb, data, inputs=inputs, style=style)
    out: Element = {"type": "Action.Submit", "title": title,
                    "data": {**(data or {}), **dialog.carry, "verb": verb},
                    "associatedInputs": inputs}
    if style:
        out["style"] = style
    return out


def _dialog_lead(dialog: InDialog | None) -> list[Element]:
    return [container([para(dialog.note)], style="emphasis")] if dialog and dialog.note else []


def _restart(dialog: InDialog | None, lang: Lang) -> list[Element]:
    return ([_button(t("wizard.restart", lang), verbs.WIZARD_START, None, dialog)]
            if dialog and dialog.restart else [])


def _choices(q: Question, lang: Lang) -> list[dict[str, str]]:
    if q.widget is Widget.YES_NO:
        out = [{"title": t("wizard.yes", lang), "value": "true"},
               {"title": t("wizard.no", lang), "value": "false"}]
    else:
        out = [{"title": choice(o, lang), "value": o} for o in q.options]
    if not q.required and q.widget is not Widget.MULTI_CHOICE:
        # Renderers reject an empty choice value; UNKNOWN reads back as "not known yet".
        out.append({"title": t("wizard.unknown", lang), "value": UNKNOWN})
    return out


def _input(q: Question, lang: Lang) -> Element:
    lbl = label(q.name, lang) + (" *" if q.required else "")
    base: Element = {"id": q.name, "label": lbl}
    if q.widget in (Widget.YES_NO, Widget.CHOICE, Widget.MULTI_CHOICE):
        choices = _choices(q, lang)
        multi = q.widget is Widget.MULTI_CHOICE
        el: Element = {
            "type": "Input.ChoiceSet", **base,
            "choices": choices,
            "style": "expanded" if multi or len(choices) <= 4 else "compact",
            "wrap": True,
            "value": q.value,
        }
        if multi:
            el["isMultiSelect"] = True
        elif el["style"] == "compact":
            el["placeholder"] = t("wizard.choose", lang)
        return el
    if q.widget is Widget.DATE:
        return {"type": "Input.Date", **base, "value": q.value}
    el = {"type": "Input.Text", **base, "value": q.value}
    if q.widget is Widget.LONG_TEXT:
        el["isMultiline"] = True
        el["maxLength"] = 5000
    elif q.widget is Widget.NUMBER:
        # An example, not a value: "0" in an empty box reads as an answer.
        el["placeholder"] = t("wizard.example_number", lang,
                              example=_EXAMPLE_NUMBER.get(q.name, "10"))
    elif q.name == "title":
        el["maxLength"] = 200
    return el


def question_block(q: Question, lang: Lang) -> Element:
    """One question: its input, "read from the invitation" with the sentence one click
    away when it was, "from your profile" when it came from there, its help text and its
    problem."""
    items: list[Element] = [_input(q, lang)]
    if q.evidence:
        items += evidence_toggle(f"evidence-{q.name}", q.evidence,
                                 t("intake.read_mark", lang), lang)
    if q.profile_source in _PROFILE_FIELDS:
        items.append(subtle(t("wizard.from_profile", lang,
                              field=t(_PROFILE_FIELDS[q.profile_source], lang)),
                            spacing="Small"))
    if help_text(q.name, lang):
        items.append(subtle(help_text(q.name, lang), spacing="Small"))
    if q.error:
        items.append(user_text(f"⚠ {q.error}", color="Attention", weight="Bolder",
                               spacing="Small"))
    return container(items, spacing="Medium")


def step_card(
    *,
    step: str,
    number: int,
    total: int,
    name: str,
    questions: Sequence[Question],
    lang: Lang,
    general_errors: Sequence[str] = (),
    first: bool = False,
    dialog: InDialog | None = None,
) -> Card:
    """The card for one wizard step; ``step`` goes back in every action's data; in a Teams
    dialog when ``dialog`` is given."""
    body: list[Element] = [
        heading(t("wizard.title", lang)),
        subtle(t("wizard.step", lang, step=number, total=total, name=name), spacing="None"),
        *_dialog_lead(dialog),
    ]
    if any(q.error for q in questions) or general_errors:
        body.append(container(
            [para(t("wizard.errors", lang), color="Attention", weight="Bolder")]
            + [user_text(f"⚠ {e}", color="Attention") for e in general_errors],
            style="attention",
        ))
    if any(q.required for q in questions):
        body.append(subtle(t("wizard.required_hint", lang)))
    body.extend(question_block(q, lang) for q in questions)
    data = {"step": step}
    actions = [
        _button(t("wizard.next", lang), verbs.WIZARD_NEXT, data, dialog, inputs="auto",
                style="positive"),
    ]
    if not first:  # the first step has nothing before it; Cancel leaves
        actions.append(_button(t("wizard.back", lang), verbs.WIZARD_BACK, data, dialog,
                               inputs="auto"))
    actions.append(_button(t("wizard.cancel", lang), verbs.WIZARD_CANCEL, data, dialog))
    return card(body, actions + _restart(dialog, lang), lang)


def is_answered(q: Question) -> bool:
    """Something was answered: not empty, not "Not known yet"."""
    return q.value.strip().lower() not in ("", UNKNOWN)


def _number(raw: str) -> tuple[Decimal, int] | None:
    """``raw`` as a number and how many decimals it was written with; None if it is not a
    plain number ("1 400 000 kr", "1,5")."""
    m = _NUMBER.fullmatch(_NUMBER_NOISE.sub("", raw))
    if not m:
        return None
    return Decimal(f"{m.group(1)}.{m.group(2) or 0}"), len(m.group(2) or "")


def display_value(q: Question, lang: Lang) -> str:
    """How a submitted value reads on the summary (already escaped)."""
    v = q.value.strip()
    if q.widget is Widget.YES_NO:
        return {"true": t("wizard.yes", lang), "false": t("wizard.no", lang)}.get(
            v, t("wizard.unknown", lang))
    if not is_answered(q):
        return t("wizard.unknown", lang)
    if q.widget is Widget.CHOICE:
        return escape(choice(v, lang))
    if q.widget is Widget.MULTI_CHOICE:
        return escape(", ".join(choice(p.strip(), lang) for p in v.split(",") if p.strip()))
    if q.widget is Widget.NUMBER and (parsed := _number(v)) is not None:
        value, decimals = parsed
        if q.name == "cost_sek":
            return money(value, "SEK", lang, decimals=decimals)
        shown = value if decimals else int(value)
        if q.name == "review_years":
            return t("wizard.years", lang, n=shown)
        return number(shown, lang, decimals=decimals)
    return escape(v)


def summary_card(*, kind: str, questions: Sequence[Question], lang: Lang, number: int,
                 total: int, dialog: InDialog | None = None) -> Card:
    """Everything gathered, with Edit and Assess.

    Short labels keep the titles to one line; questions left unanswered are named
    together on one line rather than shown as empty rows. The buttons carry the values
    shown, so what is assessed is what the user saw, even from an older card or after
    the conversation state was lost.
    """
    rows: list[dict[str, Any]] = [
        {"title": one_line(short_label(q.name, lang)), "value": display_value(q, lang)}
        for q in questions if is_answered(q)
    ]
    # The kind right after the title (the first row), as on the result card.
    rows.insert(min(1, len(rows)), {"title": one_line(short_label("kind", lang)),
                                    "value": escape(choice(kind, lang))})
    body: list[Element] = [
        heading(t("wizard.title", lang)),
        subtle(t("wizard.step", lang, step=number, total=total, name=t("step.summary", lang)),
               spacing="None"),
        *_dialog_lead(dialog),
        para(t("wizard.summary_intro", lang)),
        {"type": "FactSet", "facts": rows},
    ]
    unanswered = [short_label(q.name, lang) for q in questions if not is_answered(q)]
    if unanswered:
        body.append(subtle(t("wizard.not_answered", lang, fields=", ".join(unanswered)),
                           id="not-answered"))
    values = {"kind": kind, **{q.name: q.value for q in questions if q.value}}
    data = {"step": "summary", "values": values}
    actions = [
        _button(t("wizard.assess", lang), verbs.WIZARD_ASSESS, data, dialog, style="positive"),
        _button(t("wizard.edit", lang), verbs.WIZARD_EDIT, data, dialog),
        _button(t("wizard.back", lang), verbs.WIZARD_BACK, data, dialog),
        _button(t("wizard.cancel", lang), verbs.WIZARD_CANCEL, data, dialog),
    ]
    return card(body, actions + _restart(dialog, lang), lang)


def cancelled_card(lang: Lang) -> Card:
    """What a wizard card becomes when the user cancels: no live buttons left but a restart."""
    return card(
        [heading(t("wizard.title", lang)), para(t("wizard.cancelled", lang))],
        [execute(t("starter.new", lang), verbs.WIZARD_START),
         execute(t("starter.help", lang), verbs.HELP)],
        lang,
    )



def _without_buttons(node: Any) -> Any:
    """``node`` with every Action.Execute and Action.Submit taken out (and the ActionSets
    left empty by that); links and "show the strategy's words" stay."""
    if isinstance(node, list):
        kept = [_without_buttons(n) for n in node
                if not (isinstance(n, dict) and n.get("type") in ("Action.Execute",
                                                                    "Action.Submit"))]
        return [n for n in kept if not (isinstance(n, dict) and n.get("type") == "ActionSet"
                                        and not n.get("actions"))]
    if isinstance(node, dict):
        return {k: _without_buttons(v) for k, v in node.items()}
    return node


def dialog_result_card(result: Card, lang: Lang, *, dialog: InDialog, told: bool) -> Card:
    """The dialog's last step: the result card without its buttons (they work in the chat,
    where the same card is posted, ``told``; or, when it could not be, under "Mina
    bedömningar"), then Close and a new screening."""
    out: Card = _without_buttons(result)
    out["body"].append(container(
        [para(t("wizard.dialog_told" if told else "wizard.dialog_not_told", lang))],
        style="emphasis", spacing="Large"))
    out["actions"] = [
        _button(t("wizard.close", lang), verbs.WIZARD_CANCEL, {"step": "assessed"}, dialog,
                style="positive"),
        _button(t("starter.new", lang), verbs.WIZARD_START, None, dialog),
    ]
    return out


def dialog_gone_card(lang: Lang, *, dialog: InDialog) -> Card:
    """A dialog whose screening no longer runs (finished or cancelled elsewhere, or its
    state lost): say so, and offer a new one."""
    return card(
        [heading(t("wizard.title", lang)), para(t("wizard.dialog_gone", lang))],
        [_button(t("starter.new", lang), verbs.WIZARD_START, None, dialog, style="positive"),
         _button(t("wizard.close", lang), verbs.WIZARD_CANCEL, None, dialog)],
        lang,
    )


def dialog_sorry_card(lang: Lang) -> Card:
    """The dialog when something failed at the bot: no details, what was saved stays."""
    return card([heading(t("wizard.title", lang)),
                 container([para(t("wizard.dialog_sorry", lang))], style="warning")],
                [_button(t("wizard.close", lang), verbs.WIZARD_CANCEL, None, InDialog(carry={}),
                         style="positive")], lang)
