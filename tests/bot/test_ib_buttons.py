"""The buttons issue 16 adds, end to end over HTTP with the stand-in Bot Connector and the
delivery worker: the submitter's "Återkalla" (confirmed, audited, the IB post updated),
an IB member's "Exportera registret" (a file consent card in their personal chat, the
file put at a stand-in upload URL on loopback, a file info card), and the "Misslyckade
utskick" card with "Försök igen" for administrators and the secretariat. Each with its
refusals and repeats, which change nothing."""

from __future__ import annotations

import asyncio
import csv
import io
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from sqlalchemy import insert, select

from bot.hosting.server import ENGINE
from bot.outbox import OutboxKind, OutboxStatus, Target, card_activity
from bot.persistence.register import CaseStatus
from bot.persistence.tables import outbox_table
from cards import verbs
from ibcase import AuditEvent

from ..conftest import Database
from .bot_harness import ADAPTIVE_CARD, CLOCK, Bot, Connector
from .conftest import MakeBot
from .test_conversation import _action, _text, _verbs
from .test_ib_flow import (
    ADMIN,
    IB,
    MEMBER,
    OUTSIDER,
    PERSONAL,
    SUBMITTER,
    _act_in_channel,
    _card_of,
    _ib_bot,
    _paris_summit_in_ib,
    _posted,
    _register_of,
    _say_in_channel,
)

MEMBERS_CHAT = "a:personal-chat-of-the-member"
SECRETARY = "e0000000-0000-0000-0000-00000000000e"
FILE_CONSENT = "application/vnd.microsoft.teams.card.file.consent"
FILE_INFO = "application/vnd.microsoft.teams.card.file.info"


async def _mine(bot: Bot, *, user: str = SUBMITTER, locale: str = "sv-SE",
                conversation: str = PERSONAL) -> dict[str, Any]:
    """ "Mina ärenden" pressed in the personal chat: the card it answers with."""
    response = await bot.execute(verbs.CASES_MINE, {}, conversation=conversation, user=user,
                                 locale=locale)
    assert response.status == 200, response.body
    return bot.connector.cards(conversation)[-1]


async def _press(bot: Bot, verb: str, data: dict[str, Any], *, user: str = SUBMITTER,
                 locale: str = "sv-SE", conversation: str = PERSONAL) -> dict[str, Any]:
    response = await bot.execute(verb, data, conversation=conversation, user=user,
                                 locale=locale)
    assert response.status == 200, response.body
    body: dict[str, Any] = response.body
    return body


# --- withdraw ------------------------------------------------------------------------------


