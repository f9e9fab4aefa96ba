#!/usr/bin/env bash
# The streaming importer on a 1 GiB seeded file (generated once, kept in tests/target/bench/) in a
# JVM of -Xmx64m: MiB/s and peak heap for CIDv0 (Kubo's defaults) and CIDv1 (--cid-version=1),
# beside /usr/bin/ipfs_cid on the same file in the same run, and the ratio ours / ipfs_cid.
# Figures: tests/target/bench/import-throughput.json.
# Arguments: [file=tests/target/bench/import-1gib.bin] [size=1073741824] [seed=4242] [rounds=2]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
if [ ! -x /usr/bin/ipfs_cid ]; then
  apt-get install -y ipfs-cid || { apt-get update && apt-get install -y ipfs-cid; }
fi
mvn -B -q -DskipTests -Dspotless.check.skip=true install
cp=$(mktemp)
(cd tests && mvn -B -q dependency:build-classpath -Dmdep.outputFile="$cp" >/dev/null)
java -Xmx64m -cp "tests/target/classes:$(cat "$cp")" io.airm.bench.ImportThroughputBenchmark \
  "${1:-tests/target/bench/import-1gib.bin}" "${2:-1073741824}" "${3:-4242}" "${4:-2}"
