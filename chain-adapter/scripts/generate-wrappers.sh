#!/usr/bin/env bash
# Generates one web3j wrapper per compiled contract (NAME.abi + NAME.bin) with web3j's own
# SolidityFunctionWrapperGenerator, so no ABI encoding is ever written by hand.
# Usage: generate-wrappers.sh ARTIFACTS_DIR OUT_DIR JAVA_PACKAGE CLASSPATH
set -euo pipefail
artifacts=$1 out=$2 package=$3 classpath=$4

shopt -s nullglob
abis=("$artifacts"/*.abi)
if [ ${#abis[@]} -eq 0 ]; then
  echo "No contract ABI in $artifacts: build the contracts module first (mvn -pl contracts package)." >&2
  exit 1
fi

mkdir -p "$out"
stamp="$out/.inputs.sha256"
inputs=$(cat "$artifacts"/*.abi "$artifacts"/*.bin | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$inputs" ]; then
  exit 0 # wrappers are up to date
fi

rm -rf "${out:?}/${package//.//}"
for abi in "${abis[@]}"; do
  name=$(basename "$abi" .abi)
  java -cp "$classpath" org.web3j.codegen.SolidityFunctionWrapperGenerator \
    -a "$abi" -b "$artifacts/$name.bin" -o "$out" -p "$package" -c "$name" >/dev/null
  test -f "$out/${package//.//}/$name.java" || { echo "web3j did not generate $name.java" >&2; exit 1; }
done
echo "$inputs" > "$stamp"
