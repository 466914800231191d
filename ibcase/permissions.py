"""Who may do what with a case, and when a submission is one already sent: pure
predicates. The bot finds the facts (the sender, the IB team's roster, the settings,
the register's rows) and asks these.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .lifecycle import CaseStatus, is_open

__all__ = [
    "WITHDRAWABLE",
    "Submission",
    "WithdrawRefusal",
    "is_duplicate",
    "is_ib_member",
    "may_act",
    "may_complete",
    "may_manage_deliveries",
    "may_register_channel",
    "may_withdraw",
    "withdraw_refusal",
]


def _listed(user_aad_id: str | None, ids: Iterable[str | None]) -> bool:
    if not user_aad_id:
        return False
    me = user_aad_id.strip().lower()
    return any((other or "").strip().lower() == me for other in ids)


def is_ib_member(user_aad_id: str | None, members: Iterable[str | None]) -> bool:
    """Whether the user (Entra object id) is one of IB's ``members`` (the configured list,
    else the ids on the IB team's roster). Ids compare without regard to letter case; a
    user without an Entra id is nobody's member."""
    return _listed(user_aad_id, members)


def may_act(user_aad_id: str | None, members: Iterable[str | None]) -> bool:
    """Whether the user may decide on a case (accept, decline, ask for completion, put
    it on the agenda): IB's members, and nobody else."""
    return is_ib_member(user_aad_id, members)


def may_register_channel(user_aad_id: str | None, admins: Iterable[str | None]) -> bool:
    """Whether the user may make a channel IB's: the configured administrators only."""
    return _listed(user_aad_id, admins)


def may_complete(submitter_id: str, user_id: str) -> bool:
    """Whether the user may send a new version of a case ("Komplettera"): its submitter
    only (ids as the register keeps them, lower case)."""
    return submitter_id.strip().lower() == user_id.strip().lower()


def may_manage_deliveries(user_aad_id: str | None, admins: Iterable[str | None],
                          secretariat: Iterable[str | None]) -> bool:
    """Whether the user may see the messages the bot could not deliver and queue them
    again ("Misslyckade utskick"): IB's administrators and its secretariat, nobody else."""
    return _listed(user_aad_id, admins) or _listed(user_aad_id, secretariat)


# Where a submitter may still take a case back ("Återkalla"): while it waits for IB,
# submitted or returned for completion. Once IB has put it on a meeting's agenda or
# decided it, IB is acting on it and only IB changes it (IB may itself withdraw it).
WITHDRAWABLE: frozenset[CaseStatus] = frozenset(
    {CaseStatus.SUBMITTED, CaseStatus.NEEDS_COMPLETION})


class WithdrawRefusal(StrEnum):
    """Why a press of "Återkalla" changes nothing."""

    NOT_SUBMITTER = "not_submitter"  # someone other than the case's submitter
    WITHDRAWN = "withdrawn"  # already withdrawn (a second press)
    IB_HAS_ACTED = "ib_has_acted"  # on the agenda or decided


def withdraw_refusal(submitter_id: str, user_id: str,
                     status: CaseStatus | str) -> WithdrawRefusal | None:
    """Why the user may not withdraw a case that ``submitter_id`` sent and that is now
    ``status``; None when they may. The submitter is asked about first: someone else
    learns nothing of where the case stands."""
    if not may_complete(submitter_id, user_id):
        return WithdrawRefusal.NOT_SUBMITTER
    current = CaseStatus(status)
    if current is CaseStatus.WITHDRAWN:
        return WithdrawRefusal.WITHDRAWN
    if current not in WITHDRAWABLE:
        return WithdrawRefusal.IB_HAS_ACTED
    return None


def may_withdraw(submitter_id: str, user_id: str, status: CaseStatus | str) -> bool:
    """Whether the user may withdraw the case ("Återkalla"): its submitter only, and only
    while it waits for IB (``WITHDRAWABLE``)."""
    return withdraw_refusal(submitter_id, user_id, status) is None


@dataclass(frozen=True, slots=True)
class Submission:
    """A case as the duplicate rule reads it: who sent which engagement (contract JSON),
    and where the case stands."""

    case_id: str
    submitter_id: str
    status: CaseStatus
    engagement: Mapping[str, Any]


def is_duplicate(new: Submission, earlier: Submission) -> bool:
    """Whether ``new`` repeats ``earlier``: another case of the same submitter, still
    open, whose current version is the same engagement. (Sending it again once the
    earlier case is decided or withdrawn is a new case.)"""
    return (
        earlier.case_id != new.case_id
        and earlier.submitter_id == new.submitter_id
        and is_open(earlier.status)
        and dict(earlier.engagement) == dict(new.engagement)
    )
