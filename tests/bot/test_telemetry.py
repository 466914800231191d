"""What the bot tells its operators: JSON logs with the turn's and the case's ids and no
personal data; OpenTelemetry exported to a collector when configured, nothing when not."""

from __future__ import annotations

import io
import json
import logging
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.telemetry import ContextFilter, JsonFormatter, Telemetry, setup

from .bot_harness import Connector
from .conftest import MakeBot
from .otlp_collector import Collector
from .test_conversation import _case, _screen
from .test_ib_flow import _ib_bot, _paris_summit_in_ib, _posted

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    """The root logger at INFO into a buffer, as the server writes it."""
    sink = io.StringIO()
    handler = logging.StreamHandler(sink)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(ContextFilter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield sink
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def lines(sink: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in sink.getvalue().splitlines() if line.strip()]


async def test_every_log_line_is_json_with_the_turn_and_the_case_and_no_personal_data(
    make_bot: MakeBot, connector: Connector, json_log: io.StringIO,
) -> None:
    bot = await _ib_bot(make_bot, connector)
    case = await _paris_summit_in_ib(bot)
    await _posted(connector)
    secret = "Min chef Zlatan Hemlig tycker att vi ska åka"
    response = await bot.send(bot.activity("message", text=f"vem beslutar? {secret}"))
    assert response.status in (200, 202)

    logged = lines(json_log)  # every line parses as JSON
    assert logged
    assert all({"time", "level", "logger", "message"} <= set(line) for line in logged)
    turns = [line for line in logged if line.get("event") == "turn"]
    assert len(turns) >= 3  # the registration, the wizard's turns, the question
    assert all(line["turn"].startswith("in-") for line in turns)
    assert len({line["turn"] for line in turns}) == len(turns)  # one id per turn
    submitted = [line for line in logged if line["message"].startswith(f"Case {case.id} ")]
    assert submitted
    assert submitted[0]["case"] == case.id
    assert submitted[0]["turn"].startswith("in-")
    text = json_log.getvalue()
    engagement = _case("paris-summit")
    for personal in ("Test Person", "Ada Admin", secret, "Zlatan", engagement["title"],
                     engagement.get("description", "\0")):
        assert personal not in text, personal


async def test_without_an_otlp_endpoint_nothing_is_loaded_or_sent(tmp_path: Path) -> None:
    assert type(setup({})) is Telemetry
    code = (
        "import sys; from bot.hosting.server import create_app; from bot.settings import Settings; "
        "create_app(Settings(dev=True, database_url='sqlite+aiosqlite:///' + sys.argv[1]), "
        "environ={}); print(sorted(m for m in sys.modules if m.startswith(("
        "'opentelemetry.exporter', 'opentelemetry.sdk.metrics', 'opentelemetry.sdk.trace'))))"
    )
    # (The Agents SDK itself imports the OpenTelemetry API; no exporter, no provider.)
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "s.db")],
                         capture_output=True, text=True,
                         cwd=ROOT, check=True, timeout=120).stdout
    assert out.strip() == "[]"


async def test_turns_assessments_the_outbox_and_429s_are_exported_to_the_collector(
    make_bot: MakeBot, connector: Connector,
) -> None:
    collector = await Collector().start()
    try:
        bot = await _ib_bot(make_bot, connector, environ={
            "OTEL_EXPORTER_OTLP_ENDPOINT": collector.url,
            "OTEL_METRIC_EXPORT_INTERVAL": "60000",  # only the final export, at stop
        })
        connector.fail_next(1, 429, retry_after=0)
        await _paris_summit_in_ib(bot)
        await _posted(connector)
        await _screen(bot, _case("school-visit"))
        await bot.stop()  # flushes the metrics and the spans
        print(collector.text())

        [throttled] = collector.latest("strategikollen.connector.throttled")
        assert throttled.value >= 1
        verdicts = {p.attributes["verdict"]: p.value
                    for p in collector.latest("strategikollen.assessments")}
        assert sum(verdicts.values()) == 2, verdicts
        durations = collector.latest("strategikollen.turn.duration")
        assert sum(p.value for p in durations) >= 5
        assert {p.attributes["activity.type"] for p in durations} >= {"message", "invoke"}
        assert collector.latest("strategikollen.outbox.depth")
        assert collector.latest("strategikollen.outbox.age")
        names = {name for name, _ in collector.spans}
        assert {"turn", "outbox.deliver"} <= names
        # The Agents SDK's own spans (it sends the replies and, for the outbox, the posts).
        assert {"agents.adapter.process", "agents.connector.send_to_conversation"} <= names
        for _, attributes in collector.spans:  # ids and kinds, no text
            assert all(not isinstance(v, str) or len(v) < 80 for v in attributes.values())
    finally:
        await collector.stop()
