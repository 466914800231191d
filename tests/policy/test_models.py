"""The input contract (§1): unknown fields rejected, kind-required fields named."""

from __future__ import annotations

import pytest

from policy import EngagementInvalid, Kind, parse_engagement
from policy.models import REQUIRED_BY_KIND

from .helpers import base


def _errors(data: object, lang: str = "sv") -> dict[str, str]:
    with pytest.raises(EngagementInvalid) as exc:
        parse_engagement(data, lang)  # type: ignore[arg-type]
    return {e.field: e.message for e in exc.value.errors}


def test_an_unknown_field_is_an_error_not_silently_dropped() -> None:
    assert "colour" in _errors(base("trip", colour="blue"))


def test_an_unknown_field_in_the_counterpart_is_named_with_its_path() -> None:
    assert "counterpart.city" in _errors(base("trip", counterpart={"city": "Oslo"}))


@pytest.mark.parametrize(("field", "kind"), [(f, k) for f, ks in REQUIRED_BY_KIND.items() for k in ks])
def test_a_field_the_owner_depends_on_is_required_for_its_kinds(field: str, kind: Kind) -> None:
    data = base(kind.value)
    del data[field]
    errors = _errors(data)
    assert field in errors
    assert "krävs" in errors[field]


def test_every_missing_kind_required_field_is_reported_at_once() -> None:
    assert set(_errors({"kind": "membership", "title": "x"})) == {"scope", "membership_body"}


def test_null_counts_as_missing_for_a_required_field() -> None:
    assert "on_behalf_of_ks" in _errors(base("trip", on_behalf_of_ks=None))


def test_kinds_without_routing_fields_need_only_kind_and_title() -> None:
    parse_engagement({"kind": "twinning", "title": "Vänort"})


def test_a_title_of_only_spaces_is_empty() -> None:
    assert "title" in _errors(base("trip", title="   "))


def test_a_title_over_200_characters_is_refused() -> None:
    assert "title" in _errors(base("trip", title="x" * 201))


def test_an_end_date_before_the_start_date_is_refused() -> None:
    errors = _errors(base("trip", start_date="2026-05-02", end_date="2026-05-01"), "en")
    assert "before" in errors["end_date"]


def test_a_negative_cost_is_refused_in_english_too() -> None:
    assert _errors(base("trip", cost_sek=-1), "en")["cost_sek"] == "Must be at least 0."


def test_nan_cost_is_refused() -> None:
    assert "cost_sek" in _errors(base("trip", cost_sek=float("nan")))


def test_a_bad_enum_lists_the_allowed_values_in_swedish() -> None:
    msg = _errors(base("trip", counterpart={"type": "planet"}))["counterpart.type"]
    assert "'network'" in msg
    assert "eller" in msg


def test_a_bad_direction_is_named_by_its_position() -> None:
    assert "directions[1]" in _errors(base("trip", directions=["samverkan", "fika"]))


def test_null_lists_mean_none_given() -> None:
    assert parse_engagement(base("trip", directions=None)).directions == []


def test_not_a_mapping_is_a_clear_error() -> None:
    assert _errors([1, 2]) == {"(engagement)": "En bedömning behöver ett objekt med fält (JSON/YAML-mappning)."}
