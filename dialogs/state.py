"""What the bot stores between turns: plain JSON, validated here with pydantic.

``ConversationState`` lives per conversation (the wizard in progress);
``UserState`` per user (their recent assessments). A stored shape that no
longer validates (an older version, a corrupt row) is replaced by a fresh one
and the user is told so politely; see ``dialogs.conversation.handle``.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from policy import Kind, Owner, Verdict

__all__ = [
    "HISTORY_SIZE",
    "ConversationState",
    "HistoryEntry",
    "Profiled",
    "Step",
    "UserState",
    "WizardState",
]

HISTORY_SIZE = 20

_STATE = ConfigDict(extra="forbid")


class Step(StrEnum):
    """The wizard's states. ASSESSED and CANCELLED end it."""

    KIND = "kind"
    DETAILS = "details"
    QUESTIONS = "questions"
    SUMMARY = "summary"
    ASSESSED = "assessed"
    CANCELLED = "cancelled"


class Profiled(BaseModel):
    """A value the wizard took from the user's Entra ID profile, and the profile's field
    (``department`` or ``companyName``)."""

    model_config = _STATE

    value: str
    source: str


class WizardState(BaseModel):
    """A screening in progress: the step, everything typed so far (raw), what to fix, and
    the case it completes, if any."""

    model_config = _STATE

    step: Step = Step.KIND
    values: dict[str, str] = Field(default_factory=dict)  # contract field name → raw input
    errors: dict[str, str] = Field(default_factory=dict)  # field → message on the card
    general: list[str] = Field(default_factory=list)  # problems not tied to one field
    # "Komplettera": the case this screening completes; its result is sent to that case
    # as a new version instead of as a new case.
    case_id: str | None = None
    # Read from an invitation (dialogs.intake): field → the raw value read, and field → the
    # invitation's sentence it came from. A field shows "read from the invitation" while its
    # value is still the one read. Kept only while the wizard runs, never in the register.
    prefilled: dict[str, str] = Field(default_factory=dict)
    evidence: dict[str, str] = Field(default_factory=dict)
    # From the user's Entra ID profile (the unit): field → the value and where it came from.
    # A field says so while its value is still that one.
    profiled: dict[str, Profiled] = Field(default_factory=dict)


class ConversationState(BaseModel):
    model_config = _STATE

    version: Literal[1] = 1
    wizard: WizardState | None = None


class HistoryEntry(BaseModel):
    """One past assessment: enough to list it, and the engagement to show it again."""

    model_config = _STATE

    id: int
    title: str
    kind: Kind
    verdict: Verdict
    owner: Owner
    day: date
    engagement: dict[str, Any]  # the contract JSON that was assessed


class UserState(BaseModel):
    model_config = _STATE

    version: Literal[1] = 1
    next_id: int = 1
    history: list[HistoryEntry] = Field(default_factory=list)  # newest first

    def remember(self, entry: HistoryEntry) -> UserState:
        """A copy with ``entry`` first and at most HISTORY_SIZE entries."""
        return self.model_copy(update={
            "next_id": max(self.next_id, entry.id) + 1,
            "history": [entry, *self.history][:HISTORY_SIZE],
        })

    def find(self, entry_id: object) -> HistoryEntry | None:
        return next((h for h in self.history if str(h.id) == str(entry_id)), None)
