"""Build the Teams app package: manifest.json, two icons and the English strings, zipped.

``manifest.template.json`` (Swedish, the default language) and ``en-US.json``
(English) sit beside this module; the icons are drawn by ``manifest.icons``.
The zip is reproducible: the same inputs give the same bytes.

Exception tree::

    PackageError      an input the package cannot be built from (id, version,
                      domain, URL), or the output folder cannot be written
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from importlib import metadata, resources
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlsplit

from .icons import icon_files

__all__ = [
    "DEFAULT_BOT_HOST",
    "DEFAULT_PRIVACY_URL",
    "DEFAULT_TERMS_URL",
    "DEFAULT_VERSION",
    "DEFAULT_WEBSITE_URL",
    "LOCALIZATION_FILES",
    "MANIFEST_VERSION",
    "PACKAGE_FILES",
    "PackageError",
    "build_package",
    "main",
    "render_manifest",
]

MANIFEST_VERSION = "1.22"  # the Teams manifest schema the template follows

DEFAULT_WEBSITE_URL = "https://start.stockholm/strategikollen/"
# Where the bot is served (docs/deploy.md's example): the overview tab's pages are there, and
# its single sign-on resource is api://{host}/{bot id} (STRATEGIKOLLEN_TAB_AUDIENCE).
DEFAULT_BOT_HOST = "strategikollen.stockholm.se"
DEFAULT_PRIVACY_URL = "https://start.stockholm/strategikollen/personuppgifter/"
DEFAULT_TERMS_URL = "https://start.stockholm/strategikollen/anvandarvillkor/"

LOCALIZATION_FILES = ("en-US.json",)
PACKAGE_FILES = ("manifest.json", "color.png", "outline.png", *LOCALIZATION_FILES)

_TEMPLATE = "manifest.template.json"
_GUID = re.compile(r"^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
_NIL_GUID = "00000000-0000-0000-0000-000000000000"
# Teams wants MAJOR.MINOR.PATCH; a pre-release or build suffix is refused at upload.
_VERSION = re.compile(r"^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$")
_LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
_DOMAIN = re.compile(rf"^(?:\*\.)?(?:{_LABEL}\.)+{_LABEL}(?::\d{{1,5}})?$")
_PLACEHOLDER = re.compile(r"\{\{[A-Z_]+\}\}")
_ZIP_DATE = (2020, 1, 1, 0, 0, 0)  # fixed, so that the same inputs give the same zip


class PackageError(ValueError):
    """Raised when the package cannot be built; the message is for the person at the CLI."""


def _project_version() -> str:
    try:
        found = metadata.version("strategikollen")
    except metadata.PackageNotFoundError:
        return "0.1.0"
    return found if _VERSION.match(found) else "0.1.0"


DEFAULT_VERSION = _project_version()


def _check_guid(value: str, what_sv: str, what_en: str) -> str:
    guid = value.strip().lower()
    if not _GUID.match(guid):
        raise PackageError(
            f"Ogiltigt {what_sv} {value!r}: det ska vara ett GUID, "
            "t.ex. 1b4e28ba-2fa1-11d2-883f-0016d3cca427. / "
            f"Invalid {what_en} {value!r}: it must be a GUID, "
            "e.g. 1b4e28ba-2fa1-11d2-883f-0016d3cca427."
        )
    if guid == _NIL_GUID:
        raise PackageError(
            f"Ogiltigt {what_sv}: {_NIL_GUID} (bara nollor) är en platshållare, inte ett riktigt "
            f"id. / Invalid {what_en}: {_NIL_GUID} (all zeros) is a placeholder, not a real id."
        )
    return guid


def _check_version(version: str) -> str:
    if not _VERSION.match(version):
        raise PackageError(
            f"Ogiltig version {version!r}: ange MAJOR.MINOR.PATCH, t.ex. 1.0.0. / "
            f"Invalid version {version!r}: use MAJOR.MINOR.PATCH, e.g. 1.0.0."
        )
    return version


def _check_url(url: str, field: str) -> str:
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise PackageError(
            f"Ogiltig adress för {field} {url!r}: den måste börja med https://. / "
            f"Invalid {field} {url!r}: it must be an https:// address."
        )
    return url


def _check_domains(domains: Sequence[str]) -> list[str]:
    if isinstance(domains, str):  # a lone string would be split into letters
        domains = [domains]
    checked: list[str] = []
    for raw in domains:
        domain = raw.strip().lower()
        if not _DOMAIN.match(domain):
            raise PackageError(
                f"Ogiltig domän {raw!r}: ange bara värdnamnet, utan https:// och sökväg, "
                "t.ex. strategikollen.stockholm.se eller *.stockholm.se. / "
                f"Invalid domain {raw!r}: give the host name only, without https:// or a path, "
                "e.g. strategikollen.stockholm.se or *.stockholm.se."
            )
        if domain not in checked:
            checked.append(domain)
    if len(checked) > 100:
        raise PackageError(
            "För många domäner: Teams tillåter högst 100. / "
            "Too many domains: Teams allows at most 100."
        )
    return checked


def _listed(domains: Sequence[str]) -> list[str]:
    return [domains] if isinstance(domains, str) else list(domains)


def _check_host(host: str) -> str:
    """The bot's host name: a domain without a wildcard (or a port: Teams wants 443)."""
    checked = _check_domains([host])[0]
    if checked.startswith("*.") or ":" in checked:
        raise PackageError(
            f"Ogiltig värd för boten {host!r}: ange värdnamnet utan * och port, t.ex. "
            f"{DEFAULT_BOT_HOST}. / Invalid bot host {host!r}: give the host name without * "
            f"or a port, e.g. {DEFAULT_BOT_HOST}."
        )
    return checked


