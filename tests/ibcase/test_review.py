"""The review date of an accepted membership or intent agreement (rule P5), at fixed
dates: 29 February, the year's last and first days."""

from __future__ import annotations

from datetime import date

import pytest

from ibcase import add_years, is_reviewed, review_due
from policy import Engagement, Kind
from policy.rules import P5, P5_EXAMPLE_YEARS

from ..policy.helpers import engagement

pytestmark = pytest.mark.dates


def _engagement(kind: Kind, **extra: object) -> Engagement:
    return engagement(kind.value, **extra)


def test_the_kinds_and_the_years_are_rule_p5s() -> None:
    assert {k for k in Kind if is_reviewed(k)} == set(P5.kinds)
    assert {Kind.MEMBERSHIP, Kind.INTENT_AGREEMENT} == set(P5.kinds)
    assert P5_EXAMPLE_YEARS == 4


def test_without_its_own_period_a_membership_is_reviewed_after_four_years() -> None:
    assert review_due(_engagement(Kind.MEMBERSHIP), date(2026, 12, 3)) == date(2030, 12, 3)


def test_an_intent_agreement_is_reviewed_after_its_own_period() -> None:
    e = _engagement(Kind.INTENT_AGREEMENT, review_years=2)
    assert review_due(e, date(2026, 6, 15)) == date(2028, 6, 15)


@pytest.mark.parametrize("kind", [k for k in Kind if k not in P5.kinds])
def test_other_kinds_get_no_review_date(kind: Kind) -> None:
    assert not is_reviewed(kind)
    assert review_due(_engagement(kind), date(2026, 12, 3)) is None


def test_29_february_stays_in_a_leap_year_and_becomes_28_february_otherwise() -> None:
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert add_years(date(2024, 2, 29), 3) == date(2027, 2, 28)
    assert add_years(date(2096, 2, 29), 4) == date(2100, 2, 28)  # 2100 is no leap year
    assert review_due(_engagement(Kind.MEMBERSHIP), date(2024, 2, 29)) == date(2028, 2, 29)
    e = _engagement(Kind.MEMBERSHIP, review_years=2)
    assert review_due(e, date(2024, 2, 29)) == date(2026, 2, 28)


def test_the_years_last_and_first_days_move_only_their_year() -> None:
    assert add_years(date(2026, 12, 31), 4) == date(2030, 12, 31)
    assert add_years(date(2027, 1, 1), 4) == date(2031, 1, 1)
    assert review_due(_engagement(Kind.MEMBERSHIP), date(2026, 12, 31)) == date(2030, 12, 31)
    assert review_due(_engagement(Kind.MEMBERSHIP), date(2027, 1, 1)) == date(2031, 1, 1)


def test_28_february_is_not_moved_to_29_february_in_a_leap_year() -> None:
    assert add_years(date(2027, 2, 28), 1) == date(2028, 2, 28)
