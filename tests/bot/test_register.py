"""The case register, on SQLite and on PostgreSQL: ids, versions, statuses, audit, lists."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.clock import FixedClock
from bot.persistence.database import MIGRATIONS, alembic_config, create_engine, migrate
from bot.persistence.register import (
    Actor,
    AuditEvent,
    Case,
    CaseNotFound,
    CaseRegister,
    CaseStatus,
    InvalidTransition,
    VersionRefused,
    WithdrawRefused,
    audit_table,
    case_id,
)
from ibcase import WithdrawRefusal
from policy import Owner, assess, parse_engagement

from ..policy.helpers import screened
from .conftest import MakeBot

pytestmark = pytest.mark.dates


ANNA = Actor(id="00000000-0000-0000-0000-00000000a11a", name="Anna Andersson",
             unit="Stadsledningskontoret")
IB = Actor(id="00000000-0000-0000-0000-0000000001b0", name="IB-sekretariatet")



@pytest.fixture
def clock() -> FixedClock:
    """A clock the test moves by hand."""
    return FixedClock(datetime(2026, 11, 22, 9, 0, tzinfo=UTC))


@pytest.fixture
def register(engine: AsyncEngine, clock: FixedClock) -> CaseRegister:
    return CaseRegister(engine, clock=clock)


async def audit_rows(engine: AsyncEngine) -> int:
    async with engine.connect() as conn:
        return int((await conn.execute(select(func.count()).select_from(audit_table))).scalar())


# --- ids -------------------------------------------------------------------------------


async def test_a_case_is_found_by_its_id_in_any_letter_case(register: CaseRegister) -> None:
    case = await register.submit(*screened("paris-summit.json"), ANNA)
    assert case.id == case_id(2026, 1) == "SK-2026-0001"
    assert (await register.get(" sk-2026-0001 ")).id == case.id


@pytest.mark.parametrize("text", ["", "SK-2026-42", "SK-26-0042", "2026-0042", "SK-2026-00x2"])
async def test_text_that_is_not_a_case_id_is_no_case(register: CaseRegister,
                                                    text: str) -> None:
    with pytest.raises(CaseNotFound):
        await register.get(text)


async def test_a_submitted_assessment_becomes_case_one_of_the_year_with_everything_kept(
    register: CaseRegister, clock: FixedClock
) -> None:
    engagement, assessment = screened("ctpn-membership.json")
    case = await register.submit(engagement, assessment, ANNA)
    assert case.id == "SK-2026-0001"
    assert case.status is CaseStatus.SUBMITTED
    assert case.version == 1
    assert case.engagement == engagement
    assert case.assessment == assessment
    assert (case.rulebook_id, case.rulebook_version) == (
        assessment.rulebook.id, assessment.rulebook.version)
    assert case.submitter == ANNA
    assert case.created_at == case.updated_at == clock.now()
    assert case.created_at.tzinfo is not None
    assert case.decision_owner is Owner.KS
    assert case.review_due is None
    assert await register.get("SK-2026-0001") == case


async def test_ids_are_sequential_within_a_year_and_start_again_at_one_the_next(
    register: CaseRegister, clock: FixedClock
) -> None:
    engagement, assessment = screened("paris-summit.json")
    first = await register.submit(engagement, assessment, ANNA)
    second = await register.submit(engagement, assessment, ANNA)
    clock.set(datetime(2027, 1, 2, 9, 0, tzinfo=UTC))
    third = await register.submit(engagement, assessment, ANNA)
    assert [first.id, second.id, third.id] == ["SK-2026-0001", "SK-2026-0002", "SK-2027-0001"]


async def test_the_year_of_an_id_is_the_year_in_stockholm_not_in_utc(
    register: CaseRegister, clock: FixedClock
) -> None:
    clock.set(datetime(2026, 12, 31, 23, 30, tzinfo=UTC))  # 00:30 on New Year's Day in Stockholm
    case = await register.submit(*screened("paris-summit.json"), ANNA)
    assert case.id == "SK-2027-0001"


async def test_twenty_concurrent_submissions_get_twenty_different_sequential_ids(
    register: CaseRegister,
) -> None:
    engagement, assessment = screened("school-visit.json")
    made = await asyncio.gather(
        *(register.submit(engagement, assessment, ANNA) for _ in range(20))
    )
    assert sorted(c.id for c in made) == [f"SK-2026-{n:04d}" for n in range(1, 21)]
    assert len(await register.list(limit=None)) == 20


async def test_two_instances_on_one_database_submitting_at_once_never_share_an_id(
    database: Any, engine: AsyncEngine, clock: FixedClock
) -> None:
    other_engine = create_engine(database.url, schema=database.schema)
    try:
        one = CaseRegister(engine, clock=clock)
        two = CaseRegister(other_engine, clock=clock)
        engagement, assessment = screened("school-visit.json")
        made = await asyncio.gather(
            *((one if i % 2 else two).submit(engagement, assessment, ANNA) for i in range(20))
        )
    finally:
        await other_engine.dispose()
    assert sorted(c.id for c in made) == [f"SK-2026-{n:04d}" for n in range(1, 21)]


# --- versions --------------------------------------------------------------------------


async def test_komplettera_adds_version_two_and_sends_the_case_back_as_submitted(
    register: CaseRegister,
) -> None:
    engagement, assessment = screened("paris-summit.json")
    case = await register.submit(engagement, assessment, ANNA)
    await register.set_status(case.id, CaseStatus.NEEDS_COMPLETION, IB, comment="Program saknas")
    completed, reassessed = screened("paris-summit.json", programme_available=True)
    case = await register.add_version(case.id, completed, reassessed, ANNA)
    assert case.version == 2
    assert case.status is CaseStatus.SUBMITTED
    assert case.engagement == completed
    assert case.assessment == reassessed
    history = await register.versions(case.id)
    assert [v.version for v in history] == [1, 2]
    assert history[0].engagement == engagement
    assert history[1].engagement.programme_available is True
    assert history[1].created_by == ANNA
    last = (await register.audit(case.id))[-1]
    assert last.event is AuditEvent.VERSION_ADDED
    assert last.details["version"] == 2
    assert last.details["status"] == {"from": "needs_completion", "to": "submitted"}


async def test_a_new_version_updates_what_the_case_lists_under(register: CaseRegister) -> None:
    case = await register.submit(*screened("paris-summit.json"), ANNA)
    retitled = screened("paris-summit.json", title="Toppmöte i Paris, nytt program")
    case = await register.add_version(case.id, *retitled, ANNA)
    assert case.title == "Toppmöte i Paris, nytt program"
    assert [c.title for c in await register.list()] == ["Toppmöte i Paris, nytt program"]


async def test_concurrent_new_versions_of_one_case_get_consecutive_numbers(
    register: CaseRegister,
) -> None:
    case = await register.submit(*screened("paris-summit.json"), ANNA)
    await asyncio.gather(
        *(register.add_version(case.id, *screened("paris-summit.json"), ANNA) for _ in range(5))
    )
    assert [v.version for v in await register.versions(case.id)] == [1, 2, 3, 4, 5, 6]
    assert (await register.get(case.id)).version == 6


@pytest.mark.parametrize("status", [CaseStatus.ACCEPTED, CaseStatus.DECLINED,
                                    CaseStatus.WITHDRAWN])
async def test_a_decided_or_withdrawn_case_takes_no_new_version(
    register: CaseRegister, engine: AsyncEngine, status: CaseStatus
) -> None:
    case = await register.submit(*screened("paris-summit.json"), ANNA)
    await register.set_status(case.id, status, IB)
    before = await audit_rows(engine)
    with pytest.raises(VersionRefused):
        await register.add_version(case.id, *screened("paris-summit.json"), ANNA)
    assert await audit_rows(engine) == before
    assert (await register.get(case.id)).version == 1


# --- statuses and the audit log ----------------------------------------------------------


async def test_each_mutation_writes_exactly_one_audit_row(
    register: CaseRegister, engine: AsyncEngine
) -> None:
    assert await audit_rows(engine) == 0
    case = await register.submit(*screened("ctpn-membership.json"), ANNA)
    assert await audit_rows(engine) == 1
    await register.set_status(case.id, CaseStatus.NEEDS_COMPLETION, IB)
    assert await audit_rows(engine) == 2
    await register.add_version(case.id, *screened("ctpn-membership.json"), ANNA)
    assert await audit_rows(engine) == 3
    await register.set_status(case.id, CaseStatus.ON_AGENDA, IB, meeting_date=date(2026, 12, 3))
    assert await audit_rows(engine) == 4
    await register.set_status(case.id, CaseStatus.ACCEPTED, IB, comment="Tillstyrks")
    assert await audit_rows(engine) == 5


async def test_the_audit_log_says_who_when_and_what_for_every_change(
    register: CaseRegister, clock: FixedClock
) -> None:
    case = await register.submit(*screened("ctpn-membership.json"), ANNA)
    submitted_at = clock.now()
    clock.advance(timedelta(days=3))
    await register.set_status(case.id, "on_agenda", IB, comment="Till IB 3 december",
                              meeting_date=date(2026, 12, 3))
    log = await register.audit(case.id)
    assert [e.event for e in log] == [AuditEvent.SUBMITTED, AuditEvent.STATUS_CHANGED]
    assert (log[0].actor, log[0].at) == (ANNA, submitted_at)
    assert log[0].details["version"] == 1
    assert log[0].details["verdict"] == "compatible_with_conditions"
    assert (log[1].actor, log[1].at) == (IB, clock.now())
    assert log[1].details == {"from": "submitted", "to": "on_agenda",
                              "comment": "Till IB 3 december", "meeting_date": "2026-12-03"}
    case = await register.get(case.id)
    assert case.meeting_date == date(2026, 12, 3)
    assert case.updated_at == clock.now()
    assert case.created_at == submitted_at


async def test_a_refused_status_change_changes_nothing_and_logs_nothing(
    register: CaseRegister, engine: AsyncEngine, clock: FixedClock
) -> None:
    case = await register.submit(*screened("paris-summit.json"), ANNA)
    await register.set_status(case.id, CaseStatus.WITHDRAWN, ANNA)
    before = await register.get(case.id)
    clock.advance(timedelta(hours=1))
    with pytest.raises(InvalidTransition) as refused:
        await register.set_status(case.id, CaseStatus.ACCEPTED, IB)
    assert (refused.value.current, refused.value.requested) == (
        CaseStatus.WITHDRAWN, CaseStatus.ACCEPTED)
    assert await register.get(case.id) == before
    assert await audit_rows(engine) == 2


async def test_a_status_cannot_be_set_to_the_one_it_already_has(register: CaseRegister) -> None:
    case = await register.submit(*screened("paris-summit.json"), ANNA)
    with pytest.raises(InvalidTransition):
        await register.set_status(case.id, CaseStatus.SUBMITTED, IB)


async def test_a_change_whose_audit_row_cannot_be_written_does_not_happen(
    register: CaseRegister, engine: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = await register.submit(*screened("ctpn-membership.json"), ANNA)
    before = await register.get(case.id)

    async def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the audit log is unwritable")

    monkeypatch.setattr(register, "_audit", broken)
    with pytest.raises(RuntimeError):
        await register.set_status(case.id, CaseStatus.ACCEPTED, IB)
    with pytest.raises(RuntimeError):
        await register.add_version(case.id, *screened("ctpn-membership.json"), ANNA)
    with pytest.raises(RuntimeError):
        await register.submit(*screened("paris-summit.json"), ANNA)
    monkeypatch.undo()
    assert await register.get(case.id) == before
    assert len(await register.versions(case.id)) == 1
    assert await audit_rows(engine) == 1
    # The failed submission gave its number back: the next case is 0002, not 0003.
    assert (await register.submit(*screened("paris-summit.json"), ANNA)).id == "SK-2026-0002"


async def test_a_new_version_of_a_case_on_the_agenda_stays_on_the_agenda(
    register: CaseRegister,
) -> None:
    case = await register.submit(*screened("paris-summit.json"), ANNA)
    await register.set_status(case.id, CaseStatus.ON_AGENDA, IB)
    case = await register.add_version(case.id, *screened("paris-summit.json"), ANNA)
    assert (case.status, case.version) == (CaseStatus.ON_AGENDA, 2)
    assert "status" not in (await register.audit(case.id))[-1].details


async def test_an_open_case_of_the_same_engagement_is_its_duplicate_and_a_decided_one_is_not(
    register: CaseRegister,
) -> None:
    found: list[str | None] = []

    async def probe(conn: Any, case: Case) -> None:
        found.append(await CaseRegister.open_duplicate(conn, case))

    first = await register.submit(*screened("paris-summit.json"), ANNA)
    second = await register.submit(*screened("paris-summit.json"), ANNA, then=probe)
    await register.submit(*screened("paris-summit.json", title="Ett annat möte"), ANNA,
                          then=probe)
    await register.set_status(first.id, CaseStatus.DECLINED, IB)
    await register.set_status(second.id, CaseStatus.WITHDRAWN, IB)
    await register.submit(*screened("paris-summit.json"), ANNA, then=probe)
    assert found == [first.id, None, None]


async def test_an_unknown_status_is_a_value_error(register: CaseRegister) -> None:
    case = await register.submit(*screened("paris-summit.json"), ANNA)
    with pytest.raises(ValueError, match="approved"):
        await register.set_status(case.id, "approved", IB)


async def test_comments_are_trimmed_blank_ones_dropped_and_overlong_ones_refused(
    register: CaseRegister, engine: AsyncEngine
) -> None:
    case = await register.submit(*screened("paris-summit.json"), ANNA)
    await register.set_status(case.id, CaseStatus.ON_AGENDA, IB, comment="  Till IB  ")
    await register.set_status(case.id, CaseStatus.SUBMITTED, IB, comment="   ")
    log = await register.audit(case.id)
    assert log[1].details["comment"] == "Till IB"
    assert "comment" not in log[2].details
    with pytest.raises(ValueError, match="2000"):
        await register.set_status(case.id, CaseStatus.DECLINED, IB, comment="x" * 2001)
    assert (await register.get(case.id)).status is CaseStatus.SUBMITTED
    assert await audit_rows(engine) == 3


async def test_an_unknown_case_is_not_found_for_every_operation(register: CaseRegister) -> None:
    engagement, assessment = screened("paris-summit.json")
    for attempt in (
        register.get("SK-2026-0999"),
        register.versions("SK-2026-0999"),
        register.audit("SK-2026-0999"),
        register.set_status("SK-2026-0999", CaseStatus.ACCEPTED, IB),
        register.add_version("SK-2026-0999", engagement, assessment, ANNA),
        register.get("nonsense"),
    ):
        with pytest.raises(CaseNotFound):
            await attempt


# --- review_due --------------------------------------------------------------------------


async def test_an_accepted_membership_is_due_for_review_after_four_years_by_default(
    register: CaseRegister,
) -> None:
    case = await register.submit(*screened("ctpn-membership.json"), ANNA)
    case = await register.set_status(case.id, CaseStatus.ACCEPTED, IB)
    assert case.review_due == date(2030, 11, 22)


async def test_an_accepted_membership_is_reviewed_after_its_own_review_years_from_the_meeting(
    register: CaseRegister,
) -> None:
    case = await register.submit(*screened("ctpn-membership.json", review_years=2), ANNA)
    case = await register.set_status(case.id, CaseStatus.ACCEPTED, IB,
                                     meeting_date=date(2026, 12, 3))
    assert case.review_due == date(2028, 12, 3)
    assert (await register.audit(case.id))[-1].details["review_due"] == "2028-12-03"


async def test_an_accepted_intent_agreement_is_due_for_review_too(
    register: CaseRegister,
) -> None:
    engagement = parse_engagement({
        "kind": "intent_agreement", "title": "Intentionsavtal inom Eurocities",
        "scope": "city_wide", "counterpart": {"name": "Eurocities", "type": "network"},
        "review_years": 3,
    })
    case = await register.submit(engagement, assess(engagement, today=date(2026, 11, 22)), ANNA)
    case = await register.set_status(case.id, CaseStatus.ACCEPTED, IB)
    assert case.review_due == date(2029, 11, 22)


async def test_an_accepted_trip_has_no_review_date(register: CaseRegister) -> None:
    case = await register.submit(*screened("paris-summit.json"), ANNA)
    case = await register.set_status(case.id, CaseStatus.ACCEPTED, IB)
    assert case.review_due is None


async def test_a_membership_that_is_not_accepted_has_no_review_date(
    register: CaseRegister,
) -> None:
    case = await register.submit(*screened("ctpn-membership.json"), ANNA)
    for status in (CaseStatus.ON_AGENDA, CaseStatus.DECLINED):
        case = await register.set_status(case.id, status, IB)
        assert case.review_due is None


async def test_withdrawing_an_accepted_membership_clears_its_review_date(
    register: CaseRegister,
) -> None:
    case = await register.submit(*screened("ctpn-membership.json"), ANNA)
    await register.set_status(case.id, CaseStatus.ACCEPTED, IB)
    case = await register.set_status(case.id, CaseStatus.WITHDRAWN, IB, comment="Utträde")
    assert case.review_due is None
    assert (await register.audit(case.id))[-1].details["review_due"] is None


# --- lists -------------------------------------------------------------------------------


async def test_lists_filter_by_status_owner_and_submitter_newest_first(
    register: CaseRegister,
) -> None:
    bo = Actor(id="b0b", name="Bo Berg", unit="Kulturförvaltningen")
    paris = await register.submit(*screened("paris-summit.json"), ANNA)  # finansborgarrådet/IB
    ctpn = await register.submit(*screened("ctpn-membership.json"), bo)  # ks
    school = await register.submit(*screened("school-visit.json"), bo)
    await register.set_status(ctpn.id, CaseStatus.ON_AGENDA, IB)

    assert [c.id for c in await register.list()] == [school.id, ctpn.id, paris.id]
    assert [c.id for c in await register.list(newest_first=False)] == [
        paris.id, ctpn.id, school.id]
    assert [c.id for c in await register.list(status=CaseStatus.ON_AGENDA)] == [ctpn.id]
    assert [c.id for c in await register.list(status="submitted")] == [school.id, paris.id]
    assert [c.id for c in await register.list(owner=Owner.FINANSBORGARRADET_IB)] == [paris.id]
    assert [c.id for c in await register.list(submitter="b0b")] == [school.id, ctpn.id]
    assert [c.id for c in await register.list(submitter="b0b", status="submitted")] == [
        school.id]
    assert [c.id for c in await register.list(limit=2)] == [school.id, ctpn.id]
    assert await register.list(status=CaseStatus.ACCEPTED) == []


async def test_a_case_summary_has_the_export_field_names_and_utc_times(
    register: CaseRegister,
) -> None:
    case = await register.submit(*screened("paris-summit.json"), ANNA)
    summary = case.summary()
    assert summary["id"] == "SK-2026-0001"
    assert summary["status"] == "submitted"
    assert summary["submitter_id"] == ANNA.id
    assert summary["created_at"] == "2026-11-22T09:00:00+00:00"
    json.dumps(summary)


# --- the migration ---------------------------------------------------------------------


def test_the_migrations_have_a_single_head_and_the_register_revises_the_state_table() -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    scripts = ScriptDirectory.from_config(config)
    assert len(scripts.get_heads()) == 1
    register_revision = scripts.get_revision("0002")
    assert register_revision is not None
    assert register_revision.down_revision == "0001"


async def test_the_register_migration_downgrades_to_the_state_table_alone_and_back(
    engine: AsyncEngine, database: Any
) -> None:
    from alembic import command

    def downgrade(connection: Any) -> None:
        command.downgrade(alembic_config(connection), "0001")

    async with engine.begin() as conn:
        await conn.run_sync(downgrade)
        tables = set(await conn.run_sync(lambda c: inspect(c).get_table_names()))
    assert "bot_state" in tables
    assert not tables & {"cases", "case_versions", "case_audit", "case_counters"}
    await migrate(engine, schema=database.schema)
    case = await CaseRegister(engine).submit(*screened("paris-summit.json"), ANNA)
    assert case.sequence == 1


async def test_the_bot_migrates_the_case_register_when_it_starts(
    make_bot: MakeBot, database: Any, engine_factory: Callable[[Any], AsyncEngine]
) -> None:
    await make_bot(database=database)  # its start-up runs `alembic upgrade head`
    engine = engine_factory(database)
    try:
        async with engine.connect() as conn:
            tables = set(await conn.run_sync(lambda c: inspect(c).get_table_names()))
        assert {"cases", "case_versions", "case_audit", "case_counters"} <= tables
        case = await CaseRegister(engine).submit(*screened("paris-summit.json"), ANNA)
        assert case.id.startswith("SK-")
    finally:
        await engine.dispose()


@pytest.fixture
def engine_factory() -> Callable[[Any], AsyncEngine]:
    """An engine on a database nobody has migrated yet (no `engine` fixture involved)."""
    return lambda database: create_engine(database.url, schema=database.schema)


# --- withdraw ("Återkalla") --------------------------------------------------------------


async def test_the_submitter_withdraws_a_waiting_case_and_the_audit_log_says_so(
    register: CaseRegister,
) -> None:
    case = await register.submit(*screened("paris-summit.json"), ANNA)
    withdrawn = await register.withdraw(case.id, ANNA)
    assert withdrawn.status is CaseStatus.WITHDRAWN
    last = (await register.audit(case.id))[-1]
    assert (last.event, last.actor.id) == (AuditEvent.STATUS_CHANGED, ANNA.id)
    assert last.details == {"from": "submitted", "to": "withdrawn"}


async def test_a_refused_withdrawal_changes_nothing_and_logs_nothing(
    register: CaseRegister, engine: AsyncEngine
) -> None:
    waiting = await register.submit(*screened("paris-summit.json"), ANNA)
    with pytest.raises(WithdrawRefused) as someone_else:
        await register.withdraw(waiting.id, IB)
    assert someone_else.value.reason is WithdrawRefusal.NOT_SUBMITTER
    await register.set_status(waiting.id, CaseStatus.ON_AGENDA, IB,
                              meeting_date=date(2026, 12, 10))
    with pytest.raises(WithdrawRefused) as acted:
        await register.withdraw(waiting.id, ANNA)
    assert acted.value.reason is WithdrawRefusal.IB_HAS_ACTED
    assert (await register.get(waiting.id)).status is CaseStatus.ON_AGENDA
    assert await audit_rows(engine) == 2


async def test_a_second_withdrawal_is_refused_as_already_withdrawn(
    register: CaseRegister, engine: AsyncEngine
) -> None:
    case = await register.submit(*screened("paris-summit.json"), ANNA)
    await register.set_status(case.id, CaseStatus.NEEDS_COMPLETION, IB, comment="Program?")
    await register.withdraw(case.id, ANNA)
    with pytest.raises(WithdrawRefused) as again:
        await register.withdraw(case.id, ANNA)
    assert again.value.reason is WithdrawRefusal.WITHDRAWN
    assert await audit_rows(engine) == 3


async def test_two_presses_at_once_withdraw_the_case_once(
    register: CaseRegister, engine: AsyncEngine
) -> None:
    case = await register.submit(*screened("paris-summit.json"), ANNA)
    outcomes = await asyncio.gather(register.withdraw(case.id, ANNA),
                                    register.withdraw(case.id, ANNA), return_exceptions=True)
    assert sorted(type(o).__name__ for o in outcomes) == ["Case", "WithdrawRefused"]
    assert await audit_rows(engine) == 2
