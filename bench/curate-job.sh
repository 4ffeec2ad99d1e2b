#!/usr/bin/env bash
# Benchmark of the curate job in local mode, writing its Iceberg table (issues "The Spark job and
# publishing" and "Curated data as Apache Iceberg tables"). Generates two 1,000,000-row orders CSVs
# (the same orders; the second with every amount changed), then runs, RUNS times each, in turn:
#   plain:  a plain Spark read-cast-write of the first file as Parquet (bench/PlainSparkCopy.java)
#   append: CurateJob, the orders dataset without a key: every row appended to a new table
#   merge:  CurateJob, the orders dataset keyed by order_id: the first file into a new table, then
#           the second file MERGEd into that 1,000,000-row table (the second run is timed as "merge")
#   parquet (only with BASELINE_CLASSPATH set): an earlier build's CurateJob, which wrote plain
#           Parquet partitions, on the first file
# All on Spark local[*] with the same JVM flags; reports wall time, rows/s and peak RSS.
# Usage: [BASELINE_CLASSPATH=...] bench/curate-job.sh [ROWS] [RUNS]     Results: stdout (Markdown).
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

first="$work/orders-$rows.csv"
second="$work/orders-$rows-updated.csv"
"$root/bench/orders-csv.sh" "$rows" "$first"
"$root/bench/orders-csv.sh" "$rows" "$second" 7

# The orders dataset as config/datasets.json has it but partitioned by ingest_date, as the earlier
# Parquet job wrote it (one partition, like for like), keyed (merge) and without its key (append).
keyed="$work/datasets-merge.json"
unkeyed="$work/datasets-append.json"
python3 - "$root/config/datasets.json" "$keyed" "$unkeyed" <<'PY'
import json, sys
config = json.load(open(sys.argv[1]))
config["datasets"]["orders"]["partitionBy"] = ["ingest_date"]
json.dump(config, open(sys.argv[2], "w"), indent=2)
del config["datasets"]["orders"]["key"]
json.dump(config, open(sys.argv[3], "w"), indent=2)
PY

# The child JVM flags LocalSparkJob uses: the root pom's spark.java17.opens, as the build wrote it (a java @argfile).
opens="@$root/local/target/classes/dev/sparkpipeline/local/spark/spark-java17.args"
jvm="$opens -Xmx2g -XX:+UseParallelGC -Dspark.master=local[*] -Dspark.ui.enabled=false -Dspark.sql.shuffle.partitions=4 -Duser.timezone=UTC"
iceberg() { # warehouse: the Hadoop catalog the local runner gives the job (IcebergCatalog.hadoop)
  echo "-Dspark.sql.extensions=org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions" \
       "-Dspark.sql.catalog.lake=org.apache.iceberg.spark.SparkCatalog -Dspark.sql.catalog.lake.type=hadoop" \
       "-Dspark.sql.catalog.lake.lock-impl=dev.sparkpipeline.curate.table.FolderLockManager" \
       "-Dspark.sql.iceberg.vectorization.enabled=false -Dspark.sql.catalog.lake.warehouse=file://$1"
}

measure() { # name, command...: prints "seconds peak_kb"
  local name=$1; shift
  local log="$work/$name.log"
  /usr/bin/time -v "$@" > "$log" 2>&1 || { echo "benchmark run $name failed; see $log" >&2; exit 1; }
  local wall peak
  wall=$(grep "Elapsed (wall clock)" "$log" | awk '{print $NF}' | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
  peak=$(grep "Maximum resident set size" "$log" | awk '{print $NF}')
  echo "$wall $peak"
}
row() { # run, tool, wall, peak
  echo "| $1 | $2 | $3 | $(awk -v r="$rows" -v s="$3" 'BEGIN {printf "%.0f", r / s}') | $(($4 / 1024)) |"
}
curate() { # name, warehouse, config, input, run id
  measure "$1" java $jvm $(iceberg "$2") -cp "$classpath" dev.sparkpipeline.curate.CurateJob \
      --input "file://$4" --output "file://$2/orders" --dataset orders --run-id "$5" --table orders \
      --compact-every 0 --datasets-config "$3"
}

echo "| run | tool | wall s | rows/s | peak RSS MiB |"
echo "| --- | --- | ---: | ---: | ---: |"
for run in $(seq 1 "$runs"); do
  rm -rf "$work/plain-$run"
  read -r wall peak < <(measure "plain-$run" java $jvm -cp "$classpath" "$root/bench/PlainSparkCopy.java" \
      "file://$first" "file://$work/plain-$run")
  row "$run" "plain Spark (Parquet)" "$wall" "$peak"
  if [ -n "${BASELINE_CLASSPATH:-}" ]; then
    rm -rf "$work/parquet-$run"
    read -r wall peak < <(measure "parquet-$run" java $jvm -cp "$BASELINE_CLASSPATH" dev.sparkpipeline.curate.CurateJob \
        --input "file://$first" --output "file://$work/parquet-$run" --dataset orders --run-id "bench-$run")
    row "$run" "earlier curate (Parquet partitions)" "$wall" "$peak"
  fi
  rm -rf "$work/append-$run"
  read -r wall peak < <(curate "append-$run" "$work/append-$run" "$unkeyed" "$first" "append-$run")
  row "$run" "curate, append to a new table" "$wall" "$peak"
  rm -rf "$work/merge-$run"
  read -r wall peak < <(curate "first-$run" "$work/merge-$run" "$keyed" "$first" "first-$run")
  row "$run" "curate, merge into a new table" "$wall" "$peak"
  read -r wall peak < <(curate "merge-$run" "$work/merge-$run" "$keyed" "$second" "merge-$run")
  row "$run" "curate, merge into the $rows-row table" "$wall" "$peak"
done
