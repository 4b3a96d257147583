#!/usr/bin/env bash
# Runs ./mvnw verify N times (default 3) in a row while a busy loop keeps one core at 100 %.
# Stops at the first failing run. Logs in target/stress/run-K.log.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-3}"
mkdir -p target/stress

# One core busy for as long as this script runs (a shell loop, niced like nothing: a real load).
( while :; do :; done ) &
burner=$!
trap 'kill "$burner" 2>/dev/null || true' EXIT

for k in $(seq 1 "$runs"); do
  start=$(date +%s)
  if ./mvnw -B --no-transfer-progress verify > "target/stress/run-$k.log" 2>&1; then
    echo "run $k of $runs: passed in $(( $(date +%s) - start )) s"
  else
    echo "run $k of $runs: FAILED after $(( $(date +%s) - start )) s; see target/stress/run-$k.log" >&2
    grep -E 'Tests run:.*(Failures: [1-9]|Errors: [1-9])|FAILURE!' "target/stress/run-$k.log" | head -20 >&2 || true
    exit 1
  fi
done
echo "all $runs runs passed with one core busy"
