"""The delivery worker against the stand-in Bot Connector, on SQLite and PostgreSQL:
retries (429 with Retry-After, 412, 503), permanent failures, the connector down and back,
order and pace per conversation, restarts, leases, and the post found through Graph
instead of being posted twice.

The helpers here (queueing cases and messages) are also used by
``test_delivery_processes.py``.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Sequence
from datetime import UTC, date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.hosting.server import CONNECTOR, DELIVERY, ENGINE
from bot.outbox import OutboxKind, Target, card_activity, enqueue
from bot.outbox.worker import DeliveryWorker, backoff_seconds
from bot.persistence.register import Actor, CaseRegister
from bot.persistence.tables import (
    case_post_table,
    channel_table,
    outbox_table,
    pace_table,
    user_ref_table,
)
from bot.teams.connector import ConnectorClient, url_checker
from policy import assess, parse_engagement

from .bot_harness import BOT_ID, CLOCK, TENANT, Connector
from .conftest import MakeBot

CASES = Path(__file__).resolve().parents[1] / "cases"
CHANNEL = "19:ib-channel@thread.tacv2"
GROUP = "00000000-0000-0000-0000-00000000c0de"
TEAM = "19:ib-team@thread.tacv2"
ANNA = Actor(
    id="00000000-0000-0000-0000-00000000a11a", name="Anna Andersson", unit="Stadsledningskontoret"
)


# --- helpers (shared with test_delivery_processes.py) ------------------------------------


def case_card(case_id: str, text: str = "") -> dict[str, Any]:
    """A message with a case's card as the IB channel gets it: refresh action ib.refresh."""
    card = {
        "type": "AdaptiveCard",
        "version": "1.5",
        "body": [{"type": "TextBlock", "text": text or f"Ärende {case_id}"}],
        "refresh": {
            "action": {"type": "Action.Execute", "verb": "ib.refresh", "data": {"case": case_id}}
        },
    }
    return card_activity(card)


def text_message(text: str) -> dict[str, Any]:
    return {"type": "message", "text": text}


async def register_channel(
    engine: AsyncEngine, service_url: str, *, group: str | None = GROUP
) -> None:
    """The IB channel as "registrera IB-kanal" stores it (group known unless None)."""
    async with engine.begin() as conn:
        await conn.execute(
            insert(channel_table).values(
                channel_id=CHANNEL,
                team_id=TEAM,
                team_aad_group_id=group,
                tenant_id=TENANT,
                service_url=service_url,
                bot_id=BOT_ID,
                name="IB",
                registered_by_id="admin",
                registered_by_name="Admin",
                registered_at=CLOCK.now(),
                active=True,
            )
        )


async def queue_case_post(
    engine: AsyncEngine, service_url: str, case_file: str = "ctpn-membership.json"
) -> tuple[str, int]:
    """Submit a case and, in its transaction, queue its post in the IB channel (as the IB
    flow does). Returns (case id, outbox id)."""
    data = json.loads((CASES / case_file).read_text("utf-8"))["engagement"]
    engagement = parse_engagement(data)
    assessment = assess(engagement, "sv", today=date(2026, 11, 22))
    queued: list[int] = []

    async def hook(conn: Any, case: Any) -> None:
        outbox_id = await enqueue(
            conn,
            key=f"post:{case.id}",
            kind=OutboxKind.POST,
            target=Target(service_url=service_url, conversation_id=CHANNEL, case_id=case.id),
            activity=case_card(case.id),
            conversation_key=CHANNEL,
            case_id=case.id,
            now=CLOCK.now(),
        )
        assert outbox_id is not None
        await conn.execute(
            insert(case_post_table).values(
                case_id=case.id,
                channel_id=CHANNEL,
                outbox_id=outbox_id,
                prepare=False,
            )
        )
        queued.append(outbox_id)

    case = await CaseRegister(engine, clock=CLOCK).submit(engagement, assessment, ANNA, then=hook)
    return case.id, queued[0]


async def queue_message(
    engine: AsyncEngine,
    service_url: str,
    conversation: str,
    text: str,
    *,
    kind: OutboxKind = OutboxKind.NOTIFY,
    key: str | None = None,
    target: Target | None = None,
    case_id: str | None = None,
) -> int:
    """Queue a plain text message to ``conversation`` (its conversation key)."""
    async with engine.begin() as conn:
        outbox_id = await enqueue(
            conn,
            key=key or f"{conversation}:{text}",
            kind=kind,
            target=target or Target(service_url=service_url, conversation_id=conversation),
            activity=text_message(text),
            conversation_key=conversation,
            case_id=case_id,
            now=CLOCK.now(),
        )
    assert outbox_id is not None
    return outbox_id


