"""Every label a card shows exists in Swedish and English."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from cards.choices import CHOICES
from cards.fields import FIELDS
from cards.i18n import choice, help_text, label, money, number, sek
from cards.strings import STRINGS
from dialogs.fields import ALL_FIELDS, widget_for
from policy import Kind, Lang, fields_for

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("field", ALL_FIELDS)
def test_every_field_the_wizard_asks_has_a_label_in_both_languages(field: str) -> None:
    assert label(field, "sv").strip()
    assert label(field, "en").strip()


@pytest.mark.parametrize("field", sorted({f for k in Kind for f in fields_for(k)}))
def test_every_kind_specific_question_has_help_in_both_languages(field: str) -> None:
    assert help_text(field, "sv")
    assert help_text(field, "en")


@pytest.mark.parametrize("field", ALL_FIELDS)
def test_every_option_of_every_choice_reads_as_words_in_both_languages(field: str) -> None:
    _, options = widget_for(field)
    for option in options:
        assert option in CHOICES or option in {k.value for k in Kind}, option
        assert choice(option, "sv").strip()
        assert choice(option, "en").strip()
        assert choice(option, "sv") != option


def test_the_tables_have_no_entries_nobody_uses() -> None:
    assert set(FIELDS) == set(ALL_FIELDS)
    options = {o for f in ALL_FIELDS for o in widget_for(f)[1]}
    assert set(CHOICES) <= options


def test_every_string_has_both_languages() -> None:
    for key, text in STRINGS.items():
        assert text.sv.strip(), key
        assert text.en.strip(), key


@pytest.mark.parametrize("package", ["dialogs", "cards"])
def test_dialogs_and_cards_never_import_the_sdk_the_web_server_or_the_bot(package: str) -> None:
    forbidden = ("microsoft_agents", "aiohttp", "bot", "sqlalchemy", "httpx")
    for path in (ROOT / package).glob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in forbidden, f"{path.name} imports {name}"


@pytest.mark.parametrize(("lang", "amount", "shown"), [
    ("sv", 12500, "12\u00a0500\u00a0kr"), ("en", 12500, "SEK\u00a012,500"),
    ("sv", 1400000.4, "1\u00a0400\u00a0000\u00a0kr"), ("en", 1400000.6, "SEK\u00a01,400,001"),
    ("sv", 0, "0\u00a0kr"), ("en", 999, "SEK\u00a0999"),
])
def test_kronor_read_in_whole_kronor_grouped_the_readers_way(lang: Lang, amount: float,
                                                               shown: str) -> None:
    assert sek(amount, lang) == shown


@pytest.mark.parametrize(("lang", "args", "shown"), [
    ("sv", (1400.5, "EUR"), "1\u00a0400,50\u00a0€"), ("en", (1400.5, "EUR"), "€1,400.50"),
    ("en", (12500.25, "SEK"), "SEK\u00a012,500.25"), ("sv", (12500.25, "SEK"), "12\u00a0500,25\u00a0kr"),
    ("en", (1400, "NOK"), "NOK\u00a01,400.00"),
])
def test_an_amount_in_a_currency_reads_as_cldr_writes_it_with_a_space_after_a_code(
        lang: Lang, args: tuple[float, str], shown: str) -> None:
    assert money(*args, lang) == shown


@pytest.mark.parametrize(("lang", "value", "decimals", "shown"), [
    ("sv", 12345, None, "12\u00a0345"), ("en", 12345, None, "12,345"),
    ("sv", 1234.5, None, "1\u00a0234,5"), ("en", 1234.5, None, "1,234.5"),
    ("sv", 1400, 2, "1\u00a0400,00"), ("en", 7, 0, "7"), ("sv", 2026, None, "2\u00a0026"),
])
def test_a_number_is_grouped_with_a_no_break_space_in_swedish_and_a_comma_in_english(
        lang: Lang, value: float, decimals: int | None, shown: str) -> None:
    assert number(value, lang, decimals=decimals) == shown
