# PostgreSQL in a temporary data directory on 127.0.0.1 and a free port, for the benchmarks.
# Source it, then: pg_start DIR (sets PG_PORT, PG_CONNINFO), pg_load CSV [DB], pg_stop DIR.
# PostgreSQL refuses to run as root, so as root the server runs as `nobody` (the data
# directory is handed to it); clients connect over TCP with trust authentication.

PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}

pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}

pg_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

pg_start() {
  local dir=$1
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then chown nobody "$dir"; chmod 700 "$dir"; fi
  pg_as_owner "$PG_BIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 \
    --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; return 1; }
  PG_PORT=$(pg_free_port)
  pg_as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories='$dir' \
        -c max_connections=50 -c shared_buffers=256MB -c fsync=off \
        -c synchronous_commit=off -c full_page_writes=off" start >/dev/null \
    || { cat "$dir/server.log" >&2; return 1; }
  PG_CONNINFO="host=127.0.0.1 port=$PG_PORT user=postgres dbname=postgres"
  export PG_PORT PG_CONNINFO
}

pg_psql() {
  "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres "$@"
}

# Loads a CSV written by rows.py into a fresh database (default: postgres).
pg_load() {
  local csv=$1 db=${2:-postgres}
  if [ "$db" != postgres ]; then pg_psql -d postgres -c "CREATE DATABASE $db"; fi
  local here
  here=$(dirname "${BASH_SOURCE[0]}")
  pg_psql -d "$db" -f "$here/postgres_schema.sql" &&
    pg_psql -d "$db" -c "\\copy occupations (id, title, summary, body, sectors, education) FROM '$csv' WITH (FORMAT csv)" &&
    pg_psql -d "$db" -f "$here/postgres_index.sql"
}

pg_stop() {
  local dir=$1
  [ -d "$dir/data" ] && pg_as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1
  rm -rf "$dir"
}
