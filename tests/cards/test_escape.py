"""User text cannot format a card: no links, emphasis, lists, headings or template functions."""

from __future__ import annotations

import re

import pytest

from cards import verbs
from cards.escape import escape
from dialogs.fields import to_values
from policy import Kind

from ..dialogs.chat import Chat, sample_values, wizard_through
from .cardtools import inputs, texts

LINK = re.compile(r"\[[^\]]*\]\([^)]*\)")
EVIL = "[klicka](https://evil.example)"


@pytest.mark.parametrize("text", [
    EVIL,
    "[klicka] (https://evil.example)",
    "<https://evil.example>",
    "https://evil.example/x",
    "www.evil.example",
    "mailto:a@evil.example",
])
def test_text_that_looks_like_a_link_is_not_a_link(text: str) -> None:
    out = escape(text)
    assert not LINK.search(out)
    assert "://" not in out
    assert "www." not in out
    assert "[" not in out
    assert "]" not in out
    assert "<" not in out
    assert "mailto:" not in out


@pytest.mark.parametrize(("text", "forbidden"), [
    ("**fet** text", "*"),
    ("_kursiv_ text", "_"),
    ("~~struken~~", "~"),
    ("`kod`", "`"),
    ("# Rubrik", "#"),
    ("{{DATE(2017-02-14T06:08:39Z, SHORT)}}", "{{"),
    ("a\\*b", "\\"),
    ("> citat", ">"),
])
def test_formatting_characters_lose_their_meaning(text: str, forbidden: str) -> None:
    assert forbidden not in escape(text)


@pytest.mark.parametrize("text", ["- punkt", "+ punkt", "1. punkt", "12) punkt"])
def test_text_starting_like_a_list_does_not_become_a_list(text: str) -> None:
    out = escape(text)
    assert not re.match(r"^([-+*]|\d+[.)])\s", out)


def test_line_breaks_cannot_start_new_markdown_blocks() -> None:
    out = escape("Rubrik\n\n- punkt\n# rubrik")
    assert "\n" not in out
    assert out.startswith("Rubrik")


def test_ordinary_swedish_text_reads_unchanged() -> None:
    text = "Medlemskap i Counter Terrorism Preparedness Network (CTPN), 2021–2022: 1 400 000 kr"
    assert escape(text) == text


def test_a_title_with_a_link_is_shown_inert_everywhere_but_kept_exactly_as_typed() -> None:
    chat = Chat()
    values = {**sample_values(Kind.MEMBERSHIP), "title": EVIL, "unit": "**Fet** nämnd",
              "benefit": "- lista\n\n[x](http://e.example)"}
    summary = wizard_through(chat, values).cards[0]
    result = chat.click(verbs.WIZARD_ASSESS, {"step": "summary"}).cards[0]
    mine = chat.click(verbs.MINE).cards[0]
    for card in (summary, result, mine):
        shown = " ".join(texts(card))
        assert not LINK.search(shown)
        assert "https://" not in shown
        assert "**" not in shown
    assert chat.user_state["history"][0]["title"] == EVIL
    # the values themselves are never altered: editing brings back exactly what was typed
    card = chat.click(verbs.WIZARD_EDIT, {"values": to_values(
        chat.user_state["history"][0]["engagement"])}).cards[0]
    assert inputs(card)["title"]["value"] == EVIL
