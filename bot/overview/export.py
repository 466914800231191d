"""The register as a table to take away: the overview tab's CSV and .xlsx download, and
the file an IB member saves from the IB channel's "Exportera registret" (``bot.ib``).

One set of columns and one way to write a row, so that the tab's download and the file
in the channel hold the same thing. Headings are in the reader's language; a text cell a
spreadsheet would take for a formula is given as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Awaitable, Callable, Sequence
from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncEngine

from policy import Lang

from ..clock import Clock, utc
from . import query
from .query import Filters, Scope
from .texts import t

__all__ = [
    "EXPORT_COLUMNS",
    "MAX_EXPORT_ROWS",
    "csv_bytes",
    "exporter",
    "file_name",
    "flat_row",
    "headers",
    "safe_cell",
]

MAX_EXPORT_ROWS = 100_000

# The export's columns: the heading's key (``tab.column.<name>``) and the flat row's key.
EXPORT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "id"), ("title", "title"), ("kind", "kind_label"), ("unit", "unit"),
    ("owner", "owner_label"), ("verdict", "verdict_label"), ("priority", "priority_label"),
    ("status", "status_label"), ("cost", "cost"), ("meeting_date", "meeting_date"),
    ("review_due", "review_due"), ("submitted_at", "submitted_at"),
)


def headers(lang: Lang) -> list[str]:
    return [t(f"tab.column.{name}", lang) for name, _ in EXPORT_COLUMNS]


def file_name(today: date, extension: str) -> str:
    return f"strategikollen-cases-{today.isoformat()}.{extension}"


def safe_cell(value: Any) -> Any:
    """A text cell that a spreadsheet would take for a formula is given as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def flat_row(row: Any, lang: Lang, zone: ZoneInfo) -> dict[str, Any]:
    """A register row (``query.page_rows``) as the export writes it: the page's row, the
    day it was submitted in the city's time zone."""
    flat = query.row_of(row, lang)
    flat["submitted_at"] = utc(row.created_at).astimezone(zone).date().isoformat()
    return flat


def csv_bytes(rows: Sequence[dict[str, Any]], lang: Lang) -> bytes:
    """The rows as CSV for Excel: semicolons, CRLF, UTF-8 with a byte order mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers(lang))
    for row in rows:
        writer.writerow(["" if row[key] is None else safe_cell(row[key])
                         for _, key in EXPORT_COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def exporter(engine: AsyncEngine, clock: Clock,
             zone: ZoneInfo) -> Callable[[Lang], Awaitable[tuple[str, bytes, int]]]:
    """What ``bot.ib.IbService`` calls for "Exportera registret": every case in the
    register's order, as the tab's CSV; the file's name, its bytes and how many cases."""

    async def export(lang: Lang) -> tuple[str, bytes, int]:
        async with engine.connect() as conn:
            rows = await query.page_rows(conn, Scope(), Filters(), sort="id",
                                         descending=False, lang=lang, limit=MAX_EXPORT_ROWS)
        flat = [flat_row(row, lang, zone) for row in rows]
        return file_name(clock.today(zone), "csv"), csv_bytes(flat, lang), len(flat)

    return export
