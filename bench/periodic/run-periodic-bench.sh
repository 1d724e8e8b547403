#!/usr/bin/env bash
# Periodic tasks (issue 5): @PeriodicTask against Spring's @Scheduled, whole processes.
# Builds the bench app when missing, then runs periodic_bench.py with your arguments:
#   bench/periodic/run-periodic-bench.sh                          # everything (~45 min on 2 cores)
#   bench/periodic/run-periodic-bench.sh --bench schedule --runs-schedule 9
#   bench/periodic/run-periodic-bench.sh --bench idle,steady --runs-many 5
#   bench/periodic/run-periodic-bench.sh --help                   # every option
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/periodic/run-periodic-bench.sh
# It first waits (polling every 30 s, at most 25 min; --wait-others) until no other benchmark of
# this repository runs. Environment: MVN_ARGS (extra Maven options, e.g. -o), REBUILD=1.
# The app needs dev.oslo:oslo-service-spring-boot-starter:0.1.0-SNAPSHOT in ~/.m2
# (mvn install at the root, or from a clean export: see README.md).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/oslo-service-bench-periodic.jar"
mvn_args=(-B -ntp ${MVN_ARGS:-})

if [[ ! -f "$jar" || "${REBUILD:-0}" == 1 ]]; then
  echo "building the bench app: mvn ${mvn_args[*]} -f bench/periodic/pom.xml package -DskipTests" >&2
  mvn "${mvn_args[@]}" -f "$here/pom.xml" package -DskipTests >&2
fi

OSLO_BENCH_COMMAND="bench/periodic/run-periodic-bench.sh${*:+ $*}" exec python3 "$here/periodic_bench.py" "$@"
