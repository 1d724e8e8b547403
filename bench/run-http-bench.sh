#!/usr/bin/env bash
# HTTP benchmark of the multi-process model (issue 15): requests/s and p50/p99 with wrk for the
# sample as one process and with 2 and 4 workers sharing the master's listening socket, against
# gunicorn with 2 and 4 sync workers; then failed requests under a steady request loop across 10
# rolling SIGHUPs, 10 worker SIGKILLs and a SIGTERM to the master (N = 2 by default).
# Builds the sample jar when missing, then runs bench/http_bench.py; every argument is passed on:
#   bench/run-http-bench.sh                                   # everything (~10 min on a quiet 2-core box)
#   bench/run-http-bench.sh --short                           # a quick round (~3 min)
#   bench/run-http-bench.sh --targets sample-1,gunicorn-2,gunicorn-4
#   bench/run-http-bench.sh --bench events --event-workers 2,4
#   bench/run-http-bench.sh --help
# With --sample-jar <jar> the sample jar is not built. Needs java, python3, wrk and gunicorn
# (Debian: apt-get install wrk gunicorn).
# Environment: MVN_ARGS (extra Maven options, e.g. -o), REBUILD=1 (rebuild the jar even if present).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
sample_jar="$root/sample-app/target/oslo-service-sample-app.jar"
mvn_args=(-B -ntp ${MVN_ARGS:-})

own_sample_jar=0
help=0
for arg in "$@"; do
  [[ "$arg" == --sample-jar* ]] && own_sample_jar=1
  [[ "$arg" == -h || "$arg" == --help ]] && help=1
done
if [[ "$help" == 1 ]]; then
  exec python3 "$here/http_bench.py" --help
fi

cd "$root"
if [[ "$own_sample_jar" == 0 && ( ! -f "$sample_jar" || "${REBUILD:-0}" == 1 ) ]]; then
  echo "building the sample jar: mvn ${mvn_args[*]} package -DskipTests" >&2
  mvn "${mvn_args[@]}" package -DskipTests >&2
fi

OSLO_BENCH_COMMAND="bench/run-http-bench.sh${*:+ $*}" exec python3 "$here/http_bench.py" "$@"
