"""Invitations over HTTP, with the stand-in Bot Connector and a stand-in file server: a
letter pasted in the personal chat, files attached there (a PDF, a text file, a 20 MB one
refused before it is downloaded, a password-protected one, one from a host the bot may
not call), and the message action "Bedöm med Strategikollen" (the dialog prefilled from
the message, submitted, and continued in the personal chat). Refused input leaves
nothing in the case register or the outbox."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from fpdf import FPDF
from sqlalchemy import func, select

from bot.hosting.server import ENGINE
from bot.ib import IbService
from bot.intake import ASSESS_COMMAND, FILE_DOWNLOAD
from bot.persistence.register import case_table
from bot.persistence.tables import outbox_table, user_ref_table
from cards import verbs
from cards.elements import walk

from ..conftest import Database
from .bot_harness import ADAPTIVE_CARD, Bot, Connector
from .conftest import MakeBot

ROOT = Path(__file__).resolve().parents[2]
BARCELONA = (ROOT / "tests" / "invitations" / "01-eurocities-barcelona.txt").read_text("utf-8")
BERGEN = (
    "Invitation to the Nordic Water Forum 2026\n\nDear colleagues,\n\nThe City of Bergen is "
    "pleased to invite you to the Nordic Water Forum 2026, which takes place in Bergen, Norway, "
    "on 3-4 June 2026. The participation fee is EUR 400 per person.\n\nKind regards,\n"
    "City of Bergen\n"
)
MB = 1024 * 1024
GROUP_CHAT = "19:group-chat@thread.v2"


def _pdf(text: str, *, password: str | None = None) -> bytes:
    doc = FPDF()
    doc.add_page()
    doc.set_font("helvetica", size=11)
    doc.multi_cell(0, 6, text)
    if password:
        doc.set_encryption(owner_password=password, user_password=password)
    return bytes(doc.output())


class Files:
    """A stand-in for SharePoint's pre-authorised download links, on 127.0.0.1. Records,
    per path, how many bytes it wrote before the client stopped reading."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.sent: dict[str, int] = {}
        self.requests: list[str] = []
        self._server: TestServer | None = None

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/download/{name}", self._get)
        app.router.add_get("/stream/{mb}", self._stream)
        self._server = TestServer(app, host="127.0.0.1")
        await self._server.start_server()

    async def stop(self) -> None:
        if self._server is not None:
            await self._server.close()

    def url(self, path: str) -> str:
        assert self._server is not None
        return str(self._server.make_url(path))

    async def _get(self, request: web.Request) -> web.Response:
        self.requests.append(request.path)
        data = self.files.get(request.match_info["name"])
        if data is None:
            return web.Response(status=404)
        self.sent[request.path] = len(data)
        return web.Response(body=data, content_type="application/octet-stream")

    async def _stream(self, request: web.Request) -> web.StreamResponse:
        """``mb`` megabytes of a PDF's bytes, chunked: no Content-Length to refuse it by,
        unless ``?length=1``."""
        self.requests.append(request.path)
        size = int(request.match_info["mb"]) * MB
        response = web.StreamResponse()
        if request.query.get("length"):
            response.content_length = size
        await response.prepare(request)
        chunk = b"%PDF-1.4\n" + b"0" * (64 * 1024 - 9)
        self.sent[request.path] = 0
        try:
            while self.sent[request.path] < size:
                await response.write(chunk)
                self.sent[request.path] += len(chunk)
                await asyncio.sleep(0)
        except (ConnectionResetError, asyncio.CancelledError):
            return response
        await response.write_eof()
        return response


@pytest.fixture
async def files() -> AsyncIterator[Files]:
    server = Files()
    await server.start()
    yield server
    await server.stop()


def _attached(bot: Bot, name: str, url: str, **extra: Any) -> dict[str, Any]:
    """A personal-chat message with a file, as Teams sends it."""
    return bot.activity("message", text="", attachments=[{
        "contentType": FILE_DOWNLOAD,
        "contentUrl": "https://contoso-my.sharepoint.com/personal/x/Documents/" + name,
        "name": name,
        "content": {"downloadUrl": url, "uniqueId": "1", "fileType": name.rsplit(".")[-1]},
    }], **extra)


def _last_card(connector: Connector, conversation: str = "conv-1") -> dict[str, Any]:
    cards = connector.cards(conversation)
    assert cards, f"no card in {conversation}"
    return cards[-1]


def _text(card: dict[str, Any]) -> str:
    return " ".join(str(e.get("text", "")) for e in walk(card)
                    if e.get("type") == "TextBlock").replace("\u2024", ".")


