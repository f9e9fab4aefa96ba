// Fetches ipfs://<cid> through @helia/verified-fetch, with <gateway> as its only trustless
// gateway and no delegated routing (offline), and prints the SHA-256 of the verified bytes.
// Usage: node fetch.mjs <gateway-url> <cid>
import { createHash } from 'node:crypto'

// Node 20 lacks Promise.withResolvers (Node 22), which the client's dependencies call; this is
// the spec's definition. The client is imported only after it exists.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function () {
    let resolve, reject
    const promise = new this((res, rej) => { resolve = res; reject = rej })
    return { promise, resolve, reject }
  }
}
const { createVerifiedFetch } = await import('@helia/verified-fetch')
const { createHeliaLight } = await import('helia')
const { withHTTP } = await import('@helia/http')
const { fallbackRouter } = await import('@helia/fallback-router')

const [gateway, cid] = process.argv.slice(2)
if (!gateway || !cid) {
  console.error('usage: node fetch.mjs <gateway-url> <cid>')
  process.exit(2)
}

// An HTTP-only Helia whose one provider is the node under test: no delegated routers and no
// libp2p (both would reach out to the network). The gateway is announced by a router of our own:
// Helia consults its fallback routers only after a non-fallback router has answered, and with
// none it waits forever.
const helia = withHTTP(createHeliaLight(), {
  delegatedRouters: [],
  recursiveGateways: [],
  allowLocal: true,
  allowInsecure: true
})
const router = fallbackRouter({ gateways: [gateway], shuffle: false })
router.capabilities = () => []
helia.addRouter(router)
await helia.start()
const verifiedFetch = await createVerifiedFetch(helia)
try {
  const response = await verifiedFetch(`ipfs://${cid}`, { signal: AbortSignal.timeout(60_000) })
  if (!response.ok) {
    console.error(`verified-fetch answered ${response.status}: ${await response.text()}`)
    process.exitCode = 1
  } else {
    const bytes = new Uint8Array(await response.arrayBuffer())
    console.log(createHash('sha256').update(bytes).digest('hex'))
  }
} finally {
  await verifiedFetch.stop()
  await helia.stop()
}
