// The CIDs `ipfs add` gives a file with Kubo's defaults (README "What an auditor recomputes"),
// computed by the same code the register page uses (../content.js): CIDv0 with dag-pb UnixFS
// leaves, or CIDv1 (--cid-version=1) with raw leaves. The auditor recomputes them from the bytes
// the gateway serves, so a gateway cannot pass off other bytes under a CID.

import { CID } from 'multiformats/cid';
import { cidOfBytes } from '../content.js';

/** The CIDv0 and CIDv1 of a file's bytes, as Kubo's default importer computes them. */
export async function contentCids(bytes) {
  return { v0: await cidOfBytes(bytes, 0), v1: await cidOfBytes(bytes, 1) };
}

/** Whether `bytes` are the file named by `cid` (a default-chunked CIDv0 or CIDv1). */
export async function matchesCid(bytes, cid) {
  const parsed = CID.parse(cid);
  return (await cidOfBytes(bytes, parsed.version)) === parsed.toString();
}
