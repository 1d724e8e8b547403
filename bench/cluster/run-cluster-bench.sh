#!/usr/bin/env bash
# Cluster singletons (issue 8): @PeriodicTask(clusterSingleton = true) against @Scheduled +
# @SchedulerLock, two replicas each on a private PostgreSQL server (scripts/ensure-postgresql.sh
# installs its binaries when missing). Builds the bench app when missing, then runs
# cluster_bench.py with your arguments:
#   bench/cluster/run-cluster-bench.sh                      # 3 rounds per variant (~7 min on 2 cores)
#   bench/cluster/run-cluster-bench.sh --runs 5 --window 60
#   bench/cluster/run-cluster-bench.sh --help               # every option
# Environment: MVN_ARGS (extra Maven options, e.g. -o), REBUILD=1.
# The app needs dev.oslo:oslo-service-spring-boot-starter:0.1.0-SNAPSHOT in ~/.m2 (mvn install at the root).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/oslo-service-bench-cluster.jar"
mvn_args=(-B -ntp ${MVN_ARGS:-})

"$here/../../scripts/ensure-postgresql.sh"
if [[ ! -f "$jar" || "${REBUILD:-0}" == 1 ]]; then
  # clean: a repackaged jar that is "up to date" keeps the starter it was first built with
  echo "building the bench app: mvn ${mvn_args[*]} -f bench/cluster/pom.xml clean package -DskipTests" >&2
  mvn "${mvn_args[@]}" -f "$here/pom.xml" clean package -DskipTests >&2
fi

OSLO_BENCH_COMMAND="bench/cluster/run-cluster-bench.sh${*:+ $*}" exec python3 "$here/cluster_bench.py" "$@"
