#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the tests: initdb in a temporary folder owned by the
# postgres user (PostgreSQL refuses to run as root), listening on 127.0.0.1 on a free port.
#   scripts/pg-cluster.sh start DIR   → prints the postgresql:// URL of database "tuoyu_test"
#   scripts/pg-cluster.sh stop DIR    → stops the server by its pid and removes DIR
set -euo pipefail
action=${1:?usage: pg-cluster.sh start|stop DIR}
dir=${2:?usage: pg-cluster.sh start|stop DIR}
bin=/usr/lib/postgresql/15/bin
as_pg() { runuser -u postgres -- "$@"; }

free_port() {
  python3 - <<'PY'
import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()
PY
}

case "$action" in
  start)
    mkdir -p "$dir"
    chown postgres:postgres "$dir"
    as_pg "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
    port=$(free_port)
    # Tests only: durability settings off for speed; the kill-during-write test relies on crash
    # safety, which fsync=off keeps for a process crash (the OS still holds the writes).
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir -c fsync=off \
          -c synchronous_commit=on -c full_page_writes=off -c max_connections=200" start >/dev/null
    as_pg "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres tuoyu_test
    echo "$port" > "$dir/port"
    echo "postgresql://postgres@127.0.0.1:$port/tuoyu_test"
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
      pid=$(head -1 "$dir/data/postmaster.pid")
      kill -INT "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -rf "$dir"
    ;;
  *) echo "usage: pg-cluster.sh start|stop DIR" >&2; exit 2 ;;
esac
