#!/usr/bin/env bash
# Orchestration cost (issue: "Performance"): the real state machine on the local interpreter with a
# virtual clock, the template's submit and track functions in-process, against a simulated job of
# 1 min, 10 min, 1 h, 12 h and 7 days; next to a fixed 30-second loop and the documented EMR .sync
# polling; then the GetJobRun rate of 1,000 jobs started together.
# Usage: bench/orchestration-cost.sh          Results: stdout (Markdown tables), in seconds of CPU.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -f "$root/local/target/classpath.txt" ] || [ ! -d "$root/local/target/test-classes/dev/sparkpipeline/local/bench" ]; then
  (cd "$root" && ./mvnw -B -q -DskipTests install)
fi
classpath="$root/local/target/test-classes:$root/local/target/classes:$(cat "$root/local/target/classpath.txt")"
cd "$root"
exec java -cp "$classpath" -Dpipeline.root="$root" dev.sparkpipeline.local.bench.OrchestrationCost
