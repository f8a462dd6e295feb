#!/usr/bin/env bash
# Runs every test: starts a throwaway PostgreSQL cluster for the storage and API tests, runs
# CTest (both engines), then the browser tests against a demo server. Stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD:-build/debug}
pg_dir=$(mktemp -d /tmp/tuoyu-pg.XXXXXX)
cleanup() { bash scripts/pg-cluster.sh stop "$pg_dir" || true; }
trap cleanup EXIT

export TUOYU_TEST_PG_URL
TUOYU_TEST_PG_URL=$(bash scripts/pg-cluster.sh start "$pg_dir")
echo "test: PostgreSQL cluster at $TUOYU_TEST_PG_URL"

status=0
ctest --test-dir "$build" --output-on-failure -j 2 || status=$?

echo "test: browser tests"
mkdir -p build/e2e
TUOYU_BIN="$build/tuoyu" bash tests/e2e/run.sh || status=$?
exit $status
