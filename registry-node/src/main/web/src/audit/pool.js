// The audit of one pool, as `airm audit pool` does it (registry-node audit/PoolAuditor.java,
// SETTLEMENT.md), from the chain and IPFS alone: the DistributionPosted event names the settlement
// document, which must hash to the reportDigest on chain; every claim it makes is then checked
// against the chain or recomputed. Like the Java auditor it stops at the first disagreement, which
// it names. The valuation rerun itself is left to the Java auditor (shown as skipped).

import { bytesToHex, getAddress } from 'viem';
import { readCanonical } from './canonical.js';
import {
  DISTRIBUTION_POSTED,
  DISTRIBUTION_STATUS,
  REWARD_DISTRIBUTOR_ABI,
  USAGE_ATTESTATIONS_ABI,
  WORK_REGISTRY_ABI,
  chainClient,
  reason,
} from './chain.js';
import { fetchVerified } from './gateway.js';
import { Disagreement, yieldToPage } from './report.js';
import {
  allocationTree,
  attestationDigest,
  attestationDomain,
  attestationLeaf,
  keccakText,
  leafHash,
  recoverSigner,
  rootFromInclusionProof,
  sha256hex,
  workLeaf,
  workRegistrationDigest,
  workRegistryDomain,
  worksRoot,
} from './verify.js';

const ZERO32 = `0x${'0'.repeat(64)}`;
/** Longest stretch of work between two repaints of the page, in milliseconds. */
const SLICE_MS = 40;

/** The sentence shown for the valuation rerun, which only the Java auditor does. */
export const VALUATION_SKIPPED =
  'The valuation itself is not rerun in the browser: `./airm audit pool POOL --rpc URL` rebuilds the valuation input from the works\' contents and the evidence and reruns the valuation bit for bit.';

/**
 * Audits pool `poolIdText` (decimal) into `report`. `ctx` is {registry, nodeUrl}; `client`
 * (optional) a viem public client, by default one on `registry.rpcUrl`.
 */
export async function auditPool(poolIdText, ctx, report, client = chainClient(ctx.registry.rpcUrl)) {
  const run = new PoolRun(BigInt(poolIdText), ctx, report, client);
  try {
    await run.all();
  } catch (e) {
    if (e instanceof Disagreement) {
      report.fail(e.check, e.message);
    } else {
      report.fail(run.step, `The audit stopped while ${run.stepDoing}: ${reason(e)}.`);
    }
  }
  return report;
}

/**
 * Checks the works of a settlement document (SETTLEMENT.md §3): each id recomputed under the
 * WorkRegistry `domain`, the creator's signature, the licence, the metadata hash, and the inclusion
 * proof against `checkpointRoot` (the root on chain of tree size `treeSize`). Runs in slices of
 * about 40 ms with a progress message between them, so the page stays responsive for 10,000
 * works; throws a Disagreement naming the first work that fails.
 */
export async function checkWorks(works, domain, treeSize, checkpointRoot, report) {
  const fail = (message) => {
    throw new Disagreement('works', message);
  };
  const root = checkpointRoot.toLowerCase();
  const total = works.length;
  let withMetadata = 0;
  let sliceStart = performance.now();
  for (let i = 0; i < total; i++) {
    const w = works[i];
    const r = w.registration;
    const name = `work ${w.workId} (log ${w.logIndex})`;
    const id = workRegistrationDigest(r, domain);
    if (id !== w.workId.toLowerCase()) fail(`${name}: its registration's EIP-712 digest under the WorkRegistry domain is ${id}, expected the work id.`);
    let signer;
    try {
      signer = await recoverSigner(id, w.signature);
    } catch (e) {
      fail(`${name}: the signature does not verify: ${e.message}.`);
    }
    if (getAddress(signer) !== getAddress(r.creator)) fail(`${name}: the signature recovers ${signer}, expected the creator ${getAddress(r.creator)}.`);
    if (r.aiTraining !== true) fail(`${name}: its registration says aiTraining = false; its licence (${r.licence}) does not permit AI training.`);
    if (w.metadata !== null && w.metadata !== undefined) {
      const hash = sha256hex(new TextEncoder().encode(w.metadata));
      if (hash !== r.metadataHash.toLowerCase()) fail(`${name}: the metadata in the document hashes to ${hash}, but the registration signs metadataHash ${r.metadataHash}.`);
      withMetadata++;
    }
    let computed;
    try {
      computed = bytesToHex(rootFromInclusionProof(leafHash(workLeaf(w.workId, w.signature)), w.logIndex, treeSize, w.proof));
    } catch (e) {
      fail(`${name}: the inclusion proof does not verify: ${e.message}.`);
    }
    if (computed !== root) fail(`${name}: the inclusion proof leads to ${computed}, expected the checkpoint root ${root} on chain.`);
    // A few milliseconds a work (most of it the signature's recovery): repaint between slices.
    if (performance.now() - sliceStart > SLICE_MS && i + 1 < total) {
      report.progress(`works: ${i + 1} of ${total} checked`);
      await yieldToPage();
      sliceStart = performance.now();
    }
  }
  report.progress(`works: ${total} of ${total} checked`);
  return { total, withMetadata };
}

