#!/usr/bin/env bash
# Multi-process (workers) benchmarks: worker spawn -> READY and master start -> all ready for
# N = 2 and 4, each with 0 and 1 standby worker, against a single process and the plain app;
# respawn after SIGKILL (a standby promoted, or a new JVM); rolling replacement on SIGHUP (READY
# never below N); memory per worker and standby; and, on JDK 25, the AOT cache and CDS passed to
# the master (the workers re-run its command line); with --bench classdata, the
# class-data archive the starter makes by itself (JDK 17 and 25).
# Builds what is missing, then runs bench/workers_bench.py; every argument is passed on to it:
#   bench/run-workers-bench.sh                          # main (4 rounds, N = 2,4, standby 0,1) + aot (3 rounds)
#   bench/run-workers-bench.sh --bench main --rounds 3 --workers 2
#   bench/run-workers-bench.sh --bench aot --aot-rounds 5 --java17 ''
#   bench/run-workers-bench.sh --bench classdata --classdata-no-relocation
#   bench/run-workers-bench.sh --help
# With --sample-jar <jar> the sample jar is not built.
# Environment: MVN_ARGS (extra Maven options, e.g. -o), REBUILD=1 (rebuild both jars even if present).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
sample_jar="$root/sample-app/target/oslo-service-sample-app.jar"
plain_jar="$here/plain-app/target/oslo-service-bench-plain-app.jar"
mvn_args=(-B -ntp ${MVN_ARGS:-})

own_sample_jar=0
help=0
for arg in "$@"; do
  [[ "$arg" == --sample-jar* ]] && own_sample_jar=1
  [[ "$arg" == -h || "$arg" == --help ]] && help=1
done
if [[ "$help" == 1 ]]; then
  exec python3 "$here/workers_bench.py" --help
fi

cd "$root"
if [[ "$own_sample_jar" == 0 && ( ! -f "$sample_jar" || "${REBUILD:-0}" == 1 ) ]]; then
  echo "building the sample jar: mvn ${mvn_args[*]} package -DskipTests" >&2
  mvn "${mvn_args[@]}" package -DskipTests >&2
fi
if [[ ! -f "$plain_jar" || "${REBUILD:-0}" == 1 ]]; then
  echo "building the plain app: mvn ${mvn_args[*]} -f bench/plain-app/pom.xml package -DskipTests" >&2
  mvn "${mvn_args[@]}" -f bench/plain-app/pom.xml package -DskipTests >&2
fi

OSLO_BENCH_COMMAND="bench/run-workers-bench.sh${*:+ $*}" exec python3 "$here/workers_bench.py" "$@"
