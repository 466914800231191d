"""`strategikollen cases verify | export-person | erase-person`, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.clock import FixedClock
from bot.persistence.register import Actor, CaseRegister, CaseStatus, audit_table
from cli.main import main

from ..policy.helpers import screened

pytestmark = pytest.mark.dates

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
ANNA = Actor(id="a11a-object-id", name="Anna Andersson", unit="Stadsledningskontoret")
IB = Actor(id="1b0", name="Ingrid Berg")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(""), stdout=out, stderr=err,
                clock=FixedClock(NOW))
    return code, out.getvalue(), err.getvalue()


async def arun(*argv: str) -> tuple[int, str, str]:
    return await asyncio.to_thread(run, *argv)



@pytest.fixture
async def two(engine: AsyncEngine) -> CaseRegister:
    register = CaseRegister(engine, clock=FixedClock(NOW))
    paris = await register.submit(*screened("paris-summit.json"), ANNA)
    await register.set_status(paris.id, CaseStatus.NEEDS_COMPLETION, IB,
                              comment="Anna Andersson, bifoga programmet")
    await register.submit(*screened("school-visit.json"), IB)
    return register


async def test_verify_says_the_chain_is_unbroken_and_exits_0(two: CaseRegister) -> None:
    assert await arun("cases", "verify") == (
        0, "Granskningsloggen är obruten: 3 rader, varav 0 pseudonymiserade.\n", "")
    code, out, _ = await arun("cases", "verify", "--lang", "en")
    assert (code, out) == (0, "The audit log is unbroken: 3 rows, 0 of them pseudonymised.\n")


async def test_verify_names_the_first_broken_row_and_exits_2(
    two: CaseRegister, engine: AsyncEngine,
) -> None:
    async with engine.begin() as conn:
        second = (await conn.execute(select(audit_table.c.id).order_by(audit_table.c.id)
                                     )).scalars().all()[1]
        await conn.execute(update(audit_table).where(audit_table.c.id == second)
                           .values(details={"from": "submitted", "to": "accepted"}))
    code, out, err = await arun("cases", "verify")
    assert (code, err) == (2, "")
    assert out == (f"Granskningsloggen är bruten vid rad {second} (ärende SK-2026-0001): "
                   "radens innehåll är ändrat.\n")
    code, out, _ = await arun("cases", "verify", "--lang", "en")
    assert code == 2
    assert f"broken at row {second} (case SK-2026-0001)" in out


async def test_export_then_erase_then_export_again(two: CaseRegister) -> None:
    code, out, err = await arun("cases", "export-person", "A11A-object-id")
    assert (code, err) == (0, "")
    held = json.loads(out)
    assert [c["id"] for c in held["cases_submitted"]] == ["SK-2026-0001"]
    assert "Anna Andersson" in out

    code, out, err = await arun("cases", "erase-person", "a11a-object-id", "--by", "Registrator")
    assert (code, err) == (0, "")
    assert out.startswith("a11a-object-id är pseudonymiserad som pseudonym-")
    assert "Ändrade: 1 ärende, 1 version, 2 händelser, 0 IB-kanaler." in out

    code, out, _ = await arun("cases", "export-person", "a11a-object-id")
    assert json.loads(out)["cases_submitted"] == []
    code, out, _ = await arun("cases", "show", "SK-2026-0001", "--format", "json")
    assert "Anna Andersson" not in out
    assert json.loads(out)["audit"][-1]["actor"]["name"] == "Registrator"
    code, out, _ = await arun("cases", "show", "SK-2026-0001")
    assert "Person pseudonymiserad (pseudonym-" in out
    assert await arun("cases", "verify") == (
        0, "Granskningsloggen är obruten: 4 rader, varav 2 pseudonymiserade.\n", "")


async def test_a_blank_object_id_is_bad_input(two: CaseRegister) -> None:
    code, _, err = await arun("cases", "erase-person", "  ")
    assert (code, err) == (2, "strategikollen cases: Ange personens Entra-objekt-id.\n")


async def test_no_database_is_exit_1_without_a_traceback(
    env: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    env.setenv("STRATEGIKOLLEN_DATA_DIR", str(tmp_path / "nowhere"))
    for argv in (("cases", "verify"), ("cases", "erase-person", "x"),
                 ("cases", "export-person", "x")):
        code, out, err = await arun(*argv)
        assert (code, out) == (1, "")
        assert "finns inte" in err
        assert "Traceback" not in err
