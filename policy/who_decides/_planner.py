"""Routing with fields unknown: every combination of the routing fields that can change
the owner of a kind, routed by ``policy.routing.route_for``, and the plan for what is
known: one owner settles it; several give options, each with the least it takes to get
there, and the one field to ask about."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations, product
from typing import Any, Final

from ..models import Engagement, Kind, MembershipBody, Owner, Scope
from ..routing import ROUTES, Route, route_for

# The fields the routing table reads, each with its values; on a tie, the
# clarifying question asks about the earlier one.
FIELDS: Final[tuple[tuple[str, tuple[Any, ...]], ...]] = (
    ("on_behalf_of_ks", (True, False)),
    ("increases_resource_burden", (True, False)),
    ("scope", tuple(Scope)),
    ("membership_body", tuple(MembershipBody)),
    ("high_political_level", (True, False)),
    ("renewal", (False, True)),
)
_DOMAIN: Final = dict(FIELDS)

Assignment = tuple[tuple[str, Any], ...]


@dataclass(frozen=True, slots=True)
class _Table:
    """Every combination of the fields that can change the owner of one kind, routed."""

    fields: tuple[str, ...]
    rows: tuple[tuple[dict[str, Any], Route], ...]


def _build_table(kind: Kind) -> _Table:
    names = [name for name, _ in FIELDS]
    base = Engagement.model_construct(kind=kind, title="?")
    full = {
        combo: route_for(base.model_copy(update=dict(zip(names, combo, strict=True))))
        for combo in product(*(domain for _, domain in FIELDS))
    }
    def seen(r: Route) -> tuple[Owner, Owner | None]:
        return r.owner, r.coordinated_by

    # A field matters when it can change the owner, or who coordinates (visits).
    relevant = tuple(
        name for i, name in enumerate(names)
        if any(seen(full[combo]) != seen(full[(*combo[:i], other, *combo[i + 1 :])])
               for combo in full for other in FIELDS[i][1])
    )
    rows = []
    for combo in product(*(_DOMAIN[f] for f in relevant)):
        values = dict(zip(relevant, combo, strict=True))
        # The fields that cannot change the owner take their first value.
        rows.append((values, full[tuple(values.get(n, d[0]) for n, d in FIELDS)]))
    return _Table(relevant, tuple(rows))


_TABLES: Final = {k: _build_table(k) for k in Kind}


@dataclass(frozen=True, slots=True)
class _Option:
    owner: Owner
    route: Route
    when: tuple[Assignment, ...]  # each alone settles this owner; the first is the simplest


@dataclass(frozen=True, slots=True)
class _Plan:
    kind: Kind
    known: Assignment
    settled: Route | None
    options: tuple[_Option, ...] = ()
    ask: str | None = None
    may_coordinate: Route | None = None  # a route with a coordinator the unknowns may reach


def _matching(rows: Iterable[tuple[dict[str, Any], Route]],
              given: Mapping[str, Any]) -> list[tuple[dict[str, Any], Route]]:
    return [r for r in rows if all(r[0][f] == v for f, v in given.items())]


@lru_cache(maxsize=4096)
def _plan(kind: Kind, known: Assignment) -> _Plan:
    table = _TABLES[kind]
    rows = _matching(table.rows, dict(known))
    owners = list(dict.fromkeys(r.owner for _, r in rows))
    if len(owners) == 1:
        # Fields that cannot change the owner may still change the rule: the commonest wins,
        # among the routes with no coordinator when a coordinator is only possible (an
        # ordinary visit is the committee's alone; a significant one kommunstyrelsen
        # coordinates, which the answer says as a condition).
        routes = [r for _, r in rows]
        plain = [r for r in routes if r.coordinated_by is None] or routes
        chosen = max(plain, key=lambda r: (routes.count(r), -ROUTES.index(r)))
        maybe = next((r for r in routes if r.coordinated_by is not None), None)
        return _Plan(kind, known, chosen,
                     may_coordinate=maybe if chosen.coordinated_by is None else None)

    def owners_if(f: str, v: Any) -> set[Owner]:
        return {r.owner for vals, r in rows if vals[f] == v}

    unknown = [f for f in table.fields if f not in dict(known)]
    # Ask about the field whose answer leaves the fewest owners at worst, then
    # settles the most answers; a field whose answer changes nothing is no question.
    splitting = [f for f in unknown if len({frozenset(owners_if(f, v)) for v in _DOMAIN[f]}) > 1]
    ask = min(splitting or unknown, key=lambda f: (
        max(len(owners_if(f, v)) for v in _DOMAIN[f]),
        sum(len(owners_if(f, v)) > 1 for v in _DOMAIN[f]),
        unknown.index(f),
    ))
    order = sorted(rows, key=lambda r: _DOMAIN[ask].index(r[0][ask]))
    options = []
    for owner in dict.fromkeys(r.owner for _, r in order):
        when: list[dict[str, Any]] = []
        for size in range(1, len(unknown) + 1):
            for subset in combinations(unknown, size):
                for combo in product(*(_DOMAIN[f] for f in subset)):
                    given = dict(zip(subset, combo, strict=True))
                    if any(w.items() <= given.items() for w in when):
                        continue
                    hit = _matching(rows, given)
                    if hit and all(r.owner is owner for _, r in hit):
                        when.append(given)
        route = _matching(rows, when[0])[0][1]
        options.append(_Option(owner, route, tuple(tuple(w.items()) for w in when)))
    return _Plan(kind, known, None, tuple(options), ask)


# How many clarifying questions ``ways`` follows, at most, to find where an option leads.
MAX_ROUNDS: Final = 3


def known_of(kind: Kind, fields: Mapping[str, Any]) -> Assignment:
    """The routing fields of ``kind`` among ``fields``, in the table's order: a plan's key."""
    return tuple((f, fields[f]) for f in _TABLES[kind].fields if f in fields)


@lru_cache(maxsize=4096)
def ways(kind: Kind, known: Assignment, depth: int = 0) -> tuple[Owner, ...]:
    """The owner each way of answering the clarifying questions leads to, one entry a way:
    each answer to the plan's question followed (as its button would be) until it settles,
    for at most ``MAX_ROUNDS`` questions."""
    plan = _plan(kind, known)
    if plan.settled is not None:
        return (plan.settled.owner,)
    if depth >= MAX_ROUNDS or plan.ask is None:
        return ()
    return tuple(owner for v in _DOMAIN[plan.ask]
                 for owner in ways(kind, known_of(kind, {**dict(known), plan.ask: v}),
                                   depth + 1))
