"""Throughput of the policy engine on one core, in one process.

    .venv/bin/python bench/bench_policy.py [--seconds 3]

Prints assessments per second over the worked cases and over 2,000 seeded random
engagements (``tests/policy/seeded.py``), each from the raw dict: validation
(``parse_engagement``) + screening, the whole path `strategikollen screen` takes after
reading the file; the varied input also without the validation and the validation alone;
and who-decides answers per second over a mixed set of Swedish and English questions.
Figures vary with the machine; the README records the last run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from policy import assess, parse_engagement  # noqa: E402
from tests.policy.seeded import varied as _varied  # noqa: E402

CASES = ROOT / "tests" / "cases"
QUESTIONS = [
    "Vem beslutar om medlemskap i ett stadsövergripande nätverk?",
    "vem beslutar om ett nytt medlemskap i en internationell organisation för hela staden",
    "Who decides on a conference abroad on behalf of the City Executive Board?",
    "Kan vi teckna vänortsavtal med Taipei?",
    "Får förvaltningen ta emot ett studiebesök från Tallinn?",
    "who decides on an EU project for our department",
    "Vem beslutar om en deklaration som inte kostar något?",
    "Vad blir det för lunch?",
    "kan staden fördöma ett annat lands regering",
    "Who decides about a cooperation agreement with Helsinki for several departments?",
]


def rate(fn: Callable[[], int], seconds: float) -> tuple[float, int]:
    fn()  # warm up caches and imports
    done, start = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - start) < seconds:
        done += fn()
    return done / elapsed, done


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=3.0)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    today = date(2026, 11, 22)
    raws = [json.loads(p.read_text("utf-8"))["engagement"] for p in sorted(CASES.glob("*.json"))]

    def screen_all() -> int:
        for raw in raws:
            assess(parse_engagement(raw), "sv", today=today)
        return len(raws)

    per_s, n = rate(screen_all, args.seconds)
    print(f"python {platform.python_version()} on {platform.machine()}, one core")
    print(f"assessments/s: {per_s:,.0f}  ({n} assessments of {len(raws)} worked cases)")

    varied = [_varied(i) for i in range(2000)]

    def screen_varied() -> int:
        for raw in varied:
            assess(parse_engagement(raw), "sv", today=today)
        return len(varied)

    per_s, n = rate(screen_varied, args.seconds)
    print(f"assessments/s, varied input: {per_s:,.0f}  ({n} assessments of {len(varied)} "
          "seeded random engagements, each naming its own forum; raw dict → "
          "parse_engagement → assess)")
    parsed = [parse_engagement(raw) for raw in varied]

    def assess_varied() -> int:
        for e in parsed:
            assess(e, "sv", today=today)
        return len(parsed)

    per_s, n = rate(assess_varied, args.seconds)
    print(f"assessments/s, varied input, assess only: {per_s:,.0f}  (the same engagements "
          "parsed beforehand)")

    def parse_varied() -> int:
        for raw in varied:
            parse_engagement(raw)
        return len(varied)

    per_s, n = rate(parse_varied, args.seconds)
    print(f"parse_engagement/s, varied input: {per_s:,.0f}  (validation alone)")

    from policy.who_decides import answer

    def ask_all() -> int:
        for q in QUESTIONS:
            answer(q)
        return len(QUESTIONS)

    per_s, n = rate(ask_all, args.seconds)
    print(f"who-decides answers/s: {per_s:,.0f}  ({n} answers of {len(QUESTIONS)} questions)")


if __name__ == "__main__":
    main()
