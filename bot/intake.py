"""Invitations reaching the bot: a file attached in the personal chat, a long message
pasted there, and the message action "Bedöm med Strategikollen" (a message extension's
action command, ``composeExtension/fetchTask`` and ``/submitAction``).

This is the Teams side only: what Teams sends, downloading a file, and the invoke answers'
JSON. Reading the file is ``intake.read_text``; everything the user sees comes from
``dialogs.intake``.

A file attached in a personal chat arrives as an attachment of content type
``application/vnd.microsoft.teams.file.download.info`` whose ``content.downloadUrl`` is a
short-lived, pre-authorised SharePoint/OneDrive link: no token is sent to it. The URL
must pass the same outbound check as the bot's own calls (``bot.teams.connector.url_checker``:
Microsoft hosts in production, loopback too in dev mode); the size is checked against
the ``Content-Length`` the server gives and again while the body streams, so a file over
the limit is never read to its end. Nothing downloaded is stored: the bytes and the text
live for the turn.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urljoin

import httpx
from microsoft_agents.activity import Activity

from cards.i18n import t
from dialogs.intake import MIN_CHARS
from dialogs.turn import Document
from intake import MAX_BYTES, Empty, IntakeError, NoText, TooLarge, read_text
from policy import Lang

from .teams import ADAPTIVE_CARD

__all__ = [
    "ADAPTIVE_CARD",
    "ASSESS_COMMAND",
    "FILE_DOWNLOAD",
    "MAX_REDIRECTS",
    "DownloadFailed",
    "document_of",
    "download",
    "message_of",
    "pasted_text",
    "task_continue",
]

logger = logging.getLogger(__name__)

ASSESS_COMMAND = "assessInvitation"  # the action command's id in the manifest
FILE_DOWNLOAD = "application/vnd.microsoft.teams.file.download.info"
MAX_REDIRECTS = 3
DOWNLOAD_TIMEOUT_SECONDS = 15.0  # Teams waits about that long for a message's answer


class DownloadFailed(Exception):
    """The file could not be fetched (refused host, an error status, the network)."""


async def download(
    url: str,
    *,
    allow_url: Callable[[str], bool],
    max_bytes: int = MAX_BYTES,
    transport: httpx.AsyncBaseTransport | None = None,
    timeout: float = DOWNLOAD_TIMEOUT_SECONDS,
) -> bytes:
    """The bytes at ``url``: ``TooLarge`` as soon as the size is known to be over
    ``max_bytes`` (the header, or the body while it streams), ``DownloadFailed`` otherwise.
    Redirects are followed a few times, each target checked like the first."""
    async with httpx.AsyncClient(timeout=timeout, follow_redirects=False,
                                 transport=transport) as http:
        for _ in range(MAX_REDIRECTS + 1):
            if not allow_url(url):
                raise DownloadFailed(f"refused to fetch from {httpx.URL(url).host!r}")
            try:
                async with http.stream("GET", url) as response:
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    if response.status_code != 200:
                        raise DownloadFailed(f"the file's server answered {response.status_code}")
                    length = response.headers.get("content-length", "")
                    if length.isdigit() and int(length) > max_bytes:
                        raise _too_large(max_bytes)
                    data = bytearray()
                    async for chunk in response.aiter_bytes():
                        data += chunk
                        if len(data) > max_bytes:
                            raise _too_large(max_bytes)
                    return bytes(data)
            except httpx.HTTPError as error:
                raise DownloadFailed(f"{type(error).__name__}") from error
        raise DownloadFailed("too many redirects")


def _too_large(max_bytes: int) -> TooLarge:
    return TooLarge(limit=f"{max_bytes / (1024 * 1024):g}")


def _attachments(activity: Activity) -> list[Any]:
    return list(activity.attachments or [])


def _field(obj: Any, *names: str) -> Any:
    for name in names:
        value = obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)
        if value is not None:
            return value
    return None


async def document_of(
    activity: Activity,
    lang: Lang,
    *,
    allow_url: Callable[[str], bool],
    max_bytes: int = MAX_BYTES,
    transport: httpx.AsyncBaseTransport | None = None,
) -> Document | None:
    """The first file attached to a personal-chat message, read: its text, or why there
    is none in the user's language. None when the message carries no file (Teams adds a
    ``text/html`` copy of every message's text; that is no file)."""
    for attachment in _attachments(activity):
        content_type = str(_field(attachment, "content_type", "contentType") or "")
        name = str(_field(attachment, "name") or "")
        if content_type.startswith("image/"):  # a picture pasted inline: no text to read
            return Document(name=name, error=NoText.code, message=NoText().message(lang))
        if content_type != FILE_DOWNLOAD:
            continue
        content = _field(attachment, "content") or {}
        url = _field(content, "downloadUrl", "download_url")
        if not isinstance(url, str) or not url:
            return _failed(name, lang)
        try:
            data = await download(url, allow_url=allow_url, max_bytes=max_bytes,
                                  transport=transport)
            text = read_text(name, data, max_bytes=max_bytes)
        except IntakeError as error:
            logger.info("Attachment %r not read: %s", name, error.code)
            return Document(name=name, error=error.code, message=error.message(lang))
        except DownloadFailed as error:
            logger.warning("Attachment %r could not be downloaded: %s", name, error)
            return _failed(name, lang)
        except Exception:  # never a traceback: the user is told, the wizard offered
            logger.exception("Attachment %r could not be read", name)
            return _failed(name, lang)
        return Document(name=name, text=text)
    return None


