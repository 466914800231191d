"""The fast screening (issue 13) gives what the plain one gives, field by field.

``policy.assess`` shares cached findings, contexts and rulebook records and builds its
Assessment without validating it again; ``reference.reference_assess`` builds every model
through validation and caches nothing. On the 2,000 seeded engagements of the benchmark,
the worked cases and the counterexamples, in Swedish and English, the two agree on every
field, compare equal, serialise to the same JSON and validate back to the same thing.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from policy import Assessment, Lang, assess, parse_engagement

from .reference import reference_assess
from .seeded import varied

TESTS = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 22)


def _inputs() -> dict[str, dict[str, Any]]:
    inputs: dict[str, dict[str, Any]] = {}
    for p in sorted((TESTS / "cases").glob("*.json")):
        inputs[f"case:{p.stem}"] = json.loads(p.read_text("utf-8"))["engagement"]
    for p in sorted((TESTS / "policy" / "counterexamples").glob("*.json")):
        inputs[f"counterexample:{p.stem}"] = json.loads(p.read_text("utf-8"))
    for i in range(2000):
        inputs[f"seeded:{i}"] = varied(i)
    return inputs


INPUTS = _inputs()


def _same(fast: Assessment, plain: Assessment, where: str) -> None:
    for name in Assessment.model_fields:
        got, want = getattr(fast, name), getattr(plain, name)
        assert got == want, f"{where}: {name} differs: {got!r} != {want!r}"
    assert fast == plain, where
    assert fast.model_fields_set == plain.model_fields_set, where
    assert fast.model_dump_json() == plain.model_dump_json(), where
    assert Assessment.model_validate_json(fast.model_dump_json()) == plain, where


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_fast_path_equals_the_plain_one(lang: Lang) -> None:
    for where, raw in INPUTS.items():
        e = parse_engagement(raw, lang)
        # Twice: the second screening of an engagement reads the caches the first filled.
        for _ in range(2):
            _same(assess(e, lang, today=TODAY), reference_assess(e, lang, today=TODAY),
                  f"{where}/{lang}")


def test_screened_on_and_an_early_day_use_their_own_rules() -> None:
    raw = {**varied(7), "screened_on": "2016-06-01"}
    e = parse_engagement(raw)
    _same(assess(e, today=TODAY), reference_assess(e, today=TODAY), "screened_on")
    early = parse_engagement(varied(8))
    _same(assess(early, today=date(2016, 1, 1)),
          reference_assess(early, today=date(2016, 1, 1)), "early")


def test_the_lists_of_one_assessment_are_its_own() -> None:
    e = parse_engagement(varied(3))
    first, second = assess(e, today=TODAY), assess(e, today=TODAY)
    assert first == second
    assert first.findings is not second.findings
    assert first.next_steps is not second.next_steps
    assert first.priority_factors is not second.priority_factors
