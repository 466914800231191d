"""IB's overview tab in Debian's Chromium: ``strategikollen serve --dev`` over a register
seeded through its own API (``bot.overview.seed.seed_cases``, on a fixed clock), the page
opened at /tab/ outside Teams as the dev test user (an IB member), driven by
``e2e/overview.mjs``: the table filters and sorts, a case opens, the year's charts and the
tables beside them carry the API's numbers, the agenda and its total, and the export
downloads of the filtered table. Here the files that arrived are read: the CSV (UTF-8 with
a BOM, ``;``) and the .xlsx hold the filtered rows and no others.

Screenshots (light and dark) go to a temporary folder; with
STRATEGIKOLLEN_UPDATE_SCREENSHOTS=1 they replace docs/screenshots/overview-*.png.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.clock import FixedClock
from bot.overview.seed import IB_ACTOR, SUBMITTERS, seed_cases
from bot.persistence.database import create_engine, migrate
from bot.persistence.register import CaseRegister, CaseStatus

from .harness import (
    CLOCK_START,
    E2E,
    ROOT,
    Processes,
    free_port,
    keep_screenshots,
    processes,
    require_browser_tools,
    run_node,
    strategikollen,
    wait_for_http,
)

pytestmark = pytest.mark.e2e

DRIVER_TIMEOUT = 240.0
# The dev test user: an IB member (every case) who has also submitted cases of their own
# (the personal tab's "Mina ärenden").
IB_MEMBER = SUBMITTERS[0].id
STRANGER = "00000000-0000-0000-0000-00000000ffff"  # neither IB, the secretariat nor a submitter
SEEDED = 60
# The seeded cases run from December 2025 to mid-November 2026, before the served clock
# (CLOCK_START, 22 November 2026), so the year 2026 has most of them and the next meeting
# is ahead.
SEED_START = datetime(2025, 12, 1, 8, 0, tzinfo=UTC)
SEED_DAYS = 350
EXPECTED = (
    *(f"overview-{part}-{theme}.png"
      for part in ("cases", "case", "year", "agenda") for theme in ("light", "dark")),
    "overview-agenda-print.png", "overview-year-contrast.png",
)


async def _seed(url: str) -> list[str]:
    clock = FixedClock(SEED_START)
    engine = create_engine(url)
    try:
        await migrate(engine)
        register = CaseRegister(engine, clock=clock)
        ids = await seed_cases(register, clock, SEEDED, start=SEED_START, days=SEED_DAYS)
        # IB asks the dev user to complete their latest submitted case ("Mina ärenden").
        own = await register.list(submitter=IB_MEMBER, status=CaseStatus.SUBMITTED, limit=None)
        await register.set_status(max(own, key=lambda c: (c.year, c.sequence)).id,
                                  CaseStatus.NEEDS_COMPLETION, IB_ACTOR,
                                  comment="Beskriv nyttan för stockholmarna.")
        return ids
    finally:
        await engine.dispose()


def _csv_rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "the CSV starts with a UTF-8 BOM (Swedish Excel)"
    return list(csv.reader(io.StringIO(raw[3:].decode("utf-8")), delimiter=";"))


def _xlsx_rows(path: Path) -> list[list[object]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    try:
        return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)
                if any(cell not in (None, "") for cell in row)]
    finally:
        book.close()  # a read-only workbook keeps its file open until closed


def _tools() -> str:
    node = require_browser_tools("playwright-core", "chart.js", "@microsoft/teams-js")
    vendor = ROOT / "bot" / "overview" / "static" / "vendor"
    for name in ("chart.umd.min.js", "MicrosoftTeams.min.js"):
        if not (vendor / name).is_file():
            pytest.fail(f"{vendor / name} is missing: scripts/setup.sh copies it from "
                        "node_modules", pytrace=False)
    return str(node)


def _serve(procs: Processes, folder: Path, database: str, user: str) -> int:
    """``serve --dev`` on a free port over ``database``, its dev tab user ``user``
    (``IB_MEMBER`` is IB's one member); returns the port."""
    port = free_port()
    bot = procs.start("bot", [*strategikollen(), "serve", "--dev", "--port", str(port)], env={
        "STRATEGIKOLLEN_DATA_DIR": str(folder / "data"),
        "STRATEGIKOLLEN_DATABASE_URL": database,
        "STRATEGIKOLLEN_DEV_CLOCK_START": CLOCK_START,
        "STRATEGIKOLLEN_DEV_TAB_USER": user,
        "STRATEGIKOLLEN_IB_MEMBERS": IB_MEMBER,
        "STRATEGIKOLLEN_GRAPH_RECONCILE": "false",
    })
    wait_for_http(bot, f"http://127.0.0.1:{port}/readyz")
    return int(port)


def test_the_overview_tab_filters_opens_a_case_draws_the_year_and_exports(tmp_path: Path) -> None:
    node = _tools()
    database = f"sqlite+aiosqlite:///{(tmp_path / 'data' / 'register.db').as_posix()}"
    ids = asyncio.run(_seed(database))
    assert len(ids) == SEEDED

    shots, downloads, out = tmp_path / "screenshots", tmp_path / "downloads", tmp_path / "seen.json"
    with processes(tmp_path) as procs:
        port = _serve(procs, tmp_path, database, IB_MEMBER)
        run = run_node(node, E2E / "overview.mjs", [
            "--url", f"http://127.0.0.1:{port}", "--shots", str(shots),
            "--downloads", str(downloads), "--out", str(out),
        ], timeout=DRIVER_TIMEOUT, folder=tmp_path)
        if run.returncode != 0:
            pytest.fail(f"The overview check failed:\n{run.stdout[-6000:]}\n\n{procs.report()}",
                        pytrace=False)

    seen = json.loads(out.read_text("utf-8"))
    # The status filter the page applied, and what the export of it holds.
    status = seen["status_filter"]
    assert 0 < status["total"] < SEEDED
    assert seen["text_filter"]["rows"] == 1
    csv_rows = _csv_rows(Path(seen["export_csv"]["file"]))
    header, body = csv_rows[0], csv_rows[1:]
    assert len(body) == status["total"]
    assert "Status" in header, header
    column = header.index("Status")
    assert {row[column] for row in body} == {status["label"]}
    assert {row[0] for row in body} <= set(ids)
    assert Path(seen["export_csv"]["name"]).name.startswith("strategikollen-cases-")
    xlsx_rows = _xlsx_rows(Path(seen["export_xlsx"]["file"]))
    assert [str(cell) for cell in xlsx_rows[0]] == header
    assert len(xlsx_rows) - 1 == status["total"]
    assert sorted(str(r[0]) for r in xlsx_rows[1:]) == sorted(row[0] for row in body)

    # The year: the total and the chart tables agree with one another (the page's own
    # check held them to the API and the charts' data).
    summary = seen["summary"]
    assert summary["year"] == 2026
    assert summary["total_cost"] > 0
    by_kind = summary["charts"]["by_kind"]
    assert sum(item["cost"] for item in by_kind) == summary["total_cost"]
    assert sum(item["count"] for item in summary["charts"]["by_status"]) == sum(
        item["count"] for item in by_kind)
    assert seen["case"]["versions"] >= 1
    assert seen["case"]["audit"] >= 1
    assert 0 < seen["mine"]["rows"] < SEEDED  # their own, not everyone's

    keep_screenshots(shots, EXPECTED)


def test_a_user_without_a_right_is_told_why_and_sees_no_case(tmp_path: Path) -> None:
    node = _tools()
    database = f"sqlite+aiosqlite:///{(tmp_path / 'data' / 'register.db').as_posix()}"
    asyncio.run(_seed(database))
    with processes(tmp_path) as procs:
        port = _serve(procs, tmp_path, database, STRANGER)
        run = run_node(node, E2E / "overview.mjs", [
            "--url", f"http://127.0.0.1:{port}", "--no-access",
        ], timeout=DRIVER_TIMEOUT, folder=tmp_path)
        if run.returncode != 0:
            pytest.fail(f"The no-access check failed:\n{run.stdout[-6000:]}\n\n{procs.report()}",
                        pytrace=False)
