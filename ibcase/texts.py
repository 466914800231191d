"""What a person reads about a case, in Swedish and English: the statuses, the audit
log's events, and the problems an IB member's inputs can have.

The cards' sentences about a case (``case.*`` in ``cards``) build on these; the labels
themselves live here, beside the statuses they name, and nowhere else.
"""

from __future__ import annotations

from collections.abc import Mapping

from policy import Lang, Text

from .lifecycle import AuditEvent, CaseStatus

__all__ = ["EVENT_LABELS", "MESSAGES", "STATUS_LABELS", "event_label", "message", "status_label"]

STATUS_LABELS: Mapping[CaseStatus, Text] = {
    CaseStatus.SUBMITTED: Text(sv="Inlämnat", en="Submitted"),
    CaseStatus.ACCEPTED: Text(sv="Tillstyrkt", en="Accepted"),
    CaseStatus.DECLINED: Text(sv="Avböjt", en="Declined"),
    CaseStatus.NEEDS_COMPLETION: Text(sv="Begärd komplettering", en="Needs completion"),
    CaseStatus.ON_AGENDA: Text(sv="Till dagordning", en="On the agenda"),
    CaseStatus.WITHDRAWN: Text(sv="Återkallat", en="Withdrawn"),
}

EVENT_LABELS: Mapping[AuditEvent, Text] = {
    AuditEvent.SUBMITTED: Text(sv="Inlämnat", en="Submitted"),
    AuditEvent.VERSION_ADDED: Text(sv="Ny version", en="New version"),
    AuditEvent.STATUS_CHANGED: Text(sv="Ny status", en="Status changed"),
    AuditEvent.PERSON_ERASED: Text(sv="Person pseudonymiserad", en="Person pseudonymised"),
}

# The problems ``ibcase.actions.check_action`` reports, under the input they concern.
MESSAGES: Mapping[str, Text] = {
    "comment_required": Text(
        sv="Skriv en kommentar om vad som behöver kompletteras.",
        en="Please write a comment on what needs to be completed.",
    ),
    "meeting_date_required": Text(
        sv="Ange datum för sammanträdet.",
        en="Please give the date of the meeting.",
    ),
    "meeting_date_past": Text(
        sv="Sammanträdet kan inte ligga före dagens datum.",
        en="The meeting cannot be before today.",
    ),
}


def status_label(status: CaseStatus | str, lang: Lang) -> str:
    """What a person reads for a case status (``submitted`` → "Inlämnat")."""
    return STATUS_LABELS[CaseStatus(status)][lang]


def event_label(event: AuditEvent | str, lang: Lang) -> str:
    """What a person reads for an audit event (``version_added`` → "Ny version")."""
    return EVENT_LABELS[AuditEvent(event)][lang]


def message(key: str, lang: Lang) -> str:
    return MESSAGES[key][lang]
