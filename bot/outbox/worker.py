"""The delivery worker: sends the outbox's messages to Teams, durably and in order.

What it guarantees, and how:

- **Nothing is lost.** A message is a row in ``outbox``, written in the transaction of the
  change it announces. The worker marks it sent only after Teams answered. A transient
  failure (429, 412, 5xx, network) is retried in the call (``bot.teams.connector``: tenacity,
  Retry-After, exponential backoff with jitter); if it persists, the row stays pending
  with ``attempts``, ``next_attempt_at`` (capped exponential backoff, at least the
  Retry-After) and ``last_error``, and is tried again later, for as long as it takes.
  A permanent failure (another 4xx) marks it failed and is logged.
- **One sender per message.** A worker claims a row under a lease (``lease_owner``,
  ``lease_until``) with a conditional UPDATE that only one process can win. On
  PostgreSQL the claim of a conversation also holds its ``outbox_pace`` row
  ``FOR UPDATE SKIP LOCKED`` (a process busy with a conversation is skipped, not
  waited for); on SQLite the claim's first statement is a write, so the database's
  single writer serialises the claims.
- **In order per conversation.** Only the oldest unsent row of a ``conversation_key`` is
  ever claimed; a later one waits until it is sent (or failed for good).
- **At most ``max_per_second`` per conversation** (Teams allows 7), across processes:
  after each attempt the conversation's ``outbox_pace.next_at`` is set to the end of the
  attempt plus 1/max_per_second, and no row of that conversation is claimed before then.
  So consecutive requests to a conversation arrive at least that far apart.
- **Resumes after a restart.** Pending rows are simply found again. A row left 'sending'
  by a process that died is taken over once its lease has expired.
- **A case's post exactly once**, even if the process died right after Teams received
  it: a row found 'sending' with an expired lease is *uncertain*. For a ``post`` with a
  case id, when ``graph_reconcile`` is on and the IB channel's Microsoft 365 group is
  known (``ib_channels.team_aad_group_id``), the worker looks for the post in the
  channel through Microsoft Graph (the card whose refresh action is ``ib.refresh`` for
  that case id) and, if it is there, records it as sent instead of posting again. A POST
  that failed in a way that may have posted (``ConnectorError.uncertain``) is left
  uncertain too. Updates are idempotent and are simply sent again; a reply or a
  notification whose sending was interrupted in that window may arrive twice.

Each attempt runs within half the lease, so a live process never loses its lease
mid-send; if an attempt overruns, it is treated as interrupted (uncertain).

This module is the queue (claim under a lease, record sent or failed, backoff);
``bot.outbox.pace`` keeps the per-conversation pace and ``bot.outbox.send`` sends a row
by its kind, Graph's look-up included.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
import random
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select, true, update
from sqlalchemy.engine import Row
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.persistence.database import Executes

from .. import telemetry
from ..clock import Clock, SystemClock, utc
from ..persistence.database import writing
from ..persistence.tables import (
    case_post_table,
    outbox_table,
    pace_table,
)
from ..teams.connector import ConnectorClient
from ..telemetry import CASE_ID
from . import OutboxKind, OutboxStatus, pace
from .send import Failure, NotYet, Sender

__all__ = ["DeliveryWorker", "backoff_seconds"]

logger = logging.getLogger(__name__)

_OPEN = (OutboxStatus.PENDING.value, OutboxStatus.SENDING.value)
_ERROR_LENGTH = 1000  # outbox.last_error's size


def backoff_seconds(
    attempts: int, *, base: float = 2.0, cap: float = 300.0, retry_after: float | None = None
) -> float:
    """How long a row waits after its ``attempts``-th failed attempt: exponential with
    full jitter between half and all of ``base * 2**(attempts-1)``, at most ``cap``, and
    never less than the service's Retry-After."""
    ceiling = min(cap, base * 2 ** max(0, attempts - 1))
    delay = random.uniform(ceiling / 2, ceiling)  # noqa: S311 - jitter, not a secret
    return max(delay, retry_after or 0.0)


@dataclass(frozen=True, slots=True)
class _Claim:
    row: Row[Any]
    uncertain: bool  # found 'sending' with an expired lease: it may have gone out


