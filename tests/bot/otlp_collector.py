"""A stand-in OpenTelemetry collector on loopback: takes OTLP/HTTP (protobuf) metrics and
traces, keeps them, and writes them out as text.

Run on its own, it prints what it receives (docs/observability.md shows its output)::

    .venv/bin/python -m tests.bot.otlp_collector --port 4318
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from opentelemetry.proto.collector.metrics.v1.metrics_service_pb2 import (
    ExportMetricsServiceRequest,
)
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest
from opentelemetry.proto.common.v1.common_pb2 import KeyValue


def _attributes(pairs: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kv in pairs:
        assert isinstance(kv, KeyValue)
        value = kv.value
        kind = value.WhichOneof("value")
        out[kv.key] = getattr(value, kind) if kind else None
    return out


@dataclass
class Point:
    metric: str
    attributes: dict[str, Any]
    value: float  # a sum's or gauge's value; a histogram's count
    total: float | None = None  # a histogram's sum


@dataclass
class Collector:
    points: list[Point] = field(default_factory=list)
    spans: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    requests: int = 0
    _runner: web.AppRunner | None = None
    port: int = 0

    async def start(self, port: int = 0) -> Collector:
        app = web.Application()
        app.router.add_post("/v1/metrics", self._metrics)
        app.router.add_post("/v1/traces", self._traces)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def _metrics(self, request: web.Request) -> web.Response:
        self.requests += 1
        message = ExportMetricsServiceRequest.FromString(await request.read())
        for resource in message.resource_metrics:
            for scope in resource.scope_metrics:
                for metric in scope.metrics:
                    self.points.extend(_points(metric))
        return web.Response(body=b"", content_type="application/x-protobuf")

    async def _traces(self, request: web.Request) -> web.Response:
        self.requests += 1
        message = ExportTraceServiceRequest.FromString(await request.read())
        for resource in message.resource_spans:
            for scope in resource.scope_spans:
                for span in scope.spans:
                    self.spans.append((span.name, _attributes(span.attributes)))
        return web.Response(body=b"", content_type="application/x-protobuf")

    def latest(self, metric: str) -> list[Point]:
        """The points of ``metric`` from its newest export (one per attribute set)."""
        newest: dict[tuple[tuple[str, Any], ...], Point] = {}
        for point in self.points:
            if point.metric == metric:
                newest[tuple(sorted(point.attributes.items()))] = point
        return list(newest.values())

    def text(self) -> str:
        """The newest value of every metric, a line each, then the span names counted."""
        lines = []
        for name in sorted({p.metric for p in self.points}):
            for p in sorted(self.latest(name), key=lambda p: sorted(p.attributes.items())):
                labels = ",".join(f'{k}="{v}"' for k, v in sorted(p.attributes.items()))
                value = f"count={p.value:g} sum={p.total:.4f}" if p.total is not None else (
                    f"{p.value:g}")
                lines.append(f"{name}{{{labels}}} {value}")
        counted: dict[str, int] = {}
        for name, _ in self.spans:
            counted[name] = counted.get(name, 0) + 1
        lines += [f"span {name}: {n}" for name, n in sorted(counted.items())]
        return "\n".join(lines)


def _points(metric: Any) -> list[Point]:
    kind = metric.WhichOneof("data")
    data = getattr(metric, kind)
    points = []
    for dp in data.data_points:
        attributes = _attributes(dp.attributes)
        if kind == "histogram":
            points.append(Point(metric.name, attributes, float(dp.count), float(dp.sum)))
        else:
            which = dp.WhichOneof("value")
            points.append(Point(metric.name, attributes, float(getattr(dp, which))))
    return points


async def _main(port: int) -> None:
    collector = await Collector().start(port)
    print(f"Listening on {collector.url} (OTLP/HTTP); Ctrl+C prints what arrived.", flush=True)
    try:
        while True:
            await asyncio.sleep(3600)
    finally:
        print(collector.text(), flush=True)
        await collector.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=4318)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_main(parser.parse_args().port))
