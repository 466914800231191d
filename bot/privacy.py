"""Personal data: what is held about a person (export), pseudonymising them (erase),
expiring what is kept only to talk (retention), and proving the audit chain (verify).

docs/data-protection.md is the register of what is kept where, why and for how long;
this module is the code behind it:

``export_person``  everything held about an Entra object id, as JSON: the cases they
                   submitted (with versions and audit log), the versions and audit rows
                   they wrote in other cases, their ``user_refs`` row, their conversation
                   state, the messages queued or sent to them, the IB channels they
                   registered.
``erase_person``   cases are public records (allmänna handlingar) and are kept; the
                   person is replaced in every case, version, audit row and IB channel by
                   a pseudonym, their name wherever it occurs in the register's free text,
                   the comments they wrote by "[borttagen]"; their user reference,
                   conversation state and messages to them are deleted. One transaction.
                   Each case touched gets a ``person_erased`` audit row naming the audit
                   rows it changed, so the chain still verifies (``bot.persistence.audit``).
``expire``         conversation state and user references not touched for
                   ``retention_days``; the content of sent or failed messages as old.
``verify_chain``   the audit chain from the first row to the head.
"""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.persistence.database import Executes

from .clock import Clock, SystemClock, utc, zone
from .daily import DailyJob
from .persistence.audit import ChainReport, append_hashes, chain_table, read_chain, verify_rows
from .persistence.database import state_table, writing
from .persistence.register import (
    Actor,
    AuditEvent,
    CaseStatus,
    audit_table,
    case_table,
    version_table,
)
from .persistence.tables import channel_table, outbox_table, user_ref_table

__all__ = [
    "ERASED_COMMENT",
    "Erasure",
    "Expiry",
    "RetentionJob",
    "erase_person",
    "expire",
    "export_person",
    "verify_chain",
]

logger = logging.getLogger(__name__)

ERASED_COMMENT = "[borttagen]"
# Names shorter than this are not searched for in free text (too many false hits).
_MIN_NAME = 3
# A case in one of these statuses is finished: its submitter need not be reachable.
_FINISHED = (CaseStatus.WITHDRAWN.value, CaseStatus.DECLINED.value)
# The content an expired message keeps: nothing but that it was there.
_EXPIRED_ACTIVITY: dict[str, Any] = {"type": "message", "expired": True}


def _key(object_id: str) -> str:
    return object_id.strip().lower()


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return utc(value).isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _row(mapping: Any, *, skip: Iterable[str] = ()) -> dict[str, Any]:
    return {k: _jsonable(v) for k, v in dict(mapping).items() if k not in set(skip)}


# --- verify ------------------------------------------------------------------------------


async def verify_chain(engine: AsyncEngine) -> ChainReport:
    """Check the whole audit chain (every row in id order, and the head)."""
    async with engine.connect() as conn:
        rows, head = await read_chain(conn, audit_table)
    return verify_rows(rows, head)


# --- export ------------------------------------------------------------------------------


async def _user_ref(conn: Executes, key: str) -> dict[str, Any] | None:
    row = (
        await conn.execute(select(user_ref_table).where(user_ref_table.c.user_id == key))
    ).one_or_none()
    return _row(row._mapping) if row is not None else None


def _state_keys(ref: dict[str, Any] | None) -> list[Any]:
    """Conditions on ``bot_state.key`` for the person's own state: the user scope
    (``<channel>/users/<Teams id>``) and their personal chat
    (``<channel>/conversations/<id>``)."""
    if ref is None:
        return []
    conditions = [state_table.c.key.endswith(f"/users/{ref['user_mri']}", autoescape=True)]
    if ref.get("conversation_id"):
        conditions.append(state_table.c.key.endswith(
            f"/conversations/{ref['conversation_id']}", autoescape=True))
    return conditions


