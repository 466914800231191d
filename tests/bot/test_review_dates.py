"""Review dates in the register: from the decision's day in Stockholm, the 90-day notice
across New Year, the bot's "today" at midnight in Stockholm, and the daily run's hour
across the changes to and from summer time."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.clock import FixedClock
from bot.ib.reminders import ReminderJob, due_reviews, next_run
from bot.persistence.register import Actor, CaseRegister, CaseStatus
from policy import Engagement, assess, parse_engagement

pytestmark = pytest.mark.dates

CASES = Path(__file__).resolve().parents[1] / "cases"
STOCKHOLM = ZoneInfo("Europe/Stockholm")
ANNA = Actor(id="00000000-0000-0000-0000-00000000a11a", name="Anna Andersson")
IB = Actor(id="00000000-0000-0000-0000-0000000001b0", name="IB-sekretariatet")


def membership(**changes: Any) -> Engagement:
    data = json.loads((CASES / "ctpn-membership.json").read_text("utf-8"))["engagement"]
    return parse_engagement(data | changes)


# --- review dates ---------------------------------------------------------------------------


# The arithmetic on its own (29 February, year ends): tests/ibcase/test_review.py.


async def test_a_membership_accepted_on_29_february_without_a_meeting_date_is_due_in_2032(
    engine: AsyncEngine,
) -> None:
    """Without a meeting date, the decision's day in Stockholm counts: late on 28 February
    in UTC is already the leap day there."""
    clock = FixedClock(datetime(2028, 2, 28, 23, 30, tzinfo=UTC))
    register = CaseRegister(engine, clock=clock)
    engagement = membership()
    case = await register.submit(engagement, assess(engagement, "sv", today=date(2028, 2, 1)),
                                 ANNA)
    accepted = await register.set_status(case.id, CaseStatus.ACCEPTED, IB)
    assert accepted.review_due == date(2032, 2, 29)


# --- the notice ----------------------------------------------------------------------------


async def accepted_on(register: CaseRegister, meeting: date) -> str:
    engagement = membership()
    case = await register.submit(engagement, assess(engagement, "sv", today=date(2022, 11, 1)),
                                 ANNA)
    await register.set_status(case.id, CaseStatus.ACCEPTED, IB, meeting_date=meeting)
    return case.id


@pytest.mark.parametrize(
    ("meeting", "due", "first_day"),
    [
        (date(2023, 2, 15), date(2027, 2, 15), date(2026, 11, 17)),
        (date(2023, 1, 10), date(2027, 1, 10), date(2026, 10, 12)),
        (date(2024, 2, 29), date(2028, 2, 29), date(2027, 12, 1)),
    ],
)
async def test_the_90_day_notice_counts_back_across_new_year_and_leap_days(
    engine: AsyncEngine, meeting: date, due: date, first_day: date,
) -> None:
    register = CaseRegister(engine, clock=FixedClock(datetime(2023, 1, 2, 9, 0, tzinfo=UTC)))
    case_id = await accepted_on(register, meeting)
    assert (await register.get(case_id)).review_due == due
    assert first_day == due - timedelta(days=90)
    before = first_day - timedelta(days=1)
    assert await due_reviews(register, today=before, notice_days=90) == []
    assert [c.id for c in await due_reviews(register, today=first_day, notice_days=90)] == [
        case_id]


# --- the bot's today and the daily run -----------------------------------------------------


def job_at(engine: AsyncEngine, now: datetime) -> ReminderJob:
    clock = FixedClock(now)
    return ReminderJob(engine, CaseRegister(engine, clock=clock), time_zone="Europe/Stockholm",
                       notice_days=90, hour=7, card_for=lambda case, lang, days: {},
                       clock=clock)


@pytest.mark.parametrize(
    ("now", "today"),
    [
        (datetime(2026, 12, 31, 22, 59, tzinfo=UTC), date(2026, 12, 31)),
        (datetime(2026, 12, 31, 23, 0, tzinfo=UTC), date(2027, 1, 1)),  # midnight, UTC+1
        (datetime(2028, 2, 28, 23, 0, tzinfo=UTC), date(2028, 2, 29)),
        (datetime(2027, 3, 27, 23, 0, tzinfo=UTC), date(2027, 3, 28)),
        (datetime(2027, 3, 28, 21, 59, tzinfo=UTC), date(2027, 3, 28)),  # UTC+2 from 02:00
        (datetime(2027, 3, 28, 22, 0, tzinfo=UTC), date(2027, 3, 29)),
    ],
)
def test_the_reminders_today_is_the_date_in_stockholm(
    engine: AsyncEngine, now: datetime, today: date,
) -> None:
    assert job_at(engine, now).today() == today


def test_the_daily_run_is_at_seven_in_stockholm_on_both_sides_of_the_spring_change() -> None:
    # Summer time starts at 02:00 on Sunday 28 March 2027: 07:00 is 06:00 UTC on the
    # Saturday and 05:00 UTC on the Sunday.
    assert next_run(datetime(2027, 3, 27, 1, 0, tzinfo=UTC), STOCKHOLM, 7) == datetime(
        2027, 3, 27, 6, 0, tzinfo=UTC)
    assert next_run(datetime(2027, 3, 27, 6, 0, tzinfo=UTC), STOCKHOLM, 7) == datetime(
        2027, 3, 28, 5, 0, tzinfo=UTC)
    assert next_run(datetime(2027, 3, 28, 1, 30, tzinfo=UTC), STOCKHOLM, 7) == datetime(
        2027, 3, 28, 5, 0, tzinfo=UTC)
    # ... and so in 2028 (26 March), the interval between the runs is 23 hours.
    saturday = datetime(2028, 3, 25, 6, 0, tzinfo=UTC)
    sunday = next_run(saturday, STOCKHOLM, 7)
    assert sunday == datetime(2028, 3, 26, 5, 0, tzinfo=UTC)
    assert sunday - saturday == timedelta(hours=23)


def test_the_daily_run_is_at_seven_in_stockholm_on_both_sides_of_the_autumn_change() -> None:
    # Summer time ends at 03:00 on Sunday 31 October 2027: 07:00 is 06:00 UTC again.
    saturday = datetime(2027, 10, 30, 5, 0, tzinfo=UTC)
    sunday = next_run(saturday, STOCKHOLM, 7)
    assert sunday == datetime(2027, 10, 31, 6, 0, tzinfo=UTC)
    assert sunday - saturday == timedelta(hours=25)


def test_the_run_after_new_years_eve_is_on_new_years_day() -> None:
    assert next_run(datetime(2026, 12, 31, 6, 0, tzinfo=UTC), STOCKHOLM, 7) == datetime(
        2027, 1, 1, 6, 0, tzinfo=UTC)
    assert next_run(datetime(2028, 2, 28, 6, 0, tzinfo=UTC), STOCKHOLM, 7) == datetime(
        2028, 2, 29, 6, 0, tzinfo=UTC)
