// The CIDs `ipfs add` gives a file with Kubo's defaults (README "What an auditor recomputes"):
// 256 KiB chunks laid out in a balanced DAG of at most 174 links per node; CIDv0 with dag-pb
// UnixFS leaves, or CIDv1 (--cid-version=1) with raw leaves, base32. The auditor recomputes them
// from the bytes the gateway serves, so a gateway cannot pass off other bytes under a CID.

import * as dagPb from '@ipld/dag-pb';
import { UnixFS } from 'ipfs-unixfs';
import { CID } from 'multiformats/cid';
import * as Digest from 'multiformats/hashes/digest';
import { sha256 } from './verify.js';

const CHUNK = 262144;
const MAX_LINKS = 174;
const RAW = 0x55;
const DAG_PB = 0x70;
const SHA2_256 = 0x12;

function cidOf(version, codec, block) {
  return CID.create(version, codec, Digest.create(SHA2_256, sha256(block)));
}

/** The CIDv0 and CIDv1 of a file's bytes, as Kubo's default importer computes them. */
export function contentCids(bytes) {
  return { v0: fileCid(bytes, 0).toString(), v1: fileCid(bytes, 1).toString() };
}

/** Whether `bytes` are the file named by `cid` (a default-chunked CIDv0 or CIDv1). */
export function matchesCid(bytes, cid) {
  const parsed = CID.parse(cid);
  return fileCid(bytes, parsed.version).toString() === parsed.toString();
}

function fileCid(bytes, version) {
  const rawLeaves = version === 1;
  // Each node: its CID, the file bytes under it, and its cumulative DAG size (the link Tsize).
  let level = [];
  for (let offset = 0; offset < bytes.length || level.length === 0; offset += CHUNK) {
    const chunk = bytes.subarray(offset, Math.min(offset + CHUNK, bytes.length));
    if (rawLeaves) {
      level.push({ cid: cidOf(1, RAW, chunk), fileSize: chunk.length, dagSize: chunk.length });
    } else {
      const block = dagPb.encode(dagPb.prepare({ Data: new UnixFS({ type: 'file', data: chunk }).marshal(), Links: [] }));
      level.push({ cid: cidOf(0, DAG_PB, block), fileSize: chunk.length, dagSize: block.length });
    }
    if (bytes.length === 0) break;
  }
  // The balanced layout fills each parent with up to 174 children left to right, level by level,
  // until one node remains: the same tree as go-unixfs's balanced builder.
  while (level.length > 1) {
    const next = [];
    for (let i = 0; i < level.length; i += MAX_LINKS) {
      const children = level.slice(i, i + MAX_LINKS);
      const data = new UnixFS({ type: 'file', blockSizes: children.map((c) => BigInt(c.fileSize)) }).marshal();
      const block = dagPb.encode(
        dagPb.prepare({ Data: data, Links: children.map((c) => ({ Hash: c.cid, Name: '', Tsize: c.dagSize })) }),
      );
      next.push({
        cid: cidOf(version, DAG_PB, block),
        fileSize: children.reduce((sum, c) => sum + c.fileSize, 0),
        dagSize: block.length + children.reduce((sum, c) => sum + c.dagSize, 0),
      });
    }
    level = next;
  }
  return level[0].cid;
}
