"""bench/table.py: the figures it reads from each bench script's output, their ranges, and
a failing run recorded instead of stopping the table. No benchmark runs here."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "table.py"


@pytest.fixture(scope="module")
def table() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_table", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


# Outputs as the scripts print them (12b66fb; the bot's baseline 4d38c2d has no breakdown).
BOT_NOW = """\
$ /work/main/.venv/bin/python bench/bench_bot.py --scale 0.1 --rounds 1
bot: http://127.0.0.1:44663 (state: sqlite+aiosqlite:////tmp/x/bench.db), echo: http://127.0.0.1:40757, connector: http://127.0.0.1:34911; 2 CPUs, load average 2.23
        convs   turns  units   turns/s   p50 ms   p99 ms  ÷echo
echo        1      20     20     434.2      2.3      2.6      –
who         1      20     20     196.2      5.5     10.1   0.45
wizard      1      15      3     182.1      4.0     15.5   0.42
echo       32    128    128     603.7     51.4     66.2      –
who        32    128    128     312.4     87.5    167.9   0.52
wizard     32    160     32     254.4    103.0    217.4   0.42
where a bot turn spends its time (wall ms per turn; bench-only timers):
  echo      1 convs, ms per turn: CPU 1.64, turn 1.91
  who       1 convs, ms per turn: CPU 2.97, turn 3.79 = state load 1.03  state save 0.05  dialog 0.29  cards 0.12  activity JSON 0.12  replies HTTP 1.20  rest (SDK, aiohttp, IB effects, waits) 1.09
  wizard    1 convs, ms per turn: CPU 3.45, turn 4.13 = state load 0.96  state save 0.70  dialog 0.48  cards 0.18  activity JSON 0.31  replies HTTP 0.17  rest (SDK, aiohttp, IB effects, waits) 1.50
