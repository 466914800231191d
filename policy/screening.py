"""Screening: an engagement in, an advisory assessment out. Pure; no I/O."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache, lru_cache

from .models import (
    Assessment,
    Citation,
    Engagement,
    Finding,
    Kind,
    Lang,
    Outcome,
    Owner,
    Priority,
    PriorityFactor,
    Verdict,
)
from .priority import score
from .routing import owner_label, route
from .rulebook import Context, Registered, rulebook_info, rules_in_force

__all__ = ["ADVISORY", "COORDINATED", "assess", "verdict_of"]

ADVISORY: Mapping[Lang, str] = {
    "sv": "Rådgivande bedömning – inte ett beslut. Beslutet fattas av {owner}.",
    "en": "Advisory assessment – not a decision. The decision is made by {owner}.",
}
# Where a route's owner alone would mislead: the council decides on twinning only in the
# sense that it alone could change the principle; no procedure leads to an agreement.
_NEXT_FOR_ROUTE: Mapping[str, Mapping[Lang, str]] = {
    "R-KF-TWINNING": {
        "sv": "Ett vänortsavtal kan inte tecknas enligt strategin; bara kommunfullmäktige kan "
        "ändra den principen. Ett tidsbegränsat samarbetsavtal om ett konkret utbyte (P3) "
        "kan vara ett alternativ.",
        "en": "A twinning agreement cannot be signed under the strategy; only the City Council "
        "can change that principle. A time-limited cooperation agreement on a concrete "
        "exchange (P3) may be an alternative.",
    },
}
# Said beside the owner when another body coordinates without deciding (contract §7.2).
COORDINATED: Mapping[Owner, Mapping[Lang, str]] = {
    Owner.KS: {
        "sv": "Kommunstyrelsen koordinerar, men beslutar inte.",
        "en": "The City Executive Board coordinates, but does not decide.",
    },
}
_NEXT_FOR_COORDINATOR: Mapping[Owner, Mapping[Lang, str]] = {
    Owner.KS: {
        "sv": "Kommunstyrelsen koordinerar besöket: kontakta stadsledningskontorets "
        "internationella enhet i god tid.",
        "en": "The City Executive Board coordinates the visit: contact the City Executive "
        "Office's international unit in good time.",
    },
}

_VERDICT_BY_WORST: Mapping[Outcome, Verdict] = {
    Outcome.BLOCKER: Verdict.NOT_COMPATIBLE,
    Outcome.MISSING: Verdict.NEEDS_INFORMATION,
    Outcome.CONDITION: Verdict.COMPATIBLE_WITH_CONDITIONS,
}

_NEXT_FOR_VERDICT: Mapping[Verdict, Mapping[Lang, str]] = {
    Verdict.NOT_COMPATIBLE: {
        "sv": "Engagemanget är inte förenligt med strategin i denna form; se hindren.",
        "en": "The engagement is not compatible with the strategy in this form; see the "
        "blockers.",
    },
    Verdict.NEEDS_INFORMATION: {
        "sv": "Komplettera uppgifterna som saknas och gör en ny bedömning.",
        "en": "Add the missing information and screen again.",
    },
    Verdict.COMPATIBLE_WITH_CONDITIONS: {
        "sv": "Säkerställ villkoren innan beslut.",
        "en": "Make sure the conditions are met before the decision.",
    },
    Verdict.COMPATIBLE: {
        "sv": "Underlaget kan gå vidare till beslut.",
        "en": "The proposal can go forward for decision.",
    },
}

_NEXT_FOR_OWNER: Mapping[Owner, Mapping[Lang, str]] = {
    Owner.NAMND: {
        "sv": "Nämnden eller bolagsstyrelsen beslutar; verksamhetens internationella "
        "kontaktperson samordnar.",
        "en": "The committee or company board decides; the operation's international contact "
        "person coordinates.",
    },
    Owner.KS: {
        "sv": "Stadsledningskontoret bereder ärendet för beslut i kommunstyrelsen.",
        "en": "The City Executive Office prepares the matter for the City Executive Board.",
    },
    Owner.KF: {
        "sv": "Kommunstyrelsen bereder ärendet och föreslår kommunfullmäktige ett beslut.",
        "en": "The City Executive Board prepares the matter and proposes a decision to the "
        "City Council.",
    },
    Owner.FINANSBORGARRADET_IB: {
        "sv": "Anmäl ärendet till Internationella beredningen (IB) via stadsledningskontorets "
        "internationella enhet; finansborgarrådet beslutar.",
        "en": "Submit the matter to the International Committee (IB) through the City "
        "Executive Office's international unit; the Finance Commissioner decides.",
    },
}


def verdict_of(outcomes: Iterable[Outcome]) -> Verdict:
    """The verdict that the findings' outcomes call for (contract §2)."""
    worst = max(outcomes, key=lambda o: o.severity, default=Outcome.SUPPORT)
    return _VERDICT_BY_WORST.get(worst, Verdict.COMPATIBLE)


