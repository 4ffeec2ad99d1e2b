#!/usr/bin/env bash
# Writes a generated orders CSV of ROWS rows to FILE (the benchmarks' input), unless FILE exists.
# SHIFT (default 0) changes every amount and nothing else: the same orders, updated, for a merge.
# Usage: bench/orders-csv.sh ROWS FILE [SHIFT]
set -euo pipefail
rows="$1"
file="$2"
shift_by="${3:-0}"
[ -f "$file" ] && exit 0
awk -v n="$rows" -v s="$shift_by" 'BEGIN {
  print "order_id,customer_id,order_ts,amount,currency,status";
  for (i = 1; i <= n; i++) {
    printf "o-%d,c-%d,2026-11-%02dT%02d:%02d:%02dZ,%d.%02d,%s,%s\n", i, i % 50000, 1 + i % 28, i % 24, i % 60, (i * 7) % 60,
           (i * 13 + s) % 5000, i % 100, (i % 3 == 0 ? "USD" : "EUR"), (i % 10 == 0 ? "REFUNDED" : "PAID")
  }
}' > "$file"
