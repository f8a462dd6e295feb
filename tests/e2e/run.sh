#!/usr/bin/env bash
# Browser (end-to-end) tests of the web UI against a real tuoyu server.
#
#   TUOYU_BIN=build/debug/tuoyu bash tests/e2e/run.sh
#
# Creates a demo database in a temporary folder, starts `tuoyu serve` on a free
# loopback port with web/dist as the web root, waits for /api/v1/health, runs
# `node --test tests/e2e/` and stops the server. Builds web/dist first when it
# is missing (needs web/node_modules: `cd web && npm ci`). Screenshots go to
# build/e2e/. Set TUOYU_BASE_URL to test an already running server instead.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo"

if [[ ! -d web/node_modules/playwright-core ]]; then
  echo "run.sh: web/node_modules is missing; run: (cd web && npm ci)" >&2
  exit 2
fi
if [[ ! -x "${TUOYU_CHROMIUM:-/usr/bin/chromium}" ]]; then
  echo "run.sh: no Chromium at ${TUOYU_CHROMIUM:-/usr/bin/chromium} (apt-get install chromium)" >&2
  exit 2
fi
mkdir -p build/e2e

if [[ -n "${TUOYU_BASE_URL:-}" ]]; then
  exec node --test --test-concurrency=1 tests/e2e/
fi

bin="${TUOYU_BIN:-}"
if [[ -z "$bin" ]]; then
  for candidate in build/release/tuoyu build/debug/tuoyu; do
    if [[ -x "$candidate" ]]; then bin="$candidate"; break; fi
  done
fi
if [[ -z "$bin" || ! -x "$bin" ]]; then
  echo "run.sh: set TUOYU_BIN to the tuoyu binary" >&2
  exit 2
fi
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

if [[ ! -f web/dist/index.html ]]; then
  (cd web && npm run build)
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/tuoyu-e2e.XXXXXX")"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

db="$work/demo.db"
"$bin" demo --database "$db" >"$work/demo.log" 2>&1 || {
  echo "run.sh: 'tuoyu demo' failed:" >&2
  cat "$work/demo.log" >&2
  exit 1
}

port="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
"$bin" serve --database "$db" --listen "127.0.0.1:$port" --web-root "$repo/web/dist" \
  >"$work/server.log" 2>&1 &
server_pid=$!

base="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  if curl -fsS "$base/api/v1/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "run.sh: the server exited:" >&2
    cat "$work/server.log" >&2
    exit 1
  fi
  sleep 0.1
done
curl -fsS "$base/api/v1/health" >/dev/null || {
  echo "run.sh: the server did not become healthy at $base" >&2
  cat "$work/server.log" >&2
  exit 1
}

status=0
TUOYU_BASE_URL="$base" node --test --test-concurrency=1 tests/e2e/ || status=$?
if [[ $status -ne 0 ]]; then
  echo "run.sh: tests failed; last lines of the server log:" >&2
  tail -n 40 "$work/server.log" >&2
fi
exit $status
