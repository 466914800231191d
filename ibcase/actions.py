"""What an IB member's decision needs, checked before anything is stored.

A comment is at most ``MAX_COMMENT_LENGTH`` characters, and required to ask for
completion (the submitter must know what to add); a meeting date is required to put a
case on the agenda, and may not be in the past. Every problem is reported under its
input's id (``comment``, ``meeting_date``), so the card can be shown again with the
problems beside the values as typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from policy import Lang, field_errors

from .lifecycle import CaseStatus
from .texts import message

__all__ = ["MAX_COMMENT_LENGTH", "ActionCheck", "check_action", "clean_comment"]

# The longest comment the register keeps with a change.
MAX_COMMENT_LENGTH = 2000


class _Inputs(BaseModel):
    model_config = ConfigDict(extra="ignore")

    comment: Annotated[
        str, StringConstraints(strip_whitespace=True, max_length=MAX_COMMENT_LENGTH)] = ""
    meeting_date: date | None = None


@dataclass(frozen=True, slots=True)
class ActionCheck:
    """The inputs as the register takes them, or the problems (input id → message)."""

    comment: str | None
    meeting_date: date | None
    errors: Mapping[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def check_action(requested: CaseStatus, comment: str, meeting_date: str, *, today: date,
                 lang: Lang) -> ActionCheck:
    """Check a member's inputs for moving a case to ``requested``. With problems, the
    comment comes back as typed and there is no meeting date."""
    errors: dict[str, str] = {}
    raw = {"comment": comment, "meeting_date": meeting_date.strip() or None}
    try:
        inputs = _Inputs.model_validate(raw)
    except ValidationError as exc:
        for problem in field_errors(exc, lang):
            errors.setdefault(problem.field, problem.message)
        inputs = _Inputs.model_validate({k: v for k, v in raw.items() if k not in errors})
    cleaned = inputs.comment or None
    if (requested is CaseStatus.NEEDS_COMPLETION and cleaned is None
            and "comment" not in errors):
        errors["comment"] = message("comment_required", lang)
    meeting = inputs.meeting_date
    if requested is CaseStatus.ON_AGENDA and "meeting_date" not in errors:
        if meeting is None:
            errors["meeting_date"] = message("meeting_date_required", lang)
        elif meeting < today:
            errors["meeting_date"] = message("meeting_date_past", lang)
    if errors:
        return ActionCheck(comment=comment or None, meeting_date=None, errors=errors)
    return ActionCheck(comment=cleaned, meeting_date=meeting)


def clean_comment(text: str | None) -> str | None:
    """A comment as the audit log keeps it: trimmed, None when blank; ``ValueError`` when
    longer than ``MAX_COMMENT_LENGTH``."""
    if text is None or not text.strip():
        return None
    if len(text.strip()) > MAX_COMMENT_LENGTH:
        raise ValueError(f"a comment is at most {MAX_COMMENT_LENGTH} characters")
    return text.strip()
