#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for tests: `start` prints a DATABASE_URL, `stop DIR` removes it.
# Installs Debian's postgresql package when no server binaries are present.
set -euo pipefail

find_bin() {
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && { echo "$d"; return; }; done
  command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)" && return
  return 1
}

case "${1:-}" in
  start)
    if ! bin=$(find_bin); then
      echo "installing postgresql" >&2
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2
      bin=$(find_bin)
    fi
    dir=$(mktemp -d /tmp/dermis-pg.XXXXXX)
    chown postgres "$dir" 2>/dev/null || true
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
    as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
    as_pg "'$bin/initdb' -D '$dir/data' -U postgres --auth=trust -E UTF8 --no-locale" >/dev/null
    as_pg "'$bin/pg_ctl' -D '$dir/data' -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" -l '$dir/log' -w start" >/dev/null
    echo "$dir" >"$dir/.dir"
    echo "DATABASE_URL=postgres://postgres@127.0.0.1:$port/postgres"
    echo "PG_CLUSTER_DIR=$dir"
    ;;
  stop)
    dir="${2:?cluster dir}"
    bin=$(find_bin)
    as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
    as_pg "'$bin/pg_ctl' -D '$dir/data' -m immediate stop" >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start | stop DIR" >&2
    exit 2
    ;;
esac
