"""The case register: submitted screenings as numbered cases, with versions and an audit log.

A user who has a completed assessment may submit it; it becomes a case with a readable
id, ``SK-<year>-<sequence>`` (``SK-2026-0042``), numbered per year in the city's time
zone. A case keeps every version of its engagement and assessment (contract JSON, §1
and §2): "Komplettera" re-screens and adds version N+1 to the same case.

Nothing changes without a trace: every mutation writes exactly one ``case_audit`` row
in the same transaction as the change itself, chained to the row before it by its hash
(``bot.persistence.audit``), so that a changed or removed row shows (``strategikollen
cases verify``).

Concurrency: each mutation's first statement is a write (the year's counter, or a touch
of the case row), so it holds the row lock on PostgreSQL and the single write lock on
SQLite before it reads anything. Ids are therefore gapless and never handed out twice,
and a status change always sees the status it replaces.

What a case is and may become (its statuses, the changes between them, its id, its
review date) is ``ibcase``'s; this module stores cases by those rules and nothing else.

Exceptions::

    RegisterError
    ├── CaseNotFound        no case has that id, or the text is not a case id
    ├── InvalidTransition   the status cannot change from the current one to that one
    ├── VersionRefused      the case's status takes no new version
    └── WithdrawRefused     the user may not withdraw the case (``ibcase.withdraw_refusal``)
"""

from __future__ import annotations

import builtins
from collections.abc import Awaitable, Callable, Iterable
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, StringConstraints
from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    Row,
    String,
    Table,
    UniqueConstraint,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.persistence.database import Executes
from ibcase import (
    OPEN,
    AuditEvent,
    CaseStatus,
    NotACaseId,
    Submission,
    WithdrawRefusal,
    case_id,
    clean_comment,
    is_duplicate,
    may_move,
    parse_case_id,
    review_due,
    status_after_version,
    takes_versions,
    withdraw_refusal,
)
from policy import Assessment, Engagement, Kind, Owner, Priority, Verdict

from ..clock import CITY_ZONE, Clock, SystemClock, utc, zone
from ..telemetry import CASE_ID
from .audit import append_hashes
from .database import JSON_DOCUMENT, insert_for, writing

__all__ = [
    "SUMMARY_FIELDS",
    "Actor",
    "AlsoInTransaction",
    "AuditEntry",
    "AuditEvent",
    "Case",
    "CaseNotFound",
    "CaseRegister",
    "CaseStatus",
    "CaseVersion",
    "InvalidTransition",
    "RegisterError",
    "VersionRefused",
    "WithdrawRefused",
]


# ``CaseStatus`` and ``AuditEvent`` are ibcase's; they are named here too because every
# reader of the register's rows needs them.


class RegisterError(Exception):
    """Base of the register's errors."""


class CaseNotFound(RegisterError, LookupError):
    """No case has that id, or the text is not a case id."""

    def __init__(self, case_id: str) -> None:
        super().__init__(f"no case {case_id!r}")
        self.case_id = case_id


class InvalidTransition(RegisterError, ValueError):
    """The case's status cannot change from its current status to the one asked for."""

    def __init__(self, case_id: str, current: CaseStatus, requested: CaseStatus) -> None:
        super().__init__(f"{case_id}: status cannot change from {current} to {requested}")
        self.case_id = case_id
        self.current = current
        self.requested = requested


class VersionRefused(RegisterError):
    """The case's status takes no new version (it is decided or withdrawn)."""

    def __init__(self, case_id: str, status: CaseStatus) -> None:
        super().__init__(f"{case_id}: a case that is {status} takes no new version")
        self.case_id = case_id
        self.status = status


class WithdrawRefused(RegisterError):
    """The user may not withdraw the case: not its submitter, already withdrawn, or IB
    has put it on the agenda or decided it (``reason``)."""

    def __init__(self, case_id: str, status: CaseStatus, reason: WithdrawRefusal) -> None:
        super().__init__(f"{case_id}: not withdrawn ({reason})")
        self.case_id = case_id
        self.status = status
        self.reason = reason


# --- models -------------------------------------------------------------------------

Id = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Unit = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]

_FROZEN = ConfigDict(frozen=True, extra="forbid")


class Actor(BaseModel):
    """Who did something: the Entra object id, the display name, and the unit if known."""

    model_config = _FROZEN

    id: Id
    name: Name
    unit: Unit | None = None


