# Tuoyu — the two commands: `make run` and `make test`. Both set the machine up first.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
DATABASE ?= data/demo.db
LISTEN ?= 127.0.0.1:8080

.PHONY: setup debug release web run test test-cpp test-e2e bench format clean

setup:
	@bash scripts/setup.sh

debug: setup
	@cmake --preset debug >/dev/null
	@cmake --build build/debug -j $(JOBS)

release: setup
	@cmake --preset release >/dev/null
	@cmake --build build/release -j $(JOBS) --target tuoyu

web: setup
	@cd web && npm run build --silent

# Builds the optimised server and the web UI, then serves the demo on an embedded SQLite
# database (created, migrated and filled with demo data on first start).
run: release web
	@build/release/tuoyu serve --database $(DATABASE) --listen $(LISTEN) --web-root web/dist --demo

# The whole suite: C++ unit, storage-contract and API tests on SQLite and on a throwaway
# PostgreSQL cluster, the nginx configuration check, and the browser tests.
test: debug web
	@bash scripts/test.sh

bench: setup
	@cmake --preset release >/dev/null
	@cmake --build build/release -j $(JOBS)
	@bash bench/http_bench.sh

format:
	@git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	@rm -rf build web/dist
