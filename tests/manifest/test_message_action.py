"""The manifest declares the message action "Bedöm med Strategikollen" that the bot answers
(``bot.intake.ASSESS_COMMAND``), in Swedish and English, and lets files reach the bot."""

from __future__ import annotations

from typing import Any

from bot.intake import ASSESS_COMMAND

from . import teams_schemas


def test_the_message_action_is_one_action_command_on_messages_that_fetches_its_dialog(
    manifest_json: dict[str, Any],
) -> None:
    (extension,) = manifest_json["composeExtensions"]
    assert extension["botId"] == teams_schemas.BOT_ID
    (command,) = extension["commands"]
    assert command["id"] == ASSESS_COMMAND
    assert command["type"] == "action"
    assert command["context"] == ["message"]
    assert command["fetchTask"] is True


def test_the_message_actions_title_and_description_are_in_swedish_and_english(
    manifest_json: dict[str, Any], english: dict[str, Any],
) -> None:
    (command,) = manifest_json["composeExtensions"][0]["commands"]
    assert command["title"] == "Bedöm med Strategikollen"
    assert "inbjudan" in command["description"]
    assert english["composeExtensions[0].commands[0].title"] == "Assess with Strategikollen"
    assert "invitation" in english["composeExtensions[0].commands[0].description"]


def test_the_bot_accepts_files_so_that_an_attached_invitation_reaches_it(
    manifest_json: dict[str, Any],
) -> None:
    assert manifest_json["bots"][0]["supportsFiles"] is True
