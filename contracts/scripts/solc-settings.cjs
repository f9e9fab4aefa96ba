// Compiler settings shared by compile.mjs; foundry.toml repeats them (optimizer, runs, evm_version, remappings)
// because forge cannot read this file. Change both together.
'use strict';

module.exports = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: 'cancun',
  remappings: ['@openzeppelin/contracts/=node_modules/@openzeppelin/contracts/'],
};
