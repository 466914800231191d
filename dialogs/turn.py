"""The boundary between the bot (SDK) and the dialogs (pure): one turn in, one reply out.

``bot/`` turns a Teams activity into a ``Turn`` and sends the ``Reply`` back;
everything in between is plain Python without the SDK.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Document", "Effect", "EffectOp", "Reply", "Turn", "lang_of"]


class Document(BaseModel):
    """A file the user attached, as the bot read it (``intake.read_text``): its text, or
    why there is none (``error`` is intake's code, ``message`` says it in the user's
    language). Neither the file nor its text is stored."""

    model_config = ConfigDict(frozen=True)

    name: str = ""
    text: str | None = None
    error: str | None = None
    message: str | None = None


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
    document: Document | None = None  # an attached file, read by the bot


EffectOp = Literal[
    "send_to_ib", "resubmit", "register_ib", "agenda", "my_cases", "ib_action", "ib_refresh",
]


class Effect(BaseModel):
    """Work with the outside world that a turn asks the bot to do (the case register, the
    IB channel, the roster), so that the dialogs stay pure. The bot performs it once,
    after the turn's state is saved, and shows what came of it.

    ``send_to_ib``/``resubmit``: ``engagement`` and ``assessment`` are contract JSON the
    dialogs have validated and assessed (``resubmit`` names ``case_id``). ``ib_action``:
    the ``status`` an IB member asked for, with ``comment`` and ``meeting_date``;
    ``errors`` (input field → message) means the inputs did not validate, and the bot
    shows the member's card again with the messages and the values as entered.
    """

    model_config = ConfigDict(frozen=True)

    op: EffectOp
    case_id: str | None = None
    engagement: dict[str, Any] | None = None  # contract JSON, validated
    assessment: dict[str, Any] | None = None  # contract JSON
    prepare: bool = False  # sent to IB for preparation (owner KS or KF)
    status: str | None = None  # ib_action: accepted, declined, needs_completion, on_agenda
    comment: str | None = None
    meeting_date: date | None = None
    meeting_date_text: str = ""  # ib_action: the meeting date as typed, shown again on errors
    errors: dict[str, str] = Field(default_factory=dict)


class Reply(BaseModel):
    """What to show: cards (Adaptive Card 1.5 dicts), optional plain text, and the
    ``effect`` the bot is to perform (it then shows the effect's outcome).

    ``replace`` asks the bot to update the card the action came from, in place
    (the Action.Execute invoke response, or updateActivity for Action.Submit).
    """

    model_config = ConfigDict(frozen=True)

    cards: list[dict[str, Any]] = Field(default_factory=list)
    text: str | None = None
    replace: bool = False
    effect: Effect | None = None


def lang_of(locale: str | None) -> str:
    """Swedish unless the user's locale is English."""
    return "en" if (locale or "").lower().startswith("en") else "sv"
