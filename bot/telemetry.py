"""What the bot does, for its operators: JSON logs with correlation ids, and OpenTelemetry.

Logs: one JSON object a line on stderr (``STRATEGIKOLLEN_LOG_FORMAT=json``, the default;
``text`` for a terminal): ``time`` (UTC), ``level``, ``logger``, ``message``, and, when
known, ``turn`` (the incoming activity's id: every line a turn causes) and ``case`` (the
case id a line is about: set by the register's mutations and by the delivery worker for
a case's messages), plus an event's own fields. People appear by id only; no line holds
the text of a message, a name or an answer (docs/data-protection.md, section 4).

OpenTelemetry: only when ``OTEL_EXPORTER_OTLP_ENDPOINT`` is set (the standard OTLP/HTTP
variables, e.g. ``http://collector:4318``; ``OTEL_EXPORTER_OTLP_HEADERS``,
``OTEL_METRIC_EXPORT_INTERVAL``, ``OTEL_SERVICE_NAME`` work as the SDK documents) does
``setup`` load the SDK and export, over OTLP/HTTP (protobuf):

- traces: a ``turn`` span for each activity, an ``outbox.deliver`` span for each send;
- ``strategikollen.turn.duration`` (histogram, s; by activity type and HTTP status),
- ``strategikollen.assessments`` (counter; by verdict),
- ``strategikollen.outbox.depth`` and ``strategikollen.outbox.age`` (gauges: messages
  pending, and the age in s of the oldest; sampled every 5 s),
- ``strategikollen.connector.throttled`` (counter: 429 answers from Teams; by HTTP method);
- the Agents SDK's own spans (its adapter, turn context and connector client), which it
  makes through the OpenTelemetry API's global tracer: ``_route_sdk_spans``.

Without the variable nothing is loaded and every hook below does nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import sys
import traceback
from collections.abc import Awaitable, Callable, Iterator, Mapping
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

__all__ = [
    "CASE_ID",
    "TURN_ID",
    "ContextFilter",
    "JsonFormatter",
    "Telemetry",
    "configure_logging",
    "current",
    "setup",
]

# The outbox's backlog: how many messages wait, and when the oldest was queued (aware).
type Backlog = Callable[[], Awaitable[tuple[int, datetime | None]]]

TURN_ID: ContextVar[str | None] = ContextVar("strategikollen_turn", default=None)
CASE_ID: ContextVar[str | None] = ContextVar("strategikollen_case", default=None)

# Where an event's own fields travel on a LogRecord: logger.info(..., extra={FIELDS: {...}}).
FIELDS = "fields"

_RESERVED = frozenset(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {
    "message", "asctime", "turn", "case", FIELDS,
}


class ContextFilter(logging.Filter):
    """Puts the turn's and the case's ids on every record (``record.turn``, ``.case``)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "turn"):
            record.turn = TURN_ID.get()
        if not hasattr(record, "case"):
            record.case = CASE_ID.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object a line."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(
                timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in ("turn", "case"):
            if (value := getattr(record, key, None)) is not None:
                line[key] = value
        fields = getattr(record, FIELDS, None)
        if isinstance(fields, Mapping):
            line.update({k: v for k, v in fields.items() if k not in line})
        if record.exc_info and record.exc_info[0] is not None:
            line["error"] = record.exc_info[0].__name__
            line["traceback"] = "".join(traceback.format_exception(*record.exc_info))
        return json.dumps(line, ensure_ascii=False, default=str)


class _TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        ids = " ".join(f"{k}={v}" for k in ("turn", "case")
                       if (v := getattr(record, k, None)) is not None)
        return f"{text} [{ids}]" if ids else text


