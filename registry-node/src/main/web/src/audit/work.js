// The audit of one work, as `airm verify` does it (registry-node audit/WorkAuditor.java): the
// record comes from the node, but nothing it says is trusted. The chain id and EIP-712 domain are
// read from the chain, the work id recomputed, the signature recovered, the leaf and its inclusion
// proof recomputed against the root the WorkRegistry holds, and the content re-hashed.

import { bytesToHex, getAddress, hexToBytes } from 'viem';
import { CHECKPOINT_ANCHORED, WORK_REGISTRY_ABI, chainClient, reason } from './chain.js';
import { nodeJson } from './gateway.js';
import { contentCids } from './unixfs.js';
import {
  leafHash,
  recoverSigner,
  rootFromInclusionProof,
  sha256hex,
  workLeaf,
  workRegistrationDigest,
  workRegistryDomain,
} from './verify.js';

const ZERO32 = `0x${'0'.repeat(64)}`;

/**
 * Audits work `workId` into `report`. `ctx` is {registry, nodeUrl}; `client` (optional) a viem
 * public client, by default one on `registry.rpcUrl`.
 */
export async function auditWork(workId, ctx, report, client = chainClient(ctx.registry.rpcUrl)) {
  const id = workId.toLowerCase();
  const registryAddress = getAddress(ctx.registry.workRegistry);

  let record;
  try {
    record = await nodeJson(ctx.nodeUrl, `/v1/works/${id}`);
    report.pass('record', `The node's record was fetched as a claim to check: log index ${record.logIndex}, state ${record.state}.`);
  } catch (e) {
    report.fail('record', e.status === 404 ? `The node holds no work ${id}: ${e.message}.` : `The node's record could not be read: ${e.message}.`);
    return report;
  }
  const reg = record.registration;

  // The chain id and domain come from the chain, not from the node's /v1/registry.
  let chainId;
  try {
    chainId = await client.getChainId();
    const [, name, version, domainChainId, verifyingContract] = await client.readContract({
      address: registryAddress,
      abi: WORK_REGISTRY_ABI,
      functionName: 'eip712Domain',
    });
    const problems = [];
    if (BigInt(chainId) !== BigInt(ctx.registry.chainId)) problems.push(`the node names chain ${ctx.registry.chainId}, the RPC endpoint is chain ${chainId}`);
    if (domainChainId !== BigInt(chainId)) problems.push(`the contract's domain names chain ${domainChainId}, the RPC endpoint is chain ${chainId}`);
    if (name !== 'AIRM WorkRegistry' || version !== '1') problems.push(`the contract's domain is "${name}" version "${version}", expected "AIRM WorkRegistry" version "1"`);
    if (getAddress(verifyingContract) !== registryAddress) problems.push(`the contract's domain names ${verifyingContract}, expected ${registryAddress}`);
    if (problems.length > 0) {
      report.fail('domain', `The EIP-712 domain read from the chain disagrees: ${problems.join('; ')}.`);
      return report;
    }
    report.pass('domain', `Chain ${chainId} (eth_chainId); the WorkRegistry ${registryAddress} reports the EIP-712 domain "${name}" version ${version} for that chain and address.`);
  } catch (e) {
    report.fail('domain', `The registry's EIP-712 domain could not be read from the chain at ${ctx.registry.rpcUrl}: ${reason(e)}.`);
    return report;
  }

  try {
    const digest = workRegistrationDigest(reg, workRegistryDomain(chainId, registryAddress));
    if (digest === id) {
      report.pass('work-id', `The EIP-712 digest of the record's WorkRegistration is ${digest}, the work id.`);
    } else {
      report.fail('work-id', `The EIP-712 digest of the record's WorkRegistration is ${digest}, expected the work id ${id}.`);
    }
  } catch (e) {
    report.fail('work-id', `The record's WorkRegistration cannot be hashed: ${e.message}.`);
  }

  try {
    const signer = await recoverSigner(id, record.signature);
    if (getAddress(signer) === getAddress(reg.creator)) {
      report.pass('signature', `The signature is low-s and recovers ${signer}, the creator.`);
    } else {
      report.fail('signature', `The signature recovers ${signer}, expected the creator ${getAddress(reg.creator)}.`);
    }
  } catch (e) {
    report.fail('signature', `The signature does not verify: ${e.message}.`);
  }

  await checkContent(ctx, record, report);
  checkMetadata(record, report);

  let leaf;
  try {
    leaf = leafHash(workLeaf(id, record.signature));
  } catch (e) {
    report.fail('leaf', `The log leaf cannot be built: ${e.message}.`);
    return report;
  }
  const leafHex = bytesToHex(leaf);
  const proof = record.inclusionProof;
  if (!proof) {
    report.pass('leaf', `The log leaf 0x01 ‖ work id ‖ signature hashes to ${leafHex} (RFC 6962).`);
    report.fail('inclusion', `The work is ${record.state} and not yet anchored: no checkpoint covers log index ${record.logIndex}, so there is no inclusion proof to check yet.`);
    return report;
  }
  if (proof.leafHash !== leafHex || proof.leafIndex !== record.logIndex) {
    report.fail('leaf', `The log leaf 0x01 ‖ work id ‖ signature hashes to ${leafHex} at index ${record.logIndex}; the node's proof is for ${proof.leafHash} at index ${proof.leafIndex}.`);
    return report;
  }
  report.pass('leaf', `The log leaf 0x01 ‖ work id ‖ signature hashes to ${leafHex} (RFC 6962), as the node's proof says.`);

  const treeSize = BigInt(proof.treeSize);
  let chainRoot;
  try {
    chainRoot = await client.readContract({ address: registryAddress, abi: WORK_REGISTRY_ABI, functionName: 'rootAt', args: [treeSize] });
  } catch (e) {
    report.fail('checkpoint', `WorkRegistry.rootAt(${treeSize}) could not be read: ${reason(e)}.`);
    return report;
  }
  if (chainRoot === ZERO32) {
    report.fail('checkpoint', `No checkpoint of tree size ${treeSize} is anchored on chain (rootAt returned zero).`);
    return report;
  }
  report.pass('checkpoint', `WorkRegistry.rootAt(${treeSize}) on chain is ${chainRoot}.`);

  try {
    const root = bytesToHex(rootFromInclusionProof(leaf, proof.leafIndex, proof.treeSize, proof.hashes.map((h) => hexToBytes(h))));
    if (root === chainRoot) {
      report.pass('inclusion', `The RFC 6962 inclusion proof of leaf ${proof.leafIndex} (${proof.hashes.length} hashes) recomputes the root ${root}, the one on chain.`);
    } else {
      report.fail('inclusion', `The RFC 6962 inclusion proof of leaf ${proof.leafIndex} recomputes the root ${root}, expected ${chainRoot} from the chain.`);
    }
  } catch (e) {
    report.fail('inclusion', `The inclusion proof of leaf ${proof.leafIndex} does not verify: ${e.message}.`);
  }

  try {
    const ok = await client.readContract({
      address: registryAddress,
      abi: WORK_REGISTRY_ABI,
      functionName: 'verifyInclusion',
      args: [leafHex, BigInt(proof.leafIndex), treeSize, proof.hashes],
    });
    if (ok) report.pass('inclusion-on-chain', 'WorkRegistry.verifyInclusion on chain returned true for the same proof.');
    else report.fail('inclusion-on-chain', 'WorkRegistry.verifyInclusion on chain returned false, expected true.');
  } catch (e) {
    report.fail('inclusion-on-chain', `WorkRegistry.verifyInclusion could not be called: ${reason(e)}.`);
  }

  await checkAnchor(ctx, client, registryAddress, record, treeSize, chainRoot, report);
  return report;
}