class PoolRun {
  constructor(poolId, ctx, report, client) {
    this.poolId = poolId;
    this.ctx = ctx;
    this.report = report;
    this.client = client;
    this.registry = ctx.registry;
    this.step = 'chain';
    this.stepDoing = 'reading the chain';
  }

  at(step, doing) {
    this.step = step;
    this.stepDoing = doing;
  }

  agree(holds, message) {
    if (!holds) throw new Disagreement(this.step, message);
  }

  /** `field` must be the same in the document as on chain (addresses compared checksummed). */
  same(field, documentValue, chainValue, where = 'on chain') {
    const norm = (v) => (typeof v === 'string' && /^0x[0-9a-fA-F]{40}$/.test(v) ? getAddress(v) : String(v).toLowerCase());
    this.agree(norm(documentValue) === norm(chainValue), `${field} is ${documentValue} in the settlement document, but ${chainValue} ${where}.`);
  }

  read(contract, abi, functionName, args) {
    return this.client.readContract({ address: getAddress(contract), abi, functionName, args });
  }

  async all() {
    const { report, registry, poolId } = this;

    this.at('chain', 'reading eth_chainId');
    const chainId = await this.client.getChainId();
    this.agree(
      BigInt(chainId) === BigInt(registry.chainId),
      `The RPC endpoint ${registry.rpcUrl} is chain ${chainId}, but the registry names chain ${registry.chainId}.`,
    );
    this.agree(registry.rewardDistributor && registry.usageAttestations, 'The node names no RewardDistributor or UsageAttestations contract: it does not settle pools.');
    report.pass('chain', `Chain ${chainId} (eth_chainId), RewardDistributor ${getAddress(registry.rewardDistributor)}.`);

    this.at('pool', `reading RewardDistributor.pool(${poolId})`);
    let pool;
    try {
      pool = await this.read(registry.rewardDistributor, REWARD_DISTRIBUTOR_ABI, 'pool', [poolId]);
    } catch (e) {
      throw new Disagreement('pool', `The chain has no pool ${poolId}: RewardDistributor.pool(${poolId}) reverted (${reason(e)}).`);
    }
    report.pass('pool', `Pool ${poolId} on chain: attestation ${pool.attestationId}, token ${pool.token === '0x0000000000000000000000000000000000000000' ? 'ETH' : pool.token}, funded ${pool.funded}, funder ${pool.funder}.`);

    this.at('distribution', `reading RewardDistributor.distribution(${poolId})`);
    const distribution = await this.read(registry.rewardDistributor, REWARD_DISTRIBUTOR_ABI, 'distribution', [poolId]);
    const status = DISTRIBUTION_STATUS[distribution.status] ?? `status ${distribution.status}`;
    this.agree(distribution.status !== 0, `No distribution is posted for pool ${poolId} on chain (status none): there is nothing to audit yet.`);
    report.pass('distribution', `Distribution on chain: root ${distribution.root}, total ${distribution.total}, report digest ${distribution.reportDigest}, ${status}.`);

    this.at('distribution-event', 'reading the DistributionPosted events');
    const events = await this.client.getLogs({
      address: getAddress(registry.rewardDistributor),
      event: DISTRIBUTION_POSTED,
      args: { poolId },
      fromBlock: BigInt(registry.deploymentBlock ?? 0),
      toBlock: 'latest',
    });
    const event = events.filter((e) => e.args.root === distribution.root && e.args.reportDigest === distribution.reportDigest).pop();
    this.agree(event !== undefined, `None of the pool's ${events.length} DistributionPosted events carries the current root ${distribution.root} and report digest ${distribution.reportDigest}.`);
    const reportCid = event.args.reportCid;
    report.pass('distribution-event', `DistributionPosted (transaction ${event.transactionHash}) names the settlement document ${reportCid}.`);

    this.at('document', `fetching the settlement document ${reportCid}`);
    report.progress(`fetching the settlement document ${reportCid} from the gateway`);
    const bytes = await fetchVerified(this.ctx.nodeUrl, reportCid);
    const digest = sha256hex(bytes);
    this.agree(digest === distribution.reportDigest, `The settlement document fetched by CID ${reportCid} hashes to ${digest}, but the chain's reportDigest is ${distribution.reportDigest}.`);
    const { value: doc, canonical } = readCanonical(bytes);
    this.agree(canonical, 'The settlement document is not in canonical JSON form (RFC 8785), so its digest is not of the document the chain names.');
    this.agree(doc.format === 'airm-settlement/1', `The document's format is ${JSON.stringify(doc.format)}, expected "airm-settlement/1".`);
    report.pass('document', `${bytes.length} bytes from the gateway reproduce the CID ${reportCid}, are canonical JSON (airm-settlement/1) and hash to the reportDigest on chain.`);

    this.at('contracts', 'comparing the document with the chain');
    this.agree(BigInt(doc.chainId) === BigInt(chainId), `The document is for chain ${doc.chainId}, but the RPC endpoint is chain ${chainId}.`);
    this.same('contracts.workRegistry', doc.contracts.workRegistry, registry.workRegistry, 'in the registry audited');
    this.same('contracts.usageAttestations', doc.contracts.usageAttestations, registry.usageAttestations, 'in the registry audited');
    this.same('contracts.rewardDistributor', doc.contracts.rewardDistributor, registry.rewardDistributor, 'in the registry audited');
    this.agree(BigInt(doc.pool.id) === poolId, `The document settles pool ${doc.pool.id}, not pool ${poolId}.`);
    this.same('pool.token', doc.pool.token, pool.token);
    this.same('pool.attestationId', doc.pool.attestationId, pool.attestationId);
    const funded = BigInt(doc.pool.funded);
    this.agree(funded > 0n && funded <= pool.funded, `The document splits pool.funded ${funded}, but the chain credits the pool with ${pool.funded}.`);
    this.same('allocation.root', doc.allocation.root, distribution.root);
    this.same('allocation.total', doc.allocation.total, distribution.total);
    report.pass('contracts', `The document is for chain ${chainId}, the three contracts audited and pool ${poolId} (token, attestation ${pool.attestationId}, ${funded} of ${pool.funded} funded); its allocation root and total are the ones posted.`);

    await this.attestation(doc, chainId);
    await this.evidence(doc);
    await this.checkpoint(doc);
    await this.works(doc, chainId);
    this.attestationInclusion(doc);
    await this.allocation(doc, distribution);
    report.skip('valuation', VALUATION_SKIPPED.replace('POOL', String(poolId)).replace('URL', registry.rpcUrl));
  }

