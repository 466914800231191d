"""Instructions per screening and per who-decides answer, counted by valgrind.

    .venv/bin/python bench/bench_instructions.py [--root DIR] [--screenings 2000] [--answers 600]

Seconds on a shared 2-core machine vary with what else runs; the number of instructions
a fixed piece of work takes does not. This runs the policy three times under
``valgrind --tool=callgrind`` (which counts every instruction the process executes): once
with no work, once with ``--screenings`` raw dicts of the seeded engagements
(``tests/policy/seeded.py``) through ``parse_engagement`` and ``assess``, once with
``--answers`` who-decides answers over a fixed set of questions, and prints the
difference divided by the work: instructions per screening and per answer, start-up and
imports excluded. ``--root`` measures another checkout (e.g. a ``git worktree`` of an
earlier commit) with this virtual environment. Needs Debian's valgrind; takes a few
minutes, as the program runs some fifty times slower under it.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

QUESTIONS = (
    "vem beslutar om medlemskap i ett nätverk?",
    "Who decides on a trip to Paris?",
    "vänortsavtal med Taipei",
    "konferens i Bryssel med EU-kommissionen",
    "studiebesök från Helsingfors",
    "avsiktsförklaring med Berlin",
)


def work(root: str, screenings: int, answers: int) -> None:
    """The measured program: imports, one warm-up of each, then the work."""
    sys.path.insert(0, root)
    from datetime import date

    from policy import assess, parse_engagement
    from policy.who_decides import answer
    from tests.policy.seeded import varied

    items = [varied(i) for i in range(200)]
    today = date(2026, 12, 3)
    assess(parse_engagement(items[0]), "sv", today=today)
    answer(QUESTIONS[0])
    for i in range(screenings):
        assess(parse_engagement(items[i % len(items)]), "sv", today=today)
    for i in range(answers):
        answer(QUESTIONS[i % len(QUESTIONS)])


def count(root: Path, screenings: int, answers: int) -> int:
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
               sys.executable, str(Path(__file__).resolve()), "--work", str(root),
               str(screenings), str(answers)]
    run = subprocess.run(command, capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONHASHSEED": "0"})
    found = re.search(r"Collected : (\d+)", run.stderr)
    if not found:
        raise SystemExit(f"valgrind printed no count:\n{run.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    if sys.argv[1:2] == ["--work"]:
        work(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--screenings", type=int, default=2000)
    parser.add_argument("--answers", type=int, default=600)
    args = parser.parse_args()
    if not shutil.which("valgrind"):
        raise SystemExit("valgrind saknas / is missing (Debian: apt-get install valgrind)")
    base = count(args.root, 0, 0)
    screened = count(args.root, args.screenings, 0)
    answered = count(args.root, 0, args.answers)
    print(f"$ {' '.join([sys.executable, *sys.argv])}")
    print(f"root: {args.root.resolve()}")
    print(f"start-up and imports: {base:,} instructions")
    print(f"instructions per screening: {(screened - base) / args.screenings:,.0f}  "
          f"({args.screenings} raw dicts → parse_engagement → assess)")
    print(f"instructions per who-decides answer: {(answered - base) / args.answers:,.0f}  "
          f"({args.answers} answers of {len(QUESTIONS)} questions)")


if __name__ == "__main__":
    main()
