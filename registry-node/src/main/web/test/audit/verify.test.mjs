// The audit's pure logic against vectors the Java implementation computed
// (BrowserAuditVectorsTest writes them and runs these tests with AIRM_AUDIT_VECTORS; without it,
// the committed copy is used), and the ways each check must fail.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { bytesToHex, getAddress, hexToBytes, toBytes } from 'viem';
import { canonicalize, parseJson, readCanonical } from '../../src/audit/canonical.js';
import { parseAuditTarget } from '../../src/audit/page.js';
import { AuditReport } from '../../src/audit/report.js';
import { contentCids, matchesCid } from '../../src/audit/unixfs.js';
import {
  allocationLeafHash,
  allocationTree,
  attestationDigest,
  attestationDomain,
  attestationLeaf,
  leafHash,
  merkleRoot,
  recoverSigner,
  rootFromInclusionProof,
  sha256hex,
  workLeaf,
  workRegistrationDigest,
  workRegistryDomain,
  worksRoot,
} from '../../src/audit/verify.js';

const path = process.env.AIRM_AUDIT_VECTORS ?? new URL('./java-vectors.json', import.meta.url);
const V = JSON.parse(readFileSync(path, 'utf8'));

test('RFC 6962 roots equal Java for trees of 0 to 20 leaves', () => {
  for (const tree of V.rfc6962) {
    const hashes = tree.leafData.map((d) => leafHash(hexToBytes(d)));
    assert.equal(bytesToHex(merkleRoot(hashes)), tree.root, `size ${tree.size}`);
  }
});

test("every inclusion proof Java gives leads to Java's root", () => {
  let count = 0;
  for (const tree of V.rfc6962) {
    tree.proofs.forEach((proof, index) => {
      const leaf = leafHash(hexToBytes(tree.leafData[index]));
      assert.equal(bytesToHex(rootFromInclusionProof(leaf, index, tree.size, proof)), tree.root, `leaf ${index} of ${tree.size}`);
      count++;
    });
  }
  assert.ok(count > 100, `${count} proofs checked`);
});

test('an inclusion proof with a changed hash, a missing or extra hash, or a wrong index fails', () => {
  const tree = V.rfc6962.find((t) => t.size === 13);
  const leaf = leafHash(hexToBytes(tree.leafData[5]));
  const proof = tree.proofs[5];
  const tampered = [...proof];
  tampered[1] = `0x${tampered[1][2] === '0' ? '1' : '0'}${tampered[1].slice(3)}`;
  assert.notEqual(bytesToHex(rootFromInclusionProof(leaf, 5, 13, tampered)), tree.root);
  assert.notEqual(bytesToHex(rootFromInclusionProof(leaf, 6, 13, proof)), tree.root);
  assert.throws(() => rootFromInclusionProof(leaf, 5, 13, proof.slice(1)), /fewer than a tree of size 13 needs/);
  assert.throws(() => rootFromInclusionProof(leaf, 5, 13, [...proof, proof[0]]), /more than a tree of size 13 needs/);
  assert.throws(() => rootFromInclusionProof(leaf, 13, 13, proof), /outside a tree of size 13/);
});

test('work ids, signatures and log leaves equal Java', async () => {
  for (const w of V.eip712.works) {
    const id = workRegistrationDigest(w.registration, workRegistryDomain(w.chainId, w.verifyingContract));
    assert.equal(id, w.workId);
    assert.equal(await recoverSigner(id, w.signature), getAddress(w.signer));
    assert.equal(bytesToHex(workLeaf(id, w.signature)), w.leaf);
    assert.equal(bytesToHex(leafHash(workLeaf(id, w.signature))), w.leafHash);
  }
});

test('a changed registration field, another chain or another contract gives another work id', () => {
  const w = V.eip712.works[2];
  const domain = workRegistryDomain(w.chainId, w.verifyingContract);
  assert.notEqual(workRegistrationDigest({ ...w.registration, aiTraining: !w.registration.aiTraining }, domain), w.workId);
  assert.notEqual(workRegistrationDigest({ ...w.registration, parents: w.registration.parents.slice(1) }, domain), w.workId);
  assert.notEqual(workRegistrationDigest({ ...w.registration, licence: 'CC0-1.0' }, domain), w.workId);
  assert.notEqual(workRegistrationDigest(w.registration, workRegistryDomain(1, w.verifyingContract)), w.workId);
  assert.notEqual(workRegistrationDigest(w.registration, workRegistryDomain(w.chainId, V.eip712.attestation.verifyingContract)), w.workId);
});

test('a high-s signature, a bad v or a signature over another digest does not recover the creator', async () => {
  const w = V.eip712.works[0];
  const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
  const s = BigInt(`0x${w.signature.slice(66, 130)}`);
  const v = parseInt(w.signature.slice(130), 16);
  const highS = `${w.signature.slice(0, 66)}${(n - s).toString(16).padStart(64, '0')}${(v === 27 ? 28 : 27).toString(16)}`;
  await assert.rejects(recoverSigner(w.workId, highS), /not low-s/);
  await assert.rejects(recoverSigner(w.workId, `${w.signature.slice(0, 130)}01`), /v is 1/);
  assert.notEqual(await recoverSigner(V.eip712.works[1].workId, w.signature), getAddress(w.signer));
});

