"""The boundary between the bot (SDK) and the dialogs (pure): one turn in, one reply out.

``bot/`` turns a Teams activity into a ``Turn`` and sends the ``Reply`` back;
everything in between is plain Python without the SDK.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Reply", "Turn", "lang_of"]


class Turn(BaseModel):
    """What the user did: typed text, or a card action (verb + the card's input values)."""

    model_config = ConfigDict(frozen=True)

    text: str | None = None
    verb: str | None = None  # Action.Execute verb, or data["verb"] of an Action.Submit
    data: dict[str, Any] = Field(default_factory=dict)  # input ids are contract field names
    locale: str | None = None  # the activity's locale, e.g. "sv-SE", "en-US"
    user_id: str = ""
    user_name: str | None = None
    channel_kind: str = "personal"  # personal · groupChat · channel


class Reply(BaseModel):
    """What to show: cards (Adaptive Card 1.5 dicts), optional plain text.

    ``replace`` asks the bot to update the card the action came from, in place
    (the Action.Execute invoke response, or updateActivity for Action.Submit).
    """

    model_config = ConfigDict(frozen=True)

    cards: list[dict[str, Any]] = Field(default_factory=list)
    text: str | None = None
    replace: bool = False


def lang_of(locale: str | None) -> str:
    """Swedish unless the user's locale is English."""
    return "en" if (locale or "").lower().startswith("en") else "sv"
