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
from cards.i18n import Lang, t
from cards.who import answer_card, prompt_card, unavailable_card
from policy import Owner, owner_label

__all__ = ["MAX_QUESTION", "ask"]

MAX_QUESTION = 1000


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
    label = None
    if res.decision_owner is not None:
        label = owner_label(Owner(res.decision_owner), lang)
    return answer_card(res, question=text, lang=lang, owner_label=label)
