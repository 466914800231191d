"""The worked cases (copied from shared/cases/public so the project stands alone)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from policy import assess, parse_engagement

from .helpers import expected

CASES_DIR = Path(__file__).resolve().parents[1] / "cases"
CASES = sorted(CASES_DIR.glob("*.json"))
TODAY = date(2026, 11, 22)

def _load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text("utf-8"))


def test_the_worked_cases_are_present() -> None:
    assert len(CASES) >= 6


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_worked_case_gets_its_expected_verdict_owner_findings_and_priority(
    path: Path, lang: str
) -> None:
    case = _load(path)
    expect = expected(path.stem, case["expect"])
    a = assess(parse_engagement(case["engagement"]), lang, today=TODAY)  # type: ignore[arg-type]
    assert a.verdict.value == expect["verdict"], case["name"]
    assert a.decision_owner.value == expect["decision_owner"], case["name"]
    for rule, outcome in expect.get("rules", {}).items():
        assert any(f.rule == rule and f.outcome.value == outcome for f in a.findings), (
            f"{case['name']}: expected {rule} {outcome}, got "
            f"{[(f.rule, f.outcome.value) for f in a.findings]}"
        )
    if "priority" in expect:
        assert (a.priority.value if a.priority else None) == expect["priority"]


def test_the_paris_summit_comes_out_low_priority_for_the_documented_reasons() -> None:
    a = assess(parse_engagement(_load(CASES_DIR / "paris-summit.json")["engagement"]),
               today=TODAY)
    factors = {f.factor: f.points for f in a.priority_factors}
    assert a.priority is not None
    assert a.priority.value == "low"
    # KS 2025/1513: no programme, no active role, the matter handled in existing networks.
    assert factors["programme"] < 0
    assert factors["active_role"] < 0
    assert factors["existing_forum"] < 0


def test_the_school_visit_is_compatible_once_the_foreign_policy_question_is_answered() -> None:
    """The amendment is the only difference: answered 'no', the published outcome holds."""
    case = _load(CASES_DIR / "school-visit.json")
    a = assess(parse_engagement({**case["engagement"], "foreign_policy": False}), today=TODAY)
    assert a.verdict.value == case["expect"]["verdict"] == "compatible"
