#!/usr/bin/env bash
# Reload (SIGHUP) benchmarks (issue 4): SIGHUP -> "Reloaded in", by restart method and by number of
# keys, and the baseline POST /actuator/refresh on the plain app with spring-cloud-context.
# Builds what is missing, then runs bench/reload_bench.py; every argument is passed on to it:
#   bench/run-reload-bench.sh                                 # all: hup, keys, refresh
#   bench/run-reload-bench.sh --bench hup --procs 5 --rounds 10
#   bench/run-reload-bench.sh --java /usr/lib/jvm/java-17-openjdk-amd64/bin/java \
#                             --java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java
#   bench/run-reload-bench.sh --help
# With --sample-jar <jar> the sample jar is not built.
# Environment: MVN_ARGS (extra Maven options, e.g. -o), REBUILD=1 (rebuild both jars even if present).
#
# The baseline app is bench/plain-app plus spring-cloud-context (for /actuator/refresh). It is
# built from a copy in ${TMPDIR:-/tmp}/oslo-reload-bench-plain-refresh: bench/plain-app itself is
# not changed. spring-cloud-context comes from the Spring Cloud BOM of the root pom.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
sample_jar="$root/sample-app/target/oslo-service-sample-app.jar"
refresh_dir="${TMPDIR:-/tmp}/oslo-reload-bench-plain-refresh"
refresh_jar="$refresh_dir/target/oslo-service-bench-plain-app-refresh.jar"
mvn_args=(-B -ntp ${MVN_ARGS:-})

own_sample_jar=0
for arg in "$@"; do [[ "$arg" == --sample-jar* ]] && own_sample_jar=1; done

cd "$root"
if [[ "$own_sample_jar" == 0 && ( ! -f "$sample_jar" || "${REBUILD:-0}" == 1 ) ]]; then
  echo "building the sample jar: mvn ${mvn_args[*]} package -DskipTests" >&2
  mvn "${mvn_args[@]}" package -DskipTests >&2
fi
if [[ ! -f "$refresh_jar" || "${REBUILD:-0}" == 1 ]]; then
  cloud_version="$(sed -n 's:.*<spring-cloud.version>\(.*\)</spring-cloud.version>.*:\1:p' "$root/pom.xml" | head -1)"
  echo "building the plain app + spring-cloud-context (Spring Cloud $cloud_version) in $refresh_dir" >&2
  rm -rf "$refresh_dir"
  mkdir -p "$refresh_dir"
  cp -r "$here/plain-app/pom.xml" "$here/plain-app/src" "$refresh_dir/"
  python3 - "$refresh_dir/pom.xml" "$cloud_version" <<'EOF'
import sys
path, version = sys.argv[1], sys.argv[2]
pom = open(path).read()
pom = pom.replace("<artifactId>oslo-service-bench-plain-app</artifactId>",
                  "<artifactId>oslo-service-bench-plain-app-refresh</artifactId>", 1)
pom = pom.replace("<finalName>oslo-service-bench-plain-app</finalName>",
                  "<finalName>oslo-service-bench-plain-app-refresh</finalName>", 1)
pom = pom.replace("  <dependencies>", """  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>org.springframework.cloud</groupId>
        <artifactId>spring-cloud-dependencies</artifactId>
        <version>%s</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>

  <dependencies>
    <dependency>
      <groupId>org.springframework.cloud</groupId>
      <artifactId>spring-cloud-context</artifactId>
    </dependency>""" % version, 1)
open(path, "w").write(pom)
EOF
  mvn "${mvn_args[@]}" -f "$refresh_dir/pom.xml" package -DskipTests >&2
fi

OSLO_BENCH_COMMAND="bench/run-reload-bench.sh${*:+ $*}" exec python3 "$here/reload_bench.py" \
  --refresh-jar "$refresh_jar" "$@"
