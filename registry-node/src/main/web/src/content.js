// A file's identity as the node computes it: the SHA-256 of its bytes and the CID that Kubo's
// `ipfs add` gives it: 262,144-byte chunks in the balanced DAG of go-unixfs/boxo with at most 174
// links per node; with `--cid-version=1` (what the page registers) raw leaves and base32 CIDv1,
// with Kubo's defaults dag-pb UnixFS leaves and CIDv0 (what the audit also accepts). See the README's "What an auditor recomputes"
// and io.airm.ipfs.unixfs.BalancedDagBuilder, which this mirrors; CidAgreementTest holds the two
// to the same CIDs.
//
// The file is read once, in chunks, so memory stays at one chunk plus the open DAG levels
// (at most 174 links each) whatever its size.

import { sha256 } from '@noble/hashes/sha2';
import { CID } from 'multiformats/cid';
import * as Digest from 'multiformats/hashes/digest';
import * as raw from 'multiformats/codecs/raw';
import * as dagPb from '@ipld/dag-pb';
import { UnixFS } from 'ipfs-unixfs';

/** Kubo's default chunk size (`size-262144`). */
export const CHUNK_SIZE = 262144;
/** boxo's balanced layout: links per interior node. */
export const MAX_LINKS = 174;

const SHA2_256 = 0x12;

async function blockDigest(bytes) {
  // WebCrypto is native and fast for whole blocks; the streamed file hash needs noble's.
  const hash = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes));
  return Digest.create(SHA2_256, hash);
}

/**
 * The balanced DAG builder. levels[k] holds the children collected so far for the open node at
 * height k+1 (leaves are height 0). A node is closed only when a further child arrives for it while
 * it is full, because only then is it known to get a parent rather than become the root.
 */
class BalancedDag {
  /** @param {0|1} version the CID version: 1 with raw leaves, 0 with dag-pb UnixFS leaves */
  constructor(version) {
    this.version = version;
    this.levels = [];
    this.fileSize = 0;
    this.blocks = 0;
  }

  async addChunk(chunk) {
    this.fileSize += chunk.length;
    await this.push(0, await this.leaf(chunk));
  }

  async leaf(chunk) {
    this.blocks++;
    if (this.version === 1) {
      const cid = CID.createV1(raw.code, await blockDigest(chunk));
      // a raw block has no links: its cumulative size is its length
      return { cid, fileSize: chunk.length, tsize: chunk.length };
    }
    const unixfs = new UnixFS({ type: 'file', data: chunk });
    const bytes = dagPb.encode(dagPb.prepare({ Data: unixfs.marshal(), Links: [] }));
    return { cid: this.nodeCid(await blockDigest(bytes)), fileSize: chunk.length, tsize: bytes.length };
  }

  nodeCid(digest) {
    return this.version === 1 ? CID.createV1(dagPb.code, digest) : CID.createV0(digest);
  }

  async push(height, child) {
    if (height === this.levels.length) this.levels.push([]);
    const open = this.levels[height];
    if (open.length === MAX_LINKS) {
      const closed = await this.close(open);
      await this.push(height + 1, closed);
    }
    open.push(child);
  }

  /** Emits the interior node over `children` and empties the list. */
  async close(children) {
    const unixfs = new UnixFS({ type: 'file', blockSizes: children.map((c) => BigInt(c.fileSize)) });
    let total = 0;
    let linked = 0;
    for (const c of children) {
      total += c.fileSize;
      linked += c.tsize;
    }
    // file links carry an empty name, as go-unixfs writes them
    const links = children.map((c) => ({ Hash: c.cid, Name: '', Tsize: c.tsize }));
    const bytes = dagPb.encode(dagPb.prepare({ Data: unixfs.marshal(), Links: links }));
    children.length = 0;
    this.blocks++;
    const cid = this.nodeCid(await blockDigest(bytes));
    return { cid, fileSize: total, tsize: bytes.length + linked };
  }

  async finish() {
    if (this.levels.length === 0) {
      // an empty file is a single leaf with no bytes
      return (await this.leaf(new Uint8Array(0))).cid;
    }
    if (this.levels.length === 1 && this.levels[0].length === 1) {
      // a file of one chunk is that chunk's leaf, with no node above it
      return this.levels[0][0].cid;
    }
    // every level below the top holds at least one child, so the top ends with two or more
    for (let height = 0; height < this.levels.length - 1; height++) {
      const closed = await this.close(this.levels[height]);
      await this.push(height + 1, closed);
    }
    return (await this.close(this.levels[this.levels.length - 1])).cid;
  }
}

function toHex(bytes) {
  let hex = '0x';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/**
 * The identity of the bytes `pieces` yields (an async iterable of Uint8Array of any sizes):
 * `{ contentHash: '0x' + 64 hex, cid: 'bafk…'|'bafy…' (or 'Qm…' for cidVersion 0), size }`.
 * `onProgress(bytesRead)` is called after every chunk.
 */
export async function identify(pieces, onProgress = () => {}, cidVersion = 1) {
  if (cidVersion !== 0 && cidVersion !== 1) throw new Error(`CID version ${cidVersion} is neither 0 nor 1`);
  const hash = sha256.create();
  const dag = new BalancedDag(cidVersion);
  const chunk = new Uint8Array(CHUNK_SIZE);
  let filled = 0;
  let read = 0;
  for await (const piece of pieces) {
    const bytes = piece instanceof Uint8Array ? piece : new Uint8Array(piece);
    hash.update(bytes);
    let offset = 0;
    while (offset < bytes.length) {
      const take = Math.min(CHUNK_SIZE - filled, bytes.length - offset);
      chunk.set(bytes.subarray(offset, offset + take), filled);
      filled += take;
      offset += take;
      if (filled === CHUNK_SIZE) {
        await dag.addChunk(chunk.slice());
        filled = 0;
      }
    }
    read += bytes.length;
    onProgress(read);
  }
  if (filled > 0) await dag.addChunk(chunk.slice(0, filled));
  const cid = await dag.finish();
  return { contentHash: toHex(hash.digest()), cid: cid.toString(), size: dag.fileSize };
}

/** The CID (version 0 or 1) of bytes held in memory, as `identify` computes it. */
export async function cidOfBytes(bytes, cidVersion) {
  return (await identify([bytes], () => {}, cidVersion)).cid;
}

/** A browser File or Blob as an async iterable of chunks, read one slice at a time. */
export async function* blobPieces(blob, sliceSize = 4 * CHUNK_SIZE) {
  for (let offset = 0; offset < blob.size; offset += sliceSize) {
    yield new Uint8Array(await blob.slice(offset, offset + sliceSize).arrayBuffer());
  }
}

/** SHA-256 of a string's UTF-8 bytes, 0x-hex: the metadata hash (zero without a document). */
export function metadataHash(text) {
  if (text === undefined || text === null) return '0x' + '00'.repeat(32);
  return toHex(sha256(new TextEncoder().encode(text)));
}
