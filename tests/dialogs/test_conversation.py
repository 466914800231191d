"""The conversation around the wizard: welcome, commands, my assessments, state, errors."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cards import verbs
from cards.i18n import verdict_label
from dialogs import conversation, wizard
from dialogs.conversation import handle, welcome
from dialogs.state import HISTORY_SIZE
from dialogs.turn import Turn
from policy import Kind

from ..cards.cardtools import action, by_id, executes, inputs, texts
from .chat import TODAY, Chat, sample_values, wizard_through


@pytest.mark.parametrize(("locale", "starters", "advisory"), [
    ("sv-SE", ["Ny bedömning i chatten", "Vem beslutar?", "Mina bedömningar", "Hjälp"],
     "rådgivande"),
    (None, ["Ny bedömning i chatten", "Vem beslutar?", "Mina bedömningar", "Hjälp"],
     "rådgivande"),
    ("en-GB", ["New assessment in the chat", "Who decides?", "My assessments", "Help"],
     "advisory"),
])
def test_the_welcome_card_says_what_the_bot_does_that_it_advises_and_offers_five_starters(
    locale: str | None, starters: list[str], advisory: str
) -> None:
    card = welcome(locale).cards[0]
    first = card["body"][4]["actions"][0]  # the first button: the screening in a dialog
    assert first["type"] == "Action.Submit"
    assert first["title"] == ("New assessment" if locale == "en-GB" else "Ny bedömning")
    assert first["data"] == {"msteams": {"type": "task/fetch"}, "verb": verbs.WIZARD_DIALOG}
    assert [a["title"] for a in executes(card)] == starters
    assert [a["verb"] for a in executes(card)] == [
        verbs.WIZARD_START, verbs.WHO_PROMPT, verbs.MINE, verbs.HELP]
    assert advisory in " ".join(texts(card)).lower()


def test_the_dialog_button_sent_as_a_message_by_a_client_without_dialogs_starts_the_wizard(
) -> None:
    chat = Chat()
    chat.click(verbs.WIZARD_DIALOG, {"msteams": {"type": "task/fetch"}})
    assert "Steg 1 av 4" in " ".join(texts(chat.card))
    assert action(chat.card, verbs.WIZARD_NEXT)["type"] == "Action.Execute"


@pytest.mark.parametrize(("locale", "example"), [
    ("sv-SE", "”Vem beslutar om medlemskap i ett nätverk?”"),
    ("en-US", "“Who decides on joining a network?”"),
])
def test_the_welcome_cards_example_is_quoted_the_languages_own_way(
    locale: str, example: str
) -> None:
    assert any(example in line for line in texts(welcome(locale).cards[0]))


@pytest.mark.parametrize("locale", ["sv-SE", "en-US"])
def test_the_help_card_offers_the_other_starters_but_not_help_itself(locale: str) -> None:
    card = Chat(locale).say("help").cards[0]
    assert [a["verb"] for a in executes(card)] == [verbs.WIZARD_START, verbs.WHO_PROMPT,
                                                   verbs.MINE]
    assert not any("?:" in line for line in texts(card))


@pytest.mark.parametrize(("text", "locale", "first_text"), [
    ("hjälp", "sv-SE", "Så här fungerar Strategikollen"),
    ("  HJÄLP!  ", "sv-SE", "Så här fungerar Strategikollen"),
    ("Help.", "en-US", "How Strategikollen works"),
    ("<at>Strategikollen</at> help", "en-US", "How Strategikollen works"),
])
def test_help_is_understood_typed_in_either_language(
    text: str, locale: str, first_text: str
) -> None:
    card = Chat(locale).say(text).cards[0]
    assert first_text in texts(card)


@pytest.mark.parametrize("text", ["ny", "Ny bedömning", "NEW", "new assessment!", "Ny."])
def test_typing_new_starts_a_screening(text: str) -> None:
    chat = Chat()
    card = chat.say(text).cards[0]
    assert list(inputs(card)) == ["kind"]
    assert chat.state["wizard"]["step"] == "kind"


@pytest.mark.parametrize("text", ["avbryt", "Cancel", "AVBRYT!"])
def test_typing_cancel_ends_the_screening_in_progress(text: str) -> None:
    chat = Chat()
    chat.say("ny")
    chat.say(text)
    assert chat.state["wizard"] is None
    assert not inputs(chat.card)


def test_typing_cancel_with_nothing_in_progress_says_so() -> None:
    chat = Chat("en-US")
    card = chat.say("cancel").cards[0]
    assert "There is no assessment in progress to cancel." in texts(card)


@pytest.mark.parametrize("text", ["mina", "Mine", "mina bedömningar", "My assessments?"])
def test_typing_mine_lists_my_assessments(text: str) -> None:
    card = Chat().say(text).cards[0]
    assert any("Mina bedömningar" in x or "My assessments" in x for x in texts(card))


def test_help_during_a_screening_offers_to_continue_where_i_was() -> None:
    chat = Chat()
    chat.say("ny")
    chat.click(verbs.WIZARD_NEXT, {"step": "kind", "kind": "trip"})
    help_card = chat.say("hjälp").cards[0]
    assert executes(help_card)[0]["verb"] == verbs.WIZARD_RESUME
    card = chat.click(verbs.WIZARD_RESUME).cards[0]
    assert "title" in inputs(card)


def test_my_assessments_keep_the_last_twenty_newest_first_and_open_again() -> None:
    chat = Chat()
    for i in range(HISTORY_SIZE + 2):
        wizard_through(chat, {**sample_values(Kind.MEMBERSHIP), "title": f"Nummer {i}"})
        chat.click(verbs.WIZARD_ASSESS, {"step": "summary"})
    history = chat.user_state["history"]
    assert len(history) == HISTORY_SIZE
    assert history[0]["title"] == f"Nummer {HISTORY_SIZE + 1}"
    assert history[-1]["title"] == "Nummer 2"
    assert set(history[0]) == {"id", "title", "kind", "verdict", "owner", "day", "engagement"}

    listing = chat.click(verbs.MINE).cards[0]
    opens = [a for a in executes(listing) if a["verb"] == verbs.MINE_OPEN]
    assert len(opens) == HISTORY_SIZE
    assert texts(listing).index(f"Nummer {HISTORY_SIZE + 1}") < texts(listing).index(
        "Nummer 2")
    shown = chat.click(verbs.MINE_OPEN, opens[0]["data"]).cards[0]
    assert verdict_label(history[0]["verdict"], "sv") in by_id(shown, "verdict")["items"][0]["text"]
    edit = action(shown, verbs.WIZARD_EDIT)
    assert edit["data"]["values"]["title"] == f"Nummer {HISTORY_SIZE + 1}"


def test_opening_an_assessment_no_longer_in_the_list_says_so() -> None:
    card = Chat("en-US").click(verbs.MINE_OPEN, {"id": 99}).cards[0]
    assert "That assessment is no longer in your list." in texts(card)


def test_an_empty_list_of_assessments_offers_a_new_one() -> None:
    card = Chat().click(verbs.MINE).cards[0]
    assert "Du har inga bedömningar ännu." in texts(card)
    assert executes(card)[0]["verb"] == verbs.WIZARD_START


def test_state_round_trips_through_json_unchanged() -> None:
    chat = Chat()
    wizard_through(chat, sample_values(Kind.INCOMING_VISIT))
    conv, user = chat.state, chat.user_state
    again, user_again, _ = handle(json.loads(json.dumps(conv)), user,
                                  Turn(verb=verbs.HELP, locale="sv"), today=TODAY)
    assert again == conv
    assert user_again == user


@pytest.mark.parametrize("stored", [
    {"version": 0, "wizard": None},
    {"wizard": {"step": "no-such-step", "values": {}}},
    {"wizard": {"values": {"title": 42}}},
    {"something": "else"},
])
def test_a_stored_conversation_that_no_longer_validates_starts_afresh_politely(
    stored: dict[str, Any]
) -> None:
    conv, _, reply = handle(stored, None, Turn(text="ny", locale="sv-SE"), today=TODAY)
    assert conv["wizard"]["step"] == "kind"
    assert reply.text is not None
    assert "börjat om" in reply.text
    assert "Traceback" not in reply.text


def test_a_stored_user_state_that_no_longer_validates_starts_a_new_list_politely() -> None:
    _, user, reply = handle(None, {"history": "corrupt"}, Turn(text="mine", locale="en"),
                            today=TODAY)
    assert user["history"] == []
    assert reply.text is not None
    assert "started a new one" in reply.text


def test_an_unexpected_error_gives_a_friendly_card_and_keeps_the_wizard(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    chat = Chat()
    chat.say("ny")
    chat.click(verbs.WIZARD_NEXT, {"step": "kind", "kind": "trip"})
    before = chat.state

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(wizard, "advance", broken)
    with pytest.raises(RuntimeError):
        wizard.advance()  # the patch is in place
    reply = chat.click(verbs.WIZARD_NEXT, {"step": "details", "title": "x"})
    card = reply.cards[0]
    assert "Något gick fel" in texts(card)
    assert not any("boom" in x or "Traceback" in x for x in texts(card))
    assert chat.state == before
    assert executes(card)[0]["verb"] == verbs.WIZARD_RESUME


def test_an_unknown_button_gets_help_not_an_error() -> None:
    card = Chat().click("no.such.verb").cards[0]
    assert "Den knappen känner jag inte igen längre. Här är vad jag kan hjälpa till med." in (
        texts(card))


def test_an_empty_message_gets_help() -> None:
    card = Chat().say("   ").cards[0]
    assert "Så här fungerar Strategikollen" in texts(card)


def test_a_verb_sent_only_inside_submit_data_is_routed_like_an_execute_verb() -> None:
    conv, _, reply = handle(None, None, Turn(data={"verb": verbs.WIZARD_START}, locale="sv"),
                            today=TODAY)
    assert conv["wizard"]["step"] == "kind"
    assert list(inputs(reply.cards[0])) == ["kind"]


def test_every_verb_has_a_handler() -> None:
    assert set(verbs.ALL) == set(conversation._VERBS)
