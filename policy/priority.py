"""Priority among engagements that are not blocked (contract §2).

IB sifts about a hundred invitations a year; the score says which deserve the
city's time and tax money first. Each factor adds or takes points; the sum
decides the band. The factors are the contract's list, in this order (the table
is ``factor_table()``, which a test holds to this docstring):

| factor           | reads                      | points                                           |
|------------------|----------------------------|--------------------------------------------------|
| active_role      | active_role                | +2 the city gets an active role; -2 it does not  |
| programme        | programme_available        | +1 a programme exists; -1 it does not            |
| directions       | directions                 | -1 none, 0 one, +1 two, +2 three or four         |
| benefit          | benefit                    | +1 stated; -1 not stated                         |
| operational_plan | linked_to_operational_plan | +1 linked to planned development; -1 not linked  |
| capital          | counterpart                | +1 the counterpart is a capital (section 4, P8)  |
| cost             | cost_sek, financing        | -1 ≥ 250 000, -2 ≥ 1 000 000 kr; 0 external_full |
| existing_forum   | existing_forum             | -2 an existing forum already covers the matter   |

Unknown answers score 0. Band: high at ``HIGH_FROM`` (3) or more, low below
``LOW_BELOW`` (0), medium between.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import attrgetter

from .models import Engagement, Financing, Lang, Priority, PriorityFactor
from .rules import is_capital
from .text import Text

__all__ = ["COST_STEPS", "FACTORS", "HIGH_FROM", "LOW_BELOW", "Factor", "factor_table", "score"]

HIGH_FROM = 3
LOW_BELOW = 0
# (from this many kronor, points), the higher step first.
COST_STEPS = ((1_000_000, -2), (250_000, -1))


@dataclass(frozen=True, slots=True)
class Factor:
    """One factor of the score: the contract fields it ``reads``, its ``points`` for an
    engagement, the table's sentence for them, and the label a reader sees when it adds
    (``plus``) or takes (``minus``) points; ``None`` where it never does."""

    id: str
    reads: tuple[str, ...]
    points: Callable[[Engagement], int]
    explained: str
    plus: Mapping[Lang, str] | None = None
    minus: Mapping[Lang, str] | None = None

    def label(self, points: int, lang: Lang) -> str:
        text = self.plus if points > 0 else self.minus
        return text[lang] if text is not None else ""


def yes_no(id: str, field: str, yes: int, no: int, explained: str, *,
           plus: Mapping[Lang, str], minus: Mapping[Lang, str]) -> Factor:
    """A factor of one yes/no answer: ``yes`` points for yes, ``no`` for no, 0 unknown."""
    read = attrgetter(field)

    def points(e: Engagement) -> int:
        value = read(e)
        return 0 if value is None else (yes if value else no)

    return Factor(id, (field,), points, explained, plus, minus)


def _directions(e: Engagement) -> int:
    n = len(set(e.directions))
    return -1 if n == 0 else min(n - 1, 2)


def _cost(e: Engagement) -> int:
    cost = e.cost_sek
    if cost is None or e.financing is Financing.EXTERNAL_FULL:
        return 0
    for limit, points in COST_STEPS:
        if cost >= limit:
            return points
    return 0


FACTORS: tuple[Factor, ...] = (  # the contract's order
    yes_no("active_role", "active_role", 2, -2,
           "+2 the city gets an active role; -2 it does not",
           plus=Text(sv="Aktiv roll för staden", en="Active role for the city"),
           minus=Text(sv="Ingen aktiv roll för staden", en="No active role for the city")),
    yes_no("programme", "programme_available", 1, -1,
           "+1 a programme exists; -1 it does not",
           plus=Text(sv="Program finns", en="Programme available"),
           minus=Text(sv="Program saknas", en="No programme")),
    Factor("directions", ("directions",), _directions,
           "-1 none, 0 one, +1 two, +2 three or four",
           plus=Text(sv="Tjänar flera inriktningar", en="Serves several directions"),
           minus=Text(sv="Ingen inriktning angiven", en="No direction stated")),
    Factor("benefit", ("benefit",), lambda e: 1 if e.has_benefit else -1,
           "+1 stated; -1 not stated",
           plus=Text(sv="Nytta angiven", en="Benefit stated"),
           minus=Text(sv="Nytta inte angiven", en="Benefit not stated")),
    yes_no("operational_plan", "linked_to_operational_plan", 1, -1,
           "+1 linked to planned development; -1 not linked",
           plus=Text(sv="Kopplad till verksamhetsplanen", en="Linked to the operational plan"),
           minus=Text(sv="Ej kopplad till verksamhetsplanen",
                      en="Not linked to the operational plan")),
    Factor("capital", ("counterpart",), lambda e: 1 if is_capital(e) else 0,
           "+1 the counterpart is a capital (section 4, P8)",
           plus=Text(sv="Huvudstad som motpart", en="A capital as counterpart")),
    Factor("cost", ("cost_sek", "financing"), _cost,
           "-1 ≥ 250 000, -2 ≥ 1 000 000 kr; 0 external_full",
           minus=Text(sv="Hög kostnad", en="High cost")),
    Factor("existing_forum", ("existing_forum",), lambda e: -2 if e.has_existing_forum else 0,
           "-2 an existing forum already covers the matter",
           minus=Text(sv="Befintligt forum täcker redan frågan",
                      en="An existing forum already covers the matter")),
)
_POINTS = tuple(f.points for f in FACTORS)


def factor_table() -> str:
    """The factors as the Markdown table of this module's docstring."""
    rows = [("factor", "reads", "points"), *((f.id, ", ".join(f.reads), f.explained)
                                            for f in FACTORS)]
    widths = [max(len(r[i]) for r in rows) for i in range(3)]

    def line(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    return "\n".join([line(rows[0]), "|" + "|".join("-" * (w + 2) for w in widths) + "|",
                      *map(line, rows[1:])])


@cache
def _factor(i: int, points: int, lang: Lang) -> PriorityFactor:
    f = FACTORS[i]
    return PriorityFactor(factor=f.id, points=points, label=f.label(points, lang))


def band(total: int) -> Priority:
    """The band of a total: high from ``HIGH_FROM``, low below ``LOW_BELOW``."""
    if total >= HIGH_FROM:
        return Priority.HIGH
    if total < LOW_BELOW:
        return Priority.LOW
    return Priority.MEDIUM


# Few combinations of points occur (a few thousand at most), so each is scored once.
@lru_cache(maxsize=1 << 14)
def _scored(points: tuple[int, ...], lang: Lang) -> tuple[Priority, tuple[PriorityFactor, ...]]:
    factors = tuple(_factor(i, p, lang) for i, p in enumerate(points) if p != 0)
    return band(sum(points)), factors


def score(e: Engagement, lang: Lang) -> tuple[Priority, list[PriorityFactor]]:
    """The priority band and the factors that moved it (factors scoring 0 are left out)."""
    scored_band, factors = _scored(tuple([p(e) for p in _POINTS]), lang)
    return scored_band, list(factors)
