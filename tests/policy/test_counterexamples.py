"""The review's counter-examples (shared/audits/policy-2026-12.md, copied beside this file),
each with the outcome the strategy's text supports.

Where the rules follow the review, the test says so; where they keep the contract's
reading against the review, the test name says that too and the issue note argues it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from policy import assess, parse_engagement

HERE = Path(__file__).resolve().parent / "counterexamples"
TODAY = date(2026, 12, 2)


@dataclass(frozen=True)
class Expect:
    name: str
    file: str
    verdict: str
    owner: str
    rules: dict[str, str | None] = field(default_factory=dict)  # None: the rule is silent
    route: str | None = None
    coordinated_by: str | None = None


EXPECTED = [
    Expect("the Taipei partnership answered 'no foreign policy' still gets a second look, "
           "naming Taiwan and the aggression (CE01, P1)",
           "ce01-taipei-self-declared", "compatible_with_conditions", "ks",
           {"P1": "condition", "P8": None}),
    Expect("a borgarråd's conference in Taipei is asked the foreign-policy question (CE02, P1)",
           "ce02-conference-taipei-no-p1", "needs_information", "finansborgarradet_ib",
           {"P1": "missing", "P8": None}),
    Expect("an invitation letter to a foreign ministry is asked the foreign-policy question "
           "(CE03, P1)",
           "ce03-invitation-letter-ministry", "needs_information", "namnd", {"P1": "missing"}),
    Expect("a mayor's visit to one company is decided by the company; kommunstyrelsen "
           "coordinates (CE04)",
           "ce04-visit-mayor-one-company", "needs_information", "namnd",
           {"P8": "support", "W5": "note"}, route="R-KS-VISIT", coordinated_by="ks"),
    Expect("a Climate City Contract with the European Commission is an intent agreement with "
           "an international organisation (CE05, P4)",
           "ce05-intent-climate-city-contract", "compatible", "ks", {"P4": "support"}),
    Expect("an intent agreement not filled in yet needs information, not a blocker (CE05b, P4)",
           "ce05b-intent-minimal", "needs_information", "namnd", {"P4": "missing"}),
    Expect("a Sida project that leaves the city a cost is a contradiction to resolve (CE06, P7)",
           "ce06-aid-external-full-but-city-pays", "needs_information", "namnd",
           {"P7": "missing"}),
    Expect("an aid project with a full EU grant is fully externally financed (CE07, P7)",
           "ce07-aid-eu-grant-100", "needs_information", "namnd", {"P7": "support"}),
    Expect("a Sida project answered 'yes, foreign policy' stays blocked: the user says so, "
           "and the message points to P7 (CE08, kept against the review)",
           "ce08-aid-foreign-policy-by-help-text", "not_compatible", "namnd",
           {"P1": "blocker", "P7": "support"}),
    Expect("a borgarråd's trip said not to be on behalf of the board goes to the committee "
           "with a condition to confirm (CE09, W6)",
           "ce09-borgarrad-trip-not-on-behalf", "needs_information", "namnd",
           {"W6": "condition"}, route="R-NAMND-TRIP"),
    Expect("a position on a UN survey gets no EU condition (CE10, W3)",
           "ce10-position-non-eu", "compatible", "ks", {"W3": None, "D3": None}),
    Expect("a membership whose forums were not examined gets a condition, not the same "
           "question again (CE11, S1)",
           "ce11-forums-not-checked", "compatible_with_conditions", "namnd",
           {"S1": "condition"}),
    Expect("a membership reviewed every fifth year gets a note (CE12, P5)",
           "ce12-review-every-5-years", "compatible", "namnd", {"P5": "note"}),
    Expect("a continued membership after its review is not a new one for the City Council "
           "(CE13, R-KS-RENEWAL)",
           "ce13-membership-renewal", "compatible_with_conditions", "ks", {"W7": "condition"},
           route="R-KS-RENEWAL"),
    Expect("a membership labelled a network whose counterpart is an organisation is to be "
           "confirmed (CE14, W7)",
           "ce14-body-label-decides-kf-or-ks", "compatible_with_conditions", "ks",
           {"W7": "condition"}),
    Expect("an organisation for several operations stays with kommunstyrelsen as contract §4 "
           "says (CE15, kept)",
           "ce15-org-several-operations", "compatible", "ks", route="R-KS-SEVERAL"),
    Expect("an EU project of several operations stays with kommunstyrelsen as contract §4 "
           "says, citing cooperation initiatives (CE16, kept)",
           "ce16-eu-project-several", "needs_information", "ks",
           {"S3": "support", "S5": "support"}, route="R-KS-SEVERAL"),
    Expect("a single nämnd's burdened initiative stays with kommunstyrelsen as contract §4 "
           "says (CE17, kept)",
           "ce17-declaration-single-with-burden", "compatible", "ks", {"W4": "note"},
           route="R-KS-DECL"),
    Expect("a courtesy visit without mutual learning gets a note to prioritise it "
           "accordingly (CE18, S4)",
           "ce18-visit-no-mutual-learning", "needs_information", "namnd",
           {"S4": "note", "S6": "support"}),
    Expect("HELCOM, the Helsinki Commission, is no capital (CE19, P8)",
           "ce19-capital-regex", "compatible", "namnd", {"P8": None}),
    Expect("a fair over budget breaks a 'ska' and gets a condition saying so (CE20, W1)",
           "ce20-over-budget-only-condition", "needs_information", "namnd",
           {"W1": "condition"}),
    Expect("a cooperation agreement with a foreign ministry answered 'no' gets a second look "
           "(CE21, P1)",
           "ce21-cooperation-national-government", "compatible_with_conditions", "ks",
           {"P1": "condition"}),
]


def test_every_counter_example_of_the_review_has_an_expectation() -> None:
    assert sorted(p.stem for p in HERE.glob("*.json")) == sorted(e.file for e in EXPECTED)


@pytest.mark.parametrize("expect", EXPECTED, ids=[e.name for e in EXPECTED])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_counter_example(expect: Expect, lang: str) -> None:
    data = json.loads((HERE / f"{expect.file}.json").read_text("utf-8"))
    a = assess(parse_engagement(data), lang, today=TODAY)  # type: ignore[arg-type]
    outcomes = {f.rule: f.outcome.value for f in a.findings}
    assert (a.verdict.value, a.decision_owner.value) == (expect.verdict, expect.owner), outcomes
    for rule, outcome in expect.rules.items():
        assert outcomes.get(rule) == outcome, (rule, outcomes)
    if expect.route:
        assert a.routing.rule == expect.route
    coordinator = a.routing.coordinated_by.value if a.routing.coordinated_by else None
    assert coordinator == expect.coordinated_by


def test_the_taipei_finding_names_the_cues_it_saw() -> None:
    data = json.loads((HERE / "ce01-taipei-self-declared.json").read_text("utf-8"))
    p1 = next(f for f in assess(parse_engagement(data), today=TODAY).findings if f.rule == "P1")
    assert "”taiwan” i beskrivningen" in p1.message
    assert "”aggressioner” i beskrivningen" in p1.message
    assert "Stadsledningskontoret bör pröva om engagemanget har utrikespolitisk karaktär" in (
        p1.message)


def test_the_over_budget_condition_says_the_strategy_s_ska() -> None:
    data = json.loads((HERE / "ce20-over-budget-only-condition.json").read_text("utf-8"))
    w1 = next(f for f in assess(parse_engagement(data), today=TODAY).findings if f.rule == "W1")
    assert "ska rymmas inom" in w1.message
