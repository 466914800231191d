"""Priority as law: each factor on both sides of what it reads, each threshold on both
sides (``HIGH_FROM``, ``LOW_BELOW``, 250 000 and 1 000 000 kr, ``external_full``), and the
module's table held to the factor records."""

from __future__ import annotations

from typing import Any

import pytest

import policy.priority
from policy import Priority
from policy.priority import COST_STEPS, FACTORS, HIGH_FROM, LOW_BELOW, band, factor_table, score

from .helpers import engagement

# Every factor 0 but benefit (+1, stated) and directions (0, one): a total of 1.
PLAIN: dict[str, Any] = {"directions": ["samverkan"], "benefit": "Kunskapsutbyte"}


def points(**fields: Any) -> dict[str, int]:
    """The factors that moved the score of a conference with ``fields``, by id."""
    _, factors = score(engagement("conference", **{**PLAIN, **fields}), "sv")
    return {f.factor: f.points for f in factors}


def band_of(**fields: Any) -> Priority:
    return score(engagement("conference", **{**PLAIN, **fields}), "sv")[0]


def test_the_thresholds_are_the_documented_ones() -> None:
    assert (HIGH_FROM, LOW_BELOW) == (3, 0)
    assert COST_STEPS == ((1_000_000, -2), (250_000, -1))


@pytest.mark.parametrize(("name", "fields", "factor", "expected"), [
    ("an active role gives two points", {"active_role": True}, "active_role", 2),
    ("no active role takes two", {"active_role": False}, "active_role", -2),
    ("an unknown active role gives none", {"active_role": None}, "active_role", None),
    ("a programme gives a point", {"programme_available": True}, "programme", 1),
    ("no programme takes one", {"programme_available": False}, "programme", -1),
    ("an unknown programme gives none", {}, "programme", None),
    ("no direction takes a point", {"directions": []}, "directions", -1),
    ("one direction gives none", {"directions": ["samverkan"]}, "directions", None),
    ("two directions give a point", {"directions": ["samverkan", "profilering"]},
     "directions", 1),
    ("three directions give two", {"directions": ["samverkan", "profilering", "paverkan"]},
     "directions", 2),
    ("four directions give two too", {"directions": ["samverkan", "profilering", "paverkan",
                                                     "omvarldsbevakning"]}, "directions", 2),
    ("a direction named twice counts once", {"directions": ["samverkan", "samverkan"]},
     "directions", None),
    ("a stated benefit gives a point", {"benefit": "Kunskap"}, "benefit", 1),
    ("a blank benefit takes one", {"benefit": "   "}, "benefit", -1),
    ("no benefit takes one", {"benefit": None}, "benefit", -1),
    ("a link to the operational plan gives a point", {"linked_to_operational_plan": True},
     "operational_plan", 1),
    ("no link to the operational plan takes one", {"linked_to_operational_plan": False},
     "operational_plan", -1),
    ("a capital as counterpart gives a point",
     {"counterpart": {"name": "Tallinn", "country": "Estland", "type": "city"}}, "capital", 1),
    ("a city that is no capital gives none",
     {"counterpart": {"name": "Tartu", "country": "Estland", "type": "city"}}, "capital", None),
    ("an existing forum takes two", {"existing_forum": "Eurocities"}, "existing_forum", -2),
    ("a blank existing forum takes none", {"existing_forum": " "}, "existing_forum", None),
])
def test_each_factor_on_both_sides_of_what_it_reads(name: str, fields: dict[str, Any],
                                                     factor: str, expected: int | None) -> None:
    assert points(**fields).get(factor) == expected, name


@pytest.mark.parametrize(("name", "fields", "expected"), [
    ("a cost just under 250 000 kr costs no point", {"cost_sek": 249_999}, None),
    ("a cost of 250 000 kr costs a point", {"cost_sek": 250_000}, -1),
    ("a cost just under 1 000 000 kr costs one point", {"cost_sek": 999_999}, -1),
    ("a cost of 1 000 000 kr costs two", {"cost_sek": 1_000_000}, -2),
    ("an unknown cost costs nothing", {"cost_sek": None}, None),
    ("a cost paid in full by others costs nothing, however high",
     {"cost_sek": 2_000_000, "financing": "external_full"}, None),
    ("a cost paid in part by others still counts",
     {"cost_sek": 1_000_000, "financing": "external_partial"}, -2),
    ("a cost of the unit's own budget counts",
     {"cost_sek": 250_000, "financing": "own_budget"}, -1),
])
def test_the_cost_on_both_sides_of_each_step(name: str, fields: dict[str, Any],
                                             expected: int | None) -> None:
    assert points(**fields).get("cost") == expected, name


def test_a_total_of_high_from_is_high_and_one_less_is_medium() -> None:
    assert band(HIGH_FROM) is Priority.HIGH
    assert band(HIGH_FROM - 1) is Priority.MEDIUM
    # 1 (plain) + 1 programme + 1 operational plan = 3; without the plan, 2
    assert band_of(programme_available=True, linked_to_operational_plan=True) is Priority.HIGH
    assert band_of(programme_available=True) is Priority.MEDIUM


def test_a_total_of_low_below_is_medium_and_one_less_is_low() -> None:
    assert band(LOW_BELOW) is Priority.MEDIUM
    assert band(LOW_BELOW - 1) is Priority.LOW
    # 1 (plain) - 1 no programme = 0; and without a benefit too, -1
    assert band_of(programme_available=False) is Priority.MEDIUM
    assert band_of(programme_available=False, benefit=None) is Priority.LOW


def test_the_band_is_the_sum_of_the_factors_shown() -> None:
    e = engagement("conference", active_role=True, programme_available=False,
                   cost_sek=300_000, existing_forum="Eurocities", **PLAIN)
    scored, factors = score(e, "sv")
    assert sum(f.points for f in factors) == 2 - 1 + 1 - 1 - 2
    assert scored is band(sum(f.points for f in factors)) is Priority.LOW


def test_a_factor_that_scores_nothing_is_left_out() -> None:
    assert set(points()) == {"benefit"}


def test_each_factor_is_labelled_by_the_way_it_moved_the_score_in_each_language() -> None:
    e = engagement("conference", active_role=True, directions=[], benefit=None,
                   cost_sek=1_000_000)
    assert [(f.factor, f.label) for f in score(e, "sv")[1]] == [
        ("active_role", "Aktiv roll för staden"), ("directions", "Ingen inriktning angiven"),
        ("benefit", "Nytta inte angiven"), ("cost", "Hög kostnad")]
    assert [f.label for f in score(e, "en")[1]] == [
        "Active role for the city", "No direction stated", "Benefit not stated", "High cost"]


def test_every_label_a_factor_can_show_is_there_in_both_languages() -> None:
    for f in FACTORS:
        for text in (f.plus, f.minus):
            if text is not None:
                assert text["sv"], f.id
                assert text["en"], f.id
        assert f.plus is not None or f.minus is not None, f.id


def test_the_factors_are_the_contracts_in_its_order() -> None:
    assert [f.id for f in FACTORS] == ["active_role", "programme", "directions", "benefit",
                                       "operational_plan", "capital", "cost", "existing_forum"]


def test_the_table_in_the_docstring_is_the_factor_records() -> None:
    assert factor_table() in (policy.priority.__doc__ or "")


def test_each_factor_reads_fields_of_the_contract() -> None:
    from policy.models import Engagement
    for f in FACTORS:
        assert f.reads, f.id
        assert set(f.reads) <= set(Engagement.model_fields), f.id
