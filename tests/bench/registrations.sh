#!/usr/bin/env bash
# Sustained signed registrations per second, p50/p99 latency, of one node (embedded anvil) on H2 and
# on PostgreSQL, with N concurrent closed-loop HTTP clients after a warm-up.
# Figures: tests/target/bench/registrations.json.
#
#   bash tests/bench/registrations.sh                       # H2 and PostgreSQL, 4, 16 and 64 clients
#   bash tests/bench/registrations.sh -Dbench.clients=16 -Dbench.seconds=60 -Dbench.backends=postgresql
#
# Builds with Maven in the reactor (no install), then runs the benchmark in its own JVM. PostgreSQL
# comes from tests/postgres/ensure-postgres.sh (as root it installs and starts it if missing).
# MVN_FLAGS adds Maven flags (e.g. MVN_FLAGS=-o offline).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
if [[ " $* " != *" -Dbench.backends=h2 "* ]]; then
  eval "$(tests/postgres/ensure-postgres.sh)"
fi
# shellcheck disable=SC2086
mvn -B -q ${MVN_FLAGS:-} -pl tests -am -DskipTests -Dspotless.check.skip=true \
  package dependency:build-classpath -Dmdep.outputFile=target/runtime.classpath -Dmdep.includeScope=runtime
exec java -Xmx2g -cp "tests/target/classes:$(cat tests/target/runtime.classpath)" \
  -Dairm.root="$PWD" "$@" io.airm.bench.RegistrationBenchmark
