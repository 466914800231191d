"""The message catalogues: every text in both languages, every key used, one encoding.

The catalogues keyed by name are ``cards.strings`` (the cards' texts, by card family),
``bot.texts`` (what the bot writes as plain messages) and ``cli.texts`` (the command line's).
Their keys are namespaced (``wizard.next``, ``cases.none``), so a key is *used* when the
product's code names it: as a string constant somewhere outside the catalogue, or as an
f-string whose literal parts match it (``f"case.event.{event}"`` covers ``case.event.*``).
The code is read as Python (``ast``), so a key that appears only in a comment, a docstring of
the catalogue or a test does not count. The tables keyed by the contract's values (kinds,
verdicts, owners, fields, enum values) are checked against those values instead.
"""

from __future__ import annotations

import ast
import dataclasses
import importlib
import pkgutil
import re
import string
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import bot.overview.texts
import bot.texts
import cards.strings
import cli.texts
from cards.choices import CHOICES
from cards.fields import FIELDS, SHORT_LABELS
from policy import (
    LANGS,
    Kind,
    Lang,
    Outcome,
    Owner,
    Plural,
    Priority,
    Text,
    Verdict,
    models,
    number,
)
from policy.errors import _MESSAGES as _ERROR_MESSAGES
from policy.labels import CASE_LABELS, KIND_LABELS, OUTCOME_LABELS, PRIORITY_LABELS, VERDICT_LABELS
from policy.text import plural_forms
from policy.who_decides._planner import FIELDS as ROUTING_FIELDS
from policy.who_decides._wording import _QUESTION

ROOT = Path(__file__).resolve().parents[1]

# Where the product's code is: every package a user's text can come from.
PRODUCT = ("policy", "ibcase", "cards", "dialogs", "bot", "cli", "intake")

# The catalogues keyed by name, and the files that hold them (not counted as uses).
KEYED: Mapping[str, Mapping[str, Text]] = {
    "cards.strings": cards.strings.STRINGS,
    "bot.texts": bot.texts.TEXTS,
    "cli.texts": cli.texts.TEXTS,
}
CATALOGUE_FILES = frozenset(
    [*(ROOT / "cards" / "strings").glob("*.py"), ROOT / "bot" / "texts.py", ROOT / "cli" / "texts.py"]
)

# Packages whose bilingual texts are all Text (policy keeps plain {"sv", "en"} dicts on its
# rule and route records and in who-decides, which read the same way).
ONE_ENCODING = ("ibcase", "cards", "dialogs", "bot", "cli", "intake")


# --- how a key is found used ------------------------------------------------------------


def _sources(packages: Iterable[str]) -> Iterator[tuple[Path, ast.Module]]:
    for package in packages:
        for path in sorted((ROOT / package).rglob("*.py")):
            if path not in CATALOGUE_FILES and "migrations" not in path.parts:
                yield path, ast.parse(path.read_text("utf-8"), filename=str(path))


def _docstrings(tree: ast.Module) -> set[int]:
    """The ids of the docstring constants (a docstring naming a key is not a use)."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def names_in(trees: Iterable[ast.Module]) -> tuple[set[str], list[re.Pattern[str]]]:
    """Every string constant in the code (docstrings left out), and every f-string as a
    pattern: its literal parts as they are, each ``{…}`` as one name's worth of letters."""
    constants: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    for tree in trees:
        skip = _docstrings(tree)
        inside_fstrings: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                parts = []
                for value in node.values:
                    inside_fstrings.add(id(value))
                    if isinstance(value, ast.Constant):
                        parts.append(re.escape(str(value.value)))
                    else:
                        parts.append(r"[a-z_]+")
                if parts and node.values and isinstance(node.values[0], ast.Constant):
                    patterns.append(re.compile("".join(parts)))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and id(node) not in skip and id(node) not in inside_fstrings):
                constants.add(node.value)
    return constants, patterns


def unused(keys: Iterable[str], constants: set[str], patterns: list[re.Pattern[str]]) -> set[str]:
    return {k for k in keys
            if k not in constants and not any(p.fullmatch(k) for p in patterns)}


@pytest.fixture(scope="module")
def uses() -> tuple[set[str], list[re.Pattern[str]]]:
    return names_in(tree for _, tree in _sources(PRODUCT))


def test_the_check_for_unused_keys_finds_an_unused_key_and_accepts_the_used_ones() -> None:
    code = ast.parse('"""Reads case.in_docstring."""\n'
                     'def f(kind):\n'
                     '    t("wizard.next", lang)\n'
                     '    t(f"case.event.{kind}", lang)\n'
                     '    # t("who.in_comment")\n')
    constants, patterns = names_in([code])
    keys = ["wizard.next", "case.event.accepted", "case.in_docstring", "who.in_comment",
            "wizard.back", "case.event"]
    assert unused(keys, constants, patterns) == {
        "case.in_docstring", "who.in_comment", "wizard.back", "case.event"}


