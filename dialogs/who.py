"""Who decides? A free-text question answered by ``policy.who_decides.answer``.

A clarifying answer carries one button per candidate; the button sends the
question back with the candidate's ``value`` as ``context`` and the answer
settles. Pure: no I/O, no SDK.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cards.elements import Card
from cards.i18n import t, who_choice
from cards.who import answer_card, prompt_card
from policy import Lang, owner_label
from policy.who_decides import answer

__all__ = ["MAX_QUESTION", "ask"]

MAX_QUESTION = 1000


def ask(question: object, lang: Lang, context: Mapping[str, Any] | None = None) -> Card:
    """The answer card for ``question`` (with ``context`` from a clarify button)."""
    text = " ".join(str(question or "").split())[:MAX_QUESTION]
    if not text:
        return prompt_card(lang, error=t("who.empty", lang))
    res = answer(text, lang, context=dict(context) if context else None)
    label = chose = None
    if res.decision_owner is not None:
        label = owner_label(res.decision_owner, lang)
        if context:
            # The case picked on the clarifying card; a context that is no candidate of
            # the question alone (a second round's) is named by its own fields.
            chose = res.chosen or ", ".join(
                n for k, v in context.items() if (n := who_choice(k, v, lang))) or None
    return answer_card(res, question=text, lang=lang, owner_label=label, chose=chose)
