"""The case id, SK-<year>-<sequence>."""

from __future__ import annotations

import pytest

from ibcase import NotACaseId, case_id, parse_case_id, register_order


def test_a_case_id_has_the_year_and_a_four_digit_sequence() -> None:
    assert case_id(2026, 42) == "SK-2026-0042"
    assert case_id(2026, 12345) == "SK-2026-12345"


def test_a_case_id_is_read_in_any_letter_case_with_blanks_around() -> None:
    assert parse_case_id(" sk-2026-0042 ") == (2026, 42)
    assert parse_case_id(case_id(2027, 1)) == (2027, 1)


@pytest.mark.parametrize("text", ["", "SK-2026", "SK-26-0001", "SK-2026-01", "XK-2026-0001",
                                  "SK-2026-0001x", "SK-2026-1234567890"])
def test_anything_else_is_no_case_id(text: str) -> None:
    with pytest.raises(NotACaseId):
        parse_case_id(text)


def test_ids_sort_in_the_registers_order_whatever_their_width() -> None:
    ids = ["SK-2026-10000", "SK-2027-0001", "SK-2026-0010", "SK-2026-0009", "odd"]
    assert sorted(ids, key=register_order) == [
        "odd", "SK-2026-0009", "SK-2026-0010", "SK-2026-10000", "SK-2027-0001"]
