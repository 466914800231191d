"""IB in the dialogs: the typed commands, sending a screening to IB, "Komplettera" and the
new version, IB members' inputs, the agenda's order and the views of a case. Pure: the
dialogs only ask for effects; tests/bot/test_ib_flow.py has them performed."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from cards import verbs
from cards.ib import CaseView
from dialogs import ib
from dialogs.fields import to_contract, to_values
from dialogs.turn import SendToIb
from ibcase import MAX_COMMENT_LENGTH
from policy import Engagement, Kind, Owner, Priority, Verdict, assess, parse_engagement

from ..cards.cardtools import action, executes, inputs
from .chat import TODAY, Chat

CASES = Path(__file__).resolve().parents[1] / "cases"


def _engagement(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((CASES / f"{name}.json").read_text("utf-8"))
    return data["engagement"]


def _values(name: str) -> dict[str, str]:
    return to_values(_engagement(name))


# --- typed commands ----------------------------------------------------------------------


@pytest.mark.parametrize(("text", "op"), [
    ("registrera IB-kanal", "register_ib"),
    ("<at>Strategikollen</at> Registrera IB-kanal.", "register_ib"),
    ("register IB channel", "register_ib"),
    ("  REGISTER IB CHANNEL! ", "register_ib"),
    ("dagordning", "agenda"),
    ("<at>Strategikollen</at> dagordning?", "agenda"),
    ("Agenda", "agenda"),
    ("mina ärenden", "my_cases"),
    ("Mina ärenden!", "my_cases"),
    ("my cases", "my_cases"),
])
def test_the_ib_commands_are_understood_typed_either_way(text: str, op: str) -> None:
    reply = Chat().say(text)
    assert reply.effect is not None
    assert reply.effect.kind == op
    assert reply.cards == []


def test_mina_alone_is_still_my_recent_assessments_not_my_cases() -> None:
    reply = Chat().say("mina")
    assert reply.effect is None
    assert reply.cards


def test_the_my_cases_button_asks_for_the_users_cases() -> None:
    reply = Chat().click(verbs.CASES_MINE)
    assert reply.effect is not None
    assert reply.effect.kind == "my_cases"


def test_a_cards_refresh_asks_for_the_case_it_shows() -> None:
    reply = Chat().click(verbs.IB_REFRESH, {"case": "SK-2026-0007"})
    assert reply.effect is not None
    assert (reply.effect.kind, reply.effect.case_id) == ("ib_refresh", "SK-2026-0007")


# --- sending to IB ----------------------------------------------------------------------------


@pytest.mark.parametrize("prepare", [False, True])
def test_sending_to_ib_parses_and_assesses_the_values_again_today(prepare: bool) -> None:
    values = _values("paris-summit")
    reply = Chat().click(verbs.IB_SEND, {"values": values, "prepare": prepare})
    effect = reply.effect
    assert effect is not None
    assert effect.kind == "send_to_ib"
    assert effect.prepare is prepare
    assert isinstance(effect, SendToIb)  # a new case: no case id
    engagement = parse_engagement(effect.engagement)
    assert engagement == parse_engagement(to_contract(values, Kind.CONFERENCE))
    expected = assess(engagement, "sv", today=TODAY)
    assert effect.assessment == expected.model_dump(mode="json")
    assert effect.assessment["decision_owner"] == Owner.FINANSBORGARRADET_IB.value
    assert effect.assessment["screened_on"] == TODAY.isoformat()


def test_sending_values_that_no_longer_validate_reopens_the_wizard_with_the_problems() -> None:
    values = {**_values("paris-summit"), "title": "", "end_date": "2025-11-01"}
    chat = Chat()
    reply = chat.click(verbs.IB_SEND, {"values": values, "prepare": False})
    assert reply.effect is None
    card = reply.cards[0]
    assert "title" in inputs(card)  # the details step, where the first problem is
    wizard = chat.state["wizard"]
    assert wizard["step"] == "details"
    assert set(wizard["errors"]) >= {"title", "end_date"}
    assert wizard["values"] == values  # nothing lost


def test_sending_without_values_is_not_sent() -> None:
    chat = Chat()
    reply = chat.click(verbs.IB_SEND, {"prepare": False})
    assert reply.effect is None
    assert chat.state["wizard"]["step"] == "kind"


# --- Komplettera: the case's next version --------------------------------------------------


def test_komplettera_reopens_the_wizard_at_the_details_with_the_values_and_the_case() -> None:
    values = _values("paris-summit")
    chat = Chat()
    card = chat.click(verbs.CASES_COMPLETE, {"case": "SK-2026-0003", "values": values}).cards[0]
    assert inputs(card)["title"]["value"] == values["title"]
    wizard = chat.state["wizard"]
    assert (wizard["step"], wizard["case_id"]) == ("details", "SK-2026-0003")
    assert wizard["values"] == values


def test_a_completed_screening_offers_to_send_the_new_version_to_the_same_case() -> None:
    values = _values("paris-summit")
    chat = Chat()
    chat.click(verbs.CASES_COMPLETE, {"case": "SK-2026-0003", "values": values})
    chat.click(verbs.WIZARD_NEXT, {"step": "details", **{
        n: values.get(n, "") for n in inputs(chat.card)}})
    chat.click(verbs.WIZARD_NEXT, {"step": "questions", **{
        n: values.get(n, "") for n in inputs(chat.card)}})
    result = chat.click(verbs.WIZARD_ASSESS, {"step": "summary"}).cards[0]
    button = action(result, verbs.CASES_RESUBMIT)
    assert button["data"]["case"] == "SK-2026-0003"
    assert "SK-2026-0003" in button["title"]
    assert verbs.IB_SEND not in {a["verb"] for a in executes(result)}
    reply = chat.click(verbs.CASES_RESUBMIT, button["data"])
    assert reply.effect is not None
    assert (reply.effect.kind, reply.effect.case_id) == ("resubmit", "SK-2026-0003")
    assert parse_engagement(reply.effect.engagement).title == values["title"]


def test_a_new_version_that_does_not_validate_keeps_the_case_and_every_value() -> None:
    values = {**_values("paris-summit"), "title": ""}
    chat = Chat()
    reply = chat.click(verbs.CASES_RESUBMIT, {"case": "SK-2026-0003", "values": values})
    assert reply.effect is None
    wizard = chat.state["wizard"]
    assert wizard["case_id"] == "SK-2026-0003"
    assert wizard["values"] == values
    assert "title" in wizard["errors"]


def test_a_new_version_without_a_case_is_an_unknown_action() -> None:
    reply = Chat().click(verbs.CASES_RESUBMIT, {"values": _values("paris-summit")})
    assert reply.effect is None
    assert reply.cards


# --- IB members' inputs -----------------------------------------------------------------------


def _act(verb: str, **data: Any) -> Any:
    reply = Chat().click(verb, {"case": "SK-2026-0001", **data})
    assert reply.effect is not None
    assert reply.effect.kind == "ib_action"
    return reply.effect


@pytest.mark.parametrize(("verb", "status"), [
    (verbs.IB_ACCEPT, "accepted"),
    (verbs.IB_DECLINE, "declined"),
])
def test_accept_and_decline_take_an_optional_comment(verb: str, status: str) -> None:
    plain = _act(verb)
    assert (plain.status, plain.comment, plain.errors) == (status, None, {})
    commented = _act(verb, comment="  Bra förslag  ")
    assert (commented.case_id, commented.comment) == ("SK-2026-0001", "Bra förslag")


def test_asking_for_completion_needs_a_comment_saying_what_to_add() -> None:
    effect = _act(verbs.IB_REQUEST_COMPLETION, comment="   ")
    assert effect.errors == {"comment": "Skriv en kommentar om vad som behöver kompletteras."}
    ok = _act(verbs.IB_REQUEST_COMPLETION, comment="Ange kostnaden.")
    assert (ok.status, ok.comment, ok.errors) == ("needs_completion", "Ange kostnaden.", {})


def test_a_comment_longer_than_the_register_keeps_is_refused_and_kept_as_typed() -> None:
    long = "x" * (MAX_COMMENT_LENGTH + 1)
    effect = _act(verbs.IB_DECLINE, comment=long)
    assert "comment" in effect.errors
    assert "2\u00a0000" in effect.errors["comment"]
    assert effect.comment == long


def test_to_the_agenda_needs_a_meeting_date_not_before_today() -> None:
    missing = _act(verbs.IB_TO_AGENDA)
    assert set(missing.errors) == {"meeting_date"}
    past = _act(verbs.IB_TO_AGENDA, meeting_date=(TODAY - timedelta(days=1)).isoformat())
    assert past.errors == {"meeting_date": "Sammanträdet kan inte ligga före dagens datum."}
    assert past.meeting_date is None
    assert past.meeting_date_text == (TODAY - timedelta(days=1)).isoformat()
    nonsense = _act(verbs.IB_TO_AGENDA, meeting_date="2025-13-45", comment="Viktigt")
    assert set(nonsense.errors) == {"meeting_date"}
    assert (nonsense.meeting_date_text, nonsense.comment) == ("2025-13-45", "Viktigt")
    today = _act(verbs.IB_TO_AGENDA, meeting_date=TODAY.isoformat())
    assert (today.status, today.meeting_date, today.errors) == ("on_agenda", TODAY, {})


def test_input_problems_are_in_the_users_language() -> None:
    reply = Chat("en-US").click(verbs.IB_TO_AGENDA, {"case": "SK-2026-0001"})
    assert reply.effect is not None
    assert reply.effect.errors == {"meeting_date": "Please give the date of the meeting."}


# --- views and the agenda -----------------------------------------------------------------------


def _view(name: str, case_id: str, *, meeting: date | None = None,
          lang: str = "sv") -> CaseView:
    e = Engagement.model_validate(_engagement(name))
    return ib.case_view(case_id=case_id, status="on_agenda", version=1, engagement=e,
                        screened_on=TODAY, lang=lang,  # type: ignore[arg-type]
                        submitter_name="Anna", meeting_date=meeting)


def test_a_case_view_is_assessed_again_in_the_readers_language_as_of_its_screening() -> None:
    e = Engagement.model_validate(_engagement("paris-summit"))
    screened = date(2025, 6, 1)
    sv = ib.case_view(case_id="SK-2026-0001", status="submitted", version=2, engagement=e,
                      screened_on=screened, lang="sv", submitter_name="Anna Andersson",
                      submitter_unit="Stadsledningskontoret", prepare=True)
    en = ib.case_view(case_id="SK-2026-0001", status="submitted", version=2, engagement=e,
                      screened_on=screened, lang="en", submitter_name="Anna Andersson")
    assert sv.assessment == assess(e, "sv", today=screened)
    assert en.assessment == assess(e, "en", today=screened)
    assert sv.assessment.advisory != en.assessment.advisory
    assert sv.assessment.screened_on == screened
    assert sv.values == to_values(_engagement("paris-summit"))
    assert (sv.version, sv.prepare, sv.submitter_unit) == (2, True, "Stadsledningskontoret")


def test_the_agenda_is_by_priority_then_meeting_date_then_register_order_with_total_cost(
) -> None:
    views = [_view("paris-summit", f"SK-2026-{n:04d}") for n in (10, 9)]
    views += [_view("ctpn-membership", "SK-2026-0002"), _view("school-visit", "SK-2025-0100")]
    ordered, total = ib.agenda(views)
    assert [(v.id, v.assessment.priority) for v in ordered] == [
        ("SK-2026-0002", Priority.HIGH),  # the membership
        ("SK-2025-0100", Priority.MEDIUM),  # the school visit
        ("SK-2026-0009", Priority.LOW),  # the Paris summit twice: 0009 before 0010
        ("SK-2026-0010", Priority.LOW),
    ]
    assert total == sum(v.engagement.cost_sek or 0 for v in views)


def test_of_two_cases_with_the_same_priority_the_earlier_meeting_comes_first() -> None:
    low = _view("paris-summit", "SK-2026-0001", meeting=TODAY)
    assert low.assessment.priority is Priority.LOW
    other = _view("paris-summit", "SK-2026-0002", meeting=TODAY - timedelta(days=1))
    ordered, total = ib.agenda([low, other])
    assert [v.id for v in ordered] == ["SK-2026-0002", "SK-2026-0001"]  # earlier meeting
    assert total == 2 * 15000
    assert ib.agenda([]) == ([], 0.0)


def test_a_case_without_a_cost_adds_nothing_to_the_total() -> None:
    data = {**_engagement("paris-summit")}
    data.pop("cost_sek")
    e = Engagement.model_validate(data)
    view = ib.case_view(case_id="SK-2026-0001", status="on_agenda", version=1, engagement=e,
                        screened_on=TODAY, lang="sv", submitter_name="Anna")
    assert ib.agenda([view, _view("paris-summit", "SK-2026-0002")])[1] == 15000


def test_the_next_meeting_is_the_earliest_date_from_today_on() -> None:
    dates = [TODAY - timedelta(days=3), None, TODAY + timedelta(days=14), TODAY + timedelta(7)]
    assert ib.next_meeting(dates, TODAY) == TODAY + timedelta(days=7)
    assert ib.next_meeting([*dates, TODAY], TODAY) == TODAY
    assert ib.next_meeting([TODAY - timedelta(days=1), None], TODAY) is None


def test_views_of_cases_keep_the_verdict_the_register_would_show() -> None:
    view = _view("ctpn-membership", "SK-2026-0002")
    assert view.assessment.verdict is Verdict.COMPATIBLE_WITH_CONDITIONS
