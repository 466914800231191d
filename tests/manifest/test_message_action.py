"""The manifest declares the message action "Bedöm med Strategikollen" that the bot answers
(``bot.intake.ASSESS_COMMAND``) and the message box's "Ny bedömning", which opens the
wizard's dialog (``bot.hosting.agent.NEW_ASSESSMENT_COMMAND``), in Swedish and English, and
lets files reach the bot."""

from __future__ import annotations

from typing import Any

from bot.hosting.agent import NEW_ASSESSMENT_COMMAND
from bot.intake import ASSESS_COMMAND

from . import teams_schemas


def test_the_message_action_is_one_action_command_on_messages_that_fetches_its_dialog(
    manifest_json: dict[str, Any],
) -> None:
    (extension,) = manifest_json["composeExtensions"]
    assert extension["botId"] == teams_schemas.BOT_ID
    command = extension["commands"][0]
    assert command["id"] == ASSESS_COMMAND
    assert command["type"] == "action"
    assert command["context"] == ["message"]
    assert command["fetchTask"] is True


def test_the_message_actions_title_and_description_are_in_swedish_and_english(
    manifest_json: dict[str, Any], english: dict[str, Any],
) -> None:
    command = manifest_json["composeExtensions"][0]["commands"][0]
    assert command["title"] == "Bedöm med Strategikollen"
    assert "inbjudan" in command["description"]
    assert english["composeExtensions[0].commands[0].title"] == "Assess with Strategikollen"
    assert "invitation" in english["composeExtensions[0].commands[0].description"]


def test_new_assessment_is_an_action_command_of_the_message_box_that_fetches_the_wizard(
    manifest_json: dict[str, Any],
) -> None:
    ids = [c["id"] for c in manifest_json["composeExtensions"][0]["commands"]]
    assert ids == [ASSESS_COMMAND, NEW_ASSESSMENT_COMMAND]
    command = manifest_json["composeExtensions"][0]["commands"][1]
    assert command["type"] == "action"
    assert command["context"] == ["compose", "commandBox"]
    assert command["fetchTask"] is True
    assert "parameters" not in command  # the dialog is the bot's, fetched


def test_new_assessments_title_and_description_are_in_swedish_and_english(
    manifest_json: dict[str, Any], english: dict[str, Any],
) -> None:
    command = manifest_json["composeExtensions"][0]["commands"][1]
    assert command["title"] == "Ny bedömning"
    assert "din chatt" in command["description"]
    assert english["composeExtensions[0].commands[1].title"] == "New assessment"
    assert "your chat" in english["composeExtensions[0].commands[1].description"]
    for key in ("title", "description"):  # the Teams schema's limits
        assert len(command[key]) <= (32 if key == "title" else 128)
        assert len(english[f"composeExtensions[0].commands[1].{key}"]) <= (
            32 if key == "title" else 128)


def test_the_bot_accepts_files_so_that_an_attached_invitation_reaches_it(
    manifest_json: dict[str, Any],
) -> None:
    assert manifest_json["bots"][0]["supportsFiles"] is True
