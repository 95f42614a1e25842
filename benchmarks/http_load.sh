#!/usr/bin/env bash
# HTTP load test: `yrkesok serve` against benchmarks/trivial_server (the same cpp-httplib
# settings answering a constant ~4.7 KB body: the ceiling of this HTTP stack).
#
# For 1, 16 and 64 connections, keep-alive on and off, wrk (-t2; -t1 for 1 connection) cycles through the queries of
# benchmarks/queries.txt against both servers in the same run and prints one table. Then it
# tries several --threads values for the trivial server at 64 connections. `yrkesok serve`
# runs with its defaults: its workers take whole requests from an epoll set and open
# connections hold none (server/src/connection_loop.h), so the trivial server's thread per
# connection is not the same setting.
#
# Usage (from anywhere):
#   benchmarks/http_load.sh [--quick] [--build DIR] [--index DIR] [--duration S]
#                           [--threads N] [--sweep "8 32 66"] [--port P]
#   --quick      3 s per run instead of 10 s
#   --build      build directory holding bin/yrkesok and benchmarks/trivial_server (default: build/ in the repo)
#   --index      index directory; built from corpus/occupations.jsonl if missing
#                (/tmp/bench-index)
#   --threads    worker threads (one per connection) of the trivial server for the main table (32)
#   --sweep      the trivial server's --threads values tried at 64 connections ("" to skip)
#   --port       first of the two ports used (18080; the trivial server takes port+1)
#
# Build first:
#   scripts/build -DYRKESOK_BUILD_BENCHMARKS=ON
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$REPO/build"
INDEX=/tmp/bench-index
DURATION=10
THREADS=32
SWEEP="8 32 66"
PORT=18080
CONNECTIONS="1 16 64"

while [[ $# -gt 0 ]]; do
    case "$1" in
        --quick) DURATION=3 ;;
        --duration) DURATION="$2"; shift ;;
        --build) BUILD="$2"; shift ;;
        --index) INDEX="$2"; shift ;;
        --threads) THREADS="$2"; shift ;;
        --sweep) SWEEP="$2"; shift ;;
        --port) PORT="$2"; shift ;;
        -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "http_load.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

OURS_BIN="$BUILD/bin/yrkesok"
TRIVIAL_BIN="$BUILD/benchmarks/trivial_server"
QUERIES="$REPO/benchmarks/queries.txt"
OURS_PORT="$PORT"
TRIVIAL_PORT=$((PORT + 1))
for bin in "$OURS_BIN" "$TRIVIAL_BIN"; do
    [[ -x "$bin" ]] || { echo "http_load.sh: $bin is missing; build it first (see --help)" >&2; exit 1; }
done

if ! command -v wrk >/dev/null 2>&1; then
    echo "http_load.sh: installing wrk" >&2
    if [[ $(id -u) -eq 0 ]]; then apt-get install -y wrk >/dev/null; else sudo apt-get install -y wrk >/dev/null; fi
fi

if [[ -z "$(ls -A "$INDEX" 2>/dev/null)" ]]; then
    echo "http_load.sh: building the index in $INDEX" >&2
    (cd "$REPO" && "$OURS_BIN" index --corpus corpus/occupations.jsonl --index "$INDEX" >/dev/null)
fi

WORK="$(mktemp -d /tmp/http_load.XXXXXX)"
OURS_PIDFILE="$WORK/ours.pid"
TRIVIAL_PIDFILE="$WORK/trivial.pid"

