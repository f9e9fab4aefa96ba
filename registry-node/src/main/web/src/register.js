// The register page: a file is hashed and given its CID in the browser, exactly as the node computes
// them; the creator signs the EIP-712 WorkRegistration; the page uploads it and follows the work
// from pending to anchored to final.

import { h, fill } from './dom.js';
import { postWork, work as getWork, describeError } from './api.js';
import { identify, blobPieces, metadataHash } from './content.js';
import * as Registration from './registration.js';

const POLL_MS = 1000;
const VALIDITY_SECONDS = 3600;

export function renderRegisterPage(container, { registry, signer }) {
  let file;
  let identity;
  let polling;

  const fileInput = h('input', { type: 'file', id: 'file', testid: 'file-input', class: 'visually-hidden' });
  const dropZone = h('label', { for: 'file', class: 'drop', tabindex: '0' },
    h('strong', {}, 'Drop a file here'), h('span', { class: 'muted' }, ' or click to choose one'),
    h('span', { class: 'muted small' }, 'It is hashed in this browser; the bytes are sent only when you register.'));
  const fileName = h('div', { class: 'muted small' });
  const progress = h('progress', { max: 1, value: 0, hidden: true });
  const contentHash = h('code', { testid: 'content-hash', class: 'value' });
  const cid = h('code', { testid: 'cid', class: 'value' });

  const licence = h('input', { type: 'text', id: 'licence', testid: 'licence', value: 'CC-BY-4.0', autocomplete: 'off' });
  const aiTraining = h('input', { type: 'checkbox', id: 'ai-training', testid: 'ai-training', checked: true });
  const title = h('input', { type: 'text', id: 'metadata-title', testid: 'metadata-title', autocomplete: 'off' });
  const coCreators = h('textarea', { id: 'co-creators', testid: 'co-creators', rows: 3, placeholder: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8 60\n0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC 40' });
  const parents = h('textarea', { id: 'parents', testid: 'parents', rows: 2, placeholder: 'one work id per line (0x + 64 hex), optional' });
  const button = h('button', { type: 'submit', testid: 'register-button', disabled: true }, 'Sign and register');
  const error = h('div', { testid: 'register-error', class: 'error', role: 'alert', hidden: true });

  const workId = h('code', { testid: 'work-id', class: 'value' });
  const state = h('span', { testid: 'work-state', class: 'state' });
  const logIndex = h('span', { testid: 'log-index' });
  const checkpointTx = h('code', { testid: 'checkpoint-tx', class: 'value' });
  const proof = h('div', { testid: 'inclusion-proof', class: 'proof' });
  const result = h('section', { class: 'card', hidden: true, 'aria-live': 'polite' },
    h('h2', {}, 'Your work'),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Work id'), h('dd', {}, workId),
      h('dt', {}, 'State'), h('dd', {}, state, ' ', h('span', { class: 'muted small' }, 'pending → anchored → final')),
      h('dt', {}, 'Log index'), h('dd', {}, logIndex),
      h('dt', {}, 'Checkpoint transaction'), h('dd', {}, checkpointTx),
      h('dt', {}, 'Inclusion proof'), h('dd', {}, proof)));

  function showError(message) {
    error.hidden = !message;
    error.textContent = message || '';
  }

  async function choose(chosen) {
    if (!chosen) return;
    file = chosen;
    identity = undefined;
    button.disabled = true;
    showError();
    contentHash.textContent = '';
    cid.textContent = '';
    fileName.textContent = `${file.name} · ${file.size.toLocaleString('en')} bytes`;
    progress.hidden = false;
    progress.value = 0;
    try {
      const computed = await identify(blobPieces(file), (read) => {
        progress.value = file.size === 0 ? 1 : read / file.size;
      });
      if (chosen !== file) return; // another file was chosen meanwhile
      identity = computed;
      contentHash.textContent = identity.contentHash;
      cid.textContent = identity.cid;
      button.disabled = false;
    } catch (e) {
      showError(`Could not read the file: ${describeError(e)}`);
    } finally {
      progress.hidden = true;
    }
  }

  fileInput.addEventListener('change', () => choose(fileInput.files[0]));
  for (const type of ['dragenter', 'dragover']) {
    dropZone.addEventListener(type, (e) => {
      e.preventDefault();
      dropZone.classList.add('over');
    });
  }
  dropZone.addEventListener('dragleave', () => dropZone.classList.remove('over'));
  dropZone.addEventListener('drop', (e) => {
    e.preventDefault();
    dropZone.classList.remove('over');
    choose(e.dataTransfer.files[0]);
  });
  dropZone.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      fileInput.click();
    }
  });

  function showWork(view) {
    state.textContent = view.state;
    state.dataset.state = view.state;
    logIndex.textContent = String(view.logIndex);
    if (view.checkpoint) {
      checkpointTx.textContent = view.checkpoint.txHash;
      checkpointTx.title = `tree size ${view.checkpoint.treeSize}, root ${view.checkpoint.root}`;
    }
    if (view.inclusionProof) {
      const p = view.inclusionProof;
      fill(proof,
        h('div', { class: 'muted small' }, `leaf ${p.leafIndex} of a tree of ${p.treeSize}; leaf hash `, h('code', {}, p.leafHash)),
        p.hashes.length === 0
          ? h('div', { class: 'muted small' }, 'no sibling hashes: the leaf hash is the root')
          : h('ol', { class: 'hashes' }, p.hashes.map((x) => h('li', {}, h('code', {}, x)))));
    }
  }

  async function poll(id) {
    clearTimeout(polling);
    try {
      const view = await getWork(id);
      showWork(view);
      if (view.state === 'final') return;
    } catch (e) {
      showError(describeError(e));
    }
    if (container.isConnected) polling = setTimeout(() => poll(id), POLL_MS);
  }

  async function register(event) {
    event.preventDefault();
    showError();
    if (!identity) return;
    button.disabled = true;
    button.textContent = 'Signing…';
    try {
      const metadata = Registration.metadataDocument(title.value, coCreators.value);
      const parentIds = parents.value.split(/\s+/).filter((p) => p.length > 0);
      const creator = signer.address() || (await signer.connect());
      const message = Registration.registration({
        creator,
        contentHash: identity.contentHash,
        cid: identity.cid,
        metadataHash: metadataHash(metadata),
        licence: licence.value.trim(),
        aiTraining: aiTraining.checked,
        parents: parentIds,
        nonce: Registration.randomNonce(),
        deadline: BigInt(Math.floor(Date.now() / 1000) + VALIDITY_SECONDS),
      });
      const typed = Registration.typedData(registry.eip712Domain, message);
      const signature = await signer.signTypedData(typed);
      const expectedId = Registration.workId(registry.eip712Domain, message);
      button.textContent = 'Uploading…';
      const request = {
        registration: Registration.wire(message),
        signature,
        domain: { chainId: registry.eip712Domain.chainId, verifyingContract: registry.eip712Domain.verifyingContract },
      };
      if (metadata !== undefined) request.metadata = metadata;
      const accepted = await postWork(request, file);
      if (accepted.workId.toLowerCase() !== expectedId.toLowerCase()) {
        throw new Error(`The node answered work id ${accepted.workId}, but the signed registration's id is ${expectedId}`);
      }
      result.hidden = false;
      workId.textContent = accepted.workId;
      fill(proof);
      checkpointTx.textContent = '';
      showWork({ state: accepted.state, logIndex: accepted.logIndex });
      poll(accepted.workId);
    } catch (e) {
      showError(describeError(e));
    } finally {
      button.textContent = 'Sign and register';
      button.disabled = !identity;
    }
  }

  const form = h('form', { class: 'card', onsubmit: register },
    h('h2', {}, 'Register a work'),
    fileInput, dropZone, fileName, progress,
    h('dl', { class: 'facts' },
      h('dt', {}, 'SHA-256'), h('dd', {}, contentHash),
      h('dt', {}, 'CID'), h('dd', {}, cid)),
    h('div', { class: 'grid' },
      h('label', { for: 'metadata-title' }, 'Title'), title,
      h('label', { for: 'licence' }, 'Licence (SPDX id or URI)'), licence,
      h('span', {}, 'AI training'), h('label', { class: 'check' }, aiTraining, ' the licence permits training AI models on it'),
      h('label', { for: 'co-creators' }, 'Co-creators', h('span', { class: 'muted small block' }, 'one per line: address and share in %, summing to 100; you too, if you share')), coCreators,
      h('label', { for: 'parents' }, 'Derived from or cites', h('span', { class: 'muted small block' }, 'registered work ids')), parents),
    h('div', { class: 'row' }, button),
    error);

  container.replaceChildren(form, result);
  return () => clearTimeout(polling);
}
