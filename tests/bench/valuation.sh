#!/usr/bin/env bash
# The valuation's figures: the int8 distance kernel (GOP/s, fast path beside the scalar rate),
# exact KNN-Shapley at N=100,000 x M=1,000 and N=1,000,000 x M=100 (d=384, K=5, 2 threads;
# seconds and peak heap), and the quality factors over 10,000 texts of 20 KB (works/s).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
mvn -B -q -DskipTests -Dspotless.check.skip=true install
cp=$(mktemp)
(cd tests && mvn -B -q dependency:build-classpath -Dmdep.outputFile="$cp" >/dev/null)
CP="tests/target/classes:$(cat "$cp")"
java=(java --add-modules jdk.incubator.vector -cp "$CP")
"${java[@]}" io.airm.bench.Int8KernelBenchmark 384 4096 3
"${java[@]}" -Xmx2g io.airm.bench.KnnShapleyBenchmark 100000 1000 384 5 2
"${java[@]}" -Xmx3g io.airm.bench.KnnShapleyBenchmark 1000000 100 384 5 2
"${java[@]}" -Xmx4g io.airm.bench.QualityBenchmark 10000 20 2
