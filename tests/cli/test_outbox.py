"""`strategikollen outbox`: outgoing messages for IT, on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
import io
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.clock import FixedClock
from bot.outbox import OutboxKind, OutboxStatus, Target, enqueue
from bot.persistence.database import create_engine
from bot.persistence.tables import outbox_table
from cli.main import main

CREATED = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)  # 09:00 in Stockholm
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)  # when the command runs
CHANNEL = Target(service_url="https://smba.test/", conversation_id="19:ib@thread.tacv2")
ANNA = Target(service_url="https://smba.test/", conversation_id="a:anna", user_id="a11a")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(""), stdout=out, stderr=err,
                clock=FixedClock(NOW))
    return code, out.getvalue(), err.getvalue()


async def arun(*argv: str) -> tuple[int, str, str]:
    """The command runs its own event loop, so it runs in a thread beside the test's."""
    return await asyncio.to_thread(run, *argv)


async def queue(engine: AsyncEngine, key: str, kind: OutboxKind, target: Target,
                status: OutboxStatus, **changes: Any) -> int:
    async with engine.begin() as conn:
        new_id = await enqueue(conn, key=key, kind=kind, target=target,
                               activity={"type": "message", "text": "secret comment"},
                               conversation_key=target.conversation_id or "",
                               case_id=changes.pop("case_id", None), now=CREATED)
        assert new_id is not None
        await conn.execute(update(outbox_table).where(outbox_table.c.id == new_id)
                           .values(status=status.value, **changes))
    return new_id


@pytest.fixture
async def three(engine: AsyncEngine) -> AsyncEngine:
    """1 a sent post, 2 a failed notification, 3 a pending update."""
    await queue(engine, "post:SK-2026-0001", OutboxKind.POST, CHANNEL, OutboxStatus.SENT,
                case_id="SK-2026-0001", attempts=1, sent_activity_id="1:post",
                sent_at=CREATED)
    await queue(engine, "notify:SK-2026-0001:1", OutboxKind.NOTIFY, ANNA, OutboxStatus.FAILED,
                case_id="SK-2026-0001", attempts=8,
                last_error="403 Forbidden: the bot is not in the conversation roster")
    await queue(engine, "update:SK-2026-0001:1", OutboxKind.UPDATE, CHANNEL,
                OutboxStatus.PENDING, case_id="SK-2026-0001", attempts=2,
                last_error="429 Too Many Requests")
    return engine


async def row(engine: AsyncEngine, message_id: int) -> Any:
    async with engine.connect() as conn:
        return (await conn.execute(
            select(outbox_table).where(outbox_table.c.id == message_id))).one()


# --- list --------------------------------------------------------------------------------


async def test_list_prints_a_swedish_table_newest_first(three: AsyncEngine) -> None:
    code, out, err = await arun("outbox", "list")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["Id", "Status", "Typ", "Ärende", "Försök", "Nästa", "försök",
                                "Skapat", "Senaste", "fel"]
    assert [line.split()[:3] for line in lines[2:]] == [
        ["3", "pending", "update"], ["2", "failed", "notify"], ["1", "sent", "post"]]
    assert "2026-11-30 09:00:00" in lines[2]  # local time (Europe/Stockholm)
    assert "403 Forbidden" in lines[3]


async def test_list_in_english(three: AsyncEngine) -> None:
    code, out, _ = await arun("outbox", "list", "--lang", "en")
    assert code == 0
    assert out.splitlines()[0].startswith("Id  Status   Kind")
    assert "Last error" in out


async def test_list_filters_by_status_and_limits(three: AsyncEngine) -> None:
    _, out, _ = await arun("outbox", "list", "--status", "failed")
    assert [line.split()[0] for line in out.splitlines()[2:]] == ["2"]
    _, out, _ = await arun("outbox", "list", "--limit", "1")
    assert [line.split()[0] for line in out.splitlines()[2:]] == ["3"]


async def test_list_as_json_gives_every_field_but_the_message_itself(three: AsyncEngine) -> None:
    code, out, _ = await arun("outbox", "list", "--format", "json", "--status", "failed")
    assert code == 0
    (record,) = json.loads(out)
    assert record["id"] == 2
    assert record["key"] == "notify:SK-2026-0001:1"
    assert (record["kind"], record["status"], record["attempts"]) == ("notify", "failed", 8)
    assert record["case_id"] == "SK-2026-0001"
    assert record["target"] == {"service_url": "https://smba.test/", "conversation_id": "a:anna",
                                "user_id": "a11a"}
    assert record["created_at"] == "2026-11-30T08:00:00+00:00"
    assert record["last_error"].startswith("403 Forbidden")
    assert "activity" not in record
    assert "secret comment" not in out