class CaseVersion(BaseModel):
    """One screening of a case: the engagement as submitted and the assessment it got."""

    model_config = _FROZEN

    case_id: str
    version: int
    engagement: Engagement
    assessment: Assessment
    rulebook_id: str
    rulebook_version: str
    created_at: datetime
    created_by: Actor


# The flat fields of a case, in the order lists and CSV exports give them.
SUMMARY_FIELDS: tuple[str, ...] = (
    "id", "status", "version", "kind", "title", "unit", "decision_owner", "verdict",
    "priority", "rulebook_id", "rulebook_version", "submitter_id", "submitter_name",
    "submitter_unit", "created_at", "updated_at", "review_due", "meeting_date",
)


class Case(BaseModel):
    """A case as it stands: its status and its current (newest) version."""

    model_config = _FROZEN

    id: str
    year: int
    sequence: int
    status: CaseStatus
    version: int
    kind: Kind
    title: str
    unit: str | None
    decision_owner: Owner
    verdict: Verdict
    priority: Priority | None
    rulebook_id: str
    rulebook_version: str
    submitter: Actor
    created_at: datetime
    updated_at: datetime
    review_due: date | None
    meeting_date: date | None
    engagement: Engagement
    assessment: Assessment

    def summary(self) -> dict[str, Any]:
        """The flat fields (``SUMMARY_FIELDS``, JSON-ready) that lists and exports show."""
        return {
            "id": self.id,
            "status": self.status.value,
            "version": self.version,
            "kind": self.kind.value,
            "title": self.title,
            "unit": self.unit,
            "decision_owner": self.decision_owner.value,
            "verdict": self.verdict.value,
            "priority": self.priority.value if self.priority else None,
            "rulebook_id": self.rulebook_id,
            "rulebook_version": self.rulebook_version,
            "submitter_id": self.submitter.id,
            "submitter_name": self.submitter.name,
            "submitter_unit": self.submitter.unit,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "review_due": self.review_due.isoformat() if self.review_due else None,
            "meeting_date": self.meeting_date.isoformat() if self.meeting_date else None,
        }


# Work done in a mutation's own transaction, after the change and its audit row: it sees
# the case as changed, and if it raises, nothing of the mutation is kept.
AlsoInTransaction = Callable[[Executes, "Case"], Awaitable[None]]


class AuditEntry(BaseModel):
    """One change to a case: who, when, what (the event and its details)."""

    model_config = _FROZEN

    id: int
    case_id: str
    at: datetime
    actor: Actor
    event: AuditEvent
    details: dict[str, Any]


# --- tables (bot/migrations/versions/0002_case_register.py is the source of truth) ---

metadata = MetaData()

