#!/usr/bin/env bash
# Gas of one anchor, gas per work for checkpoints of 1, 64 and 1024 works, gas of verifyInclusion,
# and seconds from POST to final, all on a local anvil. Figures: tests/target/bench/anchor.json.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
mvn -B -q -DskipTests -Dspotless.check.skip=true install
mvn -B -q -pl tests exec:java -Dexec.mainClass=io.airm.bench.AnchorBenchmark
