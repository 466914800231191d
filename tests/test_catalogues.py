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
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import bot.texts
import cards.strings
import cli.texts
from cards.choices import CHOICES
from cards.fields import FIELDS, SHORT_LABELS
from policy import Kind, Outcome, Owner, Priority, Text, Verdict, models
from policy.labels import CASE_LABELS, KIND_LABELS, OUTCOME_LABELS, PRIORITY_LABELS, VERDICT_LABELS
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
