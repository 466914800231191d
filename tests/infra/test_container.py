"""The container: the Dockerfile's essentials and compose.yaml's structure, always; and
the image itself, built and run against PostgreSQL by a container engine.

The engine is Debian's podman (``scripts/test`` installs it, with runc and debootstrap,
where none is), configured by ``tests/infra/containers.conf`` through CONTAINERS_CONF
(runc, as crun cannot set up cgroups in this sandbox; no default ulimits, as the sandbox
refuses setrlimit), or docker where its daemon runs. No container registry can be
reached from here, so the base image is ``STRATEGIKOLLEN_TEST_PYTHON_IMAGE`` if set, else
``docker.io/library/python:3.12-slim-bookworm`` if the engine has it or can pull it,
else a local Python 3.12 image made without a registry (``tests/infra/python_image.py``:
debootstrap and this machine's CPython, cached under a fixed tag). Under CI=true the
build test runs or fails; elsewhere it may skip, saying why.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import tomllib
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.settings import (
    AUTHTYPE_VARIABLE,
    REQUIRED_SDK_VARIABLES,
    SDK_SETTINGS,
    SDK_VARIABLES,
    Settings,
)

from . import python_image

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
SDK = {*REQUIRED_SDK_VARIABLES, AUTHTYPE_VARIABLE, SDK_SETTINGS + "CLIENTSECRET",
       SDK_SETTINGS + "CERTPFXFILE"}  # a client secret or a certificate, on one host
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


def test_every_package_the_wheel_has_is_copied_into_the_image() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    packages = set(pyproject["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"])
    copied = set(re.findall(r"(?m)^COPY (\w+) \./\1$", _stages()[0]))
    assert copied == packages  # a package left out fails only at run time, on import
    ignore = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    assert packages <= {line[1:].rstrip("/") for line in ignore if line.startswith("!")}


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
    assert set(env) - ours <= SDK_VARIABLES | {"OTEL_EXPORTER_OTLP_ENDPOINT"}
    assert set(env) >= SDK
    for name in (*REQUIRED_SDK_VARIABLES, "STRATEGIKOLLEN_DATABASE_URL"):
        assert re.search(r"\$\{[A-Z_]+:\?", env[name]), f"{name} must come from the environment"
    # The credential's variables: from the environment, empty unless given (the bot names
    # what the kind misses); no secret or path written into compose.yaml.
    for name in (SDK_SETTINGS + "CLIENTSECRET", SDK_SETTINGS + "CERTPFXFILE"):
        assert re.fullmatch(r"\$\{[A-Z_]+:-\}", env[name]), name
    assert env[AUTHTYPE_VARIABLE] == "${BOT_AUTH_TYPE:-ClientSecret}"
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


CONTAINERS_CONF = ROOT / "tests" / "infra" / "containers.conf"
REAL_BASE = "docker.io/library/python:3.12-slim-bookworm"


def _engine() -> list[str] | None:
    """podman (with this folder's containers.conf) or docker, if it can run containers."""
    for command in (["podman"], ["docker"]):
        if shutil.which(command[0]) is None:
            continue
        try:
            probe = subprocess.run([*command, "info"], capture_output=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if probe.returncode == 0:
            return command
    return None


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    if "CONTAINERS_CONF" not in os.environ:
        monkeypatch.setenv("CONTAINERS_CONF", str(CONTAINERS_CONF))
    found = _engine()
    if found is None:
        reason = ("no container engine here (podman or docker) that can run containers: "
                  "scripts/test installs Debian's podman")
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return found


def _base_image(engine: list[str]) -> str:
    """The image to build on: the one named in the environment, the real one if the engine
    has it (or can pull it), else the local one (made the first time, then reused)."""
    named = os.environ.get("STRATEGIKOLLEN_TEST_PYTHON_IMAGE")
    if named:
        return named
    if python_image.exists(engine, REAL_BASE):
        return REAL_BASE
    if python_image.exists(engine):
        return python_image.TAG
    pulled = subprocess.run([*engine, "pull", "-q", REAL_BASE], capture_output=True,
                            timeout=120)
    if pulled.returncode == 0:
        return REAL_BASE
    return python_image.ensure(engine)


def test_the_dockerfile_defaults_to_the_real_python_image() -> None:
    assert f"ARG PYTHON_IMAGE={REAL_BASE}\n" in DOCKERFILE
    assert all(stage.startswith("${PYTHON_IMAGE} AS ") for stage in _stages())


@pytest.mark.postgres
@pytest.mark.container
def test_the_image_builds_and_serves_against_postgres(
    engine: list[str], postgres_database: Any
) -> None:
    base = _base_image(engine)
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
             *[arg for n in (*REQUIRED_SDK_VARIABLES, SDK_SETTINGS + "CLIENTSECRET")
               for arg in ("-e", f"{n}=00000000-0000-0000-0000-000000000001")],
             "-e", f"PORT={port}", tag],
            check=True, capture_output=True, timeout=120)
        ready = _wait(f"http://127.0.0.1:{port}/readyz")
        assert ready == '{"status": "ready", "database": "up"}', _logs(engine, name)
        assert _wait(f"http://127.0.0.1:{port}/healthz"), _logs(engine, name)
        for library in ("chart.umd.min.js", "MicrosoftTeams.min.js"):  # in the wheel too
            url = f"http://127.0.0.1:{port}/tab/static/vendor/{library}"
            with urllib.request.urlopen(url, timeout=10) as answer:
                assert answer.status == 200, library
                assert len(answer.read()) > 10_000, library
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