async def outbox_rows(engine: AsyncEngine) -> list[Any]:
    async with engine.connect() as conn:
        return list(await conn.execute(select(outbox_table).order_by(outbox_table.c.id)))


async def case_post(engine: AsyncEngine, case_id: str) -> Any:
    async with engine.connect() as conn:
        return (
            await conn.execute(select(case_post_table).where(case_post_table.c.case_id == case_id))
        ).one()


def received(connector: Connector, conversation: str) -> list[float]:
    """When the stand-in received each request (answered or not) about a conversation."""
    marker = f"/v3/conversations/{conversation}/"
    return sorted(r.at for r in connector.requests if r.path.startswith(marker))


def busiest_second(times: Sequence[float]) -> int:
    """The most requests in any window [t, t + 1 s) that starts at a request."""
    return max((sum(1 for u in times if t <= u < t + 1.0) for t in times), default=0)


# --- fixtures -----------------------------------------------------------------------------


@pytest.fixture
async def client(connector: Connector) -> AsyncIterator[ConnectorClient]:
    """The bot's connector client as in dev mode: no token, loopback allowed; short
    in-call retries so that a persistent failure reaches the worker's backoff soon."""
    client = ConnectorClient(
        allow_url=url_checker(dev=True),
        graph_url=connector.graph_url,
        attempts=3,
        max_wait_seconds=5.0,
        timeout_seconds=10.0,
    )
    yield client
    await client.aclose()


def worker(engine: AsyncEngine, client: ConnectorClient, **options: Any) -> DeliveryWorker:
    settings: dict[str, Any] = {
        "poll_seconds": 0.1,
        "lease_seconds": 30.0,
        "max_backoff_seconds": 1.0,
        "clock": CLOCK,
    }
    settings.update(options)
    return DeliveryWorker(engine, client, **settings)


# --- delivery -----------------------------------------------------------------------------


async def test_a_case_post_is_delivered_and_its_activity_id_recorded(
    engine: AsyncEngine, client: ConnectorClient, connector: Connector
) -> None:
    await register_channel(engine, connector.url)
    case_id, outbox_id = await queue_case_post(engine, connector.url)

    await worker(engine, client).drain()

    posts = connector.top_level_posts(CHANNEL)
    assert len(posts) == 1
    assert posts[0].body["attachments"][0]["content"]["refresh"]["action"]["data"] == {
        "case": case_id
    }
    row = (await outbox_rows(engine))[0]
    assert (row.id, row.status, row.attempts) == (outbox_id, "sent", 1)
    assert row.sent_activity_id == posts[0].answer_id
    assert row.lease_owner is None
    post = await case_post(engine, case_id)
    assert post.activity_id == posts[0].answer_id
    assert post.posted_at is not None


async def test_429_with_retry_after_is_waited_out_then_sent(
    engine: AsyncEngine, client: ConnectorClient, connector: Connector
) -> None:
    await queue_message(engine, connector.url, "a:chat-1", "hej")
    connector.fail_next(1, 429, retry_after=1)

    await worker(engine, client).drain()

    assert connector.texts("a:chat-1") == ["hej"]
    attempts = [r for r in connector.requests if "a:chat-1" in r.path]
    assert [r.status for r in attempts] == [429, 200]
    assert attempts[1].at - attempts[0].at >= 1.0  # Retry-After: 1 honoured
    assert (await outbox_rows(engine))[0].status == "sent"


async def test_a_long_retry_after_is_kept_in_the_row_not_waited_in_the_call(
    engine: AsyncEngine, client: ConnectorClient, connector: Connector
) -> None:
    """Retry-After longer than the client waits in a call: the row stays pending with its
    next attempt no earlier than Retry-After, and the message is not lost."""
    await queue_message(engine, connector.url, "a:chat-1", "hej")
    connector.fail_next(1, 429, retry_after=120)
    before = CLOCK.now()

    await worker(engine, client).drain()

    row = (await outbox_rows(engine))[0]
    assert row.status == "pending"
    assert row.attempts == 1
    assert "429" in row.last_error
    next_at = (
        row.next_attempt_at.replace(tzinfo=UTC)
        if row.next_attempt_at.tzinfo is None
        else row.next_attempt_at
    )
    assert next_at >= before + timedelta(seconds=120)
    assert connector.texts("a:chat-1") == []


