#!/usr/bin/env bash
# Pipeline overhead offline (issue: "Performance"): `bin/pipeline-local drop` of a generated orders
# CSV (validate, state machine, job on local Spark, polls, publish) against running the same curate
# job directly with the same JVM flags and class-data archive. RUNS runs each, alternately.
# Usage: bench/drop-overhead.sh [ROWS] [RUNS]        Results: stdout (a Markdown table).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rows="${1:-1000000}"
runs="${2:-3}"
work="$root/bench/results/raw/drop-$rows"
mkdir -p "$work"

# bin/pipeline-local builds what is missing and prepares local Spark's class-data archive.
"$root/bin/pipeline-local" --help > /dev/null
classpath="$root/local/target/pipeline-local-0.1.0-SNAPSHOT.jar:$(cat "$root/local/target/classpath.txt")"
archive="$root/local/target/curate-job.jsa"
[ -f "$archive" ] || { echo "bench: bin/pipeline-local did not prepare $archive" >&2; exit 1; }

input="$work/orders-$rows.csv"
"$root/bench/orders-csv.sh" "$rows" "$input"

# The child JVM flags LocalSparkJob uses: the root pom's spark.java17.opens, as the build wrote it (a java @argfile).
opens="@$root/local/target/classes/dev/sparkpipeline/local/spark/spark-java17.args"
jvm="-XX:SharedArchiveFile=$archive $opens -Xmx2g -XX:+UseParallelGC -Dspark.master=local[*] -Dspark.ui.enabled=false
     -Dspark.sql.shuffle.partitions=4 -Dspark.sql.session.timeZone=UTC -Duser.timezone=UTC"

seconds() { # command...: wall seconds
  local start end
  start=$(date +%s.%N)
  "$@" > "$work/last.log" 2>&1 || { echo "benchmark run failed: $*; see $work/last.log" >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN {printf "%.2f", b - a}'
}

echo "| run | rows | drop (whole pipeline) s | curate job alone s | ratio |"
echo "| --- | ---: | ---: | ---: | ---: |"
for run in $(seq 1 "$runs"); do
  lake="$work/lake-$run"
  rm -rf "$lake" "$work/direct-$run"
  drop=$(seconds "$root/bin/pipeline-local" drop "$input" --dataset orders --lake "$lake" --json)
  grep -q '"status":"SUCCEEDED"' "$work/last.log" || { echo "drop did not succeed; see $work/last.log" >&2; exit 1; }
  direct=$(seconds java $jvm -cp "$classpath" dev.sparkpipeline.curate.CurateJob --input "file://$input" \
      --output "file://$work/direct-$run/" --dataset orders --run-id "direct-$run")
  echo "| $run | $rows | $drop | $direct | $(awk -v a="$drop" -v b="$direct" 'BEGIN {printf "%.2f", a / b}') |"
done
