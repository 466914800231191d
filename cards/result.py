"""The assessment card: an advisory verdict, who decides and why, the reasons by outcome.

Built only from ``policy.assess``'s Assessment, so the card can never disagree
with the rules engine.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from policy import Assessment, Outcome, Owner, Verdict

from . import verbs
from .elements import (
    Card,
    Element,
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
from .i18n import Lang, choice, outcome_label, priority_label, short_label, t, verdict_label

__all__ = ["OUTCOME_ORDER", "VERDICT_STYLE", "result_card"]

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


def _verdict_block(a: Assessment, lang: Lang) -> Element:
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


def _owner_block(a: Assessment, lang: Lang) -> list[Element]:
    return [
        heading(t("result.owner", lang), spacing="Large", separator=True),
        user_text(a.decision_owner_label, weight="Bolder", id=f"owner-{a.decision_owner.value}"),
        user_text(a.routing.reason, spacing="Small"),
        *quote_toggle("quote-routing", t("result.quote_owner", lang),
                      [("", a.routing.citation.section, a.routing.citation.text)], lang),
    ]


def _findings(a: Assessment, lang: Lang) -> list[Element]:
    out: list[Element] = [heading(t("result.findings", lang), spacing="Large", separator=True)]
    if not a.findings:
        out.append(para(t("result.no_findings", lang)))
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


def _priority(a: Assessment, lang: Lang) -> list[Element]:
    if a.decision_owner is not Owner.FINANSBORGARRADET_IB or a.priority is None:
        return []
    pairs = [(f.label, f"{f.points:+d}") for f in a.priority_factors]
    out: list[Element] = [heading(
        t("result.priority", lang, priority=priority_label(a.priority, lang)),
        spacing="Large", separator=True, id="priority",
    )]
    if pairs:
        out.append(facts(pairs))
    return out


def result_card(
    a: Assessment,
    *,
    title: str,
    kind: str,
    values: Mapping[str, str],
    lang: Lang,
) -> Card:
    """The assessment for ``title``; ``values`` (the wizard's raw inputs) ride on Edit."""
    body: list[Element] = [
        heading(t("result.title", lang)),
        facts([(short_label("title", lang), title),
               (short_label("kind", lang), choice(kind, lang))]),
        _verdict_block(a, lang),
        *_owner_block(a, lang),
        *_findings(a, lang),
        *_priority(a, lang),
        heading(t("result.next_steps", lang), spacing="Large", separator=True),
        *[user_text(f"• {step}", spacing="Small") for step in a.next_steps],
        subtle(t("result.rulebook", lang, version=a.rulebook.version,
                 day=a.screened_on.isoformat()), spacing="Large"),
    ]
    edit_data: dict[str, Any] = {"values": dict(values)}
    actions = [
        execute(t("result.edit", lang), verbs.WIZARD_EDIT, edit_data),
        execute(t("starter.new", lang), verbs.WIZARD_START),
    ]
    return card(body, actions, lang)
