"""Data protection on SQLite and PostgreSQL: the audit chain and its proof, a person's
export and erasure, retention, and backup and restore of the register."""

from __future__ import annotations

import asyncio
import json
import shutil
import sqlite3
import subprocess
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.schema import CreateSchema

from bot.clock import FixedClock
from bot.persistence.audit import chain_table
from bot.persistence.database import alembic_config, create_engine, migrate, state_table
from bot.persistence.register import (
    Actor,
    AuditEvent,
    CaseRegister,
    CaseStatus,
    audit_table,
    case_table,
    version_table,
)
from bot.persistence.tables import channel_table, outbox_table, user_ref_table
from bot.privacy import ERASED_COMMENT, erase_person, expire, export_person, verify_chain

from ..policy.helpers import screened

pytestmark = pytest.mark.dates

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)

ANNA = Actor(id="00000000-0000-0000-0000-00000000A11A", name="Anna Andersson",
             unit="Stadsledningskontoret")
ANNA_KEY = ANNA.id.lower()
ANNA_MRI = "29:1anna-teams-id"
IB = Actor(id="00000000-0000-0000-0000-0000000001b0", name="Ingrid Berg")
OPERATOR = Actor(id="operator", name="Registrator")



@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def register(engine: AsyncEngine, clock: FixedClock) -> CaseRegister:
    return CaseRegister(engine, clock=clock)


async def history(register: CaseRegister) -> list[str]:
    """Anna's conference (IB asks for completion naming her, she completes it with a
    comment) and Ingrid's own school visit: five audit rows."""
    paris = await register.submit(
        *screened("paris-summit.json", description="Anna Andersson leder delegationen."), ANNA)
    await register.set_status(paris.id, CaseStatus.NEEDS_COMPLETION, IB,
                              comment="Anna Andersson: bifoga programmet")
    await register.add_version(paris.id, *screened("paris-summit.json"), ANNA,
                               comment="Programmet bifogat; jag är föräldraledig i maj")
    school = await register.submit(*screened("school-visit.json"), IB)
    await register.set_status(school.id, CaseStatus.ON_AGENDA, IB)
    return [paris.id, school.id]


async def everything(engine: AsyncEngine) -> str:
    """Every table's rows as one text, to search for what must not be there."""
    tables = (case_table, version_table, audit_table, user_ref_table, state_table,
              outbox_table, channel_table)
    async with engine.connect() as conn:
        dumped = [[dict(r._mapping) for r in await conn.execute(select(t))] for t in tables]
    return json.dumps(dumped, default=str, ensure_ascii=False)


async def reachable(engine: AsyncEngine, clock: FixedClock, *, updated_at: datetime) -> None:
    """Anna's user reference, her user and personal-chat state, a notification to her."""
    async with engine.begin() as conn:
        await conn.execute(insert(user_ref_table).values(
            user_id=ANNA_KEY, user_mri=ANNA_MRI, conversation_id="a:anna-personal",
            service_url="https://smba.example/", tenant_id="t", bot_id="28:bot",
            locale="sv-SE", updated_at=updated_at))
        for key in (f"msteams/users/{ANNA_MRI}", "msteams/conversations/a:anna-personal"):
            await conn.execute(insert(state_table).values(
                key=key, value={"wizard": {"answers": {"title": "Anna Anderssons resa"}}},
                version=1, updated_at=updated_at))
        await conn.execute(insert(outbox_table).values(
            key="notify:1", kind="notify", case_id=None, conversation_key=ANNA_KEY,
            target={"service_url": "https://smba.example/", "user_id": ANNA_KEY},
            activity={"type": "message", "text": "Hej Anna Andersson"}, status="sent",
            attempts=1, next_attempt_at=updated_at, created_at=updated_at, sent_at=updated_at))
        await conn.execute(insert(outbox_table).values(
            key="post:1", kind="post", case_id=None, conversation_key="19:ib@thread.tacv2",
            target={"service_url": "https://smba.example/", "conversation_id": "19:ib"},
            activity={"type": "message", "text": "Inlämnat av Anna Andersson"},
            status="sent", attempts=1, next_attempt_at=updated_at, created_at=updated_at,
            sent_at=updated_at))


# --- the chain ---------------------------------------------------------------------------


async def test_every_mutation_chains_its_audit_row_and_verify_proves_it(
    engine: AsyncEngine, register: CaseRegister,
) -> None:
    assert (await verify_chain(engine)).ok  # an empty register: the head alone
    await history(register)
    report = await verify_chain(engine)
    assert (report.ok, report.rows, report.erased) == (True, 5, 0)
    async with engine.connect() as conn:
        rows = (await conn.execute(select(audit_table).order_by(audit_table.c.id))).all()
        head = (await conn.execute(select(chain_table))).one()
    assert rows[0].prev_hash == "0" * 64
    assert [r.prev_hash for r in rows[1:]] == [r.row_hash for r in rows[:-1]]
    assert (head.rows, head.last_hash) == (5, rows[-1].row_hash)