test('the attestation id, its signer and its log leaf equal Java', async () => {
  const a = V.eip712.attestation;
  const id = attestationDigest(a.message, attestationDomain(a.chainId, a.verifyingContract));
  assert.equal(id, a.id);
  assert.equal(await recoverSigner(id, a.signature), getAddress(a.signer));
  assert.equal(bytesToHex(attestationLeaf(id, a.signature)), a.leaf);
  assert.notEqual(attestationDigest({ ...a.message, workCount: 4 }, attestationDomain(a.chainId, a.verifyingContract)), a.id);
});

test('canonical JSON (RFC 8785) equals Java, big integers included', () => {
  for (const c of V.canonical) {
    const text = canonicalize(parseJson(c.input));
    assert.equal(text, c.canonical);
    assert.equal(sha256hex(toBytes(text)), c.sha256);
    assert.equal(readCanonical(toBytes(c.canonical)).canonical, true);
    if (c.canonical !== c.input) assert.equal(readCanonical(toBytes(c.input)).canonical, false);
  }
});

test('canonical JSON refuses fractions, exponents, trailing text and malformed UTF-8', () => {
  assert.throws(() => parseJson('{"a": 1.5}'), /integers only; \$\.a is 1\.5/);
  assert.throws(() => parseJson('[1e3]'), /integers only/);
  assert.throws(() => parseJson('{"a": 1} x'), /trailing/);
  assert.throws(() => parseJson('{"a": "\u0001"}'), /control character/);
  assert.throws(() => readCanonical(Uint8Array.of(0x22, 0xc3, 0x28, 0x22)));
  assert.equal(readCanonical(toBytes('{"a":1,"b":2}')).canonical, true);
  assert.equal(readCanonical(toBytes('{"b":2,"a":1}')).canonical, false);
  assert.equal(readCanonical(toBytes('{"a":1, "b":2}')).canonical, false);
});

test('works roots equal Java; unsorted or repeated ids are refused', () => {
  for (const r of V.worksRoot) {
    assert.equal(worksRoot(r.ids), r.root);
  }
  const ids = V.worksRoot[V.worksRoot.length - 1].ids;
  assert.throws(() => worksRoot([ids[1], ids[0]]), /sorted ascending without repeats/);
  assert.throws(() => worksRoot([ids[0], ids[0]]), /sorted ascending without repeats/);
});

test('allocation trees (OpenZeppelin StandardMerkleTree) equal Java: root, total, leaf hashes', () => {
  for (const t of V.allocation) {
    const tree = allocationTree(t.leaves);
    assert.equal(tree.root, t.root);
    assert.equal(tree.total, BigInt(t.total));
    assert.equal(tree.leaves, t.leaves.length);
    for (const l of t.leaves) {
      assert.equal(allocationLeafHash(l.index, l.account, l.amountWei), l.leafHash);
    }
  }
  const last = V.allocation[V.allocation.length - 1];
  const changed = last.leaves.map((l, i) => (i === 2 ? { ...l, amountWei: (BigInt(l.amountWei) + 1n).toString() } : l));
  assert.notEqual(allocationTree(changed).root, last.root);
  assert.throws(() => allocationTree([]), /allocates nothing/);
});

test("CIDv0 and CIDv1 of files around the chunk size and the 174-link limit equal Java's importer", async () => {
  for (const f of V.unixfs) {
    const bytes = new Uint8Array(f.size);
    for (let i = 0; i < f.size; i++) bytes[i] = (i ^ (i >> 8) ^ (i >> 16)) & 0xff;
    assert.equal(sha256hex(bytes), f.sha256, `sha256 of ${f.size} bytes`);
    assert.deepEqual(await contentCids(bytes), { v0: f.cidV0, v1: f.cidV1 }, `CIDs of ${f.size} bytes`);
    assert.ok(await matchesCid(bytes, f.cidV1));
    if (f.size > 0) {
      bytes[f.size - 1] ^= 1;
      assert.ok(!(await matchesCid(bytes, f.cidV1)), `a changed byte of ${f.size} changes the CID`);
    }
  }
});

test('the audit input is a work id or a decimal pool id, nothing else', () => {
  const id = V.eip712.works[0].workId;
  assert.deepEqual(parseAuditTarget(` ${id.toUpperCase().replace('0X', '0x')} `), { kind: 'work', id });
  assert.deepEqual(parseAuditTarget('12'), { kind: 'pool', id: '12' });
  assert.match(parseAuditTarget('0x1234').error, /neither a work id/);
  assert.match(parseAuditTarget('-1').error, /neither a work id/);
});

test('the verdict is verified only when a check ran and none failed', () => {
  const seen = [];
  const report = new AuditReport({ check: (c) => seen.push(c.name) });
  assert.equal(report.verdict, 'failed');
  report.pass('a', 'ok');
  report.skip('b', 'not here');
  assert.equal(report.verdict, 'verified');
  report.fail('c', 'expected x, got y');
  assert.equal(report.verdict, 'failed');
  assert.deepEqual(seen, ['a', 'b', 'c']);
});
