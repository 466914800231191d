# Sourced by scripts/test and scripts/serve-dev: everything a fresh machine needs.
# Idempotent and quiet when there is nothing to do.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

# Python 3.12 (.python-version says 3.12; pyenv and uv both read it).
PY=""
for candidate in python3.12 "$HOME/.pyenv/versions/3.12"*/bin/python3.12; do
  if command -v "$candidate" >/dev/null 2>&1; then PY=$(command -v "$candidate"); break; fi
done
if [ -z "$PY" ]; then
  log "Python 3.12 saknas / is missing: install it (pyenv install 3.12) and run again."
  exit 2
fi

# uv, from PyPI, into that Python's user site if it is not on PATH.
if command -v uv >/dev/null 2>&1; then UV=(uv); else
  if ! "$PY" -m uv --version >/dev/null 2>&1; then
    log "installing uv"
    "$PY" -m pip install --quiet --disable-pip-version-check uv
  fi
  UV=("$PY" -m uv)
fi
export UV_PYTHON="$PY"
"${UV[@]}" sync --locked --quiet

if [ "${STRATEGIKOLLEN_SETUP_NODE:-1}" = "1" ] && [ -f package-lock.json ]; then
  if ! command -v npm >/dev/null 2>&1; then
    log "installing Node.js and npm (Debian)"
    apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
  fi
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "npm ci"
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
  fi
fi

# The overview tab's browser libraries, bundled with the app (no CDN): copied from
# node_modules (pinned in package-lock.json) into bot/overview/static/vendor/ (git-ignored).
if [ -d node_modules/chart.js ] && [ -d node_modules/@microsoft/teams-js ]; then
  vendor=bot/overview/static/vendor
  mkdir -p "$vendor"
  for pair in "node_modules/chart.js/dist/chart.umd.min.js:chart.umd.min.js" \
              "node_modules/@microsoft/teams-js/dist/umd/MicrosoftTeams.min.js:MicrosoftTeams.min.js"; do
    src=${pair%%:*}; dest="$vendor/${pair##*:}"
    if [ ! -f "$dest" ] || ! cmp -s "$src" "$dest"; then
      log "vendor: $src → $dest"
      cp "$src" "$dest"
    fi
  done
fi
