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
from typing import TYPE_CHECKING, Any

import httpx
from pydantic import ValidationError

if TYPE_CHECKING:
    from microsoft_teams.api.models import FileUploadInfo

# The Teams API's models (microsoft-teams-api) are imported where a file is offered, not
# with this module: importing them takes longer than the rest of the bot's start-up's
# imports together (about a second on a machine without a bytecode cache).

__all__ = [
    "FILE_CONSENT",
    "FILE_INFO",
    "UploadFailed",
    "consent_attachment",
    "info_attachment",
    "upload",
    "upload_info",
]

logger = logging.getLogger(__name__)

FILE_CONSENT = "application/vnd.microsoft.teams.card.file.consent"
FILE_INFO = "application/vnd.microsoft.teams.card.file.info"

# How long an upload may take: the user waits for the invoke's answer.
UPLOAD_TIMEOUT_SECONDS = 20.0


class UploadFailed(Exception):
    """The file could not be put where Teams said (refused URL, HTTP error, timeout)."""


def upload_info(value: object) -> FileUploadInfo:
    """What Teams gives with an accepted consent (``value.uploadInfo``), read by the Teams
    API's own model (``microsoft-teams-api``, which hosting-msteams brings); anything that
    is not such an object reads as an empty one, which ``upload`` refuses."""
    from microsoft_teams.api.models import FileUploadInfo

    try:
        return FileUploadInfo.model_validate(value if isinstance(value, Mapping) else {})
    except ValidationError:
        return FileUploadInfo()


def _complete(info: FileUploadInfo) -> bool:
    return bool(info.upload_url and info.content_url and info.name)


def consent_attachment(name: str, size: int, description: str,
                       context: Mapping[str, Any]) -> dict[str, Any]:
    """A file consent card offering ``name`` (``size`` bytes); ``context`` comes back with
    the user's answer."""
    from microsoft_teams.api.models import FileConsentCard

    card = FileConsentCard(description=description, size_in_bytes=size,
                           accept_context=dict(context), decline_context=dict(context))
    return {"contentType": FILE_CONSENT, "name": name,
            "content": card.model_dump(by_alias=True, exclude_none=True)}


def info_attachment(info: FileUploadInfo) -> dict[str, Any]:
    """The file info card for an uploaded file: Teams shows it as the file, opening it."""
    from microsoft_teams.api.models import FileInfoCard

    card = FileInfoCard(unique_id=info.unique_id, file_type=info.file_type)
    return {"contentType": FILE_INFO, "contentUrl": info.content_url, "name": info.name,
            "content": card.model_dump(by_alias=True, exclude_none=True)}


async def upload(info: FileUploadInfo, body: bytes, *, allowed: Callable[[str], bool],
                 client: httpx.AsyncClient | None = None) -> None:
    """``PUT`` ``body`` to the upload URL Teams gave, in one range. ``allowed`` says which
    URLs may be called (``bot.teams.connector.url_checker``: Microsoft's hosts, SharePoint
    among them; loopback too in dev mode). ``UploadFailed`` when it did not work."""
    if not _complete(info) or info.upload_url is None or not allowed(info.upload_url):
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
