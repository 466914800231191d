"""Files to a user's OneDrive through Teams' file consent, as the Teams docs describe it
("Send and receive files using bots", personal scope; Company Communicator's export).

The bot offers a file with a *file consent card* in the user's personal chat; when the
user accepts, Teams sends a ``fileConsent/invoke`` with an upload URL in the user's
OneDrive; the bot ``PUT``s the file there in one range and then shows a *file info card*
that opens it. A bot cannot attach a file in a channel, hence the personal chat.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

import httpx

__all__ = [
    "FILE_CONSENT",
    "FILE_INFO",
    "UploadFailed",
    "UploadInfo",
    "consent_attachment",
    "info_attachment",
    "upload",
]

logger = logging.getLogger(__name__)

FILE_CONSENT = "application/vnd.microsoft.teams.card.file.consent"
FILE_INFO = "application/vnd.microsoft.teams.card.file.info"

# How long an upload may take: the user waits for the invoke's answer.
UPLOAD_TIMEOUT_SECONDS = 20.0


class UploadFailed(Exception):
    """The file could not be put where Teams said (refused URL, HTTP error, timeout)."""


class UploadInfo:
    """What Teams gives with an accepted consent (``value.uploadInfo``)."""

    __slots__ = ("content_url", "file_type", "name", "unique_id", "upload_url")

    def __init__(self, value: Mapping[str, Any]) -> None:
        def text(key: str) -> str:
            found = value.get(key)
            return found if isinstance(found, str) else ""

        self.upload_url = text("uploadUrl")
        self.content_url = text("contentUrl")
        self.name = text("name")
        self.unique_id = text("uniqueId")
        self.file_type = text("fileType")

    @property
    def complete(self) -> bool:
        return bool(self.upload_url and self.content_url and self.name)


def consent_attachment(name: str, size: int, description: str,
                       context: Mapping[str, Any]) -> dict[str, Any]:
    """A file consent card offering ``name`` (``size`` bytes); ``context`` comes back with
    the user's answer."""
    return {
        "contentType": FILE_CONSENT,
        "name": name,
        "content": {
            "description": description,
            "sizeInBytes": size,
            "acceptContext": dict(context),
            "declineContext": dict(context),
        },
    }


def info_attachment(info: UploadInfo) -> dict[str, Any]:
    """The file info card for an uploaded file: Teams shows it as the file, opening it."""
    return {
        "contentType": FILE_INFO,
        "contentUrl": info.content_url,
        "name": info.name,
        "content": {"uniqueId": info.unique_id, "fileType": info.file_type},
    }


async def upload(info: UploadInfo, body: bytes, *, allowed: Callable[[str], bool],
                 client: httpx.AsyncClient | None = None) -> None:
    """``PUT`` ``body`` to the upload URL Teams gave, in one range. ``allowed`` says which
    URLs may be called (``bot.teams.connector.url_checker``: Microsoft's hosts, SharePoint
    among them; loopback too in dev mode). ``UploadFailed`` when it did not work."""
    if not info.complete or not allowed(info.upload_url):
        raise UploadFailed("the upload URL is missing or not allowed")
    headers = {"Content-Length": str(len(body)),
               "Content-Range": f"bytes 0-{max(len(body) - 1, 0)}/{len(body)}"}
    own = client is None
    http = client or httpx.AsyncClient(timeout=UPLOAD_TIMEOUT_SECONDS)
    try:
        response = await http.put(info.upload_url, content=body, headers=headers)
    except httpx.HTTPError as error:
        raise UploadFailed(f"the upload did not complete: {type(error).__name__}") from error
    finally:
        if own:
            await http.aclose()
    if response.status_code not in (200, 201):
        raise UploadFailed(f"the upload was refused: HTTP {response.status_code}")
