#!/usr/bin/env bash
# Executable shim for foundry.toml's `solc`: forge runs a file, not `node file`. See solc-forge.cjs.
exec node "$(dirname "${BASH_SOURCE[0]}")/solc-forge.cjs" "$@"