def _action(card: dict[str, Any], verb: str) -> dict[str, Any]:
    found = [e for e in walk(card) if e.get("type") == "Action.Execute" and e.get("verb") == verb]
    assert found, f"no {verb} on the card"
    return found[0]


def _inputs(card: dict[str, Any]) -> dict[str, Any]:
    return {e["id"]: e.get("value", "") for e in walk(card)
            if str(e.get("type", "")).startswith("Input.")}


async def _rows(bot: Bot) -> tuple[int, int]:
    """How many cases and outbox messages there are."""
    async with bot.app[ENGINE].connect() as conn:
        cases = (await conn.execute(select(func.count()).select_from(case_table))).scalar()
        queued = (await conn.execute(select(func.count()).select_from(outbox_table))).scalar()
    return int(cases or 0), int(queued or 0)


# ---------------------------------------------------------------- pasted and attached


async def test_a_letter_pasted_in_the_personal_chat_gets_the_card_of_what_was_found(
        bot: Bot, connector: Connector) -> None:
    response = await bot.say(BARCELONA)
    assert response.status in (200, 202)
    card = _last_card(connector)
    assert "Det här hittade jag i inbjudan" in _text(card)
    assert "Eurocities Annual Conference 2026" in _text(card)
    assert _action(card, verbs.INTAKE_CONTINUE)["title"] == "Fortsätt med förifyllda uppgifter"
    wizard = await bot.execute(verbs.INTAKE_CONTINUE, _action(card, verbs.INTAKE_CONTINUE)["data"])
    assert wizard.status == 200
    assert _inputs(_last_card(connector))["kind"] == "conference"
    assert await _rows(bot) == (0, 0)


async def test_a_letter_teams_sends_as_one_line_is_read_with_the_lines_of_its_html_copy(
        bot: Bot, connector: Connector) -> None:
    one_line = " ".join(BERGEN.split())
    html = "".join(f"<p>{line}</p>" for line in BERGEN.splitlines() if line.strip())
    await bot.send(bot.activity("message", text=one_line, attachments=[
        {"contentType": "text/html", "content": html}]))
    assert "Det här hittade jag i inbjudan" in _text(_last_card(connector))


async def test_a_who_decides_question_is_still_answered_as_a_question(
        bot: Bot, connector: Connector) -> None:
    await bot.say("Vem beslutar om medlemskap i en stadsövergripande internationell "
                  "organisation?")
    assert "Det här hittade jag i inbjudan" not in _text(_last_card(connector))


@pytest.mark.parametrize(("name", "make"), [
    ("inbjudan.pdf", lambda: _pdf(BERGEN)),
    ("inbjudan.txt", lambda: BERGEN.encode("utf-8")),
])
async def test_an_attached_invitation_is_downloaded_read_and_answered_with_what_was_found(
        bot: Bot, connector: Connector, files: Files, name: str, make: Any) -> None:
    files.files[name] = make()
    await bot.send(_attached(bot, name, files.url(f"/download/{name}"), locale="en-US"))
    card = _last_card(connector)
    text = _text(card)
    assert "This is what I found in the invitation" in text
    assert f"From {name}" in text
    assert "Nordic Water Forum 2026" in text
    assert "400 EUR" in text
    assert await _rows(bot) == (0, 0)


@pytest.mark.parametrize("path", ["/stream/20?length=1", "/stream/20"])
async def test_a_20_mb_attachment_is_refused_before_its_download_completes(
        bot: Bot, connector: Connector, files: Files, path: str) -> None:
    await bot.send(_attached(bot, "stor.pdf", files.url(path)))
    card = _last_card(connector)
    assert "Jag kunde inte läsa inbjudan" in _text(card)
    assert "Filen är för stor: högst 10 MB kan läsas." in _text(card)
    assert _action(card, verbs.WIZARD_START)["title"] == "Fyll i själv"
    await asyncio.sleep(0.1)
    sent = files.sent[path.split("?")[0]]
    assert sent < 20 * MB
    if "length" in path:
        assert sent < 2 * MB  # refused on the header, not after reading
    assert await _rows(bot) == (0, 0)


