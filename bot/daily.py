"""A job that runs once when the bot starts and then every day at an hour, on the clock.

The review reminders and the retention expiry share it. ``stop()`` lets a run in
progress finish (up to ``grace_seconds``) before it cancels anything: a run cancelled in
the middle of a database call leaves the driver's thread working after the event loop
has gone (aiosqlite then reports "Event loop is closed" from its thread), and its
transaction would be rolled back for nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .clock import Clock

__all__ = ["DailyJob", "next_run"]

logger = logging.getLogger(__name__)


def next_run(now: datetime, zone: ZoneInfo, hour: int) -> datetime:
    """The first moment after ``now`` when the clock in ``zone`` shows ``hour``:00
    (wall-clock time, so the job keeps its hour across summer time)."""
    local = now.astimezone(zone)
    candidate = datetime.combine(local.date(), time(hour), tzinfo=zone)
    if candidate <= local:
        candidate = datetime.combine(local.date() + timedelta(days=1), time(hour), tzinfo=zone)
    return candidate.astimezone(UTC)


class DailyJob:
    """``run`` now and then daily at ``hour`` in ``zone``; a failing run is logged and the
    next one tries again."""

    def __init__(self, name: str, run: Callable[[], Awaitable[None]], *, zone: ZoneInfo,
                 hour: int, clock: Clock, grace_seconds: float = 10.0) -> None:
        self._name = name
        self._run = run
        self._zone = zone
        self._hour = hour
        self._clock = clock
        self._grace = grace_seconds
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Start in the running event loop (e.g. from aiohttp's ``on_startup``)."""
        if self._task is None or self._task.done():
            self._stopping = asyncio.Event()
            self._task = asyncio.create_task(self._daily(), name=self._name)

    async def stop(self) -> None:
        """End the schedule: a run in progress finishes first (up to the grace time)."""
        task, self._task = self._task, None
        if task is None:
            return
        self._stopping.set()
        _done, pending = await asyncio.wait({task}, timeout=self._grace)
        for late in pending:
            late.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await late

    async def _daily(self) -> None:
        while not self._stopping.is_set():
            try:
                await self._run()
            except Exception:  # the database may be away; the next run catches up
                logger.exception("%s failed; trying again at the next run", self._name)
            now = self._clock.now()
            wait = (next_run(now, self._zone, self._hour) - now).total_seconds()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), wait)
