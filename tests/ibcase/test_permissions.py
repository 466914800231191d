"""Who may act on a case, register the channel and complete a case; the duplicate rule.
Each predicate on both sides."""

from __future__ import annotations

import pytest

from ibcase import (
    CaseStatus,
    Submission,
    is_duplicate,
    is_ib_member,
    may_act,
    may_complete,
    may_register_channel,
)

MEMBERS = ["AAAA-1111", "bbbb-2222"]


def test_an_ib_member_may_act_whatever_the_letter_case_of_their_id() -> None:
    assert may_act("aaaa-1111", MEMBERS)
    assert may_act("BBBB-2222", MEMBERS)
    assert is_ib_member(" aaaa-1111 ", MEMBERS)


def test_someone_not_listed_or_without_an_entra_id_may_not_act() -> None:
    assert not may_act("cccc-3333", MEMBERS)
    assert not may_act(None, MEMBERS)
    assert not may_act("", ["", None])
    assert not may_act("aaaa-1111", [])


def test_only_an_administrator_may_register_the_ib_channel() -> None:
    assert may_register_channel("ADMIN-1", ["admin-1"])
    assert not may_register_channel("aaaa-1111", ["admin-1"])
    assert not may_register_channel(None, ["admin-1"])


def test_only_the_submitter_completes_their_case() -> None:
    assert may_complete("user-1", "USER-1")
    assert not may_complete("user-1", "user-2")


ENGAGEMENT = {"kind": "membership", "title": "Eurocities"}


def _sub(case_id: str, status: CaseStatus = CaseStatus.SUBMITTED, submitter: str = "user-1",
         **engagement: str) -> Submission:
    return Submission(case_id=case_id, submitter_id=submitter, status=status,
                      engagement={**ENGAGEMENT, **engagement})


@pytest.mark.parametrize("status", [CaseStatus.SUBMITTED, CaseStatus.ON_AGENDA,
                                    CaseStatus.NEEDS_COMPLETION])
def test_the_same_engagement_sent_again_while_the_first_is_open_is_a_duplicate(
        status: CaseStatus) -> None:
    assert is_duplicate(_sub("SK-2026-0002"), _sub("SK-2026-0001", status))


@pytest.mark.parametrize("status", [CaseStatus.ACCEPTED, CaseStatus.DECLINED,
                                    CaseStatus.WITHDRAWN])
def test_sent_again_once_the_first_is_decided_or_withdrawn_it_is_a_new_case(
        status: CaseStatus) -> None:
    assert not is_duplicate(_sub("SK-2026-0002"), _sub("SK-2026-0001", status))


def test_another_submitter_or_another_engagement_is_no_duplicate() -> None:
    new = _sub("SK-2026-0002")
    assert not is_duplicate(new, _sub("SK-2026-0001", submitter="user-2"))
    assert not is_duplicate(new, _sub("SK-2026-0001", title="Eurocities 2027"))


def test_a_case_is_no_duplicate_of_itself() -> None:
    assert not is_duplicate(_sub("SK-2026-0001"), _sub("SK-2026-0001"))