/** The CheckpointAnchored event of the tree size: its root and the transaction the node names. */
async function checkAnchor(ctx, client, registryAddress, record, treeSize, chainRoot, report) {
  try {
    const logs = await client.getLogs({
      address: registryAddress,
      event: CHECKPOINT_ANCHORED,
      args: { treeSize },
      fromBlock: BigInt(ctx.registry.deploymentBlock ?? 0),
      toBlock: 'latest',
    });
    if (logs.length === 0) {
      report.fail('anchor-tx', `No CheckpointAnchored event for tree size ${treeSize} was found on chain since block ${ctx.registry.deploymentBlock ?? 0}.`);
      return;
    }
    const event = logs[logs.length - 1];
    if (event.args.root !== chainRoot) {
      report.fail('anchor-tx', `The CheckpointAnchored event of tree size ${treeSize} carries root ${event.args.root}, expected ${chainRoot}.`);
      return;
    }
    const claimed = record.checkpoint?.txHash;
    if (claimed && claimed.toLowerCase() !== event.transactionHash.toLowerCase()) {
      report.fail('anchor-tx', `The checkpoint was anchored on chain by transaction ${event.transactionHash}, but the node names ${claimed}.`);
      return;
    }
    const head = await client.getBlockNumber();
    const depth = head - event.blockNumber + 1n;
    report.pass('anchor-tx', `Tree size ${treeSize} was anchored by transaction ${event.transactionHash} in block ${event.blockNumber} (${depth} blocks deep), as the node says.`);
  } catch (e) {
    report.fail('anchor-tx', `The CheckpointAnchored events could not be read: ${reason(e)}.`);
  }
}

