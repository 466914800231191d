"""Who may act on a case, register the channel, complete or withdraw a case and queue failed
deliveries again; the duplicate rule.
Each predicate on both sides."""

from __future__ import annotations

import pytest

from ibcase import (
    WITHDRAWABLE,
    CaseStatus,
    Submission,
    WithdrawRefusal,
    is_duplicate,
    is_ib_member,
    may_act,
    may_complete,
    may_manage_deliveries,
    may_move,
    may_register_channel,
    may_withdraw,
    withdraw_refusal,
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


# --- withdrawing a case ("Återkalla") ----------------------------------------------------


def test_the_submitter_may_withdraw_a_case_while_it_waits_for_ib() -> None:
    for status in (CaseStatus.SUBMITTED, CaseStatus.NEEDS_COMPLETION):
        assert may_withdraw("d-1", "D-1 ", status)
        assert withdraw_refusal("d-1", "d-1", status.value) is None


def test_once_ib_has_put_the_case_on_the_agenda_or_decided_it_the_submitter_may_not() -> None:
    for status in (CaseStatus.ON_AGENDA, CaseStatus.ACCEPTED, CaseStatus.DECLINED):
        assert not may_withdraw("d-1", "d-1", status)
        assert withdraw_refusal("d-1", "d-1", status) is WithdrawRefusal.IB_HAS_ACTED


def test_a_withdrawn_case_is_not_withdrawn_twice() -> None:
    assert withdraw_refusal("d-1", "d-1", CaseStatus.WITHDRAWN) is WithdrawRefusal.WITHDRAWN


def test_nobody_but_the_submitter_may_withdraw_and_learns_nothing_of_its_status() -> None:
    for status in CaseStatus:
        assert withdraw_refusal("d-1", "x-2", status) is WithdrawRefusal.NOT_SUBMITTER


def test_every_status_a_submitter_may_withdraw_from_is_one_the_life_cycle_allows() -> None:
    assert WITHDRAWABLE
    assert all(may_move(status, CaseStatus.WITHDRAWN) for status in WITHDRAWABLE)


def test_only_administrators_and_the_secretariat_may_queue_failed_deliveries_again() -> None:
    assert may_manage_deliveries("A-1", ["a-1"], [])
    assert may_manage_deliveries("s-1", [], [" S-1"])
    assert not may_manage_deliveries("m-1", ["a-1"], ["s-1"])
    assert not may_manage_deliveries(None, ["a-1"], ["s-1"])
