"""From an invitation to a prefilled wizard (dialogs.intake), pure: a pasted invitation or
an attached file gives the card of what was found; "Fortsätt med förifyllda uppgifter"
starts the wizard with each field read marked and its sentence one click away; the
message action's dialog is prefilled, checked and continued in the personal chat; bad
input says why, in Swedish and English, and the empty wizard is still offered."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest

from cards import verbs
from cards.elements import walk
from dialogs import intake
from dialogs.fields import to_contract, to_values
from dialogs.turn import Document, Turn
from intake import Empty, Encrypted, IntakeError, NoText, TooLarge, Unsupported
from policy import Kind
from policy.extract import extract

from ..cards.cardtools import action, by_id, inputs, schema_errors, texts
from .chat import Chat

ROOT = Path(__file__).resolve().parents[2]
INVITATIONS = sorted((ROOT / "tests" / "invitations").glob("*.txt")) + sorted(
    (ROOT / "tests" / "invitations" / "holdout").glob("*.txt"))
BARCELONA = (ROOT / "tests" / "invitations" / "01-eurocities-barcelona.txt").read_text("utf-8")
HELSINKI = (ROOT / "tests" / "invitations" / "12-helsingfors-samarbetsavtal.txt").read_text(
    "utf-8")


def _who_decides_strings() -> list[str]:
    """Every string in the who-decides tests: the real questions, and the test names'
    sentences too (one line each)."""
    tree = ast.parse((ROOT / "tests" / "policy" / "test_who_decides.py").read_text("utf-8"))
    return sorted({n.value for n in ast.walk(tree)
                   if isinstance(n, ast.Constant) and isinstance(n.value, str)
                   and len(n.value.strip()) > 3})


QUESTIONS = [s for s in _who_decides_strings() if s.rstrip().endswith("?")]
SHORT_INVITATIONS = [
    "Dear Mayor,\n\nWe are pleased to invite you to the Global Mayors Dialogue on Migration, a "
    "two-day event in Geneva, Switzerland, on 4–5 December 2026.\n\nBest regards,\nIOM",
    "Hej,\n\nVi vill bjuda in Stockholms stad att gå med i nätverket Resilient Cities Network. "
    "Medlemsavgiften är 10 000 USD per år.\n\nHälsningar\nRCN",
]


def _toggles(card: dict[str, Any]) -> dict[str, str]:
    """Each evidence toggle's hidden target → the text it reveals."""
    out = {}
    for el in walk(card):
        if el["type"] == "Action.ToggleVisibility":
            (target,) = el["targetElements"]
            hidden = by_id(card, target)
            assert hidden["isVisible"] is False
            out[target] = " ".join(texts(hidden))
    return out


# ---------------------------------------------------------------- invitation or question


def test_there_are_real_who_decides_questions_to_check_the_boundary_with() -> None:
    assert len(QUESTIONS) > 40


@pytest.mark.parametrize("text", _who_decides_strings())
def test_no_string_of_the_who_decides_tests_is_read_as_an_invitation(text: str) -> None:
    assert intake.invitation(text, "sv") is None


@pytest.mark.parametrize("question", QUESTIONS[:40])
def test_a_who_decides_question_typed_in_the_chat_is_still_answered_as_one(
        question: str) -> None:
    card = Chat().say(question).cards[0]
    assert "Det här hittade jag i inbjudan" not in texts(card)


@pytest.mark.parametrize("path", INVITATIONS, ids=[p.stem for p in INVITATIONS])
def test_every_invitation_of_the_corpus_is_read_as_one_with_or_without_its_line_breaks(
        path: Path) -> None:
    text = path.read_text("utf-8")
    for pasted in (text, " ".join(text.split())):  # Teams may send a paste as one line
        found = intake.invitation(pasted, "sv")
        assert found is not None
        assert found.recognised


@pytest.mark.parametrize("text", SHORT_INVITATIONS)
def test_a_short_letter_with_a_greeting_and_a_signature_is_an_invitation(text: str) -> None:
    assert intake.invitation(text, "en") is not None
    # … and one line less of it is still under the boundary only when it is a question.
    assert intake.invitation(text.splitlines()[2] + " Vem beslutar?", "sv") is None


