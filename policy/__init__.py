"""The International Strategy of the City of Stockholm as tested rules.

Pure Python: no I/O, no SDK. ``assess`` screens an engagement; ``route`` says
who decides; ``parse_engagement`` turns raw input into an engagement or clear,
field-named errors.
"""

from .errors import EngagementInvalid, FieldError, field_errors, parse_engagement
from .models import (
    Assessment,
    Citation,
    Counterpart,
    CounterpartType,
    Direction,
    Engagement,
    Financing,
    Finding,
    Kind,
    Lang,
    MembershipBody,
    Outcome,
    Owner,
    Participant,
    Priority,
    PriorityFactor,
    Routing,
    RulebookInfo,
    Scope,
    Verdict,
)
from .questions import fields_for, required_for
from .routing import OWNER_LABELS, ROUTES, owner_label, route
from .rulebook import Rule, registry, rulebook_info, rules_in_force
from .screening import assess, verdict_of
from .text import LANGS, Plural, Text, lang_of, number

__all__ = [
    "LANGS",
    "OWNER_LABELS",
    "ROUTES",
    "Assessment",
    "Citation",
    "Counterpart",
    "CounterpartType",
    "Direction",
    "Engagement",
    "EngagementInvalid",
    "FieldError",
    "Financing",
    "Finding",
    "Kind",
    "Lang",
    "MembershipBody",
    "Outcome",
    "Owner",
    "Participant",
    "Plural",
    "Priority",
    "PriorityFactor",
    "Routing",
    "Rule",
    "RulebookInfo",
    "Scope",
    "Text",
    "Verdict",
    "assess",
    "field_errors",
    "fields_for",
    "lang_of",
    "number",
    "owner_label",
    "parse_engagement",
    "registry",
    "required_for",
    "route",
    "rulebook_info",
    "rules_in_force",
    "verdict_of",
]
