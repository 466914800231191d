"""Processes for the browser checks: free loopback ports, servers in their own process
groups (always stopped, even when a test fails), and the Node tools the checks need.

The checks never skip: without Node, node_modules or Chromium they fail and say
how to install what is missing (``scripts/test`` installs all of it).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "node_modules"
# The served bot's time in the browser checks (STRATEGIKOLLEN_DEV_CLOCK_START, running on
# from there), so that no check depends on the day it runs; TODAY is its date in Stockholm.
CLOCK_START = "2026-11-22T09:00:00+00:00"
TODAY = "2026-11-22"
CHROMIUM = Path(os.environ.get("STRATEGIKOLLEN_CHROMIUM", "/usr/bin/chromium"))
PLAYGROUND_CLI = NODE_MODULES / "@microsoft" / "m365agentsplayground" / "cli.js"
E2E = ROOT / "e2e"


def require_browser_tools(*packages: str) -> str:
    """The path of ``node``; fails the test (never skips) when Node, a package or
    Chromium is missing."""
    missing = []
    node = shutil.which("node")
    if node is None:
        missing.append("Node.js (apt-get install -y nodejs npm)")
    for package in packages:
        if not (NODE_MODULES / package / "package.json").is_file():
            missing.append(f"node_modules/{package} (cd {ROOT} && npm ci)")
    if not CHROMIUM.is_file():
        missing.append(f"{CHROMIUM} (apt-get install -y chromium)")
    if missing:
        pytest.fail(
            "The browser checks need: " + "; ".join(missing)
            + ". scripts/test installs all of them.",
            pytrace=False,
        )
    assert node is not None
    return node


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """A child process in its own session, with its output in ``log``."""

    name: str
    proc: subprocess.Popen[bytes]
    log: Path
    port: int | None = None

    def output(self, tail: int = 4000) -> str:
        try:
            return self.log.read_text("utf-8", errors="replace")[-tail:]
        except OSError:
            return ""

    def stop(self) -> None:
        stop_group(self.proc)


def stop_group(proc: subprocess.Popen[bytes], grace: float = 5.0) -> None:
    """SIGTERM the process group ``proc`` leads, then SIGKILL what is left."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(grace)
    # The leader may be gone while its children live on: kill the group regardless.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(grace)


@dataclass
class Processes:
    """Every server a test started; ``stop_all`` ends them, newest first."""

    folder: Path
    servers: list[Server] = field(default_factory=list)

    def start(self, name: str, argv: Sequence[str | os.PathLike[str]], *,
              env: dict[str, str] | None = None, cwd: Path | None = None) -> Server:
        log = self.folder / f"{name}.log"
        with log.open("wb") as out:
            proc = subprocess.Popen(
                [str(a) for a in argv], stdout=out, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, cwd=cwd or self.folder,
                env={**os.environ, **(env or {})}, start_new_session=True,
            )
        server = Server(name, proc, log)
        self.servers.append(server)
        return server

    def stop_all(self) -> None:
        for server in reversed(self.servers):
            server.stop()

    def report(self) -> str:
        return "\n".join(f"--- {s.name} (exit {s.proc.poll()}):\n{s.output()}"
                         for s in self.servers)


@contextlib.contextmanager
def processes(folder: Path) -> Iterator[Processes]:
    procs = Processes(folder)
    try:
        yield procs
    finally:
        procs.stop_all()


def wait_for_line(server: Server, pattern: str, timeout: float = 30.0) -> re.Match[str]:
    """Waits until the server prints a line matching ``pattern``; fails if it exits first."""
    deadline = time.monotonic() + timeout
    regex = re.compile(pattern, re.MULTILINE)
    while time.monotonic() < deadline:
        found = regex.search(server.output(tail=100_000))
        if found:
            return found
        if server.proc.poll() is not None:
            break
        time.sleep(0.1)
    pytest.fail(f"{server.name} did not print /{pattern}/ within {timeout:.0f} s "
                f"(exit {server.proc.poll()}):\n{server.output()}", pytrace=False)


def wait_for_http(server: Server, url: str, timeout: float = 30.0) -> None:
    """Waits until ``url`` answers 200; fails if the server exits first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.proc.poll() is not None:
            break
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    pytest.fail(f"{server.name} did not answer {url} within {timeout:.0f} s "
                f"(exit {server.proc.poll()}):\n{server.output()}", pytrace=False)


def strategikollen() -> list[str]:
    """The command line, from the virtual environment pytest runs in."""
    script = Path(sys.executable).parent / "strategikollen"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "cli.main"]


def run_node(node: str, script: Path, args: Sequence[str], *, timeout: float,
             folder: Path) -> subprocess.CompletedProcess[str]:
    """Runs a Node script in its own process group; on timeout the whole group is killed."""
    proc = subprocess.Popen(
        [node, str(script), *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL, text=True, start_new_session=True,
        env={**os.environ, "NODE_PATH": str(NODE_MODULES)},
    )
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            out, _ = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            out, _ = proc.communicate()
        pytest.fail(f"{script.name} did not finish within {timeout:.0f} s:\n{out[-6000:]}",
                    pytrace=False)
    finally:
        # Chromium runs in a process group of its own; the driver closes it, and with
        # --remote-debugging-pipe it exits when the driver does.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, "")


@dataclass(frozen=True)
class Stage:
    """The bot behind the locale proxy behind the Agents Playground, all on loopback."""

    playground_url: str
    proxy_url: str


def stage_playground(procs: Processes, node: str, folder: Path, *,
                     bot_env: dict[str, str] | None = None) -> Stage:
    """Start ``strategikollen serve --dev`` (its data in ``folder``, its clock from
    ``CLOCK_START``, plus ``bot_env``), the locale proxy (a Swedish user, as Teams would
    send) and the Playground offline in front of them, each on a free port; return where
    the Playground and the proxy listen."""
    bot_port = free_port()
    bot = procs.start(
        "bot", [*strategikollen(), "serve", "--dev", "--port", str(bot_port)],
        env={"STRATEGIKOLLEN_DATA_DIR": str(folder / "data"),
             "STRATEGIKOLLEN_DATABASE_URL": "",
             "STRATEGIKOLLEN_DEV_CLOCK_START": CLOCK_START, **(bot_env or {})},
    )
    wait_for_http(bot, f"http://127.0.0.1:{bot_port}/readyz")

    proxy = procs.start("locale-proxy", [
        node, E2E / "locale-proxy.mjs", "--port", "0", "--locale", "sv-SE",
        "--target", f"http://127.0.0.1:{bot_port}"])
    proxy_port = int(wait_for_line(proxy, r"^Listening on (\d+)").group(1))

    playground_dir = folder / "playground"
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
    return Stage(f"http://127.0.0.1:{playground_port}", f"http://127.0.0.1:{proxy_port}")


SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def keep_screenshots(shots: Path, expected: Sequence[str]) -> None:
    """Every screenshot in ``expected`` was taken into ``shots``; with
    STRATEGIKOLLEN_UPDATE_SCREENSHOTS=1 all that were taken (but a failure's) replace the
    README's in docs/screenshots."""
    saved = sorted(p.name for p in shots.glob("*.png"))
    for name in expected:
        assert name in saved, f"{name} was not saved; have {saved}"
    if os.environ.get("STRATEGIKOLLEN_UPDATE_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for name in saved:
            if name != "failure.png":
                shutil.copy2(shots / name, SCREENSHOTS / name)
