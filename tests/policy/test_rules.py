"""Every rule, on both sides of each of its outcomes, and a coverage check like `opa test --coverage`.

Each case names one rule and the outcome it must give (None: the rule must not
apply). The coverage test fails when a registered rule lacks a case for any of
its declared outcomes or a case where it does not apply.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from policy import Outcome, assess, parse_engagement, registry

from .helpers import base

TODAY = date(2026, 11, 22)
FULL_COOP = dict(
    scope="single_operation", concrete_exchange=True, thematic_area="Vatten",
    mutual_benefit=True, start_date="2026-01-01", end_date="2027-12-31",
)


@dataclass(frozen=True)
class Case:
    name: str
    engagement: dict[str, Any]
    rule: str
    outcome: str | None


CASES = [
    # P1 — no foreign policy of the city's own
    Case("a cooperation agreement that touches foreign policy is blocked (P1)",
         base("cooperation_agreement", foreign_policy=True), "P1", "blocker"),
    Case("a trip that takes a side between states is blocked even though the question is not asked for trips (P1)",
         base("trip", foreign_policy=True), "P1", "blocker"),
    Case("a membership that has not said whether it touches foreign policy needs information (P1)",
         base("membership"), "P1", "missing"),
    Case("a declaration free of foreign policy gets support (P1)",
         base("declaration", foreign_policy=False), "P1", "support"),
    Case("a trip that has said nothing about foreign policy needs information, as every kind does (P1, §7.1)",
         base("trip"), "P1", "missing"),
    Case("a cooperation agreement with a national government gets a condition although the box says no (P1, §7.1)",
         base("cooperation_agreement", foreign_policy=False,
              counterpart={"name": "Utrikesministeriet", "type": "national_government"}), "P1", "condition"),
    Case("an embassy named in the description asks for a second look although the box says no (P1, §7.1)",
         base("incoming_visit", foreign_policy=False,
              description="Besöket förmedlas av ambassaden i Stockholm."), "P1", "condition"),
    Case("an English description naming a foreign ministry asks for a second look (P1, §7.1)",
         base("conference", foreign_policy=False,
              description="Hosted by the Ministry of Foreign Affairs."), "P1", "condition"),
    Case("a city government is no national government and raises no cue (P1)",
         base("trip", foreign_policy=False,
              counterpart={"name": "Tallinn City Government", "type": "city"}), "P1", "support"),
    Case("recognising foreign teacher degrees is no diplomatic recognition (P1)",
         base("cooperation_agreement", foreign_policy=False,
              title="Samarbete om att erkänna utländska lärarexamina"), "P1", "support"),
    Case("a twinning request answered as free of foreign policy gets P1 support beside P2's blocker (P1)",
         base("twinning", foreign_policy=False), "P1", "support"),
    # P2 — no twinning
    Case("a twinning agreement is blocked (P2)", base("twinning"), "P2", "blocker"),
    Case("a cooperation agreement is not a twinning agreement (P2)",
         base("cooperation_agreement", **FULL_COOP), "P2", None),
    # P3 — cooperation agreements
    Case("a cooperation agreement without a concrete exchange is blocked (P3)",
         base("cooperation_agreement", **{**FULL_COOP, "concrete_exchange": False}), "P3", "blocker"),
    Case("a cooperation agreement without mutual benefit is blocked (P3)",
         base("cooperation_agreement", **{**FULL_COOP, "mutual_benefit": False}), "P3", "blocker"),
    Case("a cooperation agreement without an end date needs information (P3)",
         base("cooperation_agreement", **{**FULL_COOP, "end_date": None}), "P3", "missing"),
    Case("a cooperation agreement without a thematic area needs information (P3)",
         base("cooperation_agreement", **{**FULL_COOP, "thematic_area": "  "}), "P3", "missing"),
    Case("a complete cooperation agreement gives P3 nothing to say (P3)",
         base("cooperation_agreement", **FULL_COOP), "P3", None),
    # P4 — intent agreements
    Case("an intent agreement with a network gets support (P4)",
         base("intent_agreement", counterpart={"type": "network"}), "P4", "support"),
    Case("an intent agreement within an initiative the city is part of gets support (P4)",
         base("intent_agreement", counterpart={"type": "city"}, within_initiative=True), "P4", "support"),
    Case("an intent agreement with another city outside any initiative is blocked (P4)",
         base("intent_agreement", counterpart={"type": "city", "name": "Riga"},
              within_initiative=False), "P4", "blocker"),
    Case("an intent agreement with another city, the initiative not known yet, needs information (P4, §7.3)",
         base("intent_agreement", counterpart={"type": "city", "name": "Riga"}), "P4", "missing"),
    Case("an intent agreement whose counterpart is not filled in yet needs information (P4, §7.3)",
         base("intent_agreement", within_initiative=False), "P4", "missing"),
    Case("an intent agreement with the European Commission counts as one with an international organisation (P4, §7.3)",
         base("intent_agreement", counterpart={"type": "eu_institution"}), "P4", "support"),
    Case("a membership is not an intent agreement (P4)", base("membership"), "P4", None),
    # P5 — regular review
    Case("a membership reviewed every fourth year gets support (P5)",
         base("membership", review_years=4), "P5", "support"),
    Case("a membership reviewed every sixth year gets a note, not a stricter outcome (P5, §7.8)",
         base("membership", review_years=6), "P5", "note"),
    Case("an intent agreement with no review planned gets a condition (P5)",
         base("intent_agreement", counterpart={"type": "network"}), "P5", "condition"),
    Case("a trip is not reviewed (P5)", base("trip"), "P5", None),
    # P6 — invitation letters
    Case("an invitation letter for a specially prioritised visit gets support (P6)",
         base("invitation_letter", prioritised_visit=True), "P6", "support"),
    Case("an invitation letter for a visit that is not prioritised is blocked (P6)",
         base("invitation_letter", prioritised_visit=False), "P6", "blocker"),
    Case("an invitation letter that does not say whether the visit is prioritised needs information (P6)",
         base("invitation_letter"), "P6", "missing"),
    Case("an incoming visit needs no invitation letter (P6)", base("incoming_visit"), "P6", None),
    # P7 — aid projects
    Case("an aid project fully financed by Sida gets support (P7)",
         base("aid_project", financing="external_full", funder="Sida"), "P7", "support"),
    Case("an aid project the city part-finances is blocked (P7)",
         base("aid_project", financing="external_partial"), "P7", "blocker"),
    Case("an aid project on the city's own budget is blocked (P7)",
         base("aid_project", financing="own_budget"), "P7", "blocker"),
    Case("an aid project without financing stated needs information (P7)",
         base("aid_project"), "P7", "missing"),
    Case("full external financing with a cost to the city is a contradiction to resolve (P7, §7.4)",
         base("aid_project", financing="external_full", funder="Sida", cost_sek=500000), "P7", "missing"),
    Case("an EU grant with no cost to the city is full external financing (P7, §7.4)",
         base("aid_project", financing="eu_grant", cost_sek=0), "P7", "support"),
    Case("an EU grant with the city's cost not stated needs information (P7)",
         base("aid_project", financing="eu_grant"), "P7", "missing"),
    Case("an EU grant that leaves a cost to the city is blocked (P7)",
         base("aid_project", financing="eu_grant", cost_sek=20000), "P7", "blocker"),
    Case("an EU project is not an aid project (P7)", base("eu_project"), "P7", None),
    # P8 — capitals
    Case("a capital as counterpart gets support (P8)",
         base("incoming_visit", counterpart={"name": "Berlin", "type": "capital_city"}), "P8", "support"),
    Case("Oslo named as a city in Norway is recognised as a Nordic capital (P8)",
         base("incoming_visit", counterpart={"name": "Oslo kommune", "type": "city", "country": "Norge"}), "P8", "support"),
    Case("Helsingfors named in Swedish is recognised as a Nordic capital (P8)",
         base("cooperation_agreement", counterpart={"name": "Helsingfors stad", "country": "Finland"}), "P8", "support"),
    Case("Reykjavik without its accent is recognised as a Nordic capital (P8)",
         base("trip", counterpart={"name": "reykjavik city", "country": "Iceland"}), "P8", "support"),
    Case("a capital typed as one and named without its country is recognised (P8)",
         base("trip", counterpart={"name": "Vilnius", "type": "capital_city"}), "P8", "support"),
    Case("Köpenhamns kommun, in the genitive, is Copenhagen (P8)",
         base("trip", counterpart={"name": "Köpenhamns kommun", "country": "Danmark"}), "P8", "support"),
    Case("a capital's name with another country is not that capital (P8, §7.9)",
         base("trip", counterpart={"name": "Paris", "country": "USA"}), "P8", None),
    Case("Oslo named without a country or the capital type is not assumed to be the capital (P8, §7.9)",
         base("trip", counterpart={"name": "Oslo kommune", "type": "city"}), "P8", None),
    Case("a commission named after Helsinki is no capital (P8, §7.9)",
         base("membership", counterpart={"name": "HELCOM (Helsinki Commission)",
                                         "type": "international_organisation"}), "P8", None),
    Case("a business school named after Copenhagen is no capital (P8, §7.9)",
         base("cooperation_agreement", counterpart={"name": "Copenhagen Business School",
                                                    "type": "academia", "country": "Danmark"}), "P8", None),
    Case("Taipei typed as a capital is not taken for one: that would be a stance between states (P8)",
         base("trip", counterpart={"name": "Taipei", "type": "capital_city", "country": "Taiwan"}), "P8", None),
    Case("a street named after Oslo is not a capital (P8)",
         base("trip", counterpart={"name": "Osloveien AS", "type": "company"}), "P8", None),
    Case("a city that is no capital gets no capital support (P8)",
         base("incoming_visit", counterpart={"name": "Göteborg", "type": "city"}), "P8", None),
    # D1 — directions
    Case("an engagement serving no direction needs information (D1)", base("eu_project"), "D1", "missing"),
    Case("an engagement serving a direction gets support (D1)",
         base("eu_project", directions=["samverkan"]), "D1", "support"),
    Case("twinning is not asked for directions (D1)", base("twinning"), "D1", None),
    # D2 — benefit
    Case("an engagement without a stated benefit needs information (D2)",
         base("position", benefit="   "), "D2", "missing"),
    Case("an engagement with a stated benefit gets support (D2)",
         base("position", benefit="Bättre luftkvalitet"), "D2", "support"),
    Case("twinning is not asked for a benefit (D2)", base("twinning"), "D2", None),
    # S1 — established forums first
    Case("a membership in a matter an existing forum covers gets a condition (S1)",
         base("membership", existing_forum="Eurocities"), "S1", "condition"),
    Case("a conference in a matter an existing network covers gets a note (S1)",
         base("conference", existing_forum="Strong Cities Network"), "S1", "note"),
    Case("a cooperation agreement without established forums examined needs information (S1)",
         base("cooperation_agreement", **FULL_COOP), "S1", "missing"),
    Case("a membership whose forums were not examined gets a condition to examine them first (S1, §7.7)",
         base("membership", existing_forums_checked=False), "S1", "condition"),
    Case("a membership whose forums were examined passes S1 (S1)",
         base("membership", existing_forums_checked=True), "S1", None),
    Case("a trip with no existing forum named gets no S1 finding (S1)", base("trip"), "S1", None),
    # S2 — active contribution
    Case("a membership with an active role gets support (S2)",
         base("membership", active_role=True), "S2", "support"),
    Case("a passive membership gets a condition (S2)",
         base("membership", active_role=False), "S2", "condition"),
    Case("a membership with its role unknown gets a condition (S2)", base("membership"), "S2", "condition"),
    Case("active role on a trip is not S2's concern (S2)", base("trip", active_role=False), "S2", None),
    # S3 — EU projects
    Case("an EU project linked to the operational plan gets support (S3)",
         base("eu_project", linked_to_operational_plan=True), "S3", "support"),
    Case("an EU project with no link to planned development is blocked (S3)",
         base("eu_project", linked_to_operational_plan=False), "S3", "blocker"),
    Case("an EU project with its link unknown needs information (S3)", base("eu_project"), "S3", "missing"),
    Case("an aid project is not an EU project (S3)", base("aid_project"), "S3", None),
    # S4 — visits for mutual learning
    Case("a visit with mutual learning gets support (S4)",
         base("incoming_visit", mutual_benefit=True), "S4", "support"),
    Case("a visit without mutual learning gets a note (S4)",
         base("incoming_visit", mutual_benefit=False), "S4", "note"),
    Case("a visit with mutual learning unknown gets no S4 finding (S4)", base("incoming_visit"), "S4", None),
    # S5 — EU funds and programmes
    Case("an EU project uses the EU funds the city is to use strategically (S5)",
         base("eu_project"), "S5", "support"),
    Case("a cooperation agreement is not an EU-funded project (S5)",
         base("cooperation_agreement", **FULL_COOP), "S5", None),
    # S6 — visits strengthen Stockholm's image
    Case("a visit used for profiling strengthens Stockholm's image (S6)",
         base("incoming_visit", directions=["profilering", "samverkan"]), "S6", "support"),
    Case("a visit that serves no profiling gets a note to consider Stockholm's image (S6)",
         base("incoming_visit", directions=["samverkan"]), "S6", "note"),
    Case("a visit with no directions yet leaves the image to D1's question (S6)",
         base("incoming_visit"), "S6", None),
    # W1 — within the given budget
    Case("a trip without a cost needs information (W1)", base("trip"), "W1", "missing"),
    Case("a position that costs money with the budget unknown needs information (W1)",
         base("position", cost_sek=5000), "W1", "missing"),
    Case("a membership over budget gets a condition (W1)",
         base("membership", cost_sek=90000, within_budget=False), "W1", "condition"),
    Case("a free trip has nothing to fit in a budget (W1)", base("trip", cost_sek=0), "W1", None),
    Case("a position with no cost stated is not asked for one (W1)", base("position"), "W1", None),
    # W2 — what IB needs
    Case("a conference for IB without a programme needs information (W2)",
         base("conference", on_behalf_of_ks=True), "W2", "missing"),
    Case("a conference for IB with a programme but no active role gets a note (W2)",
         base("conference", on_behalf_of_ks=True, programme_available=True, active_role=False),
         "W2", "note"),
    Case("a trip decided by the committee is not IB's business (W2)",
         base("trip", on_behalf_of_ks=False, programme_available=False), "W2", None),
    Case("a conference for IB with a programme and an active role gives W2 nothing to say (W2)",
         base("conference", on_behalf_of_ks=True, programme_available=True, active_role=True), "W2", None),
    # W3 — EU influence with KS
    Case("a position on an EU matter gets a condition to work with the City Executive Board (W3)",
         base("position", title="Stadens svar på EU-kommissionens samråd om avfall"), "W3", "condition"),
    Case("a position addressed to an EU institution gets the W3 condition (W3, §7.6)",
         base("position", counterpart={"name": "Europaparlamentet", "type": "eu_institution"}), "W3", "condition"),
    Case("a position on a UN survey is no EU matter and gets no W3 condition (W3, §7.6)",
         base("position", title="Svar på UN-Habitats enkät",
              counterpart={"name": "UN-Habitat", "type": "international_organisation"}), "W3", None),
    Case("a trip is not influence work (W3)", base("trip"), "W3", None),
    # D3 — the EU policy as the basis of EU positions
    Case("a position on an EU matter is to rest on the city's EU policy (D3)",
         base("position", title="Remissvar till EU-kommissionen om luftkvalitet"), "D3", "note"),
    Case("a position on a non-EU matter is not held against the EU policy (D3)",
         base("position", title="Svar på OECD:s enkät om bostäder"), "D3", None),
    # W6 — politicians travelling
    Case("a borgarråd's trip said not to be on behalf of the board gets a condition to confirm it (W6, §7.5)",
         base("trip", on_behalf_of_ks=False, participants=["borgarrad"]), "W6", "condition"),
    Case("a borgarråd's trip with nothing said is treated as on behalf of the board, with a note (W6, §7.5)",
         {"kind": "trip", "title": "Resa", "participants": ["borgarrad"]}, "W6", "note"),
    Case("a finansborgarråd on a conference on behalf of the board gives W6 nothing to say (W6)",
         base("conference", on_behalf_of_ks=True, participants=["finansborgarrad"]), "W6", None),
    Case("staff travelling raise no W6 question (W6)",
         base("trip", participants=["staff"]), "W6", None),
    # W7 — organisation or network, as the counterpart's type says
    Case("a city-wide 'network' whose counterpart is an international organisation is to be confirmed (W7)",
         base("membership", scope="city_wide", membership_body="network",
              counterpart={"type": "international_organisation"}), "W7", "condition"),
    Case("a city-wide 'organisation' whose counterpart is a network is to be confirmed (W7)",
         base("membership", scope="city_wide", membership_body="organisation",
              counterpart={"type": "network"}), "W7", "condition"),
    Case("a network membership whose counterpart is a network needs no confirmation (W7)",
         base("membership", scope="city_wide", membership_body="network",
              counterpart={"type": "network"}), "W7", None),
    Case("one operation's membership is its committee's whatever the label (W7)",
         base("membership", membership_body="network",
              counterpart={"type": "international_organisation"}), "W7", None),
    # W4 — declarations that add to the burden
    Case("a declaration that adds to the resource burden gets a note (W4)",
         base("declaration", increases_resource_burden=True), "W4", "note"),
    Case("a declaration that adds no burden gets no W4 note (W4)", base("declaration"), "W4", None),
    # W5 — contact person coordinates visits
    Case("an incoming visit gets a note about the contact person (W5)", base("incoming_visit"), "W5", "note"),
    Case("a trip is not a visit (W5)", base("trip"), "W5", None),
    # T1 — before the strategy took effect
    Case("an engagement screened before the strategy took effect gets a note saying so (T1)",
         base("trip", screened_on="2015-06-01"), "T1", "note"),
    Case("an engagement screened today gets no such note (T1)", base("trip"), "T1", None),
]


def _outcome(case: Case) -> str | None:
    a = assess(parse_engagement(case.engagement), today=TODAY)
    found = [f.outcome.value for f in a.findings if f.rule == case.rule]
    assert len(found) <= 1, f"{case.rule} gave several findings: {found}"
    return found[0] if found else None


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_rule_case(case: Case) -> None:
    assert _outcome(case) == case.outcome


# Rules with no engagement they are silent on: P1 answers for every kind (contract §7.1).
SPEAKS_ON_EVERY_ENGAGEMENT = {"P1"}


def test_p1_speaks_on_every_kind() -> None:
    for kind in ("trip", "conference", "incoming_visit", "invitation_letter", "twinning",
                 "eu_project", "aid_project", "position", "membership", "declaration",
                 "cooperation_agreement", "intent_agreement"):
        assert _outcome(Case("", base(kind), "P1", None)) == "missing", kind


def test_every_rule_has_a_case_for_each_outcome_and_one_where_it_does_not_apply() -> None:
    covered: dict[str, set[str | None]] = {}
    for case in CASES:
        covered.setdefault(case.rule, set()).add(case.outcome)
    gaps = []
    for reg in registry():
        want: set[str | None] = {o.value for o in reg.rule.outcomes}
        if reg.rule.id not in SPEAKS_ON_EVERY_ENGAGEMENT:
            want.add(None)
        missing = want - covered.get(reg.rule.id, set())
        if missing:
            gaps.append(f"{reg.rule.id}: no case for {sorted(map(str, missing))}")
    assert not gaps, "rule coverage gaps:\n" + "\n".join(gaps)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_rules_give_only_the_outcomes_they_declare(case: Case) -> None:
    declared = {reg.rule.id: {o.value for o in reg.rule.outcomes} for reg in registry()}
    a = assess(parse_engagement(case.engagement), today=TODAY)
    for f in a.findings:
        assert f.outcome.value in declared[f.rule], f"{f.rule} gave undeclared {f.outcome}"


def test_findings_come_most_severe_first() -> None:
    a = assess(parse_engagement(base("cooperation_agreement", foreign_policy=True)), today=TODAY)
    severities = [f.outcome.severity for f in a.findings]
    assert severities == sorted(severities, reverse=True)
    assert a.findings[0].outcome is Outcome.BLOCKER


def test_every_message_exists_in_both_languages_and_differs() -> None:
    for case in CASES:
        sv = assess(parse_engagement(case.engagement), "sv", today=TODAY)
        en = assess(parse_engagement(case.engagement), "en", today=TODAY)
        assert [f.rule for f in sv.findings] == [f.rule for f in en.findings]
        for a, b in zip(sv.findings, en.findings, strict=True):
            assert a.message
            assert b.message
            assert a.message != b.message
            assert a.citation == b.citation  # the strategy's words are Swedish in both
