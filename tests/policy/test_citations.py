"""Every citation is the strategy's own words, found verbatim in the packaged text."""

from __future__ import annotations

from pathlib import Path

import pytest

from policy import registry
from policy.routing import ROUTES
from policy.strategy import normalise, occurs_verbatim, strategy_text

SHARED = Path(__file__).resolve().parents[3] / "shared" / "strategy"
QUOTES = [(reg.rule.id, reg.rule.quote) for reg in registry()] + [
    (f"{reg.rule.id}/also", q) for reg in registry() for q in reg.rule.also_quotes
] + [
    (f"{r.id}/{kind}", q) for r in ROUTES for kind, q in [("*", r.quote), *r.quote_for.items()]
]


@pytest.mark.parametrize(("where", "quote"), QUOTES, ids=[q[0] for q in QUOTES])
def test_citation_occurs_verbatim_in_the_strategy(where: str, quote: str) -> None:
    assert occurs_verbatim(quote), f"{where}: not in the strategy text: {quote!r}"


def test_a_changed_word_is_not_verbatim() -> None:
    assert not occurs_verbatim("Staden har dock inga utpekade vänorter och tecknar vänortsavtal.")
    assert not occurs_verbatim("")


def test_line_break_hyphenation_reads_both_ways() -> None:
    # "EU-\n\nprojekt" is a real hyphen; the check must accept the joined reading too.
    assert occurs_verbatim("driver EU-projekt ska det finns en tydlig koppling")


def test_the_packaged_text_is_the_strategy_section_only() -> None:
    text = strategy_text()
    assert text.startswith("Internationell strategi för Stockholms stad")
    assert "1. Bakgrund och syfte" in text
    assert "5. Arbetssätt och ansvarsfördelning" in text
    assert "Stadsledningskontorets synpunkter och förslag" not in text  # the cover report


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared/ is not beside this checkout")
def test_the_packaged_text_equals_the_source_document_section() -> None:
    source = (SHARED / "internationell-strategi-tjansteutlatande-och-strategi.txt").read_text("utf-8")
    assert normalise(strategy_text()) in normalise(source)


def test_a_finding_cites_its_rule_or_one_of_the_rule_s_further_sentences() -> None:
    from datetime import date

    from policy import assess, parse_engagement

    a = assess(parse_engagement({
        "kind": "cooperation_agreement", "title": "Samarbete med inrikesministeriet",
        "scope": "single_operation", "foreign_policy": False,
    }), today=date(2026, 11, 22))
    by_id = {reg.rule.id: reg.rule for reg in registry()}
    for f in a.findings:
        rule = by_id[f.rule]
        assert f.citation.text in (rule.quote, *rule.also_quotes)
    p1 = next(f for f in a.findings if f.rule == "P1")
    assert p1.outcome.value == "condition"
    assert p1.citation.text.startswith("Staden hanterar inte frågor som rör Sveriges relation")


def test_every_clause_not_encoded_is_quoted_verbatim_with_its_reason() -> None:
    from policy.rules import NOT_ENCODED

    assert len(NOT_ENCODED) >= 15
    for clause in NOT_ENCODED:
        assert occurs_verbatim(clause.quote), clause.quote
        assert clause.why["sv"].strip(), clause.quote
        assert clause.why["en"].strip(), clause.quote
        assert clause.why["sv"] != clause.why["en"]
    encoded = {reg.rule.quote for reg in registry()}
    assert not encoded & {c.quote for c in NOT_ENCODED}, "a clause is both encoded and not"