def _finding(reg: Registered, e: Engagement, ctx: Context, lang: Lang) -> Finding | None:
    reasons = reg.check(e, ctx)
    if not reasons:
        return None
    # One finding a rule: its most severe outcome, with every reason in the message.
    if len(reasons) == 1:
        first, message = reasons[0], reasons[0].text(lang)
    else:
        ordered = sorted(reasons, key=lambda r: -r.outcome.severity)
        first, message = ordered[0], " ".join(r.text(lang) for r in ordered)
    quote = first.quote or reg.rule.quote
    return _finding_record(reg.rule.id, first.outcome, message, reg.rule.section, quote)


# Findings are frozen and mostly repeat (the message embeds user text only for a
# few rules), so equal ones are built once: validation is the hot path's cost.
@lru_cache(maxsize=4096)
def _finding_record(rule: str, outcome: Outcome, message: str, section: str, quote: str) -> Finding:
    return Finding(rule=rule, outcome=outcome, message=message,
                   citation=_citation(section, quote))


@cache
def _rules_for(day: date, kind: Kind) -> tuple[Registered, ...]:
    return tuple(reg for reg in rules_in_force(day) if reg.rule.concerns(kind))


@cache
def _citation(section: str, text: str) -> Citation:
    return Citation(section=section, text=text)


def assess(e: Engagement, lang: Lang = "sv", *, today: date) -> Assessment:
    """Screen ``e`` against the rules in force on ``e.screened_on``, or, without one, on
    ``today``. The caller says what today is (the product from its one clock): the
    policy reads no clock of its own."""
    day = e.screened_on or today
    owner, routing = route(e, lang)
    ctx = Context(owner=owner, day=day)
    findings = [
        f for reg in _rules_for(day, e.kind) if (f := _finding(reg, e, ctx, lang)) is not None
    ]
    findings.sort(key=lambda f: -f.outcome.severity)
    verdict = verdict_of(f.outcome for f in findings)
    priority: Priority | None = None
    factors: list[PriorityFactor] = []
    if verdict is not Verdict.NOT_COMPATIBLE:
        priority, factors = score(e, lang)
    label = owner_label(owner, lang)
    advisory = ADVISORY[lang].format(owner=label[0].lower() + label[1:])
    next_steps = [_NEXT_FOR_VERDICT[verdict][lang],
                  _NEXT_FOR_ROUTE.get(routing.rule, _NEXT_FOR_OWNER[owner])[lang]]
    if (coordinator := routing.coordinated_by) is not None:
        advisory = f"{advisory} {COORDINATED[coordinator][lang]}"
        next_steps.append(_NEXT_FOR_COORDINATOR[coordinator][lang])
    return Assessment(
        verdict=verdict,
        decision_owner=owner,
        decision_owner_label=label,
        routing=routing,
        priority=priority,
        priority_factors=factors,
        findings=findings,
        next_steps=next_steps,
        rulebook=rulebook_info(day),
        screened_on=day,
        advisory=advisory,
    )