@pytest.mark.parametrize(
    ("change", "reason", "at"),
    [
        ("public", "row_hash", 2),
        ("personal", "personal", 2),
        ("remove_middle", "prev_hash", 3),
        ("remove_last", "head", 4),
        ("swap", "prev_hash", 2),
    ],
)
async def test_a_changed_removed_or_moved_row_breaks_the_chain_at_that_row(
    engine: AsyncEngine, register: CaseRegister, change: str, reason: str, at: int,
) -> None:
    await history(register)
    async with engine.begin() as conn:
        ids = [r.id for r in await conn.execute(select(audit_table.c.id)
                                                .order_by(audit_table.c.id))]
        if change == "public":
            await conn.execute(update(audit_table).where(audit_table.c.id == ids[1])
                               .values(details={"from": "submitted", "to": "accepted"}))
        elif change == "personal":
            await conn.execute(update(audit_table).where(audit_table.c.id == ids[1])
                               .values(actor_name="Någon annan"))
        elif change == "remove_middle":
            await conn.execute(delete(audit_table).where(audit_table.c.id == ids[1]))
        elif change == "remove_last":
            await conn.execute(delete(audit_table).where(audit_table.c.id == ids[-1]))
        else:  # swap the contents of rows 2 and 3 (hashes and all)
            rows = {r.id: dict(r._mapping) for r in await conn.execute(
                select(audit_table).where(audit_table.c.id.in_(ids[1:3])))}
            first, second = rows[ids[1]], rows[ids[2]]
            await conn.execute(update(audit_table).where(audit_table.c.id == ids[1]).values(
                {k: v for k, v in second.items() if k != "id"}))
            await conn.execute(update(audit_table).where(audit_table.c.id == ids[2]).values(
                {k: v for k, v in first.items() if k != "id"}))
    report = await verify_chain(engine)
    assert report.problem is not None
    assert report.problem.reason == reason
    expected = ids[at - 1] if change != "remove_last" else ids[-2]
    assert report.problem.row_id == expected


async def test_concurrent_mutations_keep_one_unbroken_chain(
    engine: AsyncEngine, register: CaseRegister,
) -> None:
    made = await asyncio.gather(*(
        register.submit(*screened("school-visit.json"), ANNA) for _ in range(8)))
    await asyncio.gather(*(
        register.set_status(case.id, CaseStatus.ON_AGENDA, IB, comment=f"nr {i}")
        for i, case in enumerate(made)
    ), *(register.submit(*screened("paris-summit.json"), IB) for _ in range(6)))
    report = await verify_chain(engine)
    assert (report.ok, report.rows) == (True, 22), report.problem


async def test_the_migration_chains_the_rows_written_before_it(database: Any) -> None:
    engine = create_engine(database.url, schema=database.schema)
    try:
        async with engine.begin() as conn:
            if database.schema:
                await conn.execute(CreateSchema(database.schema, if_not_exists=True))
            await conn.run_sync(lambda c: command.upgrade(alembic_config(c), "0003"))
        async with engine.begin() as conn:  # rows as the register wrote them before 0004
            engagement, assessment = screened("paris-summit.json")
            await conn.execute(insert(case_table).values(
                id="SK-2026-0001", year=2026, sequence=1, status="submitted", version=1,
                kind=engagement.kind.value, title="Paris",
                decision_owner=assessment.decision_owner.value,
                verdict=assessment.verdict.value, rulebook_id="r", rulebook_version="1",
                submitter_id="a", submitter_name="Anna", created_at=NOW, updated_at=NOW))
            await conn.execute(insert(version_table).values(
                case_id="SK-2026-0001", version=1,
                engagement=engagement.model_dump(mode="json", exclude_none=True),
                assessment=assessment.model_dump(mode="json"), rulebook_id="r",
                rulebook_version="1", created_at=NOW, created_by_id="a",
                created_by_name="Anna"))
            for n, event in enumerate(("submitted", "status_changed", "status_changed")):
                await conn.execute(insert(audit_table).values(
                    case_id="SK-2026-0001", at=NOW + timedelta(minutes=n), actor_id="a",
                    actor_name="Anna", event=event, details={"n": n, "comment": "hej"}))
        await migrate(engine, schema=database.schema)
        report = await verify_chain(engine)
        assert (report.ok, report.rows) == (True, 3), report.problem
        # The register carries on from the migrated head.
        register = CaseRegister(engine, clock=FixedClock(NOW + timedelta(hours=1)))
        await register.set_status("SK-2026-0001", CaseStatus.ON_AGENDA, IB)
        assert (await verify_chain(engine)).rows == 4
        assert (await verify_chain(engine)).ok
    finally:
        await engine.dispose()