@pytest.mark.parametrize(("locale", "expected"), [
    ("sv-SE", "Filen är lösenordsskyddad och kan inte läsas."),
    ("en-US", "The file is password-protected and cannot be read."),
])
async def test_a_password_protected_pdf_is_explained_in_the_users_language(
        bot: Bot, connector: Connector, files: Files, locale: str, expected: str) -> None:
    files.files["locked.pdf"] = _pdf(BERGEN, password="hemligt")
    await bot.send(_attached(bot, "locked.pdf", files.url("/download/locked.pdf"),
                             locale=locale))
    card = _last_card(connector)
    assert expected in _text(card)
    assert _action(card, verbs.WIZARD_START)
    assert await _rows(bot) == (0, 0)


async def test_a_scanned_pdf_and_a_pasted_picture_say_there_is_no_text(
        bot: Bot, connector: Connector, files: Files) -> None:
    doc = FPDF()
    doc.add_page()
    doc.rect(10, 10, 120, 160, style="F")
    files.files["scan.pdf"] = bytes(doc.output())
    await bot.send(_attached(bot, "scan.pdf", files.url("/download/scan.pdf")))
    assert "Filen innehåller ingen text" in _text(_last_card(connector))
    await bot.send(bot.activity("message", text="", attachments=[
        {"contentType": "image/png", "contentUrl": files.url("/download/x.png")}]))
    assert "Filen innehåller ingen text" in _text(_last_card(connector))
    assert "/download/x.png" not in files.requests  # a picture is not fetched


async def test_a_file_on_a_host_the_bot_may_not_call_is_not_fetched(
        bot: Bot, connector: Connector, files: Files) -> None:
    await bot.send(_attached(bot, "x.pdf", "http://files.example.com/download/x.pdf"))
    assert "Jag kunde inte hämta filen från Teams." in _text(_last_card(connector))
    assert files.requests == []


