"""Tiny test doubles for ``dialogs.conversation`` (welcome, handle), for the bot's mechanics."""

from __future__ import annotations

from datetime import date
from typing import Any

from dialogs.turn import Reply, Turn
from policy import lang_of


def _card(text: str, *verbs: str) -> dict[str, Any]:
    return {
        "type": "AdaptiveCard",
        "version": "1.5",
        "body": [{"type": "TextBlock", "text": text}],
        "actions": [{"type": "Action.Execute", "verb": v, "data": {"verb": v}} for v in verbs],
    }


class Counting:
    """Counts turns per conversation; ``step`` answers ``replace=True``; ``boom`` raises."""

    def welcome(self, locale: str | None) -> Reply:
        return Reply(cards=[_card("Welcome" if lang_of(locale) == "en" else "Välkommen")])

    def handle(
        self, conv: dict[str, Any] | None, user: dict[str, Any] | None, turn: Turn, *, today: date
    ) -> tuple[dict[str, Any], dict[str, Any], Reply]:
        if turn.text == "boom":
            raise RuntimeError("a bug in the dialogs, with a secret: hunter2")
        conv = {"turns": (conv or {}).get("turns", 0) + 1}
        user = {"turns": (user or {}).get("turns", 0) + 1}
        label = f"turn {conv['turns']} ({turn.verb or turn.text}) {sorted(turn.data.items())}"
        return conv, user, Reply(cards=[_card(label, "step")], replace=turn.verb == "step")