async def test_an_empty_outbox_lists_no_messages(engine: AsyncEngine) -> None:
    assert await arun("outbox", "list") == (0, "Inga meddelanden.\n", "")
    assert await arun("outbox", "list", "--lang", "en") == (0, "No messages.\n", "")
    assert await arun("outbox", "list", "--format", "json") == (0, "[]\n", "")


# --- retry -------------------------------------------------------------------------------


async def test_retry_puts_a_failed_message_back_in_the_queue_from_attempt_zero(
    three: AsyncEngine,
) -> None:
    code, out, err = await arun("outbox", "retry", "2")
    assert (code, err) == (0, "")
    assert out == ("Meddelande 2 (notify, SK-2026-0001) ligger i kön igen och skickas av "
                   "leveransen.\n")
    message = await row(three, 2)
    assert (message.status, message.attempts) == ("pending", 0)
    assert (message.lease_owner, message.lease_until) == (None, None)
    assert message.next_attempt_at.replace(tzinfo=UTC) == NOW
    assert (await row(three, 1)).status == "sent"
    assert (await row(three, 3)).status == "pending"


async def test_retry_in_english(three: AsyncEngine) -> None:
    code, out, _ = await arun("outbox", "retry", "2", "--lang", "en")
    assert code == 0
    assert out.startswith("Message 2 (notify, SK-2026-0001) is queued again")


@pytest.mark.parametrize(("message_id", "status"), [(1, "sent"), (3, "pending")])
async def test_only_a_failed_message_can_be_retried(
    three: AsyncEngine, message_id: int, status: str
) -> None:
    before = await row(three, message_id)
    code, out, err = await arun("outbox", "retry", str(message_id))
    assert (code, out) == (2, "")
    assert f"har status {status}; bara misslyckade" in err
    assert await row(three, message_id) == before


async def test_retrying_a_message_that_is_not_there_is_bad_input(three: AsyncEngine) -> None:
    code, _, err = await arun("outbox", "retry", "99", "--lang", "en")
    assert code == 2
    assert "There is no message 99 in the outbox." in err


# --- bad input and a missing database ---------------------------------------------------


@pytest.mark.parametrize("argv", [
    ("outbox", "list", "--status", "stuck"),
    ("outbox", "list", "--limit", "0"),
    ("outbox", "list", "--format", "csv"),
    ("outbox", "retry", "two"),
    ("outbox", "retry"),
    ("outbox",),
])
def test_bad_options_exit_2_without_touching_the_database(
    argv: tuple[str, ...], env: pytest.MonkeyPatch
) -> None:
    env.setenv("STRATEGIKOLLEN_DATABASE_URL", "postgresql+asyncpg://nobody@127.0.0.1:1/none")
    code, out, err = run(*argv)
    assert (code, out) == (2, "")
    assert "Traceback" not in err


def test_an_unknown_status_is_named_with_the_choices(env: pytest.MonkeyPatch) -> None:
    code, _, err = run("outbox", "list", "--status", "stuck")
    assert code == 2
    assert "Okänd status 'stuck'. Välj bland: pending, sending, sent, failed." in err


def test_an_unreachable_database_is_a_clear_message_and_exit_1(env: pytest.MonkeyPatch) -> None:
    env.setenv("STRATEGIKOLLEN_DATABASE_URL",
               "postgresql+asyncpg://nobody:secret@127.0.0.1:1/none")
    code, out, err = run("outbox", "retry", "1", "--lang", "en")
    assert (code, out) == (1, "")
    assert err.startswith("strategikollen outbox: The database postgresql+asyncpg://nobody:***@")
    assert "secret" not in err
    assert "Traceback" not in err


async def test_a_database_without_the_outbox_says_to_start_the_bot(
    database: Any, env: pytest.MonkeyPatch
) -> None:
    env.setenv("STRATEGIKOLLEN_DATABASE_URL", database.url)
    engine = create_engine(database.url, schema=database.schema)
    try:
        async with engine.begin() as conn:
            if database.schema:
                await conn.exec_driver_sql(f'CREATE SCHEMA "{database.schema}"')
                env.setenv("STRATEGIKOLLEN_DATABASE_SCHEMA", database.schema)
            await conn.exec_driver_sql("CREATE TABLE unrelated (x INTEGER)")
    finally:
        await engine.dispose()
    code, _, err = await arun("outbox", "list")
    assert code == 1
    assert "har ingen utkorg ännu. Starta boten en gång" in err
