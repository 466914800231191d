"""The container: the Dockerfile's essentials and compose.yaml's structure, always; and,
where a container engine can build and run here, the image itself against PostgreSQL.

The build needs the base image (``python:3.12-slim-bookworm``, or the city's mirror of it
in ``STRATEGIKOLLEN_TEST_PYTHON_IMAGE``) and PyPI; without an engine that can run
containers, or without the base image, the build test says why and skips: the structure
tests are then what CI checks.

On the development machine this ran with Debian's podman 4.3 and runc (crun cannot set up
cgroups there), ``default_ulimits = []`` in /etc/containers/containers.conf (the sandbox
refuses setrlimit), and a local Python 3.12 image named in
``STRATEGIKOLLEN_TEST_PYTHON_IMAGE``, as no container registry can be reached from it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
SDK = {f"CONNECTIONS__SERVICE_CONNECTION__SETTINGS__{n}" for n in ("CLIENTID", "CLIENTSECRET",
                                                                    "TENANTID")}
SETTINGS = {f"STRATEGIKOLLEN_{name.upper()}" for name in Settings.model_fields}
POSTGRES = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"


def _stages() -> list[str]:
    return re.split(r"(?m)^FROM ", DOCKERFILE)[1:]


# --- the Dockerfile ----------------------------------------------------------------------


def test_the_image_is_built_in_two_stages_with_the_locked_dependencies() -> None:
    stages = _stages()
    assert len(stages) == 2
    assert stages[0].split()[2] == "build"
    assert stages[1].split()[2] == "runtime"
    assert "uv sync --locked --no-dev --no-install-project" in stages[0]
    assert "uv sync --locked --no-dev --no-editable" in stages[0]
    assert "COPY --from=build" in stages[1] and "/app/.venv" in stages[1]  # noqa: PT018
    assert "uv" not in stages[1].replace("/app/.venv", "")  # no build tools at run time


def test_it_runs_as_an_unprivileged_user_with_a_health_check_and_a_graceful_stop() -> None:
    runtime = _stages()[-1]
    users = re.findall(r"(?m)^USER (\S+)", runtime)
    assert users
    assert users[-1].split(":")[0] not in ("root", "0")
    assert re.search(r"(?m)^HEALTHCHECK .*\n?.*/healthz", runtime)
    assert "STOPSIGNAL SIGTERM" in runtime
    assert "EXPOSE 3978" in runtime
    assert "PORT=3978" in runtime
    assert 'CMD ["sh", "-c", "exec strategikollen serve --host 0.0.0.0 --port \\"$PORT\\""]' in (
        runtime)


def test_the_build_context_is_only_what_the_image_needs() -> None:
    ignore = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    assert ignore[0:2] == ["# Only what the image needs: pyproject.toml, uv.lock, README.md "
                           "and the packages.", "*"]
    allowed = {line[1:].rstrip("/") for line in ignore if line.startswith("!")}
    copied = set(re.findall(r"(?m)^COPY (\S+) ", DOCKERFILE)) - {"--from=build", "--chown=root:root"}
    assert copied <= allowed | {"pyproject.toml"}, copied - allowed
    assert not allowed & {".venv", "tests", "node_modules", "data", ".git"}


# --- compose.yaml ------------------------------------------------------------------------


def _environment(service: str) -> dict[str, str]:
    env = COMPOSE["services"][service]["environment"]
    assert isinstance(env, dict)
    return {str(k): str(v) for k, v in env.items()}


def test_compose_starts_the_bot_after_a_healthy_postgres() -> None:
    services = COMPOSE["services"]
    assert set(services) == {"db", "bot"}
    assert services["db"]["image"].startswith("docker.io/library/postgres:")
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    assert services["bot"]["build"] == "."
    assert services["bot"]["depends_on"] == {"db": {"condition": "service_healthy"}}
    assert "/readyz" in " ".join(services["bot"]["healthcheck"]["test"])
    assert services["bot"]["ports"] == ["127.0.0.1:3978:3978"]  # the proxy is the way in
    assert services["bot"]["read_only"] is True
    assert services["bot"]["cap_drop"] == ["ALL"]
    assert "pgdata" in COMPOSE["volumes"]


def test_compose_sets_only_settings_the_code_has_and_takes_every_secret_from_the_env() -> None:
    env = _environment("bot")
    ours = {name for name in env if name.startswith("STRATEGIKOLLEN_")}
    assert ours <= SETTINGS, ours - SETTINGS
    assert set(env) - ours <= SDK | {"OTEL_EXPORTER_OTLP_ENDPOINT"}
    assert set(env) >= SDK
    for name in ("CONNECTIONS__SERVICE_CONNECTION__SETTINGS__CLIENTSECRET",
                 "STRATEGIKOLLEN_DATABASE_URL"):
        assert re.search(r"\$\{[A-Z_]+:\?", env[name]), f"{name} must come from the environment"
    assert re.fullmatch(r"\$\{POSTGRES_PASSWORD:\?[^}]*\}",
                        _environment("db")["POSTGRES_PASSWORD"])
    example = (ROOT / "compose.env.example").read_text(encoding="utf-8")
    needed = set(re.findall(r"\$\{([A-Z_]+)", (ROOT / "compose.yaml").read_text("utf-8")))
    listed = set(re.findall(r"(?m)^([A-Z_]+)=", example))
    assert needed == listed
    assert re.findall(r"(?m)^[A-Z_]+=(.+)$", example) == []  # the example holds no values
    assert ".env" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_compose_gives_the_bot_longer_to_stop_than_it_takes() -> None:
    bot = COMPOSE["services"]["bot"]
    grace = int(str(bot["stop_grace_period"]).removesuffix("s"))
    assert grace > float(_environment("bot")["STRATEGIKOLLEN_SHUTDOWN_SECONDS"])


# --- the image, where an engine can build and run it ----------------------------------------


def _engine() -> list[str] | None:
    """podman (with runc where crun cannot run here) or docker, if it runs a container."""
    for command in (["podman", "--runtime", "runc"], ["podman"], ["docker"]):
        if shutil.which(command[0]) is None or shutil.which(command[-1]) is None:
            continue
        try:
            probe = subprocess.run([*command, "info"], capture_output=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0:
            return command
    return None


@pytest.mark.postgres
@pytest.mark.container
def test_the_image_builds_and_serves_against_postgres(postgres_database: Any) -> None:
    engine = _engine()
    if engine is None:
        pytest.skip("no container engine here (podman or docker) that can run containers")
    base = os.environ.get("STRATEGIKOLLEN_TEST_PYTHON_IMAGE",
                          "docker.io/library/python:3.12-slim-bookworm")
    have = subprocess.run([*engine, "image", "exists", base], capture_output=True, timeout=60)
    if have.returncode != 0:
        pulled = subprocess.run([*engine, "pull", base], capture_output=True, timeout=300)
        if pulled.returncode != 0:
            pytest.skip(f"the base image {base} cannot be pulled here: set "
                        "STRATEGIKOLLEN_TEST_PYTHON_IMAGE to a local Python 3.12 image")
    tag = f"localhost/strategikollen:test-{uuid.uuid4().hex[:6]}"
    build = subprocess.run(
        [*engine, "build", *(["--format", "docker"] if engine[0] == "podman" else []),
         "--network", "host",
         "--build-arg", f"PYTHON_IMAGE={base}", "-t", tag, str(ROOT)],
        capture_output=True, text=True, timeout=1200)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    name = f"strategikollen-test-{uuid.uuid4().hex[:6]}"
    port = "3981"
    try:
        subprocess.run(
            [*engine, "run", "-d", "--name", name, "--network", "host",
             "-e", f"STRATEGIKOLLEN_DATABASE_URL={POSTGRES}",
             "-e", f"STRATEGIKOLLEN_DATABASE_SCHEMA={postgres_database.schema}",
             *[arg for n in sorted(SDK)
               for arg in ("-e", f"{n}=00000000-0000-0000-0000-000000000001")],
             "-e", f"PORT={port}", tag],
            check=True, capture_output=True, timeout=120)
        ready = _wait(f"http://127.0.0.1:{port}/readyz")
        assert ready == '{"status": "ready", "database": "up"}', _logs(engine, name)
        who = subprocess.run([*engine, "exec", name, "id", "-u"], capture_output=True,
                             text=True, timeout=60)
        assert who.stdout.strip() == "10001"
        health = subprocess.run([*engine, "healthcheck", "run", name], capture_output=True,
                                text=True, timeout=60) if engine[0] == "podman" else None
        assert health is None or health.returncode == 0, health.stdout + health.stderr
        subprocess.run([*engine, "stop", "-t", "30", name], check=True, capture_output=True,
                       timeout=90)
        code = subprocess.run([*engine, "inspect", name, "--format", "{{.State.ExitCode}}"],
                              capture_output=True, text=True, timeout=60).stdout.strip()
        assert code == "0", _logs(engine, name)  # SIGTERM: a graceful stop
        assert '"message": "Stopped"' in _logs(engine, name)
    finally:
        subprocess.run([*engine, "rm", "-f", name], capture_output=True, timeout=60)
        subprocess.run([*engine, "rmi", "-f", tag], capture_output=True, timeout=120)


def _wait(url: str, seconds: float = 90.0) -> str:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                return str(answer.read().decode())
        except OSError:
            if time.monotonic() > deadline:
                return ""
            time.sleep(0.5)


def _logs(engine: list[str], name: str) -> str:
    logs = subprocess.run([*engine, "logs", name], capture_output=True, text=True, timeout=60)
    return (logs.stdout + logs.stderr)[-3000:]
