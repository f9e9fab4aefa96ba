// The auditor's own view of the chain: a viem public client on the registry's JSON-RPC endpoint,
// and the few contract reads and event queries the audits need.

import { createPublicClient, http, parseAbi, parseAbiItem } from 'viem';

export const WORK_REGISTRY_ABI = parseAbi([
  'function rootAt(uint64 treeSize) view returns (bytes32)',
  'function verifyInclusion(bytes32 leafHash, uint64 index, uint64 treeSize, bytes32[] proof) view returns (bool)',
  'error WorkRegistryUnknownCheckpoint(uint64 treeSize)',
  'function eip712Domain() view returns (bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)',
]);

export const CHECKPOINT_ANCHORED = parseAbiItem(
  'event CheckpointAnchored(uint64 indexed treeSize, bytes32 root, address indexed anchorer)',
);

export const USAGE_ATTESTATIONS_ABI = parseAbi([
  'struct Attestation { address attester; uint64 attestedAt; bool revoked; uint32 workCount; bytes32 modelId; bytes32 modelVersionHash; bytes32 worksRoot; bytes32 evidenceDigest; bytes32 digest; }',
  'function attestation(uint256 id) view returns (Attestation)',
  'error UsageAttestationsUnknownAttestation(uint256 id)',
]);

export const REWARD_DISTRIBUTOR_ABI = parseAbi([
  'struct Pool { address token; uint64 expiry; address funder; uint64 refundAvailableAt; uint256 attestationId; uint256 funded; uint256 claimed; uint256 refunded; }',
  'struct Distribution { bytes32 root; uint256 total; bytes32 reportDigest; uint64 postedAt; uint64 challengeEndsAt; uint8 status; }',
  'function pool(uint256 poolId) view returns (Pool)',
  'error RewardDistributorUnknownPool(uint256 poolId)',
  'function distribution(uint256 poolId) view returns (Distribution)',
]);

export const DISTRIBUTION_POSTED = parseAbiItem(
  'event DistributionPosted(uint256 indexed poolId, bytes32 root, uint256 total, bytes32 reportDigest, string reportCid, uint64 challengeEndsAt, address indexed operator)',
);

export const DISTRIBUTION_STATUS = ['none', 'posted', 'challenged'];

/** A viem public client on `rpcUrl` (the auditor's endpoint, never the node's API). */
export function chainClient(rpcUrl) {
  return createPublicClient({ transport: http(rpcUrl, { retryCount: 2, timeout: 30000 }) });
}

/** The short reason a contract call reverted or an RPC failed. */
export function reason(error) {
  // A revert with one of the contracts' custom errors is named by it, e.g. RewardDistributorUnknownPool(7).
  let e = error;
  while (e) {
    if (e.data?.errorName) {
      return `${e.data.errorName}(${(e.data.args ?? []).map(String).join(', ')})`;
    }
    e = e.cause;
  }
  return (error?.shortMessage ?? error?.message ?? String(error)).split('\n')[0].replace(/\.$/, '');
}
