#!/usr/bin/env bash
# Shard + merge overhead: one-machine `cipin TABLE` against N shards run one
# after another (`--shard I/N -o part-I.parquet`) and `cipin merge`, paired
# and alternating, ROUNDS rounds; the outputs are checked identical.
#
#   bash bench/shard_merge.sh [CORPUS] [N] [ROUNDS] [TABLE]
#   (default: ../shared/corpora/laws_lawrefbook, 4 shards, 3 rounds, freq)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CORPUS=${1:-$ROOT/../shared/corpora/laws_lawrefbook}
N=${2:-4}
ROUNDS=${3:-3}
TABLE=${4:-freq}
BIN=${CIPIN_BIN:-${CARGO_TARGET_DIR:-$HOME/.cache/cipin/target}/release/cipin}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
now() { date +%s.%N; }
echo "corpus $CORPUS, $N shards, $TABLE, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$ROUNDS"); do
  t0=$(now)
  "$BIN" "$TABLE" "$CORPUS" -q -o "$OUT/one.csv"
  t1=$(now)
  shards=()
  for i in $(seq 0 $((N - 1))); do
    s0=$(now)
    "$BIN" "$TABLE" "$CORPUS" -q --shard "$i/$N" -o "$OUT/part-$i.parquet"
    shards+=("$(echo "$(now) - $s0" | bc)")
  done
  t2=$(now)
  "$BIN" merge -q -o "$OUT/merged.csv" "$OUT"/part-*.parquet
  t3=$(now)
  cmp -s "$OUT/one.csv" "$OUT/merged.csv" || { echo "round $r: outputs differ" >&2; exit 1; }
  printf 'round %d: one machine %.2f s | %d shards %.2f s (each: %s) + merge %.2f s = %.2f s (%.2fx) | parts %s\n' \
    "$r" "$(echo "$t1 - $t0" | bc)" "$N" "$(echo "$t2 - $t1" | bc)" "${shards[*]}" \
    "$(echo "$t3 - $t2" | bc)" "$(echo "$t3 - $t1" | bc)" "$(echo "($t3 - $t1) / ($t1 - $t0)" | bc -l)" \
    "$(du -ch "$OUT"/part-*.parquet | tail -1 | cut -f1)"
done