async def export_person(engine: AsyncEngine, object_id: str) -> dict[str, Any]:
    """Everything the database holds about ``object_id`` (an Entra object id), JSON-ready."""
    key = _key(object_id)
    async with engine.connect() as conn:
        submitted = [r.id for r in await conn.execute(
            select(case_table.c.id).where(func.lower(case_table.c.submitter_id) == key)
            .order_by(case_table.c.year, case_table.c.sequence))]
        cases = []
        for case_id in submitted:
            case = (await conn.execute(
                select(case_table).where(case_table.c.id == case_id))).one()
            versions = (await conn.execute(
                select(version_table).where(version_table.c.case_id == case_id)
                .order_by(version_table.c.version))).all()
            audit = (await conn.execute(
                select(audit_table).where(audit_table.c.case_id == case_id)
                .order_by(audit_table.c.id))).all()
            cases.append({
                **_row(case._mapping),
                "versions": [_row(v._mapping) for v in versions],
                "audit": [_row(a._mapping, skip=("personal_salt",)) for a in audit],
            })
        other_versions = (await conn.execute(
            select(version_table).where(
                func.lower(version_table.c.created_by_id) == key,
                version_table.c.case_id.not_in(submitted),
            ).order_by(version_table.c.case_id, version_table.c.version))).all()
        other_audit = (await conn.execute(
            select(audit_table).where(
                func.lower(audit_table.c.actor_id) == key,
                audit_table.c.case_id.not_in(submitted),
            ).order_by(audit_table.c.id))).all()
        ref = await _user_ref(conn, key)
        conditions = _state_keys(ref)
        state = (await conn.execute(
            select(state_table).where(or_(*conditions)).order_by(state_table.c.key)
        )).all() if conditions else []
        outbox = (await conn.execute(
            select(outbox_table).where(outbox_table.c.conversation_key == key)
            .order_by(outbox_table.c.id))).all()
        channels = (await conn.execute(
            select(channel_table).where(func.lower(channel_table.c.registered_by_id) == key)
            .order_by(channel_table.c.id))).all()
    return {
        "object_id": key,
        "cases_submitted": cases,
        "versions_in_other_cases": [_row(v._mapping) for v in other_versions],
        "audit_in_other_cases": [_row(a._mapping, skip=("personal_salt",))
                                 for a in other_audit],
        "user_ref": ref,
        "conversation_state": [_row(s._mapping) for s in state],
        "messages_to_them": [_row(o._mapping) for o in outbox],
        "ib_channels_registered": [_row(c._mapping) for c in channels],
    }


# --- erase -------------------------------------------------------------------------------


@dataclass
class Erasure:
    """What ``erase_person`` changed."""

    pseudonym: str
    cases: list[str] = field(default_factory=list)
    versions: int = 0
    audit_rows: int = 0
    channels: int = 0
    user_refs: int = 0
    state_items: int = 0
    messages_deleted: int = 0
    messages_scrubbed: int = 0

    def as_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


class _Scrubber:
    """Replaces a person's names and ids in free text (whole words, any letter case)."""

    def __init__(self, names: Iterable[str], ids: Iterable[str], pseudonym: str,
                 pseudonym_name: str) -> None:
        words = sorted({n.strip() for n in names if len(n.strip()) >= _MIN_NAME}, key=len,
                       reverse=True)
        self._names = (re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, words)) + r")(?!\w)",
                                  re.IGNORECASE) if words else None)
        wanted = sorted({i for i in ids if len(i) >= _MIN_NAME}, key=len, reverse=True)
        self._ids = (re.compile("|".join(map(re.escape, wanted)), re.IGNORECASE)
                     if wanted else None)
        self._pseudonym = pseudonym
        self._name = pseudonym_name

    def text(self, value: str) -> str:
        if self._ids is not None:
            value = self._ids.sub(self._pseudonym, value)
        if self._names is not None:
            value = self._names.sub(self._name, value)
        return value

    def json(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.json(v) for v in value]
        if isinstance(value, dict):
            return {k: self.json(v) for k, v in value.items()}
        return value


