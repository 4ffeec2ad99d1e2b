#!/usr/bin/env bash
# Many small files at once (issue 19): `bin/pipeline-local drop` of a folder of FILES small orders
# CSVs (batched into one execution by the orders dataset's batch policy) against the drop of one of
# them alone. Target: the folder at most 3x the single file's wall time. RUNS runs each, alternately.
# Usage: bench/many-files.sh [FILES] [RUNS]        Results: stdout (a Markdown table).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
files="${1:-200}"
runs="${2:-3}"
work="$root/bench/results/raw/many-files-$files"
rm -rf "$work"
mkdir -p "$work/many"

# bin/pipeline-local builds what is missing and prepares local Spark's class-data archive.
"$root/bin/pipeline-local" --help > /dev/null

# FILES orders CSVs of 20 rows each, every order id distinct.
for i in $(seq 1 "$files"); do
  {
    echo "order_id,customer_id,order_ts,amount,currency,status"
    for r in $(seq 1 20); do
      echo "o-$i-$r,c-$((r % 7)),2026-11-22T10:$(printf %02d $((r % 60))):00Z,$r.50,EUR,paid"
    done
  } > "$work/many/orders-$(printf %04d "$i").csv"
done
cp "$work/many/orders-0001.csv" "$work/one.csv"

seconds() { # command...: wall seconds
  local start end
  start=$(date +%s.%N)
  # stdout alone is the --json document; the run's log goes to its own file.
  "$@" > "$work/last.out" 2> "$work/last.err" || { echo "benchmark run failed: $*; see $work/last.err" >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}'
}

echo "| run | one file s | $files files s | ratio | executions for $files |"
echo "| --- | ---: | ---: | ---: | ---: |"
for run in $(seq 1 "$runs"); do
  rm -rf "$work/lake-one-$run" "$work/lake-many-$run"
  one=$(seconds "$root/bin/pipeline-local" drop "$work/one.csv" --dataset orders --lake "$work/lake-one-$run")
  many=$(seconds "$root/bin/pipeline-local" drop "$work/many" --dataset orders --lake "$work/lake-many-$run" --json)
  executions=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["executions"]))' "$work/last.out")
  ratio=$(awk -v a="$one" -v b="$many" 'BEGIN {printf "%.2f", b / a}')
  echo "| $run | $one | $many | $ratio | $executions |"
done