async def test_the_submitter_withdraws_a_case_after_confirming_and_ib_sees_it_in_the_post(
    make_bot: MakeBot, connector: Connector, database: Database
) -> None:
    bot = await _ib_bot(make_bot, connector, database)
    case = await _paris_summit_in_ib(bot)
    [post] = await _posted(connector)
    sent = next(c for c in connector.cards(PERSONAL) if "Skickat till IB" in _text(c))
    assert verbs.CASES_WITHDRAW in _verbs(sent)

    mine = await _mine(bot)
    button = _action(mine, verbs.CASES_WITHDRAW)
    assert button is not None
    assert button["data"]["case"] == case.id
    assert button["style"] == "destructive"

    # The first press only asks; nothing changes yet.
    confirm = await _press(bot, verbs.CASES_WITHDRAW, button["data"])
    assert confirm["type"] == ADAPTIVE_CARD
    assert f"Återkalla ärende {case.id}?" in _text(confirm["value"])
    assert (await _register_of(bot).get(case.id)).status is CaseStatus.SUBMITTED
    yes = _action(confirm["value"], verbs.CASES_WITHDRAW_CONFIRM)
    assert yes is not None
    assert _action(confirm["value"], verbs.CASES_MINE) is not None  # "Nej, behåll ärendet"

    # The second press withdraws it: "Mina ärenden" again, in place, with the outcome.
    done = await _press(bot, verbs.CASES_WITHDRAW_CONFIRM, yes["data"])
    assert done["type"] == ADAPTIVE_CARD
    assert f"Ärende {case.id} är återkallat." in _text(done["value"])
    assert "Återkallat" in _text(done["value"])
    assert _action(done["value"], verbs.CASES_WITHDRAW) is None
    assert (await _register_of(bot).get(case.id)).status is CaseStatus.WITHDRAWN
    last = (await _register_of(bot).audit(case.id))[-1]
    assert (last.event, last.actor.id) == (AuditEvent.STATUS_CHANGED, SUBMITTER)
    assert last.details == {"from": "submitted", "to": "withdrawn"}

    # The post in the IB channel is updated in place, read-only, saying who withdrew it.
    await connector.wait_for(lambda: len(connector.updates(IB)) >= 1, what="the post's update")
    [update] = connector.updates(IB)
    assert update.activity_id == post.answer_id
    updated = _card_of(update)
    assert "Återkallat" in _text(updated)
    assert "återkallade ärendet" in _text(updated)
    # A member who refreshes it sees no buttons left.
    refreshed = await _act_in_channel(bot, verbs.IB_REFRESH, {"case": case.id}, user=MEMBER,
                                      who="Maja Medlem", thread=post.answer_id)
    assert not _verbs(refreshed["value"]) & {verbs.IB_ACCEPT, verbs.IB_TO_AGENDA}

    # A second press (a stale card) is told so, in place, and changes nothing.
    again = await _press(bot, verbs.CASES_WITHDRAW_CONFIRM, yes["data"])
    assert f"Ärende {case.id} är redan återkallat. Inget har ändrats." in _text(again["value"])
    assert len(await _register_of(bot).audit(case.id)) == 2
    assert len(connector.updates(IB)) == 1


async def test_a_withdrawal_after_ib_acted_or_by_someone_else_changes_nothing(
    make_bot: MakeBot, connector: Connector
) -> None:
    bot = await _ib_bot(make_bot, connector)
    case = await _paris_summit_in_ib(bot)
    await _posted(connector)

    # Someone else: told plainly, in English for an English user, nothing changes.
    other = await _press(bot, verbs.CASES_WITHDRAW_CONFIRM, {"case": case.id}, user=OUTSIDER,
                         locale="en-US", conversation="a:outsider")
    assert other["value"] == "Only the person who sent a case can withdraw it."
    assert (await _register_of(bot).get(case.id)).status is CaseStatus.SUBMITTED

    # IB puts it on the agenda; the submitter's confirm card from before is refused.
    confirm = await _press(bot, verbs.CASES_WITHDRAW, {"case": case.id})
    yes = _action(confirm["value"], verbs.CASES_WITHDRAW_CONFIRM)
    assert yes is not None
    await _act_in_channel(bot, verbs.IB_TO_AGENDA,
                          {"case": case.id, "meeting_date": "2026-12-10"},
                          user=MEMBER, who="Maja Medlem")
    late = await _press(bot, verbs.CASES_WITHDRAW_CONFIRM, yes["data"])
    assert late["type"] == ADAPTIVE_CARD
    assert "har status ”Till dagordning”: IB har redan tagit upp det" in _text(late["value"])
    assert (await _register_of(bot).get(case.id)).status is CaseStatus.ON_AGENDA
    assert [e.event for e in await _register_of(bot).audit(case.id)] == [
        AuditEvent.SUBMITTED, AuditEvent.STATUS_CHANGED]
    # No withdraw button is offered any more; in English too.
    mine = await _mine(bot, locale="en-US")
    assert _action(mine, verbs.CASES_WITHDRAW) is None
    first = await _press(bot, verbs.CASES_WITHDRAW, {"case": case.id}, locale="en-US")
    assert "it cannot be withdrawn here" in _text(first["value"])


