"""The cards of a case sent to the International Committee (IB): what each person sees,
which buttons each status offers, and that nothing a user typed can become Markdown."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from cards import verbs
from cards.escape import escape
from cards.ib import (
    FailedDelivery,
    agenda_card,
    allowed_actions,
    failed_deliveries_card,
    ib_card,
    my_cases_card,
    new_version_card,
    notification_card,
    reminder_card,
    sent_card,
    withdraw_confirm_card,
)
from cards.result import result_card
from ibcase import CaseStatus, status_label
from policy import Owner

from .cardtools import action, by_id, executes, inputs, texts, walk
from .ibviews import HOSTILE, STATUSES, event, view

IB_VERBS = [verbs.IB_ACCEPT, verbs.IB_DECLINE, verbs.IB_REQUEST_COMPLETION, verbs.IB_TO_AGENDA]

# What IB members may do from each status, written out (not derived from
# ibcase.TRANSITIONS).
BUTTONS: dict[str, list[str]] = {
    "submitted": IB_VERBS,
    "on_agenda": [verbs.IB_ACCEPT, verbs.IB_DECLINE, verbs.IB_REQUEST_COMPLETION],
    "needs_completion": [verbs.IB_ACCEPT, verbs.IB_DECLINE, verbs.IB_TO_AGENDA],
    "accepted": [verbs.IB_TO_AGENDA],
    "declined": [verbs.IB_TO_AGENDA],
    "withdrawn": [],
}


def _verbs(card: dict[str, Any]) -> list[str]:
    return [a["verb"] for a in executes(card)]


# --- the buttons each status offers --------------------------------------------------


def test_the_buttons_each_status_offers_are_the_ones_written_out_above() -> None:
    assert set(STATUSES) == set(BUTTONS) == {s.value for s in CaseStatus}
    for status in STATUSES:
        assert list(allowed_actions(status)) == BUTTONS[status], status


# --- the IB card ----------------------------------------------------------------------


@pytest.mark.parametrize("status", STATUSES)
def test_a_member_gets_exactly_the_buttons_the_status_allows(status: str) -> None:
    card = ib_card(view(status=status), "sv", member=True)
    assert _verbs(card) == BUTTONS[status]
    for a in executes(card):
        assert a["data"] == {"case": "SK-2026-0042", "verb": a["verb"]}
        assert a["associatedInputs"] == "auto"
    ids = set(inputs(card))
    if not BUTTONS[status]:
        assert ids == set()
        assert "Återkallat" in by_id(card, "no-actions")["text"]
    else:
        assert "comment" in ids
        assert ("meeting_date" in ids) == (verbs.IB_TO_AGENDA in BUTTONS[status])


def test_an_accepted_case_offers_a_member_only_to_put_it_on_the_agenda() -> None:
    card = ib_card(view(status="accepted"), "sv", member=True)
    assert [a["title"] for a in executes(card)] == ["Till dagordning"]


@pytest.mark.parametrize("status", STATUSES)
def test_everyone_else_sees_the_case_read_only(status: str) -> None:
    card = ib_card(view(status=status), "sv", member=False)
    assert executes(card) == []
    assert inputs(card) == {}
    assert by_id(card, "status")["items"][0]["text"] == f"Status: {status_label(status, 'sv')}"


def test_a_members_inputs_are_a_long_comment_and_a_meeting_date_kept_as_typed() -> None:
    card = ib_card(view(), "en", member=True, comment="Needs the programme",
                   meeting_date="2026-12-10")
    comment, meeting = inputs(card)["comment"], inputs(card)["meeting_date"]
    assert comment["type"] == "Input.Text"
    assert comment["isMultiline"] is True
    assert comment["maxLength"] == 2000
    assert comment["value"] == "Needs the programme"
    assert meeting["type"] == "Input.Date"
    assert meeting["value"] == "2026-12-10"
    assert [a["title"] for a in executes(card)] == [
        "Accept", "Decline", "Ask for completion", "Put on the agenda"]


def test_a_problem_is_shown_right_under_its_input() -> None:
    card = ib_card(view(), "sv", member=True, errors={
        "comment": "Skriv en kommentar.", "meeting_date": "Ange datum."})
    items = by_id(card, "act")["items"]
    ids = [el.get("id") for el in items]
    for field, message in (("comment", "Skriv en kommentar."), ("meeting_date", "Ange datum.")):
        error = items[ids.index(f"error-{field}")]
        assert error["text"] == escape(f"⚠ {message}")
        assert error["color"] == "Attention"
        # the input, its help, then its problem
        assert ids.index(f"error-{field}") == ids.index(field) + 2


def test_without_problems_no_error_is_shown() -> None:
    card = ib_card(view(), "sv", member=True)
    assert not [el for el in walk(card) if str(el.get("id", "")).startswith("error-")]


def test_a_notice_comes_first_and_is_escaped() -> None:
    card = ib_card(view(), "sv", member=True, notice="Tillstyrkt av *Anna*")
    first = card["body"][0]
    assert first["id"] == "notice"
    assert first["items"][0]["text"] == escape("Tillstyrkt av *Anna*")
    assert "notice" not in {el.get("id") for el in walk(ib_card(view(), "sv", member=True))}


def test_refresh_asks_teams_to_show_members_their_buttons() -> None:
    assert "refresh" not in ib_card(view(), "sv", member=False)
    card = ib_card(view(), "sv", member=False, refresh_user_ids=["29:a", "29:b"])
    assert card["refresh"] == {
        "action": {"type": "Action.Execute", "verb": verbs.IB_REFRESH,
                   "data": {"case": "SK-2026-0042"}},
        "userIds": ["29:a", "29:b"],
    }
    everyone = ib_card(view(), "sv", member=False, refresh_user_ids=[])
    assert everyone["refresh"] == {"action": card["refresh"]["action"]}


def test_the_card_shows_summary_verdict_owner_priority_and_cost() -> None:
    v = view(status="on_agenda", meeting_date=date(2026, 12, 10),
             last_event=event("on_agenda", None, date(2026, 12, 10)))
    card = ib_card(v, "sv", member=False)
    lines = texts(card)
    a = v.assessment
    assert by_id(card, "title")["text"] == escape(v.engagement.title)
    assert "Ärende SK-2026-0042" in lines
    assert "Kostnad: 15\u00a0000\u00a0kr" in lines
    assert "Datum: 2025-11-19 – 2025-11-20" in lines
    assert "Motpart: " + escape("Combat Antisemitism Movement och Paris stad, Frankrike, "
                                "civilsamhälle") in lines
    assert "Inlämnat\u00a0av: Anna Berg (Kulturförvaltningen)" in lines
    assert by_id(card, "meeting")["text"] == "Sammanträde 2026-12-10"
    assert "2026-11-30 14:05: Erik Johansson förde upp ärendet på dagordningen." in lines
    # the verdict is advice, said once, as on the result card
    assert by_id(card, "verdict")["items"][1]["text"] == escape(a.advisory)
    assert [line for line in lines if "Rådgivande" in line] == [escape(a.advisory)]
    assert by_id(card, f"owner-{a.decision_owner.value}")
    assert by_id(card, "priority")["text"] == "Prioritet: låg"
    for f in a.priority_factors:
        assert f"{f.label}: {f.points:+d}" in lines


def test_the_findings_are_collapsed_behind_one_link() -> None:
    v = view()
    card = ib_card(v, "en", member=False)
    hidden = by_id(card, "findings")
    assert hidden["isVisible"] is False
    (toggle,) = [el for el in walk(card) if el["type"] == "Action.ToggleVisibility"
                 and el["targetElements"] == ["findings"]]
    assert toggle["title"] == f"Show the reasons ({len(v.assessment.findings)})"
    shown = texts(hidden)
    for f in v.assessment.findings:
        assert escape(f"{f.rule}: {f.message}") in shown


@pytest.mark.parametrize(("lang", "cost", "shown"), [
    ("sv", 12500, "12\u00a0500\u00a0kr"), ("en", 12500, "SEK\u00a012,500"),
    ("sv", 1400000.4, "1\u00a0400\u00a0000\u00a0kr"), ("sv", None, "okänd"),
    ("en", None, "unknown"), ("sv", 0, "0\u00a0kr"),
])
def test_the_cost_reads_the_readers_way(lang: str, cost: float | None, shown: str) -> None:
    card = ib_card(view(lang=lang, changes={"cost_sek": cost}), lang, member=False)  # type: ignore[arg-type]
    label = "Kostnad" if lang == "sv" else "Cost"
    assert f"{label}: {shown}" in texts(card)


def test_a_case_for_preparation_is_marked_with_who_decides() -> None:
    ks = view("ctpn-membership.json")
    assert ks.prepare
    assert ks.assessment.decision_owner is Owner.KS
    assert by_id(ib_card(ks, "sv", member=False), "prepare")["text"] == (
        "För beredning i IB – beslutet fattas av kommunstyrelsen.")
    en = view("ctpn-membership.json", "en")
    assert by_id(ib_card(en, "en", member=False), "prepare")["text"].startswith(
        "For preparation in IB – the decision is made by the City Executive Board")
    ib = view()
    assert not ib.prepare
    assert "prepare" not in {el.get("id") for el in walk(ib_card(ib, "sv", member=False))}


def test_the_latest_event_its_comment_and_the_review_date_are_shown() -> None:
    v = view("ctpn-membership.json", status="accepted", review_due=date(2030, 11, 30),
             last_event=event("accepted", "Följ upp nyttan."))
    lines = texts(ib_card(v, "sv", member=False))
    assert "2026-11-30 14:05: Erik Johansson tillstyrkte ärendet." in lines
    assert "Kommentar från Erik Johansson:" in lines
    assert escape("”Följ upp nyttan.”") in lines
    assert "Omprövas senast 2030-11-30" in lines


def test_an_event_of_a_kind_the_cards_do_not_know_still_says_who_and_when() -> None:
    v = view(last_event=event("", None))
    assert "2026-11-30 14:05: Erik Johansson ändrade ärendet." in texts(
        ib_card(v, "sv", member=False))


# --- nothing a user typed becomes Markdown ---------------------------------------------

_LINK = re.compile(r"\]\(|https?://|www\.")


def _hostile_view(status: str = "needs_completion") -> Any:
    return view(
        changes={"title": HOSTILE, "unit": HOSTILE, "description": HOSTILE,
                 "counterpart": {"name": HOSTILE, "country": HOSTILE}},
        status=status, submitter_name=HOSTILE, submitter_unit=HOSTILE,
        last_event=event(status, HOSTILE, actor_name=HOSTILE), review_due=date(2030, 1, 1),
    )


def _all_cards(v: Any, lang: str) -> list[dict[str, Any]]:
    return [
        ib_card(v, lang, member=True, notice=HOSTILE, errors={"comment": HOSTILE}),  # type: ignore[arg-type]
        sent_card(v, lang), sent_card(v, lang, new_version=True),  # type: ignore[arg-type]
        notification_card(v, lang), my_cases_card([v], lang),  # type: ignore[arg-type]
        agenda_card(date(2026, 12, 10), [v], 1, [v], lang),  # type: ignore[arg-type]
        new_version_card(v, lang), reminder_card(v, lang, days_left=3),  # type: ignore[arg-type]
    ]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_hostile_titles_names_units_and_comments_are_shown_as_plain_text(lang: str) -> None:
    v = _hostile_view()
    for card in _all_cards(v, lang):
        lines = texts(card)
        assert any(escape(HOSTILE) in line for line in lines), card["body"][0]
        for line in lines:
            assert not _LINK.search(line), line
            assert "**" not in line, line
            assert "<b>" not in line, line


def test_hostile_text_on_the_cards_renders_without_a_link_through_markdown_it() -> None:
    from .test_escape_rendered import MARKDOWN_IT, NODE, _render

    if NODE is None or not MARKDOWN_IT.is_dir():
        pytest.skip("needs node and node_modules/markdown-it (npm ci)")
    lines = [line for card in _all_cards(_hostile_view(), "sv") for line in texts(card)
             if "Klicka" in line]
    assert lines
    for html in _render(lines):
        assert not re.search(r"<(a|strong|em|b)\b", html), html


# --- the submitter's cards ------------------------------------------------------------


def test_a_request_for_completion_offers_komplettera_with_the_values_kept() -> None:
    v = view(status="needs_completion", last_event=event("needs_completion", "Bifoga programmet."))
    card = notification_card(v, "sv")
    assert _verbs(card) == [verbs.CASES_COMPLETE, verbs.CASES_MINE]
    complete = action(card, verbs.CASES_COMPLETE)
    assert complete["title"] == "Komplettera"
    assert complete["data"] == {"case": "SK-2026-0042", "values": dict(v.values),
                                "verb": verbs.CASES_COMPLETE}
    lines = texts(card)
    assert "Ärende SK-2026-0042: Begärd komplettering" in lines
    assert "2026-11-30 14:05: Erik Johansson begärde komplettering." in lines
    assert "”Bifoga programmet.”" in lines


@pytest.mark.parametrize("status", ["accepted", "declined", "on_agenda", "withdrawn"])
def test_other_notifications_offer_only_my_cases(status: str) -> None:
    v = view(status=status, last_event=event(status, None, date(2026, 12, 10)),
             meeting_date=date(2026, 12, 10))
    card = notification_card(v, "en")
    assert _verbs(card) == [verbs.CASES_MINE]
    assert action(card, verbs.CASES_MINE)["title"] == "My cases"
    if status == "on_agenda":
        assert by_id(card, "meeting")["text"] == "Meeting on 2026-12-10"


def test_my_cases_shows_each_case_and_komplettera_while_it_takes_a_new_version() -> None:
    views = [view(case_id=f"SK-2026-{n:04d}", status=s, last_event=event(s))
             for n, s in enumerate(STATUSES, 1)]
    card = my_cases_card(views, "sv")
    for v in views:
        box = by_id(card, f"case-{v.id}")
        lines = texts(box)
        assert escape(v.engagement.title) in lines
        assert status_label(v.status, "sv") in lines
        assert any(v.id in line and escape(v.assessment.decision_owner_label) in line
                   for line in lines)
        completes = [a for a in executes(box) if a["verb"] == verbs.CASES_COMPLETE]
        assert bool(completes) == (v.status in {"needs_completion", "submitted", "on_agenda"})
        for a in completes:
            assert a["data"]["case"] == v.id
            assert a["data"]["values"] == dict(v.values)


def test_my_cases_shows_the_meeting_date_and_the_review_date() -> None:
    v = view(status="on_agenda", meeting_date=date(2026, 12, 10), last_event=event("on_agenda"))
    assert any("Sammanträde 2026-12-10" in line for line in texts(my_cases_card([v], "sv")))
    w = view(status="accepted", review_due=date(2030, 11, 30), last_event=event("accepted"))
    assert any("ändrat 2026-11-30 14:05 · Omprövas senast 2030-11-30" in line
               for line in texts(my_cases_card([w], "sv")))


@pytest.mark.parametrize(("lang", "empty"), [
    ("sv", "Du har inga ärenden ännu."), ("en", "You have no cases yet.")])
def test_my_cases_empty_says_how_to_get_one(lang: str, empty: str) -> None:
    card = my_cases_card([], lang)  # type: ignore[arg-type]
    assert any(line.startswith(empty) for line in texts(card))
    assert _verbs(card) == [verbs.WIZARD_START]


def test_sent_card_says_where_it_went_and_offers_my_cases() -> None:
    ib = sent_card(view(), "sv")
    assert "Skickat till IB" in texts(ib)
    assert _verbs(ib) == [verbs.CASES_MINE, verbs.WIZARD_START, verbs.CASES_WITHDRAW]
    ks = sent_card(view("ctpn-membership.json"), "sv")
    assert any("för beredning inför beslut av kommunstyrelsen" in line for line in texts(ks))
    again = sent_card(view(version=2), "en", new_version=True)
    assert "New version sent to IB" in texts(again)
    assert any(line.startswith("Version 2 of your case") for line in texts(again))


def test_new_version_card_names_the_version_and_who_sent_it() -> None:
    card = new_version_card(view(version=3), "sv")
    assert card["body"][0]["text"] == "Version 3 från Anna Berg"
    assert executes(card) == []


@pytest.mark.parametrize(("days", "sv", "en"), [
    (90, "Ärendet ska omprövas senast 2027-02-28, om 90 dagar.",
     "The case is to be reviewed by 2027-02-28, in 90 days."),
    (1, "Ärendet ska omprövas senast 2027-02-28, i morgon.",
     "The case is to be reviewed by 2027-02-28, tomorrow."),
    (0, "Ärendet ska omprövas senast i dag, 2027-02-28.",
     "The case is to be reviewed by today, 2027-02-28."),
    (-2, "Ärendet skulle ha omprövats senast 2027-02-28.",
     "The case was to be reviewed by 2027-02-28."),
])
def test_reminder_says_when_the_review_is_due_and_what_to_do(days: int, sv: str,
                                                              en: str) -> None:
    v = view("ctpn-membership.json", status="accepted", review_due=date(2027, 2, 28))
    for lang, when in (("sv", sv), ("en", en)):
        card = reminder_card(v, lang, days_left=days)  # type: ignore[arg-type]
        assert by_id(card, "when")["text"] == when
        assert _verbs(card) == [verbs.WIZARD_EDIT, verbs.CASES_MINE]
        assert action(card, verbs.WIZARD_EDIT)["data"]["values"] == dict(v.values)


# --- the agenda -----------------------------------------------------------------------


def test_the_agenda_lists_the_items_in_the_order_given_with_their_total_cost() -> None:
    a = view("ctpn-membership.json", case_id="SK-2026-0003", status="on_agenda")
    b = view(case_id="SK-2026-0007", status="on_agenda")
    c = view(case_id="SK-2026-0009", status="on_agenda", changes={"cost_sek": None})
    card = agenda_card(date(2026, 12, 10), [a, b, c], 1415000, [], "sv")
    assert card["body"][0]["text"] == "Dagordning – sammanträde 2026-12-10"
    items = [el["id"] for el in walk(card) if str(el.get("id", "")).startswith("item-")]
    assert items == ["item-SK-2026-0003", "item-SK-2026-0007", "item-SK-2026-0009"]
    assert any("Prioritet: hög" in line and "1\u00a0400\u00a0000\u00a0kr" in line
               for line in texts(by_id(card, "item-SK-2026-0003")))
    assert "För beredning i IB – beslutet fattas av kommunstyrelsen" in texts(
        by_id(card, "item-SK-2026-0003"))
    assert by_id(card, "total")["text"] == "Summa: 1\u00a0415\u00a0000\u00a0kr"
    assert "Kostnaden är okänd för 1 av ärendena och ingår inte i summan." in texts(card)
    en = agenda_card(date(2026, 12, 10), [a, b], 1415000, [], "en")
    assert by_id(en, "total")["text"] == "Total: SEK\u00a01,415,000"
    assert not any("unknown" in line for line in texts(en))


def test_the_agenda_lists_reviews_coming_up_and_says_when_there_is_nothing() -> None:
    due = view("ctpn-membership.json", case_id="SK-2022-0001", status="accepted",
               review_due=date(2027, 1, 15))
    card = agenda_card(None, [], 0, [due], "en")
    assert card["body"][0]["text"] == "Agenda"
    assert by_id(card, "agenda-empty")["text"] == "No cases are on the agenda."
    assert "total" not in {el.get("id") for el in walk(card)}
    assert by_id(card, "reviews")["text"] == "Reviews coming up"
    assert any("To be reviewed by 2027-01-15" in line
               for line in texts(by_id(card, "review-SK-2022-0001")))
    empty = agenda_card(None, [], 0, [], "sv")
    assert by_id(empty, "reviews")["text"] == "Omprövningar som närmar sig"
    assert by_id(empty, "reviews-empty")["text"] == "Inga omprövningar närmar sig."


# --- the result card's send button ----------------------------------------------------


def _result(file_name: str, case_id: str | None = None) -> tuple[Any, dict[str, Any]]:
    v = view(file_name)
    return v, result_card(v.assessment, title=v.engagement.title,
                          kind=v.engagement.kind.value, values=v.values, lang="sv",
                          case_id=case_id)


@pytest.mark.parametrize(("file_name", "title", "prepare", "style"), [
    ("paris-summit.json", "Skicka till IB", False, "positive"),  # Finance Commissioner
    ("ctpn-membership.json", "Skicka till IB för beredning", True, "positive"),  # KS
    ("taipei-twinning.json", "Skicka till IB för beredning", True, None),  # KF, not compatible
])
def test_the_result_card_sends_to_ib_where_ib_has_a_part(file_name: str, title: str,
                                                         prepare: bool,
                                                         style: str | None) -> None:
    v, card = _result(file_name)
    send = action(card, verbs.IB_SEND)
    assert send["title"] == title
    assert send.get("style") == style, "sending is not urged when the verdict is negative"
    assert send["data"] == {"values": dict(v.values), "prepare": prepare, "verb": verbs.IB_SEND}
    assert [a["verb"] for a in card["actions"]] == [verbs.WIZARD_EDIT, verbs.WIZARD_START]


def test_a_committees_own_matter_has_no_send_button() -> None:
    v, card = _result("school-visit.json")
    assert v.assessment.decision_owner is Owner.NAMND
    assert _verbs(card) == [verbs.WIZARD_EDIT, verbs.WIZARD_START]


def test_a_completed_case_is_sent_as_a_new_version_of_the_same_case() -> None:
    v, card = _result("paris-summit.json", case_id="SK-2026-0042")
    assert verbs.IB_SEND not in _verbs(card)
    resubmit = action(card, verbs.CASES_RESUBMIT)
    assert resubmit["title"] == "Skicka ny version till SK-2026-0042"
    assert resubmit["data"] == {"case": "SK-2026-0042", "values": dict(v.values),
                                "verb": verbs.CASES_RESUBMIT}


def test_every_status_has_a_label_and_a_card_in_both_languages() -> None:
    for status in STATUSES:
        for lang in ("sv", "en"):
            v = replace(view(lang=lang), status=status)
            assert status_label(status, lang) in " ".join(texts(ib_card(v, lang, member=True)))


# --- withdraw ("Återkalla") ------------------------------------------------------------


def test_my_cases_offers_withdraw_only_while_the_case_waits_for_ib() -> None:
    views = [view(case_id=f"SK-2026-{n:04d}", status=s) for n, s in enumerate(STATUSES, 1)]
    card = my_cases_card(views, "sv")
    for v in views:
        withdraws = [a for a in executes(by_id(card, f"case-{v.id}"))
                     if a["verb"] == verbs.CASES_WITHDRAW]
        assert bool(withdraws) == (v.status in {"submitted", "needs_completion"}), v.status
        for a in withdraws:
            assert a["data"] == {"case": v.id, "verb": verbs.CASES_WITHDRAW}
            assert a["title"] == "Återkalla"
    decided = sent_card(view(status="on_agenda"), "sv")
    assert verbs.CASES_WITHDRAW not in _verbs(decided)


def test_my_cases_shows_what_came_of_a_press_on_top_escaped() -> None:
    card = my_cases_card([view()], "en", notice="Case *SK-2026-0042* has been withdrawn.")
    assert by_id(card, "notice")["items"][0]["text"] == escape(
        "Case *SK-2026-0042* has been withdrawn.")
    assert card["body"][0]["id"] == "notice"


@pytest.mark.parametrize(("lang", "title", "yes"), [
    ("sv", "Återkalla ärende SK-2026-0042?", "Ja, återkalla"),
    ("en", "Withdraw case SK-2026-0042?", "Yes, withdraw"),
])
def test_the_confirmation_says_what_withdrawing_means_and_asks_once_more(
    lang: str, title: str, yes: str,
) -> None:
    card = withdraw_confirm_card(view(), lang)  # type: ignore[arg-type]
    assert card["body"][0]["text"] == title
    confirm, keep = executes(card)
    assert (confirm["verb"], confirm["title"], confirm["style"]) == (
        verbs.CASES_WITHDRAW_CONFIRM, yes, "destructive")
    assert confirm["data"]["case"] == "SK-2026-0042"
    assert keep["verb"] == verbs.CASES_MINE


# --- the agenda's buttons and the failed deliveries ---------------------------------------


def test_the_agenda_offers_the_export_and_the_failed_deliveries() -> None:
    card = agenda_card(None, [], 0, [], "sv")
    assert _verbs(card) == [verbs.IB_EXPORT, verbs.IB_FAILED]
    assert [a["title"] for a in executes(card)] == ["Exportera registret", "Misslyckade utskick"]


def _failed(n: int, kind: str, case_id: str | None, *, to_channel: bool) -> FailedDelivery:
    return FailedDelivery(id=n, kind=kind, case_id=case_id, to_channel=to_channel,
                          queued_at="2026-11-22 09:00", last_tried_at="2026-11-22 09:40",
                          attempts=8, error="403 Forbidden: *bot* removed from [team](x)")


def test_the_failed_deliveries_say_what_to_whom_when_and_why_and_offer_a_retry_each() -> None:
    items = [_failed(7, "notify", "SK-2026-0042", to_channel=False),
             _failed(5, "post", "SK-2026-0041", to_channel=True),
             _failed(3, "notify", None, to_channel=False)]
    card = failed_deliveries_card(items, "sv")
    seven = texts(by_id(card, "failed-7"))
    assert seven[0] == "Nr 7 · SK-2026-0042: Meddelande till inlämnaren av SK-2026-0042"
    assert "Köat 2026-11-22 09:00 · senast försökt 2026-11-22 09:40 · försök: 8" in seven
    assert escape("Fel: 403 Forbidden: *bot* removed from [team](x)") in seven
    assert texts(by_id(card, "failed-5"))[0] == "Nr 5 · SK-2026-0041: Ärendets inlägg till IB-kanalen"
    assert texts(by_id(card, "failed-3"))[0] == "Nr 3 · Meddelande till en användares chatt"
    retries = [a for a in executes(card) if a["verb"] == verbs.IB_RETRY]
    assert [a["data"]["ids"] for a in retries] == [[7], [5], [3], [7, 5, 3]]
    assert retries[-1]["title"] == "Försök igen med alla (3)"


def test_no_failed_deliveries_says_so_in_english_too() -> None:
    card = failed_deliveries_card([], "en", notice="Queued again: no. 4.")
    assert "No deliveries have failed." in texts(card)
    assert "Queued again: no. 4." in texts(card)
    assert _verbs(card) == [verbs.IB_FAILED]
