// The pure logic of the audit: every hash, digest, tree and proof an auditor recomputes, written
// from the specifications the Java node follows (README "What an auditor recomputes",
// registry-node/SETTLEMENT.md). No I/O here, so each function is unit-tested against vectors the
// Java implementation produces (test/audit/).

import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { TYPES as WORK_REGISTRATION_TYPES } from '../registration.js';
import {
  bytesToHex,
  concatBytes,
  getAddress,
  hashTypedData,
  hexToBytes,
  keccak256,
  recoverAddress,
  sha256 as sha256Hex,
  toBytes,
} from 'viem';

/** secp256k1's group order n; EIP-2 accepts only s <= n/2. */
const CURVE_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** SHA-256 of bytes, as bytes. */
export function sha256(bytes) {
  return sha256Hex(bytes, 'bytes');
}

/** SHA-256 of bytes, as 0x-prefixed lower-case hex. */
export function sha256hex(bytes) {
  return sha256Hex(bytes);
}

/** RFC 6962 leaf hash: SHA-256(0x00 ‖ leaf). */
export function leafHash(leaf) {
  return sha256(concatBytes([Uint8Array.of(0), leaf]));
}

/** RFC 6962 interior node: SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left, right) {
  return sha256(concatBytes([Uint8Array.of(1), left, right]));
}

/** The 98-byte log leaf of a work: 0x01 ‖ work id (32) ‖ signature (65). */
export function workLeaf(workId, signature) {
  return typedLeaf(1, workId, signature);
}

/** The 98-byte log leaf of a usage attestation: 0x02 ‖ attestation id (32) ‖ signature (65). */
export function attestationLeaf(attestationId, signature) {
  return typedLeaf(2, attestationId, signature);
}

function typedLeaf(type, id, signature) {
  const idBytes = hexToBytes(id);
  const sigBytes = hexToBytes(signature);
  if (idBytes.length !== 32 || sigBytes.length !== 65) {
    throw new Error(`a log leaf needs a 32-byte id and a 65-byte signature, not ${idBytes.length} and ${sigBytes.length} bytes`);
  }
  return concatBytes([Uint8Array.of(type), idBytes, sigBytes]);
}

/**
 * The root an RFC 6962 inclusion proof leads to (RFC 9162 §2.1.3.2), or throws naming why the
 * proof cannot belong to a tree of that size (index outside it, wrong number of hashes).
 */
