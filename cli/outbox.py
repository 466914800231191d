"""`strategikollen outbox`: the bot's outgoing messages to Teams, for IT.

```
strategikollen outbox list  [--status pending|sending|sent|failed] [--limit N]
                            [--format table|json] [--lang sv|en]
strategikollen outbox retry ID [--lang sv|en]
```

Every message the bot sends on its own (a case's post in the IB channel, its updates
and replies, notifications and review reminders) is first written to the outbox and
then delivered by the delivery worker (``bot.outbox.worker``), which retries what Teams
refuses for a while. A message it gave up on is ``failed``; once the cause is fixed
(the app removed from the team and added again, a permission granted), ``retry`` puts
it back in the queue: status ``pending``, attempts from zero, due now.

``list`` shows the newest first. Status and kind are shown as stored (``failed``,
``notify``), the words ``--status`` takes and the logs use; headings are Swedish by
default, English with ``--lang en``. JSON gives every field except the message itself.

Exit codes: 0 ok; 2 bad input (unknown status, no such message, not failed); 1 the
database cannot be reached or has no outbox. Never a traceback.
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime
from typing import TYPE_CHECKING, Any, TextIO
from zoneinfo import ZoneInfo

from bot.clock import utc
from policy import Lang

from .db import BadInput, DatabaseProblem, load_settings, opened
from .render import render_table
from .texts import OUTBOX_COLUMNS, TEXTS, t

if TYPE_CHECKING:
    from sqlalchemy import Row
    from sqlalchemy.ext.asyncio import AsyncEngine

__all__ = ["add_outbox_parser", "cmd_outbox"]

_ERROR_WIDTH = 60


def add_outbox_parser(sub: Any) -> None:
    """Add ``outbox list|retry`` to the ``strategikollen`` subcommands."""
    outbox = sub.add_parser("outbox", help="utgående meddelanden till Teams / outgoing messages")
    actions = outbox.add_subparsers(dest="outbox_command", required=True,
                                    parser_class=type(outbox))

    ls = actions.add_parser("list", help="meddelanden, senaste först / messages, newest first")
    ls.add_argument("--status", default=None, help="pending | sending | sent | failed")
    ls.add_argument("--limit", type=int, default=50)
    ls.add_argument("--format", choices=("table", "json"), default="table")

    retry = actions.add_parser("retry", help="skicka ett misslyckat meddelande igen / "
                               "queue a failed message again")
    retry.add_argument("message_id", metavar="ID", type=int)

    for p in (ls, retry):
        p.add_argument("--lang", choices=("sv", "en"), default="sv")
        p.set_defaults(run=cmd_outbox)


def cmd_outbox(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    """Run ``outbox list|retry``; 0 ok, 2 bad input, 1 database problem."""
    lang: Lang = args.lang
    try:
        _check_options(args, lang)
        import asyncio  # imported here: not at every start of strategikollen
        asyncio.run(_run(args, out, lang))
        return 0
    except BadInput as problem:
        err.write(f"strategikollen outbox: {problem}\n")
        return 2
    except DatabaseProblem as problem:
        err.write(f"strategikollen outbox: {problem}\n")
        return 1


def _check_options(args: argparse.Namespace, lang: Lang) -> None:
    from bot.outbox import OutboxStatus

    statuses = [s.value for s in OutboxStatus]
    status = getattr(args, "status", None)
    if status is not None and status not in statuses:
        raise BadInput(t("outbox.bad_status", lang, value=status, choices=", ".join(statuses)))
    limit = getattr(args, "limit", None)
    if limit is not None and limit < 1:
        raise BadInput(t("outbox.bad_limit", lang))


async def _run(args: argparse.Namespace, out: TextIO, lang: Lang) -> None:
    settings = load_settings(lang)
    async with opened(settings, lang, tables=("outbox",), what=TEXTS["outbox.no_outbox"]) as engine:
        if args.outbox_command == "list":
            rows = await _list(engine, args.status, args.limit)
            if args.format == "json":
                records = [_record(row) for row in rows]
                out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
            else:
                out.write(_table(rows, lang, settings.zone))
        else:
            out.write(await _retry(engine, args.message_id, lang, args.clock.now()) + "\n")


async def _list(engine: AsyncEngine, status: str | None, limit: int) -> list[Row[Any]]:
    from sqlalchemy import select

    from bot.persistence.tables import outbox_table

    query = select(outbox_table).order_by(outbox_table.c.id.desc()).limit(limit)
    if status is not None:
        query = query.where(outbox_table.c.status == status)
    async with engine.connect() as conn:
        return list((await conn.execute(query)).all())


async def _retry(engine: AsyncEngine, message_id: int, lang: Lang, now: datetime) -> str:
    """Put a failed message back in the queue, due ``now``; the confirmation to print.
    The same function as the IB channel's "Försök igen" (``bot.outbox.failed.requeue``)."""
    from sqlalchemy import select

    from bot.outbox.failed import requeue
    from bot.persistence.tables import outbox_table

    async with engine.begin() as conn:
        moved = await requeue(conn, [message_id], now=now)
        if not moved:
            status = (
                await conn.execute(select(outbox_table.c.status)
                                   .where(outbox_table.c.id == message_id))
            ).scalar_one_or_none()
            if status is None:
                raise BadInput(t("outbox.not_found", lang, id=message_id))
            raise BadInput(t("outbox.not_failed", lang, id=message_id, status=status))
    [message] = moved
    case = f", {message.case_id}" if message.case_id else ""
    return t("outbox.retried", lang, id=message_id, kind=message.kind, case=case)


def _utc(value: datetime | None) -> datetime | None:
    return None if value is None else utc(value)


def _iso(value: datetime | None) -> str | None:
    moment = _utc(value)
    return moment.isoformat() if moment else None


def _record(row: Row[Any]) -> dict[str, Any]:
    """A message as JSON: every field but the activity (the card, with its comments)."""
    return {
        "id": row.id,
        "key": row.key,
        "kind": row.kind,
        "status": row.status,
        "case_id": row.case_id,
        "conversation_key": row.conversation_key,
        "target": row.target,
        "attempts": row.attempts,
        "next_attempt_at": _iso(row.next_attempt_at),
        "lease_owner": row.lease_owner,
        "lease_until": _iso(row.lease_until),
        "sent_activity_id": row.sent_activity_id,
        "last_error": row.last_error,
        "created_at": _iso(row.created_at),
        "sent_at": _iso(row.sent_at),
    }


def _local(value: datetime | None, zone: ZoneInfo) -> str:
    moment = _utc(value)
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S") if moment else ""


def _short(text: str | None) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= _ERROR_WIDTH else flat[: _ERROR_WIDTH - 1] + "…"


def _table(rows: list[Row[Any]], lang: Lang, zone: ZoneInfo) -> str:
    if not rows:
        return t("outbox.none", lang) + "\n"
    return render_table([tuple(column[lang] for column in OUTBOX_COLUMNS)] + [
        (
            str(row.id),
            row.status,
            row.kind,
            row.case_id or "",
            str(row.attempts),
            _local(row.next_attempt_at, zone) if row.status != "sent" else "",
            _local(row.created_at, zone),
            _short(row.last_error),
        )
        for row in rows
    ])
