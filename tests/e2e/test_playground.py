"""End to end, as a person sees it: the bot (``strategikollen serve --dev``) behind the
Microsoft 365 Agents Playground, driven in headless Chromium by ``e2e/playground.mjs``.

Everything stays on 127.0.0.1: the Playground runs with telemetry off and with
``e2e/loopback.cjs`` preloaded (its servers bind loopback, outgoing connections
elsewhere are refused); the browser aborts every request that leaves the machine.

Between the Playground and the bot sits ``e2e/locale-proxy.mjs``: the Playground
sends card actions with a fixed "en-US" locale, where Teams sends the user's own,
so the proxy sets sv-SE as a Swedish user's Teams would.

Screenshots go to a temporary folder; with STRATEGIKOLLEN_UPDATE_SCREENSHOTS=1
they replace the ones in docs/screenshots/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .harness import (
    E2E,
    keep_screenshots,
    processes,
    require_browser_tools,
    run_node,
    stage_playground,
)

pytestmark = pytest.mark.e2e

# Pasted into the chat at the end: the card of what was found, then the wizard. The
# Playground (0.2.28) sends a paste without its line breaks (Teams keeps them in the
# message's HTML copy, which the bot reads), so this invitation is one paragraph.
INVITATION = E2E / "invitation.txt"
DRIVER_TIMEOUT = 150.0


def test_a_swedish_user_screens_a_membership_asks_who_decides_and_pastes_an_invitation(
    tmp_path: Path,
) -> None:
    node = require_browser_tools(
        "playwright-core", "@microsoft/m365agentsplayground")
    shots = tmp_path / "screenshots"
    with processes(tmp_path) as procs:
        stage = stage_playground(procs, node, tmp_path)
        run = run_node(node, E2E / "playground.mjs", [
            "--url", stage.playground_url, "--shots", str(shots), "--proxy", stage.proxy_url,
            "--invitation", str(INVITATION),
        ], timeout=DRIVER_TIMEOUT, folder=tmp_path)
        if run.returncode != 0:
            pytest.fail(f"The Playground check failed:\n{run.stdout[-6000:]}\n\n"
                        f"{procs.report()}", pytrace=False)

    keep_screenshots(shots, ("welcome.png", "wizard-step.png", "result.png", "who-decides.png",
                             "mine-en.png", "intake.png", "intake-wizard.png"))