stop_server() {  # pidfile
    local pidfile="$1" pid
    [[ -s "$pidfile" ]] || return 0
    pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
    rm -f "$pidfile"
}
cleanup() {
    stop_server "$OURS_PIDFILE"
    stop_server "$TRIVIAL_PIDFILE"
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for_port() {  # port pidfile log
    local port="$1" pidfile="$2" log="$3"
    for _ in $(seq 300); do
        if [[ -s "$pidfile" ]] && ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
            echo "http_load.sh: the server for port $port exited:" >&2; cat "$log" >&2; exit 1
        fi
        if port_busy "$port"; then return 0; fi
        sleep 0.1
    done
    echo "http_load.sh: nothing listens on port $port after 30 s" >&2; cat "$log" >&2; exit 1
}

start_servers() {  # threads
    local threads="$1"
    stop_server "$OURS_PIDFILE"
    stop_server "$TRIVIAL_PIDFILE"
    for port in "$OURS_PORT" "$TRIVIAL_PORT"; do
        if port_busy "$port"; then echo "http_load.sh: port $port is already in use (--port)" >&2; exit 1; fi
    done
    (echo "$BASHPID" > "$OURS_PIDFILE"
     exec "$OURS_BIN" serve --index "$INDEX" --host 127.0.0.1 --port "$OURS_PORT") \
         >>"$WORK/ours.log" 2>&1 &
    (echo "$BASHPID" > "$TRIVIAL_PIDFILE"
     exec "$TRIVIAL_BIN" --port "$TRIVIAL_PORT" --threads "$threads") >>"$WORK/trivial.log" 2>&1 &
    wait_for_port "$OURS_PORT" "$OURS_PIDFILE" "$WORK/ours.log"
    wait_for_port "$TRIVIAL_PORT" "$TRIVIAL_PIDFILE" "$WORK/trivial.log"
    # Warm up (not measured): 2 s at 64 connections, so that the pool has opened one engine
    # per worker and the analyzer's word cache holds every query word.
    for port in "$OURS_PORT" "$TRIVIAL_PORT"; do
        wrk -t2 -c64 -d2s -s "$WORK/queries.lua" "http://127.0.0.1:$port" -- "$QUERIES" \
            >"$WORK/warmup.txt" 2>&1 || { cat "$WORK/warmup.txt" >&2; exit 1; }
    done
}

# The wrk script (benchmarks/wrk/queries.lua) cycles through the queries and prints a RESULT line.
cp "$REPO/benchmarks/wrk/queries.lua" "$WORK/queries.lua"

# Check every URL the script builds once with curl: all must answer 200.
wrk_urls() { wrk -t1 -c1 -d1s -s "$WORK/queries.lua" "http://127.0.0.1:$OURS_PORT" -- "$QUERIES" print 2>/dev/null | grep '^/api/' || true; }

run_wrk() {  # port connections keepalive(on|off) threads -> the RESULT line
    local port="$1" conns="$2" ka="$3" threads="$4" out
    local -a header=()
    [[ "$ka" == off ]] && header=(-H "Connection: close")
    out="$WORK/wrk-$port-$conns-$ka.txt"
    # wrk needs connections >= threads: -t1 for one connection.
    wrk -t"$(( conns < 2 ? conns : 2 ))" -c"$conns" -d"${DURATION}s" --timeout 5s --latency "${header[@]}" \
        -s "$WORK/queries.lua" "http://127.0.0.1:$port" -- "$QUERIES" >"$out" 2>&1 || true
    local pidfile="$OURS_PIDFILE" line
    [[ "$port" == "$OURS_PORT" ]] || pidfile="$TRIVIAL_PIDFILE"
    if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
        echo "http_load.sh: the server on port $port DIED during -c$conns keep-alive $ka" \
             "(--threads $threads); its log and dmesg:" >&2
        cat "$WORK/ours.log" "$WORK/trivial.log" >&2
        dmesg 2>/dev/null | tail -3 >&2 || true
        exit 1
    fi
    line="$(grep '^RESULT' "$out" || true)"
    if [[ -z "$line" ]]; then echo "http_load.sh: wrk failed:" >&2; cat "$out" >&2; exit 1; fi
    { echo "=== port $port ($([[ $port == "$OURS_PORT" ]] && echo ours || echo trivial)), --threads $threads, -c$conns, keep-alive $ka"
      cat "$out"; } >>"$WORK/all-wrk.txt"
    echo "$line"
}

field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }
errors() {  # RESULT line -> "-" or "read=3,timeout=1" (connect/read/write/non-2xx status/timeout)
    local out="" k v
    for k in connect read write status timeout; do
        v="$(field "$1" "$k")"
        [[ "$v" != 0 ]] && out+="${out:+,}$k=$v"
    done
    echo "${out:--}"
}

echo "# $(date -u +%FT%TZ)  nproc=$(nproc)  wrk -t2 -d${DURATION}s  queries=$(grep -cv '^\s*\(#\|$\)' "$QUERIES")"
echo "# load average: $(cut -d' ' -f1-3 /proc/loadavg)"

start_servers "$THREADS"
bad=0
while IFS= read -r path; do
    code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$OURS_PORT$path")"
    [[ "$code" == 200 ]] || { echo "http_load.sh: $path -> HTTP $code" >&2; bad=1; }
done < <(wrk_urls)
[[ $bad == 0 ]] || { echo "http_load.sh: some queries fail; fix benchmarks/queries.txt" >&2; exit 1; }

row() {  # label conns ka ours_line trivial_line
    local o="$4" t="$5"
    printf '| %s | %s | %s | %.0f | %.2f | %.2f | %s | %.0f | %.2f | %s | %.0f %% |\n' \
        "$1" "$2" "$3" "$(field "$o" rps)" "$(field "$o" p50_ms)" "$(field "$o" p99_ms)" \
        "$(errors "$o")" "$(field "$t" rps)" "$(field "$t" p99_ms)" "$(errors "$t")" \
        "$(awk -v a="$(field "$o" rps)" -v b="$(field "$t" rps)" 'BEGIN{print (b>0)?100*a/b:0}')"
}
header() {
    echo "| threads | connections | keep-alive | ours req/s | ours p50 ms | ours p99 ms | ours errors | trivial req/s | trivial p99 ms | trivial errors | ours/trivial |"
    echo "|---:|---:|---|---:|---:|---:|---|---:|---:|---|---:|"
}

echo
echo "## Main table (trivial server --threads $THREADS; ours with its defaults)"
header
for conns in $CONNECTIONS; do
    for ka in on off; do
        ours="$(run_wrk "$OURS_PORT" "$conns" "$ka" "$THREADS")"
        trivial="$(run_wrk "$TRIVIAL_PORT" "$conns" "$ka" "$THREADS")"
        row "$THREADS" "$conns" "$ka" "$ours" "$trivial"
    done
done

if [[ -n "$SWEEP" ]]; then
    echo
    echo "## The trivial server's --threads at 64 connections (both servers restarted; ours with its defaults)"
    header
    for threads in $SWEEP; do
        start_servers "$threads"
        for ka in on off; do
            ours="$(run_wrk "$OURS_PORT" 64 "$ka" "$threads")"
            trivial="$(run_wrk "$TRIVIAL_PORT" 64 "$ka" "$threads")"
            row "$threads" 64 "$ka" "$ours" "$trivial"
        done
    done
fi

echo
echo "# load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
if grep -q 'Socket errors\|Non-2xx' "$WORK/all-wrk.txt"; then
    echo "# wrk reported errors:"
    awk '/^===/ {run = $0} /Socket errors|Non-2xx/ {print "#   " run ": " $0}' "$WORK/all-wrk.txt"
fi
for log in "$WORK/ours.log" "$WORK/trivial.log"; do
    if grep -qv 'listening on\|byte body on' "$log"; then
        echo "# $(basename "$log"):"; grep -v 'listening on\|byte body on' "$log" | head -20 | sed 's/^/#   /'
    fi
done
