#!/usr/bin/env bash
# Our CIDv0 against /usr/bin/ipfs_cid (Debian ipfs-cid, an independent Rust implementation) on at
# least 200 seeded files from 0 bytes to 64 MiB: edge sizes around the 256 KiB chunk and the 174-link
# tree level, powers of two, random sizes; about 1.2 GB written and deleted one file at a time.
# Prints the count and every mismatch; exits 1 on any. Figures: tests/target/bench/cid-agreement.json.
# Arguments: [files=200] [seed=20261128] [maxSize=67108864]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
if [ ! -x /usr/bin/ipfs_cid ]; then
  apt-get install -y ipfs-cid || { apt-get update && apt-get install -y ipfs-cid; }
fi
mvn -B -q -DskipTests -Dspotless.check.skip=true install
cp=$(mktemp)
(cd tests && mvn -B -q dependency:build-classpath -Dmdep.outputFile="$cp" >/dev/null)
java -cp "tests/target/classes:$(cat "$cp")" io.airm.bench.CidAgreementBenchmark "${1:-200}" "${2:-20261128}" "${3:-67108864}"