  async attestation(doc, chainId) {
    const { report, registry } = this;
    const a = doc.attestation;
    const m = a.message;
    this.at('attestation', `reading UsageAttestations.attestation(${doc.pool.attestationId})`);
    let onChain;
    try {
      onChain = await this.read(registry.usageAttestations, USAGE_ATTESTATIONS_ABI, 'attestation', [BigInt(doc.pool.attestationId)]);
    } catch (e) {
      throw new Disagreement('attestation', `The chain has no attestation ${doc.pool.attestationId}: ${reason(e)}.`);
    }
    this.same('attestation.message.attester', m.attester, onChain.attester);
    this.same('attestation.id (its digest)', a.id, onChain.digest);
    this.same('attestation.message.worksRoot', m.worksRoot, onChain.worksRoot);
    this.same('attestation.message.workCount', m.workCount, onChain.workCount);
    this.same('attestation.message.evidenceDigest', m.evidenceDigest, onChain.evidenceDigest);
    this.same('attestation.message.modelId', m.modelId, onChain.modelId);
    this.same('keccak256(attestation.message.modelVersion)', keccakText(m.modelVersion), onChain.modelVersionHash);
    this.same('attestation.attestedAt', a.attestedAt, onChain.attestedAt);
    report.pass('attestation', `Attestation ${doc.pool.attestationId} on chain by ${onChain.attester} for ${m.modelVersion}: digest, works root, count, evidence digest, model and time agree with the document${onChain.revoked ? ' (note: revoked since by its attester)' : ''}.`);

    this.at('attestation-signature', 'recovering the attestation signature');
    const digest = attestationDigest(m, attestationDomain(chainId, registry.usageAttestations));
    this.agree(digest === a.id.toLowerCase(), `The message's EIP-712 digest under the UsageAttestations domain is ${digest}, expected the attestation id ${a.id}.`);
    let signer;
    try {
      signer = await recoverSigner(digest, a.signature);
    } catch (e) {
      throw new Disagreement(this.step, `The attestation signature does not verify: ${e.message}.`);
    }
    this.agree(getAddress(signer) === getAddress(onChain.attester), `The attestation signature recovers ${signer}, expected the attester ${onChain.attester}.`);
    report.pass('attestation-signature', `The EIP-712 digest under the UsageAttestations domain (chain ${chainId}, ${getAddress(registry.usageAttestations)}) is the attestation id; the low-s signature recovers the attester ${signer}.`);
  }

