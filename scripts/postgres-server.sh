#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on loopback for the PostgreSQL suite, the job-queue example
# and the benchmark: Debian's `postgresql` package (installed with apt-get when missing), a new
# cluster in a temporary folder, owned by the `postgres` user (the server refuses to run as root),
# trust authentication on 127.0.0.1 only. Prints the connection URL on its last line, e.g.
#
#   export HC_POSTGRES_URL=$(scripts/postgres-server.sh | tail -n 1)
#
# Usage: scripts/postgres-server.sh [port]   (default 54329). Stop it with: scripts/postgres-server.sh stop
set -euo pipefail
port=${1:-54329}
data=${HC_POSTGRES_DATA:-/tmp/housing-complaints-postgres}
sudo=''
[ "$(id -u)" -eq 0 ] || sudo='sudo'

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ]; then
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; elif [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

if [ "$port" = stop ]; then
  as_postgres "$bin/pg_ctl" -D "$data" -m fast stop >&2 || true
  exit 0
fi

if ! as_postgres "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  $sudo rm -rf "$data"
  $sudo mkdir -p "$data"
  $sudo chown postgres "$data"
  as_postgres "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  as_postgres "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=on" start >&2
fi
as_postgres "$bin/pg_isready" -h 127.0.0.1 -p "$port" >&2
echo "postgres://postgres@127.0.0.1:$port/postgres"