def _fill(node: Any, values: Mapping[str, str | list[str]]) -> Any:
    """Replace ``{{NAME}}`` placeholders; a list item that is exactly a list placeholder expands."""
    if isinstance(node, dict):
        return {key: _fill(item, values) for key, item in node.items()}
    if isinstance(node, list):
        out: list[Any] = []
        for item in node:
            if isinstance(item, str) and isinstance(values.get(item), list):
                out.extend(values[item])
            else:
                out.append(_fill(item, values))
        return out
    if isinstance(node, str):
        return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(0), m.group(0))), node)
    return node


def _leftover_placeholders(node: Any) -> list[str]:
    text = json.dumps(node, ensure_ascii=False)
    return _PLACEHOLDER.findall(text)


def _read_resource(name: str) -> str:
    return resources.files(__package__ or "manifest").joinpath(name).read_text(encoding="utf-8")


def render_manifest(
    bot_id: str,
    *,
    app_id: str | None = None,
    version: str = DEFAULT_VERSION,
    valid_domains: Sequence[str] | None = None,
    website_url: str = DEFAULT_WEBSITE_URL,
    privacy_url: str = DEFAULT_PRIVACY_URL,
    terms_url: str = DEFAULT_TERMS_URL,
    bot_host: str = DEFAULT_BOT_HOST,
) -> dict[str, Any]:
    """The manifest as a dict, every placeholder filled; raises ``PackageError`` on bad input.

    ``valid_domains`` defaults to the host of the developer pages; the bot's own host
    (``bot_host``, where the overview tab is served) is always added.
    """
    bot = _check_guid(
        bot_id,
        "bot-id (Microsoft App ID från Azure Bot-resursen)",
        "bot id (the Microsoft App ID of the Azure Bot resource)",
    )
    app = bot if app_id is None else _check_guid(app_id, "app-id", "app id")
    urls = {
        "{{WEBSITE_URL}}": _check_url(website_url, "websiteUrl"),
        "{{PRIVACY_URL}}": _check_url(privacy_url, "privacyUrl"),
        "{{TERMS_URL}}": _check_url(terms_url, "termsOfUseUrl"),
    }
    host = _check_host(bot_host)
    if valid_domains is None:
        hosts = [urlsplit(u).hostname or "" for u in urls.values()]
        domains = _check_domains([*hosts, host])
    else:
        domains = _check_domains([*_listed(valid_domains), host])
    values: dict[str, str | list[str]] = {
        "{{APP_ID}}": app,
        "{{BOT_ID}}": bot,
        "{{BOT_HOST}}": host,
        "{{VERSION}}": _check_version(version),
        "{{VALID_DOMAINS}}": domains,
        **urls,
    }
    manifest: dict[str, Any] = _fill(json.loads(_read_resource(_TEMPLATE)), values)
    leftover = _leftover_placeholders(manifest)
    if leftover:  # a template edited without this module: a bug, but say so plainly
        raise PackageError(
            f"Mallen har ofyllda fält / The template has unfilled fields: {leftover}"
        )
    return manifest


def _zip_bytes(files: Mapping[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    return buf.getvalue()


def build_package(
    bot_id: str,
    out_dir: Path,
    *,
    app_id: str | None = None,
    version: str = DEFAULT_VERSION,
    valid_domains: list[str] | None = None,
    website_url: str = DEFAULT_WEBSITE_URL,
    privacy_url: str = DEFAULT_PRIVACY_URL,
    terms_url: str = DEFAULT_TERMS_URL,
    bot_host: str = DEFAULT_BOT_HOST,
) -> Path:
    """Write ``strategikollen-<version>.zip`` into ``out_dir`` and return its path.

    The zip holds, at its root, manifest.json (``id`` = ``app_id``, default the
    bot id; ``bots[0].botId`` = ``bot_id``), color.png, outline.png and en-US.json.
    """
    manifest = render_manifest(
        bot_id,
        app_id=app_id,
        version=version,
        valid_domains=valid_domains,
        website_url=website_url,
        privacy_url=privacy_url,
        terms_url=terms_url,
        bot_host=bot_host,
    )
    files: dict[str, bytes] = {
        "manifest.json": (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode(),
        **icon_files(),
    }
    for name in LOCALIZATION_FILES:
        files[name] = _read_resource(name).encode()
    data = _zip_bytes({name: files[name] for name in PACKAGE_FILES})

    out = Path(out_dir)
    target = out / f"strategikollen-{version}.zip"
    try:
        out.mkdir(parents=True, exist_ok=True)
        # Write beside the target, then rename: a reader never sees half a zip.
        fd, tmp = tempfile.mkstemp(prefix=".strategikollen-", suffix=".zip", dir=out)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            Path(tmp).chmod(0o644)
            Path(tmp).replace(target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise PackageError(
            f"Kunde inte skriva paketet till {str(out)!r}: {exc.strerror or exc}. / "
            f"Could not write the package to {str(out)!r}: {exc.strerror or exc}."
        ) from exc
    return target


def main(
    bot_id: str,
    out: str,
    *,
    app_id: str | None = None,
    version: str | None = None,
    valid_domains: list[str] | None = None,
    bot_host: str = DEFAULT_BOT_HOST,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """CLI entry: print the zip's path and return 0, or print the error and return 2."""
    so, se = stdout or sys.stdout, stderr or sys.stderr
    try:
        path = build_package(
            bot_id,
            Path(out),
            app_id=app_id,
            version=version or DEFAULT_VERSION,
            valid_domains=valid_domains,
            bot_host=bot_host,
        )
    except PackageError as exc:
        se.write(f"strategikollen package: {exc}\n")
        return 2
    so.write(f"{path}\n")
    return 0
