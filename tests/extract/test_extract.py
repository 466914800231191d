"""The invitation extractor (policy.extract): fields right, none invented, evidence verbatim."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policy import parse_engagement
from policy.extract import extract
from policy.extract._dates import find_dates
from policy.extract._money import find_money, find_rates, parse_number
from policy.models import REQUIRED_BY_KIND, Kind

from .scoring import HOLDOUT, INVITATIONS, Score, cases, expected_flat, extracted_flat

CORPUS = list(cases(INVITATIONS))
HOLDOUTS = list(cases(HOLDOUT))
PLACEHOLDERS = {"scope": "city_wide", "on_behalf_of_ks": False, "membership_body": "network",
                "increases_resource_burden": False}


def _score(items: list[tuple[str, object, object]]) -> Score:
    score = Score()
    for name, source, expected in items:
        got = extract(source.read_text("utf-8"))  # type: ignore[attr-defined]
        score.add(name, extracted_flat(got), expected_flat(expected))  # type: ignore[arg-type]
    return score


def test_the_corpus_has_25_invitations_of_every_kind_in_both_languages() -> None:
    assert len(CORPUS) >= 25
    kinds = {json.loads(e.read_text("utf-8"))["engagement"]["kind"] for _, _, e in CORPUS}
    assert kinds >= {"conference", "incoming_visit", "cooperation_agreement", "intent_agreement",
                     "twinning", "membership", "declaration", "eu_project", "trip"}
    swedish = [s for _, s, _ in CORPUS if extract(s.read_text("utf-8")).lang == "sv"]
    assert 8 <= len(swedish) <= len(CORPUS) - 8


@pytest.mark.parametrize(("label", "items"), [("corpus", CORPUS), ("hold-out", HOLDOUTS)])
def test_nine_in_ten_fields_are_right_and_none_is_invented(label: str, items: list) -> None:
    score = _score(items)
    print("\n" + score.report(f"extract {label} ({len(items)} invitations)"))
    right = sum(score.right.values())
    expected = right + sum(score.wrong.values()) + sum(score.missed.values())
    assert right / expected >= 0.90, score.report(label)
    assert not score.invented, score.report(label)
    assert not score.wrong, score.report(label)


@pytest.mark.parametrize(("name", "source", "expected"), CORPUS + HOLDOUTS,
                         ids=[c[0] for c in CORPUS + HOLDOUTS])
def test_each_extracted_engagement_validates_once_the_required_fields_are_added(
        name: str, source, expected) -> None:
    x = extract(source.read_text("utf-8"))
    kind = Kind(x.engagement["kind"])
    data = dict(x.engagement)
    if "title" not in data:
        assert "title" in x.missing
        data["title"] = "(title to be given)"
    for field, kinds in REQUIRED_BY_KIND.items():
        if kind in kinds and field not in data:
            assert field in x.missing
            data[field] = PLACEHOLDERS[field]
    parse_engagement(data)


@pytest.mark.parametrize(("name", "source", "expected"), CORPUS + HOLDOUTS,
                         ids=[c[0] for c in CORPUS + HOLDOUTS])
def test_every_piece_of_evidence_is_the_inputs_own_text(name: str, source, expected) -> None:
    text = source.read_text("utf-8")
    x = extract(text)
    assert x.evidence
    for field, sentence in x.evidence.items():
        assert sentence, field
        assert sentence in text, field
    for amount in x.amounts:
        assert amount.evidence in text


def test_missing_lists_what_the_kind_requires_first_and_nothing_found() -> None:
    x = extract((INVITATIONS / "17-iclei-membership.txt").read_text("utf-8"))
    assert x.missing[0] == "scope"
    assert "membership_body" not in x.missing
    assert not set(x.missing) & set(x.engagement)
    conf = extract((INVITATIONS / "01-eurocities-barcelona.txt").read_text("utf-8"))
    assert conf.missing[0] == "on_behalf_of_ks"
    assert "cost_sek" in conf.missing


@pytest.mark.parametrize(("text", "start", "end"), [
    ("12–14 maj 2026", date(2026, 5, 12), date(2026, 5, 14)),
    ("den 12-14 maj 2026", date(2026, 5, 12), date(2026, 5, 14)),
    ("May 12-14, 2026", date(2026, 5, 12), date(2026, 5, 14)),
    ("12 to 14 May 2026", date(2026, 5, 12), date(2026, 5, 14)),
    ("from 12th to 14th May 2026", date(2026, 5, 12), date(2026, 5, 14)),
    ("2026-05-12", date(2026, 5, 12), None),
    ("2026-05-12 – 2026-05-14", date(2026, 5, 12), date(2026, 5, 14)),
    ("tisdagen den 12 maj 2026", date(2026, 5, 12), None),
    ("Tuesday, 12th of May 2026", date(2026, 5, 12), None),
    ("June 30 – July 2, 2026", date(2026, 6, 30), date(2026, 7, 2)),
    ("30 juni–2 juli 2026", date(2026, 6, 30), date(2026, 7, 2)),
    ("mellan den 1 mars 2027 och den 28 februari 2030", date(2027, 3, 1), date(2030, 2, 28)),
    ("12.–14.5.2026", date(2026, 5, 12), date(2026, 5, 14)),
    ("08.10.2026–09.10.2026", date(2026, 10, 8), date(2026, 10, 9)),
    ("12–14.5.2026", date(2026, 5, 12), date(2026, 5, 14)),
    ("30.6.–2.7.2026", date(2026, 6, 30), date(2026, 7, 2)),
    ("on the 12th and 13th of May 2026", date(2026, 5, 12), date(2026, 5, 13)),
    ("Monday 12 May – Wednesday 14 May 2026", date(2026, 5, 12), date(2026, 5, 14)),
    ("from May 12 to May 14, 2026", date(2026, 5, 12), date(2026, 5, 14)),
    ("September 28 to October 1, 2026", date(2026, 9, 28), date(2026, 10, 1)),
    ("5 sept. 2026", date(2026, 9, 5), None),
])
def test_dates_are_read_in_swedish_and_english_formats(text: str, start: date,
                                                       end: date | None) -> None:
    (found,) = find_dates(text)
    assert (found.start, found.end) == (start, end)


@pytest.mark.parametrize(("text", "start", "end"), [
    ("den 12/5 2026", date(2026, 5, 12), None),
    ("12–14/5 2026", date(2026, 5, 12), date(2026, 5, 14)),
    ("3/10/2026", date(2026, 10, 3), None),
])
def test_a_swedish_text_reads_slash_dates_day_first(text: str, start: date,
                                                    end: date | None) -> None:
    (found,) = find_dates(text, day_first_slash=True)
    assert (found.start, found.end) == (start, end)
    assert find_dates(text) == []


@pytest.mark.parametrize("text", ["12/05/2026", "31 februari 2026", "Date: 12 May",
                                  "you may 12 times", "version 2026-13-45"])
def test_what_is_not_a_certain_date_gives_no_date(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(("text", "amount", "currency"), [
    ("EUR 450", 450, "EUR"), ("€450", 450, "EUR"), ("450 €", 450, "EUR"),
    ("1 200 kronor", 1200, "SEK"), ("SEK 5,000", 5000, "SEK"), ("4 500:-", 4500, "SEK"),
    ("USD 1,250.00", 1250, "USD"), ("EUR 2.5 million", 2_500_000, "EUR"),
    ("2,5 miljoner kronor", 2_500_000, "SEK"), ("3 MSEK", 3_000_000, "SEK"),
    ("DKK 1.500", 1500, "DKK"), ("£300", 300, "GBP"), ("9 800 euro", 9800, "EUR"),
])
def test_amounts_are_read_in_any_currency_and_notation(text: str, amount: float,
                                                      currency: str) -> None:
    (m,) = find_money(text)
    assert (m.amount, m.currency) == (amount, currency)


def test_numbers_read_in_swedish_and_english_notation() -> None:
    assert parse_number("1 200,50") == 1200.5
    assert parse_number("1,200.50") == 1200.5
    assert parse_number("1.200") == 1200
    assert parse_number("11,45") == 11.45
    assert parse_number("1,2,3") is None
    assert find_rates("at 1 EUR = 11,45 SEK") == {"EUR": 11.45}


FEE = ("Subject: Invitation to the Nordic Water Forum 2026\n\nDear colleagues,\n\n"
       "The City of Bergen is pleased to invite you to the Nordic Water Forum 2026, which "
       "takes place in Bergen, Norway, on 3-4 June 2026. The participation fee is EUR 400 "
       "per person.\n\nKind regards,\nCity of Bergen\n")


def test_a_fee_in_a_foreign_currency_is_shown_and_cost_sek_left_for_the_user() -> None:
    x = extract(FEE)
    assert "cost_sek" not in x.engagement
    assert [(a.amount, a.currency, a.sek) for a in x.amounts] == [(400, "EUR", None)]
    assert any("EUR" in n for n in x.notes)
    assert "cost_sek" in x.missing


def test_a_large_foreign_fee_is_written_grouped_in_the_note_not_as_an_exponent() -> None:
    x = extract(FEE.replace("EUR 400 per person", "EUR 1,250,000 in total"))
    assert [(a.amount, a.currency) for a in x.amounts] == [(1250000, "EUR")]
    assert any("(1,250,000 EUR)" in n for n in x.notes), x.notes  # not "1.25e+06 EUR"


def test_a_configured_rate_converts_a_fee_to_sek() -> None:
    x = extract(FEE, rates={"EUR": 11.5})
    assert x.engagement["cost_sek"] == 4600
    assert x.amounts[0].sek == 4600


def test_a_rate_the_invitation_states_converts_the_fee() -> None:
    x = extract(FEE.replace("per person.", "per person (1 EUR = 11,00 SEK)."))
    assert x.engagement["cost_sek"] == 4400


def test_country_names_follow_the_language_asked_for() -> None:
    assert extract(FEE).engagement["counterpart"]["country"] == "Norway"
    sv = extract(FEE, "sv")
    assert sv.engagement["counterpart"]["country"] == "Norge"
    assert sv.place is not None
    assert sv.place.country == "Norge"
    assert sv.notes
    assert "kronor" in sv.notes[0]


def test_a_text_that_is_not_an_invitation_gives_an_empty_form_and_says_so() -> None:
    x = extract("Hej! Glöm inte att lunchen flyttas till kl. 12.30 på fredag. /Kim", "sv")
    assert not x.recognised
    assert "kind" not in x.engagement
    assert x.missing[:2] == ["kind", "title"]
    assert x.notes
    assert "inbjudan" in x.notes[0]
    en = extract("Quarterly figures are attached.", "en")
    assert not en.recognised
    assert "invitation" in en.notes[0]


def test_an_empty_text_gives_nothing_and_does_not_fail() -> None:
    x = extract("")
    assert x.engagement == {}
    assert not x.recognised


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=800))
def test_any_text_gives_an_extraction_whose_evidence_is_in_the_text(text: str) -> None:
    x = extract(text)
    for sentence in x.evidence.values():
        assert sentence in text


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([
    "Dear Mayor,", "Inbjudan till konferensen", "den 12–14 maj 2026", "EUR 450", "€",
    "programme attached", "City of Oslo", "on behalf of the", " ", "\n", "(", ")", "–",
    "Med vänliga hälsningar", "12.5.2026", "1 EUR = 11 SEK", "membership fee", "sign",
]), max_size=40))
def test_invitation_like_fragments_never_break_the_extractor(parts: list[str]) -> None:
    extract(" ".join(parts))


def test_the_cldr_table_is_what_babel_gives() -> None:
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("gen_cldr", root / "scripts" /
                                                  "gen_cldr_tables.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    table = root / "policy" / "extract" / "_cldr.py"
    assert table.read_text("utf-8") == module.render()


def test_minutes_that_mention_a_conference_and_a_date_give_no_field() -> None:
    x = extract("Minutes of the meeting of the environment committee, 3 March 2026. The "
                "committee discussed the conference budget.")
    assert x.engagement == {}
    assert x.evidence == {}
    assert not x.recognised


@pytest.mark.parametrize(("text", "kind"), [
    ("Dear Mayor,\n\nWe are pleased to invite you to the Global Mayors Dialogue on Migration, a "
     "two-day event in Geneva, Switzerland, on 4–5 December 2026.\n\nBest regards,\nIOM",
     "conference"),
    ("Dear colleagues,\n\nA group of 20 planners from the City of Lviv, Ukraine, would be very "
     "grateful for the opportunity to meet the City of Stockholm's planning administration on "
     "12 May 2027.\n\nKind regards,\nCity of Lviv", "incoming_visit"),
    ("Dear Mayor,\n\nWe would be honoured if Stockholm would consider becoming our twin town."
     "\n\nYours,\nTown of Gyumri", "twinning"),
    ("Hej,\n\nVi vill bjuda in Stockholms stad att gå med i nätverket Resilient Cities Network. "
     "Medlemsavgiften är 10 000 USD per år.\n\nHälsningar", "membership"),
    ("Dear colleagues,\n\nWe are building a consortium for the Interreg North Sea call and would "
     "like to invite Stockholm to join as a partner.\n\nBest,\nCity of Aarhus", "eu_project"),
])
def test_a_short_invitation_without_a_subject_is_still_told_by_its_kind(text: str,
                                                                        kind: str) -> None:
    assert extract(text).engagement["kind"] == kind


def test_an_organiser_named_with_its_country_gets_that_country() -> None:
    x = extract("Dear colleagues,\n\nA delegation from the City of Lviv, Ukraine, would like to "
                "visit Stockholm on 12 May 2027.\n\nKind regards,\nOlena")
    assert x.engagement["counterpart"] == {"name": "City of Lviv", "type": "city",
                                           "country": "Ukraine"}


def test_the_extractor_imports_nothing_but_the_standard_library_pydantic_and_policy() -> None:
    import ast
    import sys
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "policy" / "extract"
    for path in folder.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level
                     else [])
            for name in names:
                top = name.split(".")[0]
                assert top in sys.stdlib_module_names or top in {"pydantic", "policy", "__future__"}, \
                    f"{path.name} imports {name}"
