"""Graceful shutdown of a real ``strategikollen serve --dev`` process: on SIGTERM the turn
in flight is finished and answered, the delivery worker's current send completes, and
the process exits 0 (issue 12)."""

from __future__ import annotations

import asyncio
import signal
import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from .bot_harness import BOT_ID, TENANT, Connector
from .test_delivery import outbox_rows, queue_message
from .test_delivery_processes import (  # noqa: F401 - fixtures used by name
    Database,
    StartServer,
    start_server,
)

TIMEOUT = 60.0


def message(connector: Connector, text: str, conversation: str) -> dict[str, Any]:
    return {
        "type": "message",
        "id": f"in-{uuid.uuid4().hex[:8]}",
        "channelId": "msteams",
        "serviceUrl": connector.url,
        "from": {"id": "29:user-1", "name": "Test Person", "aadObjectId": "user-1"},
        "recipient": {"id": BOT_ID, "name": "Strategikollen"},
        "conversation": {"id": conversation, "conversationType": "personal",
                         "tenantId": TENANT},
        "channelData": {"tenant": {"id": TENANT}},
        "locale": "sv-SE",
        "text": text,
        "timestamp": "2026-11-22T08:00:00.000Z",
    }


async def test_sigterm_finishes_the_turn_and_the_send_in_flight_then_exits_0(
    engine: AsyncEngine, connector: Connector, start_server: StartServer,  # noqa: F811
    database: Database,
) -> None:
    # A lease long enough that the held send is not given up (its budget is half of it).
    server = await start_server(database, STRATEGIKOLLEN_DELIVERY_LEASE_SECONDS="30")
    connector.hold()  # Teams takes what is sent, and answers only when released

    # The delivery worker's send in flight: held at the connector.
    await queue_message(engine, connector.url, "a:notified", "Ditt ärende har fått ny status")
    await connector.wait_for(lambda: bool(connector.messages("a:notified")), timeout=TIMEOUT,
                             what="the delivery worker's send")
    # A turn in flight: its reply is held at the connector, so the turn cannot end yet.
    async with httpx.AsyncClient(timeout=TIMEOUT) as http:
        turn = asyncio.create_task(http.post(
            f"http://127.0.0.1:{server.port}/api/messages",
            json=message(connector, "vem beslutar om medlemskap i ett nätverk?", "a:asker")))
        await connector.wait_for(lambda: bool(connector.messages("a:asker")), timeout=TIMEOUT,
                                 what="the turn's reply")

        server.process.send_signal(signal.SIGTERM)
        await asyncio.sleep(1.5)
        assert server.process.returncode is None, server.output()  # still finishing
        assert not turn.done()

        connector.release()
        response = await asyncio.wait_for(turn, TIMEOUT)
    assert response.status_code in (200, 202), server.output()
    code = await asyncio.wait_for(server.process.wait(), TIMEOUT)
    assert code == 0, server.output()

    (row,) = await outbox_rows(engine)
    assert (row.status, row.attempts) == ("sent", 1), (row.last_error, server.output())
    assert len(connector.messages("a:notified")) == 1  # sent once, not again after restart
    assert len(connector.messages("a:asker")) >= 1
    log = server.output()
    assert "Traceback" not in log
    assert "Stopping" in log


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
async def test_an_idle_server_stops_at_once_on_sigterm_or_sigint(
    start_server: StartServer, database: Database, signum: int,  # noqa: F811
) -> None:
    server = await start_server(database)
    loop = asyncio.get_running_loop()
    began = loop.time()
    server.process.send_signal(signum)
    assert await asyncio.wait_for(server.process.wait(), TIMEOUT) == 0, server.output()
    assert loop.time() - began < 10
