"""The boundary between the bot (SDK) and the dialogs (pure): one turn in, one reply out.

``bot/`` turns a Teams activity into a ``Turn`` and sends the ``Reply`` back;
everything in between is plain Python without the SDK.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ibcase import CaseStatus

__all__ = [
    "Document",
    "Effect",
    "ExportRegister",
    "IbAction",
    "IbRefresh",
    "MyCases",
    "Prefill",
    "RegisterIb",
    "Reply",
    "Resubmit",
    "RetryDeliveries",
    "SendToIb",
    "ShowAgenda",
    "ShowFailed",
    "Turn",
    "Withdraw",
]


class Document(BaseModel):
    """A file the user attached, as the bot read it (``intake.read_text``): its text, or
    why there is none (``error`` is intake's code, ``message`` says it in the user's
    language). Neither the file nor its text is stored."""

    model_config = ConfigDict(frozen=True)

    name: str = ""
    text: str | None = None
    error: str | None = None
    message: str | None = None


class Prefill(BaseModel):
    """What the bot knows of the user beforehand, for the wizard's defaults: the unit
    (förvaltning or bolag) their Entra ID profile names, and the profile's field it is
    (``department`` or ``companyName``). The user may change it."""

    model_config = ConfigDict(frozen=True)

    unit: str
    source: Literal["department", "companyName"]


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
    prefill: Prefill | None = None  # the user's profile, looked up when a screening starts


class _Effect(BaseModel):
    model_config = ConfigDict(frozen=True)


class SendToIb(_Effect):
    """Register a screening as a new case and queue its post in the IB channel.
    ``engagement`` and ``assessment`` are contract JSON the dialogs validated and assessed;
    ``prepare``: sent for preparation (owner KS or KF), not for IB's own decision."""

    kind: Literal["send_to_ib"] = "send_to_ib"
    engagement: dict[str, Any]
    assessment: dict[str, Any]
    prepare: bool = False


class Resubmit(_Effect):
    """Add the re-screened engagement to case ``case_id`` as its next version."""

    kind: Literal["resubmit"] = "resubmit"
    case_id: str
    engagement: dict[str, Any]
    assessment: dict[str, Any]


class IbAction(_Effect):
    """An IB member asks for case ``case_id`` to become ``status``, with the inputs as
    ``ibcase.check_action`` took them. ``errors`` (input id → message) means they did not
    pass: the bot shows the member's card again with the messages and the values as typed
    (``comment``, ``meeting_date_text``)."""

    kind: Literal["ib_action"] = "ib_action"
    case_id: str | None
    status: CaseStatus
    comment: str | None = None
    meeting_date: date | None = None
    meeting_date_text: str = ""
    errors: dict[str, str] = Field(default_factory=dict)


class IbRefresh(_Effect):
    """Show case ``case_id``'s card: with its buttons for an IB member, read-only else."""

    kind: Literal["ib_refresh"] = "ib_refresh"
    case_id: str | None


class RegisterIb(_Effect):
    """Make the channel the turn came from IB's ("registrera IB-kanal")."""

    kind: Literal["register_ib"] = "register_ib"


class ShowAgenda(_Effect):
    """The next meeting's agenda ("dagordning", in the IB channel)."""

    kind: Literal["agenda"] = "agenda"


class MyCases(_Effect):
    """The user's cases ("Mina ärenden")."""

    kind: Literal["my_cases"] = "my_cases"


class Withdraw(_Effect):
    """The submitter's "Återkalla" on case ``case_id``: without ``confirmed`` the bot asks
    to confirm; with it the case is withdrawn (``ibcase.withdraw_refusal`` decides)."""

    kind: Literal["withdraw"] = "withdraw"
    case_id: str | None
    confirmed: bool = False


class ExportRegister(_Effect):
    """An IB member's "Exportera registret": the register as a file, offered in their
    personal chat."""

    kind: Literal["export_register"] = "export_register"


class ShowFailed(_Effect):
    """The messages the bot could not deliver ("misslyckade utskick"), for IB's
    administrators and secretariat."""

    kind: Literal["show_failed"] = "show_failed"


class RetryDeliveries(_Effect):
    """Queue the failed messages ``ids`` again ("Försök igen")."""

    kind: Literal["retry_deliveries"] = "retry_deliveries"
    ids: tuple[int, ...] = ()


# Work with the outside world that a turn asks the bot to do (the case register, the IB
# channel, the roster), so that the dialogs stay pure. The bot performs it once, after
# the turn's state is saved, and shows what came of it (``bot.ib.IbService.perform``).
Effect = Annotated[
    SendToIb | Resubmit | IbAction | IbRefresh | RegisterIb | ShowAgenda | MyCases
    | Withdraw | ExportRegister | ShowFailed | RetryDeliveries,
    Field(discriminator="kind"),
]


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