async def erase_person(
    engine: AsyncEngine, object_id: str, *, now: datetime, by: Actor,
) -> Erasure:
    """Pseudonymise ``object_id`` everywhere in the database, in one transaction.

    ``by`` (the operator) is the actor of the ``person_erased`` audit rows; ``now`` is
    their time. Running it again for the same id finds nothing more to change."""
    key = _key(object_id)
    tag = secrets.token_hex(4)
    pseudonym = f"pseudonym-{tag}"
    pseudonym_name = f"[pseudonym {tag}]"
    erasure = Erasure(pseudonym=pseudonym)
    async with writing(engine) as conn:
        await _lock_register(conn)
        ref = await _user_ref(conn, key)
        names: set[str] = set()
        for column, who in (
            (case_table.c.submitter_name, case_table.c.submitter_id),
            (version_table.c.created_by_name, version_table.c.created_by_id),
            (audit_table.c.actor_name, audit_table.c.actor_id),
            (channel_table.c.registered_by_name, channel_table.c.registered_by_id),
        ):
            names.update(r[0] for r in await conn.execute(
                select(column).where(func.lower(who) == key).distinct()))
        ids = {key} | ({ref["user_mri"]} if ref else set())
        scrub = _Scrubber(names, ids, pseudonym, pseudonym_name)

        # Which cases change: the person's own, and those that name them anywhere.
        touched: set[str] = set()
        cases = (await conn.execute(select(case_table))).all()
        versions = (await conn.execute(select(version_table))).all()
        audit = (await conn.execute(select(audit_table).order_by(audit_table.c.id))).all()
        new_cases = {}
        for c in cases:
            mine = c.submitter_id.strip().lower() == key
            title = scrub.text(c.title)[:200]
            if mine or title != c.title:
                new_cases[c.id] = {"title": title, **({"submitter_id": pseudonym,
                                                        "submitter_name": pseudonym_name}
                                                       if mine else {})}
        new_versions = {}
        for v in versions:
            mine = v.created_by_id.strip().lower() == key
            engagement, assessment = scrub.json(v.engagement), scrub.json(v.assessment)
            if isinstance(engagement.get("title"), str):
                engagement["title"] = engagement["title"][:200]
            if mine or engagement != v.engagement or assessment != v.assessment:
                values = {"engagement": engagement, "assessment": assessment}
                if mine:
                    values |= {"created_by_id": pseudonym, "created_by_name": pseudonym_name}
                new_versions[(v.case_id, v.version)] = values
        new_audit: dict[int, tuple[str, dict[str, Any]]] = {}
        for a in audit:
            mine = a.actor_id.strip().lower() == key
            details = dict(a.details or {})
            if "comment" in details:
                details["comment"] = (ERASED_COMMENT if mine
                                      else scrub.text(str(details["comment"])))
            if mine or details != dict(a.details or {}):
                values = {"details": details}
                if mine:
                    values |= {"actor_id": pseudonym, "actor_name": pseudonym_name}
                new_audit[a.id] = (a.case_id, values)
        touched = set(new_cases) | {c for c, _ in new_versions} | {
            c for c, _ in new_audit.values()}

        for case_id, values in new_cases.items():
            await conn.execute(update(case_table).where(case_table.c.id == case_id)
                               .values(**values))
        for (case_id, number), values in new_versions.items():
            await conn.execute(update(version_table).where(
                version_table.c.case_id == case_id, version_table.c.version == number)
                .values(**values))
        erasure.versions = len(new_versions)
        for row_id, (_, values) in new_audit.items():
            await conn.execute(update(audit_table).where(audit_table.c.id == row_id)
                               .values(**values))
        erasure.audit_rows = len(new_audit)
        for case_id in sorted(touched):
            rows = sorted(i for i, (c, _) in new_audit.items() if c == case_id)
            details = {"pseudonym": pseudonym, "rows": rows,
                       "versions": sorted(n for c, n in new_versions if c == case_id)}
            chained = await append_hashes(
                conn, case_id=case_id, at=now, actor_id=by.id, actor_name=by.name,
                actor_unit=by.unit, event=AuditEvent.PERSON_ERASED.value, details=details)
            await conn.execute(insert(audit_table).values(
                case_id=case_id, at=now, actor_id=by.id, actor_name=by.name,
                actor_unit=by.unit, event=AuditEvent.PERSON_ERASED.value, details=details,
                **chained))
        erasure.cases = sorted(touched)

        erasure.channels = (await conn.execute(
            update(channel_table).where(func.lower(channel_table.c.registered_by_id) == key)
            .values(registered_by_id=pseudonym, registered_by_name=pseudonym_name)
        )).rowcount or 0
        conditions = _state_keys(ref)
        if conditions:
            erasure.state_items = (await conn.execute(
                delete(state_table).where(or_(*conditions)))).rowcount or 0
        erasure.user_refs = (await conn.execute(
            delete(user_ref_table).where(user_ref_table.c.user_id == key))).rowcount or 0
        erasure.messages_deleted = (await conn.execute(
            delete(outbox_table).where(outbox_table.c.conversation_key == key,
                                       outbox_table.c.status != "sending"))).rowcount or 0
        for row in (await conn.execute(
                select(outbox_table.c.id, outbox_table.c.target, outbox_table.c.activity)
        )).all():
            target, activity = scrub.json(row.target), scrub.json(row.activity)
            if target != row.target or activity != row.activity:
                await conn.execute(update(outbox_table).where(outbox_table.c.id == row.id)
                                   .values(target=target, activity=activity))
                erasure.messages_scrubbed += 1
    logger.info("Person pseudonymised as %s in %d cases", pseudonym, len(erasure.cases))
    return erasure