async def test_412_and_503_are_retried(
    engine: AsyncEngine, client: ConnectorClient, connector: Connector
) -> None:
    await queue_message(engine, connector.url, "a:chat-1", "hej")
    connector.fail_next(1, 412)
    connector.fail_next(1, 503)

    await worker(engine, client).drain()

    assert [r.status for r in connector.requests if "a:chat-1" in r.path] == [412, 503, 200]
    assert connector.texts("a:chat-1") == ["hej"]


@pytest.mark.parametrize("status", [403, 404])
async def test_a_permanent_error_fails_the_message_and_the_next_one_still_goes(
    engine: AsyncEngine,
    client: ConnectorClient,
    connector: Connector,
    status: int,
    caplog: pytest.LogCaptureFixture,
) -> None:
    first = await queue_message(engine, connector.url, "a:chat-1", "första")
    await queue_message(engine, connector.url, "a:chat-1", "andra")
    connector.fail_next(1, status)

    await worker(engine, client).drain()

    rows = await outbox_rows(engine)
    assert [(r.status, r.attempts) for r in rows] == [("failed", 1), ("sent", 1)]
    assert str(status) in rows[0].last_error
    assert connector.texts("a:chat-1") == ["andra"]
    assert [r.status for r in connector.requests] == [status, 200]  # not retried
    assert any(
        f"Outbox {first}" in r.getMessage() and str(status) in r.getMessage()
        for r in caplog.records
        if r.levelname == "ERROR"
    )


async def test_connector_down_for_a_while_then_back_loses_nothing(
    engine: AsyncEngine, client: ConnectorClient, connector: Connector
) -> None:
    conversations = ["a:chat-1", "a:chat-2", "a:chat-3"]
    for n in range(4):
        for conversation in conversations:
            await queue_message(engine, connector.url, conversation, f"{conversation} #{n}")
    connector.down = True
    delivery = worker(engine, client)
    delivery.start()
    try:
        # Every conversation has been tried and failed, and the failures are persisted.
        await connector.wait_for(
            lambda: {r.path.split("/")[3] for r in connector.requests} >= set(conversations),
            what="an attempt in every conversation",
        )

        async def persisted() -> bool:
            # Each conversation's first message has a failed attempt on record, and is
            # neither sent nor given up (it may be in its next attempt right now).
            rows = await outbox_rows(engine)
            heads = [r for r in rows if r.attempts > 0]
            return len(heads) == 3 and all(
                r.status in ("pending", "sending") and "503" in r.last_error for r in heads
            )

        for _ in range(500):
            if await persisted():
                break
            await asyncio.sleep(0.02)
        assert await persisted()
        assert connector.calls == []

        connector.down = False
        await connector.wait_for(
            lambda: sum(len(connector.texts(c)) for c in conversations) == 12,
            timeout=60,
            what="all twelve messages",
        )
    finally:
        await delivery.stop()
    for conversation in conversations:
        assert connector.texts(conversation) == [f"{conversation} #{n}" for n in range(4)]
    assert {r.status for r in await outbox_rows(engine)} == {"sent"}


async def test_connection_refused_for_a_while_then_back_loses_nothing(
    engine: AsyncEngine, client: ConnectorClient, connector: Connector
) -> None:
    for n in range(3):
        await queue_message(engine, connector.url, "a:chat-1", f"#{n}")
    await connector.stop_listening()
    delivery = worker(engine, client)
    delivery.start()
    try:

        async def failed_once() -> bool:
            return any(r.attempts > 0 for r in await outbox_rows(engine))

        for _ in range(500):
            if await failed_once():
                break
            await asyncio.sleep(0.02)
        head = (await outbox_rows(engine))[0]
        assert head.attempts >= 1
        assert head.status in ("pending", "sending")
        await connector.listen_again()
        await connector.wait_for(
            lambda: len(connector.texts("a:chat-1")) == 3, timeout=60, what="three messages"
        )
    finally:
        await delivery.stop()
    assert connector.texts("a:chat-1") == ["#0", "#1", "#2"]


