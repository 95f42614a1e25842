#!/usr/bin/env bash
# /api/search over 1, 8 and 64 keep-alive connections for one or more `yrkesok` binaries on the
# same index, in alternating rounds (this machine is shared and noisy: compare within a round).
# Per binary and connection count: requests/s, p50 and p99 (wrk, cycling benchmarks/queries.txt
# through benchmarks/wrk/queries.lua, facets and snippets as the defaults give), and, when
# `perf` is installed, the server's CPU time and context switches over the same seconds.
#
# Usage: benchmarks/connections_ab.sh --index DIR [--rounds N] [--duration S] [--conns "1 8 64"]
#                                     BIN [BIN...]
#   The index must have been built by the binaries' analyzer version (`yrkesok index`).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
INDEX=""
ROUNDS=2
DURATION=5
CONNS="1 8 64"
PORT=18111
BINS=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --index) INDEX="$2"; shift ;;
        --rounds) ROUNDS="$2"; shift ;;
        --duration) DURATION="$2"; shift ;;
        --conns) CONNS="$2"; shift ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "connections_ab.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
        *) BINS+=("$1") ;;
    esac
    shift
done
[[ -n "$INDEX" && ${#BINS[@]} -gt 0 ]] || { echo "connections_ab.sh: need --index DIR and a binary (see --help)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "connections_ab.sh: wrk is missing (apt install wrk)" >&2; exit 1; }

SCRIPT="$REPO/benchmarks/wrk/queries.lua"
QUERIES="$REPO/benchmarks/queries.txt"
WORK="$(mktemp -d /tmp/connections_ab.XXXXXX)"
server=""
trap '[[ -n "$server" ]] && kill "$server" 2>/dev/null; rm -rf "$WORK"' EXIT

for round in $(seq "$ROUNDS"); do
    for bin in "${BINS[@]}"; do
        "$bin" serve --index "$INDEX" --host 127.0.0.1 --port "$PORT" >"$WORK/serve.log" 2>&1 &
        server=$!
        for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.2; done
        # Warm-up: every worker's first requests and the word cache.
        wrk -t2 -c64 -d2s -s "$SCRIPT" "http://127.0.0.1:$PORT" -- "$QUERIES" >/dev/null
        for c in $CONNS; do
            stat=""
            if command -v perf >/dev/null; then
                perf stat -e context-switches,task-clock -p "$server" -o "$WORK/stat" -- sleep "$DURATION" 2>/dev/null &
                stat=$!
            fi
            line=$(wrk -t"$(( c < 2 ? c : 2 ))" -c"$c" -d"${DURATION}s" -s "$SCRIPT" \
                "http://127.0.0.1:$PORT" -- "$QUERIES" | grep '^RESULT' | cut -d' ' -f4-6)
            extra=""
            if [[ -n "$stat" ]]; then
                wait "$stat" || true
                extra=" server_cpu_ms=$(awk '/task-clock/{print $1}' "$WORK/stat") context_switches=$(awk '/context-switches/{print $1}' "$WORK/stat")"
            fi
            echo "round=$round bin=$bin connections=$c $line$extra"
        done
        kill "$server"; wait "$server" 2>/dev/null || true; server=""
    done
done
