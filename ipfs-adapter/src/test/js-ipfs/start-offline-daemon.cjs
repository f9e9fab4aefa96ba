#!/usr/bin/env node
// Starts a js-ipfs daemon that needs no network, for the ipfs-adapter integration tests:
//
//   node start-offline-daemon.cjs <repo-dir> <api-port> <gateway-port> <rpc-port>
//
// Initialises the repository if it has none, empties Addresses.Swarm, Addresses.Delegates and
// Bootstrap, binds the API, Gateway and RPC to 127.0.0.1 on the given ports, and runs
// `jsipfs daemon --offline` with the Promise.withResolvers polyfill preloaded. SIGTERM and SIGINT
// are passed on to the daemon; this script exits with it.
'use strict'
const { spawn, spawnSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const [repo, apiPort, gatewayPort, rpcPort] = process.argv.slice(2)
if (!repo || !apiPort || !gatewayPort || !rpcPort) {
  console.error('usage: node start-offline-daemon.cjs <repo-dir> <api-port> <gateway-port> <rpc-port>')
  process.exit(2)
}

const here = __dirname
const cli = path.join(here, 'node_modules', 'ipfs', 'src', 'cli.js')
if (!fs.existsSync(cli)) {
  console.error(`start-offline-daemon: ${cli} is missing; run 'npm ci' in ${here}.`)
  process.exit(1)
}
const polyfill = path.join(here, 'polyfill.cjs')
const env = {
  ...process.env,
  IPFS_PATH: path.resolve(repo),
  NODE_OPTIONS: `${process.env.NODE_OPTIONS || ''} --require ${polyfill}`.trim()
}

const configFile = path.join(env.IPFS_PATH, 'config')
if (!fs.existsSync(configFile)) {
  const init = spawnSync(process.execPath, [cli, 'init'], { env, stdio: 'inherit' })
  if (init.status !== 0) {
    console.error(`start-offline-daemon: 'jsipfs init' failed with status ${init.status}.`)
    process.exit(1)
  }
}

const config = JSON.parse(fs.readFileSync(configFile, 'utf8'))
config.Addresses = {
  ...config.Addresses,
  Swarm: [],
  Delegates: [],
  API: `/ip4/127.0.0.1/tcp/${apiPort}`,
  Gateway: `/ip4/127.0.0.1/tcp/${gatewayPort}`,
  RPC: `/ip4/127.0.0.1/tcp/${rpcPort}`
}
config.Bootstrap = []
config.Discovery = { MDNS: { Enabled: false }, webRTCStar: { Enabled: false } }
fs.writeFileSync(configFile, JSON.stringify(config, null, 2))

const daemon = spawn(process.execPath, [cli, 'daemon', '--offline'], { env, stdio: 'inherit' })
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => daemon.kill(signal))
}
daemon.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