# --- export and erasure ------------------------------------------------------------------


async def test_export_person_gives_everything_held_about_them(
    engine: AsyncEngine, register: CaseRegister, clock: FixedClock,
) -> None:
    paris, school = await history(register)
    await reachable(engine, clock, updated_at=NOW)
    held = await export_person(engine, ANNA.id)
    assert held["object_id"] == ANNA_KEY
    assert [c["id"] for c in held["cases_submitted"]] == [paris]
    case = held["cases_submitted"][0]
    assert [v["version"] for v in case["versions"]] == [1, 2]
    assert [a["event"] for a in case["audit"]] == [
        "submitted", "status_changed", "version_added"]
    assert all("personal_salt" not in a for a in case["audit"])
    assert held["user_ref"]["user_mri"] == ANNA_MRI
    assert sorted(s["key"] for s in held["conversation_state"]) == [
        "msteams/conversations/a:anna-personal", f"msteams/users/{ANNA_MRI}"]
    assert [m["key"] for m in held["messages_to_them"]] == ["notify:1"]
    json.dumps(held)  # JSON-ready as it stands
    ingrid = await export_person(engine, IB.id)
    assert [c["id"] for c in ingrid["cases_submitted"]] == [school]
    assert [a["event"] for a in ingrid["audit_in_other_cases"]] == ["status_changed"]


async def test_erase_person_pseudonymises_them_everywhere_and_the_chain_still_verifies(
    engine: AsyncEngine, register: CaseRegister, clock: FixedClock,
) -> None:
    paris, school = await history(register)
    await reachable(engine, clock, updated_at=NOW)
    async with engine.begin() as conn:
        await conn.execute(insert(channel_table).values(
            channel_id="19:ib", service_url="https://smba.example/",
            registered_by_id=ANNA_KEY, registered_by_name="Anna Andersson",
            registered_at=NOW, active=True))
    before = await register.get(paris)
    clock.advance(timedelta(days=1))

    done = await erase_person(engine, ANNA.id.upper(), now=clock.now(), by=OPERATOR)

    dump = await everything(engine)
    for trace in ("Anna Andersson", "Anna Anderssons", ANNA_KEY, ANNA_MRI, "föräldraledig"):
        assert trace.lower() not in dump.lower(), trace
    assert done.cases == [paris]
    assert (done.versions, done.audit_rows, done.channels) == (2, 3, 1)
    assert (done.user_refs, done.state_items, done.messages_deleted) == (1, 2, 1)
    assert done.messages_scrubbed == 1
    # The case as a public record: its status, versions and history stand.
    after = await register.get(paris)
    assert (after.status, after.version, after.verdict) == (
        before.status, before.version, before.verdict)
    assert after.submitter.id == done.pseudonym
    assert after.submitter.unit == ANNA.unit
    log = await register.audit(paris)
    assert [e.event for e in log] == [AuditEvent.SUBMITTED, AuditEvent.STATUS_CHANGED,
                                      AuditEvent.VERSION_ADDED, AuditEvent.PERSON_ERASED]
    assert log[1].actor == IB  # another person's row keeps its actor...
    assert log[1].details["comment"] == f"[pseudonym {done.pseudonym[10:]}]: bifoga programmet"
    assert log[2].details["comment"] == ERASED_COMMENT  # ...her own comment is gone
    assert log[3].actor.name == OPERATOR.name
    assert log[3].details["rows"] == [e.id for e in log[:3]]
    assert (await register.versions(paris))[0].engagement.description == (
        f"[pseudonym {done.pseudonym[10:]}] leder delegationen.")
    assert len(await register.audit(school)) == 2  # a case that never named her
    report = await verify_chain(engine)
    assert (report.ok, report.rows, report.erased) == (True, 6, 3), report.problem
    # Nothing is left to give or to erase.
    held = await export_person(engine, ANNA.id)
    assert held["cases_submitted"] == []
    assert held["user_ref"] is None
    again = await erase_person(engine, ANNA.id, now=clock.now(), by=OPERATOR)
    assert again.cases == []
    assert (await verify_chain(engine)).rows == 6


