#!/usr/bin/env bash
# Seconds for `airm audit log` to replay a log of 100,000 signed registrations anchored in 5
# checkpoints, end to end (a separate JVM) against a node and anvil on this machine.
# Figures: tests/target/bench/audit-log.json.
# Arguments: [works=100000] [checkpoints=5] [threads=cores]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
root="$(pwd)"
# one reactor build, nothing installed: the classpath names this checkout's module jars
mvn -B -q -pl tests -am -DskipTests -Dspotless.check.skip=true package \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
java -Dairm.root="$root" -cp "tests/target/classes:$(cat tests/target/bench-classpath.txt)" \
  io.airm.bench.AuditLogBenchmark "${1:-100000}" "${2:-5}" "${3:-$(nproc)}"
