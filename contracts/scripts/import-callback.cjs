// The import callback handed to the npm solc (solc-js has no file system access of its own).
// An import path is tried relative to the working directory, then relative to the contracts/ root, then under
// contracts/node_modules/ (for "@openzeppelin/..." when no remapping applied).
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const CONTRACTS_ROOT = path.resolve(__dirname, '..');

function makeImportCallback(baseDirs = [process.cwd(), CONTRACTS_ROOT]) {
  const roots = [];
  for (const dir of baseDirs) {
    roots.push(dir, path.join(dir, 'node_modules'));
  }
  return function findImport(importPath) {
    const candidates = path.isAbsolute(importPath) ? [importPath] : roots.map((root) => path.join(root, importPath));
    for (const candidate of candidates) {
      try {
        return { contents: fs.readFileSync(candidate, 'utf8') };
      } catch (e) {
        if (e.code !== 'ENOENT' && e.code !== 'EISDIR' && e.code !== 'ENOTDIR') {
          return { error: `cannot read ${candidate}: ${e.message}` };
        }
      }
    }
    return { error: `file not found: ${importPath} (looked in ${roots.join(', ')})` };
  };
}

module.exports = { makeImportCallback, CONTRACTS_ROOT };