def configure_logging(level: str, fmt: str = "json") -> logging.Handler:
    """The root logger to stderr at ``level``, as JSON lines (``fmt="json"``) or text."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if fmt == "json" else _TextFormatter())
    handler.addFilter(ContextFilter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    return handler


# --- OpenTelemetry ------------------------------------------------------------------------


class Telemetry:
    """The bot's metrics and traces; a disabled one (the default) does nothing."""

    enabled = False

    def __init__(self) -> None:
        self._depth = 0
        self._age = 0.0
        self._sampler: asyncio.Task[None] | None = None

    @contextlib.contextmanager
    def span(self, name: str, attributes: Mapping[str, Any] | None = None) -> Iterator[Any]:
        yield None

    def turn_done(self, seconds: float, activity_type: str, status: int) -> None:
        """A turn took ``seconds`` and was answered with HTTP ``status``."""

    def assessed(self, verdict: str) -> None:
        """An engagement was assessed with ``verdict``."""

    def throttled(self, operation: str) -> None:
        """Teams answered 429 to ``operation``."""

    def start_sampling(self, backlog: Backlog, clock: Any) -> None:
        """Sample the outbox's depth and age in the background (only when enabled):
        ``backlog()`` gives the messages pending and when the oldest was queued."""

    async def shutdown(self) -> None:
        """Stop sampling; export what is left."""


class _OtelTelemetry(Telemetry):
    enabled = True

    def __init__(self, environ: Mapping[str, str]) -> None:
        super().__init__()
        from opentelemetry.exporter.otlp.proto.http.metric_exporter import OTLPMetricExporter
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        from opentelemetry.metrics import CallbackOptions, Observation
        from opentelemetry.sdk.metrics import MeterProvider
        from opentelemetry.sdk.metrics.export import PeriodicExportingMetricReader
        from opentelemetry.sdk.resources import SERVICE_NAME, Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor

        name = environ.get("OTEL_SERVICE_NAME") or "strategikollen"
        resource = Resource.create({SERVICE_NAME: name})
        interval = float(environ.get("OTEL_METRIC_EXPORT_INTERVAL") or 60000)
        # The endpoints from the environment given (the exporters would read os.environ).
        base = environ["OTEL_EXPORTER_OTLP_ENDPOINT"].strip().rstrip("/")
        metrics_url = environ.get("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT") or f"{base}/v1/metrics"
        traces_url = environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") or f"{base}/v1/traces"
        self._reader = PeriodicExportingMetricReader(OTLPMetricExporter(endpoint=metrics_url),
                                                     export_interval_millis=interval)
        self._meters = MeterProvider(resource=resource, metric_readers=[self._reader])
        self._tracers = TracerProvider(resource=resource)
        self._tracers.add_span_processor(
            BatchSpanProcessor(OTLPSpanExporter(endpoint=traces_url)))
        self._tracer = self._tracers.get_tracer("strategikollen")
        _route_sdk_spans()
        meter = self._meters.get_meter("strategikollen")
        self._turns = meter.create_histogram(
            "strategikollen.turn.duration", unit="s", description="Time to answer an activity")
        self._assessments = meter.create_counter(
            "strategikollen.assessments", description="Engagements assessed, by verdict")
        self._throttled = meter.create_counter(
            "strategikollen.connector.throttled",
            description="429 (Too Many Requests) answers from the Bot Connector")

        def depth(_options: CallbackOptions) -> Iterator[Observation]:
            yield Observation(self._depth)

        def age(_options: CallbackOptions) -> Iterator[Observation]:
            yield Observation(self._age)

        meter.create_observable_gauge(
            "strategikollen.outbox.depth", [depth], description="Messages waiting to be sent")
        meter.create_observable_gauge(
            "strategikollen.outbox.age", [age], unit="s",
            description="Age of the oldest message waiting to be sent")

    @contextlib.contextmanager
    def span(self, name: str, attributes: Mapping[str, Any] | None = None) -> Iterator[Any]:
        with self._tracer.start_as_current_span(name, attributes=dict(attributes or {})) as s:
            yield s

    def turn_done(self, seconds: float, activity_type: str, status: int) -> None:
        self._turns.record(seconds, {"activity.type": activity_type, "http.status": status})

    def assessed(self, verdict: str) -> None:
        self._assessments.add(1, {"verdict": verdict})

    def throttled(self, operation: str) -> None:
        self._throttled.add(1, {"http.method": operation})

    def start_sampling(self, backlog: Backlog, clock: Any) -> None:
        if self._sampler is None or self._sampler.done():
            self._sampler = asyncio.create_task(self._sample(backlog, clock),
                                                name="telemetry outbox sampler")

    async def _sample(self, backlog: Backlog, clock: Any) -> None:
        while True:
            try:
                count, oldest = await backlog()
                self._depth = count
                if oldest is None:
                    self._age = 0.0
                else:
                    self._age = max(0.0, (clock.now() - oldest).total_seconds())
            except Exception as error:  # a metric must never take the bot down
                logging.getLogger(__name__).debug("Outbox sample failed: %s",
                                                  type(error).__name__)
            await asyncio.sleep(5.0)

    async def shutdown(self) -> None:
        task, self._sampler = self._sampler, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        global _current
        if _current is self:
            _current = Telemetry()
        # The exporters post with blocking HTTP; keep that off the event loop.
        await asyncio.to_thread(self._flush)

    def _flush(self) -> None:
        self._tracers.shutdown()
        self._meters.shutdown()


