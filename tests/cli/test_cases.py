"""`strategikollen cases`: the register for the secretariat, on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.clock import FixedClock
from bot.persistence.database import create_engine
from bot.persistence.register import SUMMARY_FIELDS, Actor, CaseRegister, CaseStatus
from cli.main import main

from ..policy.helpers import screened

ROOT = Path(__file__).resolve().parents[2]

ANNA = Actor(id="a11a", name="Anna Andersson", unit="Stadsledningskontoret")
IB = Actor(id="1b0", name="IB-sekretariatet")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


async def arun(*argv: str) -> tuple[int, str, str]:
    """The command runs its own event loop, so it runs in a thread beside the test's."""
    return await asyncio.to_thread(run, *argv)



@pytest.fixture
def register(engine: AsyncEngine) -> CaseRegister:
    """An empty, migrated register the command is pointed at."""
    return CaseRegister(engine, clock=FixedClock(datetime(2026, 11, 22, 9, 0, tzinfo=UTC)))


@pytest.fixture
async def three(register: CaseRegister) -> CaseRegister:
    """SK-2026-0001 Paris (IB, on the agenda), 0002 CTPN (KS, accepted), 0003 school visit."""
    paris = await register.submit(*screened("paris-summit.json"), ANNA)
    await register.set_status(paris.id, CaseStatus.ON_AGENDA, IB, comment="Till IB",
                              meeting_date=date(2026, 12, 3))
    ctpn = await register.submit(*screened("ctpn-membership.json"), ANNA)
    await register.set_status(ctpn.id, CaseStatus.ACCEPTED, IB)
    await register.submit(*screened("school-visit.json"), Actor(id="b0b", name="Bo Berg"))
    return register


# --- list ------------------------------------------------------------------------------


async def test_list_prints_a_swedish_table_newest_first(three: CaseRegister) -> None:
    code, out, err = await arun("cases", "list")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["Ärende", "Status", "Beslutar", "Bedömning", "Inkom",
                                "Omprövas", "Rubrik"]
    ids = [line.split()[0] for line in lines[2:]]
    assert ids == ["SK-2026-0003", "SK-2026-0002", "SK-2026-0001"]
    assert "Till dagordning" in lines[4]
    assert "Tillstyrkt" in lines[3]
    assert "2030-11-22" in lines[3]
    assert "Finansborgarrådet/IB" in lines[4]


async def test_list_in_english_with_lang_en(three: CaseRegister) -> None:
    code, out, _ = await arun("cases", "list", "--lang", "en")
    assert code == 0
    assert out.splitlines()[0].split()[:2] == ["Case", "Status"]
    assert "On the agenda" in out
    assert "Accepted" in out
    assert "Tillstyrkt" not in out


