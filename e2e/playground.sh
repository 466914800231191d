#!/usr/bin/env bash
# The Microsoft 365 Agents Playground for a person, in front of a bot that already
# runs (scripts/serve-dev, on 127.0.0.1:3978). Loopback only, telemetry off, and
# the user's locale on every activity (the Playground itself sends "en-US" on
# button clicks). Stop with Ctrl+C.
#
#   e2e/playground.sh [--locale sv-SE|en-US] [--bot http://127.0.0.1:3978] [--port 56150]
set -euo pipefail
cd "$(dirname "$0")/.."

locale=sv-SE bot=http://127.0.0.1:3978 port=56150
while [ $# -gt 0 ]; do
  case "$1" in
    --locale) locale=$2; shift 2 ;;
    --bot) bot=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    *) echo "usage: $0 [--locale sv-SE|en-US] [--bot URL] [--port P]" >&2; exit 2 ;;
  esac
done
if [ ! -f node_modules/@microsoft/m365agentsplayground/cli.js ]; then
  echo "node_modules is missing: npm ci" >&2; exit 2
fi

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

node e2e/locale-proxy.mjs --port 0 --target "$bot" --locale "$locale" >"$work/proxy.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do grep -qs '^Listening on' "$work/proxy.log" && break; sleep 0.1; done
proxy_port=$(sed -n 's/^Listening on \([0-9]*\)/\1/p' "$work/proxy.log")
[ -n "$proxy_port" ] || { cat "$work/proxy.log" >&2; exit 1; }

(cd "$work" && APPLICATION_INSIGHTS_NO_STATSBEAT=true TEAMSAPPTESTER_BROWSER=none \
  M365_AGENTS_PLAYGROUND_LOGFILE="$work/playground.log" \
  M365_AGENTS_PLAYGROUND_CONFIG_PATH="$work/absent.yml" \
  TEAMS_APP_TEST_TOOL_CONFIG_PATH="$work/absent-legacy.yml" \
  exec node --require "$OLDPWD/e2e/loopback.cjs" \
    "$OLDPWD/node_modules/@microsoft/m365agentsplayground/cli.js" \
    --disable-telemetry -c msteams -e "http://127.0.0.1:$proxy_port/api/messages" -p "$port") &
pids+=($!)
echo "Agents Playground: http://127.0.0.1:$port  (bot $bot, locale $locale; Ctrl+C stops)" >&2
wait
