#!/usr/bin/env bash
# A PostgreSQL server from Debian's binaries (package postgresql), on loopback, for the run archive: the archive's
# integration tests, the local cluster and CI. Trust authentication on 127.0.0.1 only: a test database.
#   postgres.sh start <dir> [port]   makes a cluster in <dir> (unless there is one), starts it on <port> (default: a
#                                    free one) with the database and user "raffinerie", and prints its JDBC URL
#   postgres.sh stop <dir>           stops it (fast shutdown); the data stays in <dir>
#   postgres.sh restart <dir>        starts it again on the port it had
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
# initdb and postgres refuse to run as root: root runs them as Debian's postgres user.
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start() {
  local dir=$1 port=$2
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off" start >/dev/null
  echo "$port" >"$dir/port"
}

case "${1:-}" in
  start)
    dir=$2
    port=${3:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$dir/data" -U raffinerie --auth=trust --encoding=UTF8 --no-sync >/dev/null
    fi
    start "$dir" "$port"
    as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U raffinerie -d postgres -qtAc \
      "SELECT 1 FROM pg_database WHERE datname = 'raffinerie'" | grep -q 1 ||
      as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U raffinerie raffinerie
    echo "jdbc:postgresql://127.0.0.1:$port/raffinerie"
    ;;
  stop)
    [ -f "$2/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$2/data" -m fast -w stop >/dev/null || true
    ;;
  restart)
    start "$2" "$(cat "$2/port")"
    ;;
  *)
    echo "usage: $0 start <dir> [port] | stop <dir> | restart <dir>" >&2
    exit 2
    ;;
esac
