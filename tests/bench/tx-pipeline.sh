#!/usr/bin/env bash
# Transactions per second confirmed through the pipeline (16 submitters, one key) against web3j's
# plain RawTransactionManager with its default receipt processor, on one automining anvil.
# Arguments: [pipelineTxs=500] [web3jTxs=10] [blockTimeSeconds=0 (automine)]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
mvn -B -q -DskipTests -Dspotless.check.skip=true install
cp=$(mktemp)
(cd tests && mvn -B -q dependency:build-classpath -Dmdep.outputFile="$cp" >/dev/null)
java -cp "tests/target/classes:$(cat "$cp")" io.airm.bench.TxPipelineBenchmark "${1:-500}" "${2:-10}" "${3:-0}"