@pytest.mark.parametrize("catalogue", sorted(KEYED))
def test_every_key_of_a_catalogue_is_used_by_the_code(
        catalogue: str, uses: tuple[set[str], list[re.Pattern[str]]]) -> None:
    constants, patterns = uses
    assert unused(KEYED[catalogue], constants, patterns) == set()


@pytest.mark.parametrize("catalogue", sorted(KEYED))
def test_every_key_is_namespaced_so_that_finding_it_in_the_code_means_something(
        catalogue: str) -> None:
    for key in KEYED[catalogue]:
        assert re.fullmatch(r"[a-z]+(\.[a-z_0-9]+)+", key), key


def test_every_f_string_key_pattern_names_keys_that_exist(
        uses: tuple[set[str], list[re.Pattern[str]]]) -> None:
    """A key built at run time (``f"case.event.{event}"``) must lead to some key."""
    _, patterns = uses
    keys = [k for catalogue in KEYED.values() for k in catalogue]
    for pattern in patterns:
        prefix = pattern.pattern.split("[a-z_]+")[0].replace("\\", "")
        if any(k.startswith(prefix) for k in keys) and prefix.endswith("."):
            assert any(pattern.fullmatch(k) for k in keys), pattern.pattern


def test_the_card_families_share_no_key_and_each_key_is_in_its_family() -> None:
    seen: dict[str, str] = {}
    prefixes = {
        "welcome": {"welcome", "starter", "help"}, "wizard": {"wizard", "step"},
        "intake": {"intake"}, "result": {"result"}, "who": {"who"}, "mine": {"mine"},
        "case": {"case", "agenda", "reminder"}, "notice": {"error", "notice", "card"},
    }
    assert set(cards.strings.FAMILIES) == set(prefixes)
    for family, texts in cards.strings.FAMILIES.items():
        for key in texts:
            assert key not in seen, f"{key} is in {seen.get(key)} and {family}"
            seen[key] = family
            assert key.split(".")[0] in prefixes[family], (family, key)
    assert set(seen) == set(cards.strings.STRINGS)


# --- every text in both languages -------------------------------------------------------


def _modules(packages: Iterable[str]) -> Iterator[ModuleType]:
    for package in packages:
        root = importlib.import_module(package)
        yield root
        for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
            if ".migrations" not in info.name:
                yield importlib.import_module(info.name)


def _texts(value: Any, where: str, depth: int = 0) -> Iterator[tuple[str, Text]]:
    if isinstance(value, Text):
        yield where, value
    elif depth > 4 or isinstance(value, str | bytes | type | ModuleType):
        return
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _texts(item, f"{where}[{key!r}]", depth + 1)
    elif isinstance(value, tuple | list | frozenset | set):
        for i, item in enumerate(value):
            yield from _texts(item, f"{where}[{i}]", depth + 1)
    elif dataclasses.is_dataclass(value):
        for field in dataclasses.fields(value):
            yield from _texts(getattr(value, field.name), f"{where}.{field.name}", depth + 1)


def every_text() -> list[tuple[str, Text]]:
    found: dict[int, tuple[str, Text]] = {}
    for module in _modules(PRODUCT):
        for name, value in vars(module).items():
            candidates = [(f"{module.__name__}.{name}", value)]
            if isinstance(value, type) and value.__module__ == module.__name__:
                candidates = [(f"{module.__name__}.{name}.{k}", v) for k, v in vars(value).items()]
            for where, item in candidates:
                for path, text in _texts(item, where):
                    found.setdefault(id(text), (path, text))
    return list(found.values())


def test_the_walk_finds_the_texts_of_every_catalogue() -> None:
    found = {id(text) for _, text in every_text()}
    assert len(found) > 600
    tables: list[Mapping[Any, Text]] = [*KEYED.values(), VERDICT_LABELS, KIND_LABELS, CHOICES]
    for table in tables:
        assert all(id(text) in found for text in table.values())
    assert all(id(f.label) in found for f in FIELDS.values())


def test_every_text_has_both_languages_and_neither_is_empty() -> None:
    for where, text in every_text():
        assert text.sv.strip(), f"{where} has no Swedish"
        assert text.en.strip(), f"{where} has no English"


def test_a_text_cannot_be_made_without_both_languages() -> None:
    with pytest.raises(TypeError):
        Text(sv="Bara svenska")  # type: ignore[call-arg]
    assert dict(Text(sv="Ja", en="Yes")) == {"sv": "Ja", "en": "Yes"}
    with pytest.raises(KeyError):
        Text(sv="Ja", en="Yes")["de"]  # type: ignore[index]


