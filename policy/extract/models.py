"""What the extractor gives back: contract fields found, the sentence each came from, and
what is left to ask."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..models import Lang

__all__ = ["Amount", "Extraction", "Place"]

Purpose = Literal["fee", "membership_fee", "other"]


class Amount(BaseModel):
    """An amount of money the invitation states, in its own currency.

    ``sek`` is set only where the text gives the SEK figure or a rate, or a rate
    was configured; otherwise the user converts it.
    """

    model_config = ConfigDict(frozen=True)

    amount: float
    currency: str
    purpose: Purpose
    sek: float | None = None
    evidence: str


class Place(BaseModel):
    """Where the event is: the city as the text writes it, the country as CLDR names it."""

    model_config = ConfigDict(frozen=True)

    city: str | None = None
    country: str | None = None


class Extraction(BaseModel):
    """Fields of contract §1 read from an invitation, never guessed.

    ``engagement`` holds only contract field names (``counterpart`` as an object),
    and validates as an Engagement once the fields the kind requires are added.
    ``evidence`` maps each found field (``counterpart.name`` dotted; also ``place``,
    ``amounts``, ``signature_requested``) to the input's own sentence. ``missing``
    lists what is still to be asked: what the contract requires for the kind first.
    """

    model_config = ConfigDict(frozen=True)

    engagement: dict[str, Any] = Field(default_factory=dict)
    evidence: dict[str, str] = Field(default_factory=dict)
    missing: list[str] = Field(default_factory=list)
    lang: Lang = "sv"
    recognised: bool = False
    place: Place | None = None
    amounts: list[Amount] = Field(default_factory=list)
    signature_requested: bool | None = None
    addressee: str | None = None
    notes: list[str] = Field(default_factory=list)
