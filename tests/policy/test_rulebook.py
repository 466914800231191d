"""The rulebook is dated: screened_on picks the rules in force."""

from __future__ import annotations

from datetime import date

import pytest

from policy import Kind, Outcome, assess, parse_engagement
from policy.models import Engagement, Scope
from policy.rulebook import (
    RULEBOOK_ID,
    STRATEGY_IN_FORCE,
    Context,
    Message,
    Reason,
    Registered,
    Rule,
    answer_of,
    registry,
    rules_in_force,
)
from policy.text import Text

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


def test_every_message_of_a_rule_has_one_of_its_outcomes_and_every_outcome_a_message() -> None:
    for reg in registry():
        rule = reg.rule
        said = {m.outcome for m in rule.messages.values()}
        assert said == set(rule.outcomes), rule.id


def test_a_message_fills_in_each_language_with_its_own_words() -> None:
    m = Message(Outcome.NOTE, sv="Hej {name} i {place}.", en="Hello {name} in {place}.")
    r = m.reason(name="Ada", place=Text(sv="Stockholm", en="Stockholm city"))
    assert (r.outcome, r.sv, r.en) == (Outcome.NOTE, "Hej Ada i Stockholm.",
                                       "Hello Ada in Stockholm city.")
    assert m.reason() == (Outcome.NOTE, "Hej {name} i {place}.", "Hello {name} in {place}.",
                          None)


def test_a_yes_no_answer_reads_as_yes_no_or_unknown() -> None:
    assert [answer_of(v) for v in (True, False, None)] == ["yes", "no", "unknown"]


def test_a_rule_insists_only_for_kinds_it_concerns() -> None:
    for reg in registry():
        assert all(reg.rule.concerns(k) for k in reg.rule.insists_for), reg.rule.id


@pytest.mark.parametrize("kind", list(Kind))
def test_w4s_note_is_given_exactly_where_its_route_decides(kind: Kind) -> None:
    from policy.routing import ROUTES, route_for
    w4 = next(reg for reg in registry() if reg.rule.id == "W4")
    assert w4.rule.explains_route in {r.id for r in ROUTES}
    for burden in (True, False, None):
        for scope in Scope:
            e = Engagement.model_construct(kind=kind, title="?", scope=scope,
                                           increases_resource_burden=burden)
            noted = w4.rule.concerns(kind) and bool(
                w4.check(e, Context(owner=route_for(e).owner, day=date(2026, 11, 22))))
            assert noted == (route_for(e).id == w4.rule.explains_route), (kind, burden, scope)