async def test_a_case_returned_for_completion_may_still_be_withdrawn(
    make_bot: MakeBot, connector: Connector
) -> None:
    bot = await _ib_bot(make_bot, connector)
    case = await _paris_summit_in_ib(bot)
    await _act_in_channel(bot, verbs.IB_REQUEST_COMPLETION,
                          {"case": case.id, "comment": "Program?"}, user=MEMBER, who="Maja")
    mine = await _mine(bot)
    assert {verbs.CASES_COMPLETE, verbs.CASES_WITHDRAW} <= _verbs(mine)
    await _press(bot, verbs.CASES_WITHDRAW_CONFIRM, {"case": case.id})
    assert (await _register_of(bot).get(case.id)).status is CaseStatus.WITHDRAWN


# --- export ----------------------------------------------------------------------------------


@dataclass
class Uploads:
    """A stand-in for the OneDrive upload URL Teams gives with an accepted consent."""

    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)
    status: int = 201
    server: TestServer | None = None

    def url(self, path: str = "/upload/strategikollen-cases.csv") -> str:
        assert self.server is not None
        return str(self.server.make_url(path))


@pytest.fixture
async def uploads() -> AsyncIterator[Uploads]:
    stand_in = Uploads()

    async def put(request: web.Request) -> web.Response:
        stand_in.received.append((dict(request.headers), await request.read()))
        return web.json_response({"id": "file-1"}, status=stand_in.status)

    app = web.Application()
    app.router.add_put("/upload/{name}", put)
    stand_in.server = TestServer(app, host="127.0.0.1")
    await stand_in.server.start_server()
    yield stand_in
    await stand_in.server.close()


def _consent_of(connector: Connector, conversation: str) -> dict[str, Any]:
    found = [a for m in connector.messages(conversation) for a in m.get("attachments", [])
             if a.get("contentType") == FILE_CONSENT]
    assert found, connector.messages(conversation)
    return found[-1]


async def _answer_consent(bot: Bot, action: str, context: dict[str, Any], uploads: Uploads, *,
                          user: str = MEMBER) -> Any:
    value: dict[str, Any] = {"type": "fileUpload", "action": action, "context": context}
    if action == "accept":
        value["uploadInfo"] = {
            "name": "strategikollen-cases.csv", "uploadUrl": uploads.url(),
            "contentUrl": "https://contoso-my.sharepoint.com/personal/maja/strategikollen-cases.csv",
            "uniqueId": "1a2b3c", "fileType": "csv",
        }
    response = await bot.send(bot.activity("invoke", name="fileConsent/invoke", value=value,
                                           conversation=MEMBERS_CHAT, user=user))
    assert response.status == 200, response.body
    return response.body


