#!/usr/bin/env bash
# Memory of N concurrent timers (interval 1 s), platform threads on JDK 17 and 25, virtual threads
# on JDK 25, RUNS runs each, fixed heap bound; prints the median of each figure with its min..max.
#
#   bench/jmh/run-timer-memory.sh            # N=10000, RUNS=3, about 2 minutes
#   N=2000 RUNS=5 bench/jmh/run-timer-memory.sh
#
# Each run is a fresh JVM (dev.oslo.bench.TimerMemory); raw output goes to
# bench/jmh/results/memory-<UTC timestamp>/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")"

JDK17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
N=${N:-10000}
RUNS=${RUNS:-3}
# the heap is fixed and touched up front, so that the RSS delta is native memory (thread stacks and
# the JVM's per-thread structures), not heap pages that the GC happened to touch; the heap's share
# is the heap-used delta. HEAP="-Xms64m -Xmx1g" shows RSS with a growing heap instead.
HEAP=${HEAP:-"-Xms1g -Xmx1g -XX:+AlwaysPreTouch"}
JAR=target/benchmarks.jar

if [[ ! -f $JAR ]]; then
  JAVA_HOME=$JDK17 mvn -B -ntp -q package
fi

out=results/memory-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  N=$N RUNS=$RUNS heap: $HEAP"
  echo "nproc: $(nproc); ulimit -u: $(ulimit -u); threads-max: $(cat /proc/sys/kernel/threads-max);" \
    "vm.max_map_count: $(cat /proc/sys/vm/max_map_count); pid_max: $(cat /proc/sys/kernel/pid_max)"
  echo "loadavg at start: $(cat /proc/loadavg)"
} | tee "$out/machine.txt"

: > "$out/results.txt"
for config in "17 platform" "25 platform" "25 virtual"; do
  read -r jdk mode <<< "$config"
  if [[ $jdk == 17 ]]; then java=$JDK17/bin/java; else java=$JDK25/bin/java; fi
  for run in $(seq 1 "$RUNS"); do
    log=$out/jdk$jdk-$mode-$run.txt
    echo "== JDK $jdk, $mode threads, $N timers, run $run"
    # shellcheck disable=SC2086
    if ! "$java" $HEAP -cp $JAR dev.oslo.bench.TimerMemory "$mode" "$N" > "$log" 2>&1; then
      echo "   failed (exit $?):"; sed 's/^/   /' "$log" | tail -5
    fi
    grep -E '^(RESULT|FAILED)' "$log" | tee -a "$out/results.txt" | cut -c1-160
  done
done
echo "loadavg at end: $(cat /proc/loadavg)" | tee -a "$out/machine.txt"

python3 - "$out/results.txt" <<'PY' | tee "$out/summary.txt"
import statistics, sys
rows = {}
failed = []
for line in open(sys.argv[1]):
    kind, *pairs = line.split()
    kv = dict(p.split("=", 1) for p in pairs)
    if kind == "FAILED":
        failed.append(line.strip())
        continue
    kv["otherRssDeltaMiB"] = str(float(kv["rssDeltaMiB"]) - float(kv["stackRssDeltaMiB"]))
    rows.setdefault((kv["java"], kv["mode"]), []).append(kv)
fields = [("heapDeltaMiB", "heap used delta (MiB)"), ("heapCommittedDeltaMiB", "heap committed delta (MiB)"), ("heapPerTimerKiB", "heap per timer (KiB)"),
          ("rssBeforeMiB", "RSS before (MiB)"), ("rssAfterMiB", "RSS after (MiB)"),
          ("rssDeltaMiB", "RSS delta (MiB)"), ("stackRssDeltaMiB", "  of which stacks (MiB)"),
          ("otherRssDeltaMiB", "  of which other (MiB)"), ("rssPerTimerKiB", "RSS per timer (KiB)"),
          ("stackMappingsAfter", "stack mappings after"), ("osThreadsAfter", "OS threads after"), ("jmxThreadsAfter", "JMX threads after"),
          ("liveTimerThreads", "live timer threads"), ("vmSizeDeltaMiB", "VmSize delta (MiB)"),
          ("addMs", "adding N timers (ms)"), ("stopMs", "stop(true) (ms)"),
          ("cpuUsPerTick", "CPU per tick (us)")]
configs = sorted(rows)
print(f"median (min..max) of {max(len(v) for v in rows.values()) if rows else 0} runs")
print(f"{'':<27}" + "".join(f"{'JDK ' + j + ' ' + m:>28}" for j, m in configs))
med = {}
for key, label in fields:
    cells = []
    for c in configs:
        vals = [float(r[key]) for r in rows[c]]
        med[(c, key)] = statistics.median(vals)
        fmt = "{:.0f}" if all(x == int(x) for x in vals) else "{:.1f}"
        cells.append(fmt.format(statistics.median(vals)) + " (" + fmt.format(min(vals)) + ".." + fmt.format(max(vals)) + ")")
    print(f"{label:<27}" + "".join(f"{x:>28}" for x in cells))
v, p = ("25", "virtual"), ("25", "platform")
if v in rows and p in rows:
    for key, label in [("heapDeltaMiB", "heap delta"), ("rssDeltaMiB", "RSS delta"), ("cpuUsPerTick", "CPU per tick")]:
        print(f"virtual / platform on JDK 25, {label}: {med[(v, key)] / med[(p, key)]:.2f}")
    total = lambda c: med[(c, "heapDeltaMiB")] + med[(c, "rssDeltaMiB")] - med[(c, "heapCommittedDeltaMiB")]
    print(f"virtual / platform on JDK 25, heap used + native (RSS - heap committed) delta: {total(v) / total(p):.2f}")
for f in failed:
    print(f)
PY
echo "raw results in bench/jmh/$out"
