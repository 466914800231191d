"""The daily schedule the review reminders and the retention expiry share (bot.daily)."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.clock import FixedClock
from bot.daily import DailyJob

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


async def test_a_run_in_progress_when_the_job_stops_finishes_before_the_job_ends() -> None:
    started, release, finished = asyncio.Event(), asyncio.Event(), []

    async def run() -> None:
        started.set()
        await release.wait()  # as a slow database call would
        finished.append(True)

    job = DailyJob("test", run, zone=STOCKHOLM, hour=7, clock=FixedClock(NOW))
    job.start()
    await started.wait()
    stopping = asyncio.create_task(job.stop())
    await asyncio.sleep(0.05)
    assert not stopping.done(), "stop() waits for the run in progress"
    release.set()
    await stopping
    assert finished == [True]


async def test_a_run_that_outlasts_the_grace_time_is_cancelled() -> None:
    started, cancelled = asyncio.Event(), []

    async def run() -> None:
        started.set()
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            cancelled.append(True)
            raise

    job = DailyJob("test", run, zone=STOCKHOLM, hour=7, clock=FixedClock(NOW),
                   grace_seconds=0.05)
    job.start()
    await started.wait()
    await job.stop()
    assert cancelled == [True]


async def test_a_failing_run_is_logged_and_the_job_waits_for_the_next_day() -> None:
    runs = []

    async def run() -> None:
        runs.append(True)
        raise RuntimeError("the database is away")

    job = DailyJob("test", run, zone=STOCKHOLM, hour=7, clock=FixedClock(NOW))
    job.start()
    await asyncio.sleep(0.05)
    await job.stop()
    assert runs == [True]  # once at start; the next run is at 07:00 tomorrow
