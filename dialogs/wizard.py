"""The screening wizard as a plain state machine: no I/O, no SDK.

    KIND ──next──▶ DETAILS ──next──▶ QUESTIONS ──next──▶ SUMMARY ──assess──▶ ASSESSED
      ◀──back────        ◀──back────          ◀──back───   │ edit ──▶ DETAILS
    every step ──cancel──▶ CANCELLED

The transitions are the one table ``TRANSITIONS`` (drawn in
docs/dialogs/wizard.mmd). ``Next`` and ``Assess`` are guarded: the step's
answers must validate, else the same step comes back with each problem next to
its field. Every value the user typed is kept in ``WizardState.values`` exactly
as typed, whatever happens. A screening that completes a case ("Komplettera")
carries the case's id through every step to its result card, which then offers
to send the new version to that case.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from cards.elements import Card
from cards.i18n import choice, t
from cards.result import result_card
from cards.wizard import InDialog, Question, Widget, cancelled_card, step_card, summary_card
from policy import (
    Assessment,
    Engagement,
    EngagementInvalid,
    Kind,
    Lang,
    assess,
    parse_engagement,
)

from .fields import (
    clean_values,
    details_fields,
    is_blank,
    owner_fields,
    question_fields,
    required,
    to_contract,
    widget_for,
)
from .state import Profiled, Step, WizardState
from .turn import Prefill

__all__ = [
    "INPUT_STEPS", "TRANSITIONS", "Advanced", "Event", "advance", "question", "render", "start",
    "step_errors",
]


class Event(StrEnum):
    NEXT = "next"
    BACK = "back"
    CANCEL = "cancel"
    EDIT = "edit"
    ASSESS = "assess"


# The whole machine. A (state, event) pair not listed leaves the state as it is.
TRANSITIONS: Mapping[tuple[Step, Event], Step] = {
    (Step.KIND, Event.NEXT): Step.DETAILS,
    (Step.KIND, Event.CANCEL): Step.CANCELLED,
    (Step.DETAILS, Event.NEXT): Step.QUESTIONS,
    (Step.DETAILS, Event.BACK): Step.KIND,
    (Step.DETAILS, Event.CANCEL): Step.CANCELLED,
    (Step.QUESTIONS, Event.NEXT): Step.SUMMARY,
    (Step.QUESTIONS, Event.BACK): Step.DETAILS,
    (Step.QUESTIONS, Event.CANCEL): Step.CANCELLED,
    (Step.SUMMARY, Event.ASSESS): Step.ASSESSED,
    (Step.SUMMARY, Event.EDIT): Step.DETAILS,
    (Step.SUMMARY, Event.BACK): Step.QUESTIONS,
    (Step.SUMMARY, Event.CANCEL): Step.CANCELLED,
}

# Steps whose card has inputs, in order; the summary is the last step shown.
INPUT_STEPS: tuple[Step, ...] = (Step.KIND, Step.DETAILS, Step.QUESTIONS)
_SHOWN: tuple[Step, ...] = (*INPUT_STEPS, Step.SUMMARY)


@dataclass(frozen=True, slots=True)
class Advanced:
    """The outcome of one event: the next state (None when the wizard ended) and its card."""

    state: WizardState | None
    card: Card
    assessment: Assessment | None = None
    engagement: Engagement | None = None
    values: dict[str, str] = field(default_factory=dict)


def start(values: Mapping[str, str] | None = None, step: Step = Step.KIND,
          case_id: str | None = None, *, prefilled: Mapping[str, str] | None = None,
          evidence: Mapping[str, str] | None = None,
          profile: Prefill | None = None) -> WizardState:
    """A new screening at ``step`` with ``values``; ``case_id`` when it completes a case;
    ``prefilled`` and ``evidence`` when the values were read from an invitation;
    ``profile`` when the bot found the user's unit in their Entra ID profile: the unit's
    default, unless ``values`` already has one."""
    values = dict(values or {})
    profiled: dict[str, Profiled] = {}
    unit = profile.unit.strip() if profile is not None else ""
    if profile is not None and unit and is_blank(values.get("unit")):
        values["unit"] = unit
        profiled["unit"] = Profiled(value=unit, source=profile.source)
    return WizardState(step=step, values=values, case_id=case_id,
                       prefilled=dict(prefilled or {}), evidence=dict(evidence or {}),
                       profiled=profiled)


def kind_of(values: Mapping[str, str]) -> Kind | None:
    try:
        return Kind(values.get("kind", "").strip())
    except ValueError:
        return None


def fields_of(step: Step, kind: Kind | None) -> tuple[str, ...]:
    """The inputs on ``step``'s card."""
    if step is Step.KIND:
        return ("kind",)
    if kind is None:
        return ()
    if step is Step.DETAILS:
        return details_fields(kind)
    if step is Step.QUESTIONS:
        return question_fields(kind)
    return ()


