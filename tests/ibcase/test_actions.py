"""What an IB member's decision needs: a comment to ask for completion, a meeting date
not in the past to put a case on the agenda, no comment over 2,000 characters."""

from __future__ import annotations

from datetime import date

import pytest

from ibcase import MAX_COMMENT_LENGTH, CaseStatus, check_action, clean_comment

TODAY = date(2026, 12, 3)
S = CaseStatus


def test_asking_for_completion_needs_a_comment() -> None:
    refused = check_action(S.NEEDS_COMPLETION, "   ", "", today=TODAY, lang="sv")
    assert refused.errors == {"comment": "Skriv en kommentar om vad som behöver kompletteras."}
    assert not refused.ok
    done = check_action(S.NEEDS_COMPLETION, "  Bifoga budgeten. ", "", today=TODAY, lang="en")
    assert done.ok
    assert done.comment == "Bifoga budgeten."


def test_putting_a_case_on_the_agenda_needs_a_meeting_date() -> None:
    refused = check_action(S.ON_AGENDA, "", "", today=TODAY, lang="en")
    assert refused.errors == {"meeting_date": "Please give the date of the meeting."}


def test_the_meeting_may_be_today_but_not_before() -> None:
    assert check_action(S.ON_AGENDA, "", "2026-12-03", today=TODAY,
                        lang="sv").meeting_date == TODAY
    refused = check_action(S.ON_AGENDA, "", "2026-12-02", today=TODAY, lang="sv")
    assert refused.errors == {"meeting_date": "Sammanträdet kan inte ligga före dagens datum."}
    assert refused.meeting_date is None


def test_a_meeting_date_that_is_no_date_is_reported_in_the_users_language() -> None:
    refused = check_action(S.ON_AGENDA, "", "i morgon", today=TODAY, lang="sv")
    assert set(refused.errors) == {"meeting_date"}


@pytest.mark.parametrize("status", [S.ACCEPTED, S.DECLINED])
def test_accepting_or_declining_needs_neither(status: CaseStatus) -> None:
    done = check_action(status, "", "", today=TODAY, lang="sv")
    assert done.ok
    assert (done.comment, done.meeting_date) == (None, None)


def test_a_comment_of_2000_characters_is_taken_and_one_more_is_refused_as_typed() -> None:
    assert check_action(S.DECLINED, "x" * MAX_COMMENT_LENGTH, "", today=TODAY, lang="sv").ok
    long = "x" * (MAX_COMMENT_LENGTH + 1)
    refused = check_action(S.DECLINED, long, "2026-12-10", today=TODAY, lang="en")
    assert "at most 2,000 characters" in refused.errors["comment"]  # grouped per locale
    assert refused.comment == long
    assert refused.meeting_date is None


def test_the_register_keeps_a_comment_trimmed_and_refuses_a_long_one() -> None:
    assert clean_comment(None) is None
    assert clean_comment("  ") is None
    assert clean_comment(" ok ") == "ok"
    assert clean_comment("x" * MAX_COMMENT_LENGTH) == "x" * MAX_COMMENT_LENGTH
    with pytest.raises(ValueError, match="2000"):
        clean_comment("x" * (MAX_COMMENT_LENGTH + 1))