async def _lock_register(conn: Executes) -> None:
    """Before anything is read: on PostgreSQL every case's row lock, in id order (a
    mutation holds one case's and then the chain head's, so no cycle); on SQLite the
    database's write lock, taken by a write that changes nothing."""
    if conn.dialect.name == "postgresql":
        await conn.execute(select(case_table.c.id).order_by(case_table.c.id).with_for_update())
    else:
        await conn.execute(update(chain_table).where(chain_table.c.id == 1)
                           .values(rows=chain_table.c.rows))


# --- retention ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Expiry:
    """What ``expire`` removed."""

    state_items: int
    user_refs: int
    messages: int


async def expire(engine: AsyncEngine, *, now: datetime, days: int) -> Expiry:
    """Delete conversation state and user references not written for ``days`` days, and
    empty the content of messages sent (or given up) as long ago.

    A user reference is kept while its user has a case that is not finished (withdrawn or
    declined): an accepted membership's review reminder, years later, goes to it."""
    cutoff = utc(now) - timedelta(days=days)
    live = select(func.lower(case_table.c.submitter_id)).where(
        case_table.c.status.not_in(_FINISHED))
    async with writing(engine) as conn:
        state = (await conn.execute(
            delete(state_table).where(state_table.c.updated_at < cutoff))).rowcount or 0
        refs = (await conn.execute(
            delete(user_ref_table).where(user_ref_table.c.updated_at < cutoff,
                                         user_ref_table.c.user_id.not_in(live))
        )).rowcount or 0
        old = (await conn.execute(
            select(outbox_table.c.id, outbox_table.c.activity).where(
                outbox_table.c.status.in_(("sent", "failed")),
                func.coalesce(outbox_table.c.sent_at, outbox_table.c.created_at) < cutoff,
            ))).all()
        expired = [row.id for row in old if row.activity != _EXPIRED_ACTIVITY]
        if expired:
            await conn.execute(update(outbox_table).where(outbox_table.c.id.in_(expired))
                               .values(activity=_EXPIRED_ACTIVITY))
        messages = len(expired)
    if state or refs or messages:
        logger.info("Retention (%d days): %d state items, %d user references, %d messages "
                    "expired", days, state, refs, messages)
    return Expiry(state, refs, messages)


class RetentionJob:
    """``expire`` once when the bot starts and then daily at ``hour`` in ``time_zone``."""

    def __init__(self, engine: AsyncEngine, *, days: int, time_zone: str, hour: int,
                 clock: Clock | None = None) -> None:
        self._engine = engine
        self._days = days
        self._zone = zone(time_zone)
        self._clock = clock or SystemClock()
        self._schedule = DailyJob("Retention", self._expire, zone=self._zone, hour=hour,
                                  clock=self._clock)

    def start(self) -> None:
        self._schedule.start()

    async def stop(self) -> None:
        """Stop the daily runs; a run in progress finishes first."""
        await self._schedule.stop()

    async def _expire(self) -> None:
        await expire(self._engine, now=self._clock.now(), days=self._days)
