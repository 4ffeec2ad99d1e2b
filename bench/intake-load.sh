#!/usr/bin/env bash
# Intake at volume (issue 19): 3,000 files an hour for 2 hours and a burst of 5,000 files in one
# minute, batched and one execution per file, on EMR Serverless and Glue. The real validate and
# batcher functions, the real state machine on the local interpreter and its functions in-process,
# on a virtual clock, against engines with capacity and start latency (docs/benchmarks.md says what
# is measured and what is modelled).
# Usage: bench/intake-load.sh [--quick] [--only=TEXT]
# Results: one line per scenario on stdout; the detail and the issue's targets on stderr.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# Compiled offline with its modules (-am), never installed: ~/.m2 stays as it is.
./mvnw -B -q -o -pl local -am -DskipTests test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test >&2
classpath="$root/local/target/test-classes:$root/local/target/classes:$(cat "$root/local/target/bench-classpath.txt")"
exec java -Xss512k -cp "$classpath" -Dpipeline.root="$root" dev.sparkpipeline.local.bench.IntakeLoad "$@"
