"""Who decides (contract §4): each route on a case, first match wins."""

from __future__ import annotations

from datetime import date
from functools import cache
from itertools import product
from typing import Any

import pytest

from policy import assess, parse_engagement
from policy.models import Engagement, Kind, MembershipBody, Scope
from policy.routing import ROUTES, route_for

from .helpers import base

TODAY = date(2026, 11, 22)

ROUTE_CASES = [
    ("twinning goes to the City Council, which alone can change the principle",
     base("twinning", scope="single_operation"), "R-KF-TWINNING", "kf"),
    ("a conference on behalf of the City Executive Board goes to the finance commissioner after IB",
     base("conference", on_behalf_of_ks=True), "R-IB-EVENT", "finansborgarradet_ib"),
    ("a trip on behalf of the City Executive Board goes to the finance commissioner after IB",
     base("trip", on_behalf_of_ks=True, scope="city_wide"), "R-IB-EVENT", "finansborgarradet_ib"),
    ("a trip for the operation's own work is decided by the committee",
     base("trip", on_behalf_of_ks=False, scope="city_wide"), "R-NAMND-TRIP", "namnd"),
    ("a declaration with no added burden goes to the finance commissioner after IB",
     base("declaration", increases_resource_burden=False, scope="city_wide"), "R-IB-DECL",
     "finansborgarradet_ib"),
    ("a declaration that adds to the burden is decided by the City Executive Board",
     base("declaration", increases_resource_burden=True), "R-KS-DECL", "ks"),
    ("a city-wide membership of an organisation is decided by the City Council",
     base("membership", membership_body="organisation", scope="city_wide"), "R-KF-ORG", "kf"),
    ("a city-wide membership of a network is decided by the City Executive Board",
     base("membership", membership_body="network", scope="city_wide"), "R-KS-SEVERAL", "ks"),
    ("a membership of an organisation for several operations is decided by the City Executive Board",
     base("membership", membership_body="organisation", scope="several_operations"),
     "R-KS-SEVERAL", "ks"),
    ("a membership of an organisation for one operation is decided by its committee",
     base("membership", membership_body="organisation", scope="single_operation"), "R-NAMND",
     "namnd"),
    ("a visit at high political level is decided by the committee and coordinated by the City Executive Board",
     base("incoming_visit", scope="single_operation", high_political_level=True), "R-KS-VISIT",
     "namnd"),
    ("a visit to several operations is decided by the committee and coordinated by the City Executive Board",
     base("incoming_visit", scope="several_operations"), "R-KS-VISIT", "namnd"),
    ("a borgarråd's conference with nothing said about the board goes to the finance commissioner after IB",
     {"kind": "conference", "title": "Konferens", "participants": ["borgarrad"]}, "R-IB-EVENT",
     "finansborgarradet_ib"),
    ("the KF presidium's trip said not to be on behalf of the board is decided by the committee",
     base("trip", on_behalf_of_ks=False, participants=["kf_presidium"]), "R-NAMND-TRIP", "namnd"),
    ("a city-wide organisation's membership under review is decided by the City Executive Board",
     base("membership", membership_body="organisation", scope="city_wide", renewal=True),
     "R-KS-RENEWAL", "ks"),
    ("a study visit to one school is handled by its committee",
     base("incoming_visit", scope="single_operation", high_political_level=False), "R-NAMND",
     "namnd"),
    ("a city-wide EU position is decided by the City Executive Board",
     base("position", scope="city_wide"), "R-KS-SEVERAL", "ks"),
    ("an EU project of one operation is decided by its committee",
     base("eu_project", scope="single_operation"), "R-NAMND", "namnd"),
    ("an invitation letter for one operation is decided by its committee",
     base("invitation_letter", scope="single_operation"), "R-NAMND", "namnd"),
]


@pytest.mark.parametrize(("name", "data", "route_id", "owner"), ROUTE_CASES,
                         ids=[c[0] for c in ROUTE_CASES])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_route(name: str, data: dict[str, object], route_id: str, owner: str, lang: str) -> None:
    a = assess(parse_engagement(data), lang, today=TODAY)  # type: ignore[arg-type]
    assert (a.routing.rule, a.decision_owner.value) == (route_id, owner)
    assert a.routing.reason
    assert a.decision_owner_label


