"""Throughput of the policy engine on one core, in one process.

    .venv/bin/python bench/bench_policy.py [--seconds 3]

Prints assessments per second over the worked cases (validation + screening,
the whole path `strategikollen screen` takes after reading the file), and
who-decides answers per second over a mixed set of Swedish and English
questions. Figures vary with the machine; the README records the last run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from policy import Kind, assess, parse_engagement

CASES = Path(__file__).resolve().parents[1] / "tests" / "cases"
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


DIRECTIONS = ["profilering", "omvarldsbevakning", "samverkan", "paverkan"]


def _varied(i: int) -> dict[str, object]:
    """A seeded random engagement: every kind, mixed answers, a forum name of its own."""
    rnd = random.Random(i)
    kind = rnd.choice([k.value for k in Kind])
    data: dict[str, object] = {"kind": kind, "title": f"Engagemang {i}",
                               "scope": rnd.choice(["single_operation", "several_operations",
                                                    "city_wide"]),
                               "on_behalf_of_ks": rnd.random() < 0.5,
                               "membership_body": rnd.choice(["organisation", "network"]),
                               "increases_resource_burden": rnd.random() < 0.3,
                               "directions": rnd.sample(DIRECTIONS, rnd.randint(0, 3)),
                               "cost_sek": rnd.randint(0, 2_000_000),
                               "existing_forum": f"Nätverk {i}" if rnd.random() < 0.4 else None}
    for field in ("foreign_policy", "within_budget", "active_role", "programme_available",
                  "mutual_benefit", "concrete_exchange", "existing_forums_checked"):
        data[field] = rnd.choice([True, False, None])
    if rnd.random() < 0.7:
        data["benefit"] = "Kunskapsutbyte"
    return data


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
          "seeded random engagements, each naming its own forum)")

    from policy.who_decides import answer

    def ask_all() -> int:
        for q in QUESTIONS:
            answer(q)
        return len(QUESTIONS)

    per_s, n = rate(ask_all, args.seconds)
    print(f"who-decides answers/s: {per_s:,.0f}  ({n} answers of {len(QUESTIONS)} questions)")


if __name__ == "__main__":
    main()