def test_a_short_note_of_three_lines_is_not_an_invitation_but_a_long_one_says_it_is_none() -> None:
    note = "Hej!\nGlöm inte att lunchen flyttas till kl. 12.30 på fredag.\n/Kim"
    assert intake.invitation(note, "sv") is None
    long_note = "\n".join(["Protokoll från enhetsmötet."] + [
        f"Punkt {i}: vi gick igenom budgeten för kvartalet och beslutade att fortsätta."
        for i in range(1, 8)])
    found = intake.invitation(long_note, "sv")
    assert found is not None
    assert not found.recognised
    card = Chat().say(long_note).cards[0]
    assert "Det här ser inte ut som en inbjudan" in texts(card)
    assert action(card, verbs.WIZARD_START)
    # A long question that is no invitation is still a question.
    assert intake.invitation(long_note + "\nVem beslutar om det här?", "sv") is None


# ---------------------------------------------------------------- the found card


def test_a_pasted_invitation_gets_the_card_of_what_was_found_each_with_its_sentence() -> None:
    chat = Chat()
    card = chat.say(BARCELONA).cards[0]
    shown = texts(card)
    assert shown[0] == "Det här hittade jag i inbjudan"
    assert "**Rubrik:** Eurocities Annual Conference 2026" in shown
    assert "**Typ:** Konferens eller evenemang utomlands" in shown
    revealed = _toggles(card)
    assert "We would therefore be honoured if you would speak" in revealed["found-active-role"]
    assert "Subject: Invitation: Eurocities" in revealed["found-title"]
    assert any("450 EUR" in t for t in shown)  # the fee, in its own currency
    assert any("EUR" in t and "ℹ" in t for t in shown)  # the note: enter the cost yourself
    assert action(card, verbs.INTAKE_CONTINUE)["title"] == "Fortsätt med förifyllda uppgifter"
    assert action(card, verbs.WIZARD_START)["title"] == "Fyll i själv"
    # Nothing is screened or stored: no wizard yet, no history.
    assert chat.state["wizard"] is None
    assert chat.user_state["history"] == []


def test_the_found_card_is_english_for_an_english_user() -> None:
    card = Chat("en-US").say(HELSINKI).cards[0]
    assert texts(card)[0] == "This is what I found in the invitation"
    assert action(card, verbs.INTAKE_CONTINUE)["title"] == "Continue with these details"
    assert action(card, verbs.WIZARD_START)["title"] == "Fill in yourself"
    assert any(t.startswith("**Kind:** Cooperation agreement") for t in texts(card))
    assert any("Finland" in t for t in texts(card))


def test_an_invitation_that_also_asks_something_can_be_answered_as_a_question() -> None:
    text = BARCELONA + "\n\nVem beslutar om det här?"
    card = Chat().say(text).cards[0]
    assert action(card, verbs.WHO_ASK)["data"]["question"] == text.strip()
    assert all(a["verb"] != verbs.WHO_ASK for a in walk(Chat().say(BARCELONA).cards[0])
               if a["type"] == "Action.Execute")


def test_text_from_the_invitation_is_escaped_on_the_cards() -> None:
    text = ("Subject: Invitation: [Click](https://evil.example) Summit 2026 – Oslo, 4–5 May 2026\n"
            "\nDear Mayor,\n\nWe are pleased to invite you to the **[Click](https://evil.example)"
            " Summit 2026**, in Oslo, Norway, on 4–5 May 2026.\n\nBest regards,\nCity of Oslo")
    chat = Chat("en-US")
    card = chat.say(text).cards[0]
    assert schema_errors(card) == []
    shown = " ".join(texts(card))  # what is shown; the buttons' data carry the raw values
    assert "Summit 2026" in shown
    assert "](https://" not in shown
    assert "https://evil" not in shown
    wizard = chat.click(verbs.INTAKE_CONTINUE, action(card, verbs.INTAKE_CONTINUE)["data"])
    assert "](https://" not in " ".join(texts(wizard.cards[0]))