def step_of(name: str, kind: Kind) -> Step | None:
    return next((s for s in INPUT_STEPS if name in fields_of(s, kind)), None)


# ---------------------------------------------------------------- checks


def _parse_errors(values: Mapping[str, str], kind: Kind, lang: Lang) -> tuple[
        dict[str, str], list[str], Engagement | None]:
    """Field → message for every problem the contract finds; the engagement if none."""
    try:
        return {}, [], parse_engagement(to_contract(values, kind), lang)
    except EngagementInvalid as exc:
        by_field: dict[str, str] = {}
        general: list[str] = []
        for err in exc.errors:
            name = re.sub(r"\[\d+\]$", "", err.field)
            if step_of(name, kind) is None:
                general.append(err.message)
            else:
                by_field.setdefault(name, err.message)
        return by_field, general, None


def _required_errors(step: Step, values: Mapping[str, str], kind: Kind,
                     lang: Lang) -> dict[str, str]:
    owner_depends = owner_fields(kind)
    needed = required(kind, values)
    return {
        name: t("wizard.required" if name in owner_depends else "wizard.required_plain", lang)
        for name in fields_of(step, kind)
        if name in needed and is_blank(values.get(name))
    }


def _probe(values: Mapping[str, str], kind: Kind, upto: Step) -> dict[str, str]:
    """The values of the steps up to ``upto``, with any empty required field given a
    stand-in, so the contract's cross-field checks (end before start …) run now rather
    than after the user has filled in everything else. The empty fields themselves are
    reported by ``_required_errors``."""
    names = [n for s in INPUT_STEPS[: INPUT_STEPS.index(upto) + 1] for n in fields_of(s, kind)]
    probe = {n: values[n] for n in names if n in values}
    for name in required(kind, values):
        if is_blank(probe.get(name)):
            widget, options = widget_for(name)
            probe[name] = options[0] if options else ("false" if widget is Widget.YES_NO
                                                      else "-")
    return probe


def step_errors(step: Step, values: Mapping[str, str], lang: Lang) -> dict[str, str]:
    """Field → message for what keeps ``step``'s answers from going on (its ``Next``)."""
    kind = kind_of(values)
    if kind is None:
        return {"kind": t("wizard.choose_kind", lang)}
    errors = _required_errors(step, values, kind, lang)
    by_field, _, _ = _parse_errors(_probe(values, kind, step), kind, lang)
    for name, message in by_field.items():
        if name in fields_of(step, kind):
            errors.setdefault(name, message)
    return errors


def _all_errors(values: Mapping[str, str], lang: Lang) -> tuple[
        Step, dict[str, str], list[str], Engagement | None]:
    """Check everything; the earliest step with a problem, or the engagement."""
    kind = kind_of(values)
    if kind is None:
        return Step.KIND, {"kind": t("wizard.choose_kind", lang)}, [], None
    errors: dict[str, str] = {}
    for s in INPUT_STEPS:
        errors.update(_required_errors(s, values, kind, lang))
    if errors:  # report the contract's other problems at the same time
        by_field, general, _ = _parse_errors(_probe(values, kind, INPUT_STEPS[-1]), kind, lang)
        engagement = None
    else:
        by_field, general, engagement = _parse_errors(values, kind, lang)
    for name, message in by_field.items():
        errors.setdefault(name, message)
    if not errors and not general and engagement is not None:
        return Step.SUMMARY, {}, [], engagement
    first = min((step_of(n, kind) or Step.QUESTIONS for n in errors),
                key=INPUT_STEPS.index, default=Step.QUESTIONS)
    return first, errors, general, None


# ---------------------------------------------------------------- cards


def render(state: WizardState, lang: Lang, *, dialog: InDialog | None = None) -> Card:
    """The card for ``state``: an input step, or the summary; for a Teams dialog when
    ``dialog`` is given (``dialogs.wizard_dialog``)."""
    kind = kind_of(state.values)
    step = state.step if kind is not None else Step.KIND
    if step not in _SHOWN:
        step = Step.SUMMARY
    number, total = _SHOWN.index(step) + 1, len(_SHOWN)
    if step is Step.SUMMARY and kind is not None:
        names = (*details_fields(kind), *question_fields(kind))
        return summary_card(kind=kind.value, questions=[question(n, state, kind) for n in names],
                            lang=lang, number=number, total=total, dialog=dialog)
    names = fields_of(step, kind)
    title = {
        Step.KIND: t("step.kind", lang),
        Step.DETAILS: t("step.details", lang),
        Step.QUESTIONS: t("step.questions", lang, kind=choice(kind.value, lang) if kind else ""),
    }[step]
    shown = set(names)
    return step_card(
        step=step.value,
        number=number,
        total=total,
        name=title,
        questions=[question(n, state, kind) for n in names],
        lang=lang,
        general_errors=[*state.general,
                        *(m for n, m in state.errors.items() if n not in shown)],
        first=step is Step.KIND,
        dialog=dialog,
    )