async def test_order_per_conversation_holds_through_failures(
    engine: AsyncEngine, client: ConnectorClient, connector: Connector
) -> None:
    conversations = [f"a:chat-{i}" for i in range(4)]
    for n in range(6):
        for conversation in conversations:
            await queue_message(engine, connector.url, conversation, f"{n}")
    connector.fail_next(6, 503)  # the first attempts, spread over the conversations, fail

    await worker(engine, client).drain()

    assert [r.status for r in connector.requests].count(503) == 6
    for conversation in conversations:
        assert connector.texts(conversation) == [str(n) for n in range(6)]


async def test_no_second_has_more_than_seven_sends_to_one_conversation(
    engine: AsyncEngine, client: ConnectorClient, connector: Connector
) -> None:
    for n in range(20):
        await queue_message(engine, connector.url, "a:busy", f"{n}")
    for n in range(5):
        await queue_message(engine, connector.url, "a:quiet", f"{n}")
    connector.fail_next(2, 503)  # failed attempts count against the pace as well

    await worker(engine, client, max_per_second=7).drain()

    assert connector.texts("a:busy") == [str(n) for n in range(20)]
    assert busiest_second(received(connector, "a:busy")) <= 7
    assert busiest_second(received(connector, "a:quiet")) <= 7


async def test_a_lower_rate_is_kept_too(
    engine: AsyncEngine, client: ConnectorClient, connector: Connector
) -> None:
    for n in range(8):
        await queue_message(engine, connector.url, "a:chat-1", f"{n}")

    await worker(engine, client, max_per_second=3).drain()

    assert len(connector.texts("a:chat-1")) == 8
    assert busiest_second(received(connector, "a:chat-1")) <= 3


# --- restart, leases, reconciliation ------------------------------------------------------


async def test_a_restarted_worker_resumes_where_the_stopped_one_left(
    engine: AsyncEngine, client: ConnectorClient, connector: Connector
) -> None:
    for n in range(10):
        await queue_message(engine, connector.url, "a:chat-1", f"{n}")
    first = worker(engine, client, max_per_second=2)
    first.start()
    await connector.wait_for(lambda: len(connector.texts("a:chat-1")) >= 2, what="two sent")
    await first.stop()
    assert len(connector.texts("a:chat-1")) < 10

    await worker(engine, client, max_per_second=7).drain()

    assert connector.texts("a:chat-1") == [str(n) for n in range(10)]


async def test_a_row_left_sending_by_a_dead_process_is_taken_over_after_its_lease(
    engine: AsyncEngine, client: ConnectorClient, connector: Connector
) -> None:
    outbox_id = await queue_message(engine, connector.url, "a:chat-1", "hej")
    await queue_message(engine, connector.url, "a:chat-1", "då")
    lease_until = CLOCK.now() + timedelta(seconds=1)
    async with engine.begin() as conn:
        await conn.execute(
            update(outbox_table)
            .where(outbox_table.c.id == outbox_id)
            .values(
                status="sending",
                lease_owner="dead-process",
                lease_until=lease_until,
            )
        )

    await worker(engine, client).drain()
    assert connector.texts("a:chat-1") == []  # the lease still holds: nothing, not even "då"

    await asyncio.sleep(max(0.0, (lease_until - CLOCK.now()).total_seconds()) + 0.05)
    await worker(engine, client).drain()
    # A notification is sent again: it may repeat (documented), but it is not lost.
    assert connector.texts("a:chat-1") == ["hej", "då"]


def case_posts_in_channel(connector: Connector, case_id: str) -> list[Any]:
    """The top-level posts in the IB channel that carry ``case_id``'s card."""
    return [
        p
        for p in connector.top_level_posts(CHANNEL)
        if json.dumps(case_id) in json.dumps(p.body.get("attachments"))
    ]


async def _crash_after_posting(
    engine: AsyncEngine, client: ConnectorClient, connector: Connector, outbox_id: int, case_id: str
) -> None:
    """As if the process died right after Teams took the post: delivered, but the row is
    still 'sending' under an expired lease and case_posts has no activity id."""
    await worker(engine, client).drain()
    assert len(case_posts_in_channel(connector, case_id)) == 1
    async with engine.begin() as conn:
        await conn.execute(
            update(outbox_table)
            .where(outbox_table.c.id == outbox_id)
            .values(
                status="sending",
                lease_owner="dead-process",
                sent_activity_id=None,
                sent_at=None,
                lease_until=CLOCK.now() - timedelta(seconds=1),
            )
        )
        await conn.execute(
            update(case_post_table)
            .where(case_post_table.c.case_id == case_id)
            .values(activity_id=None, posted_at=None)
        )


