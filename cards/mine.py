"""The user's recent assessments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from policy import Lang

from . import verbs
from .elements import (
    Card,
    Element,
    action_set,
    card,
    container,
    execute,
    heading,
    para,
    subtle,
    user_text,
)
from .escape import escape
from .i18n import choice, t, verdict_label

__all__ = ["MineRow", "mine_card"]


@dataclass(frozen=True, slots=True)
class MineRow:
    id: int
    title: str
    kind: str
    verdict: str
    owner_label: str
    day: str


def mine_card(rows: Sequence[MineRow], lang: Lang) -> Card:
    body: list[Element] = [heading(t("mine.title", lang))]
    if not rows:
        body.append(para(t("mine.empty", lang)))
        return card(body, [execute(t("starter.new", lang), verbs.WIZARD_START,
                                   style="positive")], lang)
    body.append(subtle(t("mine.count", lang, n=len(rows)), spacing="None"))
    for r in rows:
        body.append(container(
            [
                user_text(r.title, weight="Bolder"),
                subtle(" · ".join((
                    escape(choice(r.kind, lang)),
                    verdict_label(r.verdict, lang),
                    escape(r.owner_label),
                    escape(r.day),
                )), spacing="None"),
                action_set([execute(t("mine.open", lang), verbs.MINE_OPEN, {"id": r.id})],
                           spacing="Small"),
            ],
            separator=True,
            spacing="Medium",
        ))
    return card(body, [execute(t("starter.new", lang), verbs.WIZARD_START)], lang)
