"""A short soak (issue 12; the 30-minute one is bench/bench_soak.py): mixed traffic while
the stand-in connector refuses 10 % of the bot's sends with 429 or 503 — nothing lost,
nothing sent twice, no 5xx, memory flat (the bot's own process: the soak serves it in a
process apart from the stand-in's and measures that one)."""

from __future__ import annotations

import os
from typing import Any

from .soak import soak

SECONDS = float(os.environ.get("STRATEGIKOLLEN_SOAK_SECONDS", "20"))


async def test_a_short_soak_loses_nothing_sends_nothing_twice_and_stays_flat(
    database: Any,
) -> None:
    figures = await soak(seconds=SECONDS, users=6, database_url=database.url,
                         database_schema=database.schema, warm_up=SECONDS / 4,
                         interval=SECONDS / 4)
    print("\n" + "\n".join(figures.lines()))
    assert figures.server_errors == 0
    assert sum(figures.turns.values()) > 20
    assert figures.cases >= 1
    assert figures.flaky_failures > 0  # Teams did refuse some
    assert figures.lost == 0, figures.outbox
    assert figures.sent_twice == 0
    assert figures.posted_twice == 0
    assert [s.label for s in figures.samples][:2] == ["start", "after warm-up"]
    assert figures.samples[-1].label == "drained"
    assert len(figures.samples) >= 4
    assert figures.rss_end - figures.rss_warm < 40, figures.lines()
    assert figures.blocks_end < figures.blocks_warm * 1.2, figures.lines()
