#!/usr/bin/env bash
# shellcheck disable=SC2317  # cleanup and the comparisons are called indirectly (trap, check)
# HTTP benchmark of Tuoyu (issue 3, "Done when"): in one run, on 127.0.0.1 only, wrk drives
#   (a) a bare RESTinio ping server (bench/ping_server.cpp) — the baseline;
#   (b) GET /api/v1/regions/211104000000 — authenticated, scope-filtered, no personal data;
#   (c) GET /api/v1/users/3 — authenticated read of personal data: every 200 appends an audit record;
# then kills the server with SIGKILL the moment (c) ends and checks that every 200 that wrk saw
# has its audit record, and that `tuoyu audit verify` finds the chain intact.
#
# Targets: (b) >= 50 % of (a)'s requests/s, (c) >= 25 %, p99 of (b) and (c) < 10 ms, no audit
# record lost. Exit status 0 when everything holds, 1 when a target or check fails, 2 when the
# benchmark could not run.
#
# It builds nothing: `make bench` builds first. Settings (environment):
#   BUILD=build/release   folder holding tuoyu and bench/tuoyu_bench_ping (relative to the repo)
#   DURATION=10           seconds of each measured wrk run
#   WARMUP=2              seconds of an unmeasured wrk run before each measured one (0: none)
#   CONNECTIONS=64        wrk connections
#   WRK_THREADS=2         wrk threads (the reference machine has 2 cores; the server uses 1 thread)
#   RESULTS=bench/results folder of the results files (http-<date>.txt; each run is appended)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-build/release}
[[ $BUILD = /* ]] || BUILD=$ROOT/$BUILD
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-2}
CONNECTIONS=${CONNECTIONS:-64}
WRK_THREADS=${WRK_THREADS:-2}
RESULTS=${RESULTS:-$ROOT/bench/results}
[[ $RESULTS = /* ]] || RESULTS=$ROOT/$RESULTS
TUOYU=$BUILD/tuoyu
PING=$BUILD/bench/tuoyu_bench_ping
LUA=$ROOT/bench/count_status.lua
REGION_PATH=/api/v1/regions/211104000000
USER_PATH=/api/v1/users/3
AUDIT_ROUTE='/api/v1/users/{id}'
USERNAME=daowa_health
PASSWORD='Demo#2024daowa'

die() {
    echo "http_bench: $*" >&2
    exit 2
}

for binary in "$TUOYU" "$PING"; do
    [[ -x $binary ]] || die "missing $binary — build first: make bench, or cmake --preset release && cmake --build build/release --target tuoyu tuoyu_bench_ping"
done
for tool in wrk curl sqlite3 ss awk; do
    command -v "$tool" >/dev/null || die "$tool is not installed (make setup installs it)"
done
[[ $DURATION =~ ^[1-9][0-9]*$ ]] || die "DURATION must be a whole number of seconds"
[[ $WARMUP =~ ^[0-9]+$ ]] || die "WARMUP must be a whole number of seconds"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tuoyu-bench.XXXXXX")
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill -9 "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

REPORT=$WORK/report.txt
say() { printf '%s\n' "$*" | tee -a "$REPORT"; }

# A port nothing listens on; the one we picked already is avoided.
free_port() {
    local port _
    for _ in $(seq 1 100); do
        port=$((20000 + RANDOM % 40000))
        if [[ $port != "${1:-}" ]] && ! ss -Htln "sport = :$port" | grep -q .; then
            echo "$port"
            return 0
        fi
    done
    die "no free port found"
}

# wait_up PID URL LOG: until URL answers, the process dies, or 15 s pass.
wait_up() {
    local pid=$1 url=$2 log=$3 _
    for _ in $(seq 1 150); do
        kill -0 "$pid" 2>/dev/null || die "the server exited at start: $(tail -5 "$log")"
        curl -s -o /dev/null --max-time 1 "$url" && return 0
        sleep 0.1
    done
    die "no answer from $url within 15 s: $(tail -5 "$log")"
}

# run_wrk NAME SECONDS URL [wrk options…]: output in $WORK/NAME.txt
run_wrk() {
    local name=$1 seconds=$2 url=$3
    shift 3
    wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${seconds}s" --timeout 5s --latency -s "$LUA" "$@" "$url" \
        >"$WORK/$name.txt" 2>&1 || die "wrk failed on $url: $(tail -5 "$WORK/$name.txt")"
}

rps_of() { awk '/^Requests\/sec:/ { print $2 }' "$WORK/$1.txt"; }
count_of() { awk -v key="$2" '$1 == key { print $2 }' "$WORK/$1.txt"; }
# The "99%" (or "50%") line of wrk's latency distribution, in milliseconds.
latency_ms() {
    awk -v key="$2" '$1 == key {
        v = $2
        if (v ~ /us$/) { sub(/us$/, "", v); v = v / 1000 }
        else if (v ~ /ms$/) { sub(/ms$/, "", v); v = v + 0 }
        else if (v ~ /m$/) { sub(/m$/, "", v); v = v * 60000 }
        else if (v ~ /s$/) { sub(/s$/, "", v); v = v * 1000 }
        printf "%.2f", v
        exit
    }' "$WORK/$1.txt"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? 100 * a / b : 0) }'; }
at_least() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a >= b) }'; }
below() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a < b) }'; }
verdict() { if "$@"; then echo PASS; else echo FAIL; fi; }

audit_ok_count() {
    sqlite3 -cmd ".timeout 5000" "$DATABASE" \
        "SELECT COUNT(*) FROM audit_log WHERE route = '$AUDIT_ROUTE' AND outcome = 'ok'"
}

# --- set-up: a demo database, the two servers, a session -----------------------------------
DATABASE=$WORK/bench.db
"$TUOYU" demo --database "$DATABASE" >"$WORK/demo.log" 2>&1 || die "tuoyu demo failed: $(tail -5 "$WORK/demo.log")"

PING_PORT=$(free_port)
"$PING" "$PING_PORT" >"$WORK/ping.log" 2>&1 &
PING_PID=$!
PIDS+=("$PING_PID")
wait_up "$PING_PID" "http://127.0.0.1:$PING_PORT/ping" "$WORK/ping.log"

API_PORT=$(free_port "$PING_PORT")
"$TUOYU" serve --database "$DATABASE" --listen "127.0.0.1:$API_PORT" --threads 1 --access-log off --web-root '' \
    >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
PIDS+=("$SERVER_PID")
API=http://127.0.0.1:$API_PORT
wait_up "$SERVER_PID" "$API/api/v1/health" "$WORK/server.log"

status=$(curl -s -o "$WORK/login.json" -D "$WORK/login.headers" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data "{\"username\":\"$USERNAME\",\"password\":\"$PASSWORD\"}" "$API/api/v1/auth/login")
[[ $status = 200 ]] || die "login as $USERNAME answered $status: $(cat "$WORK/login.json")"
TOKEN=$(sed -n 's/^[Ss]et-[Cc]ookie: tuoyu_session=\([^;]*\);.*/\1/p' "$WORK/login.headers" | tr -d '\r')
[[ -n $TOKEN ]] || die "login set no tuoyu_session cookie"
COOKIE="Cookie: tuoyu_session=$TOKEN"
for path in "$REGION_PATH" "$USER_PATH"; do
    status=$(curl -s -o "$WORK/probe.json" -w '%{http_code}' -H "$COOKIE" "$API$path")
    [[ $status = 200 ]] || die "GET $path answered $status: $(cat "$WORK/probe.json")"
done

# --- the three runs ---------------------------------------------------------------------------
say "== Tuoyu HTTP benchmark, $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git -C "$ROOT" status --porcelain -- src 2>/dev/null) ]]; then COMMIT="$COMMIT (src modified)"; fi
say "commit $COMMIT," \
    "$(nproc) cores, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo), load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
say "wrk -t$WRK_THREADS -c$CONNECTIONS -d${DURATION}s --latency (after ${WARMUP}s warm-up each); server: --threads 1, access log off, SQLite WAL"

if ((WARMUP > 0)); then run_wrk warm-ping "$WARMUP" "http://127.0.0.1:$PING_PORT/ping"; fi
run_wrk ping "$DURATION" "http://127.0.0.1:$PING_PORT/ping"

if ((WARMUP > 0)); then run_wrk warm-region "$WARMUP" "$API$REGION_PATH" -H "$COOKIE"; fi
run_wrk region "$DURATION" "$API$REGION_PATH" -H "$COOKIE"

if ((WARMUP > 0)); then run_wrk warm-user "$WARMUP" "$API$USER_PATH" -H "$COOKIE"; fi
sleep 0.5 # requests still in flight when the warm-up ended are answered and audited by now
AUDIT_BEFORE=$(audit_ok_count)
run_wrk user "$DURATION" "$API$USER_PATH" -H "$COOKIE"
# No graceful stop: whatever the server answered must already be durable.
kill -9 "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null || true
AUDIT_AFTER=$(audit_ok_count)

# --- figures ------------------------------------------------------------------------------------
failed=0
declare -A RPS P50 P99 OK OTHER
for run in ping region user; do
    RPS[$run]=$(rps_of "$run")
    P50[$run]=$(latency_ms "$run" 50%)
    P99[$run]=$(latency_ms "$run" 99%)
    OK[$run]=$(count_of "$run" STATUS_200)
    OTHER[$run]=$(count_of "$run" STATUS_OTHER)
    [[ -n ${RPS[$run]} && -n ${P99[$run]} && -n ${OK[$run]} ]] || die "cannot read wrk's output: $(cat "$WORK/$run.txt")"
done

say ""
say "$(printf '%-38s %10s %8s %9s %9s %9s %7s' run requests/s 'of ping' 'p50 ms' 'p99 ms' '200s' other)"
describe() {
    say "$(printf '%-38s %10.0f %7s%% %9s %9s %9s %7s' "$1" "${RPS[$2]}" "$(ratio "${RPS[$2]}" "${RPS[ping]}")" \
        "${P50[$2]}" "${P99[$2]}" "${OK[$2]}" "${OTHER[$2]}")"
}
describe "(a) GET /ping (bare RESTinio)" ping
describe "(b) GET $REGION_PATH" region
describe "(c) GET $USER_PATH (audited)" user
for run in ping region user; do
    errors=$(grep '^ERRORS' "$WORK/$run.txt" || true)
    if [[ $errors != *"connect=0 read=0 write=0 status=0 timeout=0"* ]]; then
        say "note: $run had socket errors: ${errors#ERRORS }"
    fi
done

say ""
check() { # DESCRIPTION COMMAND…
    local description=$1 result
    shift
    result=$(verdict "$@")
    [[ $result = PASS ]] || failed=1
    say "$(printf '%-60s %s' "$description" "$result")"
}
REGION_RATIO=$(ratio "${RPS[region]}" "${RPS[ping]}")
USER_RATIO=$(ratio "${RPS[user]}" "${RPS[ping]}")
check "(b) requests/s >= 50 % of ping: $REGION_RATIO %" at_least "$REGION_RATIO" 50
check "(c) requests/s >= 25 % of ping: $USER_RATIO %" at_least "$USER_RATIO" 25
check "(b) p99 < 10 ms: ${P99[region]} ms" below "${P99[region]}" 10
check "(c) p99 < 10 ms: ${P99[user]} ms" below "${P99[user]}" 10
check "(b) and (c) answered only 200: ${OTHER[region]} + ${OTHER[user]} other" test "$((OTHER[region] + OTHER[user]))" -eq 0
AUDITED=$((AUDIT_AFTER - AUDIT_BEFORE))
check "audit records after SIGKILL >= 200s of (c): $AUDITED >= ${OK[user]}" test "$AUDITED" -ge "${OK[user]}"
if "$TUOYU" audit verify --database "$DATABASE" >"$WORK/verify.log" 2>&1; then verify=0; else verify=1; fi
check "tuoyu audit verify: $(tr '\n' ' ' <"$WORK/verify.log" | cut -c1-50)" test "$verify" -eq 0
say "load average at end $(cut -d' ' -f1-3 /proc/loadavg)"
say ""

mkdir -p "$RESULTS"
RESULT_FILE=$RESULTS/http-$(date -u +%Y-%m-%d).txt
cat "$REPORT" >>"$RESULT_FILE"
echo "http_bench: figures appended to ${RESULT_FILE#"$ROOT"/}"
exit "$failed"