(units: messages for echo/who, complete wizard runs for wizard; 467 replies reached the stand-in connector)
"""

BOT_BASELINE = "\n".join(BOT_NOW.splitlines()[:9])

POLICY_BASELINE = """\
python 3.12.1 on x86_64, one core
assessments/s: 28,928  (8682 assessments of 6 worked cases)
assessments/s, varied input: 28,425  (12000 assessments of 2000 seeded random engagements, each naming its own forum)
who-decides answers/s: 14,831  (4450 answers of 10 questions)
"""

STARTUP = """\
python 3.12.1, code from /work/wt-prev, database SQLite in a temporary folder
serve --dev to readyz 200, no bytecode cache min   5445  median   5445  max   5445 ms  (1 runs)
screen one file, no bytecode cache min    535  median    535  max    535 ms  (1 runs)
serve --dev to readyz 200, bytecode cache min   1014  median   1100  max   1514 ms  (3 runs)
screen one file, bytecode cache    min    208  median    208  max    208 ms  (1 runs)
"""

DELIVERY = """\
$ .venv/bin/python bench/bench_delivery.py --conversations 2 --messages 5
sqlite         10 msgs    0.67 s     15.0 msgs/s  (ceiling 14/s)  busiest second per conversation: 5
postgresql  skipped: postgresql+asyncpg://postgres@127.0.0.1:5432/test is unreachable
"""

INSTRUCTIONS = """\
start-up and imports: 4,582,873,132 instructions
instructions per screening: 269,233  (2000 raw dicts → parse_engagement → assess)
instructions per who-decides answer: 451,459  (600 answers of 6 questions)
"""

STORAGE = """\
$ python bench/bench_storage.py --turns 5 --rounds 1
SqlStorage from /work/main
SQLite 1 convs, 40 turns: CPU 0.097 ms/turn (0.097–0.097), wall 0.098 ms/turn (0.098–0.098)
SQLite 32 convs, 160 turns: CPU 0.127 ms/turn (0.127–0.127), wall 0.127 ms/turn (0.127–0.127)
PostgreSQL 1 convs, 40 turns: CPU 0.360 ms/turn (0.355–0.371), wall 0.694 ms/turn (0.690–0.701)
PostgreSQL 32 convs, 160 turns: CPU 0.271 ms/turn (0.270–0.275), wall 0.322 ms/turn (0.320–0.330)
"""


def _bench(table: ModuleType, name: str) -> Any:
    return next(b for b in table.BENCHES if b.name == name)


def _run(table: ModuleType, bench: Any, output: str, tree: Any) -> Any:
    run = table.Run(bench, tree, 1, [], Path("unused"))
    run.figures = bench.extract(output)
    return run


def test_bot_rows_and_breakdown_are_read(table: ModuleType) -> None:
    found = table.bot_figures(BOT_NOW)
    assert found["who1_ratio"].value == 0.45
    assert found["wizard32_p99"].text() == "217"  # whole ms at 32 conversations
    assert found["echo1_p50"].text() == "2.3"
    assert found["who1_over"].text() == "3.2"  # 5.5 less echo's 2.3
    assert "echo1_ratio" not in found
    assert found["wizard1_state_save"].value == 0.70
    assert found["who1_replies_http"].value == 1.20
    assert found["wizard1_rest"].value == 1.50
    assert found["echo1_cpu"].value == 1.64


def test_a_baseline_without_the_breakdown_shows_a_dash(table: ModuleType) -> None:
    bench = _bench(table, "bot-sqlite")
    tree = table.Tree("baseline", Path("/base"), "4d38c2d", 0)
    run = _run(table, bench, BOT_BASELINE, tree)
    first, _, breakdown, _ = bench.rows
    assert table.cell(first, [run]).startswith("0.45 / 0.42; who 5.5 / 10.1 ms")
    assert table.cell(breakdown, [run]) == "—"


def test_ranges_over_runs(table: ModuleType) -> None:
    bench = _bench(table, "policy")
    tree = table.Tree("now", Path("/now"), "12b66fb", 0)
    runs = [_run(table, bench, POLICY_BASELINE.replace("28,425", rate), tree)
            for rate in ("28,425", "30,100", "29,000")]
    varied, split, cases, _ = bench.rows
    assert table.cell(varied, runs) == "28,425–30,100, median 29,000"
    assert table.cell(cases, runs) == "28,928"  # the same in every run
    assert table.cell(split, runs) == "—"  # an older script without these lines


def test_startup_delivery_instructions(table: ModuleType) -> None:
    startup = table.startup_figures(STARTUP)
    assert startup["serve_warm_median"].value == 1100
    assert startup["serve_cold_max"].text() == "5,445"
    assert startup["screen_warm_min"].value == 208
    delivery = table.delivery_figures(DELIVERY)
    assert delivery == {"sqlite_rate": table.Figure(15.0, 1),
                        "sqlite_busiest": table.Figure(5.0, 0)}
    assert table.instructions_figures(INSTRUCTIONS) == {
        "screening": table.Figure(269233, 0), "answer": table.Figure(451459, 0)}


def test_storage_figures_are_the_medians_per_database_and_concurrency(
    table: ModuleType,
) -> None:
    storage = table.storage_figures(STORAGE)
    assert storage["sqlite1_cpu"] == table.Figure(0.097, 3)
    assert storage["sqlite32_wall"] == table.Figure(0.127, 3)
    assert storage["postgresql1_wall"] == table.Figure(0.694, 3)  # the median, not the range
    assert storage["postgresql32_cpu"] == table.Figure(0.271, 3)
    assert len(storage) == 8
    for row in _bench(table, "storage").rows:  # every figure the README's rows name is read
        assert set(table.fields(row.template)) <= set(storage)


def test_a_failing_run_is_recorded_and_the_table_goes_on(
    table: ModuleType, tmp_path: Path
) -> None:
    old = tmp_path / "old"
    (old / "bench").mkdir(parents=True)
    (old / "bench" / "bench_policy.py").write_text(
        "import sys\nprint('started')\n"
        "sys.exit('bench_policy.py: error: unrecognized arguments: --seconds')\n")
    tree = table.Tree("baseline", old, "0000000", 0)
    bench = _bench(table, "policy")
    command = table.command_for(bench, tree, tree, True)
    run = table.Run(bench, tree, 1, command, tmp_path / "policy.1.baseline.txt")
    table.run_once(run, timeout=60)
    assert run.failure == "bench_policy.py: error: unrecognized arguments: --seconds"
    assert (tmp_path / "policy.1.baseline.txt").read_text() == "started\n"
    assert table.cell(bench.rows[0], [run]) == f"failed: {run.failure}"

    missing = table.Run(_bench(table, "delivery-8x30"), tree, 1,
                        table.command_for(_bench(table, "delivery-8x30"), tree, tree, True),
                        tmp_path / "delivery.txt")
    table.run_once(missing, timeout=60)
    assert missing.failure is not None
    assert missing.failure.endswith("bench_delivery.py does not exist")


def test_only_takes_names_and_their_first_part(table: ModuleType) -> None:
    assert [b.name for b in table.chosen("bot,policy")] == ["policy", "bot-sqlite", "bot-pg"]
    with pytest.raises(SystemExit, match="unknown --only names: bots"):
        table.chosen("bots")
