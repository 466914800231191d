"""The agent and IB's effects: an effect is performed once per turn, after the dialog step,
also when the step is redone because another process saved the state meanwhile; a
failing effect gets an apology without details; the user's personal chat is recorded."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from bot.hosting.server import ENGINE
from bot.ib import IbService, Origin
from bot.persistence.storage import SqlStorage, StorageConflict
from bot.persistence.tables import user_ref_table
from dialogs.turn import Effect, MyCases, Reply, Turn

from .bot_harness import TENANT, Connector
from .conftest import MakeBot


class AskingForMyCases:
    """Dialogs that count their steps and always ask for the user's cases."""

    def __init__(self) -> None:
        self.steps = 0

    def welcome(self, locale: str | None) -> Reply:
        return Reply(text="Hej")

    def handle(
        self, conv: dict[str, Any] | None, user: dict[str, Any] | None, turn: Turn, *,
        today: date,
    ) -> tuple[dict[str, Any], dict[str, Any], Reply]:
        self.steps += 1
        return {"steps": self.steps}, {}, Reply(effect=MyCases())


async def test_an_effect_is_performed_once_when_the_dialog_step_is_redone(
    make_bot: MakeBot, connector: Connector, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialogs = AskingForMyCases()
    bot = await make_bot(dialogs=dialogs)
    performed: list[Effect] = []
    original_perform = IbService.perform

    async def perform(self: IbService, effect: Effect, origin: Origin, *, today: date) -> Reply:
        performed.append(effect)
        return await original_perform(self, effect, origin, today=today)

    monkeypatch.setattr(IbService, "perform", perform)
    original_write = SqlStorage.write
    conflicts = [StorageConflict("msteams/conversations/conv-1")]

    async def write(self: SqlStorage, changes: Any) -> None:
        if conflicts:
            raise conflicts.pop()
        await original_write(self, changes)

    monkeypatch.setattr(SqlStorage, "write", write)
    dialogs.steps = 0  # not the warm-up step the server takes before the first turn
    response = await bot.say("mina ärenden")
    assert response.status in (200, 202)
    assert dialogs.steps == 2  # the step was redone on fresh state
    assert [e.kind for e in performed] == ["my_cases"]  # but its effect done once
    [card] = connector.cards("conv-1")
    assert "Mina ärenden" in str(card)


async def test_a_failing_effect_gets_an_apology_without_details(
    make_bot: MakeBot, connector: Connector, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = await make_bot(dialogs=AskingForMyCases())

    async def perform(self: IbService, effect: Effect, origin: Origin, *, today: date) -> Reply:
        raise RuntimeError("database password hunter2 rejected")

    monkeypatch.setattr(IbService, "perform", perform)
    await bot.say("mina ärenden")
    assert connector.texts("conv-1") == [
        "Något gick fel hos Strategikollen. Försök igen om en stund."]
    answer = await bot.execute("cases.mine", locale="en-US")
    assert answer.body["value"] == (
        "Something went wrong in Strategikollen. Please try again in a moment.")
    assert "hunter2" not in str(connector.calls)


async def test_every_turn_keeps_where_the_user_can_be_reached(
    make_bot: MakeBot, connector: Connector
) -> None:
    bot = await make_bot(dialogs=AskingForMyCases())
    await bot.say("mina ärenden", conversation="a:personal-1", user="ABC-User", locale="en-US")
    async with bot.app[ENGINE].connect() as conn:
        [row] = (await conn.execute(select(user_ref_table))).all()
    assert (row.user_id, row.user_mri, row.conversation_id, row.locale, row.tenant_id) == (
        "abc-user", "29:ABC-User", "a:personal-1", "en-US", TENANT)
    assert row.service_url == connector.url

    # A turn in a channel keeps the personal chat; a new locale is recorded.
    channel = bot.activity("message", conversation="19:x@thread.tacv2", user="ABC-User",
                           locale="sv-SE", text="mina ärenden")
    channel["conversation"]["conversationType"] = "channel"
    await bot.send(bot.mention_bot(channel))
    async with bot.app[ENGINE].connect() as conn:
        [row] = (await conn.execute(select(user_ref_table))).all()
    assert (row.conversation_id, row.locale) == ("a:personal-1", "sv-SE")


async def test_in_a_channel_the_bot_answers_only_messages_that_mention_it(
    make_bot: MakeBot, connector: Connector
) -> None:
    """With the team's consent to read channel messages (for the Graph check), Teams sends
    the bot every message in the IB team's channels; colleagues' talk is left alone."""
    bot = await make_bot()
    talk = bot.activity("message", conversation="19:ib@thread.tacv2", text="Vem beslutar?")
    talk["conversation"]["conversationType"] = "channel"
    assert (await bot.send(dict(talk, id="in-talk"))).status in (200, 202)
    assert connector.messages("19:ib@thread.tacv2") == []
    async with bot.app[ENGINE].connect() as conn:
        assert (await conn.execute(select(user_ref_table))).all() == []

    await bot.send(bot.mention_bot(dict(talk, id="in-asked")))
    [answer] = connector.messages("19:ib@thread.tacv2")
    assert answer["attachments"], "the who-decides answer card"
