"""The one clock the bot reads the time from.

Everything in the product that needs "now" or "today" (the case register, the IB
service, the outbox and its delivery worker, the state storage, the review reminders,
the dialogs' "today", the command line) asks a ``Clock``; nothing calls
``datetime.now()`` or ``date.today()`` itself. ``create_app`` makes one clock and hands
it to every component, so a test fixes the time for the whole served bot at once.

``SystemClock`` is the real time. ``FixedClock`` is for tests: it shows the moment it
was given until it is moved (``set``, ``advance``), or, with ``tick=True``, starts at
that moment and runs on at the real rate (a served bot's delivery worker waits for due
times, so its clock has to move).

Intervals a process measures for itself (cache lifetimes, time-outs) use
``time.monotonic()`` and are not the clock's business.

``utc`` is the one place for what every reader of a stored moment needs: SQLite hands
datetimes back naive (everything stored is UTC), PostgreSQL aware ones.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

__all__ = ["CITY_ZONE", "Clock", "FixedClock", "SystemClock", "utc", "zone"]

# The city's time zone: which day "today" is, when the daily jobs run, how moments are
# shown. Settings.time_zone may name another; every reader turns the name into a zone
# with ``zone`` (or ``Settings.zone``).
CITY_ZONE = "Europe/Stockholm"


def zone(name: str | ZoneInfo) -> ZoneInfo:
    """The time zone of that name (``zoneinfo`` keeps one object per name)."""
    return name if isinstance(name, ZoneInfo) else ZoneInfo(name)


def utc(moment: datetime) -> datetime:
    """``moment`` as an aware datetime in UTC; a naive one (SQLite's) is taken as UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class Clock(ABC):
    """Where the time comes from: ``now()`` in UTC, ``today(zone)`` in a time zone."""

    @abstractmethod
    def now(self) -> datetime:
        """The current moment, an aware datetime in UTC."""

    def today(self, zone: ZoneInfo | str) -> date:
        """The date the clock on the wall shows in ``zone`` now."""
        return self.now().astimezone(ZoneInfo(zone) if isinstance(zone, str) else zone).date()


class SystemClock(Clock):
    """The real time."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock(Clock):
    """A clock a test sets: it shows ``at`` until it is moved, or, with ``tick=True``,
    runs on from ``at`` as real time passes."""

    def __init__(self, at: datetime, *, tick: bool = False) -> None:
        self._tick = tick
        self.set(at)

    def set(self, at: datetime) -> None:
        """Show ``at`` from now on (an aware datetime)."""
        if at.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._at = at.astimezone(UTC)
        self._since = time.monotonic()

    def advance(self, delta: timedelta) -> None:
        """Move the clock on by ``delta``."""
        self.set(self.now() + delta)

    def now(self) -> datetime:
        if not self._tick:
            return self._at
        return self._at + timedelta(seconds=time.monotonic() - self._since)
