"""The rulebook: dated rule records, each registered with the one function that encodes it.

A rule is a frozen record (id, section, the strategy's exact words, what it can
say, keyed by a readable name, each with its outcome, the dates it is in force) plus one
check function registered with ``@applies(rule)``: logic only, which picks the rule's
messages by name (``rule.says("blocked")``). ``rules_in_force(day)`` picks the rule
set for a screening date; a rule that changes gets a new record with a new
``valid_from`` and the old one an ``valid_to``, so both sides of the change stay
testable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Literal, NamedTuple

from .models import Engagement, Kind, Lang, Outcome, Owner, RulebookInfo
from .text import Text

__all__ = [
    "RULEBOOK_ID",
    "RULEBOOK_SOURCE",
    "RULEBOOK_VERSIONS",
    "STRATEGY_IN_FORCE",
    "Check",
    "Context",
    "Message",
    "Reason",
    "Registered",
    "Rule",
    "answer_of",
    "applies",
    "registry",
    "rulebook_info",
    "rules_in_force",
]

# The strategy (Dnr 171-482/2016) was proposed on 2016-11-14 and adopted by
# kommunfullmäktige afterwards; the sources we carry do not state the day of
# adoption, so the rulebook takes effect on the first day of 2017. Later cases
# cite the same principles as KS 2021/154. Correct this date, not the rules,
# if the secretariat confirms another.
STRATEGY_IN_FORCE = date(2017, 1, 1)

RULEBOOK_ID = "stockholm-internationell-strategi"
RULEBOOK_SOURCE = (
    "Internationell strategi för Stockholms stad, Dnr 171-482/2016 "
    "(tillämpad som KS 2021/154), avsnitt 2-5"
)
# (version, first day in force), newest last.
RULEBOOK_VERSIONS: tuple[tuple[str, date], ...] = (("2017.1", STRATEGY_IN_FORCE),)


@dataclass(frozen=True)
class Message:
    """One thing a rule can say, with its outcome, in Swedish and English; ``{fields}`` in
    the texts are filled in by the check (``Rule.says``). ``quote`` when it cites another of
    the rule's sentences (one of ``Rule.also_quotes``) than the rule's own."""

    outcome: Outcome
    sv: str
    en: str
    quote: str | None = None
    _plain: Reason = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Most messages have no fields: their reason is made once.
        object.__setattr__(self, "_plain", Reason(self.outcome, self.sv, self.en, self.quote))

    def reason(self, **fields: object) -> Reason:
        """The reason with ``fields`` filled in; a field given in both languages (a
        ``Text``) is filled in each in its own."""
        if not fields:
            return self._plain
        sv: dict[str, object] = {}
        en: dict[str, object] = {}
        for name, value in fields.items():
            if type(value) is Text:
                sv[name], en[name] = value.sv, value.en
            else:
                sv[name] = en[name] = value
        return Reason(self.outcome, self.sv.format_map(sv), self.en.format_map(en),
                      self.quote)


@dataclass(frozen=True, slots=True)
class Rule:
    """One principle of the strategy, with the strategy's own words."""

    id: str
    section: str
    quote: str
    title: Mapping[Lang, str]
    outcomes: tuple[Outcome, ...]
    # What the rule can say, by name; its check picks them (``says``).
    messages: Mapping[str, Message] = field(default_factory=dict)
    inputs: tuple[str, ...] = ()
    kinds: frozenset[Kind] = field(default_factory=frozenset)  # empty: every kind
    # The kinds, among those it concerns, for which the rule insists: it asks for what is
    # unanswered, or holds up what is not done, where for the other kinds it stays silent or
    # only notes (S1's new forms of cooperation, W1's kinds whose cost is always asked).
    insists_for: frozenset[Kind] = field(default_factory=frozenset)
    # The route whose decision this rule's note explains (W4: R-KS-DECL), where it has one.
    explains_route: str | None = None
    # Further sentences of the strategy that a reason of this rule may cite instead
    # of ``quote`` (P1 cites the footnote when it asks for a second look).
    also_quotes: tuple[str, ...] = ()
    # Where the rule reads more into the text than its quote says, in a sentence.
    interpretation: str = ""
    valid_from: date = STRATEGY_IN_FORCE
    valid_to: date | None = None

    def in_force(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def concerns(self, kind: Kind) -> bool:
        return not self.kinds or kind in self.kinds

    def says(self, message: str, **fields: object) -> Reason:
        """The reason of the message named ``message``, with ``fields`` filled in."""
        m = self.messages[message]
        return m.reason(**fields) if fields else m._plain


Answer = Literal["yes", "no", "unknown"]


def answer_of(value: bool | None) -> Answer:
    """A yes/no field read as the three answers a rule tells apart."""
    return "unknown" if value is None else "yes" if value else "no"


class Reason(NamedTuple):
    """Why a rule gives an outcome, in both languages; ``quote`` when it cites another of
    the rule's sentences (one of ``Rule.also_quotes``) than the rule's own.

    A named tuple, immutable as a frozen dataclass is, and made in a third of the time:
    every screening makes a handful."""

    outcome: Outcome
    sv: str
    en: str
    quote: str | None = None

    def text(self, lang: Lang) -> str:
        return self.sv if lang == "sv" else self.en


@dataclass(frozen=True, slots=True)
class Context:
    """What a check may know beyond the engagement: the routed owner and the day."""

    owner: Owner
    day: date


Check = Callable[[Engagement, Context], list[Reason]]


@dataclass(frozen=True, slots=True)
class Registered:
    rule: Rule
    check: Check


_REGISTRY: list[Registered] = []


def applies(rule: Rule) -> Callable[[Check], Check]:
    """Register ``check`` as the encoding of ``rule``.

    The check is only called for the kinds the rule concerns; it returns the
    reasons the rule gives, or an empty list where the rule does not apply.
    """

    def register(check: Check) -> Check:
        if any(r.rule.id == rule.id and r.rule.valid_from == rule.valid_from for r in _REGISTRY):
            raise ValueError(f"rule {rule.id} from {rule.valid_from} is registered twice")
        _REGISTRY.append(Registered(rule, check))
        return check

    return register


def registry() -> tuple[Registered, ...]:
    """Every registered rule, in every version, in registration order."""
    from . import rules  # noqa: F401  (importing registers the rules)

    return tuple(_REGISTRY)


def rules_in_force(day: date, registered: Iterable[Registered] | None = None) -> list[Registered]:
    """The rule set for a screening date.

    Before the strategy took effect there is no rule set of its own; the first
    one is applied and the assessment says so (rule T1).
    """
    if registered is None:
        return list(_registered_in_force(day))
    return _in_force(day, list(registered))


@cache
def _registered_in_force(day: date) -> tuple[Registered, ...]:
    return tuple(_in_force(day, list(registry())))


def _in_force(day: date, pool: list[Registered]) -> list[Registered]:
    chosen = [r for r in pool if r.rule.in_force(day)]
    if not chosen:
        first = min(r.rule.valid_from for r in pool)
        chosen = [r for r in pool if r.rule.in_force(first)]
    return chosen


def rulebook_info(day: date) -> RulebookInfo:
    version = RULEBOOK_VERSIONS[0][0]
    for name, since in RULEBOOK_VERSIONS:
        if since <= day:
            version = name
    return RulebookInfo(id=RULEBOOK_ID, version=version, source=RULEBOOK_SOURCE)
