"""Small builders for Adaptive Card 1.5 elements, so every card is shaped the same way."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

from policy.strategy import occurs_verbatim

from .escape import escape
from .i18n import Lang, t

__all__ = [
    "SCHEMA",
    "VERSION",
    "Card",
    "action_set",
    "card",
    "container",
    "execute",
    "facts",
    "heading",
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


def quote_toggle(element_id: str, section: str, quote: str, lang: Lang) -> list[Element]:
    """A "show the strategy's words" link and the hidden quote it reveals."""
    return [
        action_set([{
            "type": "Action.ToggleVisibility",
            "title": t("result.quote", lang),
            "targetElements": [element_id],
        }], spacing="None"),
        container(
            [
                subtle(t("result.section", lang, section=escape(section)), weight="Bolder"),
                citation_text(quote, lang, isSubtle=True, fontType="Default"),
            ],
            style="emphasis",
            id=element_id,
            isVisible=False,
            spacing="Small",
        ),
    ]