  async evidence(doc) {
    const m = doc.attestation.message;
    const cid = doc.attestation.evidenceCid;
    this.at('evidence', `fetching the evidence ${cid}`);
    const bytes = await fetchVerified(this.ctx.nodeUrl, cid);
    const digest = sha256hex(bytes);
    const { value: evidence, canonical } = readCanonical(bytes);
    this.agree(canonical, `The evidence ${cid} is not in canonical JSON form (RFC 8785).`);
    this.agree(digest === m.evidenceDigest.toLowerCase(), `The evidence fetched by CID ${cid} hashes (canonical JSON, SHA-256) to ${digest}, but the attestation signs evidenceDigest ${m.evidenceDigest}.`);
    const ids = doc.works.map((w) => w.workId.toLowerCase()).sort();
    const listed = evidence.works.map((w) => w.toLowerCase());
    if (listed.length !== ids.length || listed.some((id, i) => id !== ids[i])) {
      const inDoc = new Set(ids);
      const inEvidence = new Set(listed);
      const missing = listed.filter((id) => !inDoc.has(id)).slice(0, 3);
      const extra = ids.filter((id) => !inEvidence.has(id)).slice(0, 3);
      throw new Disagreement('evidence', `The evidence names ${listed.length} works, the document ${ids.length}${missing.length ? `; missing from the document: ${missing.join(', ')}` : ''}${extra.length ? `; not in the evidence: ${extra.join(', ')}` : ''}.`);
    }
    let root;
    try {
      root = worksRoot(evidence.works);
    } catch (e) {
      throw new Disagreement('evidence', `The evidence's works: ${e.message}.`);
    }
    this.agree(root === m.worksRoot.toLowerCase(), `The RFC 6962 root of the evidence's sorted work ids is ${root}, but the attestation signs worksRoot ${m.worksRoot}.`);
    this.agree(Number(m.workCount) === ids.length, `The attestation signs workCount ${m.workCount}, but the evidence names ${ids.length} works.`);
    this.report.pass('evidence', `The evidence (${bytes.length} bytes, reproducing CID ${cid}) is canonical JSON hashing to the signed evidenceDigest; its ${ids.length} works are the document's, and their RFC 6962 works root is the signed ${root}; influence by ${evidence.influence?.method}.`);
  }

