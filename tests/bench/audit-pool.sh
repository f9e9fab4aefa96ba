#!/usr/bin/env bash
# Seconds for `airm audit pool` of a pool of ALLOCATIONS allocations, run as its own JVM through
# ./airm (registry-node/target/airm.jar), JVM start-up included, against the node's anvil RPC and
# its trustless gateway as the IPFS source. Set-up, not timed but reported: a node on its defaults
# (10 s challenge window), ALLOCATIONS works of 300-800 bytes by as many creators (deterministic
# keys, one work each, so one allocation per work), attested (knn-shapley, int8 d=384, 100 probes),
# a pool of 1 ETH settled through the node up to claimable. The audit runs RUNS times (fresh JVMs);
# prints the median; every run is in tests/target/bench/audit-pool.json. The node and anvil share the
# machine with the audit, as they serve its RPC and gateway.
# Arguments: [ALLOCATIONS=10000] [RUNS=3] [seed=2]. BENCH_TRACE=1 prints each audit line with its time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
mvn -B -q -pl tests -am package -DskipTests -Dspotless.check.skip=true
AIRM_LOG_LEVEL="${AIRM_LOG_LEVEL:-WARN}" java --add-modules jdk.incubator.vector \
  -cp "tests/target/classes:registry-node/target/airm.jar" \
  io.airm.bench.AuditPoolBenchmark "${1:-10000}" "${2:-3}" "${3:-2}"
