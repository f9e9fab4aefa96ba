#!/usr/bin/env node
// Compiles the Ethereum Attestation Service's SchemaRegistry and EAS (npm @ethereum-attestation-service/eas-contracts)
// for the gas comparison in bench-attestation-gas.sh. EAS pins `pragma solidity 0.8.29`, so this uses the npm alias
// solc-0.8.29, with the optimizer settings of EAS's own deployments (their embedded metadata): optimizer on,
// 1,000,000 runs, no CBOR metadata hash. EVM version: cancun, like AIRM's contracts, not EAS's paris: the
// OpenZeppelin imports resolve to this project's @openzeppelin/contracts 5.4.0 (EAS itself was built against 5.3.0),
// whose Bytes.sol uses MCOPY, which paris lacks.
//
// Usage: node scripts/compile-eas.cjs [OUTDIR]     (default target/eas, relative to contracts/)
// Writes OUTDIR/<Name>.abi (JSON) and OUTDIR/<Name>.bin (creation bytecode, hex without 0x) for SchemaRegistry and EAS.
// Deliberately not target/artifacts: nothing here is wrapped for Java.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const solc = require('solc-0.8.29');
const { makeImportCallback, CONTRACTS_ROOT } = require('./import-callback.cjs');

const EAS_ROOT = path.join(CONTRACTS_ROOT, 'node_modules', '@ethereum-attestation-service', 'eas-contracts');
const CONTRACTS = { 'contracts/SchemaRegistry.sol': 'SchemaRegistry', 'contracts/EAS.sol': 'EAS' };

function main() {
  if (!solc.version().startsWith('0.8.29+')) throw new Error(`solc-0.8.29 is ${solc.version()}`);
  const outDir = path.resolve(CONTRACTS_ROOT, process.argv[2] || 'target/eas');
  const input = {
    language: 'Solidity',
    sources: Object.fromEntries(
      Object.keys(CONTRACTS).map((f) => [f, { content: fs.readFileSync(path.join(EAS_ROOT, f), 'utf8') }]),
    ),
    settings: {
      optimizer: { enabled: true, runs: 1000000 },
      evmVersion: 'cancun',
      metadata: { bytecodeHash: 'none' },
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
    },
  };
  const output = JSON.parse(
    solc.compile(JSON.stringify(input), { import: makeImportCallback([EAS_ROOT, CONTRACTS_ROOT]) }),
  );
  const errors = (output.errors || []).filter((e) => e.severity === 'error');
  if (errors.length > 0) {
    for (const e of errors) process.stderr.write(`${e.formattedMessage}\n`);
    throw new Error('EAS compilation failed');
  }
  fs.mkdirSync(outDir, { recursive: true });
  for (const [file, name] of Object.entries(CONTRACTS)) {
    const c = output.contracts[file][name];
    fs.writeFileSync(path.join(outDir, `${name}.abi`), JSON.stringify(c.abi));
    fs.writeFileSync(path.join(outDir, `${name}.bin`), c.evm.bytecode.object);
    process.stdout.write(`compile-eas: ${name}: ${c.evm.bytecode.object.length / 2} bytes of init code\n`);
  }
}

try {
  main();
} catch (e) {
  process.stderr.write(`compile-eas: ${e.message}\n`);
  process.exitCode = 1;
}
