#!/usr/bin/env node
// Compiles every contract under src/ with the pinned npm solc and writes, for each deployable contract (not
// interfaces, abstract contracts or libraries), OUTDIR/<Name>.abi (JSON ABI array) and OUTDIR/<Name>.bin (creation
// bytecode, hex without 0x): the inputs of web3j's SolidityFunctionWrapperGenerator.
//
// Usage: node scripts/compile.mjs OUTDIR      (run from anywhere; paths are relative to contracts/)
// Neither file ends in a newline: web3j embeds the .bin text verbatim as the BINARY constant.
// Exits non-zero, printing the compiler's messages, on any compilation error.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const solc = require('solc');
const settings = require('./solc-settings.cjs');
const { makeImportCallback } = require('./import-callback.cjs');

const CONTRACTS_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC_DIR = 'src';

function fail(message) {
  process.stderr.write(`compile.mjs: ${message}\n`);
  process.exit(1);
}

function listSolidityFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(path.join(CONTRACTS_ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listSolidityFiles(rel));
    else if (entry.isFile() && entry.name.endsWith('.sol')) out.push(rel);
  }
  // Sorted so that the compiler input, and with it the output, does not depend on directory order.
  return out.sort();
}

const outArg = process.argv[2];
if (!outArg || process.argv.length > 3) fail('usage: node scripts/compile.mjs OUTDIR');
const outDir = path.resolve(process.cwd(), outArg);

// Source unit names are paths relative to contracts/, as forge names them, so that imports and the metadata
// embedded in the bytecode are the same whichever directory this script is run from.
process.chdir(CONTRACTS_ROOT);
const files = listSolidityFiles(SRC_DIR);
if (files.length === 0) fail(`no .sol files under ${path.join(CONTRACTS_ROOT, SRC_DIR)}`);

const input = {
  language: 'Solidity',
  sources: Object.fromEntries(files.map((f) => [f, { content: fs.readFileSync(f, 'utf8') }])),
  settings: {
    optimizer: settings.optimizer,
    evmVersion: settings.evmVersion,
    remappings: settings.remappings,
    outputSelection: {
      '*': {
        '': ['ast'],
        '*': ['abi', 'evm.bytecode.object'],
      },
    },
  },
};

const output = JSON.parse(solc.compile(JSON.stringify(input), { import: makeImportCallback([CONTRACTS_ROOT]) }));

const diagnostics = output.errors ?? [];
for (const d of diagnostics) {
  if (d.severity !== 'error') process.stderr.write(`${d.formattedMessage ?? d.message}\n`);
}
const errors = diagnostics.filter((d) => d.severity === 'error');
if (errors.length > 0) {
  for (const e of errors) process.stderr.write(`${e.formattedMessage ?? e.message}\n`);
  fail(`${errors.length} compilation error(s) with solc ${solc.version()}`);
}

// Deployable = a concrete `contract` declared in one of our own source files (the AST says so; bytecode alone would
// also admit libraries).
const deployable = [];
for (const file of files) {
  const ast = output.sources?.[file]?.ast;
  if (!ast) fail(`no AST for ${file}`);
  for (const node of ast.nodes) {
    if (node.nodeType === 'ContractDefinition' && node.contractKind === 'contract' && !node.abstract) {
      deployable.push({ file, name: node.name });
    }
  }
}
deployable.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

const seen = new Set();
for (const { file, name } of deployable) {
  if (seen.has(name)) fail(`two deployable contracts are named ${name}; artifact names must be unique`);
  seen.add(name);
}

fs.mkdirSync(outDir, { recursive: true });
// Artifacts of contracts that no longer exist must not linger and be turned into wrappers.
for (const entry of fs.readdirSync(outDir)) {
  if (entry.endsWith('.abi') || entry.endsWith('.bin')) fs.rmSync(path.join(outDir, entry));
}

for (const { file, name } of deployable) {
  const contract = output.contracts[file][name];
  const bin = contract.evm.bytecode.object;
  if (!bin) fail(`${file}:${name} has no bytecode`);
  if (bin.includes('__$')) fail(`${file}:${name} needs library linking, which this build does not support`);
  fs.writeFileSync(path.join(outDir, `${name}.abi`), JSON.stringify(contract.abi));
  fs.writeFileSync(path.join(outDir, `${name}.bin`), bin);
  process.stdout.write(`compile.mjs: ${name} -> ${path.relative(process.cwd(), outDir) || '.'}/${name}.{abi,bin}\n`);
}
