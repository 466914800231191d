"""The one clock (bot.clock): the fixed clock tests set, and how the date matrix's
--frozen-date is read."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.clock import FixedClock

from ..conftest import frozen_moment

pytestmark = pytest.mark.dates

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def test_a_fixed_clock_shows_its_moment_in_utc_until_it_is_moved() -> None:
    clock = FixedClock(datetime(2027, 1, 1, 0, 30, tzinfo=STOCKHOLM))
    assert clock.now() == datetime(2026, 12, 31, 23, 30, tzinfo=UTC)
    assert clock.now().tzinfo is UTC
    clock.advance(timedelta(days=1))
    assert clock.now() == datetime(2027, 1, 1, 23, 30, tzinfo=UTC)
    clock.set(datetime(2028, 2, 29, 12, 0, tzinfo=UTC))
    assert clock.now() == datetime(2028, 2, 29, 12, 0, tzinfo=UTC)


def test_today_is_the_date_on_the_wall_in_the_zone_asked_for() -> None:
    clock = FixedClock(datetime(2026, 12, 31, 23, 30, tzinfo=UTC))
    assert clock.today(STOCKHOLM) == date(2027, 1, 1)
    assert clock.today("Europe/Stockholm") == date(2027, 1, 1)
    assert clock.today("UTC") == date(2026, 12, 31)


def test_a_ticking_clock_starts_at_its_moment_and_runs_on() -> None:
    start = datetime(2027, 3, 28, 0, 59, 59, tzinfo=UTC)
    clock = FixedClock(start, tick=True)
    first = clock.now()
    time.sleep(0.01)
    second = clock.now()
    assert start <= first < second < start + timedelta(seconds=5)


def test_a_fixed_clock_needs_an_aware_moment() -> None:
    with pytest.raises(ValueError, match="aware"):
        FixedClock(datetime(2027, 1, 1))


def test_the_frozen_date_option_reads_a_day_at_noon_or_a_time_in_stockholm() -> None:
    assert frozen_moment("2028-02-29") == datetime(2028, 2, 29, 12, 0, tzinfo=STOCKHOLM)
    assert frozen_moment("2027-03-28T03:00") == datetime(2027, 3, 28, 1, 0, tzinfo=UTC)
    with pytest.raises(pytest.UsageError):
        frozen_moment("31/12/2026")


def test_one_place_turns_a_time_zone_name_into_a_zone() -> None:
    from zoneinfo import ZoneInfo

    from bot.clock import CITY_ZONE, zone
    from bot.settings import Settings

    assert zone(CITY_ZONE) == ZoneInfo("Europe/Stockholm")
    assert zone(zone("Europe/Helsinki")) is zone("Europe/Helsinki")
    assert Settings().zone == ZoneInfo(CITY_ZONE)
    assert Settings(time_zone="Europe/Helsinki").zone == ZoneInfo("Europe/Helsinki")
