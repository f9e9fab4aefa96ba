// Reads from the node: its API records, which are only claims to check, and bytes from its
// trustless gateway, which are checked against the CID they were asked for before any use.

import { matchesCid } from './unixfs.js';

/** The node's JSON answer at `path`, or throws with the problem detail it gave. */
export async function nodeJson(nodeUrl, path) {
  const response = await fetch(`${nodeUrl}${path}`, { headers: { Accept: 'application/json' } });
  const text = await response.text();
  if (!response.ok) {
    let detail = text;
    try {
      detail = JSON.parse(text).detail ?? text;
    } catch {
      // not problem+json: the text itself says what happened
    }
    const error = new Error(`the node answered ${response.status} for ${path}: ${detail}`);
    error.status = response.status;
    throw error;
  }
  return JSON.parse(text);
}

/**
 * The file named by `cid`, fetched from the node's gateway; throws unless the bytes reproduce the
 * CID (recomputed with Kubo's default importer, CIDv0 or CIDv1 as the CID says).
 */
export async function fetchVerified(nodeUrl, cid) {
  const response = await fetch(`${nodeUrl}/ipfs/${cid}`);
  if (!response.ok) {
    throw new Error(`the gateway answered ${response.status} for /ipfs/${cid}`);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (!(await matchesCid(bytes, cid))) {
    throw new Error(`the ${bytes.length} bytes the gateway served for ${cid} do not reproduce that CID`);
  }
  return bytes;
}
