// The `solc` that foundry.toml names: forge cannot download a native compiler on these machines, so this stands in
// for it with the pinned npm solc (WebAssembly). It implements just what forge calls:
//   --version          prints the version banner in the native compiler's format
//   --standard-json    reads Standard JSON input on stdin, prints Standard JSON output
// Any other arguments forge adds (--allow-paths, --base-path, --include-path) are ignored; sources arrive with their
// content, and anything imported but missing is resolved by the import callback.
'use strict';

const fs = require('node:fs');
const solc = require('solc');
const { makeImportCallback } = require('./import-callback.cjs');

// forge parses this line to learn the compiler version; the commit is the npm solc's own (checked below).
const NATIVE_VERSION = '0.8.30+commit.73712a01.Linux.g++';

function main(args) {
  const jsVersion = solc.version(); // e.g. 0.8.30+commit.73712a01.Emscripten.clang
  if (!jsVersion.startsWith(NATIVE_VERSION.split('.Linux')[0])) {
    process.stderr.write(`solc-forge: npm solc is ${jsVersion}, but this wrapper announces ${NATIVE_VERSION}\n`);
    return 1;
  }
  if (args.includes('--version')) {
    process.stdout.write(`solc, the solidity compiler commandline interface\nVersion: ${NATIVE_VERSION}\n`);
    return 0;
  }
  if (args.includes('--standard-json')) {
    const input = fs.readFileSync(0, 'utf8');
    process.stdout.write(solc.compile(input, { import: makeImportCallback() }));
    return 0;
  }
  process.stderr.write(`solc-forge: only --version and --standard-json are supported (got: ${args.join(' ')})\n`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
