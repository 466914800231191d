"""What a person reads about a case, in Swedish and English: the statuses, the audit
log's events, and the problems an IB member's inputs can have.

The cards' sentences about a case (``case.*`` in ``cards``) build on these; the labels
themselves live here, beside the statuses they name, and nowhere else.
"""

from __future__ import annotations

from collections.abc import Mapping

from policy import Lang

from .lifecycle import AuditEvent, CaseStatus

__all__ = ["EVENT_LABELS", "MESSAGES", "STATUS_LABELS", "event_label", "message", "status_label"]

STATUS_LABELS: Mapping[CaseStatus, Mapping[Lang, str]] = {
    CaseStatus.SUBMITTED: {"sv": "Inlämnat", "en": "Submitted"},
    CaseStatus.ACCEPTED: {"sv": "Tillstyrkt", "en": "Accepted"},
    CaseStatus.DECLINED: {"sv": "Avböjt", "en": "Declined"},
    CaseStatus.NEEDS_COMPLETION: {"sv": "Begärd komplettering", "en": "Needs completion"},
    CaseStatus.ON_AGENDA: {"sv": "Till dagordning", "en": "On the agenda"},
    CaseStatus.WITHDRAWN: {"sv": "Återkallat", "en": "Withdrawn"},
}

EVENT_LABELS: Mapping[AuditEvent, Mapping[Lang, str]] = {
    AuditEvent.SUBMITTED: {"sv": "Inlämnat", "en": "Submitted"},
    AuditEvent.VERSION_ADDED: {"sv": "Ny version", "en": "New version"},
    AuditEvent.STATUS_CHANGED: {"sv": "Ny status", "en": "Status changed"},
    AuditEvent.PERSON_ERASED: {"sv": "Person pseudonymiserad", "en": "Person pseudonymised"},
}

# The problems ``ibcase.actions.check_action`` reports, under the input they concern.
MESSAGES: Mapping[str, Mapping[Lang, str]] = {
    "comment_required": {
        "sv": "Skriv en kommentar om vad som behöver kompletteras.",
        "en": "Please write a comment on what needs to be completed.",
    },
    "meeting_date_required": {
        "sv": "Ange datum för sammanträdet.",
        "en": "Please give the date of the meeting.",
    },
    "meeting_date_past": {
        "sv": "Sammanträdet kan inte ligga före dagens datum.",
        "en": "The meeting cannot be before today.",
    },
}


def status_label(status: CaseStatus | str, lang: Lang) -> str:
    """What a person reads for a case status (``submitted`` → "Inlämnat")."""
    return STATUS_LABELS[CaseStatus(status)][lang]


def event_label(event: AuditEvent | str, lang: Lang) -> str:
    """What a person reads for an audit event (``version_added`` → "Ny version")."""
    return EVENT_LABELS[AuditEvent(event)][lang]


def message(key: str, lang: Lang) -> str:
    return MESSAGES[key][lang]