# ---------------------------------------------------------------- the prefilled wizard


def _continue(chat: Chat, card: dict[str, Any]) -> dict[str, Any]:
    return chat.click(verbs.INTAKE_CONTINUE, action(card, verbs.INTAKE_CONTINUE)["data"]).cards[0]


def test_continuing_prefills_the_wizard_and_marks_each_field_read_with_its_sentence() -> None:
    chat = Chat()
    kind_card = _continue(chat, chat.say(BARCELONA).cards[0])
    assert inputs(kind_card)["kind"]["value"] == "conference"
    assert "Subject: Invitation: Eurocities" in _toggles(kind_card)["evidence-kind"]
    assert any(a.get("title") == "Läst från inbjudan – visa meningen" for a in walk(kind_card))
    details = chat.click(verbs.WIZARD_NEXT, {"step": "kind", "kind": "conference"}).cards[0]
    fields = inputs(details)
    assert fields["title"]["value"] == "Eurocities Annual Conference 2026"
    assert fields["start_date"]["value"] == "2026-05-12"
    assert fields["counterpart.name"]["value"] == "City of Barcelona"
    marks = _toggles(details)
    assert set(marks) >= {"evidence-title", "evidence-start_date", "evidence-end_date",
                          "evidence-counterpart.name", "evidence-counterpart.country"}
    assert "evidence-description" not in marks  # nothing was read for it
    assert chat.state["wizard"]["evidence"]["title"].startswith("Subject: Invitation")


def test_every_prefilled_value_can_be_changed_and_a_changed_one_is_no_longer_marked() -> None:
    chat = Chat()
    _continue(chat, chat.say(BARCELONA).cards[0])
    chat.click(verbs.WIZARD_NEXT, {"step": "kind", "kind": "conference"})
    values = {n: e["value"] for n, e in inputs(chat.card).items()}
    values.update({"title": "Eurocities 2026 (ändrad)", "unit": "Stadsledningskontoret"})
    questions = chat.click(verbs.WIZARD_NEXT, {"step": "details", **values}).cards[0]
    assert set(_toggles(questions)) >= {"evidence-active_role", "evidence-programme_available",
                                        "evidence-participants"}
    back = chat.click(verbs.WIZARD_BACK, {"step": "questions"}).cards[0]
    assert inputs(back)["title"]["value"] == "Eurocities 2026 (ändrad)"
    marks = _toggles(back)
    assert "evidence-title" not in marks
    assert "evidence-start_date" in marks


def test_nothing_is_screened_until_the_user_presses_assess_on_the_summary() -> None:
    chat = Chat()
    _continue(chat, chat.say(BARCELONA).cards[0])
    chat.click(verbs.WIZARD_NEXT, {"step": "kind", "kind": "conference"})
    details = {n: e["value"] for n, e in inputs(chat.card).items()}
    chat.click(verbs.WIZARD_NEXT, {"step": "details", **details, "unit": "SLK",
                                   "scope": "single_operation"})
    answers = {n: e.get("value", "") for n, e in inputs(chat.card).items()}
    answers.update({"on_behalf_of_ks": "true", "foreign_policy": "false",
                    "directions": "samverkan", "benefit": "Erfarenhetsutbyte",
                    "existing_forum": "false", "existing_forums_checked": "true",
                    "cost_sek": "15000", "within_budget": "true"})
    summary = chat.click(verbs.WIZARD_NEXT, {"step": "questions", **answers}).cards[0]
    assert action(summary, verbs.WIZARD_ASSESS)
    assert chat.user_state["history"] == []  # not screened yet
    result = chat.click(verbs.WIZARD_ASSESS, {"step": "summary"}).cards[0]
    assert by_id(result, "verdict")
    assert len(chat.user_state["history"]) == 1
    assert chat.state["wizard"] is None  # the sentences went with the wizard


