#!/usr/bin/env bash
# Query throughput of two builds of the engine in one run, for ratios: the judged queries in a
# loop against each build in-process (peer_bench --system engine) and over HTTP (yrkesok
# serve), at 1 and 8 clients, with PostgreSQL (libpq) on the same queries as the common
# reference. The builds alternate, and every configuration runs --rounds times, so a change in
# the machine's load hits both alike. Prints one JSON object per run.
#
#   benchmarks/throughput_ab.sh OLD_BUILD_DIR NEW_BUILD_DIR [--seconds S] [--rounds N]
#
# Each build directory needs bin/yrkesok and benchmarks/peer_bench (configure with
# -DYRKESOK_BUILD_BENCHMARKS=ON). The index is built once, by the new build, from the bundled
# corpus. The new build also runs in-process with --no-facets (the old one may not know the
# option). Needs the postgresql package (scripts/install-deps).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ $# -ge 2 ] || { sed -n '2,14p' "$0"; exit 2; }
old=$1 new=$2
shift 2
seconds=5
rounds=2
while [ $# -gt 0 ]; do
  case $1 in
    --seconds) seconds=$2; shift ;;
    --rounds) rounds=$2; shift ;;
    *) echo "throughput_ab.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
for b in "$old" "$new"; do
  for f in bin/yrkesok benchmarks/peer_bench; do
    [ -x "$b/$f" ] || { echo "throughput_ab.sh: $b/$f is missing" >&2; exit 2; }
  done
done

queries=benchmarks/relevance/queries.tsv
work=$(mktemp -d /tmp/yrkesok-ab-XXXXXX)
chmod 755 "$work"
pids=()
source benchmarks/peers/pg.sh
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
  pg_stop "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT

"$new/bin/yrkesok" index --corpus corpus/occupations.jsonl --index "$work/index" >/dev/null 2>&1
python3 benchmarks/peers/rows.py pg-csv corpus/occupations.jsonl "$work/occupations.csv"
pg_start "$work/pg"
pg_load "$work/occupations.csv" >/dev/null

# One server per build, started now so both finish warming before the first load run.
declare -A port
for label in old new; do
  dir=$old
  [ $label = new ] && dir=$new
  port[$label]=$(pg_free_port)
  "$dir/bin/yrkesok" serve --index "$work/index" --port "${port[$label]}" --threads 16 \
    >"$work/serve-$label.log" 2>&1 &
  pids+=($!)
done
for label in old new; do
  for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:${port[$label]}/health" >/dev/null 2>&1 && break
    sleep 0.2
  done
done
sleep 2

tag() { python3 -c 'import json,sys; d=json.load(sys.stdin); d.pop("slowest",None); d["build"]=sys.argv[1]; d["round"]=int(sys.argv[2]); print(json.dumps(d))' "$@"; }
for round in $(seq "$rounds"); do
  for clients in 1 8; do
    "$new/benchmarks/peer_bench" --system postgres --label postgres --conninfo "$PG_CONNINFO" \
      --queries "$queries" --clients $clients --seconds "$seconds" | tag postgres "$round"
    for label in old new; do
      dir=$old
      [ $label = new ] && dir=$new
      "$dir/benchmarks/peer_bench" --system engine --label in-process --index "$work/index" \
        --queries "$queries" --clients $clients --seconds "$seconds" | tag $label "$round"
      "$dir/benchmarks/peer_bench" --system http --label http --port "${port[$label]}" \
        --queries "$queries" --clients $clients --seconds "$seconds" | tag $label "$round"
    done
    "$new/benchmarks/peer_bench" --system engine --label in-process-no-facets \
      --no-facets --index "$work/index" --queries "$queries" --clients $clients \
      --seconds "$seconds" | tag new "$round"
  done
done
