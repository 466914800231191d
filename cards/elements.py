"""Small builders for Adaptive Card 1.5 elements, so every card is shaped the same way."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Literal

from policy import Lang
from policy.strategy import occurs_verbatim

from .escape import escape
from .i18n import t

__all__ = [
    "SCHEMA",
    "VERSION",
    "Card",
    "action_set",
    "button_rows",
    "card",
    "container",
    "evidence_toggle",
    "execute",
    "facts",
    "heading",
    "one_line",
    "para",
    "quote_toggle",
    "subtle",
    "user_text",
]

SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
VERSION = "1.5"

Card = dict[str, Any]
Element = dict[str, Any]


def card(body: list[Element], actions: list[Element] | None, lang: Lang) -> Card:
    """A top-level card: version and schema always set, a fallback text for old clients."""
    out: Card = {
        "type": "AdaptiveCard",
        "$schema": SCHEMA,
        "version": VERSION,
        "lang": lang,
        "fallbackText": t("card.fallback", lang),
        "body": body,
    }
    out["actions"] = actions or []
    return out


def para(text: str, **extra: Any) -> Element:
    """A wrapping TextBlock of trusted text (our own strings)."""
    return {"type": "TextBlock", "text": text, "wrap": True, **extra}


def user_text(text: object, **extra: Any) -> Element:
    """A wrapping TextBlock of untrusted text (user input, rules-engine output): escaped."""
    return para(escape(text), **extra)


def citation_text(quote: str, lang: Lang, **extra: Any) -> Element:
    """The strategy's own words, exactly: a quote proven verbatim is shown as it stands.

    Anything that is not in the strategy text is treated as untrusted and escaped.
    """
    shown = quote if occurs_verbatim(quote) else escape(quote)
    return para(f"”{shown}”" if lang == "sv" else f"“{shown}”", **extra)


def heading(text: str, **extra: Any) -> Element:
    return para(text, **{"size": "Medium", "weight": "Bolder", **extra})


def subtle(text: str, **extra: Any) -> Element:
    return para(text, **{"isSubtle": True, "size": "Small", **extra})


def container(items: list[Element], style: str | None = None, **extra: Any) -> Element:
    out: Element = {"type": "Container", "items": items, **extra}
    if style:
        out["style"] = style
    return out


def facts(pairs: Iterable[tuple[str, object]]) -> Element:
    """A FactSet; titles are our labels, values are escaped (they come from users)."""
    return {
        "type": "FactSet",
        "facts": [{"title": title, "value": escape(value)} for title, value in pairs],
    }


def one_line(title: str) -> str:
    """A fact title that does not wrap: the column grows to fit it instead."""
    return title.replace(" ", "\u00a0")


def execute(
    title: str,
    verb: str,
    data: Mapping[str, Any] | None = None,
    *,
    inputs: Literal["auto", "none"] = "none",
    style: Literal["default", "positive", "destructive"] | None = None,
) -> Element:
    """An Action.Execute (Universal Actions) with an Action.Submit fallback.

    ``verb`` is repeated inside ``data`` so the fallback (and clients that only
    send Action.Submit) carry it too. ``inputs="auto"`` gathers the card's inputs.
    """
    payload = {**(data or {}), "verb": verb}
    submit: Element = {
        "type": "Action.Submit",
        "title": title,
        "data": payload,
        "associatedInputs": inputs,
    }
    action: Element = {
        "type": "Action.Execute",
        "title": title,
        "verb": verb,
        "data": payload,
        "associatedInputs": inputs,
        "fallback": submit,
    }
    if style:
        action["style"] = style
        submit["style"] = style
    return action


def action_set(actions: list[Element], **extra: Any) -> Element:
    return {"type": "ActionSet", "actions": actions, **extra}


def button_rows(actions: list[Element], per_row: int = 2) -> list[Element]:
    """Buttons as ActionSets of ``per_row``: four in one row get cut off in a Teams-wide
    card, two never do."""
    return [
        action_set(actions[i:i + per_row], spacing="Small" if i else "Medium")
        for i in range(0, len(actions), per_row)
    ]


def quote_toggle(element_id: str, about: str, quotes: Iterable[tuple[str, str, str]],
                 lang: Lang) -> list[Element]:
    """A "show the strategy's words (``about``)" link and the hidden quotes it reveals.

    ``quotes`` are (heading, section, text): the heading (e.g. the rules quoting it) is
    ours and escaped, the text is the strategy's, shown exactly. A quote given twice is
    shown once, under the headings joined.
    """
    merged: dict[tuple[str, str], list[str]] = {}
    for head, section, text in quotes:
        heads = merged.setdefault((section, text), [])
        if head and head not in heads:
            heads.append(head)
    items: list[Element] = []
    for n, ((section, text), heads) in enumerate(merged.items()):
        where = t("result.section", lang, section=escape(section))
        items += [
            subtle(" · ".join([*(escape(h) for h in heads), where]), weight="Bolder",
                   spacing="None" if n == 0 else "Medium"),
            citation_text(text, lang, isSubtle=True, fontType="Default", spacing="None"),
        ]
    return [
        action_set([{
            "type": "Action.ToggleVisibility",
            "title": t("result.quote", lang, about=about),
            "targetElements": [element_id],
        }], spacing="Small"),
        container(items, style="emphasis", id=element_id, isVisible=False, spacing="Small"),
    ]


def evidence_toggle(element_id: str, sentence: str, title: str, lang: Lang) -> list[Element]:
    """A link ``title`` ("read from the invitation") that shows the invitation's own
    sentence, hidden until clicked. The sentence is user text: escaped, quoted."""
    shown = escape(sentence)
    return [
        action_set([{
            "type": "Action.ToggleVisibility",
            "title": title,
            "targetElements": [element_id],
        }], spacing="Small"),
        container([para(f"”{shown}”" if lang == "sv" else f"“{shown}”", isSubtle=True,
                        size="Small")],
                  style="emphasis", id=element_id, isVisible=False, spacing="Small"),
    ]


def walk(node: Any) -> Iterator[Element]:
    """Every element, action and inline card in ``node`` (anything with a ``type``), depth first."""
    if isinstance(node, dict):
        if "type" in node:
            yield node
        for value in node.values():
            yield from walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from walk(item)
