"""Properties that hold for every valid engagement."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from policy import (
    EngagementInvalid,
    Outcome,
    Verdict,
    assess,
    parse_engagement,
    verdict_of,
)
from policy.routing import ROUTES, route_for

from .strategies import engagements, json_values

TODAY = date(2026, 11, 22)
RANK = {Verdict.COMPATIBLE: 0, Verdict.COMPATIBLE_WITH_CONDITIONS: 1,
        Verdict.NEEDS_INFORMATION: 2, Verdict.NOT_COMPATIBLE: 3}


@given(engagements())
def test_every_valid_engagement_gets_exactly_one_owner(data: dict[str, object]) -> None:
    e = parse_engagement(data)
    a = assess(e, today=TODAY)
    matching = [r for r in ROUTES if r.when(e)]
    assert matching, "R-NAMND must always match"
    assert a.routing.rule == matching[0].id == route_for(e).id
    assert a.decision_owner is matching[0].owner


@given(engagements(), st.sampled_from(["sv", "en"]))
def test_the_verdict_always_agrees_with_its_findings(data: dict[str, object], lang: str) -> None:
    a = assess(parse_engagement(data), lang, today=TODAY)  # type: ignore[arg-type]
    outcomes = {f.outcome for f in a.findings}
    if Outcome.BLOCKER in outcomes:
        assert a.verdict is Verdict.NOT_COMPATIBLE
    elif Outcome.MISSING in outcomes:
        assert a.verdict is Verdict.NEEDS_INFORMATION
    elif Outcome.CONDITION in outcomes:
        assert a.verdict is Verdict.COMPATIBLE_WITH_CONDITIONS
    else:
        assert a.verdict is Verdict.COMPATIBLE
    assert (a.priority is None) == (a.verdict is Verdict.NOT_COMPATIBLE)
    assert len({f.rule for f in a.findings}) == len(a.findings)  # one finding a rule


@given(engagements())
def test_adding_a_blocker_never_improves_a_verdict(data: dict[str, object]) -> None:
    before = assess(parse_engagement(data), today=TODAY)
    blocked = assess(parse_engagement({**data, "foreign_policy": True}), today=TODAY)
    assert RANK[blocked.verdict] >= RANK[before.verdict]
    assert blocked.verdict is Verdict.NOT_COMPATIBLE


@given(st.lists(st.sampled_from(list(Outcome))), st.sampled_from(list(Outcome)))
def test_adding_any_finding_never_improves_a_verdict(outcomes: list[Outcome], extra: Outcome) -> None:
    assert RANK[verdict_of([*outcomes, extra])] >= RANK[verdict_of(outcomes)]
    assert verdict_of([*outcomes, Outcome.BLOCKER]) is Verdict.NOT_COMPATIBLE


@given(engagements())
def test_an_assessment_round_trips_through_json(data: dict[str, object]) -> None:
    a = assess(parse_engagement(data), today=TODAY)
    assert type(a).model_validate_json(a.model_dump_json()) == a


@settings(max_examples=300)
@given(st.one_of(json_values, st.dictionaries(st.sampled_from(
    ["kind", "title", "scope", "counterpart", "directions", "cost_sek", "review_years",
     "start_date", "end_date", "foreign_policy", "membership_body", "bogus"]), json_values)))
def test_any_input_is_either_an_engagement_or_field_named_errors(raw: object) -> None:
    errors = []
    try:
        parse_engagement(raw)
    except EngagementInvalid as exc:
        errors = exc.errors
        assert errors, "an invalid input must say what is wrong"
    assert all(e.field and e.message for e in errors)
