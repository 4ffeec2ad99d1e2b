#!/usr/bin/env bash
# Cold start of every function against a local moto_server (issue: "Performance"); see bench/cold-start.py.
# Usage: bench/cold-start.sh [RUNS]        Results: stdout (Markdown tables).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# A clean build: target/lambda/lib must hold exactly what the artifact holds, nothing left from earlier builds.
(cd "$root" && ./mvnw -B -q -DskipTests clean install -pl core,aws,functions/validate,functions/submit,functions/track,functions/publish -am)
exec python3 "$root/bench/cold-start.py" "$@"
