// The pool audit's check of every work (checkWorks) on a log built here: works signed with viem,
// their leaves in an RFC 6962 tree, each proof cut from it. One changed thing per failing case.
// AIRM_AUDIT_BENCH_WORKS=10000 times a larger list.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bytesToHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { checkWorks } from '../../src/audit/pool.js';
import { Disagreement } from '../../src/audit/report.js';
import {
  WORK_REGISTRATION_TYPES,
  leafHash,
  merkleRoot,
  sha256hex,
  workLeaf,
  workRegistrationDigest,
  workRegistryDomain,
} from '../../src/audit/verify.js';

const KEYS = [
  '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
  '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6',
];
const DOMAIN = workRegistryDomain(31337, '0x5fbdb2315678afecb367f032d93f642f64180aa3');

/** RFC 6962 §2.1.1 PATH(m, D[n]) over leaf hashes. */
function auditPath(m, hashes) {
  if (hashes.length <= 1) return [];
  let k = 1;
  while (k * 2 < hashes.length) k *= 2;
  return m < k
    ? [...auditPath(m, hashes.slice(0, k)), merkleRoot(hashes.slice(k))]
    : [...auditPath(m - k, hashes.slice(k)), merkleRoot(hashes.slice(0, k))];
}

async function signedWork(i, overrides = {}, key = KEYS[i % KEYS.length]) {
  const account = privateKeyToAccount(key);
  const metadata = i % 4 === 0 ? `{"title":"work ${i}"}` : null;
  const registration = {
    creator: account.address.toLowerCase(),
    contentHash: sha256hex(new TextEncoder().encode(`content ${i}`)),
    cid: 'bafkreicysg23kiwv34eg2d7qweipxwosdo2py4ldv42nbauguluen5v6am',
    metadataHash: metadata ? sha256hex(new TextEncoder().encode(metadata)) : `0x${'0'.repeat(64)}`,
    licence: 'CC-BY-4.0',
    aiTraining: true,
    parents: [],
    nonce: String(1000 + i),
    deadline: '1790000000',
    ...overrides,
  };
  const message = { ...registration, nonce: BigInt(registration.nonce), deadline: BigInt(registration.deadline) };
  const signature = await account.signTypedData({ domain: DOMAIN, types: WORK_REGISTRATION_TYPES, primaryType: 'WorkRegistration', message });
  return { workId: workRegistrationDigest(registration, DOMAIN), signature, metadata, registration };
}

/** A log of `n` works (between two other leaves), `change` applied before the tree is built. */
async function log(n, change = async () => {}) {
  const works = [];
  for (let i = 0; i < n; i++) works.push(await signedWork(i));
  await change(works);
  const leaves = [leafHash(Uint8Array.of(2, 1)), ...works.map((w) => leafHash(workLeaf(w.workId, w.signature))), leafHash(Uint8Array.of(2, 2))];
  works.forEach((w, i) => {
    w.logIndex = i + 1;
    w.proof = auditPath(i + 1, leaves).map((h) => bytesToHex(h));
  });
  return { works, treeSize: leaves.length, root: bytesToHex(merkleRoot(leaves)) };
}

const progress = { progress() {} };

test('every work of an honest log passes: ids, signatures, licences, metadata, proofs', async () => {
  const { works, treeSize, root } = await log(23);
  assert.deepEqual(await checkWorks(works, DOMAIN, treeSize, root, progress), { total: 23, withMetadata: 6 });
});

/** The disagreement checkWorks throws for a log changed by `change` and then by `after`. */
async function failure(change, after = () => {}) {
  const l = await log(9, change);
  after(l);
  const error = await checkWorks(l.works, DOMAIN, l.treeSize, l.root, progress).then(() => null, (e) => e);
  assert.ok(error instanceof Disagreement, `expected a disagreement, got ${error}`);
  assert.equal(error.check, 'works');
  return error.message;
}

test('a work whose licence forbids AI training fails by name, though signed and included', async () => {
  let id;
  const message = await failure(async (works) => {
    works[2] = await signedWork(2, { aiTraining: false });
    id = works[2].workId;
  });
  assert.match(message, new RegExp(`work ${id} \\(log 3\\): its registration says aiTraining = false`));
});

test('a registration changed after signing fails its recomputed id', async () => {
  const message = await failure(async () => {}, (l) => {
    l.works[4].registration = { ...l.works[4].registration, licence: 'CC0-1.0' };
  });
  assert.match(message, /\(log 5\): its registration's EIP-712 digest .* is 0x[0-9a-f]{64}, expected the work id/);
});

test("a signature by another key than the creator's fails, naming both", async () => {
  const message = await failure(async (works) => {
    const other = await signedWork(3, {}, KEYS[0]);
    works[3] = { ...other, registration: { ...other.registration, creator: privateKeyToAccount(KEYS[1]).address.toLowerCase() } };
    works[3].workId = workRegistrationDigest(works[3].registration, DOMAIN);
  });
  assert.match(message, /the signature recovers 0x[0-9a-fA-F]{40}, expected the creator 0x/);
});

test('metadata that is not the signed document fails', async () => {
  const message = await failure(async () => {}, (l) => {
    l.works[0].metadata = '{"title":"another"}';
  });
  assert.match(message, /the metadata in the document hashes to 0x[0-9a-f]{64}, but the registration signs metadataHash/);
});

test('a changed proof hash, or a proof against another root, fails', async () => {
  const changed = await failure(async () => {}, (l) => {
    const h = l.works[6].proof[0];
    l.works[6].proof[0] = `0x${h[2] === 'a' ? 'b' : 'a'}${h.slice(3)}`;
  });
  assert.match(changed, /\(log 7\): the inclusion proof leads to 0x[0-9a-f]{64}, expected the checkpoint root/);
  const root = await failure(async () => {}, (l) => {
    l.root = `0x${'11'.repeat(32)}`;
  });
  assert.match(root, /expected the checkpoint root 0x1111/);
  const short = await failure(async () => {}, (l) => {
    l.works[1].proof.pop();
  });
  assert.match(short, /the inclusion proof does not verify: the proof has \d+ hashes, fewer than/);
});

const bench = Number(process.env.AIRM_AUDIT_BENCH_WORKS ?? 0);
test(`checking ${bench} works (AIRM_AUDIT_BENCH_WORKS)`, { skip: bench === 0 }, async () => {
  const { works, treeSize, root } = await log(bench);
  let slices = 0;
  const started = performance.now();
  await checkWorks(works, DOMAIN, treeSize, root, { progress: () => slices++ });
  const seconds = (performance.now() - started) / 1000;
  console.log(`${bench} works checked in ${seconds.toFixed(1)} s (${((seconds * 1000) / bench).toFixed(2)} ms a work), ${slices} progress slices`);
});
