"""The IB case's life cycle: its statuses, the one table of the changes between them,
and the sets the rest of the product asks about.

``TRANSITIONS`` is drawn in ``docs/dialogs/case.mmd``; a test checks the drawing and the
table agree, edge for edge, both ways. ``withdrawn`` is final. Who may make a change is
not here but in ``ibcase.permissions``; what a change needs (a comment, a meeting date)
in ``ibcase.actions``.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

__all__ = [
    "OPEN",
    "TAKES_VERSIONS",
    "TRANSITIONS",
    "AuditEvent",
    "CaseStatus",
    "is_open",
    "may_move",
    "status_after_version",
    "takes_versions",
]


class CaseStatus(StrEnum):
    SUBMITTED = "submitted"  # inlämnat
    ON_AGENDA = "on_agenda"  # till dagordning
    NEEDS_COMPLETION = "needs_completion"  # begärd komplettering
    ACCEPTED = "accepted"  # tillstyrkt
    DECLINED = "declined"  # avböjt
    WITHDRAWN = "withdrawn"  # återkallat


class AuditEvent(StrEnum):
    """What one row of a case's audit log records."""

    SUBMITTED = "submitted"
    VERSION_ADDED = "version_added"
    STATUS_CHANGED = "status_changed"
    PERSON_ERASED = "person_erased"  # a person pseudonymised (``bot.privacy.erase_person``)


_S = CaseStatus

# From a status, the statuses a case may move to. An undecided case may go anywhere
# but back to itself; an accepted membership comes back to the agenda for its review, a
# declined case may be reconsidered, and either may be withdrawn (the membership ended,
# the idea dropped). Nothing leaves withdrawn.
TRANSITIONS: Mapping[CaseStatus, frozenset[CaseStatus]] = {
    _S.SUBMITTED: frozenset(
        {_S.ON_AGENDA, _S.ACCEPTED, _S.DECLINED, _S.NEEDS_COMPLETION, _S.WITHDRAWN}),
    _S.ON_AGENDA: frozenset(
        {_S.SUBMITTED, _S.ACCEPTED, _S.DECLINED, _S.NEEDS_COMPLETION, _S.WITHDRAWN}),
    _S.NEEDS_COMPLETION: frozenset(
        {_S.SUBMITTED, _S.ON_AGENDA, _S.ACCEPTED, _S.DECLINED, _S.WITHDRAWN}),
    _S.ACCEPTED: frozenset({_S.ON_AGENDA, _S.WITHDRAWN}),
    _S.DECLINED: frozenset({_S.ON_AGENDA, _S.WITHDRAWN}),
    _S.WITHDRAWN: frozenset(),
}

# Statuses in which "Komplettera" may add a version. A decided case is reopened (to
# on_agenda) before it takes a new one.
TAKES_VERSIONS: frozenset[CaseStatus] = frozenset(
    {_S.SUBMITTED, _S.ON_AGENDA, _S.NEEDS_COMPLETION})

# Statuses in which a case is still open, waiting for IB: sending the same engagement
# again while one is open is a duplicate (``ibcase.permissions.is_duplicate``). The same
# statuses take versions; they are two questions, so two names.
OPEN: frozenset[CaseStatus] = TAKES_VERSIONS


def may_move(current: CaseStatus, requested: CaseStatus) -> bool:
    """Whether the table allows a case that is ``current`` to become ``requested``."""
    return requested in TRANSITIONS[current]


def takes_versions(status: CaseStatus | str) -> bool:
    """Whether a case in ``status`` may get a new version ("Komplettera")."""
    return CaseStatus(status) in TAKES_VERSIONS


def is_open(status: CaseStatus | str) -> bool:
    """Whether a case in ``status`` still waits for IB."""
    return CaseStatus(status) in OPEN


def status_after_version(status: CaseStatus) -> CaseStatus:
    """The status a case has once it took a new version: a case that awaited completion
    is submitted again; any other keeps its status. ``ValueError`` if it takes none."""
    if status not in TAKES_VERSIONS:
        raise ValueError(f"a case that is {status} takes no new version")
    return _S.SUBMITTED if status is _S.NEEDS_COMPLETION else status