  async checkpoint(doc) {
    const size = BigInt(doc.checkpoint.treeSize);
    this.at('checkpoint', `reading WorkRegistry.rootAt(${size})`);
    const root = await this.read(this.registry.workRegistry, WORK_REGISTRY_ABI, 'rootAt', [size]);
    this.agree(root !== ZERO32, `No checkpoint of tree size ${size} is anchored on chain (rootAt returned zero).`);
    this.same('checkpoint.root', doc.checkpoint.root, root);
    this.checkpointRoot = root;
    this.report.pass('checkpoint', `WorkRegistry.rootAt(${size}) on chain is ${root}, the document's checkpoint: every inclusion proof is checked against it.`);
  }

  /** Every work of the document against the checkpoint root read from the chain once. */
  async works(doc, chainId) {
    this.at('works', 'checking the works');
    const domain = workRegistryDomain(chainId, this.registry.workRegistry);
    const { total, withMetadata } = await checkWorks(doc.works, domain, doc.checkpoint.treeSize, this.checkpointRoot, this.report);
    this.report.pass('works', `All ${total} works: id recomputed (EIP-712), the creator's low-s signature recovered, the licence permits AI training, ${withMetadata} metadata documents hash to their signed metadataHash, and every RFC 6962 inclusion proof leads to the checkpoint root on chain.`);
  }

  attestationInclusion(doc) {
    const a = doc.attestation;
    this.at('attestation-inclusion', 'checking the attestation leaf');
    let computed;
    try {
      computed = rootFromInclusionProof(leafHash(attestationLeaf(a.id, a.signature)), a.logIndex, doc.checkpoint.treeSize, a.proof);
    } catch (e) {
      throw new Disagreement(this.step, `The attestation's inclusion proof does not verify: ${e.message}.`);
    }
    this.agree(bytesToHex(computed) === this.checkpointRoot, `The attestation leaf's inclusion proof leads to ${bytesToHex(computed)}, expected the checkpoint root ${this.checkpointRoot} on chain.`);
    this.report.pass('attestation-inclusion', `The attestation's log leaf 0x02 ‖ id ‖ signature at index ${a.logIndex} is in the checkpoint on chain.`);
  }

  async allocation(doc, distribution) {
    const refs = doc.valuation;
    this.at('report', `fetching the valuation report ${refs.reportCid}`);
    this.report.progress(`fetching the valuation report ${refs.reportCid} from the gateway`);
    const bytes = await fetchVerified(this.ctx.nodeUrl, refs.reportCid);
    const digest = sha256hex(bytes);
    this.agree(digest === refs.reportSha256.toLowerCase(), `The valuation report fetched by CID ${refs.reportCid} hashes to ${digest}, but the settlement document names reportSha256 ${refs.reportSha256}.`);
    const { value: valuationReport, canonical } = readCanonical(bytes);
    this.agree(canonical, `The valuation report ${refs.reportCid} is not in canonical JSON form (RFC 8785).`);
    this.report.pass('report', `The valuation report (${bytes.length} bytes, reproducing CID ${refs.reportCid}) is canonical JSON hashing to the document's reportSha256 ${digest}.`);

    this.at('allocation', 'rebuilding the allocation tree');
    this.report.progress('rebuilding the allocation tree');
    await yieldToPage();
    const leaves = valuationReport.allocation?.leaves ?? [];
    const tree = allocationTree(leaves);
    this.agree(tree.root === distribution.root.toLowerCase(), `The OpenZeppelin StandardMerkleTree of the report's ${tree.leaves} allocation leaves has root ${tree.root}, but the chain holds ${distribution.root}.`);
    this.agree(tree.total === distribution.total, `The report's allocation leaves sum to ${tree.total}, but the chain's total is ${distribution.total}.`);
    this.agree(tree.leaves === Number(doc.allocation.leaves), `The report has ${tree.leaves} allocation leaves, but the settlement document says ${doc.allocation.leaves}.`);
    this.report.pass('allocation', `The allocation tree rebuilt from the report's ${tree.leaves} leaves (OpenZeppelin StandardMerkleTree over (uint256 index, address account, uint256 amount)) has the root ${tree.root} posted on chain, and its amounts sum to the total ${tree.total} on chain.`);
  }
}