async def test_an_erasure_row_names_only_the_rows_it_changed(
    engine: AsyncEngine, register: CaseRegister, clock: FixedClock,
) -> None:
    """A personal field changed later, outside an erasure, is still caught."""
    _paris, school = await history(register)
    await erase_person(engine, ANNA.id, now=clock.now(), by=OPERATOR)
    async with engine.begin() as conn:
        first = (await conn.execute(select(audit_table.c.id).where(
            audit_table.c.case_id == school).order_by(audit_table.c.id))).scalars().first()
        await conn.execute(update(audit_table).where(audit_table.c.id == first)
                           .values(actor_name="Förfalskad"))
    report = await verify_chain(engine)
    assert report.problem is not None
    assert (report.problem.row_id, report.problem.reason) == (first, "personal")


# --- retention ---------------------------------------------------------------------------


async def test_retention_expires_old_state_and_references_but_not_a_live_submitters(
    engine: AsyncEngine, register: CaseRegister, clock: FixedClock,
) -> None:
    old = NOW - timedelta(days=200)
    await reachable(engine, clock, updated_at=old)
    async with engine.begin() as conn:
        for user, when in (("bo", old), ("cy", NOW - timedelta(days=10))):
            await conn.execute(insert(user_ref_table).values(
                user_id=user, user_mri=f"29:{user}", service_url="https://smba.example/",
                updated_at=when))
        await conn.execute(insert(state_table).values(
            key="msteams/conversations/recent", value={}, version=1,
            updated_at=NOW - timedelta(days=1)))

    first = await expire(engine, now=NOW, days=180)
    assert (first.state_items, first.user_refs, first.messages) == (2, 2, 2)
    async with engine.connect() as conn:
        refs = sorted(r[0] for r in await conn.execute(select(user_ref_table.c.user_id)))
        keys = [r[0] for r in await conn.execute(select(state_table.c.key))]
        activities = [r[0] for r in await conn.execute(select(outbox_table.c.activity))]
    assert refs == ["cy"]
    assert keys == ["msteams/conversations/recent"]
    assert activities == [{"type": "message", "expired": True}] * 2
    assert (await expire(engine, now=NOW, days=180)).messages == 0

    # A submitter with a case still open stays reachable for its reminders.
    await register.submit(*screened("ctpn-membership.json"), Actor(id="dan", name="Dan"))
    async with engine.begin() as conn:
        await conn.execute(insert(user_ref_table).values(
            user_id="dan", user_mri="29:dan", service_url="https://smba.example/",
            updated_at=old))
    assert (await expire(engine, now=NOW, days=180)).user_refs == 0


# --- backup and restore ------------------------------------------------------------------


async def test_a_sqlite_backup_taken_while_the_bot_writes_restores_and_verifies(
    tmp_path: Path, clock: FixedClock,
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/live.db"
    engine = create_engine(url)
    await migrate(engine)
    register = CaseRegister(engine, clock=clock)
    try:
        await history(register)
        writer = asyncio.gather(*(
            register.submit(*screened("school-visit.json"), IB) for _ in range(5)))

        def backup() -> None:  # the sqlite3 backup API: a consistent copy of a live file
            source = sqlite3.connect(tmp_path / "live.db")
            target = sqlite3.connect(tmp_path / "backup.db")
            with target:
                source.backup(target)
            source.close()
            target.close()

        await asyncio.to_thread(backup)
        await writer
    finally:
        await engine.dispose()
    restored = create_engine(f"sqlite+aiosqlite:///{tmp_path}/backup.db")
    try:
        report = await verify_chain(restored)
        assert report.ok, report.problem
        assert report.rows >= 5
    finally:
        await restored.dispose()


@pytest.mark.postgres
async def test_a_postgres_dump_restores_into_a_new_database_and_verifies(
    postgres_database: Any, clock: FixedClock, tmp_path: Path,
) -> None:
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        pytest.fail("pg_dump and pg_restore (Debian's postgresql-client) are needed")
    db = postgres_database
    engine = create_engine(db.url, schema=db.schema)
    await migrate(engine, schema=db.schema)
    try:
        await history(CaseRegister(engine, clock=clock))
        await erase_person(engine, ANNA.id, now=clock.now(), by=OPERATOR)
    finally:
        await engine.dispose()
    dump = tmp_path / "register.dump"
    base = "postgresql://postgres@127.0.0.1:5432"
    subprocess.run(["pg_dump", "--format=custom", f"--schema={db.schema}", f"--file={dump}",
                    f"{base}/test"], check=True, timeout=120)
    name = f"restore_{uuid.uuid4().hex[:10]}"
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True,
                   timeout=60)
    try:
        subprocess.run(["pg_restore", "--no-owner", f"--dbname={base}/{name}", str(dump)],
                       check=True, timeout=120)
        restored = create_engine(f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}",
                                 schema=db.schema)
        try:
            report = await verify_chain(restored)
            assert (report.ok, report.rows, report.erased) == (True, 6, 3), report.problem
        finally:
            await restored.dispose()
    finally:
        subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--force", name],
                       check=True, timeout=60)
