"""The strategy's words appear on the cards exactly as the strategy has them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from cards.elements import citation_text
from dialogs.conversation import handle
from dialogs.turn import Turn
from policy import assess, parse_engagement

from .cardtools import texts

CASES = Path(__file__).resolve().parents[1] / "cases"


def test_a_result_card_quotes_every_citation_byte_for_byte() -> None:
    raw = json.loads((CASES / "paris-summit.json").read_text("utf-8"))["engagement"]
    a = assess(parse_engagement(raw), "sv", today=date(2026, 11, 22))
    values = {k: v for k, v in raw.items() if not isinstance(v, dict | list)}
    _, _, reply = handle(None, None, Turn(verb="wizard.assess",
                                          data={"step": "summary", "values": raw}),
                         today=date(2026, 11, 22))
    shown = "\n".join(t for c in reply.cards for t in texts(c))
    assert values  # the case has plain fields
    for f in a.findings:
        assert f"”{f.citation.text}”" in shown, f.rule
    assert f"”{a.routing.citation.text}”" in shown


def test_text_that_is_not_in_the_strategy_is_escaped_even_when_shown_as_a_quote() -> None:
    block = citation_text("[klicka här](https://evil.example)", "sv")
    assert "](" not in block["text"]
    assert "https://" not in block["text"]


def test_a_verbatim_quote_that_looks_like_markdown_is_shown_unaltered() -> None:
    from cards.escape import escape

    quote = "1. Bakgrund och syfte"  # a real heading of the strategy; escape() would alter it
    assert escape(quote) != quote
    assert citation_text(quote, "sv")["text"] == f"”{quote}”"
