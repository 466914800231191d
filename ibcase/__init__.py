"""The IB case, pure: its life cycle, its id, its review date, who may act on it, and
what a person reads about it. No I/O, no SDK, no database.

The one owner of these ideas: ``bot.persistence.register`` stores cases by them, ``dialogs.ib``
checks IB members' inputs with them, ``cards.ib`` shows the buttons they allow, and
``cli`` prints their labels.

- ``lifecycle``: ``CaseStatus``, ``AuditEvent``, ``TRANSITIONS`` (drawn in
  ``docs/dialogs/case.mmd``), the open and takes-versions sets;
- ``ids``: ``SK-<year>-<sequence>``;
- ``review``: the review date of an accepted case, from rule P5;
- ``permissions``: who may act, register the channel, complete or withdraw a case, queue
  failed deliveries again; duplicates;
- ``actions``: what a decision's comment and meeting date must be;
- ``texts``: the status and event labels and the inputs' problems, Swedish and English.
"""

from .actions import MAX_COMMENT_LENGTH, ActionCheck, check_action, clean_comment
from .ids import NotACaseId, case_id, parse_case_id, register_order
from .lifecycle import (
    OPEN,
    TAKES_VERSIONS,
    TRANSITIONS,
    AuditEvent,
    CaseStatus,
    is_open,
    may_move,
    status_after_version,
    takes_versions,
)
from .permissions import (
    WITHDRAWABLE,
    Submission,
    WithdrawRefusal,
    is_duplicate,
    is_ib_member,
    may_act,
    may_complete,
    may_manage_deliveries,
    may_register_channel,
    may_withdraw,
    withdraw_refusal,
)
from .review import add_years, is_reviewed, review_due
from .texts import EVENT_LABELS, STATUS_LABELS, event_label, status_label

__all__ = [
    "EVENT_LABELS",
    "MAX_COMMENT_LENGTH",
    "OPEN",
    "STATUS_LABELS",
    "TAKES_VERSIONS",
    "TRANSITIONS",
    "WITHDRAWABLE",
    "ActionCheck",
    "AuditEvent",
    "CaseStatus",
    "NotACaseId",
    "Submission",
    "WithdrawRefusal",
    "add_years",
    "case_id",
    "check_action",
    "clean_comment",
    "event_label",
    "is_duplicate",
    "is_ib_member",
    "is_open",
    "is_reviewed",
    "may_act",
    "may_complete",
    "may_manage_deliveries",
    "may_move",
    "may_register_channel",
    "may_withdraw",
    "parse_case_id",
    "register_order",
    "review_due",
    "status_after_version",
    "status_label",
    "takes_versions",
    "withdraw_refusal",
]
