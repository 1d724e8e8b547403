#!/usr/bin/env bash
# Runs the JMH timer benchmarks on JDK 17 (platform threads only: virtual threads need 21+) and on
# JDK 25 (platform and virtual), then prints a summary with ratios.
#
#   bench/jmh/run-jmh.sh                 # -f 1 -wi 3 -i 5, about 4 minutes on 2 cores
#   JMH_OPTS="-f 2 -wi 5 -i 10" bench/jmh/run-jmh.sh
#   JDK17=/path/to/jdk17 JDK25=/path/to/jdk25 bench/jmh/run-jmh.sh TimerTick   # a subset (regex)
#
# Raw output (text and JSON) goes to bench/jmh/results/<UTC timestamp>/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")"

JDK17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
JMH_OPTS=${JMH_OPTS:-"-f 1 -wi 3 -i 5"}
FILTER=${1:-dev.oslo.bench.}
JAR=target/benchmarks.jar

if [[ ! -f $JAR ]]; then
  JAVA_HOME=$JDK17 mvn -B -ntp -q package
fi

out=results/$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "nproc: $(nproc)"
  grep -m1 'model name' /proc/cpuinfo
  free -h
  echo "loadavg at start: $(cat /proc/loadavg)"
  echo "JMH_OPTS: $JMH_OPTS"
  echo "library jar sha256: $(unzip -p $JAR dev/oslo/service/loopingcall/LoopingCall.class | sha256sum | cut -c1-16) (LoopingCall.class)"
  "$JDK17/bin/java" -version 2>&1
  "$JDK25/bin/java" -version 2>&1
} > "$out/machine.txt"
cat "$out/machine.txt"

# JDK 17: virtual-thread benchmarks excluded (they refuse to run there rather than fall back)
# shellcheck disable=SC2086
"$JDK17/bin/java" -jar $JAR "$FILTER" -e 'Virtual' $JMH_OPTS -jvmArgsAppend "-Xms1g -Xmx1g" \
  -rf json -rff "$out/jdk17.json" 2>&1 | tee "$out/jdk17.txt"
# shellcheck disable=SC2086
"$JDK25/bin/java" -jar $JAR "$FILTER" $JMH_OPTS -jvmArgsAppend "-Xms1g -Xmx1g" \
  -rf json -rff "$out/jdk25.json" 2>&1 | tee "$out/jdk25.txt"

echo "loadavg at end: $(cat /proc/loadavg)" | tee -a "$out/machine.txt"
python3 summarize-jmh.py "$out/jdk17.json" "$out/jdk25.json" | tee "$out/summary.txt"
echo "raw results in bench/jmh/$out"