@pytest.mark.parametrize("package", ONE_ENCODING)
def test_no_bilingual_text_is_written_in_another_encoding(package: str) -> None:
    """No ``{"sv": …, "en": …}`` dict and no ``[0 if lang == "sv" else 1]`` in these
    packages: their texts are ``Text``."""
    for path, tree in _sources([package]):
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict) and node.keys:
                keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
                assert keys != {"sv", "en"}, f"{path.relative_to(ROOT)}:{node.lineno}"
            if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.IfExp):
                branches = (node.slice.body, node.slice.orelse)
                assert not all(isinstance(b, ast.Constant) and isinstance(b.value, int)
                               for b in branches), f"{path.relative_to(ROOT)}:{node.lineno}"


# --- the tables keyed by the contract's values -------------------------------------------


@pytest.mark.parametrize(("table", "values"), [
    (VERDICT_LABELS, set(Verdict)), (OUTCOME_LABELS, set(Outcome)),
    (PRIORITY_LABELS, set(Priority)), (KIND_LABELS, set(Kind)),
    (cli.texts.OWNER_SHORT, set(Owner)),
], ids=["verdicts", "outcomes", "priorities", "kinds", "owners-short"])
def test_a_label_table_has_exactly_one_label_per_value(table: Mapping[Any, Text],
                                                      values: set[Any]) -> None:
    assert set(table) == values


def test_every_choice_label_names_a_value_of_the_contract() -> None:
    enums = (models.Scope, models.Participant, models.CounterpartType, models.Direction,
             models.Financing, models.MembershipBody)
    values = {member.value for enum in enums for member in enum}
    assert set(CHOICES) <= values


def test_every_short_label_belongs_to_a_field() -> None:
    assert set(SHORT_LABELS) <= set(FIELDS)


def test_who_decides_names_every_case_it_can_ask_about_and_no_other() -> None:
    """A case label for each value of each field a clarifying question asks about (the
    card's buttons and the answer's options read the same names)."""
    asked = {(field, value) for field, values in ROUTING_FIELDS if field in _QUESTION
             for value in values}
    assert set(CASE_LABELS) == asked


# --- counts: plural forms and numbers ----------------------------------------------------

# A placeholder with one of these names holds a count (policy.text: a count's placeholder is
# {n}, or the one a Plural's count= names), so only a Plural may have it.
COUNT_NAME = re.compile(r"n|n_\w+|count|\w+_count")
# What a call passes that is a count: len(…), a whole number, or a name that says so.
COUNT_VALUE = re.compile(r"n|n_\w+|\w*count\w*|\w*days\w*|\w*years\w*|rows|\w*_left")

SAMPLES = (0, 1, 2, 12345)


def _fields(text: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(text)
            if name}


def plurals() -> list[tuple[str, Plural]]:
    return [(where, text) for where, text in every_text() if isinstance(text, Plural)]


def _filled(text: Plural, lang: Lang, n: int) -> str:
    others = {f: "X" for form in dict(dict(text.forms)[lang]).values() for f in _fields(form)}
    return text.format(lang, **{**others, text.count: n})


def _as_shown(form: str, count: str, n: int, lang: Lang) -> str:
    return form.format(**{**{f: "X" for f in _fields(form)}, count: number(n, lang)})


def test_the_walk_finds_the_counted_messages_of_every_catalogue() -> None:
    found = {id(text) for _, text in plurals()}
    for text in (cards.strings.STRINGS["wizard.years"], cards.strings.STRINGS["mine.count"],
                 cards.strings.STRINGS["reminder.due_in"], cli.texts.TEXTS["cases.count.rows"],
                 bot.overview.texts.TEXTS["tab.error.too_long"],
                 _ERROR_MESSAGES["string_too_long"]):
        assert id(text) in found, text


@pytest.mark.parametrize("lang", LANGS)
def test_every_counted_message_reads_with_0_1_2_and_12345_in_the_form_its_count_takes(
        lang: Lang) -> None:
    for where, text in plurals():
        forms = dict(dict(text.forms)[lang])
        assert set(forms) == plural_forms(lang), where
        # The form a count in general takes shows the count; every form shows no other count.
        assert text.count in _fields(forms["other"]), where
        for form in forms.values():
            assert not {f for f in _fields(form) if COUNT_NAME.fullmatch(f)} - {text.count}, where
        for n in SAMPLES:
            shown = _filled(text, lang, n)
            assert not set("{}") & set(shown), (where, n, shown)
            category = "one" if n == 1 else "other"  # Swedish and English alike (CLDR)
            assert shown == _as_shown(forms[category], text.count, n, lang), (where, n)
        grouped = "12\u00a0345" if lang == "sv" else "12,345"
        assert "12345" not in _filled(text, lang, 12345), where
        assert grouped in _filled(text, lang, 12345), where


