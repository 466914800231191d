"""Review reminders (bot.ib.reminders), on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.clock import FixedClock
from bot.ib.reminders import ReminderJob, due_reviews, next_run
from bot.outbox import OutboxKind, OutboxStatus
from bot.outbox.people import remember_user
from bot.persistence.database import create_engine, migrate
from bot.persistence.register import Actor, Case, CaseRegister, CaseStatus
from bot.persistence.tables import outbox_table, reminder_table
from cards.elements import Card, card, facts, heading, user_text
from policy import Lang

from ..policy.helpers import screened
from .bot_harness import BOT_ID, TENANT, Connector
from .conftest import MakeBot

pytestmark = pytest.mark.dates

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
ANNA = Actor(id="00000000-0000-0000-0000-00000000A11A", name="Anna Andersson",
             unit="Stadsledningskontoret")
BO = Actor(id="00000000-0000-0000-0000-0000000000b0", name="Bo Berg")
IB = Actor(id="00000000-0000-0000-0000-0000000001b0", name="IB-sekretariatet")
MEETING = date(2026, 12, 3)
DUE = date(2030, 12, 3)  # a membership accepted at MEETING, reviewed after four years
STOCKHOLM = ZoneInfo("Europe/Stockholm")



def reminder_card(case: Case, lang: Lang, days_left: int) -> Card:
    """A small real card (the bot uses cards.ib.reminder_card)."""
    title = "Review due" if lang == "en" else "Dags för omprövning"
    return card([heading(title), user_text(case.title),
                 facts([(case.id, str(case.review_due)), ("days", str(days_left))])], None, lang)


@pytest.fixture
def register(engine: AsyncEngine) -> CaseRegister:
    return CaseRegister(engine, clock=FixedClock(NOW))


def job_on(engine: AsyncEngine, register: CaseRegister, **changes: Any) -> ReminderJob:
    options: dict[str, Any] = {"time_zone": "Europe/Stockholm", "notice_days": 90, "hour": 7,
                               "card_for": reminder_card, "clock": FixedClock(NOW)}
    options.update(changes)
    return ReminderJob(engine, register, **options)


@pytest.fixture
def job(engine: AsyncEngine, register: CaseRegister) -> ReminderJob:
    return job_on(engine, register)


async def known(engine: AsyncEngine, actor: Actor, locale: str = "sv-SE") -> None:
    """The submitter has talked to the bot in their personal chat."""
    async with engine.begin() as conn:
        await remember_user(
            conn, user_id=actor.id, user_mri=f"29:{actor.name}", service_url="https://smba.test/",
            tenant_id="tenant", bot_id="28:bot", locale=locale,
            conversation_id=f"a:personal-{actor.name}", now=NOW,
        )


async def accepted_membership(register: CaseRegister, submitter: Actor = ANNA,
                              meeting: date = MEETING) -> Case:
    case = await register.submit(*screened("ctpn-membership.json"), submitter)
    case = await register.set_status(case.id, CaseStatus.ACCEPTED, IB, meeting_date=meeting)
    assert case.review_due == meeting.replace(year=meeting.year + 4)
    return case


async def outbox(engine: AsyncEngine) -> list[Any]:
    async with engine.connect() as conn:
        return list((await conn.execute(select(outbox_table).order_by(outbox_table.c.id))).all())


async def reminders(engine: AsyncEngine) -> list[tuple[str, date]]:
    async with engine.connect() as conn:
        rows = await conn.execute(select(reminder_table.c.case_id, reminder_table.c.review_due))
        return sorted((row.case_id, row.review_due) for row in rows)


# --- the window -------------------------------------------------------------------------


async def test_91_days_before_the_review_is_too_early_and_90_days_before_is_the_day(
    engine: AsyncEngine, register: CaseRegister, job: ReminderJob,
) -> None:
    case = await accepted_membership(register)
    await known(engine, ANNA)
    assert await job.run_once(DUE - timedelta(days=91)) == 0
    assert await outbox(engine) == []
    assert await job.run_once(DUE - timedelta(days=90)) == 1
    assert await reminders(engine) == [(case.id, DUE)]


async def test_an_overdue_review_is_reminded_of_too(
    engine: AsyncEngine, register: CaseRegister, job: ReminderJob,
) -> None:
    case = await accepted_membership(register)
    await known(engine, ANNA)
    assert await job.run_once(DUE + timedelta(days=5)) == 1
    (row,) = await outbox(engine)
    assert row.case_id == case.id
    # days_left is negative once the date has passed
    assert row.activity["attachments"][0]["content"] == reminder_card(case, "sv", -5)


async def test_due_reviews_are_the_accepted_cases_inside_the_window_soonest_first(
    register: CaseRegister,
) -> None:
    later = await accepted_membership(register, meeting=date(2026, 12, 20))
    sooner = await accepted_membership(register, meeting=date(2026, 12, 10))
    await accepted_membership(register, meeting=date(2027, 6, 1))  # outside the window
    today = date(2030, 12, 20) - timedelta(days=90)
    assert [c.id for c in await due_reviews(register, today=today, notice_days=90)] == [
        sooner.id, later.id]
    assert await due_reviews(register, today=today, notice_days=79) == []


# --- what is sent -----------------------------------------------------------------------


async def test_the_reminder_goes_to_the_submitters_personal_chat_in_their_language(
    engine: AsyncEngine, register: CaseRegister, job: ReminderJob,
) -> None:
    case = await accepted_membership(register)
    await known(engine, ANNA, locale="en-GB")
    await job.run_once(DUE - timedelta(days=30))
    (row,) = await outbox(engine)
    assert row.key == f"reminder:{case.id}:2030-12-03"
    assert row.kind == OutboxKind.NOTIFY.value
    assert row.status == OutboxStatus.PENDING.value
    assert row.conversation_key == ANNA.id.lower()
    assert row.target["conversation_id"] == "a:personal-Anna Andersson"
    assert row.target["user_id"] == ANNA.id.lower()
    (attachment,) = row.activity["attachments"]
    assert row.activity["type"] == "message"
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert attachment["content"] == reminder_card(case, "en", 30)


async def test_a_swedish_user_gets_a_swedish_card(
    engine: AsyncEngine, register: CaseRegister, job: ReminderJob,
) -> None:
    case = await accepted_membership(register)
    await known(engine, ANNA, locale="sv-SE")
    await job.run_once(DUE - timedelta(days=90))
    (row,) = await outbox(engine)
    assert row.activity["attachments"][0]["content"] == reminder_card(case, "sv", 90)


# --- once only --------------------------------------------------------------------------


async def test_a_review_date_is_reminded_of_once_however_often_the_job_runs(
    engine: AsyncEngine, register: CaseRegister, job: ReminderJob,
) -> None:
    await accepted_membership(register)
    await known(engine, ANNA)
    first = DUE - timedelta(days=90)
    counts = [await job.run_once(first + timedelta(days=d)) for d in (0, 0, 1, 2, 95)]
    assert counts == [1, 0, 0, 0, 0]
    assert len(await outbox(engine)) == 1


async def test_two_processes_running_at_once_send_one_reminder(
    database: Any, engine: AsyncEngine, register: CaseRegister,
) -> None:
    for _ in range(3):
        await accepted_membership(register)
    await known(engine, ANNA)
    other = create_engine(database.url, schema=database.schema)  # a second process's pool
    try:
        jobs = [job_on(engine, register), job_on(other, CaseRegister(other, clock=FixedClock(NOW)))]
        today = DUE - timedelta(days=10)
        counts = await asyncio.gather(*(j.run_once(today) for j in jobs for _ in range(2)))
    finally:
        await other.dispose()
    assert sum(counts) == 3
    assert len(await outbox(engine)) == 3
    assert len(await reminders(engine)) == 3


# --- who is not reminded ----------------------------------------------------------------


async def test_a_submitter_the_bot_never_met_is_skipped_unrecorded_and_tried_again(
    engine: AsyncEngine, register: CaseRegister, job: ReminderJob,
    caplog: pytest.LogCaptureFixture,
) -> None:
    case = await accepted_membership(register)
    first = DUE - timedelta(days=90)
    assert await job.run_once(first) == 0
    assert (await outbox(engine), await reminders(engine)) == ([], [])
    assert f"{case.id} not sent" in caplog.text
    await known(engine, ANNA)  # Anna opens the app
    assert await job.run_once(first + timedelta(days=1)) == 1
    assert await reminders(engine) == [(case.id, DUE)]


async def test_declined_withdrawn_and_unreviewed_cases_get_no_reminder(
    engine: AsyncEngine, register: CaseRegister, job: ReminderJob,
) -> None:
    await known(engine, ANNA)
    declined = await register.submit(*screened("ctpn-membership.json"), ANNA)
    await register.set_status(declined.id, CaseStatus.DECLINED, IB, meeting_date=MEETING)
    withdrawn = await accepted_membership(register)
    await register.set_status(withdrawn.id, CaseStatus.WITHDRAWN, IB)
    trip = await register.submit(*screened("paris-summit.json"), ANNA)
    trip = await register.set_status(trip.id, CaseStatus.ACCEPTED, IB, meeting_date=MEETING)
    assert trip.review_due is None
    for today in (DUE - timedelta(days=90), DUE, DUE + timedelta(days=400)):
        assert await job.run_once(today) == 0
    assert await outbox(engine) == []


async def test_a_case_accepted_again_is_reminded_of_its_new_review_date(
    engine: AsyncEngine, register: CaseRegister, job: ReminderJob,
) -> None:
    case = await accepted_membership(register)
    await known(engine, ANNA)
    assert await job.run_once(DUE - timedelta(days=90)) == 1
    await register.set_status(case.id, CaseStatus.ON_AGENDA, IB, comment="Omprövning")
    renewed = await register.set_status(case.id, CaseStatus.ACCEPTED, IB,
                                        meeting_date=date(2030, 11, 5))
    assert renewed.review_due == date(2034, 11, 5)
    assert await job.run_once(DUE) == 0
    assert await job.run_once(date(2034, 11, 5) - timedelta(days=90)) == 1
    assert await reminders(engine) == [(case.id, DUE), (case.id, date(2034, 11, 5))]
    assert [row.key for row in await outbox(engine)] == [
        f"reminder:{case.id}:2030-12-03", f"reminder:{case.id}:2034-11-05"]


async def test_a_reminder_whose_card_fails_does_not_hold_up_the_others_and_is_retried(
    engine: AsyncEngine, register: CaseRegister,
) -> None:
    broken = await accepted_membership(register, meeting=date(2026, 12, 1))
    fine = await accepted_membership(register, submitter=BO)
    await known(engine, ANNA)
    await known(engine, BO)

    def card_for(case: Case, lang: Lang, days_left: int) -> Card:
        if case.id == broken.id:
            raise ValueError("no card for this one")
        return reminder_card(case, lang, days_left)

    job = job_on(engine, register, card_for=card_for)
    assert await job.run_once(DUE) == 1
    assert await reminders(engine) == [(fine.id, DUE)]
    assert await job_on(engine, register).run_once(DUE) == 1
    assert {row.case_id for row in await outbox(engine)} == {broken.id, fine.id}


# --- the schedule -----------------------------------------------------------------------


def test_the_next_run_is_today_at_the_hour_when_it_is_still_to_come_else_tomorrow() -> None:
    early = datetime(2026, 11, 30, 5, 30, tzinfo=UTC)  # 06:30 in Stockholm (UTC+1)
    assert next_run(early, STOCKHOLM, 7) == datetime(2026, 11, 30, 6, 0, tzinfo=UTC)
    at_seven = datetime(2026, 11, 30, 6, 0, tzinfo=UTC)
    assert next_run(at_seven, STOCKHOLM, 7) == datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
    late_evening = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)  # already 1 December there
    assert next_run(late_evening, STOCKHOLM, 7) == datetime(2026, 12, 1, 6, 0, tzinfo=UTC)


def test_the_next_run_keeps_the_local_hour_across_summer_time() -> None:
    # Summer time starts on 28 March 2027: 07:00 is 06:00 UTC before and 05:00 UTC after.
    saturday = datetime(2027, 3, 27, 8, 0, tzinfo=UTC)
    assert next_run(saturday, STOCKHOLM, 7) == datetime(2027, 3, 28, 5, 0, tzinfo=UTC)


async def test_the_job_runs_once_when_started_to_catch_up_and_stops_cleanly(
    engine: AsyncEngine, register: CaseRegister,
) -> None:
    case = await accepted_membership(register)
    await known(engine, ANNA)
    clock = FixedClock(datetime.combine(DUE - timedelta(days=20), time(12), tzinfo=UTC))
    job = job_on(engine, register, clock=clock)
    job.start()
    try:
        async with asyncio.timeout(30):
            while await reminders(engine) == []:
                await asyncio.sleep(0.05)
    finally:
        await job.stop()
    assert await reminders(engine) == [(case.id, DUE)]
    await job.stop()  # stopping twice is harmless


# --- the served bot ----------------------------------------------------------------------


async def test_the_served_bot_reminds_the_submitter_at_start_up_through_the_outbox(
    make_bot: MakeBot, connector: Connector, database: Any
) -> None:
    """The reminder job runs in the server (once at start-up, to catch up), builds the real
    reminder card in the submitter's language, and the delivery worker posts it to the
    submitter's personal chat. The bot's clock is fixed in December, the review date in
    January: the four years run across New Year."""
    clock = FixedClock(datetime(2026, 12, 15, 8, 0, tzinfo=UTC), tick=True)
    engine = create_engine(database.url, schema=database.schema)
    try:
        await migrate(engine, schema=database.schema)
        register = CaseRegister(engine, clock=clock)
        # Accepted four years before a review date 30 days after the bot's today.
        case = await accepted_membership(register, meeting=date(2023, 1, 14))
        assert case.review_due == date(2027, 1, 14) == clock.today(STOCKHOLM) + timedelta(days=30)
        async with engine.begin() as conn:
            await remember_user(
                conn, user_id=ANNA.id, user_mri="29:anna", service_url=connector.url,
                tenant_id=TENANT, bot_id=BOT_ID, locale="en-GB",
                conversation_id="a:anna-personal", now=clock.now(),
            )
    finally:
        await engine.dispose()

    await make_bot(database=database, clock=clock)
    await connector.wait_for(lambda: bool(connector.cards("a:anna-personal")),
                             what="the reminder in Anna's personal chat")
    [reminder] = connector.cards("a:anna-personal")
    text = json.dumps(reminder, ensure_ascii=False)
    assert case.id in text
    assert "Counter Terrorism Preparedness Network" in text
    assert "30 days" in text  # English: the submitter's locale, and the days left