async def test_an_ib_member_exports_the_register_to_their_onedrive_from_the_agenda(
    make_bot: MakeBot, connector: Connector, uploads: Uploads
) -> None:
    bot = await _ib_bot(make_bot, connector)
    case = await _paris_summit_in_ib(bot)
    await bot.say("hjälp", conversation=MEMBERS_CHAT, user=MEMBER)
    await _say_in_channel(bot, "dagordning", user=MEMBER, who="Maja Medlem")
    agenda = connector.cards(IB)[-1]
    assert {verbs.IB_EXPORT, verbs.IB_FAILED} <= _verbs(agenda)

    answer = await _act_in_channel(bot, verbs.IB_EXPORT, {}, user=MEMBER, who="Maja Medlem")
    assert answer["value"].startswith("Exporten väntar i din personliga chatt")
    await connector.wait_for(lambda: bool([
        a for m in connector.messages(MEMBERS_CHAT) for a in m.get("attachments", [])
        if a.get("contentType") == FILE_CONSENT]), what="the file consent card")
    consent = _consent_of(connector, MEMBERS_CHAT)
    assert consent["name"] == f"strategikollen-cases-{CLOCK.now().date().isoformat()}.csv"
    assert "1 ärende, som CSV" in consent["content"]["description"]
    assert consent["content"]["sizeInBytes"] > 0

    await _answer_consent(bot, "accept", consent["content"]["acceptContext"], uploads)
    [(headers, uploaded)] = uploads.received
    assert headers["Content-Range"] == f"bytes 0-{len(uploaded) - 1}/{len(uploaded)}"
    rows = list(csv.reader(io.StringIO(uploaded.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Ärende"
    assert [row[0] for row in rows[1:]] == [case.id]
    # The same rows as the overview tab's CSV.
    info = [a for m in connector.messages(MEMBERS_CHAT) for a in m.get("attachments", [])
            if a.get("contentType") == FILE_INFO]
    assert len(info) == 1
    assert info[0]["content"] == {"uniqueId": "1a2b3c", "fileType": "csv"}
    assert info[0]["contentUrl"].startswith("https://contoso-my.sharepoint.com/")


async def test_the_export_is_refused_to_a_non_member_and_an_old_consent_is_checked_again(
    make_bot: MakeBot, connector: Connector, uploads: Uploads
) -> None:
    bot = await _ib_bot(make_bot, connector)
    await _paris_summit_in_ib(bot)
    refused = await _act_in_channel(bot, verbs.IB_EXPORT, {}, user=OUTSIDER, who="Otto")
    assert refused["value"] == ("Bara ledamöter i Internationella beredningen kan exportera "
                                "ärenderegistret.")
    # A consent answered by someone who is no member (a forwarded or stale card).
    await _answer_consent(bot, "accept", {"export": "cases"}, uploads, user=OUTSIDER)
    assert uploads.received == []
    # Declined: a word, and no upload.
    await _answer_consent(bot, "decline", {"export": "cases"}, uploads)
    assert uploads.received == []
    assert "Okej, ingen fil sparades." in connector.texts(MEMBERS_CHAT)


async def test_a_failed_upload_is_told_in_the_chat(
    make_bot: MakeBot, connector: Connector, uploads: Uploads
) -> None:
    bot = await _ib_bot(make_bot, connector)
    await _paris_summit_in_ib(bot)
    uploads.status = 500
    await _answer_consent(bot, "accept", {"export": "cases"}, uploads)
    assert len(uploads.received) == 1
    assert connector.texts(MEMBERS_CHAT)[-1].startswith("Filen kunde inte sparas i din OneDrive")


# --- failed deliveries -------------------------------------------------------------------------


async def _failed_rows(bot: Bot, case_id: str) -> list[int]:
    """Two messages the worker gave up on: a reply in the case's thread and a notification
    to the submitter's chat."""
    ids = []
    async with bot.app[ENGINE].begin() as conn:
        for kind, target, key in (
            (OutboxKind.REPLY, Target(service_url=bot.connector.url, conversation_id=IB,
                                      case_id=case_id), f"reply:{case_id}:test"),
            (OutboxKind.NOTIFY, Target(service_url=bot.connector.url, conversation_id=PERSONAL),
             f"notify:{case_id}:test"),
        ):
            row = await conn.execute(insert(outbox_table).values(
                key=key, kind=kind.value, case_id=case_id,
                conversation_key=IB if kind is OutboxKind.REPLY else SUBMITTER,
                target=target.model_dump(mode="json", exclude_none=True),
                activity=card_activity({"type": "AdaptiveCard", "version": "1.5",
                                        "body": [{"type": "TextBlock", "text": key}]}),
                status=OutboxStatus.FAILED.value, attempts=8, next_attempt_at=CLOCK.now(),
                created_at=CLOCK.now(), last_error="403 Forbidden: the bot is not in the team",
            ).returning(outbox_table.c.id))
            ids.append(int(row.scalar_one()))
    return ids


async def _statuses(bot: Bot, ids: list[int], *, until: list[str] | None = None) -> list[str]:
    """The messages' statuses, in id order; with ``until``, once they are that (the worker
    records a send just after Teams answered it), or as they are after 10 s."""
    for _ in range(200):
        async with bot.app[ENGINE].connect() as conn:
            found = list((await conn.execute(select(outbox_table.c.status).where(
                outbox_table.c.id.in_(ids)).order_by(outbox_table.c.id))).scalars())
        if until is None or found == until:
            return found
        await asyncio.sleep(0.05)
    return found


async def test_an_administrator_sees_the_failed_deliveries_and_queues_them_again(
    make_bot: MakeBot, connector: Connector, database: Database
) -> None:
    bot = await _ib_bot(make_bot, connector, database)
    case = await _paris_summit_in_ib(bot)
    await _posted(connector)
    reply, notify = await _failed_rows(bot, case.id)

    await _say_in_channel(bot, "misslyckade")
    listed = connector.cards(IB)[-1]
    text = _text(listed)
    assert "Misslyckade utskick" in text
    assert f"Nr {notify} · {case.id}: Meddelande till inlämnaren av {case.id}" in text
    assert f"Nr {reply} · {case.id}: Svar i ärendets tråd till IB-kanalen" in text
    assert "403 Forbidden: the bot is not in the team" in text
    assert "Test Person" not in text  # nobody is named
    one = _action(listed, verbs.IB_RETRY)
    assert one is not None
    assert one["data"]["ids"] == [notify]

    # "Försök igen" on one row: that one is queued again, the list shown in place.
    answer = await _act_in_channel(bot, verbs.IB_RETRY, one["data"], user=ADMIN, who="Ada")
    assert answer["type"] == ADAPTIVE_CARD
    assert f"Köat igen: nr {notify}." in _text(answer["value"])
    assert f"Nr {notify} ·" not in _text(answer["value"])
    await connector.wait_for(
        lambda: any(f"notify:{case.id}:test" in _text(c) for c in connector.cards(PERSONAL)),
        what="the notification sent again")
    assert await _statuses(bot, [reply, notify], until=["failed", "sent"]) == ["failed", "sent"]

    # A repeat of the same press changes nothing and says so.
    repeat = await _act_in_channel(bot, verbs.IB_RETRY, one["data"], user=ADMIN, who="Ada")
    assert "Inget av utskicken är misslyckat längre" in _text(repeat["value"])

    # "Försök igen med alla" for what is left.
    everything = _action(answer["value"], verbs.IB_RETRY)
    assert everything is not None
    assert everything["data"]["ids"] == [reply]
    last = await _act_in_channel(bot, verbs.IB_RETRY, {"ids": [reply, notify]}, user=ADMIN,
                                 who="Ada")
    assert f"Köat igen: nr {reply}." in _text(last["value"])
    assert "Inga utskick har misslyckats." in _text(last["value"])
    await connector.wait_for(lambda: any(
        f"reply:{case.id}:test" in _text(c.body) for c in connector.calls
        if c.method == "POST" and c.conversation_id.startswith(IB)), what="the reply sent again")
    assert await _statuses(bot, [reply, notify], until=["sent", "sent"]) == ["sent", "sent"]


async def test_failed_deliveries_are_for_administrators_and_the_secretariat_only(
    make_bot: MakeBot, connector: Connector
) -> None:
    bot = await _ib_bot(make_bot, connector, ib_secretariat=SECRETARY)
    case = await _paris_summit_in_ib(bot)
    await _posted(connector)
    reply, notify = await _failed_rows(bot, case.id)

    # A member (not an administrator) is refused, by the button and by the typed command.
    refused = await _act_in_channel(bot, verbs.IB_RETRY, {"ids": [reply, notify]},
                                    user=MEMBER, who="Maja Medlem")
    assert refused["value"].startswith("Bara Strategikollens administratörer och IB:s "
                                       "sekretariat")
    await bot.say("failed", conversation="a:member", user=MEMBER, locale="en-US")
    assert connector.texts("a:member")[-1].startswith("Only Strategikollen's administrators")
    assert await _statuses(bot, [reply, notify]) == ["failed", "failed"]

    # The secretariat may, in their personal chat, in English.
    await bot.say("failed deliveries", conversation="a:secretary", user=SECRETARY,
                  locale="en-US")
    listed = connector.cards("a:secretary")[-1]
    assert "Failed deliveries" in _text(listed)
    assert f"to the submitter of {case.id}" in _text(listed)

    # Not in a group chat, where people outside IB may read along.
    group = bot.activity("message", conversation="19:group@thread.v2", user=ADMIN, text="failed")
    group["conversation"]["conversationType"] = "groupChat"
    await bot.send(group)
    assert connector.texts("19:group@thread.v2")[-1].startswith("Misslyckade utskick visas")
