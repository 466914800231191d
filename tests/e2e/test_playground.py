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

import os
import shutil
from pathlib import Path

import pytest

from .harness import (
    E2E,
    PLAYGROUND_CLI,
    ROOT,
    free_port,
    processes,
    require_browser_tools,
    run_node,
    strategikollen,
    wait_for_http,
    wait_for_line,
)

pytestmark = pytest.mark.e2e

SCREENSHOTS = ROOT / "docs" / "screenshots"
DRIVER_TIMEOUT = 150.0


def test_a_swedish_user_screens_a_membership_and_asks_who_decides_in_the_playground(
    tmp_path: Path,
) -> None:
    node = require_browser_tools(
        "playwright-core", "@microsoft/m365agentsplayground")
    shots = tmp_path / "screenshots"
    with processes(tmp_path) as procs:
        bot_port = free_port()
        bot = procs.start(
            "bot", [*strategikollen(), "serve", "--dev", "--port", str(bot_port)],
            env={"STRATEGIKOLLEN_DATA_DIR": str(tmp_path / "data"),
                 "STRATEGIKOLLEN_DATABASE_URL": ""},
        )
        wait_for_http(bot, f"http://127.0.0.1:{bot_port}/readyz")

        proxy = procs.start("locale-proxy", [
            node, E2E / "locale-proxy.mjs", "--port", "0", "--locale", "sv-SE",
            "--target", f"http://127.0.0.1:{bot_port}"])
        proxy_port = int(wait_for_line(proxy, r"^Listening on (\d+)").group(1))

        playground_dir = tmp_path / "playground"
        playground_dir.mkdir()
        playground = procs.start("playground", [
            node, "--require", E2E / "loopback.cjs", PLAYGROUND_CLI,
            "--disable-telemetry", "-c", "msteams",
            "-e", f"http://127.0.0.1:{proxy_port}/api/messages", "-p", str(free_port()),
        ], cwd=playground_dir, env={
            "APPLICATION_INSIGHTS_NO_STATSBEAT": "true",
            "TEAMSAPPTESTER_BROWSER": "none",
            # Its log and (absent) config file in the test's folder, not in the checkout.
            "M365_AGENTS_PLAYGROUND_LOGFILE": str(playground_dir / "playground.log"),
            "M365_AGENTS_PLAYGROUND_CONFIG_PATH": str(playground_dir / "absent.yml"),
            "TEAMS_APP_TEST_TOOL_CONFIG_PATH": str(playground_dir / "absent-legacy.yml"),
        })
        playground_port = int(wait_for_line(playground, r"^Listening on (\d+)").group(1))

        run = run_node(node, E2E / "playground.mjs", [
            "--url", f"http://127.0.0.1:{playground_port}", "--shots", str(shots),
            "--proxy", f"http://127.0.0.1:{proxy_port}",
        ], timeout=DRIVER_TIMEOUT, folder=tmp_path)
        if run.returncode != 0:
            pytest.fail(f"The Playground check failed:\n{run.stdout[-6000:]}\n\n"
                        f"{procs.report()}", pytrace=False)

    saved = sorted(p.name for p in shots.glob("*.png"))
    for name in ("welcome.png", "wizard-step.png", "result.png", "who-decides.png",
                 "mine-en.png"):
        assert name in saved, f"{name} was not saved; have {saved}"
    if os.environ.get("STRATEGIKOLLEN_UPDATE_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for png in shots.glob("*.png"):
            if png.name != "failure.png":
                shutil.copy2(png, SCREENSHOTS / png.name)
