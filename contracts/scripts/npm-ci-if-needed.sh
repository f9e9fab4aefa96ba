#!/usr/bin/env bash
# Installs a pinned npm tree with `npm ci`, but only when node_modules is missing or package-lock.json has
# changed since the last install: npm ci deletes and re-extracts node_modules, which takes tens of seconds and
# needs the registry, so an unchanged tree is left alone. The build uses it for the Solidity toolchain
# (contracts/: solc, OpenZeppelin, forge/anvil/cast), the web page (registry-node/src/main/web) and the
# browser tests' playwright-core (tests/src/test/browser).
# The SHA-256 of the lock file that was installed is kept in node_modules/.airm-lock-sha256.
#
#   npm-ci-if-needed.sh [DIR]   # DIR holds package.json and package-lock.json; default: contracts/
set -euo pipefail

cd "${1:-$(dirname "${BASH_SOURCE[0]}")/..}"

stamp=node_modules/.airm-lock-sha256

if [[ ! -f package-lock.json ]]; then
  echo "npm-ci-if-needed: $(pwd)/package-lock.json is missing; run 'npm install' in $(pwd) to create it." >&2
  exit 1
fi

if command -v sha256sum >/dev/null 2>&1; then
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
else
  want=$(node -e 'process.stdout.write(require("crypto").createHash("sha256").update(require("fs").readFileSync("package-lock.json")).digest("hex"))')
fi

if [[ -d node_modules && -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "npm-ci-if-needed: node_modules matches package-lock.json (sha256 ${want:0:12}…), skipping npm ci."
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "npm-ci-if-needed: npm is not on PATH, but $(pwd)/node_modules needs installing from package-lock.json." \
    "Install Node.js 20 or later (which includes npm) and run the build again." >&2
  exit 1
fi

echo "npm-ci-if-needed: node_modules missing or package-lock.json changed; running npm ci."
npm ci --no-audit --no-fund
printf '%s' "$want" >"$stamp"
