// Cross-checks io.airm.ipfs.car against @ipld/car, an independent CARv1 implementation.
//
//   node car-check.mjs read <file.car>
//     prints "root <cid>" per header root, then "block <cid> ok|mismatch" per block, in file order
//   node car-check.mjs write <out.car> <hex>...
//     writes a CAR of one raw CIDv1 block per hex argument, rooted at the first, and prints the
//     same lines as "read" for what it wrote
import { CarReader, CarWriter } from '@ipld/car'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { sha256 } from 'multiformats/hashes/sha2'
import { readFile, writeFile } from 'node:fs/promises'

const equalBytes = (a, b) => a.length === b.length && a.every((x, i) => x === b[i])

async function read (file) {
  const reader = await CarReader.fromBytes(await readFile(file))
  for (const root of await reader.getRoots()) {
    console.log(`root ${root}`)
  }
  let bad = 0
  for await (const { cid, bytes } of reader.blocks()) {
    if (cid.multihash.code !== sha256.code) {
      throw new Error(`block ${cid} uses multihash 0x${cid.multihash.code.toString(16)}, not sha2-256`)
    }
    const digest = await sha256.digest(bytes)
    const ok = equalBytes(digest.bytes, cid.multihash.bytes)
    if (!ok) bad++
    console.log(`block ${cid} ${ok ? 'ok' : 'mismatch'}`)
  }
  return bad === 0 ? 0 : 1
}

async function write (file, hexes) {
  const blocks = []
  for (const hex of hexes) {
    const bytes = Uint8Array.from(Buffer.from(hex, 'hex'))
    blocks.push({ cid: CID.create(1, raw.code, await sha256.digest(bytes)), bytes })
  }
  const { writer, out } = CarWriter.create([blocks[0].cid])
  const chunks = []
  const collected = (async () => { for await (const chunk of out) chunks.push(chunk) })()
  for (const block of blocks) await writer.put(block)
  await writer.close()
  await collected
  await writeFile(file, Buffer.concat(chunks))
  return read(file)
}

const [command, file, ...rest] = process.argv.slice(2)
let status
if (command === 'read' && file) {
  status = await read(file)
} else if (command === 'write' && file && rest.length > 0) {
  status = await write(file, rest)
} else {
  console.error('usage: car-check.mjs read <file.car> | write <out.car> <hex>...')
  status = 2
}
process.exitCode = status
