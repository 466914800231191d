"""Review reminders: memberships and intent agreements come back to IB before they expire.

Rule P5 has accepted memberships and intent agreements reviewed at least every fourth
year; the register gives an accepted case its ``review_due`` date. Once a day (and once
when the bot starts, to catch up after downtime) ``ReminderJob`` reminds the submitter of
every accepted case whose review is due within ``notice_days`` (90 by default) in their
personal chat, through the outbox. IB's "dagordning" lists the same cases
(``due_reviews``).

Each reminder is recorded in ``review_reminders`` (case, review date) in the same
transaction as its outbox row, so a submitter is reminded once per review date, also
when several bot processes run the job at the same moment: the table's primary key and
the outbox key (``reminder:<case>:<date>``) make every run after the first a no-op. A
case accepted again gets a new review date, and so a new reminder.

A submitter the bot has never talked to cannot be written to first; such a case is
logged and not recorded, so it is tried again the next day (the submitter may have
opened the app by then).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from ibcase import CaseStatus
from policy import Lang, lang_of

from ..clock import Clock, SystemClock, zone
from ..daily import DailyJob, next_run
from ..outbox import OutboxKind, card_activity, enqueue
from ..outbox.people import personal_target
from ..persistence.database import insert_for, write_gate
from ..persistence.register import Case, CaseRegister
from ..persistence.tables import reminder_table

__all__ = ["CardFor", "ReminderJob", "due_reviews", "next_run"]

logger = logging.getLogger(__name__)

# Builds the reminder card for a case in a language, given the days left until its
# review date (0 on the day, negative once the date has passed).
CardFor = Callable[[Case, Lang, int], dict[str, Any]]


async def due_reviews(register: CaseRegister, *, today: date, notice_days: int) -> list[Case]:
    """Accepted cases whose review date is at most ``notice_days`` days after ``today``
    (overdue ones included), the soonest first."""
    horizon = today + timedelta(days=notice_days)
    accepted = await register.list(status=CaseStatus.ACCEPTED, limit=None, newest_first=False)
    due = [case for case in accepted if case.review_due is not None and case.review_due <= horizon]
    return sorted(due, key=lambda case: (case.review_due, case.year, case.sequence))


class ReminderJob:
    """The daily review reminders. ``start()`` runs them once now and then every day at
    ``hour`` in ``time_zone``; ``stop()`` ends that. ``run_once`` is one run."""

    def __init__(
        self,
        engine: AsyncEngine,
        register: CaseRegister,
        *,
        time_zone: str,
        notice_days: int,
        hour: int,
        card_for: CardFor,
        clock: Clock | None = None,
    ) -> None:
        self._engine = engine
        self._register = register
        self._zone = zone(time_zone)
        self._notice_days = notice_days
        self._card_for = card_for
        self._clock = clock or SystemClock()
        self._schedule = DailyJob("Review reminders", self._scheduled_run, zone=self._zone,
                                  hour=hour, clock=self._clock)

    def today(self) -> date:
        """Today in the job's time zone."""
        return self._clock.today(self._zone)

    async def run_once(self, today: date) -> int:
        """Queue a reminder for every due review not yet reminded of; returns how many
        were queued. A case whose reminder cannot be queued is logged and does not hold
        up the others."""
        queued = 0
        for case in await due_reviews(
            self._register, today=today, notice_days=self._notice_days
        ):
            try:
                queued += await self._remind(case, today)
            except Exception:  # one broken case must not stop the others' reminders
                logger.exception("Review reminder for %s could not be queued", case.id)
        return queued

    async def _remind(self, case: Case, today: date) -> int:
        assert case.review_due is not None  # due_reviews returns dated cases only
        now = self._clock.now()
        async with (
            write_gate(self._engine),
            self._engine.connect() as conn,
            conn.begin() as transaction,
        ):
            # The write comes first: it takes the lock (PostgreSQL: the row's; SQLite: the
            # database's) before anything is read, so a concurrent run waits here and then
            # finds the reminder already recorded.
            if not await self._record(conn, case.id, case.review_due, now):
                return 0
            found = await personal_target(conn, case.submitter.id)
            if found is None:
                await transaction.rollback()  # not recorded: tried again tomorrow
                logger.warning(
                    "Review reminder for %s not sent: the bot has never talked to its "
                    "submitter (%s); trying again tomorrow", case.id, case.submitter.id,
                )
                return 0
            target, locale = found
            lang = lang_of(locale)
            card = self._card_for(case, lang, (case.review_due - today).days)
            await enqueue(
                conn,
                key=f"reminder:{case.id}:{case.review_due.isoformat()}",
                kind=OutboxKind.NOTIFY,
                target=target,
                activity=card_activity(card),
                conversation_key=target.user_id or case.submitter.id.lower(),
                case_id=case.id,
                now=now,
            )
        logger.info("Review reminder for %s (due %s) queued", case.id, case.review_due)
        return 1

    @staticmethod
    async def _record(conn: AsyncConnection, case_id: str, review_due: date,
                      now: datetime) -> bool:
        """Record the reminder; False when it was recorded before (by any process)."""
        stmt = (
            insert_for(conn)(reminder_table)
            .values(case_id=case_id, review_due=review_due, sent_at=now)
            .on_conflict_do_nothing()
            .returning(reminder_table.c.case_id)
        )
        return (await conn.execute(stmt)).scalar_one_or_none() is not None

    # --- the daily schedule -------------------------------------------------------------

    def start(self) -> None:
        """Run the reminders now (catching up after downtime) and then daily at the hour.
        Call it in the running event loop (e.g. from aiohttp's ``on_startup``), and
        ``stop()`` on shutdown."""
        self._schedule.start()

    async def stop(self) -> None:
        """Stop the daily runs; a run in progress finishes first."""
        await self._schedule.stop()

    async def _scheduled_run(self) -> None:
        count = await self.run_once(self.today())
        logger.info("Review reminders: %d queued", count)
