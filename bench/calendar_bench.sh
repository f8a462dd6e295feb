#!/usr/bin/env bash
# The cost of the working-day calendar per request, with and without the in-memory copy, on SQLite
# and PostgreSQL. Each run opens a transaction as a request does; the figure is the median.
#   bash bench/calendar_bench.sh [BUILD_DIR]   (default build/release) → bench/results/calendar.txt
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
runs=2000
out=bench/results/calendar.txt
work=$(mktemp -d)
chmod 755 "$work"  # the PostgreSQL cluster runs as the postgres user
trap 'bash scripts/pg-cluster.sh stop "$work/pg" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
"$build/tuoyu" migrate --database "$work/bench.db" 2>/dev/null
url=$(bash scripts/pg-cluster.sh start "$work/pg")
"$build/tuoyu" migrate --database "$url" 2>/dev/null
{
  echo "# bench/calendar_bench.sh $(date -u +%Y-%m-%dT%H:%MZ), $build, median of $runs runs, milliseconds"
  echo "# load: read calendar_days into a WorkingDayCalendar; version: the cache's check of settings.calendar_version; cached: a Get within the 2 s"
  echo "sqlite   $("$build/bench/tuoyu_bench_calendar" "$work/bench.db" $runs)"
  echo "postgres $("$build/bench/tuoyu_bench_calendar" "$url" $runs)"
} | tee "$out"
