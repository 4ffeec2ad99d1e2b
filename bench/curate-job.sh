#!/usr/bin/env bash
# Benchmark of the curate job in local mode (issue: "The Spark job and publishing").
# Generates a 1,000,000-row orders CSV, then runs, alternately and RUNS times each:
#   curate: the pipeline's CurateJob (schema, rejects, dedupe, lineage, staging, manifest)
#   plain:  a plain Spark read-cast-write of the same file (bench/PlainSparkCopy.java)
# Both on Spark local[*] with the same JVM flags; reports wall time, rows/s and peak RSS.
# Usage: bench/curate-job.sh [ROWS] [RUNS]        Results: stdout (a Markdown table).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${1:-1000000}"
runs="${2:-3}"
work="$root/bench/results/raw"
mkdir -p "$work"

if [ ! -f "$root/local/target/classpath.txt" ]; then
  (cd "$root" && ./mvnw -B -q -DskipTests install)
fi
classpath="$root/local/target/pipeline-local-0.1.0-SNAPSHOT.jar:$(cat "$root/local/target/classpath.txt")"

input="$work/orders-$rows.csv"
"$root/bench/orders-csv.sh" "$rows" "$input"

# The child JVM flags LocalSparkJob uses: the root pom's spark.java17.opens, as the build wrote it (a java @argfile).
opens="@$root/local/target/classes/dev/sparkpipeline/local/spark/spark-java17.args"
jvm="$opens -Xmx2g -XX:+UseParallelGC -Dspark.master=local[*] -Dspark.ui.enabled=false -Dspark.sql.shuffle.partitions=4 -Duser.timezone=UTC"

measure() { # name, command...: prints "seconds peak_kb"
  local name=$1; shift
  local log="$work/$name.log"
  /usr/bin/time -v "$@" > "$log" 2>&1 || { echo "benchmark run $name failed; see $log" >&2; exit 1; }
  local wall peak
  wall=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}' | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
  peak=$(grep "Maximum resident set size" "$log" | awk '{print $NF}')
  echo "$wall $peak"
}

echo "| run | tool | wall s | rows/s | peak RSS MiB |"
echo "| --- | --- | ---: | ---: | ---: |"
for run in $(seq 1 "$runs"); do
  out="$work/curated-$run"
  rm -rf "$out"
  read -r wall peak < <(measure "curate-$run" java $jvm -cp "$classpath" dev.sparkpipeline.curate.CurateJob \
      --input "file://$input" --output "file://$out" --dataset orders --run-id "bench-$run")
  written=$(grep '^CURATE_MANIFEST ' "$work/curate-$run.log" | sed 's/.*"out":\([0-9]*\).*/\1/')
  echo "| $run | curate (rows out: $written) | $wall | $(awk -v r="$rows" -v s="$wall" 'BEGIN {printf "%.0f", r / s}') | $((peak / 1024)) |"
  rm -rf "$work/plain-$run"
  read -r wall peak < <(measure "plain-$run" java $jvm -cp "$classpath" "$root/bench/PlainSparkCopy.java" \
      "file://$input" "file://$work/plain-$run")
  echo "| $run | plain Spark | $wall | $(awk -v r="$rows" -v s="$wall" 'BEGIN {printf "%.0f", r / s}') | $((peak / 1024)) |"
done
