// The EIP-712 WorkRegistration, built exactly as io.airm.chain.eip712.WorkRegistration and
// io.airm.node.client.WorkSigner build it (the README's "What an auditor recomputes"), and its
// wire form as io.airm.node.api.WireFormat reads it. Eip712AgreementTest holds the digest to
// Java's.

import { getAddress, hashTypedData } from 'viem';

/** The EIP-712 types of a registration; `WorkRegistry.hashWorkRegistration` hashes the same. */
export const TYPES = {
  WorkRegistration: [
    { name: 'creator', type: 'address' },
    { name: 'contentHash', type: 'bytes32' },
    { name: 'cid', type: 'string' },
    { name: 'metadataHash', type: 'bytes32' },
    { name: 'licence', type: 'string' },
    { name: 'aiTraining', type: 'bool' },
    { name: 'parents', type: 'bytes32[]' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
};

const BYTES32 = /^0x[0-9a-fA-F]{64}$/;

/**
 * The registration message from plain values; nonce and deadline may be bigint, number or decimal
 * string. Throws with the field's name when a value is malformed.
 */
export function registration({ creator, contentHash, cid, metadataHash, licence, aiTraining, parents = [], nonce, deadline }) {
  for (const [name, value] of [['contentHash', contentHash], ['metadataHash', metadataHash]]) {
    if (!BYTES32.test(value)) throw new Error(`${name} must be 0x followed by 64 hex digits`);
  }
  parents.forEach((p, i) => {
    if (!BYTES32.test(p)) throw new Error(`parents[${i}] must be a work id: 0x followed by 64 hex digits`);
  });
  if (typeof cid !== 'string' || typeof licence !== 'string') throw new Error('cid and licence must be strings');
  return {
    creator: getAddress(creator),
    contentHash: contentHash.toLowerCase(),
    cid,
    metadataHash: metadataHash.toLowerCase(),
    licence,
    aiTraining: Boolean(aiTraining),
    parents: parents.map((p) => p.toLowerCase()),
    nonce: BigInt(nonce),
    deadline: BigInt(deadline),
  };
}

/** The EIP-712 domain of the registry, from `GET /v1/registry`'s `eip712Domain`. */
export function domain(eip712Domain) {
  return {
    name: eip712Domain.name,
    version: eip712Domain.version,
    chainId: BigInt(eip712Domain.chainId),
    verifyingContract: getAddress(eip712Domain.verifyingContract),
  };
}

/** What `eth_signTypedData_v4` and viem's signTypedData take. */
export function typedData(eip712Domain, message) {
  return { domain: domain(eip712Domain), types: TYPES, primaryType: 'WorkRegistration', message };
}

/** The work id: keccak256(0x1901 ‖ domainSeparator ‖ hashStruct(message)). */
export function workId(eip712Domain, message) {
  return hashTypedData(typedData(eip712Domain, message));
}

/** The registration as POST /v1/works takes it: uint256 as decimal strings, hex lower case. */
export function wire(message) {
  return {
    creator: message.creator.toLowerCase(),
    contentHash: message.contentHash,
    cid: message.cid,
    metadataHash: message.metadataHash,
    licence: message.licence,
    aiTraining: message.aiTraining,
    parents: message.parents,
    nonce: message.nonce.toString(),
    deadline: message.deadline.toString(),
  };
}

/** A fresh 128-bit random nonce, as the CLI draws one (the registry's nonces are unordered). */
export function randomNonce() {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  return n;
}

/**
 * The metadata document: `{"title", "coCreators"}` as SETTLEMENT.md §4 reads it. `coCreatorsText`
 * holds lines `0xADDRESS SHARE_PERCENT`; shares are converted to basis points and must sum to 100 %.
 * Returns undefined when there is neither a title nor co-creators (no metadata, zero hash).
 */
export function metadataDocument(title, coCreatorsText) {
  const doc = {};
  const trimmed = (title || '').trim();
  if (trimmed) doc.title = trimmed;
  const lines = (coCreatorsText || '').split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  if (lines.length > 0) {
    let total = 0;
    doc.coCreators = lines.map((line, i) => {
      const parts = line.split(/[\s,;]+/);
      if (parts.length !== 2) throw new Error(`Co-creator line ${i + 1} must be "0xADDRESS SHARE_PERCENT", not "${line}"`);
      let account;
      try {
        account = getAddress(parts[0]);
      } catch {
        throw new Error(`Co-creator line ${i + 1}: "${parts[0]}" is not an Ethereum address`);
      }
      const percent = parts[1].replace(/%$/, '');
      if (!/^\d+(\.\d{1,2})?$/.test(percent)) {
        throw new Error(`Co-creator line ${i + 1}: the share "${parts[1]}" must be a percentage with at most two decimals`);
      }
      const [whole, fraction = ''] = percent.split('.');
      const bps = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
      if (bps <= 0) throw new Error(`Co-creator line ${i + 1}: a share must be more than 0 %`);
      total += bps;
      return { account: account.toLowerCase(), sharesBps: bps };
    });
    if (total !== 10000) {
      throw new Error(`Co-creators' shares must sum to 100 %, not ${(total / 100).toFixed(2)} %`);
    }
  }
  return Object.keys(doc).length === 0 ? undefined : JSON.stringify(doc);
}