def test_every_route_has_a_case() -> None:
    assert {r.id for r in ROUTES} == {c[2] for c in ROUTE_CASES}


def test_the_last_route_catches_everything() -> None:
    assert ROUTES[-1].id == "R-NAMND"
    assert ROUTES[-1].when(parse_engagement(base("position")))


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_significant_visit_names_the_city_executive_board_as_coordinator_not_decider(
    lang: str,
) -> None:
    a = assess(parse_engagement(base("incoming_visit", scope="single_operation",
                                     high_political_level=True)), lang, today=TODAY)  # type: ignore[arg-type]
    assert a.routing.coordinated_by is not None
    assert a.routing.coordinated_by.value == "ks"
    assert a.routing.citation.text.startswith("Kommunstyrelsen koordinerar också betydande")
    said = " ".join([a.advisory, a.routing.reason, *a.next_steps])
    if lang == "sv":
        assert "kommunstyrelsen koordinerar" in said.lower()
        assert "beslutet fattas av nämnden eller bolagsstyrelsen" in a.advisory.lower()
        assert "beslut i kommunstyrelsen" not in said
    else:
        assert "coordinates" in said


def test_an_ordinary_visit_has_no_coordinator() -> None:
    a = assess(parse_engagement(base("incoming_visit", scope="single_operation",
                                     high_political_level=False)), today=TODAY)
    assert a.routing.coordinated_by is None


def test_a_trip_or_conference_needs_on_behalf_of_ks_unless_politicians_take_part() -> None:
    from policy import EngagementInvalid

    with pytest.raises(EngagementInvalid):
        parse_engagement({"kind": "trip", "title": "Resa", "participants": ["staff"]})
    for who in ("borgarrad", "finansborgarrad", "kf_presidium"):
        parse_engagement({"kind": "trip", "title": "Resa", "participants": [who]})
    with pytest.raises(EngagementInvalid):
        parse_engagement({"kind": "trip", "title": "Resa", "participants": ["other_politician"]})


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_twinning_s_next_step_is_no_procedure_to_get_one(lang: str) -> None:
    a = assess(parse_engagement(base("twinning")), lang, today=TODAY)  # type: ignore[arg-type]
    said = " ".join(a.next_steps)
    assert "föreslår kommunfullmäktige ett beslut" not in said
    assert ("kan inte tecknas" in said) if lang == "sv" else ("cannot be signed" in said)


@cache
def _every_engagement() -> list[Any]:
    """Every combination of the fields the routes read, each also unanswered, per kind."""
    answers: dict[str, tuple[Any, ...]] = {
        "on_behalf_of_ks": (True, False, None),
        "increases_resource_burden": (True, False, None),
        "scope": (*Scope, None),
        "membership_body": (*MembershipBody, None),
        "high_political_level": (True, False, None),
        # Unanswered, renewal is read from the title ("?" here): as False.
        "renewal": (True, False),
    }
    names = list(answers)
    bases = [Engagement.model_construct(kind=kind, title="?") for kind in Kind]
    return [b.model_copy(update=dict(zip(names, combo, strict=True)))
            for b in bases for combo in product(*answers.values())]


def test_each_route_declares_the_later_routes_it_overrides_and_only_those() -> None:
    everything = _every_engagement()
    holds = {r.id: {n for n, e in enumerate(everything) if r.when(e)} for r in ROUTES}
    ids = [r.id for r in ROUTES]
    assert ROUTES[-1].id == "R-NAMND"
    for i, earlier in enumerate(ROUTES[:-1]):
        assert set(earlier.exception_to) <= set(ids[i + 1 : -1]), (
            f"{earlier.id} may only be an exception to a later route, not the base R-NAMND")
        for later in ROUTES[i + 1 : -1]:
            overlap = bool(holds[earlier.id] & holds[later.id])
            assert overlap == (later.id in earlier.exception_to), (earlier.id, later.id)


def test_every_route_but_the_base_is_reached_by_some_engagement() -> None:
    reached = {route_for(e).id for e in _every_engagement()}
    assert reached == {r.id for r in ROUTES}