def question(name: str, state: WizardState, kind: Kind | None) -> Question:
    """How ``name`` is asked on a card for ``state``; with the invitation's sentence while
    the value is still the one read from it, and the profile's field likewise."""
    widget, options = widget_for(name)
    needed = name == "kind" or (kind is not None and name in required(kind))
    value = state.values.get(name, "")
    read = state.prefilled.get(name)
    evidence = state.evidence.get(name) if read is not None and read == value else None
    return Question(name=name, widget=widget, options=options, required=needed,
                    value=value, error=state.errors.get(name), evidence=evidence,
                    profile_source=_profile_source(state, name))


def _profile_source(state: WizardState, name: str) -> str | None:
    """The profile's field the value came from, while it is still the one it gave."""
    found = state.profiled.get(name)
    if found is None or state.values.get(name, "").strip() != found.value:
        return None
    return found.source


# ---------------------------------------------------------------- the machine


def _card_step(state: WizardState, submitted: Mapping[str, object]) -> Step:
    """The step of the card the user clicked on (it may be an older card than the state)."""
    try:
        step = Step(str(submitted.get("step", "")))
    except ValueError:
        return state.step
    return step if step in _SHOWN else state.step


def _take_inputs(step: Step, values: dict[str, str], submitted: Mapping[str, object]) -> None:
    """Keep what the step's card sent. A card that sent any of its inputs sent all of
    them, so a missing one was cleared (clients leave empty inputs out)."""
    names = fields_of(step, kind_of({**values, **clean_values(submitted, ("kind",))}))
    if not any(n in submitted for n in names):
        return
    got = clean_values(submitted, names)
    for n in names:
        values[n] = got.get(n, "")


def advance(
    state: WizardState,
    event: Event,
    submitted: Mapping[str, object],
    *,
    lang: Lang,
    today: date,
    dialog: InDialog | None = None,
) -> Advanced:
    """The next state and the card to show for ``event`` with the card's ``submitted`` data
    (the steps' cards for a Teams dialog when ``dialog`` is given; the result card is the
    chat's either way)."""
    step = _card_step(state, submitted)
    values = dict(state.values)
    carried = submitted.get("values")
    if step is Step.SUMMARY and isinstance(carried, Mapping):
        values.update(clean_values(carried))  # the summary card's own values win
    if event in (Event.NEXT, Event.BACK) and step in INPUT_STEPS:
        _take_inputs(step, values, submitted)
    case = state.case_id
    read, evidence = state.prefilled, state.evidence  # from an invitation, kept throughout
    profiled = state.profiled  # from the user's profile, kept throughout
    here = WizardState(step=step, values=values, case_id=case, prefilled=read,
                       evidence=evidence, profiled=profiled)
    target = TRANSITIONS.get((step, event))

    if target is None:
        return Advanced(here, render(here, lang, dialog=dialog), values=values)
    if target is Step.CANCELLED:
        return Advanced(None, cancelled_card(lang), values=values)

    if event is Event.NEXT:
        errors = step_errors(step, values, lang)
        if errors:
            stay = here.model_copy(update={"errors": errors})
            return Advanced(stay, render(stay, lang, dialog=dialog), values=values)

    if target in (Step.SUMMARY, Step.ASSESSED):
        first, errors, general, engagement = _all_errors(values, lang)
        if engagement is None:
            back = WizardState(step=first, values=values, errors=errors, general=general,
                               case_id=case, prefilled=read, evidence=evidence,
                               profiled=profiled)
            return Advanced(back, render(back, lang, dialog=dialog), values=values)
        if target is Step.ASSESSED:
            a = assess(engagement, lang, today=today)
            return Advanced(
                None,
                result_card(a, title=engagement.title, kind=engagement.kind.value,
                            values=values, lang=lang, case_id=case),
                assessment=a,
                engagement=engagement,
                values=values,
            )

    nxt = WizardState(step=target, values=values, case_id=case, prefilled=read,
                      evidence=evidence, profiled=profiled)
    return Advanced(nxt, render(nxt, lang, dialog=dialog), values=values)
