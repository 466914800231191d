"""Every card the dialogs can produce is a valid Adaptive Card 1.5, in Swedish and English."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from cards import verbs
from cards.ib import (
    agenda_card,
    ib_card,
    my_cases_card,
    new_version_card,
    notification_card,
    reminder_card,
    sent_card,
)
from cards.mine import MineRow, mine_card
from cards.welcome import error_card, help_card, text_card, welcome_card
from cards.who import prompt_card
from cards.wizard import cancelled_card
from dialogs.fields import details_fields, question_fields, to_values
from policy import Kind, Owner, Verdict

from ..dialogs.chat import CASES, Chat, load_case, sample_values, wizard_through
from .cardtools import by_id, executes, schema_errors, walk
from .ibviews import HOSTILE, STATUSES, event, view

LOCALES = {"sv": "sv-SE", "en": "en-US"}


def _wizard_cards(lang: str) -> Iterator[tuple[str, dict[str, Any]]]:
    for kind in Kind:
        chat = Chat(LOCALES[lang])
        values = sample_values(kind)
        yield f"{kind}-kind", chat.click(verbs.WIZARD_START).cards[0]
        yield f"{kind}-kind-error", chat.click(verbs.WIZARD_NEXT, {"step": "kind"}).cards[0]
        yield f"{kind}-details", chat.click(
            verbs.WIZARD_NEXT, {"step": "kind", "kind": kind.value}).cards[0]
        yield f"{kind}-details-error", chat.click(
            verbs.WIZARD_NEXT, {"step": "details", "title": "",
                                "start_date": "2025-02-02", "end_date": "2025-01-01"}).cards[0]
        yield f"{kind}-questions", chat.click(verbs.WIZARD_NEXT, {
            "step": "details", **{n: values[n] for n in details_fields(kind)}}).cards[0]
        yield f"{kind}-questions-error", chat.click(verbs.WIZARD_NEXT, {
            "step": "questions", **{n: "" for n in question_fields(kind)},
            "cost_sek": "mycket"}).cards[0]
        yield f"{kind}-summary", chat.click(verbs.WIZARD_NEXT, {
            "step": "questions", **{n: values[n] for n in question_fields(kind)}}).cards[0]
        yield f"{kind}-result", chat.click(verbs.WIZARD_ASSESS, {"step": "summary"}).cards[0]
        yield f"{kind}-mine", chat.click(verbs.MINE).cards[0]
        yield f"{kind}-mine-open", chat.click(verbs.MINE_OPEN, {"id": 1}).cards[0]
        yield f"{kind}-edit", chat.click(verbs.WIZARD_EDIT, {"values": values}).cards[0]
        yield f"{kind}-cancelled", chat.click(verbs.WIZARD_CANCEL, {"step": "details"}).cards[0]


# Beyond the worked cases: the school visit with the foreign-policy question answered
# (compatible, since contract §7.1 asks it of every kind), and a significant visit that
# kommunstyrelsen coordinates without deciding (§7.2).
_ANSWERED = {"foreign_policy": False}
_SIGNIFICANT_VISIT = {"kind": "incoming_visit", "title": "Besök av Kyivs borgmästare",
                      "scope": "single_operation", "high_political_level": True,
                      "foreign_policy": False, "directions": ["samverkan"],
                      "benefit": "Erfarenhetsutbyte", "mutual_benefit": True}


def _case_results(lang: str) -> Iterator[tuple[str, dict[str, Any]]]:
    engagements = [(p.stem, load_case(p)["engagement"]) for p in CASES]
    school = next(e for name, e in engagements if name == "school-visit")
    engagements += [("school-visit-answered", {**school, **_ANSWERED}),
                    ("significant-visit", _SIGNIFICANT_VISIT)]
    for name, engagement in engagements:
        chat = Chat(LOCALES[lang])
        wizard_through(chat, to_values(engagement))
        yield name, chat.click(verbs.WIZARD_ASSESS, {"step": "summary"}).cards[0]


def _who_cards(lang: str) -> Iterator[tuple[str, dict[str, Any]]]:
    chat = Chat(LOCALES[lang])
    question = "Vem beslutar om medlemskap?" if lang == "sv" else "Who decides on a membership?"
    clarify = chat.say(question).cards[0]
    yield "who-clarify", clarify
    buttons = [a for a in executes(clarify) if a["verb"] == verbs.WHO_CLARIFY]
    yield "who-settled", chat.click(verbs.WHO_CLARIFY, buttons[-1]["data"]).cards[0]
    yield "who-not-allowed", chat.say("Får staden teckna ett vänortsavtal med Taipei?").cards[0]
    yield "who-foreign-policy", chat.say("Får staden föra egen utrikespolitik?").cards[0]
    yield "who-out-of-scope", chat.say("Vad blir det för väder?").cards[0]
    yield "who-empty", chat.click(verbs.WHO_ASK, {"question": ""}).cards[0]


def _other_cards(lang: str) -> Iterator[tuple[str, dict[str, Any]]]:
    yield "welcome", welcome_card(lang)  # type: ignore[arg-type]
    yield "help", help_card(lang)  # type: ignore[arg-type]
    yield "help-resume", help_card(lang, resume=True, lead="Hm")  # type: ignore[arg-type]
    yield "text", text_card("Hej", lang, resume=True)  # type: ignore[arg-type]
    yield "error", error_card(lang, resume=True)  # type: ignore[arg-type]
    yield "error-no-wizard", error_card(lang, resume=False)  # type: ignore[arg-type]
    yield "cancelled", cancelled_card(lang)  # type: ignore[arg-type]
    yield "prompt", prompt_card(lang)  # type: ignore[arg-type]
    yield "mine-empty", mine_card([], lang)  # type: ignore[arg-type]
    yield "mine-full", mine_card([MineRow(i, f"T{i}", "trip", "compatible", "Nämnden",
                                          "2025-01-01") for i in range(20)], lang)  # type: ignore[arg-type]


def _ib_cards(lang: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every IB card: each status, for members and others, with and without problems."""
    views = []
    for case in ("paris-summit.json", "ctpn-membership.json", "taipei-twinning.json"):
        for status in STATUSES:
            v = view(case, lang, status=status, last_event=event(status, "Kommentar",
                                                                 date(2026, 12, 10)),
                     meeting_date=date(2026, 12, 10) if status == "on_agenda" else None,
                     review_due=date(2030, 11, 30) if status == "accepted" else None)
            views.append(v)
            name = f"{case.removesuffix('.json')}-{status}"
            yield f"ib-{name}", ib_card(v, lang, member=False, refresh_user_ids=["29:a"])
            yield f"ib-{name}-member", ib_card(v, lang, member=True)
            yield f"ib-{name}-member-problems", ib_card(
                v, lang, member=True, notice="Tillstyrkt av Anna", comment="x" * 2000,
                meeting_date="2026-12-10", errors={"comment": "Krävs", "meeting_date": "Krävs",
                                                   "case": "Ändrat av någon annan"})
            yield f"sent-{name}", sent_card(v, lang)
            yield f"sent-version-{name}", sent_card(v, lang, new_version=True)
            yield f"notified-{name}", notification_card(v, lang)
            yield f"new-version-{name}", new_version_card(v, lang)
            yield f"reminder-{name}", reminder_card(v, lang, days_left=90)
    hostile = view(lang=lang, changes={"title": HOSTILE, "cost_sek": None},
                   submitter_name=HOSTILE, submitter_unit=None,
                   last_event=event("needs_completion", HOSTILE, actor_name=HOSTILE))
    yield "ib-hostile", ib_card(hostile, lang, member=True, notice=HOSTILE,
                                errors={"comment": HOSTILE}, refresh_user_ids=[])
    yield "notified-hostile", notification_card(hostile, lang)
    yield "my-cases", my_cases_card([*views, hostile], lang)
    yield "my-cases-empty", my_cases_card([], lang)
    yield "agenda", agenda_card(date(2026, 12, 10), views[:4], 1234.5, views[4:6], lang)
    yield "agenda-empty", agenda_card(None, [], 0, [], lang)