counter_table = Table(
    "case_counters",
    metadata,
    Column("year", Integer, primary_key=True),
    Column("last", Integer, nullable=False),
)
case_table = Table(
    "cases",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("year", Integer, nullable=False),
    Column("sequence", Integer, nullable=False),
    Column("status", String(32), nullable=False),
    Column("version", Integer, nullable=False),
    Column("kind", String(64), nullable=False),
    Column("title", String(200), nullable=False),
    Column("unit", String(500)),
    Column("decision_owner", String(64), nullable=False),
    Column("verdict", String(64), nullable=False),
    Column("priority", String(16)),
    Column("rulebook_id", String(200), nullable=False),
    Column("rulebook_version", String(200), nullable=False),
    Column("submitter_id", String(200), nullable=False),
    Column("submitter_name", String(500), nullable=False),
    Column("submitter_unit", String(500)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("review_due", Date),
    Column("meeting_date", Date),
    UniqueConstraint("year", "sequence", name="uq_cases_year_sequence"),
)
version_table = Table(
    "case_versions",
    metadata,
    Column("case_id", String(32), ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("engagement", JSON_DOCUMENT, nullable=False),
    Column("assessment", JSON_DOCUMENT, nullable=False),
    Column("rulebook_id", String(200), nullable=False),
    Column("rulebook_version", String(200), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("created_by_id", String(200), nullable=False),
    Column("created_by_name", String(500), nullable=False),
    Column("created_by_unit", String(500)),
)
audit_table = Table(
    "case_audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", String(32), ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor_id", String(200), nullable=False),
    Column("actor_name", String(500), nullable=False),
    Column("actor_unit", String(500)),
    Column("event", String(32), nullable=False),
    Column("details", JSON_DOCUMENT, nullable=False),
    # The hash chain (migration 0004, bot.persistence.audit): set on every row the register writes.
    Column("personal_salt", String(32)),
    Column("personal_digest", String(64)),
    Column("prev_hash", String(64)),
    Column("row_hash", String(64)),
)


# --- the register ----------------------------------------------------------------------


def _screening_columns(engagement: Engagement, assessment: Assessment) -> dict[str, Any]:
    """The case row's copy of what its current version says (for lists and filters)."""
    return {
        "kind": engagement.kind.value,
        "title": engagement.title,
        "unit": engagement.unit,
        "decision_owner": assessment.decision_owner.value,
        "verdict": assessment.verdict.value,
        "priority": assessment.priority.value if assessment.priority else None,
        "rulebook_id": assessment.rulebook.id,
        "rulebook_version": assessment.rulebook.version,
    }


def _version_row(
    case_id: str, number: int, engagement: Engagement, assessment: Assessment,
    actor: Actor, now: datetime,
) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "version": number,
        "engagement": engagement.model_dump(mode="json", exclude_none=True),
        "assessment": assessment.model_dump(mode="json"),
        "rulebook_id": assessment.rulebook.id,
        "rulebook_version": assessment.rulebook.version,
        "created_at": now,
        "created_by_id": actor.id,
        "created_by_name": actor.name,
        "created_by_unit": actor.unit,
    }


def _screening_details(assessment: Assessment) -> dict[str, Any]:
    return {
        "verdict": assessment.verdict.value,
        "decision_owner": assessment.decision_owner.value,
        "rulebook": {"id": assessment.rulebook.id, "version": assessment.rulebook.version},
    }


class CaseRegister:
    """The case register on an ``AsyncEngine`` (SQLite or PostgreSQL, migrated).

    ``time_zone`` decides the year in a case id and the day a decision is taken;
    ``clock`` (default the real time) is where it reads the time; tests fix it.
    """

    def __init__(
        self,
        engine: AsyncEngine,
        *,
        time_zone: str = CITY_ZONE,
        clock: Clock | None = None,
    ) -> None:
        dialect = engine.url.get_backend_name()
        if dialect not in ("postgresql", "sqlite"):
            raise ValueError(f"CaseRegister supports SQLite and PostgreSQL, not {dialect!r}.")
        self._insert: Callable[[Table], Any] = insert_for(engine)
        self._engine = engine
        self._zone = zone(time_zone)
        self._clock = clock or SystemClock()

    def _now(self) -> datetime:
        return utc(self._clock.now())

    def _today(self, now: datetime) -> date:
        return now.astimezone(self._zone).date()

    # --- mutations: each one transaction, each exactly one audit row ---------------

    async def submit(
        self,
        engagement: Engagement,
        assessment: Assessment,
        submitter: Actor,
        *,
        then: AlsoInTransaction | None = None,
    ) -> Case:
        """Register a screened engagement as a new case (status submitted, version 1).
        ``then`` runs in the same transaction (e.g. queue the case's post in the outbox)."""
        now = self._now()
        year = self._today(now).year
        async with writing(self._engine) as conn:
            # First statement, and a write: it serialises concurrent submits for the year.
            stmt = self._insert(counter_table).values(year=year, last=1)
            stmt = stmt.on_conflict_do_update(
                index_elements=[counter_table.c.year], set_={"last": counter_table.c.last + 1}
            ).returning(counter_table.c.last)
            sequence = int((await conn.execute(stmt)).scalar_one())
            new_id = case_id(year, sequence)
            CASE_ID.set(new_id)  # the log lines that follow name the case
            await conn.execute(
                insert(case_table).values(
                    id=new_id,
                    year=year,
                    sequence=sequence,
                    status=CaseStatus.SUBMITTED.value,
                    version=1,
                    submitter_id=submitter.id,
                    submitter_name=submitter.name,
                    submitter_unit=submitter.unit,
                    created_at=now,
                    updated_at=now,
                    review_due=None,
                    meeting_date=None,
                    **_screening_columns(engagement, assessment),
                )
            )
            await conn.execute(
                insert(version_table).values(
                    _version_row(new_id, 1, engagement, assessment, submitter, now)
                )
            )
            details = {"version": 1, "status": CaseStatus.SUBMITTED.value,
                       **_screening_details(assessment)}
            await self._audit(conn, new_id, now, submitter, AuditEvent.SUBMITTED, details)
            return await self._finish(conn, new_id, then)

    async def add_version(
        self,
        case_id: str,
        engagement: Engagement,
        assessment: Assessment,
        actor: Actor,
        *,
        comment: str | None = None,
        then: AlsoInTransaction | None = None,
    ) -> Case:
        """Add version N+1 (a re-screening) to a case. A case that awaited completion goes
        back to submitted. ``then`` runs in the same transaction. Raises ``CaseNotFound``
        or ``VersionRefused``."""
        key = self._key(case_id)
        CASE_ID.set(key)
        comment = clean_comment(comment)
        now = self._now()
        async with writing(self._engine) as conn:
            current = await self._lock(conn, key, now)
            status = CaseStatus(current.status)
            if not takes_versions(status):
                raise VersionRefused(key, status)
            number = int(current.version) + 1
            new_status = status_after_version(status)
            await conn.execute(
                insert(version_table).values(
                    _version_row(key, number, engagement, assessment, actor, now)
                )
            )
            await conn.execute(
                update(case_table)
                .where(case_table.c.id == key)
                .values(
                    version=number,
                    status=new_status.value,
                    **_screening_columns(engagement, assessment),
                )
            )
            details: dict[str, Any] = {"version": number, **_screening_details(assessment)}
            if new_status is not status:
                details["status"] = {"from": status.value, "to": new_status.value}
            if comment:
                details["comment"] = comment
            await self._audit(conn, key, now, actor, AuditEvent.VERSION_ADDED, details)
            return await self._finish(conn, key, then)

    async def set_status(
        self,
        case_id: str,
        status: CaseStatus | str,
        actor: Actor,
        comment: str | None = None,
        meeting_date: date | None = None,
        *,
        then: AlsoInTransaction | None = None,
        guard: Callable[[CaseStatus, str], None] | None = None,
    ) -> Case:
        """Change a case's status (``ibcase.TRANSITIONS``), with an optional comment and meeting
        date. Accepting a membership or intent agreement sets ``review_due``
        (``ibcase.review_due``, rule P5) from the meeting date, else today; leaving
        accepted clears it. ``then`` runs in the same transaction. Raises ``CaseNotFound``,
        ``InvalidTransition``, or ``ValueError`` for an unknown status or a comment longer
        than ``ibcase.MAX_COMMENT_LENGTH``. ``guard`` is called under the case's lock with
        its status and its submitter's id, and refuses the change by raising."""
        key = self._key(case_id)
        CASE_ID.set(key)
        requested = CaseStatus(status)
        comment = clean_comment(comment)
        now = self._now()
        async with writing(self._engine) as conn:
            current = await self._lock(conn, key, now)
            old = CaseStatus(current.status)
            if guard is not None:
                guard(old, current.submitter_id)
            if not may_move(old, requested):
                raise InvalidTransition(key, old, requested)
            due: date | None = None
            if requested is CaseStatus.ACCEPTED:
                engagement_json = (
                    await conn.execute(
                        select(version_table.c.engagement).where(
                            version_table.c.case_id == key,
                            version_table.c.version == current.version,
                        )
                    )
                ).scalar_one()
                engagement = Engagement.model_validate(engagement_json)
                due = review_due(engagement, meeting_date or self._today(now))
            values: dict[str, Any] = {"status": requested.value, "review_due": due}
            if meeting_date is not None:
                values["meeting_date"] = meeting_date
            await conn.execute(update(case_table).where(case_table.c.id == key).values(**values))
            details: dict[str, Any] = {"from": old.value, "to": requested.value}
            if comment:
                details["comment"] = comment
            if meeting_date is not None:
                details["meeting_date"] = meeting_date.isoformat()
            if due is not None or current.review_due is not None:
                details["review_due"] = due.isoformat() if due else None
            await self._audit(conn, key, now, actor, AuditEvent.STATUS_CHANGED, details)
            return await self._finish(conn, key, then)

    async def withdraw(
        self, case_id: str, actor: Actor, *, then: AlsoInTransaction | None = None,
    ) -> Case:
        """The submitter takes the case back ("Återkalla"): withdrawn, with its status
        change in the audit log under their name. Decided under the case's lock by
        ``ibcase.withdraw_refusal``, so a second press, or a press after IB put it on the
        agenda meanwhile, changes nothing. Raises ``CaseNotFound`` or ``WithdrawRefused``."""
        key = self._key(case_id)

        def only_the_submitter_while_waiting(status: CaseStatus, submitter_id: str) -> None:
            reason = withdraw_refusal(submitter_id, actor.id, status)
            if reason is not None:
                raise WithdrawRefused(key, status, reason)

        return await self.set_status(key, CaseStatus.WITHDRAWN, actor, then=then,
                                     guard=only_the_submitter_while_waiting)

    # --- reads ----------------------------------------------------------------------

    async def get(self, case_id: str) -> Case:
        """The case as it stands; ``CaseNotFound`` if there is none."""
        key = self._key(case_id)
        async with self._engine.connect() as conn:
            return await self._get(conn, key)

    async def versions(self, case_id: str) -> builtins.list[CaseVersion]:
        """Every version of a case, oldest first."""
        key = self._key(case_id)
        async with self._engine.connect() as conn:
            await self._get(conn, key)
            rows = (
                await conn.execute(
                    select(version_table)
                    .where(version_table.c.case_id == key)
                    .order_by(version_table.c.version)
                )
            ).all()
        return [
            CaseVersion(
                case_id=row.case_id,
                version=row.version,
                engagement=Engagement.model_validate(row.engagement),
                assessment=Assessment.model_validate(row.assessment),
                rulebook_id=row.rulebook_id,
                rulebook_version=row.rulebook_version,
                created_at=utc(row.created_at),
                created_by=Actor(
                    id=row.created_by_id, name=row.created_by_name, unit=row.created_by_unit
                ),
            )
            for row in rows
        ]

    async def audit(self, case_id: str) -> builtins.list[AuditEntry]:
        """The case's audit log, oldest first."""
        key = self._key(case_id)
        async with self._engine.connect() as conn:
            await self._get(conn, key)
            rows = (
                await conn.execute(
                    select(audit_table)
                    .where(audit_table.c.case_id == key)
                    .order_by(audit_table.c.id)
                )
            ).all()
        return [self._audit_entry(row) for row in rows]

    async def list(
        self,
        status: CaseStatus | str | None = None,
        owner: Owner | str | None = None,
        submitter: str | None = None,
        limit: int | None = 100,
        *,
        newest_first: bool = True,
    ) -> builtins.list[Case]:
        """Cases, newest first (or in register order), filtered by status, decision owner
        and submitter (Entra object id). ``limit=None`` returns them all."""
        query = self._case_query()
        if status is not None:
            query = query.where(case_table.c.status == CaseStatus(status).value)
        if owner is not None:
            query = query.where(case_table.c.decision_owner == Owner(owner).value)
        if submitter is not None:
            query = query.where(case_table.c.submitter_id == submitter)
        if newest_first:
            query = query.order_by(case_table.c.year.desc(), case_table.c.sequence.desc())
        else:
            query = query.order_by(case_table.c.year, case_table.c.sequence)
        if limit is not None:
            query = query.limit(limit)
        async with self._engine.connect() as conn:
            rows = (await conn.execute(query)).all()
        return [self._case(row) for row in rows]

    async def last_status_changes(
        self, case_ids: Iterable[str]
    ) -> dict[str, AuditEntry]:
        """The newest status change of each of ``case_ids`` that has had one, by case id,
        in one query (the cards show who last acted on a case, when, and why)."""
        keys = sorted({self._key(c) for c in case_ids})
        if not keys:
            return {}
        newest = (
            select(audit_table.c.case_id, func.max(audit_table.c.id).label("id"))
            .where(
                audit_table.c.case_id.in_(keys),
                audit_table.c.event == AuditEvent.STATUS_CHANGED.value,
            )
            .group_by(audit_table.c.case_id)
            .subquery()
        )
        query = select(audit_table).join(newest, audit_table.c.id == newest.c.id)
        async with self._engine.connect() as conn:
            rows = (await conn.execute(query)).all()
        return {row.case_id: self._audit_entry(row) for row in rows}

    @staticmethod
    async def open_duplicate(conn: Executes, case: Case) -> str | None:
        """Inside a submit's transaction (its ``then=``): the earliest other case that the
        new ``case`` repeats (``ibcase.is_duplicate``: same submitter, still open, same
        engagement), or None. The submit's first write has serialised submits, so two
        quick presses of the same button cannot both register a case."""
        current = ((version_table.c.case_id == case_table.c.id)
                   & (version_table.c.version == case_table.c.version))
        rows = (await conn.execute(
            select(case_table.c.id, case_table.c.status, version_table.c.engagement)
            .join(version_table, current)
            .where(case_table.c.submitter_id == case.submitter.id,
                   case_table.c.id != case.id,
                   case_table.c.title == case.title,  # narrows; the rule compares it all
                   case_table.c.status.in_([s.value for s in OPEN]))
            .order_by(case_table.c.year, case_table.c.sequence)
        )).all()
        new = Submission(case_id=case.id, submitter_id=case.submitter.id, status=case.status,
                         engagement=case.engagement.model_dump(mode="json", exclude_none=True))
        return next((row.id for row in rows if is_duplicate(new, Submission(
            case_id=row.id, submitter_id=case.submitter.id, status=CaseStatus(row.status),
            engagement=dict(row.engagement)))), None)

    # --- internals --------------------------------------------------------------------

    @staticmethod
    def _key(text: str) -> str:
        try:
            return case_id(*parse_case_id(text))
        except NotACaseId:
            raise CaseNotFound(text) from None

    async def _lock(self, conn: Executes, key: str, now: datetime) -> Row[Any]:
        # A write first: it takes the row lock (PostgreSQL) or the write lock (SQLite)
        # before anything is read, and returns the row as it stands under that lock.
        row = (
            await conn.execute(
                update(case_table)
                .where(case_table.c.id == key)
                .values(updated_at=now)
                .returning(case_table.c.status, case_table.c.version, case_table.c.review_due,
                           case_table.c.submitter_id)
            )
        ).one_or_none()
        if row is None:
            raise CaseNotFound(key)
        return row

    async def _finish(
        self, conn: Executes, key: str, then: AlsoInTransaction | None
    ) -> Case:
        """The case as the transaction leaves it, after ``then`` has run inside it."""
        case = await self._get(conn, key)
        if then is not None:
            await then(conn, case)
        return case

    async def _audit(
        self, conn: Executes, key: str, now: datetime, actor: Actor,
        event: AuditEvent, details: dict[str, Any],
    ) -> None:
        # Last of the mutation's writes to the register: the chain's head is locked after
        # the case (or the year's counter), and held only until the commit.
        chained = await append_hashes(
            conn, case_id=key, at=now, actor_id=actor.id, actor_name=actor.name,
            actor_unit=actor.unit, event=event.value, details=details,
        )
        await conn.execute(
            insert(audit_table).values(
                case_id=key, at=now, actor_id=actor.id, actor_name=actor.name,
                actor_unit=actor.unit, event=event.value, details=details, **chained,
            )
        )

    @staticmethod
    def _audit_entry(row: Row[Any]) -> AuditEntry:
        return AuditEntry(
            id=row.id,
            case_id=row.case_id,
            at=utc(row.at),
            actor=Actor(id=row.actor_id, name=row.actor_name, unit=row.actor_unit),
            event=AuditEvent(row.event),
            details=dict(row.details),
        )

    @staticmethod
    def _case_query() -> Any:
        current = (version_table.c.case_id == case_table.c.id) & (
            version_table.c.version == case_table.c.version
        )
        return select(
            case_table, version_table.c.engagement, version_table.c.assessment
        ).join(version_table, current)

    async def _get(self, conn: Executes, key: str) -> Case:
        row = (await conn.execute(self._case_query().where(case_table.c.id == key))).one_or_none()
        if row is None:
            raise CaseNotFound(key)
        return self._case(row)

    @staticmethod
    def _case(row: Row[Any]) -> Case:
        return Case(
            id=row.id,
            year=row.year,
            sequence=row.sequence,
            status=CaseStatus(row.status),
            version=row.version,
            kind=Kind(row.kind),
            title=row.title,
            unit=row.unit,
            decision_owner=Owner(row.decision_owner),
            verdict=Verdict(row.verdict),
            priority=Priority(row.priority) if row.priority else None,
            rulebook_id=row.rulebook_id,
            rulebook_version=row.rulebook_version,
            submitter=Actor(id=row.submitter_id, name=row.submitter_name, unit=row.submitter_unit),
            created_at=utc(row.created_at),
            updated_at=utc(row.updated_at),
            review_due=row.review_due,
            meeting_date=row.meeting_date,
            engagement=Engagement.model_validate(row.engagement),
            assessment=Assessment.model_validate(row.assessment),
        )