async def test_a_missing_file_and_an_unsupported_one_get_a_clear_answer(
        bot: Bot, connector: Connector, files: Files) -> None:
    await bot.send(_attached(bot, "borta.pdf", files.url("/download/borta.pdf")))
    assert "Jag kunde inte hämta filen från Teams." in _text(_last_card(connector))
    files.files["gammal.msg"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    await bot.send(_attached(bot, "gammal.msg", files.url("/download/gammal.msg")))
    assert "Den här filtypen (Outlook .msg) kan inte läsas." in _text(_last_card(connector))
    assert await _rows(bot) == (0, 0)


# ---------------------------------------------------------------- the message action


def _message_action(bot: Bot, name: str, value: dict[str, Any], **extra: Any) -> dict[str, Any]:
    activity = bot.activity("invoke", name=name, value=value, conversation=GROUP_CHAT, **extra)
    activity["conversation"]["conversationType"] = "groupChat"
    return activity


def _fetch_value(html: str) -> dict[str, Any]:
    return {"commandId": ASSESS_COMMAND, "commandContext": "message",
            "messagePayload": {"id": "1700000000000", "messageType": "message",
                               "body": {"contentType": "html", "content": html}},
            "context": {"theme": "default"}}


async def _fetch(bot: Bot, html: str, **extra: Any) -> dict[str, Any]:
    response = await bot.send(_message_action(bot, "composeExtension/fetchTask",
                                              _fetch_value(html), **extra))
    assert response.status == 200, response.body
    task = response.body["task"]
    assert task["type"] == "continue"
    assert task["value"]["card"]["contentType"] == ADAPTIVE_CARD
    card: dict[str, Any] = task["value"]["card"]["content"]
    return card


def _submit_activity(bot: Bot, data: dict[str, Any], **extra: Any) -> dict[str, Any]:
    value = {"commandId": ASSESS_COMMAND, "commandContext": "message", "data": data}
    return _message_action(bot, "composeExtension/submitAction", value, **extra)


async def _submit(bot: Bot, data: dict[str, Any], **extra: Any) -> Any:
    return await bot.send(_submit_activity(bot, data, **extra))


def _html(text: str) -> str:
    return "".join(f"<p>{line}</p>" for line in text.splitlines() if line.strip())


async def test_the_message_action_opens_the_dialog_prefilled_from_the_messages_html(
        bot: Bot) -> None:
    card = await _fetch(bot, _html(BARCELONA))
    assert "Bedöm med Strategikollen" in _text(card)
    fields = _inputs(card)
    assert fields["kind"] == "conference"
    assert fields["title"] == "Eurocities Annual Conference 2026"
    assert fields["counterpart.name"] == "City of Barcelona"
    assert "Läst från inbjudan – visa meningen" in str(card)
    [submit] = card["actions"]
    assert submit["type"] == "Action.Submit"
    assert await _rows(bot) == (0, 0)


async def test_the_message_action_on_an_empty_message_gives_the_empty_dialog_and_says_why(
        bot: Bot) -> None:
    card = await _fetch(bot, "<p> </p>", locale="en-US")
    assert "There is no text to read." in _text(card)
    assert _inputs(card)["kind"] == ""


async def test_a_dialog_with_problems_comes_back_with_them_and_nothing_is_queued(
        bot: Bot) -> None:
    card = await _fetch(bot, _html(BARCELONA))
    data = {**card["actions"][0]["data"], **_inputs(card), "title": ""}
    response = await _submit(bot, data)
    assert response.status == 200
    again = response.body["task"]["value"]["card"]["content"]
    assert "Fältet krävs." in _text(again)
    assert _inputs(again)["counterpart.name"] == "City of Barcelona"
    assert await _rows(bot) == (0, 0)


async def test_a_submitted_dialog_continues_in_the_users_personal_chat(
        make_bot: MakeBot, connector: Connector, database: Database) -> None:
    bot = await make_bot(database=database, delivery_poll_seconds=0.05)
    await bot.say("hjälp")  # the user has a personal chat with the bot (conv-1)
    card = await _fetch(bot, _html(BARCELONA))
    data = {**card["actions"][0]["data"], **_inputs(card), "unit": "Stadsledningskontoret"}
    submitted = _submit_activity(bot, data)
    response = await bot.send(submitted)
    assert response.status == 200
    assert not response.body  # the dialog closes
    await connector.wait_for(lambda: len(connector.cards("conv-1")) >= 2, what="the card")
    continued = _last_card(connector)
    assert "Fortsätt bedömningen" in _text(continued)
    assert connector.cards(GROUP_CHAT) == []  # nothing in the group chat
    # The same submit again (Teams retries an invoke it had no answer to) queues nothing.
    assert (await bot.send(submitted)).status == 200
    cases, queued = await _rows(bot)
    assert (cases, queued) == (0, 1)
    # "Fortsätt" in the personal chat: the questions, prefilled and marked.
    response = await bot.execute(verbs.INTAKE_CONTINUE,
                                 _action(continued, verbs.INTAKE_CONTINUE)["data"])
    assert response.status == 200
    questions = _last_card(connector)
    assert _inputs(questions)["active_role"] == "true"
    assert "Läst från inbjudan – visa meningen" in str(questions)


async def test_a_user_who_never_wrote_to_the_bot_gets_a_personal_chat_opened(
        make_bot: MakeBot, connector: Connector) -> None:
    bot = await make_bot(delivery_poll_seconds=0.05)
    card = await _fetch(bot, _html(BARCELONA), user="never-wrote")
    data = {**card["actions"][0]["data"], **_inputs(card)}
    await _submit(bot, data, user="never-wrote")
    await connector.wait_for(lambda: bool(connector.conversations_created), what="a chat")
    assert connector.conversations_created[0]["members"] == [{"id": "29:never-wrote"}]
    async with bot.app[ENGINE].connect() as conn:
        refs = (await conn.execute(select(user_ref_table.c.user_id))).scalars().all()
    assert "never-wrote" in refs


async def test_when_the_personal_chat_cannot_be_reached_the_dialog_comes_back_with_the_values(
        bot: Bot, monkeypatch: pytest.MonkeyPatch) -> None:
    async def broken(*_args: Any, **_kwargs: Any) -> bool:
        raise OSError("the database is down")

    monkeypatch.setattr(IbService, "tell", broken)
    card = await _fetch(bot, _html(BARCELONA))
    data = {**card["actions"][0]["data"], **_inputs(card), "unit": "Kulturförvaltningen"}
    response = await _submit(bot, data)
    assert response.status == 200
    again = response.body["task"]["value"]["card"]["content"]
    assert "Något gick fel hos Strategikollen." in _text(again)
    assert _inputs(again)["unit"] == "Kulturförvaltningen"
    assert "Traceback" not in str(response.body)
    assert await _rows(bot) == (0, 0)


async def test_a_message_whose_invitation_is_an_attached_file_says_to_attach_it_in_the_chat(
        bot: Bot) -> None:
    value = _fetch_value("<p></p>")
    value["messagePayload"]["attachments"] = [{
        "id": "1", "contentType": "reference", "name": "inbjudan.pdf",
        "contentUrl": "https://contoso.sharepoint.com/sites/x/inbjudan.pdf"}]
    response = await bot.send(_message_action(bot, "composeExtension/fetchTask", value))
    card = response.body["task"]["value"]["card"]["content"]
    assert "Bifoga filen i din chatt med Strategikollen" in _text(card)
    assert _inputs(card)["kind"] == ""
