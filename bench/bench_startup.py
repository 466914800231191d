"""Start-up time of the command line, measured as whole processes.

    .venv/bin/python bench/bench_startup.py [--runs 7] [--database-url URL] [--root DIR]

- ``serve``: ``strategikollen serve --dev`` on a free loopback port, from the process's
  start until ``GET /readyz`` answers 200. The database is migrated once first (a
  SQLite file in a temporary folder, or ``--database-url``: on PostgreSQL a schema of its
  own, dropped afterwards), so every measured run starts with the migrations already
  applied, as a restarted bot does.
- ``screen``: ``strategikollen screen tests/cases/paris-summit.json``, the whole process.

Each is measured twice: with no bytecode cache (this machine sets
PYTHONDONTWRITEBYTECODE=1 and its virtual environment holds no ``.pyc``, so every start
compiles every module), and with a bytecode cache (PYTHONPYCACHEPREFIX in a temporary
folder, filled by a first run), which is what an installed package has: pip and
``uv sync --compile-bytecode`` write the ``.pyc`` files at install time. The aims
(serve < 1.5 s, screen < 300 ms) are for the latter.

``--root DIR`` runs another checkout's code with the same virtual environment (for
a baseline: ``git worktree add /tmp/sk-base <commit>``, then ``--root /tmp/sk-base``).
Prints min / median / max in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = Path(sys.executable).with_name("strategikollen")
CASE = "tests/cases/paris-summit.json"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ready(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1) as r:
            return bool(r.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def serve_once(env: dict[str, str], cwd: Path, timeout: float = 30.0) -> float:
    port = _free_port()
    start = time.perf_counter()
    proc = subprocess.Popen(
        [str(SCRIPT), "serve", "--dev", "--port", str(port)],
        env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        while not _ready(port):
            if proc.poll() is not None:
                why = proc.stderr.read().decode() if proc.stderr else ""
                raise SystemExit(f"serve stopped: {why}")
            if time.perf_counter() - start > timeout:
                raise SystemExit("serve did not become ready")
            time.sleep(0.005)
        return time.perf_counter() - start
    finally:
        proc.terminate()
        proc.wait(10)


def screen_once(env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run([str(SCRIPT), "screen", CASE], env=env, cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def _line(name: str, times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    return (f"{name:34s} min {ms[0]:6.0f}  median {statistics.median(ms):6.0f}  "
            f"max {ms[-1]:6.0f} ms  ({len(ms)} runs)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--database-url", default=None)
    ap.add_argument("--root", type=Path, default=ROOT,
                    help="the checkout whose code runs (default: this one)")
    args = ap.parse_args()
    root = args.root.resolve()
    tmp = Path(tempfile.mkdtemp(prefix="sk-startup-"))
    try:
        base = dict(os.environ)
        base["PYTHONPATH"] = str(root)
        base["STRATEGIKOLLEN_DATA_DIR"] = str(tmp / "data")
        base["STRATEGIKOLLEN_LOG_LEVEL"] = "WARNING"
        schema = None
        if args.database_url:
            base["STRATEGIKOLLEN_DATABASE_URL"] = args.database_url
            if args.database_url.startswith("postgresql"):
                schema = f"bench_startup_{uuid.uuid4().hex[:8]}"
                base["STRATEGIKOLLEN_DATABASE_SCHEMA"] = schema
        cold = dict(base, PYTHONDONTWRITEBYTECODE="1")
        cold.pop("PYTHONPYCACHEPREFIX", None)
        warm = dict(base, PYTHONPYCACHEPREFIX=str(tmp / "pycache"))
        warm.pop("PYTHONDONTWRITEBYTECODE", None)
        serve_once(warm, root)  # applies the migrations and fills the bytecode cache
        screen_once(warm, root)
        where = (f"{args.database_url}, schema {schema}" if schema
                 else args.database_url or "SQLite in a temporary folder")
        print(f"python {sys.version.split()[0]}, code from {root}, database {where}")
        for label, env in (("no bytecode cache", cold), ("bytecode cache", warm)):
            serve = [serve_once(env, root) for _ in range(args.runs)]
            screen = [screen_once(env, root) for _ in range(args.runs)]
            print(_line(f"serve --dev to readyz 200, {label}", serve))
            print(_line(f"screen one file, {label}", screen))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        if schema:
            _drop_schema(args.database_url, schema)


def _drop_schema(url: str, schema: str) -> None:
    import asyncio

    from sqlalchemy.ext.asyncio import create_async_engine

    async def drop() -> None:
        engine = create_async_engine(url)
        async with engine.begin() as conn:
            await conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        await engine.dispose()

    asyncio.run(drop())


if __name__ == "__main__":
    main()