def _intake_cards(lang: Any) -> Iterator[tuple[str, dict[str, Any]]]:
    """From an invitation: the found card, the prefilled wizard, the dialog, bad input."""
    from pathlib import Path

    from dialogs import intake
    from dialogs.turn import Document
    from intake import Encrypted
    from policy.extract import extract

    text = (Path(__file__).resolve().parents[1] / "invitations" /
            "01-eurocities-barcelona.txt").read_text("utf-8")
    chat = Chat(LOCALES[lang])
    found = chat.say(text).cards[0]
    yield "intake-found", found
    yield "intake-found-question", chat.say(text + "\nVem beslutar?").cards[0]
    yield "intake-not-invitation", chat.say("\n".join(["Protokoll."] + ["Vi gick igenom "
                                                      "budgeten för kvartalet."] * 20)).cards[0]
    data = next(a for a in walk(found) if a.get("verb") == verbs.INTAKE_CONTINUE)["data"]
    yield "intake-wizard-kind", chat.click(verbs.INTAKE_CONTINUE, data).cards[0]
    yield "intake-wizard-details", chat.click(
        verbs.WIZARD_NEXT, {"step": "kind", "kind": "conference"}).cards[0]
    yield "intake-refused", intake.document(
        Document(name="x.pdf", error="encrypted", message=Encrypted().message(lang)), lang)
    dialog = intake.dialog(extract(text, lang), lang)
    yield "intake-dialog", dialog
    yield "intake-dialog-empty", intake.dialog(None, lang, message="Ingen text.")
    submit = dialog["actions"][0]["data"]
    yield "intake-dialog-problems", intake.dialog_submit({**submit, "kind": "conference",
                                                          "title": ""}, lang).card
    done = intake.dialog_submit({**submit, "kind": "conference", "title": "T"}, lang)
    assert done.done
    yield "intake-continued", done.card


