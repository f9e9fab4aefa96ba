#!/usr/bin/env bash
# Blocks per second the node's trustless gateway serves to a local client over
# Accept: application/vnd.ipld.raw: distinct blocks of a large imported file, fetched concurrently
# on loopback, bounded in count and time. Prints the figure and the command line.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
mvn -B -q -DskipTests -Dspotless.check.skip=true install
mvn -B -q -pl tests exec:java -Dexec.mainClass=io.airm.bench.GatewayBenchmark -Dexec.args="${*:-}"
