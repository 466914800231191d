# Strategikollen: the Teams bot in a container.
#
#   docker build -t strategikollen .          (or: podman build)
#   docker compose up                          (compose.yaml: the bot with PostgreSQL)
#
# Two stages: `build` installs the locked dependencies and the project into a virtual
# environment with uv; `runtime` is the slim Python image with only that environment,
# run as an unprivileged user. PYTHON_IMAGE may point at the city's mirror of the image.
ARG PYTHON_IMAGE=docker.io/library/python:3.12-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ARG UV_VERSION=0.13.9
RUN python -m pip install --no-cache-dir --disable-pip-version-check "uv==${UV_VERSION}"
ENV UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv
WORKDIR /src
# The dependencies first (a layer that changes only with uv.lock), then the project.
COPY pyproject.toml uv.lock README.md ./
RUN python -m uv sync --locked --no-dev --no-install-project
COPY policy ./policy
COPY ibcase ./ibcase
COPY intake ./intake
COPY dialogs ./dialogs
COPY cards ./cards
COPY bot ./bot
COPY cli ./cli
COPY manifest ./manifest
# The overview tab's libraries come from npm (package-lock.json) through scripts/setup.sh,
# which copies them into bot/overview/static/vendor/ before the image is built.
RUN test -s bot/overview/static/vendor/chart.umd.min.js \
 && test -s bot/overview/static/vendor/MicrosoftTeams.min.js \
 || { echo "bot/overview/static/vendor/ is empty: run scripts/setup.sh before building" >&2; exit 1; }
RUN python -m uv sync --locked --no-dev --no-editable

FROM ${PYTHON_IMAGE} AS runtime
RUN groupadd --system --gid 10001 strategikollen \
 && useradd --system --uid 10001 --gid strategikollen --home-dir /app \
        --shell /usr/sbin/nologin strategikollen \
 && mkdir -p /data \
 && chown strategikollen:strategikollen /data
COPY --from=build --chown=root:root /app/.venv /app/.venv
ENV PATH=/app/.venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    STRATEGIKOLLEN_DATA_DIR=/data \
    STRATEGIKOLLEN_LOG_FORMAT=json \
    PORT=3978
WORKDIR /app
VOLUME ["/data"]
USER 10001:10001
EXPOSE 3978
# Liveness: the process answers HTTP (readiness, /readyz, is the orchestrator's probe).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/healthz', timeout=4)"]
# SIGTERM: the turns in flight and the messages being sent finish, then exit 0
# (STRATEGIKOLLEN_SHUTDOWN_SECONDS, 25 s by default; give the container 30 s).
STOPSIGNAL SIGTERM
# (exec: the bot itself is PID 1 and gets the signal; PORT is the port, 3978 unless set.)
CMD ["sh", "-c", "exec strategikollen serve --host 0.0.0.0 --port \"$PORT\""]
