#!/usr/bin/env bash
# Measures the container's start: runs `bin/ifw --exec "echo"` RUNS times (default 10) with
# -Difw.startup.timings=true and prints the median, the lowest and the highest figure of each
# phase, of "IFW ready" and of the whole process's wall time.
#
#   benchmarks/start/measure-start.sh [RUNS] [PROFILE]
#
# Build the distribution first (./mvnw -pl distribution -am package -DskipTests). Each run gets
# a fresh data folder (IFW_DATA), so no run profits from another's journal or logs.
set -euo pipefail
runs="${1:-10}"
profile="${2:-}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
home="$(ls -d "$root"/distribution/target/ifw-*/ 2>/dev/null | head -1)"
if [ -z "$home" ] || [ ! -x "$home/bin/ifw" ]; then
  echo "measure-start: no built container in distribution/target; run ./mvnw -pl distribution -am package -DskipTests" >&2
  exit 2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
args=()
[ -n "$profile" ] && args=(--profile "$profile")

for i in $(seq 1 "$runs"); do
  rm -rf "$work/data"
  begin=$(date +%s%N)
  IFW_DATA="$work/data" IFW_JAVA_OPTS="-Difw.startup.timings=true ${IFW_JAVA_OPTS:-}" \
    "$home/bin/ifw" "${args[@]}" --exec "echo" > "$work/run-$i.txt" 2>&1
  end=$(date +%s%N)
  echo "wall $(( (end - begin) / 1000000 ))" >> "$work/run-$i.txt"
done

python3 - "$work" "$runs" <<'PY'
import re, statistics, sys
work, runs = sys.argv[1], int(sys.argv[2])
figures = {}
order = []
def add(name, value):
    if name not in figures:
        figures[name] = []
        order.append(name)
    figures[name].append(value)
for i in range(1, runs + 1):
    text = open(f"{work}/run-{i}.txt").read()
    ready = re.search(r"IFW ready: (\d+) bundles active in (\d+) ms", text)
    if not ready:
        sys.exit(f"measure-start: run {i} did not reach 'IFW ready':\n{text}")
    # a container without -Difw.startup.timings (or from before it) gives only the two last figures
    section = text.split("IFW start timings (ms):", 1)[1].split("slowest bundle starts:", 1)[0] if "IFW start timings" in text else ""
    for line in section.splitlines():
        m = re.match(r"\s+(.*?)\s+([\d.]+)$", line)
        if m:
            add(m.group(1), float(m.group(2)))
    add('"IFW ready" (as printed)', float(ready.group(2)))
    add("wall time of the process (start to exit)", float(re.search(r"wall (\d+)", text).group(1)))
print(f"{runs} runs, bundles active: {ready.group(1)}")
print(f"{'phase':58} {'median':>8} {'min':>8} {'max':>8}")
for name in order:
    values = figures[name]
    print(f"{name:58} {statistics.median(values):8.0f} {min(values):8.0f} {max(values):8.0f}")
PY