export function rootFromInclusionProof(leafHashBytes, index, treeSize, proof) {
  let fn = BigInt(index);
  let sn = BigInt(treeSize) - 1n;
  if (fn > sn) {
    throw new Error(`leaf index ${index} is outside a tree of size ${treeSize}`);
  }
  let r = leafHashBytes;
  for (const p of proof) {
    if (sn === 0n) {
      throw new Error(`the proof has ${proof.length} hashes, more than a tree of size ${treeSize} needs for leaf ${index}`);
    }
    const sibling = typeof p === 'string' ? hexToBytes(p) : p;
    if ((fn & 1n) === 1n || fn === sn) {
      r = nodeHash(sibling, r);
      if ((fn & 1n) === 0n) {
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      r = nodeHash(r, sibling);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) {
    throw new Error(`the proof has ${proof.length} hashes, fewer than a tree of size ${treeSize} needs for leaf ${index}`);
  }
  return r;
}

/** The RFC 6962 Merkle tree head of a list of leaf hashes (SHA-256 of nothing when empty). */
export function merkleRoot(leafHashes) {
  if (leafHashes.length === 0) {
    return sha256(new Uint8Array(0));
  }
  // Level by level, carrying an odd last node up unchanged: the same tree as RFC 6962's split at
  // the largest power of two below n.
  let level = leafHashes;
  while (level.length > 1) {
    const next = [];
    for (let i = 0; i + 1 < level.length; i += 2) {
      next.push(nodeHash(level[i], level[i + 1]));
    }
    if (level.length % 2 === 1) {
      next.push(level[level.length - 1]);
    }
    level = next;
  }
  return level[0];
}

/**
 * The works root of an attestation (SETTLEMENT.md §1): the RFC 6962 root of the work ids sorted
 * ascending without repeats, each id's 32 bytes one leaf. Throws if the ids are not so sorted.
 */
export function worksRoot(sortedIds) {
  const hashes = [];
  for (let i = 0; i < sortedIds.length; i++) {
    const id = sortedIds[i].toLowerCase();
    if (i > 0 && sortedIds[i - 1].toLowerCase() >= id) {
      throw new Error(`work ids must be sorted ascending without repeats: ${id} follows ${sortedIds[i - 1]}`);
    }
    hashes.push(leafHash(hexToBytes(id)));
  }
  return bytesToHex(merkleRoot(hashes));
}

/** The EIP-712 types of a registration: the ones the register page signs. */
export { WORK_REGISTRATION_TYPES };


const ATTESTATION_TYPES = {
  Attestation: [
    { name: 'modelId', type: 'bytes32' },
    { name: 'modelVersion', type: 'string' },
    { name: 'worksRoot', type: 'bytes32' },
    { name: 'workCount', type: 'uint32' },
    { name: 'evidenceDigest', type: 'bytes32' },
    { name: 'attester', type: 'address' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
};

/** The EIP-712 domain of the WorkRegistry at `registry` on chain `chainId`. */
export function workRegistryDomain(chainId, registry) {
  return { name: 'AIRM WorkRegistry', version: '1', chainId: BigInt(chainId), verifyingContract: getAddress(registry) };
}

/** The EIP-712 domain of the UsageAttestations contract at `contract` on chain `chainId`. */
export function attestationDomain(chainId, contract) {
  return { name: 'AIRM UsageAttestations', version: '1', chainId: BigInt(chainId), verifyingContract: getAddress(contract) };
}

/** The work id: the EIP-712 digest of a WorkRegistration (as the node's JSON shows it). */
export function workRegistrationDigest(registration, domain) {
  return hashTypedData({
    domain,
    types: WORK_REGISTRATION_TYPES,
    primaryType: 'WorkRegistration',
    message: {
      creator: getAddress(registration.creator),
      contentHash: registration.contentHash,
      cid: registration.cid,
      metadataHash: registration.metadataHash,
      licence: registration.licence,
      aiTraining: registration.aiTraining === true,
      parents: registration.parents ?? [],
      nonce: BigInt(registration.nonce),
      deadline: BigInt(registration.deadline),
    },
  });
}

/** The attestation id: the EIP-712 digest of an Attestation message (SETTLEMENT.md §1). */
export function attestationDigest(message, domain) {
  return hashTypedData({
    domain,
    types: ATTESTATION_TYPES,
    primaryType: 'Attestation',
    message: {
      modelId: message.modelId,
      modelVersion: message.modelVersion,
      worksRoot: message.worksRoot,
      workCount: Number(message.workCount),
      evidenceDigest: message.evidenceDigest,
      attester: getAddress(message.attester),
      nonce: BigInt(message.nonce),
      deadline: BigInt(message.deadline),
    },
  });
}

/**
 * Recovers the signer of a 65-byte r ‖ s ‖ v signature over `digest`, refusing what the node and
 * the contracts refuse: a v other than 27 or 28, an s above n/2 (EIP-2).
 */
export async function recoverSigner(digest, signature) {
  const bytes = hexToBytes(signature);
  if (bytes.length !== 65) {
    throw new Error(`a signature is 65 bytes, not ${bytes.length}`);
  }
  const v = bytes[64];
  if (v !== 27 && v !== 28) {
    throw new Error(`the signature's v is ${v}, not 27 or 28`);
  }
  const s = BigInt(bytesToHex(bytes.subarray(32, 64)));
  if (s > CURVE_ORDER / 2n) {
    throw new Error(`the signature's s is above n/2 (not low-s, EIP-2): ${bytesToHex(bytes.subarray(32, 64))}`);
  }
  return recoverAddress({ hash: digest, signature });
}

/** keccak256 of a string's UTF-8 bytes (how UsageAttestations stores a model version). */
export function keccakText(text) {
  return keccak256(toBytes(text));
}

/**
 * A pool's allocation tree: OpenZeppelin's StandardMerkleTree over (uint256 index, address
 * account, uint256 amount) leaves, built from the valuation report's `allocation.leaves`
 * ({index, account, amountWei}). Returns the root, the sum of the amounts and the leaf count.
 */
export function allocationTree(leaves) {
  if (leaves.length === 0) {
    throw new Error('the report allocates nothing: an allocation tree needs at least one leaf');
  }
  let total = 0n;
  const values = leaves.map((leaf) => {
    const amount = BigInt(leaf.amountWei);
    total += amount;
    return [BigInt(leaf.index).toString(), getAddress(leaf.account), amount.toString()];
  });
  const tree = StandardMerkleTree.of(values, ['uint256', 'address', 'uint256']);
  return { root: tree.root.toLowerCase(), total, leaves: leaves.length };
}

/** The leaf hash of one allocation: keccak256(bytes.concat(keccak256(abi.encode(index, account, amount)))). */
export function allocationLeafHash(index, account, amount) {
  const tree = StandardMerkleTree.of(
    [[BigInt(index).toString(), getAddress(account), BigInt(amount).toString()]],
    ['uint256', 'address', 'uint256'],
  );
  return tree.leafHash(tree.at(0)).toLowerCase();
}

export { bytesToHex, hexToBytes };