_current: Telemetry = Telemetry()


def _route_sdk_spans() -> None:
    """Send the Agents SDK's own spans (``agents.turn.send_activities``, the adapter's and
    the connector client's) where the bot's go. The SDK takes its tracer from the
    OpenTelemetry API's global provider, which a process may set only once; so the global
    provider set here asks ``current()`` for each span, and the SDK's spans follow whichever
    telemetry is current (none after ``shutdown``), children of the bot's ``turn`` span."""
    global _routed
    if _routed:
        return
    from opentelemetry import trace

    class _Tracer(trace.Tracer):
        def __init__(self, name: str, version: str | None) -> None:
            self._name, self._version = name, version

        def _real(self) -> trace.Tracer:
            telemetry = _current
            if isinstance(telemetry, _OtelTelemetry):
                return telemetry._tracers.get_tracer(self._name, self._version)
            return trace.NoOpTracer()

        def start_span(self, *args: Any, **kwargs: Any) -> trace.Span:
            return self._real().start_span(*args, **kwargs)

        def start_as_current_span(self, *args: Any, **kwargs: Any) -> Any:
            return self._real().start_as_current_span(*args, **kwargs)

    class _Provider(trace.TracerProvider):
        def get_tracer(self, instrumenting_module_name: str,
                       instrumenting_library_version: str | None = None,
                       *args: Any, **kwargs: Any) -> trace.Tracer:
            return _Tracer(instrumenting_module_name, instrumenting_library_version)

    trace.set_tracer_provider(_Provider())
    _routed = True


_routed = False


def current() -> Telemetry:
    """The process's telemetry (disabled until ``setup`` enables it)."""
    return _current


def setup(environ: Mapping[str, str]) -> Telemetry:
    """OpenTelemetry when ``OTEL_EXPORTER_OTLP_ENDPOINT`` is set in ``environ``, else the
    disabled telemetry; it becomes ``current()``."""
    global _current
    if (environ.get("OTEL_EXPORTER_OTLP_ENDPOINT") or "").strip():
        _current = _OtelTelemetry(environ)
    else:
        _current = Telemetry()
    return _current


class CountingDialogs:
    """``dialogs`` whose turns count the assessments they make (by the verdict of the
    entry a turn adds to the user's history)."""

    def __init__(self, dialogs: Any, telemetry: Telemetry) -> None:
        self._dialogs = dialogs
        self._telemetry = telemetry

    def __getattr__(self, name: str) -> Any:
        return getattr(self._dialogs, name)

    def handle(self, conv: Any, user: Any, turn: Any, **kwargs: Any) -> Any:
        before = (user or {}).get("next_id", 1) if isinstance(user, dict) else 1
        result = self._dialogs.handle(conv, user, turn, **kwargs)
        try:
            after = result[1]
            if isinstance(after, dict) and after.get("next_id", 1) > before:
                self._telemetry.assessed(str(after["history"][0]["verdict"]))
        except (IndexError, KeyError, TypeError):
            pass
        return result
