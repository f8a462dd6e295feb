# Shared by the benchmark scripts (sourced, not run): a scratch folder removed on exit together
# with any throwaway PostgreSQL cluster, and the timing of one command.
#   BENCH_NAME=regions_bench; source bench/lib.sh   → WORK, use_pg, timed, timed_refusal

WORK=$(mktemp -d "${TMPDIR:-/tmp}/tuoyu-$BENCH_NAME.XXXXXX")
PG_DIR=
bench_cleanup() {
    if [[ -n $PG_DIR ]]; then bash scripts/pg-cluster.sh stop "$PG_DIR" >/dev/null 2>&1 || true; fi
    rm -rf "$WORK"
}
trap bench_cleanup EXIT

# PG: the URL of PG_URL, or else of a throwaway PostgreSQL cluster (the postgres user must reach
# its folder, so it lies beside WORK, not inside it).
use_pg() {
    PG=${PG_URL:-}
    if [[ -z $PG ]]; then
        PG_DIR=${TMPDIR:-/tmp}/tuoyu-$BENCH_NAME-pg.$$
        PG=$(bash scripts/pg-cluster.sh start "$PG_DIR")
    fi
}

# Seconds a command takes (its output goes to WORK/last.log); a failure stops the benchmark.
timed() {
    local start end
    start=$(date +%s.%N)
    "$@" >"$WORK/last.log" 2>&1 || { cat "$WORK/last.log" >&2; echo "$BENCH_NAME: failed: $*" >&2; exit 1; }
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }'
}

# Like timed, for a command that must fail (a refused file); its success stops the benchmark.
timed_refusal() {
    local start end
    start=$(date +%s.%N)
    if "$@" >"$WORK/last.log" 2>&1; then
        cat "$WORK/last.log" >&2
        echo "$BENCH_NAME: expected a refusal: $*" >&2
        exit 1
    fi
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }'
}