async function checkContent(ctx, record, report) {
  const reg = record.registration;
  if (!record.contentAvailable) {
    report.skip('content', `A hash-only registration: the node holds no content for ${reg.cid}, so the content hash ${reg.contentHash} can only be checked against a copy of the file.`);
    return;
  }
  let bytes;
  try {
    const response = await fetch(`${ctx.nodeUrl}/ipfs/${reg.cid}`);
    if (!response.ok) throw new Error(`the gateway answered ${response.status} for /ipfs/${reg.cid}`);
    bytes = new Uint8Array(await response.arrayBuffer());
  } catch (e) {
    report.fail('content', `The content could not be fetched: ${e.message}.`);
    return;
  }
  const hash = sha256hex(bytes);
  const cids = await contentCids(bytes);
  const problems = [];
  if (hash !== reg.contentHash.toLowerCase()) problems.push(`its SHA-256 is ${hash}, expected the signed contentHash ${reg.contentHash}`);
  if (cids.v0 !== reg.cid && cids.v1 !== reg.cid) problems.push(`its CIDs are ${cids.v0} / ${cids.v1}, expected the signed CID ${reg.cid}`);
  if (problems.length > 0) {
    report.fail('content', `The ${bytes.length} bytes the gateway served for ${reg.cid} disagree: ${problems.join('; ')}.`);
  } else {
    report.pass('content', `The ${bytes.length} bytes the gateway served hash to the signed contentHash ${hash} and reproduce the CID ${reg.cid}.`);
  }
}

function checkMetadata(record, report) {
  const signed = record.registration.metadataHash.toLowerCase();
  if (typeof record.metadata === 'string') {
    const hash = sha256hex(new TextEncoder().encode(record.metadata));
    if (hash === signed) report.pass('metadata', `The metadata document hashes to the signed metadataHash ${hash}.`);
    else report.fail('metadata', `The metadata document hashes to ${hash}, expected the signed metadataHash ${signed}.`);
  } else if (signed === ZERO32) {
    report.pass('metadata', 'No metadata: the signed metadataHash is 32 zero bytes.');
  } else {
    report.skip('metadata', `The node serves no metadata document for the signed metadataHash ${signed}.`);
  }
}
