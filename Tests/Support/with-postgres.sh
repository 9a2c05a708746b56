#!/usr/bin/env bash
# with-postgres.sh: runs a command with a throw-away PostgreSQL cluster on a Unix socket in a temporary folder, stopped afterwards.
# Usage: Tests/Support/with-postgres.sh COMMAND [ARGS...]
# The command sees CARTABLE_TEST_POSTGRES=postgres://postgres@/cartable?host=DIR (no TCP port is opened).
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ]; then echo "PostgreSQL is not installed (make deps-postgres)" >&2; exit 1; fi
dir=$(mktemp -d /tmp/cartable-pg-XXXXXX)
# initdb refuses to run as root: the cluster belongs to the postgres user when we are root, to us otherwise.
if [ "$(id -u)" = 0 ]; then owner=postgres; chown "$owner" "$dir"; run() { su "$owner" -s /bin/bash -c "$*"; }
else run() { bash -c "$*"; }; fi
stop() {
  run "'$bin/pg_ctl' -D '$dir/db' stop -m fast -w" >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
run "'$bin/initdb' -D '$dir/db' -A trust -U postgres -E UTF8 --locale=C.UTF-8" >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
# Test settings: the socket in the folder, no TCP, enough connections for parallel suites; durability stays on (fsync).
run "'$bin/pg_ctl' -D '$dir/db' -l '$dir/server.log' -w -o \"-k '$dir' -c listen_addresses='' -c max_connections=1000\" start" >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }
run "'$bin/createdb' -h '$dir' -U postgres cartable"
export CARTABLE_TEST_POSTGRES="postgres://postgres@/cartable?host=$dir"
"$@"
