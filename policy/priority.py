"""Priority among engagements that are not blocked (contract §2).

IB sifts about a hundred invitations a year; the score says which deserve the
city's time and tax money first. Each factor adds or takes points; the sum
decides the band. The factors are the contract's list, in this order:

| factor              | points                                                    |
|---------------------|-----------------------------------------------------------|
| active_role         | +2 the city gets an active role; -2 it does not           |
| programme           | +1 a programme exists; -1 it does not                     |
| directions          | -1 none, 0 one, +1 two, +2 three or four                  |
| benefit             | +1 stated; -1 not stated                                  |
| operational_plan    | +1 linked to planned development; -1 not linked           |
| capital             | +1 the counterpart is a capital (section 4, P8)           |
| cost                | -1 from 250 000 kr, -2 from 1 000 000 kr (0 when external_full) |
| existing_forum      | -2 an existing forum already covers the matter            |

Unknown answers score 0. Band: high at 3 or more, low below 0, medium between.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache, lru_cache

from .models import Engagement, Financing, Lang, Priority, PriorityFactor
from .rules import is_capital

__all__ = ["FACTORS", "HIGH_FROM", "LOW_BELOW", "score"]

HIGH_FROM = 3
LOW_BELOW = 0
COST_STEPS = ((1_000_000, -2), (250_000, -1))

_LABELS: Mapping[str, Mapping[Lang, tuple[str, str]]] = {
    # factor: lang: (label when positive, label when negative)
    "active_role": {"sv": ("Aktiv roll för staden", "Ingen aktiv roll för staden"),
                    "en": ("Active role for the city", "No active role for the city")},
    "programme": {"sv": ("Program finns", "Program saknas"),
                  "en": ("Programme available", "No programme")},
    "directions": {"sv": ("Tjänar flera inriktningar", "Ingen inriktning angiven"),
                   "en": ("Serves several directions", "No direction stated")},
    "benefit": {"sv": ("Nytta angiven", "Nytta inte angiven"),
                "en": ("Benefit stated", "Benefit not stated")},
    "operational_plan": {
        "sv": ("Kopplad till verksamhetsplanen", "Ej kopplad till verksamhetsplanen"),
        "en": ("Linked to the operational plan", "Not linked to the operational plan"),
    },
    "capital": {"sv": ("Huvudstad som motpart", ""), "en": ("A capital as counterpart", "")},
    "cost": {"sv": ("", "Hög kostnad"), "en": ("", "High cost")},
    "existing_forum": {"sv": ("", "Befintligt forum täcker redan frågan"),
                       "en": ("", "An existing forum already covers the matter")},
}


def _yes_no(value: bool | None, yes: int, no: int) -> int:
    return 0 if value is None else (yes if value else no)


FACTORS: tuple[str, ...] = tuple(_LABELS)  # the contract's order


def _points(e: Engagement) -> tuple[int, ...]:
    """Each factor's points, in the order of ``FACTORS``."""
    n_dir = len(set(e.directions))
    cost = 0
    if e.cost_sek is not None and e.financing is not Financing.EXTERNAL_FULL:
        cost = next((p for limit, p in COST_STEPS if e.cost_sek >= limit), 0)
    return (
        _yes_no(e.active_role, 2, -2),
        _yes_no(e.programme_available, 1, -1),
        -1 if n_dir == 0 else min(n_dir - 1, 2),
        1 if e.has_benefit else -1,
        _yes_no(e.linked_to_operational_plan, 1, -1),
        1 if is_capital(e) else 0,
        cost,
        -2 if e.has_existing_forum else 0,
    )


@cache
def _factor(name: str, points: int, lang: Lang) -> PriorityFactor:
    return PriorityFactor(factor=name, points=points,
                          label=_LABELS[name][lang][0 if points > 0 else 1])


# Few combinations of points occur (a few thousand at most), so each is scored once.
@lru_cache(maxsize=1 << 14)
def _scored(points: tuple[int, ...], lang: Lang) -> tuple[Priority, tuple[PriorityFactor, ...]]:
    total = sum(points)
    if total >= HIGH_FROM:
        band = Priority.HIGH
    elif total < LOW_BELOW:
        band = Priority.LOW
    else:
        band = Priority.MEDIUM
    factors = tuple(_factor(name, p, lang) for name, p in zip(FACTORS, points, strict=True)
                    if p != 0)
    return band, factors


def score(e: Engagement, lang: Lang) -> tuple[Priority, list[PriorityFactor]]:
    """The priority band and the factors that moved it (factors scoring 0 are left out)."""
    band, factors = _scored(_points(e), lang)
    return band, list(factors)