async def test_an_interrupted_post_found_in_the_channel_is_not_posted_again(
    engine: AsyncEngine, client: ConnectorClient, connector: Connector
) -> None:
    connector.teams[TEAM] = {"name": "IB", "aadGroupId": GROUP}
    connector.graph_page_size = 2  # the lookup reads several pages
    await register_channel(engine, connector.url)
    case_id, outbox_id = await queue_case_post(engine, connector.url)
    for n in range(4):  # newer posts in the channel: Graph lists the case's on a later page
        await queue_message(engine, connector.url, CHANNEL, f"annat {n}", kind=OutboxKind.POST)
    await _crash_after_posting(engine, client, connector, outbox_id, case_id)
    posted = case_posts_in_channel(connector, case_id)[0].answer_id

    await worker(engine, client).drain()

    assert len(case_posts_in_channel(connector, case_id)) == 1
    assert len(connector.top_level_posts(CHANNEL)) == 5
    graph = [r for r in connector.requests if r.path.startswith("/v1.0/")]
    assert len(graph) == 3  # five posts, two a page, the case's the oldest
    row = next(r for r in await outbox_rows(engine) if r.id == outbox_id)
    assert (row.status, row.sent_activity_id) == ("sent", posted)
    assert (await case_post(engine, case_id)).activity_id == posted


async def test_an_interrupted_post_missing_from_the_channel_is_posted(
    engine: AsyncEngine, client: ConnectorClient, connector: Connector
) -> None:
    connector.teams[TEAM] = {"name": "IB", "aadGroupId": GROUP}
    await register_channel(engine, connector.url)
    case_id, outbox_id = await queue_case_post(engine, connector.url)
    async with engine.begin() as conn:  # claimed by a process that died before sending
        await conn.execute(
            update(outbox_table)
            .where(outbox_table.c.id == outbox_id)
            .values(
                status="sending",
                lease_owner="dead-process",
                lease_until=CLOCK.now() - timedelta(seconds=1),
            )
        )

    await worker(engine, client).drain()

    assert len(connector.top_level_posts(CHANNEL)) == 1
    assert any(r.path.startswith("/v1.0/") for r in connector.requests)
    assert (await case_post(engine, case_id)).activity_id == connector.top_level_posts(CHANNEL)[
        0
    ].answer_id


async def test_a_502_on_a_post_is_checked_in_the_channel_before_posting_again(
    engine: AsyncEngine, client: ConnectorClient, connector: Connector
) -> None:
    """A 502 may hide a post that went out: no blind retry, a Graph lookup first."""
    connector.teams[TEAM] = {"name": "IB", "aadGroupId": GROUP}
    await register_channel(engine, connector.url)
    await queue_case_post(engine, connector.url)
    connector.fail_next(1, 502)

    await worker(engine, client, max_backoff_seconds=0.2).drain()
    await asyncio.sleep(0.3)  # the retry may wait longer than one drain does
    await worker(engine, client).drain()

    statuses = [(r.method, r.path.split("/")[1], r.status) for r in connector.requests]
    assert statuses == [("POST", "v3", 502), ("GET", "v1.0", 200), ("POST", "v3", 200)]
    assert len(connector.top_level_posts(CHANNEL)) == 1
    assert (await outbox_rows(engine))[0].status == "sent"


