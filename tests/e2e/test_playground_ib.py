"""End to end, as IB sees it: the bot (``strategikollen serve --dev``) behind the
Microsoft 365 Agents Playground, driven in headless Chromium by ``e2e/playground-ib.mjs``
through the IB story: the channel registered, a screening sent to IB, the post in the
channel, a member's request for completion (the post updated in place, the submitter
notified), a new version, the agenda.

Set up as ``test_playground.py`` (loopback only, telemetry off, the locale proxy in
front of the bot). The Playground's signed-in user, Alex Wilber, is the IB
administrator; IB's members are the roster of the Playground's team "My Team", which
the Playground serves on the Bot Connector's pagedmembers route, so
STRATEGIKOLLEN_IB_MEMBERS stays empty and the bot reads the roster as in Teams. There
is no Microsoft Graph here, so the delivery worker does not look for lost posts there.

Screenshots go to a temporary folder; with STRATEGIKOLLEN_UPDATE_SCREENSHOTS=1 they
replace the ones in docs/screenshots/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .harness import (
    E2E,
    TODAY,
    keep_screenshots,
    processes,
    require_browser_tools,
    run_node,
    stage_playground,
)

pytestmark = pytest.mark.e2e

DRIVER_TIMEOUT = 240.0
ALEX_WILBER = "00000000-0000-0000-0000-0000000000020"  # the Playground's signed-in user
EXPECTED = (
    "ib-register.png", "ib-result.png", "ib-sent.png", "ib-channel-post.png",
    "ib-member-view.png", "ib-card-updated.png", "ib-notification.png", "ib-my-cases.png",
    "ib-card-agenda.png", "ib-agenda.png",
)


def test_a_case_goes_from_a_screening_to_ib_and_back_in_the_playground(tmp_path: Path) -> None:
    node = require_browser_tools(
        "playwright-core", "@microsoft/m365agentsplayground")
    shots = tmp_path / "screenshots"
    with processes(tmp_path) as procs:
        stage = stage_playground(procs, node, tmp_path, bot_env={
            "STRATEGIKOLLEN_IB_ADMINS": ALEX_WILBER,
            "STRATEGIKOLLEN_IB_MEMBERS": "",
            "STRATEGIKOLLEN_GRAPH_RECONCILE": "false",
        })
        run = run_node(node, E2E / "playground-ib.mjs", [
            "--url", stage.playground_url, "--shots", str(shots), "--today", TODAY,
        ], timeout=DRIVER_TIMEOUT, folder=tmp_path)
        if run.returncode != 0:
            pytest.fail(f"The Playground IB check failed:\n{run.stdout[-6000:]}\n\n"
                        f"{procs.report()}", pytrace=False)

    keep_screenshots(shots, EXPECTED)
