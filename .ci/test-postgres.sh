#!/usr/bin/env bash
# A throw-away PostgreSQL server for the tests of iconik-sdk-postgresql: a fresh cluster under /tmp, on a free
# port of 127.0.0.1, owned by a non-root user (the server refuses to run as root), trust authentication (nothing
# but this machine's processes can reach it). Uses Debian's binaries (package postgresql) or any on PATH.
#
# usage: .ci/test-postgres.sh start   prints "export ICONIK_SDK_TEST_POSTGRES_URL=postgresql://…" on stdout
#        .ci/test-postgres.sh stop    stops the server started from this checkout and deletes its cluster
#   eval "$(.ci/test-postgres.sh start)" && mvn -B verify; .ci/test-postgres.sh stop
set -euo pipefail

state_file="${ICONIK_SDK_TEST_POSTGRES_STATE:-/tmp/iconik-sdk-test-postgres.$(id -u).dir}"

find_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/postgres" ] && [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  if command -v pg_ctl >/dev/null 2>&1 && command -v postgres >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"; return 0
  fi
  return 1
}

# Runs a command as the cluster's owner: as root, Debian's "postgres" user (or nobody); else the caller.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$owner" -- "$@"
  else
    "$@"
  fi
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 40000 ))
    # nothing listening there (bash's /dev/tcp connect fails): the server's own bind is the final check
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"; return 0
    fi
  done
  return 1
}

start() {
  local bin dir port
  bin=$(find_bin) || { echo "test-postgres: no PostgreSQL server binaries (Debian: apt-get install postgresql)" >&2; exit 1; }
  if [ -f "$state_file" ]; then
    echo "test-postgres: a server is already running ($(cat "$state_file")); stop it first" >&2; exit 1
  fi
  owner=$(id -un)
  if [ "$(id -u)" -eq 0 ]; then
    owner=postgres; getent passwd postgres >/dev/null || owner=nobody
  fi
  dir=$(mktemp -d /tmp/iconik-sdk-test-postgres.XXXXXX)
  chmod 755 "$dir"
  [ "$(id -u)" -eq 0 ] && chown "$owner" "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; exit 1; }
  for _ in 1 2 3 4 5; do
    port=$(free_port) || break
    # fsync off: a test cluster need not survive a power cut, and it makes the tests several times faster
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
        -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir -c fsync=off -c max_connections=200" \
        >/dev/null 2>&1; then
      echo "$dir $port $owner" >"$state_file"
      echo "export ICONIK_SDK_TEST_POSTGRES_URL=postgresql://postgres@127.0.0.1:$port/postgres"
      return 0
    fi
  done
  echo "test-postgres: the server did not start; its log:" >&2
  cat "$dir/server.log" >&2 2>/dev/null || true
  rm -rf "$dir"
  exit 1
}

stop() {
  local bin dir port
  [ -f "$state_file" ] || { echo "test-postgres: no server running" >&2; return 0; }
  read -r dir port owner <"$state_file"
  bin=$(find_bin) || true
  if [ -n "$bin" ] && [ -d "$dir/data" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  case "$dir" in /tmp/iconik-sdk-test-postgres.*) rm -rf "$dir" ;; esac
  rm -f "$state_file"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
