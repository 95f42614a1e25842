#!/usr/bin/env bash
# What a browser's request costs the server: one search answer sent plain, gzip-compressed, as
# a browser asks for it (Accept-Encoding: gzip, deflate, br) and revalidated with
# If-None-Match (304), at 1 and 8 keep-alive connections, with wrk. Give a second binary
# (e.g. a build of an earlier commit) to measure both side by side in one run.
#
# Usage: benchmarks/http_encoding.sh [--duration S] [--index DIR] BIN [OTHER_BIN]
#   BIN, OTHER_BIN  yrkesok binaries (build/bin/yrkesok)
#   --index         index directory; built from corpus/occupations.jsonl if missing
#                   (/tmp/bench-encoding-index)
#   --duration      seconds per wrk run (default 5)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
INDEX=/tmp/bench-encoding-index
DURATION=5
binaries=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --duration) DURATION="$2"; shift ;;
        --index) INDEX="$2"; shift ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) binaries+=("$1") ;;
    esac
    shift
done
[[ ${#binaries[@]} -ge 1 ]] || { echo "http_encoding.sh: give the yrkesok binary to measure" >&2; exit 2; }
command -v wrk >/dev/null || { echo "http_encoding.sh: wrk is not installed (apt install wrk)" >&2; exit 1; }

if [[ ! -e "$INDEX/current" ]]; then
    "${binaries[0]}" index --corpus "$REPO/corpus/occupations.jsonl" --index "$INDEX" >/dev/null
fi
target="/api/search?q=sykepleier"
port=18190

echo "| binary | connections | request | req/s | p50 | p99 | bytes/answer |"
echo "|---|---:|---|---:|---:|---:|---:|"
for bin in "${binaries[@]}"; do
    "$bin" serve --index "$INDEX" --port "$port" --warm-up 400 --web /nonexistent >/dev/null 2>&1 &
    server=$!
    trap 'kill $server 2>/dev/null || true' EXIT
    for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
    sleep 2  # the warm-up
    url="http://127.0.0.1:$port$target"
    etag=$(curl -s -D - -o /dev/null "$url" | tr -d '\r' | sed -n 's/^[Ee][Tt][Aa][Gg]: //p')
    for connections in 1 8; do
        for kind in plain gzip browser revalidate; do
            case "$kind" in
                plain) header="Accept-Encoding: identity" ;;
                gzip) header="Accept-Encoding: gzip" ;;
                browser) header="Accept-Encoding: gzip, deflate, br" ;;
                revalidate) [[ -n "$etag" ]] || continue; header="If-None-Match: $etag" ;;
            esac
            bytes=$(curl -s -o /dev/null -w '%{size_download}' -H "$header" "$url")
            out=$(wrk -t1 -c"$connections" -d"${DURATION}s" --latency -H "$header" "$url")
            rps=$(awk '/Requests\/sec/ {print int($2)}' <<<"$out")
            p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
            p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
            echo "| $bin | $connections | $kind | $rps | $p50 | $p99 | $bytes |"
        done
    done
    kill "$server"; wait "$server" 2>/dev/null || true
    trap - EXIT
    port=$((port + 1))
done
