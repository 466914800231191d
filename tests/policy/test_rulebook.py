"""The rulebook is dated: screened_on picks the rules in force."""

from __future__ import annotations

from datetime import date

from policy import Kind, Outcome, assess, parse_engagement
from policy.rulebook import (
    RULEBOOK_ID,
    STRATEGY_IN_FORCE,
    Context,
    Reason,
    Registered,
    Rule,
    registry,
    rules_in_force,
)

from .helpers import base


def _rule(rule_id: str, since: date, until: date | None = None) -> Registered:
    rule = Rule(id=rule_id, section="4", quote="q", title={"sv": "t", "en": "t"},
                outcomes=(Outcome.NOTE,), kinds=frozenset({Kind.TRIP}),
                valid_from=since, valid_to=until)

    def check(e: object, ctx: Context) -> list[Reason]:
        return [Reason(Outcome.NOTE, "sv", "en")]

    return Registered(rule, check)  # type: ignore[arg-type]


def test_a_retired_rule_applies_up_to_its_end_date_and_its_successor_after() -> None:
    old = _rule("X1", date(2017, 1, 1), date(2024, 6, 30))
    new = _rule("X1", date(2024, 7, 1))
    assert rules_in_force(date(2024, 6, 30), [old, new]) == [old]
    assert rules_in_force(date(2024, 7, 1), [old, new]) == [new]


def test_before_any_rule_took_effect_the_first_rule_set_is_used() -> None:
    first = _rule("X2", date(2017, 1, 1))
    assert rules_in_force(date(2000, 1, 1), [first]) == [first]


def test_every_rule_knows_when_it_took_effect() -> None:
    for reg in registry():
        assert reg.rule.valid_from == STRATEGY_IN_FORCE
        assert reg.rule.valid_to is None or reg.rule.valid_to >= reg.rule.valid_from


def test_every_assessment_names_the_rulebook_its_version_and_source() -> None:
    a = assess(parse_engagement(base("trip", screened_on="2025-03-01")), today=date(2026, 11, 22))
    assert a.rulebook.id == RULEBOOK_ID
    assert a.rulebook.version
    assert "Dnr 171-482/2016" in a.rulebook.source
    assert a.screened_on == date(2025, 3, 1)  # screened_on wins over today


def test_screened_on_defaults_to_today() -> None:
    a = assess(parse_engagement(base("trip")), today=date(2026, 11, 22))
    assert a.screened_on == date(2026, 11, 22)


def test_the_day_before_the_strategy_took_effect_gets_the_note_and_the_day_it_did_does_not() -> None:
    day_before = date.fromordinal(STRATEGY_IN_FORCE.toordinal() - 1)
    today = date(2026, 11, 22)
    before = assess(parse_engagement(base("trip", screened_on=day_before.isoformat())), today=today)
    on = assess(parse_engagement(base("trip", screened_on=STRATEGY_IN_FORCE.isoformat())),
                today=today)
    assert any(f.rule == "T1" for f in before.findings)
    assert not any(f.rule == "T1" for f in on.findings)
