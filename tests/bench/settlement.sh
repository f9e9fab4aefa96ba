#!/usr/bin/env bash
# Seconds from attestation to claimable for a pool over WORKS works, end to end on a local anvil
# through the node with its defaults (anchor every 2 s, 1 s blocks, 2 confirmations, settle loop
# every 0.5 s) and a challenge window of CHALLENGE_WINDOW, which is part of the figure (the JSON
# also gives it without). Set-up, not timed: a node, WORKS texts of 2-6 KB by 25 creators (one in
# eight co-created), all final, the company's attester role. Timed: POST /v1/attestations
# (knn-shapley, int8 d=384, 100 probes) -> recorded -> pool created and funded in ETH from the
# company's wallet (airm pool fund) -> indexed by the node -> POST /v1/pools/{id}/settle -> claimable.
# ROUNDS times on the same works (a new attestation and pool each): prints the first round (the
# node's first settlement, valuation with a cold JIT) and the median of the others, each with its
# phases and gas; every round is in tests/target/bench/settlement.json.
# Arguments: [WORKS=1000] [CHALLENGE_WINDOW=PT10S] [ROUNDS=4] [seed=1].
# AIRM_LOG_LEVEL=INFO shows the node's log.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
mvn -B -q -pl tests -am package -DskipTests -Dspotless.check.skip=true
# the node's JVM as ./airm runs it (the Vector API for the valuation's int8 kernel)
AIRM_LOG_LEVEL="${AIRM_LOG_LEVEL:-WARN}" java --add-modules jdk.incubator.vector \
  -cp "tests/target/classes:registry-node/target/airm.jar" \
  io.airm.bench.SettlementBenchmark "${1:-1000}" "${2:-PT10S}" "${3:-4}" "${4:-1}"
