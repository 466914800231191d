"""User text cannot format a card: no links, emphasis, lists, headings or template functions."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

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


# ``escape`` written the plain way, one step after another on the whole text; ``escape``
# itself skips the steps whose characters a text does not have (issue 13).
_REFERENCE_CHARS = str.maketrans({
    "[": "［", "]": "］", "*": "∗", "_": "ˍ", "`": "ˋ", "~": "∼", "<": "‹", ">": "›",
    "#": "＃", "|": "｜", "\\": "⧵",
})


def _reference_escape(text: str) -> str:
    wj = "\u2060"
    s = re.sub(r"\s+", " ", text).strip().translate(_REFERENCE_CHARS)
    s = s.replace("://", f":{wj}//")
    s = re.sub(r"(?<=\w)\.(?=[^\W\d_])", "\u2024", s)
    s = re.sub(r"(?i)\b(mailto|tel|callto|sip):", lambda m: f"{m.group(1)}{wj}:", s)
    s = s.replace("{{", "{" + wj + "{").replace("}}", "}" + wj + "}")
    return re.sub(r"^([-+]|\d+[.)])(?=\s|$)", lambda m: wj + m.group(1), s)


_PIECES = st.sampled_from([
    "mailto:", "TEL:", "sip:", "callto:", "https://", "://", "evil.com", "a.b", "1.", "12)",
    "-", "+", "٣.", "²)", "{{", "}}", "{{DATE(", " ", "\t", "\n", "\u00a0", "\u2028", "\u3000",
    "\x1c", "\x85", "\u2060", "[x](y)", "**", "_", "`", "~", "<", ">", "#", "|", "\\", "www.",
    "é", "Å", "x",
])


@given(st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=12).map("".join))
@example("- punkt")
@example("+")
@example("٣. x")
@example("evil.com")
@example("MailTo:x")
@example(" \u3000 [a]\x1c\n*b*  ")
@example("{{DATE(x)}} http://e.x")
def test_escape_is_every_step_applied_to_the_whole_text(text: str) -> None:
    assert escape(text) == _reference_escape(text)