def all_cards() -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    for lang in LOCALES:
        for gen in (_wizard_cards, _case_results, _who_cards, _other_cards, _ib_cards,
                    _intake_cards):
            out += [(f"{lang}-{name}", card) for name, card in gen(lang)]
    return out


CARDS = all_cards()


@pytest.mark.parametrize(("name", "card"), CARDS, ids=[n for n, _ in CARDS])
def test_every_card_validates_against_the_adaptive_cards_1_5_schema(
    name: str, card: dict[str, Any]
) -> None:
    assert schema_errors(card) == []
    assert card["version"] == "1.5"
    assert card["$schema"] == "http://adaptivecards.io/schemas/adaptive-card.json"
    assert card["lang"] == name[:2]


@pytest.mark.parametrize(("name", "card"), CARDS, ids=[n for n, _ in CARDS])
def test_every_text_wraps_and_every_execute_action_also_works_as_a_submit(
    name: str, card: dict[str, Any]
) -> None:
    for el in walk(card):
        if el["type"] == "TextBlock":
            assert el["wrap"] is True
    # A refresh action is never a button: Teams invokes it when the card is shown.
    refresh = card.get("refresh", {}).get("action")
    if refresh is not None:
        assert refresh["verb"] == verbs.IB_REFRESH
        assert "fallback" not in refresh
    for a in executes({k: v for k, v in card.items() if k != "refresh"}):
        assert a["data"]["verb"] == a["verb"]
        assert a["verb"] in verbs.ALL
        assert a["fallback"]["type"] == "Action.Submit"
        assert a["fallback"]["data"] == a["data"]
        assert a["fallback"]["associatedInputs"] == a["associatedInputs"]


def test_the_cards_tested_cover_every_verdict_and_every_owner_in_both_languages() -> None:
    from cards.i18n import verdict_label

    for lang in LOCALES:
        results = [c for n, c in CARDS if n.startswith(lang) and "verdict" in
                   {el.get("id") for el in walk(c)}]
        headlines = " ".join(by_id(c, "verdict")["items"][0]["text"] for c in results)
        for v in Verdict:
            assert verdict_label(v, lang) in headlines, v  # type: ignore[arg-type]
        owners = {el["id"] for c in results for el in walk(c)
                  if str(el.get("id", "")).startswith("owner-")}
        assert owners == {f"owner-{o.value}" for o in Owner}


def test_a_verdict_is_coloured_and_stated_as_advisory() -> None:
    results = [c for n, c in CARDS if n.startswith("sv") and n.endswith("result")]
    for card in results:
        block = by_id(card, "verdict")
        assert block["style"] in {"attention", "warning", "accent", "good"}
        assert block["items"][0]["color"] in {"Attention", "Warning", "Accent", "Good"}
        assert block["items"][1]["text"].startswith("Rådgivande bedömning – inte ett beslut.")


def test_the_schema_check_rejects_a_card_that_is_not_valid() -> None:
    card = {"type": "AdaptiveCard", "version": "1.5",
            "body": [{"type": "TextBlock", "text": "x", "wrap": True, "colour": "red"}]}
    assert schema_errors(card)
    assert schema_errors({**card, "body": [{"type": "Input.Text"}], "actions": [
        {"type": "Action.Execute", "verb": 3}]})