class DeliveryWorker:
    """Delivers the outbox in the background of a server process (``start``/``stop``).

    ``clock`` (default the real time) gives the times written to the database and the
    moments messages fall due; ``worker_id`` names this process in ``lease_owner``.
    """

    def __init__(
        self,
        engine: AsyncEngine,
        connector: ConnectorClient,
        *,
        max_per_second: float = 7.0,
        poll_seconds: float = 1.0,
        lease_seconds: float = 60.0,
        graph_reconcile: bool = True,
        clock: Clock | None = None,
        worker_id: str | None = None,
        concurrency: int = 16,
        max_backoff_seconds: float = 300.0,
    ) -> None:
        if not 0 < max_per_second <= 7:
            raise ValueError("max_per_second must be in (0, 7]: Teams allows 7 per second")
        self._engine = engine
        self._pace_seconds = 1 / max_per_second
        self._interval = timedelta(seconds=self._pace_seconds)
        self._poll = poll_seconds
        self._lease = timedelta(seconds=lease_seconds)
        self._budget = lease_seconds / 2
        self._clock = clock or SystemClock()
        self._sender = Sender(
            engine, connector, clock=self._clock, graph_reconcile=graph_reconcile
        )
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self._slots = asyncio.Semaphore(concurrency)
        self._max_backoff = max_backoff_seconds
        self._wake = asyncio.Event()
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._drains: dict[str, asyncio.Task[None]] = {}

    # Life cycle -----------------------------------------------------------------------

    def start(self) -> None:
        """Start delivering in the background (idempotent)."""
        if self._task is None or self._task.done():
            self._stopping.clear()
            self._task = asyncio.create_task(self._run(), name=f"delivery {self.worker_id}")

    async def stop(self, grace_seconds: float = 10.0) -> None:
        """Stop claiming, let messages in flight finish (up to ``grace_seconds``), then
        cancel what is left; such a row is taken over after its lease as uncertain."""
        self._stopping.set()
        self._wake.set()
        tasks = [t for t in (self._task, *self._drains.values()) if t is not None]
        if tasks:
            _done, pending = await asyncio.wait(tasks, timeout=grace_seconds)
            for task in pending:
                task.cancel()
            for task in pending:
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        self._task = None

    def wake(self) -> None:
        """Look for due messages now instead of at the next poll (after an enqueue)."""
        self._wake.set()

    async def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                await self.deliver_due()
            except (OSError, SQLAlchemyError) as error:
                logger.warning("Delivery: the outbox could not be read (%s)", type(error).__name__)
            except Exception:  # the worker must outlive a bug in one round
                logger.exception("Delivery: a round failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self._poll)
            self._wake.clear()

    async def deliver_due(self) -> None:
        """Start draining every conversation whose oldest unsent message is due now."""
        for key in await self._due_conversations():
            if key not in self._drains and not self._stopping.is_set():
                task = asyncio.create_task(self._drain(key), name=f"delivery to {key}")
                self._drains[key] = task
                task.add_done_callback(functools.partial(self._forget, key))

    def _forget(self, key: str, _task: asyncio.Task[None]) -> None:
        self._drains.pop(key, None)

    async def drain(self) -> None:
        """Deliver until nothing is due, waiting out the pace but not the backoff of a
        failed message (tests and the benchmark; the server uses ``start``)."""
        while True:
            await self.deliver_due()
            if self._drains:
                await asyncio.wait(list(self._drains.values()))
            elif await self._due_conversations(paced=False):
                await asyncio.sleep(min(self._poll, self._pace_seconds))
            else:
                return

    # Finding and claiming -------------------------------------------------------------

    def _now(self) -> datetime:
        return utc(self._clock.now())

    @staticmethod
    def _due(now: datetime) -> Any:
        o = outbox_table.c
        return or_(
            and_(o.status == OutboxStatus.PENDING.value, o.next_attempt_at <= now),
            and_(o.status == OutboxStatus.SENDING.value, o.lease_until <= now),
        )

    async def _due_conversations(self, limit: int = 200, *, paced: bool = True) -> list[str]:
        """Conversations whose oldest unsent message is due now (and, when ``paced``,
        whose pace allows a send now)."""
        o = outbox_table.c
        now = self._now()
        heads = (
            select(o.conversation_key, func.min(o.id).label("id"))
            .where(o.status.in_(_OPEN))
            .group_by(o.conversation_key)
            .subquery()
        )
        query = (
            select(o.conversation_key)
            .select_from(
                outbox_table.join(heads, o.id == heads.c.id).outerjoin(
                    pace_table, pace_table.c.conversation_key == o.conversation_key
                )
            )
            .where(
                self._due(now),
                or_(pace_table.c.next_at.is_(None), pace_table.c.next_at <= now)
                if paced
                else true(),
            )
            .order_by(o.id)
            .limit(limit)
        )
        async with self._engine.connect() as conn:
            return [row.conversation_key for row in await conn.execute(query)]

    async def _drain(self, key: str) -> None:
        """Deliver one conversation's due messages one after the other, at its pace."""
        async with self._slots:
            while not self._stopping.is_set():
                try:
                    claim, wait = await self._claim(key)
                except (OSError, SQLAlchemyError) as error:
                    logger.warning("Delivery to %s: claim failed (%s)", key, type(error).__name__)
                    return
                except Exception:
                    logger.exception("Delivery to %s: claim failed", key)
                    return
                if claim is not None:
                    await self._deliver(claim)
                    await asyncio.sleep(self._pace_seconds)  # the pace just set
                elif wait is not None and wait <= max(self._poll, self._pace_seconds):
                    await asyncio.sleep(wait)
                else:
                    return

    async def _claim(self, key: str) -> tuple[_Claim | None, float | None]:
        """Claim the conversation's oldest unsent row if it and the pace allow. Returns the
        claim, or (None, seconds until it may be due) or (None, None) for nothing to do."""
        o = outbox_table.c
        async with self._writing() as conn:
            now = self._now()
            pace_at = await pace.lock(conn, key)
            if pace_at is None:  # another process is claiming in this conversation
                return None, None
            if pace_at > now:
                return None, (pace_at - now).total_seconds()
            head = (
                await conn.execute(
                    select(outbox_table)
                    .where(o.conversation_key == key, o.status.in_(_OPEN))
                    .order_by(o.id)
                    .limit(1)
                )
            ).one_or_none()
            if head is None:
                return None, None
            if head.status == OutboxStatus.PENDING.value:
                due_at = utc(head.next_attempt_at)
            else:
                due_at = utc(head.lease_until) if head.lease_until is not None else now
            if due_at > now:
                return None, (due_at - now).total_seconds()
            claimed = (
                await conn.execute(
                    update(outbox_table)
                    .where(o.id == head.id, o.status == head.status, self._due(now))
                    .values(
                        status=OutboxStatus.SENDING.value,
                        lease_owner=self.worker_id,
                        lease_until=now + self._lease,
                    )
                    .returning(*outbox_table.c)
                )
            ).one_or_none()
            if claimed is None:
                return None, None
            return _Claim(claimed, uncertain=head.status == OutboxStatus.SENDING.value), None

    # Delivering -----------------------------------------------------------------------

    async def _deliver(self, claim: _Claim) -> None:
        row = claim.row
        CASE_ID.set(row.case_id)  # this drain task's log lines name the case
        try:
            async with asyncio.timeout(self._budget):
                with telemetry.current().span("outbox.deliver", {
                    "outbox.id": row.id, "outbox.kind": row.kind,
                    "outbox.attempt": int(row.attempts) + 1,
                }):
                    activity_id, reconciled = await self._sender.send(
                        row, uncertain=claim.uncertain
                    )
        except NotYet as waiting:
            await self._record_failure(row, Failure(str(waiting), transient=True))
        except Failure as failure:
            await self._record_failure(row, failure)
        except (TimeoutError, OSError, SQLAlchemyError) as error:
            # Interrupted (the attempt overran its time, or the database failed): a post
            # may have gone out.
            reason = (
                f"no answer within {self._budget:g} s"
                if isinstance(error, TimeoutError)
                else f"{type(error).__name__} while sending"
            )
            post = row.kind == OutboxKind.POST.value
            await self._record_failure(row, Failure(reason, transient=True, uncertain=post))
        except Exception as error:  # a row this code cannot deliver (malformed target, …)
            logger.exception("Outbox %s cannot be delivered", row.id)
            await self._record_failure(row, Failure(type(error).__name__, transient=False))
        else:
            await self._record_sent(row, activity_id, reconciled=reconciled)

    # Recording the outcome ------------------------------------------------------------

    def _writing(self) -> contextlib.AbstractAsyncContextManager[Executes]:
        """A write transaction (on SQLite, one of this process's writers at a time)."""
        return writing(self._engine)

    def _mine(self, row: Row[Any]) -> Any:
        o = outbox_table.c
        return and_(
            o.id == row.id,
            o.status == OutboxStatus.SENDING.value,
            o.lease_owner == self.worker_id,
        )

    async def _record_sent(
        self, row: Row[Any], activity_id: str | None, *, reconciled: bool
    ) -> None:
        try:
            async with self._writing() as conn:
                now = self._now()
                done = await conn.execute(
                    update(outbox_table)
                    .where(self._mine(row))
                    .values(
                        status=OutboxStatus.SENT.value,
                        sent_activity_id=activity_id,
                        sent_at=now,
                        attempts=outbox_table.c.attempts + 1,
                        lease_owner=None,
                        lease_until=None,
                    )
                )
                if done.rowcount != 1:
                    logger.error(
                        "Outbox %s was delivered but its lease had passed to another "
                        "process; it may be delivered twice",
                        row.id,
                    )
                    return
                if row.kind == OutboxKind.POST.value and row.case_id:
                    await conn.execute(
                        update(case_post_table)
                        .where(case_post_table.c.case_id == row.case_id)
                        .values(activity_id=activity_id, posted_at=now)
                    )
                await pace.push(conn, row.conversation_key, now + self._interval)
        except (OSError, SQLAlchemyError) as error:
            # The row stays 'sending'; after its lease it is uncertain and looked up again.
            logger.error(
                "Outbox %s was delivered but could not be recorded (%s)",
                row.id,
                type(error).__name__,
            )
            return
        if reconciled:
            logger.info("Outbox %s: found already posted (%s), not sent again", row.id, activity_id)

    async def _record_failure(self, row: Row[Any], failure: Failure) -> None:
        now = self._now()
        attempts = row.attempts + 1
        values: dict[str, Any] = {"attempts": attempts, "last_error": str(failure)[:_ERROR_LENGTH]}
        if not failure.transient:
            values |= {
                "status": OutboxStatus.FAILED.value,
                "lease_owner": None,
                "lease_until": None,
            }
            logger.error(
                "Outbox %s (%s) failed for good: status %s: %s",
                row.id,
                row.kind,
                failure.status,
                failure,
            )
        else:
            retry_at = now + timedelta(
                seconds=backoff_seconds(
                    attempts, cap=self._max_backoff, retry_after=failure.retry_after
                )
            )
            values["next_attempt_at"] = retry_at
            if failure.uncertain:
                # Stays 'sending' with a lease that ends at the retry: the next claim
                # treats it as uncertain and looks for the post before sending again.
                values |= {"lease_owner": None, "lease_until": retry_at}
            else:
                values |= {
                    "status": OutboxStatus.PENDING.value,
                    "lease_owner": None,
                    "lease_until": None,
                }
            logger.warning(
                "Outbox %s (%s) attempt %d failed: status %s: %s; next try at %s",
                row.id,
                row.kind,
                attempts,
                failure.status,
                failure,
                retry_at.isoformat(timespec="seconds"),
            )
        try:
            async with self._writing() as conn:
                await conn.execute(update(outbox_table).where(self._mine(row)).values(values))
                await pace.push(conn, row.conversation_key, now + self._interval)
        except (OSError, SQLAlchemyError) as error:
            logger.error(
                "Outbox %s: the failed attempt could not be recorded (%s)",
                row.id,
                type(error).__name__,
            )
