"""Who decides? A free-text question answered by ``policy.who_decides.answer``.

A clarifying answer carries one button per candidate; the button sends the
question back with the candidate's ``value`` as ``context`` and the answer
settles. Pure: no I/O, no SDK.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

from cards.elements import Card
from cards.i18n import Lang, t, who_choice
from cards.who import answer_card, prompt_card, unavailable_card
from policy import Owner, owner_label
from policy.routing import ROUTES

_REASONS = {r.id: r.reason for r in ROUTES}

__all__ = ["MAX_QUESTION", "ask"]

MAX_QUESTION = 1000
_MAX_ROUNDS = 3  # clarifying questions followed, at most, to find what a candidate covers


def _answerer() -> Any:
    """``policy.who_decides.answer``, or None while that module is unavailable."""
    try:
        module = importlib.import_module("policy.who_decides")
    except ImportError:
        return None
    return getattr(module, "answer", None)


def ask(question: object, lang: Lang, context: Mapping[str, Any] | None = None) -> Card:
    """The answer card for ``question`` (with ``context`` from a clarify button)."""
    text = " ".join(str(question or "").split())[:MAX_QUESTION]
    if not text:
        return prompt_card(lang, error=t("who.empty", lang))
    answer = _answerer()
    if answer is None:
        return unavailable_card(lang)
    res = answer(text, lang, context=dict(context) if context else None)
    label = reason = chose = None
    if res.decision_owner is not None:
        label = owner_label(Owner(res.decision_owner), lang)
        # The answer names the owner and then gives the routing's reason; the card
        # shows the owner on its own, so under it the reason is enough.
        route = _REASONS.get(str(getattr(res, "route", None)))
        if route is not None and route[lang] in res.answer:
            reason = route[lang]
        if context:
            chose = _chosen(answer, text, lang, context)
    broad = _broad(answer, text, lang, res) if res.candidates else set()
    return answer_card(res, question=text, lang=lang, owner_label=label, reason=reason,
                       chose=chose, broad=broad)


def _cases(answer: Any, text: str, lang: Lang, context: Mapping[str, Any] | None,
           depth: int = 0) -> list[Any]:
    """The owner each way of answering the clarifying questions leads to, one entry a way:
    the answer's options are followed (as their buttons would be) until it settles."""
    res = answer(text, lang, context=dict(context) if context else None)
    if res.decision_owner is not None:
        return [res.decision_owner]
    if depth >= _MAX_ROUNDS:
        return []
    return [owner for option in getattr(res, "options", None) or ()
            for owner in _cases(answer, text, lang, option.value, depth + 1)]


def _broad(answer: Any, text: str, lang: Lang, res: Any) -> set[int]:
    """The candidates (by index) more than one way of answering leads to: each stands for
    several cases, which its condition lists."""
    ways = _cases(answer, text, lang, None)
    return {n for n, c in enumerate(res.candidates) if ways.count(c.decision_owner) > 1}


def _chosen(answer: Any, text: str, lang: Lang, context: Mapping[str, Any]) -> str | None:
    """The case the user picked on the clarifying card: the condition of the candidate
    whose value the button sent (the same question asks the same), else the context's
    own fields in words."""
    for c in answer(text, lang).candidates:
        if dict(c.value) == dict(context):
            return str(c.condition)
    named = [n for k, v in context.items() if (n := who_choice(k, v, lang))]
    return ", ".join(named) or None
