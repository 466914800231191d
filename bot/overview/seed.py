"""Varied cases in a migrated register, through the register's own API, for the overview's
tests, the page's tests and ``bench/bench_overview.py``.

``seed_cases`` submits ``count`` engagements (every kind, several units, submitters,
costs, countries and directions), spread evenly in time from ``start`` over ``days`` on the
given ``FixedClock`` (the register's), and moves a share of them on: to the agenda for a
meeting, accepted (memberships and intent agreements then get a review date), declined,
asked to complete, withdrawn. The same arguments give the same register.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from ibcase import CaseStatus
from policy import Assessment, Engagement, Kind, assess, parse_engagement
from policy.models import REQUIRED_BY_KIND

from ..clock import CITY_ZONE, FixedClock
from ..persistence.register import Actor, CaseRegister

__all__ = ["COUNTRIES", "IB_ACTOR", "SUBMITTERS", "UNITS", "seed_cases"]

SUBMITTERS: tuple[Actor, ...] = tuple(
    Actor(id=f"00000000-0000-0000-0000-{i:012d}", name=name, unit=unit)
    for i, (name, unit) in enumerate([
        ("Anna Andersson", "Kulturförvaltningen"),
        ("Bertil Berg", "Stadsledningskontoret"),
        ("Cecilia Chen", "Miljöförvaltningen"),
        ("David Dahl", "Exploateringskontoret"),
        ("Eva Ek", "Utbildningsförvaltningen"),
        ("Farid Fors", "Trafikkontoret"),
    ], start=1)
)
IB_ACTOR = Actor(id="00000000-0000-0000-0000-0000000001b0", name="IB-sekretariatet")
UNITS: tuple[str, ...] = tuple(sorted({a.unit for a in SUBMITTERS if a.unit}))
COUNTRIES: tuple[str, ...] = ("Finland", "Tyskland", "Belgien", "Estland", "Japan", "Kenya",
                              "Frankrike", "Norge")
_DIRECTIONS = ("profilering", "omvarldsbevakning", "samverkan", "paverkan")
_COSTS = (0, 5_000, 12_000, 25_000, 40_000, 75_000, 150_000, 300_000)
_NEUTRAL: dict[str, Any] = {"scope": "single_operation", "on_behalf_of_ks": False,
                            "membership_body": "network", "increases_resource_burden": False}
REVIEWED_EVERY = 15
# What becomes of a seeded case, with its weight.
_FATES: tuple[tuple[CaseStatus, int], ...] = (
    (CaseStatus.SUBMITTED, 30), (CaseStatus.ON_AGENDA, 20), (CaseStatus.NEEDS_COMPLETION, 10),
    (CaseStatus.ACCEPTED, 20), (CaseStatus.DECLINED, 12), (CaseStatus.WITHDRAWN, 8),
)


def _engagement(rng: random.Random, number: int, submitter: Actor,
                kind: Kind | None = None) -> dict[str, Any]:
    drawn = rng.choice(list(Kind))  # drawn either way, so the other cases stay the same
    kind = kind or drawn
    data: dict[str, Any] = {
        "kind": kind.value,
        "title": f"{kind.value.replace('_', ' ').capitalize()} {number}",
        "unit": submitter.unit,
        "description": f"Ärende {number} om samarbete med {rng.choice(COUNTRIES)}.",
        "counterpart": {"name": f"Partner {number % 40}", "country": rng.choice(COUNTRIES)},
        "directions": rng.sample(_DIRECTIONS, rng.randint(1, 2)),
        "cost_sek": rng.choice(_COSTS),
        "within_budget": rng.random() < 0.8,
        "mutual_benefit": rng.random() < 0.7,
        "foreign_policy": False,
        "linked_to_operational_plan": rng.random() < 0.6,
    }
    for field, kinds in REQUIRED_BY_KIND.items():
        if kind in kinds:
            data[field] = _NEUTRAL[field]
    return data


def _pick(rng: random.Random) -> CaseStatus:
    return rng.choices([f for f, _ in _FATES], weights=[w for _, w in _FATES])[0]


async def seed_cases(
    register: CaseRegister,
    clock: FixedClock,
    count: int,
    *,
    start: datetime = datetime(2025, 1, 7, 8, 0, tzinfo=UTC),
    days: int = 700,
    seed: int = 11,
    submitters: Sequence[Actor] = SUBMITTERS,
) -> list[str]:
    """Submit ``count`` varied cases on ``clock`` (which ``register`` reads), from ``start``
    over ``days``; returns their ids in register order. The clock is left at the end."""
    rng = random.Random(seed)  # noqa: S311 - test data, the same for the same seed
    step = timedelta(days=days) / max(count, 1)
    assessed: dict[str, tuple[Engagement, Assessment]] = {}
    ids: list[str] = []
    for number in range(1, count + 1):
        clock.set(start + step * (number - 1))
        submitter = submitters[(number * 7 + rng.randrange(len(submitters))) % len(submitters)]
        # Every REVIEWED_EVERY-th case a membership IB accepts, so that reviews come up.
        reviewed = number % REVIEWED_EVERY == 0
        data = _engagement(rng, number, submitter, Kind.MEMBERSHIP if reviewed else None)
        today = clock.today(CITY_ZONE)
        # Same fields but the title and text: the same assessment (the rules read neither).
        key = repr(sorted((k, str(v)) for k, v in data.items() if k not in ("title",
                                                                           "description")))
        engagement = parse_engagement(data)
        if key not in assessed:
            assessed[key] = (engagement, assess(engagement, "sv", today=today))
        assessment = assessed[key][1]
        case = await register.submit(engagement, assessment, submitter)
        ids.append(case.id)
        fate = _pick(rng)
        if reviewed:
            fate = CaseStatus.ACCEPTED
        meeting = _meeting(today, rng)
        if fate is CaseStatus.SUBMITTED:
            continue
        if fate is CaseStatus.NEEDS_COMPLETION:
            await register.set_status(case.id, fate, IB_ACTOR, comment="Ange kostnaden.")
            continue
        if fate is CaseStatus.WITHDRAWN:
            await register.set_status(case.id, fate, IB_ACTOR)
            continue
        await register.set_status(case.id, CaseStatus.ON_AGENDA, IB_ACTOR, meeting_date=meeting)
        if fate in (CaseStatus.ACCEPTED, CaseStatus.DECLINED):
            await register.set_status(case.id, fate, IB_ACTOR, meeting_date=meeting,
                                      comment="Beslut vid sammanträdet.")
    return ids


def _meeting(today: date, rng: random.Random) -> date:
    """A meeting day (IB meets on Tuesdays) one to eight weeks after ``today``."""
    ahead = today + timedelta(weeks=rng.randint(1, 8))
    return ahead + timedelta(days=(1 - ahead.weekday()) % 7)
