"""The assessment card: an advisory verdict, who decides and why, the reasons by outcome.

Built only from ``policy.assess``'s Assessment, so the card can never disagree
with the rules engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from policy import Assessment, Lang, Outcome, Owner, Verdict, owner_label

from . import verbs
from .elements import (
    Card,
    Element,
    action_set,
    card,
    container,
    execute,
    facts,
    heading,
    para,
    quote_toggle,
    subtle,
    user_text,
)
from .i18n import choice, outcome_label, priority_label, short_label, t, verdict_label

__all__ = [
    "OUTCOME_ORDER", "VERDICT_STYLE", "finding_groups", "owner_block", "priority_block",
    "result_card", "send_action", "verdict_block",
]

# Verdict → (container style, text colour, a symbol that carries the meaning without colour)
VERDICT_STYLE: Mapping[Verdict, tuple[str, str, str]] = {
    Verdict.NOT_COMPATIBLE: ("attention", "Attention", "⛔"),
    Verdict.NEEDS_INFORMATION: ("warning", "Warning", "❔"),
    Verdict.COMPATIBLE_WITH_CONDITIONS: ("accent", "Accent", "⚠️"),
    Verdict.COMPATIBLE: ("good", "Good", "✅"),
}

OUTCOME_ORDER: tuple[Outcome, ...] = (
    Outcome.BLOCKER, Outcome.MISSING, Outcome.CONDITION, Outcome.NOTE, Outcome.SUPPORT,
)
_OUTCOME_COLOUR: Mapping[Outcome, str] = {
    Outcome.BLOCKER: "Attention",
    Outcome.MISSING: "Warning",
    Outcome.CONDITION: "Accent",
    Outcome.NOTE: "Default",
    Outcome.SUPPORT: "Good",
}


def verdict_block(a: Assessment, lang: Lang) -> Element:
    """The verdict, then the one advisory statement: advice, not a decision, and who decides."""
    style, colour, symbol = VERDICT_STYLE[a.verdict]
    return container(
        [
            para(f"{symbol} {verdict_label(a.verdict, lang)}", size="Large",
                 weight="Bolder", color=colour, spacing="None"),
            user_text(a.advisory, spacing="Small"),
        ],
        style=style,
        bleed=True,
        id="verdict",
    )


def owner_block(a: Assessment, lang: Lang) -> list[Element]:
    """Who decides, why, and the strategy's words for it a click away."""
    return [
        heading(t("result.owner", lang), spacing="Large", separator=True),
        user_text(a.decision_owner_label, weight="Bolder", id=f"owner-{a.decision_owner.value}"),
        user_text(a.routing.reason, spacing="Small"),
        *coordinator_line(a, lang),
        *quote_toggle("quote-routing", t("result.quote_owner", lang),
                      [("", a.routing.citation.section, a.routing.citation.text)], lang),
    ]


def coordinator_line(a: Assessment, lang: Lang) -> list[Element]:
    """The body that coordinates without deciding (kommunstyrelsen for significant visits)."""
    if a.routing.coordinated_by is None:
        return []
    label = owner_label(a.routing.coordinated_by, lang)
    return [user_text(t("result.coordinated_by", lang).format(owner=label), spacing="Small",
                      weight="Bolder", id=f"coordinated-by-{a.routing.coordinated_by.value}")]


def finding_groups(a: Assessment, lang: Lang) -> list[Element]:
    """The reasons grouped by outcome, most severe first, each group with its quotes."""
    if not a.findings:
        return [para(t("result.no_findings", lang))]
    out: list[Element] = []
    for outcome in OUTCOME_ORDER:
        group = [f for f in a.findings if f.outcome is outcome]
        if not group:
            continue
        name = outcome_label(outcome, lang)
        items: list[Element] = [para(
            f"{name} ({len(group)})", weight="Bolder", color=_OUTCOME_COLOUR[outcome],
        )]
        items += [user_text(f"{f.rule}: {f.message}", spacing="Small") for f in group]
        # One link a group: the strategy's words behind each of its reasons.
        items += quote_toggle(
            f"quotes-{outcome.value}", name.lower(),
            [(f.rule, f.citation.section, f.citation.text) for f in group], lang,
        )
        out.append(container(items, spacing="Medium", id=f"group-{outcome.value}"))
    return out


def priority_block(a: Assessment, lang: Lang) -> list[Element]:
    """The priority and the factors behind it; nothing when the assessment has none."""
    if a.priority is None:
        return []
    pairs = [(f.label, f"{f.points:+d}") for f in a.priority_factors]
    out: list[Element] = [heading(
        t("result.priority", lang, priority=priority_label(a.priority, lang)),
        spacing="Large", separator=True, id="priority",
    )]
    if pairs:
        out.append(facts(pairs))
    return out


def send_action(a: Assessment, values: Mapping[str, str], lang: Lang,
                case_id: str | None = None) -> Element | None:
    """The button that sends this screening to the International Committee (IB).

    With ``case_id`` (the user is completing a case) it sends the new version to that
    case. Otherwise the owner decides: the Finance Commissioner decides after IB, so
    IB gets it; items for the City Executive Board or the City Council go to IB for
    preparation; a committee's or company board's own items do not go to IB at all.
    """
    raw = dict(values)
    # Sending stays possible when the verdict is "not compatible", but is not urged.
    style: Literal["positive"] | None = (
        None if a.verdict is Verdict.NOT_COMPATIBLE else "positive")
    if case_id is not None:
        return execute(t("result.resubmit", lang, id=case_id), verbs.CASES_RESUBMIT,
                       {"case": case_id, "values": raw}, style=style)
    if a.decision_owner is Owner.FINANSBORGARRADET_IB:
        return execute(t("result.send", lang), verbs.IB_SEND,
                       {"values": raw, "prepare": False}, style=style)
    if a.decision_owner in (Owner.KS, Owner.KF):
        return execute(t("result.send_prepare", lang), verbs.IB_SEND,
                       {"values": raw, "prepare": True}, style=style)
    return None


def result_card(
    a: Assessment,
    *,
    title: str,
    kind: str,
    values: Mapping[str, str],
    lang: Lang,
    case_id: str | None = None,
) -> Card:
    """The assessment for ``title``; ``values`` (the wizard's raw inputs) ride on Edit
    and on the button that sends it to IB (a new version of ``case_id`` if given)."""
    body: list[Element] = [
        heading(t("result.title", lang)),
        facts([(short_label("title", lang), title),
               (short_label("kind", lang), choice(kind, lang))]),
        verdict_block(a, lang),
        *owner_block(a, lang),
        heading(t("result.findings", lang), spacing="Large", separator=True),
        *finding_groups(a, lang),
        # The priority orders the Finance Commissioner's items in IB; elsewhere it means nothing.
        *(priority_block(a, lang) if a.decision_owner is Owner.FINANSBORGARRADET_IB else []),
        heading(t("result.next_steps", lang), spacing="Large", separator=True),
        *[user_text(f"• {step}", spacing="Small") for step in a.next_steps],
        subtle(t("result.rulebook", lang, version=a.rulebook.version,
                 day=a.screened_on.isoformat()), spacing="Large"),
    ]
    edit_data: dict[str, Any] = {"values": dict(values)}
    send = send_action(a, values, lang, case_id)
    actions = [
        execute(t("result.edit", lang), verbs.WIZARD_EDIT, edit_data),
        execute(t("starter.new", lang), verbs.WIZARD_START),
    ]
    if send is not None:  # above Edit and New, on its own: the step that comes next
        body.append(action_set([send], spacing="Large"))
    return card(body, actions, lang)
