"""The dialogs' side of issue 16's buttons: what "Återkalla", "Exportera registret",
"misslyckade" and "Försök igen" become (effects for the bot), pure."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from cards import verbs
from dialogs import ib
from dialogs.conversation import handle
from dialogs.turn import ExportRegister, RetryDeliveries, ShowFailed, Turn, Withdraw

TODAY = date(2026, 11, 22)


def _effect(**turn: Any) -> Any:
    _conv, _user, reply = handle(None, None, Turn(**turn), today=TODAY)
    return reply.effect


def test_withdraw_asks_first_and_the_second_press_confirms() -> None:
    assert _effect(verb=verbs.CASES_WITHDRAW, data={"case": " SK-2026-0042 "}) == Withdraw(
        case_id="SK-2026-0042")
    assert _effect(verb=verbs.CASES_WITHDRAW_CONFIRM, data={"case": "SK-2026-0042"}) == Withdraw(
        case_id="SK-2026-0042", confirmed=True)
    assert _effect(verb=verbs.CASES_WITHDRAW, data={}) == Withdraw(case_id=None)


@pytest.mark.parametrize("text", ["misslyckade", "Misslyckade utskick!", "failed",
                                  "<at>Strategikollen</at> failed deliveries"])
def test_the_failed_deliveries_are_asked_for_in_either_language(text: str) -> None:
    assert _effect(text=text) == ShowFailed()
    assert _effect(verb=verbs.IB_FAILED) == ShowFailed()


def test_the_export_is_an_effect_for_the_bot() -> None:
    assert _effect(verb=verbs.IB_EXPORT) == ExportRegister()


def test_retry_takes_the_ids_a_card_carries_once_each_and_drops_anything_else() -> None:
    assert ib.retry({"ids": [3, "4", 3, -1, 0, "x", True, None, 2.5, " 7 "]}) == RetryDeliveries(
        ids=(3, 4, 7))
    assert ib.retry({"ids": "3"}) == RetryDeliveries(ids=())
    assert ib.retry({}) == RetryDeliveries(ids=())
    many = ib.retry({"ids": list(range(1, 500))})
    assert many.ids == tuple(range(1, ib.MAX_RETRY_IDS + 1))
    assert _effect(verb=verbs.IB_RETRY, data={"ids": [5]}) == RetryDeliveries(ids=(5,))