@pytest.mark.parametrize("path", INVITATIONS, ids=[p.stem for p in INVITATIONS])
def test_the_values_read_go_into_the_wizard_and_come_back_as_the_same_contract_fields(
        path: Path) -> None:
    found = extract(path.read_text("utf-8"), "sv")
    kind = Kind(found.engagement["kind"])
    values = to_values(found.engagement)
    contract = to_contract(values, kind)
    asked = set(contract)
    expected = {k: v for k, v in found.engagement.items() if k in asked or k == "counterpart"}
    assert contract == expected


def test_a_card_with_tampered_data_starts_the_wizard_with_only_known_fields() -> None:
    chat = Chat()
    card = chat.click(verbs.INTAKE_CONTINUE, {
        "values": {"kind": "trip", "title": "x" * 30_000, "evil": "1"},
        "evidence": {"title": "y" * 5000, "evil": "z", "kind": 3},
    }).cards[0]
    state = chat.state["wizard"]
    assert set(state["values"]) == {"kind", "title"}
    assert set(state["evidence"]) == {"title"}
    assert len(state["evidence"]["title"]) == intake.MAX_EVIDENCE
    assert schema_errors(card) == []


# ---------------------------------------------------------------- bad input


def _document_turn(chat: Chat, doc: Document) -> dict[str, Any]:
    chat.replies.append(reply := chat._turn(Turn(document=doc, locale=chat.locale,
                                                 user_id="u1")))
    return reply.cards[0]


BAD = [Empty(), NoText(), Encrypted(), TooLarge(limit="10"), Unsupported(kind="Outlook .msg")]


@pytest.mark.parametrize("error", BAD, ids=[e.code for e in BAD])
@pytest.mark.parametrize(("locale", "title"), [
    ("sv-SE", "Jag kunde inte läsa inbjudan"), ("en-US", "I could not read the invitation")])
def test_a_file_that_cannot_be_read_says_why_in_the_users_language_and_offers_the_empty_wizard(
        error: IntakeError, locale: str, title: str) -> None:
    chat = Chat(locale)
    lang = "en" if locale.startswith("en") else "sv"
    card = _document_turn(chat, Document(name="inbjudan.pdf", error=error.code,
                                         message=error.message(lang)))
    shown = texts(card)
    assert title in shown
    assert error.message(lang) in " ".join(shown).replace("\u2024", ".")
    start = action(card, verbs.WIZARD_START)
    assert start["title"] == ("Fyll i själv" if lang == "sv" else "Fill in yourself")
    assert schema_errors(card) == []
    assert chat.state["wizard"] is None
    assert chat.user_state["history"] == []
    empty = chat.click(verbs.WIZARD_START).cards[0]
    assert inputs(empty)["kind"]["value"] == ""


def test_a_readable_file_that_is_no_invitation_says_so_and_a_real_one_names_the_file() -> None:
    chat = Chat("en-US")
    card = _document_turn(chat, Document(name="minutes.txt", text="Quarterly figures attached."))
    assert "This does not look like an invitation" in texts(card)
    card = _document_turn(chat, Document(name="barcelona.eml", text=BARCELONA))
    assert "From barcelona\u2024eml" in texts(card)
    assert action(card, verbs.INTAKE_CONTINUE)


# ---------------------------------------------------------------- the Teams dialog


def test_the_dialog_shows_the_kind_and_details_prefilled_with_their_sentences() -> None:
    card = intake.dialog(extract(BARCELONA, "sv"), "sv")
    assert texts(card)[0] == "Bedöm med Strategikollen"
    fields = inputs(card)
    assert fields["kind"]["value"] == "conference"
    assert fields["title"]["value"] == "Eurocities Annual Conference 2026"
    assert "evidence-counterpart.name" in _toggles(card)
    [submit] = card["actions"]
    assert submit["type"] == "Action.Submit"
    assert submit["data"]["verb"] == verbs.INTAKE_DIALOG
    assert submit["data"]["prefilled"]["active_role"] == "true"  # for the next step
    assert schema_errors(card) == []


