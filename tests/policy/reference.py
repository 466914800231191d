"""The screening as it read before it was made fast (issue 13), kept plain for the tests.

``reference_assess`` builds every model through validation, looks nothing up in a
cache and walks every rule in force for every engagement; ``test_fast_path`` holds the
fast ``policy.assess`` to it, field by field. The rule checks and routes themselves are
the package's own: this is the reference for everything around them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from policy import (
    Assessment,
    Citation,
    Engagement,
    Financing,
    Finding,
    Lang,
    Outcome,
    Priority,
    PriorityFactor,
    Routing,
    RulebookInfo,
    Verdict,
)
from policy.priority import COST_STEPS, FACTORS, HIGH_FROM, LOW_BELOW
from policy.routing import owner_label, route_for
from policy.rulebook import (
    RULEBOOK_ID,
    RULEBOOK_SOURCE,
    RULEBOOK_VERSIONS,
    Context,
    Registered,
    rules_in_force,
)
from policy.rules import is_capital
from policy.screening import (
    _NEXT_FOR_COORDINATOR,
    _NEXT_FOR_OWNER,
    _NEXT_FOR_ROUTE,
    _NEXT_FOR_VERDICT,
    _VERDICT_BY_WORST,
    ADVISORY,
    COORDINATED,
)

__all__ = ["reference_assess"]

_SEVERITY = {Outcome.BLOCKER: 4, Outcome.MISSING: 3, Outcome.CONDITION: 2, Outcome.NOTE: 1,
             Outcome.SUPPORT: 0}


def _verdict_of(outcomes: Iterable[Outcome]) -> Verdict:
    worst = max(outcomes, key=lambda o: _SEVERITY[o], default=Outcome.SUPPORT)
    return _VERDICT_BY_WORST.get(worst, Verdict.COMPATIBLE)


def _finding(reg: Registered, e: Engagement, ctx: Context, lang: Lang) -> Finding | None:
    reasons = reg.check(e, ctx)
    if not reasons:
        return None
    if len(reasons) == 1:
        first, message = reasons[0], reasons[0].text(lang)
    else:
        ordered = sorted(reasons, key=lambda r: -_SEVERITY[r.outcome])
        first, message = ordered[0], " ".join(r.text(lang) for r in ordered)
    quote = first.quote or reg.rule.quote
    return Finding(rule=reg.rule.id, outcome=first.outcome, message=message,
                   citation=Citation(section=reg.rule.section, text=quote))


def _yes_no(value: bool | None, yes: int, no: int) -> int:
    return 0 if value is None else (yes if value else no)


def _score(e: Engagement, lang: Lang) -> tuple[Priority, list[PriorityFactor]]:
    n_dir = len(set(e.directions))
    cost = 0
    if e.cost_sek is not None and e.financing is not Financing.EXTERNAL_FULL:
        cost = next((p for limit, p in COST_STEPS if e.cost_sek >= limit), 0)
    points = {
        "active_role": _yes_no(e.active_role, 2, -2),
        "programme": _yes_no(e.programme_available, 1, -1),
        "directions": -1 if n_dir == 0 else min(n_dir - 1, 2),
        "benefit": 1 if e.has_benefit else -1,
        "operational_plan": _yes_no(e.linked_to_operational_plan, 1, -1),
        "capital": 1 if is_capital(e) else 0,
        "cost": cost,
        "existing_forum": -2 if e.has_existing_forum else 0,
    }
    total = sum(points.values())
    band = (Priority.HIGH if total >= HIGH_FROM
            else Priority.LOW if total < LOW_BELOW else Priority.MEDIUM)
    labels = {f.id: f for f in FACTORS}
    factors = [PriorityFactor(factor=name, points=p, label=labels[name].label(p, lang))
               for name, p in points.items() if p != 0]
    return band, factors


def _rulebook_info(day: date) -> RulebookInfo:
    version = RULEBOOK_VERSIONS[0][0]
    for name, since in RULEBOOK_VERSIONS:
        if since <= day:
            version = name
    return RulebookInfo(id=RULEBOOK_ID, version=version, source=RULEBOOK_SOURCE)


def reference_assess(e: Engagement, lang: Lang = "sv", *, today: date) -> Assessment:
    day = e.screened_on or today
    r = route_for(e)
    owner = r.owner
    routing = Routing(rule=r.id, reason=r.reason[lang], citation=Citation(
        section=r.section, text=r.quote_for.get(e.kind, r.quote)),
        coordinated_by=r.coordinated_by)
    ctx = Context(owner=owner, day=day)
    findings = [
        f for reg in rules_in_force(day) if reg.rule.concerns(e.kind)
        if (f := _finding(reg, e, ctx, lang)) is not None
    ]
    findings.sort(key=lambda f: -_SEVERITY[f.outcome])
    verdict = _verdict_of(f.outcome for f in findings)
    priority: Priority | None = None
    factors: list[PriorityFactor] = []
    if verdict is not Verdict.NOT_COMPATIBLE:
        priority, factors = _score(e, lang)
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
        rulebook=_rulebook_info(day),
        screened_on=day,
        advisory=advisory,
    )
