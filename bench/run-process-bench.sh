#!/usr/bin/env bash
# Whole-process benchmarks (issue 2): start-up, SIGTERM -> exit, SIGINT -> exit.
# Builds what is missing, then runs bench/process_bench.py; every argument is passed on to it:
#   bench/run-process-bench.sh                 # 10 measured rounds of every benchmark
#   bench/run-process-bench.sh --runs 20       # more rounds
#   bench/run-process-bench.sh --bench sigterm,sigint --runs 5
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/run-process-bench.sh
# Environment: MVN_ARGS (extra Maven options, e.g. -o), REBUILD=1 (rebuild both jars even if present).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
sample_jar="$root/sample-app/target/oslo-service-sample-app.jar"
plain_jar="$here/plain-app/target/oslo-service-bench-plain-app.jar"
mvn_args=(-B -ntp ${MVN_ARGS:-})

cd "$root"
if [[ ! -f "$sample_jar" || "${REBUILD:-0}" == 1 ]]; then
  echo "building the sample jar: mvn ${mvn_args[*]} package -DskipTests" >&2
  mvn "${mvn_args[@]}" package -DskipTests >&2
fi
if [[ ! -f "$plain_jar" || "${REBUILD:-0}" == 1 ]]; then
  echo "building the plain app: mvn ${mvn_args[*]} -f bench/plain-app/pom.xml package -DskipTests" >&2
  mvn "${mvn_args[@]}" -f bench/plain-app/pom.xml package -DskipTests >&2
fi

OSLO_BENCH_COMMAND="bench/run-process-bench.sh${*:+ $*}" exec python3 "$here/process_bench.py" "$@"