async def test_without_the_channels_group_an_interrupted_post_is_sent_again(
    engine: AsyncEngine,
    client: ConnectorClient,
    connector: Connector,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """No group id (Graph cannot be asked): at least once, and a warning says so."""
    await register_channel(engine, connector.url, group=None)
    case_id, outbox_id = await queue_case_post(engine, connector.url)
    await _crash_after_posting(engine, client, connector, outbox_id, case_id)

    await worker(engine, client).drain()

    assert len(connector.top_level_posts(CHANNEL)) == 2
    assert not any(r.path.startswith("/v1.0/") for r in connector.requests)
    assert any("group is unknown" in r.getMessage() for r in caplog.records)


async def test_two_workers_deliver_each_message_once_in_order(
    engine: AsyncEngine, client: ConnectorClient, connector: Connector
) -> None:
    conversations = [f"a:chat-{i}" for i in range(5)]
    for n in range(6):
        for conversation in conversations:
            await queue_message(engine, connector.url, conversation, f"{n}")
    first, second = worker(engine, client), worker(engine, client)
    assert first.worker_id != second.worker_id

    await asyncio.gather(first.drain(), second.drain())
    await first.drain()  # whatever one skipped while the other held a conversation

    for conversation in conversations:
        assert connector.texts(conversation) == [str(n) for n in range(6)]
    assert {r.status for r in await outbox_rows(engine)} == {"sent"}


# --- update, reply, notify ----------------------------------------------------------------


async def test_update_and_reply_take_the_posts_activity_id_once_it_is_delivered(
    engine: AsyncEngine, client: ConnectorClient, connector: Connector
) -> None:
    case_id, _ = await queue_case_post(engine, connector.url)
    no_id = Target(service_url=connector.url, conversation_id=CHANNEL, case_id=case_id)
    async with engine.begin() as conn:
        await enqueue(
            conn,
            key=f"update:{case_id}:1",
            kind=OutboxKind.UPDATE,
            target=no_id,
            activity=case_card(case_id, "uppdaterad"),
            conversation_key=CHANNEL,
            case_id=case_id,
            now=CLOCK.now(),
        )
        await enqueue(
            conn,
            key=f"reply:{case_id}:2",
            kind=OutboxKind.REPLY,
            target=no_id,
            activity=text_message("Version 2"),
            conversation_key=CHANNEL,
            case_id=case_id,
            now=CLOCK.now(),
        )

    await worker(engine, client).drain()

    post_id = connector.top_level_posts(CHANNEL)[0].answer_id
    assert post_id is not None
    updates = connector.updates(CHANNEL)
    assert [u.activity_id for u in updates] == [post_id]
    assert updates[0].body["attachments"][0]["content"]["body"][0]["text"] == "uppdaterad"
    thread = f"{CHANNEL};messageid={post_id}"
    replies = [c for c in connector.calls if c.conversation_id == thread]
    assert [(c.activity_id, c.body["text"]) for c in replies] == [(post_id, "Version 2")]
    assert {r.status for r in await outbox_rows(engine)} == {"sent"}


async def test_an_update_waits_while_its_post_is_queued_elsewhere_and_fails_if_it_failed(
    engine: AsyncEngine, client: ConnectorClient, connector: Connector
) -> None:
    case_id, post_outbox = await queue_case_post(engine, connector.url)
    target = Target(service_url=connector.url, conversation_id=CHANNEL, case_id=case_id)
    async with engine.begin() as conn:  # another key: not ordered behind the post
        await enqueue(
            conn,
            key="update",
            kind=OutboxKind.UPDATE,
            target=target,
            activity=case_card(case_id),
            conversation_key="elsewhere",
            case_id=case_id,
            now=CLOCK.now(),
        )
        await conn.execute(
            update(outbox_table)
            .where(outbox_table.c.id == post_outbox)
            .values(next_attempt_at=CLOCK.now() + timedelta(hours=1))
        )

    await worker(engine, client).drain()
    rows = {r.key: r for r in await outbox_rows(engine)}
    assert (rows["update"].status, rows["update"].attempts) == ("pending", 1)
    assert "not delivered yet" in rows["update"].last_error

    async with engine.begin() as conn:
        await conn.execute(
            update(outbox_table).where(outbox_table.c.id == post_outbox).values(status="failed")
        )
        await conn.execute(
            update(outbox_table)
            .where(outbox_table.c.key == "update")
            .values(next_attempt_at=CLOCK.now())
        )
    await worker(engine, client).drain()
    rows = {r.key: r for r in await outbox_rows(engine)}
    assert rows["update"].status == "failed"
    assert connector.updates(CHANNEL) == []


async def test_a_notification_opens_the_personal_chat_once_and_remembers_it(
    engine: AsyncEngine, client: ConnectorClient, connector: Connector
) -> None:
    async with engine.begin() as conn:
        await conn.execute(
            insert(user_ref_table).values(
                user_id="anna",
                user_mri="29:anna",
                conversation_id=None,
                service_url=connector.url,
                tenant_id=TENANT,
                bot_id=BOT_ID,
                locale="sv-SE",
                updated_at=CLOCK.now(),
            )
        )
    target = Target(
        service_url=connector.url,
        tenant_id=TENANT,
        bot_id=BOT_ID,
        user_mri="29:anna",
        user_id="anna",
    )
    for text in ("Tillstyrkt", "Avböjt"):
        await queue_message(engine, connector.url, "anna", text, target=target)

    await worker(engine, client).drain()

    assert len(connector.conversations_created) == 1
    created = connector.conversations_created[0]
    assert created["members"] == [{"id": "29:anna"}]
    assert created["bot"] == {"id": BOT_ID}
    assert created["tenantId"] == TENANT
    async with engine.connect() as conn:
        chat = (await conn.execute(select(user_ref_table.c.conversation_id))).scalar_one()
    assert chat is not None
    assert connector.texts(chat) == ["Tillstyrkt", "Avböjt"]


async def test_a_target_without_a_conversation_or_user_fails_for_good(
    engine: AsyncEngine, client: ConnectorClient, connector: Connector
) -> None:
    await queue_message(engine, connector.url, "x", "hej", target=Target(service_url=connector.url))
    await worker(engine, client).drain()
    row = (await outbox_rows(engine))[0]
    assert row.status == "failed"
    assert connector.requests == []


async def test_a_service_url_outside_the_allowed_hosts_is_never_called(
    engine: AsyncEngine, connector: Connector
) -> None:
    """A stored reference cannot make the bot post (with a token) to another host."""
    production = ConnectorClient(allow_url=url_checker(dev=False))
    try:
        await queue_message(engine, connector.url, "a:chat-1", "hej")
        await DeliveryWorker(engine, production, poll_seconds=0.1, clock=CLOCK).drain()
    finally:
        await production.aclose()
    row = (await outbox_rows(engine))[0]
    assert row.status == "failed"
    assert "refused" in row.last_error
    assert connector.requests == []


async def test_pace_rows_are_kept_per_conversation(
    engine: AsyncEngine, client: ConnectorClient, connector: Connector
) -> None:
    await queue_message(engine, connector.url, "a:chat-1", "hej")
    await queue_message(engine, connector.url, "a:chat-2", "hej")
    await worker(engine, client).drain()
    async with engine.connect() as conn:
        keys = set((await conn.execute(select(pace_table.c.conversation_key))).scalars())
    assert keys == {"a:chat-1", "a:chat-2"}


# --- pure ---------------------------------------------------------------------------------


def test_backoff_grows_is_capped_and_respects_retry_after() -> None:
    assert 1.0 <= backoff_seconds(1) <= 2.0
    assert 8.0 <= backoff_seconds(4) <= 16.0
    assert 150.0 <= backoff_seconds(40) <= 300.0
    assert backoff_seconds(1, retry_after=30) == 30
    assert backoff_seconds(10, cap=1.0) <= 1.0


async def test_a_rate_above_teams_limit_is_refused(
    engine: AsyncEngine, client: ConnectorClient
) -> None:
    with pytest.raises(ValueError, match="7"):
        DeliveryWorker(engine, client, max_per_second=8)


async def test_a_malformed_row_fails_for_good_and_the_worker_goes_on(
    engine: AsyncEngine,
    client: ConnectorClient,
    connector: Connector,
    caplog: pytest.LogCaptureFixture,
) -> None:
    bad = await queue_message(engine, connector.url, "a:chat-1", "trasig")
    await queue_message(engine, connector.url, "a:chat-1", "hel")
    async with engine.begin() as conn:  # a target the worker cannot read
        await conn.execute(
            update(outbox_table).where(outbox_table.c.id == bad).values(target={"nonsense": 1})
        )

    await worker(engine, client).drain()

    rows = await outbox_rows(engine)
    assert [r.status for r in rows] == ["failed", "sent"]
    assert connector.texts("a:chat-1") == ["hel"]
    assert any(f"Outbox {bad} cannot be delivered" in r.getMessage() for r in caplog.records)


async def test_the_server_runs_the_worker_and_stops_it(
    make_bot: MakeBot, connector: Connector, database: Any
) -> None:
    bot = await make_bot(database=database, delivery_poll_seconds=0.1)
    assert isinstance(bot.app[CONNECTOR], ConnectorClient)
    delivery = bot.app[DELIVERY]
    assert isinstance(delivery, DeliveryWorker)
    engine = bot.app[ENGINE]
    await queue_message(engine, connector.url, "a:chat-1", "från servern")
    delivery.wake()

    await connector.wait_for(lambda: connector.texts("a:chat-1") == ["från servern"])

    await bot.stop()
    try:
        await queue_message(engine, connector.url, "a:chat-1", "efter stoppet")
        await asyncio.sleep(0.3)
    finally:
        await engine.dispose()
    assert connector.texts("a:chat-1") == ["från servern"]