def _failed(name: str, lang: Lang) -> Document:
    return Document(name=name, error="download_failed", message=t("intake.download_failed", lang))


def pasted_text(activity: Activity) -> str | None:
    """A long message's text with its line breaks: Teams may send a pasted letter's
    ``text`` as one line, and its lines in the ``text/html`` copy. None when the text is
    short (a command, a question) or the copy gives nothing more."""
    text = activity.text if isinstance(activity.text, str) else ""
    if len(text.strip()) < MIN_CHARS:
        return None
    for attachment in _attachments(activity):
        if _field(attachment, "content_type", "contentType") != "text/html":
            continue
        html = _field(attachment, "content")
        if not isinstance(html, str):
            continue
        try:
            lines = read_text("message.html", html.encode("utf-8"))
        except IntakeError:
            return None
        return lines if lines.count("\n") > text.count("\n") else None
    return None


def message_of(value: Any, lang: Lang) -> tuple[str | None, str | None]:
    """The text of the message a message action was used on (``messagePayload.body``,
    HTML stripped), or None; and what to tell the user, in their language: why there is
    no text, or that a file attached to the message is not read from here (the message
    action gets no download link; attached in the personal chat, it is read)."""
    payload = _field(value, "messagePayload", "message_payload") or {}
    body = _field(payload, "body") or {}
    content = _field(body, "content")
    kind = str(_field(body, "contentType", "content_type") or "html").lower()
    files = [a for a in _field(payload, "attachments") or []
             if _field(a, "contentType", "content_type") == "reference" or _field(a, "name")]
    note = t("intake.message_file", lang) if files else None
    text: str | None = None
    if isinstance(content, str) and content.strip():
        try:
            text = read_text("message.html" if kind == "html" else "message.txt",
                             content.encode("utf-8"))
        except IntakeError as error:
            return None, note or error.message(lang)
    if text is None:
        return None, note or Empty().message(lang)
    return text, note


def task_continue(card: dict[str, Any], title: str) -> dict[str, Any]:
    """The invoke answer that shows ``card`` in the Teams dialog (task module)."""
    return {"task": {"type": "continue", "value": {
        "title": title, "height": "large", "width": "medium",
        "card": {"contentType": ADAPTIVE_CARD, "content": card},
    }}}
