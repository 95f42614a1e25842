#!/usr/bin/env bash
# Indexing at scale: generates synthetic corpora of 10k and 100k records (and 1M with --full)
# with benchmarks/generate_corpus.py, builds a fresh index of each with `yrkesok index` under
# /usr/bin/time -v, and prints throughput, index size and peak memory.
#
#   benchmarks/index_scale.sh [--full] [--sizes "10000 30000"] [--binary build/bin/yrkesok]
#                             [--work /tmp/yrkesok-scale] [--seed 1] [--keep]
#
# Run from the repository root. Generated corpora are kept in the work directory and reused
# when they already have the right number of lines; indexes are removed unless --keep.
#
# Columns:
#   docs/s index   documents / the indexer's own timer (analysis + Xapian writes + commit;
#                  excludes reading/validating the corpus and loading the dictionaries)
#   docs/s wall    documents / wall-clock time of the whole command
#   docs/cpu-s     documents / (user + sys CPU seconds) of the whole command: the per-core rate
#   peak RSS       "Maximum resident set size" from /usr/bin/time -v
#   index size     size on disk of the new generation (as reported by the indexer)
set -euo pipefail

sizes="10000 100000"
binary="build/bin/yrkesok"
work="/tmp/yrkesok-scale"
seed=1
keep=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --full) sizes="10000 100000 1000000"; shift ;;
    --sizes) sizes="$2"; shift 2 ;;
    --binary) binary="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "index_scale.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

if [[ ! -f corpus/occupations.jsonl ]]; then
  echo "index_scale.sh: run from the repository root" >&2; exit 2
fi
if [[ ! -x "$binary" ]]; then
  echo "index_scale.sh: $binary is not built (cmake --build BUILD --target yrkesok)" >&2; exit 2
fi
timer=/usr/bin/time
if [[ ! -x $timer ]]; then
  echo "index_scale.sh: $timer missing; installing the Debian package 'time'" >&2
  apt-get install -y time >/dev/null || { echo "index_scale.sh: cannot install time" >&2; exit 2; }
fi

# Writes $1 records to $2. Above 250,000 records the generator runs as parallel chunks of
# 250,000 (seed, seed+1, ...; numbered on from each other, so ids stay unique); the first chunk
# is the same as a smaller corpus of the same seed.
generate() {
  local n=$1 out=$2 chunk=250000 first=1 k=0 count
  local pids=() parts=()
  while (( first <= n )); do
    count=$(( n - first + 1 < chunk ? n - first + 1 : chunk ))
    python3 benchmarks/generate_corpus.py --source corpus/occupations.jsonl \
      --count "$count" --seed "$(( seed + k ))" --first "$first" >"$out.part$k" &
    pids+=($!)
    parts+=("$out.part$k")
    first=$(( first + count ))
    k=$(( k + 1 ))
  done
  for pid in "${pids[@]}"; do
    wait "$pid" || { echo "index_scale.sh: the corpus generator failed" >&2; exit 1; }
  done
  cat "${parts[@]}" >"$out.tmp"
  rm -f "${parts[@]}"
  mv "$out.tmp" "$out"
}

mkdir -p "$work"
echo "# $(date -u +%FT%TZ)  $(nproc) CPUs  $(free -g | awk '/^Mem:/ {print $2 " GiB"}') RAM  binary $binary"
printf '%-9s %12s %12s %12s %12s %12s %12s %10s\n' \
  records corpus_MB index_s docs/s_index docs/s_wall docs/cpu-s peak_RSS_MiB index_MiB

for n in $sizes; do
  corpus="$work/corpus-$n-seed$seed.jsonl"
  if [[ ! -f $corpus ]] || [[ $(wc -l <"$corpus") -ne $n ]]; then
    echo "generating $n records -> $corpus" >&2
    generate "$n" "$corpus"
  fi
  index="$work/index-$n"
  rm -rf "$index"
  sync
  "$timer" -v "$binary" index --corpus "$corpus" --vocab corpus --synonyms corpus/synonyms.tsv \
    --index "$index" --json >"$work/stats-$n.json" 2>"$work/time-$n.txt" || {
      echo "index_scale.sh: indexing $n records failed; see $work/time-$n.txt" >&2
      tail -5 "$work/time-$n.txt" >&2; exit 1; }
  python3 - "$n" "$corpus" "$work/stats-$n.json" "$work/time-$n.txt" <<'EOF'
import json, os, re, sys
n, corpus, stats_file, time_file = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
stats = json.load(open(stats_file))
t = open(time_file).read()
def field(name):
    return re.search(re.escape(name) + r":\s*(.+)", t).group(1).strip()
wall = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
parts = [float(p) for p in wall.split(":")]
wall_s = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
rss_mib = int(field("Maximum resident set size (kbytes)")) / 1024
assert stats["documents"] == n, stats
print(f"{n:<9d} {os.path.getsize(corpus) / 1e6:12.1f} {stats['seconds']:12.1f} "
      f"{n / stats['seconds']:12.0f} {n / wall_s:12.0f} {n / cpu:12.0f} {rss_mib:12.0f} "
      f"{stats['bytes'] / 2**20:10.0f}")
EOF
  [[ $keep -eq 1 ]] || rm -rf "$index"
done