def test_the_dialog_for_a_message_with_no_text_is_the_empty_wizard_with_the_reason() -> None:
    card = intake.dialog(None, "en", message=Empty().message("en"))
    assert Empty().message("en") in texts(card)
    assert inputs(card)["kind"]["value"] == ""
    assert inputs(card)["title"]["value"] == ""
    card = intake.dialog(extract("Quarterly figures are attached.", "en"), "en")
    assert any("I found nothing an invitation usually says" in t for t in texts(card))


def test_a_dialog_submitted_with_problems_comes_back_with_them_and_every_value_kept() -> None:
    card = intake.dialog(extract(BARCELONA, "sv"), "sv")
    [submit] = card["actions"]
    typed = {n: e["value"] for n, e in inputs(card).items()}
    typed.update({"title": "", "start_date": "2026-06-01", "end_date": "2026-05-01",
                  "unit": "Kulturförvaltningen"})
    outcome = intake.dialog_submit({**submit["data"], **typed}, "sv")
    assert not outcome.done
    again = outcome.card
    assert inputs(again)["unit"]["value"] == "Kulturförvaltningen"
    assert inputs(again)["end_date"]["value"] == "2026-05-01"
    shown = " ".join(texts(again))
    assert "Fältet krävs." in shown or "krävs" in shown
    assert "evidence-title" not in _toggles(again)  # cleared: no longer what was read
    assert "evidence-counterpart.name" in _toggles(again)


def test_a_dialog_submitted_in_order_continues_in_the_personal_chat_at_the_questions() -> None:
    card = intake.dialog(extract(BARCELONA, "en"), "en")
    [submit] = card["actions"]
    typed = {n: e["value"] for n, e in inputs(card).items()}
    outcome = intake.dialog_submit({**submit["data"], **typed, "unit": "City Hall"}, "en")
    assert outcome.done
    continued = outcome.card
    assert texts(continued)[0] == "Continue the screening"
    assert "Title: Eurocities Annual Conference 2026" in texts(continued)
    assert schema_errors(continued) == []
    chat = Chat("en-US")
    questions = chat.click(verbs.INTAKE_CONTINUE,
                           action(continued, verbs.INTAKE_CONTINUE)["data"]).cards[0]
    assert inputs(questions)["active_role"]["value"] == "true"
    assert "evidence-active_role" in _toggles(questions)
    assert chat.state["wizard"]["values"]["unit"] == "City Hall"
    assert chat.user_state["history"] == []


def test_a_dialog_submit_arriving_as_a_chat_turn_is_answered_the_same_way() -> None:
    card = intake.dialog(None, "sv")
    [submit] = card["actions"]
    reply = Chat().click(verbs.INTAKE_DIALOG, {**submit["data"], "kind": ""})
    assert "Välj vilken typ av engagemang det gäller." in " ".join(texts(reply.cards[0]))


def test_the_diagram_names_the_boundary_and_the_verbs_the_code_uses() -> None:
    mmd = (ROOT / "docs" / "dialogs" / "intake.mmd").read_text("utf-8")
    assert f"≥ {intake.MIN_LINES} lines and ≥ {intake.MIN_CHARS} characters" in mmd
    assert f"≥ {intake.LONG_TEXT} characters in ≥ {intake.MIN_SENTENCES} sentences" in mmd
    for verb in (verbs.INTAKE_CONTINUE, verbs.INTAKE_DIALOG, verbs.WIZARD_START):
        assert verb in mmd


def test_the_dialog_shown_again_after_a_failure_keeps_every_value_typed() -> None:
    card = intake.dialog(extract(BARCELONA, "en"), "en")
    data = {**card["actions"][0]["data"], **{n: e["value"] for n, e in inputs(card).items()},
            "unit": "City Hall", "title": "Changed"}
    again = intake.dialog_again(data, "en", "Something went wrong.")
    assert "Something went wrong." in texts(again)
    assert inputs(again)["unit"]["value"] == "City Hall"
    assert inputs(again)["title"]["value"] == "Changed"
    assert "evidence-title" not in _toggles(again)
    assert "evidence-counterpart.name" in _toggles(again)
