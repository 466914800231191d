"""The README's issue-13 benchmark table measured again, each command beside its baseline.

    .venv/bin/python bench/table.py --baseline DIR [--current DIR] [--runs 2]
                                    [--only NAME[,NAME]] [--quick] [--out DIR]

For every command of the table (and ``bench_instructions.py`` from the issue-15 table)
this runs the baseline checkout and the current one alternately, ``--runs`` rounds
(baseline, current, baseline, current, ...), each as a subprocess of this interpreter with
the checkout as its working directory and as PYTHONPATH, so the same virtual environment
runs each tree's own code. ``bench_startup.py``, ``bench_storage.py`` and
``bench_instructions.py`` take ``--root``: those run the current tree's script with
``--root`` the tree measured (older commits do not have them), as the README's baseline
was measured.

Every run's output is saved under ``--out`` (default a new folder in /tmp). Printed: the
time (UTC), both commits and whether their trees hold uncommitted changes, each run's
exact command line with the load average before and after it, and at the end the
figures of each command as Markdown rows ``| what | command | baseline | now |``, each
figure the range over the runs. A run that fails (an old bench script without an option,
code that no longer imports) is recorded as ``failed: <its last line>``, and the rest go
on. ``--quick`` scales every command down, to test this script, not to quote.

Names for ``--only`` (a name, or its first part: ``bot`` is both bot runs): policy,
bot-sqlite, bot-pg, storage, startup-sqlite, startup-pg, delivery-8x30, delivery-1x50,
delivery-16x20, instructions.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import signal
import statistics
import string
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"


# --- Figures and their ranges ------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    value: float
    digits: int  # decimals shown

    def text(self) -> str:
        return f"{self.value:,.{self.digits}f}"


Figures = dict[str, Figure]


@dataclass(frozen=True)
class Spread:
    """One figure over several runs. ``{x}`` in a template gives its range, ``{x:m}``
    the range and the median."""

    figures: tuple[Figure, ...]

    def __format__(self, spec: str) -> str:
        if not self.figures:
            return "—"
        ordered = sorted(self.figures, key=lambda f: f.value)
        low, high = ordered[0].text(), ordered[-1].text()
        text = low if low == high else f"{low}–{high}"
        if spec == "m" and len(ordered) > 2 and low != high:
            digits = ordered[0].digits
            middle = Figure(statistics.median(f.value for f in ordered), digits)
            text += f", median {middle.text()}"
        return text


class _Cells(dict[str, Spread]):
    def __missing__(self, key: str) -> Spread:
        return Spread(())


def fields(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name]


# --- Reading each bench script's output --------------------------------------------------------


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _search(output: str, patterns: Mapping[str, str], digits: int) -> Figures:
    found: Figures = {}
    for key, pattern in patterns.items():
        if match := re.search(pattern, output, re.MULTILINE):
            found[key] = Figure(_number(match.group(1)), digits)
    return found


def policy_figures(output: str) -> Figures:
    return _search(output, {
        "cases": r"^assessments/s: ([\d,]+)",
        "varied": r"^assessments/s, varied input: ([\d,]+)",
        "assess_only": r"^assessments/s, varied input, assess only: ([\d,]+)",
        "parse_only": r"^parse_engagement/s, varied input: ([\d,]+)",
        "who": r"^who-decides answers/s: ([\d,]+)",
    }, 0)


_BOT_ROW = re.compile(
    r"^(echo|who|wizard)\s+(\d+)\s+\d+\s+\d+\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+(\S+)\s*$",
    re.MULTILINE,
)
_BOT_BREAKDOWN = re.compile(
    r"^\s+(echo|who|wizard)\s+(\d+) convs, ms per turn: CPU ([\d.]+)"
    r"(?:; client ([\d.]+)(?:, PostgreSQL (-?[\d.]+))?)?, turn ([\d.]+)(?: = (.*))?$",
    re.MULTILINE,
)
_BOT_PART = re.compile(r"([A-Za-z][A-Za-z ]*?)(?: \([^)]*\))? (-?[\d.]+)")


def bot_figures(output: str) -> Figures:
    """``bench_bot.py``: per scenario and number of conversations ``{who1_ratio}``,
    ``_rate``, ``_p50``, ``_p99``, ``_over`` (p50 less echo's), and from the breakdown
    (newer scripts only) ``_cpu``, ``_turn``, ``_state_load``, ``_cards``, ``_rest``..."""
    found: Figures = {}
    for name, convs, rate, p50, p99, ratio in _BOT_ROW.findall(output):
        ms = 1 if convs == "1" else 0
        key = f"{name}{convs}"
        found[f"{key}_rate"] = Figure(float(rate), 0)
        found[f"{key}_p50"] = Figure(float(p50), ms)
        found[f"{key}_p99"] = Figure(float(p99), ms)
        if ratio != "–":
            found[f"{key}_ratio"] = Figure(float(ratio), 2)
    for name in ("who", "wizard"):
        for convs in ("1", "32"):
            mine, echo = found.get(f"{name}{convs}_p50"), found.get(f"echo{convs}_p50")
            if mine and echo:
                found[f"{name}{convs}_over"] = Figure(mine.value - echo.value, mine.digits)
    for name, convs, cpu, client, postgres, turn, parts in _BOT_BREAKDOWN.findall(output):
        key = f"{name}{convs}"
        found[f"{key}_cpu"] = Figure(float(cpu), 2)
        if client:  # newer scripts: the client's and PostgreSQL's CPU beside the server's
            found[f"{key}_client_cpu"] = Figure(float(client), 2)
        if postgres:
            found[f"{key}_postgres_cpu"] = Figure(float(postgres), 2)
        found[f"{key}_turn"] = Figure(float(turn), 2)
        for label, value in _BOT_PART.findall(parts):
            found[f"{key}_{label.strip().lower().replace(' ', '_')}"] = Figure(float(value), 2)
    return found


_STARTUP = re.compile(
    r"^(serve|screen) .*?, (no bytecode cache|bytecode cache)\s+"
    r"min\s+(\d+)\s+median\s+(\d+)\s+max\s+(\d+) ms",
    re.MULTILINE,
)


def startup_figures(output: str) -> Figures:
    """``bench_startup.py``: ``{serve_warm_min}``, ``_median``, ``_max``; ``cold`` is
    without a bytecode cache; ``screen_`` likewise."""
    found: Figures = {}
    for what, cache, low, median, high in _STARTUP.findall(output):
        key = f"{what}_{'cold' if cache.startswith('no') else 'warm'}"
        for part, value in (("min", low), ("median", median), ("max", high)):
            found[f"{key}_{part}"] = Figure(float(value), 0)
    return found


_DELIVERY = re.compile(
    r"^(sqlite|postgresql)\s+\d+ msgs\s+[\d.]+ s\s+([\d.]+) msgs/s.*"
    r"busiest second per conversation: (\d+)",
    re.MULTILINE,
)


def delivery_figures(output: str) -> Figures:
    found: Figures = {}
    for database, rate, busiest in _DELIVERY.findall(output):
        found[f"{database}_rate"] = Figure(float(rate), 1)
        found[f"{database}_busiest"] = Figure(float(busiest), 0)
    return found


_STORAGE = re.compile(
    r"^(SQLite|PostgreSQL) (\d+) convs, \d+ turns: CPU ([\d.]+) ms/turn .*?, wall ([\d.]+) ms/turn",
    re.MULTILINE,
)


def storage_figures(output: str) -> Figures:
    """``bench_storage.py``: ``{sqlite32_cpu}``, ``{postgresql1_wall}``..."""
    found: Figures = {}
    for database, convs, cpu, wall in _STORAGE.findall(output):
        found[f"{database.lower()}{convs}_cpu"] = Figure(float(cpu), 3)
        found[f"{database.lower()}{convs}_wall"] = Figure(float(wall), 3)
    return found


def instructions_figures(output: str) -> Figures:
    return _search(output, {
        "screening": r"^instructions per screening: ([\d,]+)",
        "answer": r"^instructions per who-decides answer: ([\d,]+)",
    }, 0)


# --- The table's commands ----------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    what: str
    template: str  # figures by name, as str.format fields: "{who1_ratio} / {wizard1_ratio}"


@dataclass(frozen=True)
class Bench:
    name: str
    script: str
    args: tuple[str, ...]
    quick: tuple[str, ...]  # the arguments under --quick
    extract: Callable[[str], Figures]
    rows: tuple[Row, ...]
    takes_root: bool = False  # run the current tree's script with --root the tree measured

    def arguments(self, quick: bool) -> list[str]:
        return list(self.quick if quick else self.args)


def _bot_rows(database: str) -> tuple[Row, ...]:
    rows = []
    for n, conversations in (("1", "1 conversation"), ("32", "32 conversations")):
        template = (
            "{who#_ratio} / {wizard#_ratio}; who {who#_p50} / {who#_p99} ms, "
            "wizard {wizard#_p50} / {wizard#_p99} ms (echo {echo#_p50} / {echo#_p99} ms, "
            "{echo#_rate} turns/s); p50 above echo's: who {who#_over} / wizard {wizard#_over} ms"
        )
        rows.append(Row(
            f"bot turns/s ÷ echo, who-decides / wizard, {conversations}, p50 / p99 ({database})",
            template.replace("#", n),
        ))
    for n, conversations in (("1", "1 conversation"), ("32", "32 conversations")):
        others = " / ".join(["{who#_client_cpu}", "{wizard#_client_cpu}"])
        others = f"; the client's CPU {others} (echo's {{echo#_client_cpu}})"
        if "PostgreSQL" in database:
            others += "; PostgreSQL's CPU {who#_postgres_cpu} / {wizard#_postgres_cpu}"
        template = (
            "CPU {who#_cpu} / {wizard#_cpu} (echo {echo#_cpu})" + others + "; turn {who#_turn} / "
            "{wizard#_turn} = state load {who#_state_load} / {wizard#_state_load}, state save "
            "{who#_state_save} / {wizard#_state_save}, dialog step {who#_dialog} / "
            "{wizard#_dialog} (of which cards {who#_cards} / {wizard#_cards}), Activity JSON "
            "{who#_activity_json} / {wizard#_activity_json}, replies' HTTP "
            "{who#_replies_http} / {wizard#_replies_http}, the rest {who#_rest} / {wizard#_rest}"
        )
        rows.append(Row(
            f"where a bot turn spends its time, ms per turn (wall; CPU of the whole process), "
            f"{database}, {conversations}: who / wizard",
            template.replace("#", n),
        ))
    return tuple(rows)


def _startup_rows(database: str) -> tuple[Row, ...]:
    def three(key: str) -> str:
        return f"min {{{key}_min}}, median {{{key}_median}}, max {{{key}_max}} ms"

    return (
        Row(f"`strategikollen serve --dev` until `GET /readyz` is 200, migrations applied, "
            f"{database}, with a bytecode cache (aim < 1.5 s)", three("serve_warm")),
        Row(f"the same without a bytecode cache ({database})", three("serve_cold")),
        Row(f"`strategikollen screen tests/cases/paris-summit.json`, the whole process, with a "
            f"bytecode cache / without (aim < 300 ms; {database} configured)",
            f"{three('screen_warm')} / {three('screen_cold')}"),
    )


def _delivery_row(what: str) -> Row:
    return Row(what, "{sqlite_rate} / {postgresql_rate} msgs/s; busiest second per "
                     "conversation {sqlite_busiest} / {postgresql_busiest}")


BENCHES = (
    Bench("policy", "bench_policy.py", ("--seconds", "3"), ("--seconds", "0.3"), policy_figures, (
        Row("assessments/s, one core, 2,000 seeded random engagements, each from its raw dict "
            "through `parse_engagement` (validation) and `assess` (aim ≥ 50,000)", "{varied:m}"),
        Row("the same, `assess` only (parsed beforehand) / `parse_engagement` only",
            "{assess_only} / {parse_only}"),
        Row("assessments/s, one core, the 6 worked cases, validation included", "{cases:m}"),
        Row("who-decides answers/s, one core, 10 mixed sv/en questions (aim ≥ 20,000)",
            "{who:m}"),
    )),
    Bench("bot-sqlite", "bench_bot.py", (), ("--scale", "0.1", "--rounds", "1"), bot_figures,
          _bot_rows("SQLite")),
    Bench("bot-pg", "bench_bot.py", ("--database-url", POSTGRES_URL),
          ("--database-url", POSTGRES_URL, "--scale", "0.1", "--rounds", "1"), bot_figures,
          _bot_rows("PostgreSQL")),
    Bench("storage", "bench_storage.py", (), ("--turns", "5", "--rounds", "1"), storage_figures, (
        Row("the state storage alone, ms per turn of a wizard's read and write (one or two "
            "items) in this process, CPU (wall), 1 / 32 conversations: SQLite",
            "{sqlite1_cpu} ({sqlite1_wall}) / {sqlite32_cpu} ({sqlite32_wall})"),
        Row("the same, PostgreSQL (its server's CPU not counted)",
            "{postgresql1_cpu} ({postgresql1_wall}) / {postgresql32_cpu} ({postgresql32_wall})"),
    ), takes_root=True),
    Bench("startup-sqlite", "bench_startup.py", ("--runs", "5"), ("--runs", "1"),
          startup_figures, _startup_rows("SQLite"), takes_root=True),
    Bench("startup-pg", "bench_startup.py", ("--runs", "5", "--database-url", POSTGRES_URL),
          ("--runs", "1", "--database-url", POSTGRES_URL), startup_figures,
          _startup_rows("PostgreSQL"), takes_root=True),
    Bench("delivery-8x30", "bench_delivery.py", (), ("--conversations", "2", "--messages", "5"),
          delivery_figures, (_delivery_row(
              "outbox delivery through the stand-in connector, 8 conversations × 30 messages, "
              "one worker, SQLite / PostgreSQL (ceiling 8 × 7/s = 56/s)"),)),
    Bench("delivery-1x50", "bench_delivery.py", ("--conversations", "1", "--messages", "50"),
          ("--conversations", "1", "--messages", "5"), delivery_figures, (_delivery_row(
              "the same, one conversation × 50 messages (ceiling 7/s)"),)),
    Bench("delivery-16x20", "bench_delivery.py",
          ("--conversations", "16", "--messages", "20", "--workers", "2"),
          ("--conversations", "4", "--messages", "3", "--workers", "2"), delivery_figures,
          (_delivery_row("the same, 16 conversations × 20 messages, two workers, "
                         "SQLite / PostgreSQL"),)),
    Bench("instructions", "bench_instructions.py", (), ("--screenings", "20", "--answers", "6"),
          instructions_figures, (Row(
              "instructions per screening (raw dict → `parse_engagement` → `assess`, the "
              "seeded engagements) / per who-decides answer (valgrind's count)",
              "{screening} / {answer}"),), takes_root=True),
)


# --- Trees and runs ----------------------------------------------------------------------------


def _git(tree: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(tree), *args], capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 else f"(git: {done.stderr.strip()})"


@dataclass(frozen=True)
class Tree:
    role: str  # "baseline" or "now"
    path: Path
    commit: str
    changed: int  # paths with uncommitted changes, untracked files included

    @classmethod
    def of(cls, role: str, path: Path) -> Tree:
        status = _git(path, "status", "--porcelain")
        return cls(role, path, _git(path, "rev-parse", "--short", "HEAD"),
                   len(status.splitlines()))

    def describe(self) -> str:
        state = f"uncommitted changes in {self.changed} paths" if self.changed else "clean"
        return f"{self.path} at {self.commit} ({state})"

    def env(self) -> dict[str, str]:
        return {**os.environ, "PYTHONPATH": str(self.path)}

    def imports_from(self) -> str:
        """Where ``policy`` and ``bot`` come from with this tree's PYTHONPATH (a package
        missing from the tree would come from the virtual environment's editable install)."""
        code = "import bot, policy; print(policy.__file__); print(bot.__file__)"
        done = subprocess.run([sys.executable, "-c", code], cwd=self.path, env=self.env(),
                              capture_output=True, text=True)
        if done.returncode:
            return f"does not import: {_last_line(done.stderr)}"
        files = done.stdout.split()
        outside = [f for f in files if not Path(f).resolve().is_relative_to(self.path)]
        return "from the tree" if not outside else f"NOT from the tree: {', '.join(outside)}"


@dataclass
class Run:
    bench: Bench
    tree: Tree
    round: int
    command: list[str]
    output: Path
    seconds: float = 0.0
    load: tuple[float, float] = (0.0, 0.0)
    figures: Figures = field(default_factory=dict)
    failure: str | None = None


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "(no output)"


def command_for(bench: Bench, tree: Tree, current: Tree, quick: bool) -> list[str]:
    script_tree = current if bench.takes_root else tree
    command = [sys.executable, str(script_tree.path / "bench" / bench.script)]
    command += bench.arguments(quick)
    if bench.takes_root:
        command += ["--root", str(tree.path)]
    return command


def run_once(run: Run, timeout: float) -> None:
    if not Path(run.command[1]).exists():
        run.failure = f"{run.command[1]} does not exist"
        return
    before = os.getloadavg()[0]
    started = time.perf_counter()
    # A session of its own, so that a run past its time is ended with the servers it started.
    proc = subprocess.Popen(run.command, cwd=run.tree.path, env=run.tree.env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
        code = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        stdout, _ = proc.communicate()
        stderr, code = f"timed out after {timeout:.0f} s", -1
    run.seconds = time.perf_counter() - started
    run.load = (before, os.getloadavg()[0])
    run.output.write_text(stdout, "utf-8")
    if stderr.strip():
        run.output.with_suffix(".stderr.txt").write_text(stderr, "utf-8")
    if code:
        run.failure = _last_line(stderr or stdout)
        return
    run.figures = run.bench.extract(stdout)
    if not run.figures:
        run.failure = f"no figures in its output: {_last_line(stdout)}"


# --- The table ---------------------------------------------------------------------------------


def cell(row: Row, runs: list[Run]) -> str:
    good = [r for r in runs if r.failure is None]
    failed = [r.failure for r in runs if r.failure is not None]
    if not good:
        return f"failed: {failed[-1]}" if failed else "—"
    names = fields(row.template)
    if not any(name in r.figures for r in good for name in names):
        return "—"  # e.g. an older script without the breakdown
    cells = _Cells({name: Spread(tuple(r.figures[name] for r in good if name in r.figures))
                    for name in names})
    text = row.template.format_map(cells)
    if failed:
        text += f" ({len(failed)} of {len(runs)} runs failed: {failed[-1]})"
    return text


def shown_command(bench: Bench, quick: bool) -> str:
    words = [".venv/bin/python", f"bench/{bench.script}", *bench.arguments(quick)]
    if bench.takes_root:
        words += ["--root", "DIR"]
    return f"`{shlex.join(words)}`"


def table(runs: list[Run], benches: list[Bench], baseline: Tree, current: Tree,
          quick: bool) -> list[str]:
    def heading(tree: Tree) -> str:
        return f"`{tree.commit}`" + (" with uncommitted changes" if tree.changed else "")

    lines = [f"| what | command | baseline {heading(baseline)} | now {heading(current)} |",
             "|---|---|---|---|"]
    for bench in benches:
        mine = [r for r in runs if r.bench is bench]
        for i, row in enumerate(bench.rows):
            command = shown_command(bench, quick) if i == 0 else "same run"
            before = cell(row, [r for r in mine if r.tree is baseline])
            now = cell(row, [r for r in mine if r.tree is current])
            lines.append(f"| {row.what} | {command} | {before} | {now} |")
    return lines


def run_lines(runs: list[Run]) -> list[str]:
    lines = ["| command | tree | round | seconds | load before → after | result | output |",
             "|---|---|---|---|---|---|---|"]
    for r in runs:
        result = f"failed: {r.failure}" if r.failure else f"{len(r.figures)} figures"
        lines.append(f"| {r.bench.name} | {r.tree.role} | {r.round} | {r.seconds:.1f} | "
                     f"{r.load[0]:.2f} → {r.load[1]:.2f} | {result} | {r.output.name} |")
    return lines


def chosen(only: str | None) -> list[Bench]:
    if not only:
        return list(BENCHES)
    names = [name.strip() for name in only.split(",") if name.strip()]
    picked = [b for b in BENCHES
              if any(b.name == name or b.name.startswith(f"{name}-") for name in names)]
    unknown = [n for n in names
               if not any(b.name == n or b.name.startswith(f"{n}-") for b in BENCHES)]
    if unknown:
        raise SystemExit(f"unknown --only names: {', '.join(unknown)} "
                         f"(known: {', '.join(b.name for b in BENCHES)})")
    return picked


def _utc() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, required=True,
                        help="the checkout to compare with (e.g. a git worktree of 4d38c2d)")
    parser.add_argument("--current", type=Path, default=ROOT,
                        help="the checkout measured now (default: the one this script is in)")
    parser.add_argument("--runs", type=int, default=2, help="rounds of baseline, current")
    parser.add_argument("--only", help="a comma-separated subset: " +
                        ", ".join(b.name for b in BENCHES))
    parser.add_argument("--quick", action="store_true",
                        help="every command scaled down, to test this script")
    parser.add_argument("--out", type=Path, default=None,
                        help="folder for every run's output (default: a new one in /tmp)")
    parser.add_argument("--timeout", type=float, default=1200.0, help="seconds per run")
    args = parser.parse_args()
    benches = chosen(args.only)
    baseline = Tree.of("baseline", args.baseline.resolve())
    current = Tree.of("now", args.current.resolve())
    out = args.out or Path(tempfile.mkdtemp(prefix="sk-table-"))
    out.mkdir(parents=True, exist_ok=True)

    started = _utc()
    head = [
        f"started {started}" + (" (--quick: scaled down, not figures to quote)"
                                if args.quick else ""),
        f"baseline: {baseline.describe()}, code {baseline.imports_from()}",
        f"now:      {current.describe()}, code {current.imports_from()}",
        f"python {sys.version.split()[0]} ({sys.executable}), {os.cpu_count()} CPUs, "
        f"rounds of baseline then now: {args.runs}, outputs in {out}",
    ]
    print("\n".join(head), flush=True)

    runs: list[Run] = []
    for bench in benches:
        for round_ in range(1, args.runs + 1):
            for tree in (baseline, current):
                command = command_for(bench, tree, current, args.quick)
                output = out / f"{bench.name}.{round_}.{tree.role}.txt"
                run = Run(bench, tree, round_, command, output)
                print(f"\n[{bench.name} {round_}/{args.runs} {tree.role}] $ cd {tree.path} && "
                      f"PYTHONPATH={tree.path} {shlex.join(command)}", flush=True)
                run_once(run, args.timeout)
                result = f"failed: {run.failure}" if run.failure else "ok"
                print(f"  {run.seconds:.1f} s, load average {run.load[0]:.2f} → "
                      f"{run.load[1]:.2f}, {result} → {output}", flush=True)
                runs.append(run)

    report = [*head, f"finished {_utc()}", "", *table(runs, benches, baseline, current,
                                                       args.quick), "", *run_lines(runs)]
    (out / "report.md").write_text("\n".join(report) + "\n", "utf-8")
    print("\n" + "\n".join(report[len(head):]))
    print(f"\n(also in {out / 'report.md'})")


if __name__ == "__main__":
    main()
