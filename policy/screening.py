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
    RulebookInfo,
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


# The hot path (issue 13) builds nothing twice: the rules a kind meets on a day, the
# findings (frozen; most repeat, as a message embeds the user's text only for a few
# rules), the context, the rulebook record and the owner's sentences are each made
# once and shared. Validation of the output models was most of a screening's cost.
_SEVERITY_OF: Mapping[Outcome, int] = {o: o.severity for o in Outcome}
# Verdict by the worst severity found (-1: no finding).
_VERDICT_BY_SEVERITY: Mapping[int, Verdict] = {
    -1: Verdict.COMPATIBLE,
    **{o.severity: _VERDICT_BY_WORST.get(o, Verdict.COMPATIBLE) for o in Outcome},
}


def _finding(reg: Registered, e: Engagement, ctx: Context, lang: Lang) -> Finding | None:
    reasons = reg.check(e, ctx)
    if not reasons:
        return None
    # One finding a rule: its most severe outcome, with every reason in the message.
    if len(reasons) == 1:
        first = reasons[0]
        message = first.sv if lang == "sv" else first.en
    else:
        ordered = sorted(reasons, key=lambda r: -_SEVERITY_OF[r.outcome])
        first, message = ordered[0], " ".join(r.text(lang) for r in ordered)
    rule = reg.rule
    return _finding_record(rule.id, first.outcome, message, rule.section,
                           first.quote or rule.quote)


@lru_cache(maxsize=8192)
def _finding_record(rule: str, outcome: Outcome, message: str, section: str, quote: str) -> Finding:
    return Finding(rule=rule, outcome=outcome, message=message,
                   citation=_citation(section, quote))


@cache
def _rules_for(day: date, kind: Kind) -> tuple[Registered, ...]:
    return tuple(reg for reg in rules_in_force(day) if reg.rule.concerns(kind))


@cache
def _citation(section: str, text: str) -> Citation:
    return Citation(section=section, text=text)


@lru_cache(maxsize=1024)
def _context(owner: Owner, day: date) -> Context:
    return Context(owner=owner, day=day)


@lru_cache(maxsize=1024)
def _rulebook(day: date) -> RulebookInfo:
    return rulebook_info(day)


@cache
def _owner_texts(
    owner: Owner, route_id: str, coordinator: Owner | None, lang: Lang
) -> tuple[str, str, tuple[str, ...]]:
    """The owner's label, the advisory sentence, and the next steps after the verdict's."""
    label = owner_label(owner, lang)
    advisory = ADVISORY[lang].format(owner=label[0].lower() + label[1:])
    steps = [_NEXT_FOR_ROUTE.get(route_id, _NEXT_FOR_OWNER[owner])[lang]]
    if coordinator is not None:
        advisory = f"{advisory} {COORDINATED[coordinator][lang]}"
        steps.append(_NEXT_FOR_COORDINATOR[coordinator][lang])
    return label, advisory, tuple(steps)


def assess(e: Engagement, lang: Lang = "sv", *, today: date) -> Assessment:
    """Screen ``e`` against the rules in force on ``e.screened_on``, or, without one, on
    ``today``. The caller says what today is (the product from its one clock): the
    policy reads no clock of its own."""
    day = e.screened_on or today
    owner, routing = route(e, lang)
    ctx = _context(owner, day)
    # Findings most severe first, in rule order within a severity (a stable sort).
    by_severity: list[list[Finding]] = [[], [], [], [], []]
    worst = -1
    for reg in _rules_for(day, e.kind):
        if (f := _finding(reg, e, ctx, lang)) is not None:
            severity = _SEVERITY_OF[f.outcome]
            by_severity[severity].append(f)
            if severity > worst:
                worst = severity
    findings = [*by_severity[4], *by_severity[3], *by_severity[2], *by_severity[1],
                *by_severity[0]]
    verdict = _VERDICT_BY_SEVERITY[worst]
    priority: Priority | None = None
    factors: list[PriorityFactor] = []
    if verdict is not Verdict.NOT_COMPATIBLE:
        priority, factors = score(e, lang)
    label, advisory, steps = _owner_texts(owner, routing.rule, routing.coordinated_by, lang)
    return _trusted_assessment({
        "verdict": verdict,
        "decision_owner": owner,
        "decision_owner_label": label,
        "routing": routing,
        "priority": priority,
        "priority_factors": factors,
        "findings": findings,
        "next_steps": [_NEXT_FOR_VERDICT[verdict][lang], *steps],
        "rulebook": _rulebook(day),
        "screened_on": day,
        "advisory": advisory,
    })


_ASSESSMENT_FIELDS = frozenset(Assessment.model_fields)
_set = object.__setattr__


def _trusted_assessment(fields: dict[str, object]) -> Assessment:
    """An Assessment of values that are already what validation would make of them:
    what ``Assessment.model_construct`` does, without its walk over the fields. Every
    value here is of its field's type, built by this module from validated parts (the
    equivalence test in tests/policy/test_fast_path.py holds it to ``Assessment(...)``)."""
    a = Assessment.__new__(Assessment)
    _set(a, "__dict__", fields)
    _set(a, "__pydantic_fields_set__", _ASSESSMENT_FIELDS)
    _set(a, "__pydantic_extra__", None)
    _set(a, "__pydantic_private__", None)
    return a
