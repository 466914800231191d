"""Which of the contract's fields matter for a kind, derived from the rules and routes.

The screening wizard asks exactly these; nothing here is a second list to keep
in step with the rules.
"""

from __future__ import annotations

from .models import REQUIRED_BY_KIND, Kind
from .rulebook import registry

__all__ = ["COMMON_FIELDS", "ROUTING_FIELDS", "fields_for", "required_for"]

# Asked for every kind (the wizard's "common details" step).
COMMON_FIELDS: tuple[str, ...] = (
    "title", "description", "unit", "start_date", "end_date",
    "counterpart.name", "counterpart.type", "counterpart.country",
)

# Fields that decide the route but no rule reads (contract §4).
ROUTING_FIELDS: dict[Kind, tuple[str, ...]] = {
    Kind.INCOMING_VISIT: ("high_political_level",),
    Kind.TRIP: ("participants",),
    Kind.CONFERENCE: ("participants",),
    Kind.MEMBERSHIP: ("renewal",),
}


def required_for(kind: Kind) -> tuple[str, ...]:
    """The fields that must be answered for ``kind`` because the owner depends on them."""
    return tuple(f for f, kinds in REQUIRED_BY_KIND.items() if kind in kinds)


def fields_for(kind: Kind) -> tuple[str, ...]:
    """Kind-specific fields, in a stable order: routing first, then by rule."""
    seen: dict[str, None] = dict.fromkeys(required_for(kind))
    seen.update(dict.fromkeys(ROUTING_FIELDS.get(kind, ())))
    for reg in registry():
        if reg.rule.concerns(kind):
            seen.update(dict.fromkeys(f for f in reg.rule.inputs if f != "screened_on"))
    return tuple(f for f in seen if f not in COMMON_FIELDS)