async def test_list_as_json_uses_the_field_names(three: CaseRegister) -> None:
    code, out, _ = await arun("cases", "list", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert [r["id"] for r in rows] == ["SK-2026-0003", "SK-2026-0002", "SK-2026-0001"]
    assert tuple(rows[0]) == SUMMARY_FIELDS
    assert rows[1]["status"] == "accepted"
    assert rows[1]["review_due"] == "2030-11-22"
    assert rows[2]["meeting_date"] == "2026-12-03"
    assert rows[2]["created_at"] == "2026-11-22T09:00:00+00:00"


async def test_list_as_csv_has_a_header_of_field_names_and_a_row_per_case(
    three: CaseRegister,
) -> None:
    code, out, _ = await arun("cases", "list", "--format", "csv")
    assert code == 0
    reader = csv.DictReader(io.StringIO(out))
    assert tuple(reader.fieldnames or ()) == SUMMARY_FIELDS
    rows = list(reader)
    assert [r["id"] for r in rows] == ["SK-2026-0003", "SK-2026-0002", "SK-2026-0001"]
    assert rows[2]["title"] == (await three.get("SK-2026-0001")).title
    assert rows[2]["submitter_name"] == "Anna Andersson"


async def test_list_filters_by_status_owner_and_submitter_and_limits(
    three: CaseRegister,
) -> None:
    async def ids(*argv: str) -> list[str]:
        code, out, _ = await arun("cases", "list", "--format", "json", *argv)
        assert code == 0
        return [r["id"] for r in json.loads(out)]

    assert await ids("--status", "on_agenda") == ["SK-2026-0001"]
    assert await ids("--owner", "finansborgarradet_ib") == ["SK-2026-0001"]
    assert await ids("--submitter", "b0b") == ["SK-2026-0003"]
    assert await ids("--limit", "2") == ["SK-2026-0003", "SK-2026-0002"]
    assert await ids("--status", "withdrawn") == []


async def test_an_empty_register_lists_no_cases(register: CaseRegister) -> None:
    assert await arun("cases", "list") == (0, "Inga ärenden.\n", "")
    assert await arun("cases", "list", "--lang", "en") == (0, "No cases.\n", "")
    assert await arun("cases", "list", "--format", "json") == (0, "[]\n", "")


# --- export ----------------------------------------------------------------------------


async def test_export_gives_every_case_as_csv_in_register_order(three: CaseRegister) -> None:
    code, out, _ = await arun("cases", "export")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == ["SK-2026-0001", "SK-2026-0002", "SK-2026-0003"]


async def test_export_as_json_carries_versions_audit_and_the_contract_json(
    three: CaseRegister,
) -> None:
    code, out, _ = await arun("cases", "export", "--format", "json", "--status", "on_agenda")
    assert code == 0
    [record] = json.loads(out)
    assert record["id"] == "SK-2026-0001"
    assert record["engagement"]["kind"] == "conference"
    assert record["assessment"]["decision_owner"] == "finansborgarradet_ib"
    assert [v["version"] for v in record["versions"]] == [1]
    assert [a["event"] for a in record["audit"]] == ["submitted", "status_changed"]
    assert record["audit"][1]["details"]["comment"] == "Till IB"
    assert record["audit"][1]["actor"] == {"id": "1b0", "name": "IB-sekretariatet", "unit": None}


# --- show ------------------------------------------------------------------------------


async def test_show_prints_the_case_its_versions_and_its_history_in_swedish(
    three: CaseRegister,
) -> None:
    paris = await three.get("SK-2026-0001")
    code, out, err = await arun("cases", "show", "sk-2026-0001")
    assert (code, err) == (0, "")
    assert out.startswith(f"SK-2026-0001  {paris.title}\n")
    assert "Status: Till dagordning (sammanträde 2026-12-03)" in out
    assert "Beslutar: Finansborgarrådet, efter beredning i Internationella beredningen" in out
    assert "Bedömningen är rådgivande – inte ett beslut." in out
    assert "Inlämnat av: Anna Andersson (Stadsledningskontoret), 2026-11-22 10:00" in out
    assert "Ny status: Inlämnat → Till dagordning, sammanträde 2026-12-03" in out
    assert "kommentar: ”Till IB”" in out


async def test_show_in_english(three: CaseRegister) -> None:
    code, out, _ = await arun("cases", "show", "SK-2026-0002", "--lang", "en")
    assert code == 0
    assert "Status: Accepted" in out
    assert "Review due: 2030-11-22" in out
    assert "The assessment is advisory – not a decision." in out
    assert "Status changed: Submitted → Accepted" in out


async def test_show_as_json_is_the_full_record(three: CaseRegister) -> None:
    code, out, _ = await arun("cases", "show", "SK-2026-0002", "--format", "json")
    assert code == 0
    record = json.loads(out)
    assert record["id"] == "SK-2026-0002"
    assert record["engagement"]["kind"] == "membership"
    assert record["versions"][0]["created_by"]["name"] == "Anna Andersson"


async def test_show_of_an_unknown_case_is_bad_input(register: CaseRegister) -> None:
    code, out, err = await arun("cases", "show", "SK-2026-0999")
    assert (code, out) == (2, "")
    assert err == "strategikollen cases: Ärendet SK-2026-0999 finns inte.\n"
    code, _, err = await arun("cases", "show", "SK-2026-0999", "--lang", "en")
    assert (code, err) == (2, "strategikollen cases: There is no case SK-2026-0999.\n")


async def test_show_of_something_that_is_not_a_case_id_is_bad_input(
    register: CaseRegister,
) -> None:
    code, _, err = await arun("cases", "show", "2026-42")
    assert code == 2
    assert "inget ärende-id" in err
    assert "SK-2026-0042" in err


# --- bad input and unreachable databases -------------------------------------------------


@pytest.mark.parametrize("argv", [
    ("cases", "list", "--status", "approved"),
    ("cases", "export", "--status", "Tillstyrkt"),
    ("cases", "list", "--owner", "mayor"),
    ("cases", "list", "--limit", "0"),
    ("cases", "list", "--format", "xml"),
    ("cases", "show", "SK-2026-0001", "--format", "csv"),
    ("cases",),
])
def test_bad_options_exit_2_without_touching_the_database(
    argv: tuple[str, ...], env: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    env.setenv("STRATEGIKOLLEN_DATABASE_URL", "postgresql+asyncpg://nobody@127.0.0.1:1/none")
    code, out, err = run(*argv)
    assert (code, out) == (2, "")
    assert "Traceback" not in err


def test_a_bad_status_is_named_with_the_choices_in_swedish_or_english(
    env: pytest.MonkeyPatch,
) -> None:
    code, _, err = run("cases", "list", "--status", "approved")
    assert code == 2
    assert "Okänd status 'approved'" in err
    assert "on_agenda" in err
    _, _, err = run("cases", "list", "--status", "approved", "--lang", "en")
    assert "Unknown status 'approved'" in err


def test_an_unreachable_database_is_a_clear_message_and_exit_1(env: pytest.MonkeyPatch) -> None:
    env.setenv("STRATEGIKOLLEN_DATABASE_URL",
               "postgresql+asyncpg://nobody:secret@127.0.0.1:1/none")
    code, out, err = run("cases", "list")
    assert (code, out) == (1, "")
    assert err.startswith("strategikollen cases: Databasen postgresql+asyncpg://nobody:***@")
    assert "går inte att nå" in err
    assert "secret" not in err
    assert "Traceback" not in err


def test_a_database_url_that_is_not_one_is_a_clear_message_and_exit_1(
    env: pytest.MonkeyPatch,
) -> None:
    env.setenv("STRATEGIKOLLEN_DATABASE_URL", "nonsense://")
    code, _, err = run("cases", "list", "--lang", "en")
    assert code == 1
    assert "cannot be reached or read" in err


def test_a_missing_sqlite_file_is_reported_and_not_created(
    env: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    env.setenv("STRATEGIKOLLEN_DATA_DIR", str(tmp_path / "data"))
    code, _, err = run("cases", "list")
    assert code == 1
    assert "finns inte" in err
    assert not (tmp_path / "data").exists()


async def test_a_database_without_the_register_says_to_start_the_bot(
    database: Any, env: pytest.MonkeyPatch
) -> None:
    env.setenv("STRATEGIKOLLEN_DATABASE_URL", database.url)
    engine = create_engine(database.url, schema=database.schema)
    try:
        async with engine.begin() as conn:
            if database.schema:
                await conn.exec_driver_sql(f'CREATE SCHEMA "{database.schema}"')
                env.setenv("STRATEGIKOLLEN_DATABASE_SCHEMA", database.schema)
            await conn.exec_driver_sql("CREATE TABLE unrelated (x INTEGER)")
    finally:
        await engine.dispose()
    code, _, err = await arun("cases", "list")
    assert code == 1
    assert "har inget ärenderegister ännu" in err


def test_the_installed_command_lists_cases_without_a_traceback(
    env: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("STRATEGIKOLLEN_")}
    environ["STRATEGIKOLLEN_DATABASE_URL"] = "postgresql+asyncpg://nobody@127.0.0.1:1/none"
    done = subprocess.run(
        [sys.executable, "-m", "cli.main", "cases", "list", "--lang", "en"],
        cwd=ROOT, env=environ, capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 1
    assert "cannot be reached" in done.stderr
    assert "Traceback" not in done.stderr