def test_an_english_count_before_a_plural_noun_has_a_singular_form() -> None:
    """"{n} years" needs "{n} year" for one: a single English string would read "1 years"."""
    for where, text in plurals():
        one, other = text.form("en", "one"), text.form("en", "other")
        noun = re.search(r"\{" + text.count + r"\}[ \u00a0]+([a-z]+s)\b", other)
        if noun:
            assert one != other, f"{where}: “{noun.group(0)}” has no singular"


def test_no_text_but_a_plural_has_a_placeholder_for_a_count() -> None:
    for where, text in every_text():
        if not isinstance(text, Plural):
            for lang in LANGS:
                counts = {f for f in _fields(text[lang]) if COUNT_NAME.fullmatch(f)}
                assert not counts, f"{where} takes the count {counts}: make it a Plural"


def _catalogue_of(call: ast.Call, path: Path) -> Mapping[str, Text] | None:
    if not (isinstance(call.func, ast.Name) and call.func.id == "t"):
        return None
    if path.is_relative_to(ROOT / "bot" / "overview"):
        return bot.overview.texts.TEXTS
    if path.is_relative_to(ROOT / "cli"):
        return cli.texts.TEXTS
    if path.is_relative_to(ROOT / "bot"):
        return {**bot.texts.TEXTS, **cards.strings.STRINGS}
    return cards.strings.STRINGS


def _is_count(value: ast.expr) -> bool:
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name):
        return value.func.id in ("len", "sum")
    if isinstance(value, ast.Constant):
        return type(value.value) is int
    name = value.attr if isinstance(value, ast.Attribute) else getattr(value, "id", "")
    return bool(COUNT_VALUE.fullmatch(name))


def test_every_call_that_passes_a_count_reads_a_plural_and_passes_it_as_its_count() -> None:
    """``t("mine.count", lang, n=len(rows))``: the text is a Plural and n is its count;
    found in the code, so a new call with a count is checked without a list of them."""
    calls = 0
    for path, tree in _sources(PRODUCT):
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            catalogue = _catalogue_of(node, path)
            key = node.args[0]
            if catalogue is None or not isinstance(key, ast.Constant) or key.value not in catalogue:
                continue
            text = catalogue[key.value]
            for keyword in node.keywords:
                if keyword.arg and (COUNT_NAME.fullmatch(keyword.arg) or _is_count(keyword.value)):
                    calls += 1
                    where = f"{path.relative_to(ROOT)}:{node.lineno} {key.value}"
                    assert isinstance(text, Plural), f"{where} passes a count to a Text"
                    assert keyword.arg == text.count, f"{where} passes {keyword.arg}"
    assert calls >= 8


def test_the_known_counts_read_right_in_both_languages() -> None:
    from cards.i18n import t as card_t
    from cli.texts import t as cli_t
    years = [card_t("wizard.years", lang, n=n) for lang in LANGS for n in (0, 1, 2)]
    assert years == ["efter 0\u00a0år", "efter 1\u00a0år", "efter 2\u00a0år",
                     "after 0\u00a0years", "after 1\u00a0year", "after 2\u00a0years"]
    assert card_t("mine.count", "sv", n=1) == "Din senaste bedömning."
    assert card_t("mine.count", "sv", n=2) == "Dina senaste 2 bedömningar."
    assert card_t("mine.count", "en", n=1) == "Your most recent assessment."
    assert card_t("mine.count", "en", n=12345) == "Your 12,345 most recent assessments."
    assert card_t("reminder.due_in", "sv", day="2027-02-28", n=1).endswith("om 1 dag.")
    assert card_t("reminder.due_in", "en", day="2027-02-28", n=2).endswith("in 2 days.")
    assert cli_t("cases.count.rows", "sv", n=12345) == "12\u00a0345 rader"
    assert cli_t("cases.count.erased_rows", "sv", n=1) == "varav 1 pseudonymiserad"
    assert cli_t("cases.count.cases", "en", n=1) == "1 case"


def test_a_plural_has_exactly_the_forms_of_each_language_and_a_count_that_is_a_number() -> None:
    with pytest.raises(ValueError, match="one"):
        Plural(sv="{n} år", en={"other": "{n} years"})
    with pytest.raises(ValueError, match="few"):
        Plural(sv="{n} år", en={"one": "{n} year", "few": "{n} years", "other": "{n} years"})
    years = Plural(sv="{n} år", en={"one": "{n} year", "other": "{n} years"})
    with pytest.raises(TypeError):
        years.format("en", n="1")
    with pytest.raises(TypeError):
        years.format("en")
    assert years.format("en", n=1.5) == "1.5 years"
    assert years.format("sv", n=1.5) == "1,5 år"
    assert years["en"] == "{n} years"
    assert years.sv == "{n} år"
