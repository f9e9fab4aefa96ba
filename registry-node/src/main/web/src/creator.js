// The creator page: an account's registered works, what each pool allocated to it and why (every
// valuation factor of every work, in words), and the claim of what it may claim.

import { formatEther, formatUnits, getAddress, isAddress, zeroAddress } from 'viem';
import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
import { h, fill, short } from './dom.js';
import * as api from './api.js';
import { describeError } from './api.js';

/** RewardDistributor.claim(poolId, index, account, amount, proof): the leaf's account is paid. */
export const CLAIM_ABI = [
  {
    type: 'function',
    name: 'claim',
    stateMutability: 'nonpayable',
    inputs: [
      { name: 'poolId', type: 'uint256' },
      { name: 'index', type: 'uint256' },
      { name: 'account', type: 'address' },
      { name: 'amount', type: 'uint256' },
      { name: 'proof', type: 'bytes32[]' },
    ],
    outputs: [],
  },
  {
    type: 'function',
    name: 'isClaimed',
    stateMutability: 'view',
    inputs: [
      { name: 'poolId', type: 'uint256' },
      { name: 'index', type: 'uint256' },
    ],
    outputs: [{ type: 'bool' }],
  },
];

const ERC20_ABI = [
  { type: 'function', name: 'decimals', stateMutability: 'view', inputs: [], outputs: [{ type: 'uint8' }] },
  { type: 'function', name: 'symbol', stateMutability: 'view', inputs: [], outputs: [{ type: 'string' }] },
];

const FACTOR_NAMES = {
  originality: 'Originality',
  depth: 'Depth',
  verifiability: 'Verifiability',
  expertise: 'Expertise',
  perspective: 'Perspective',
};

function percent(ppm) {
  return `${(Number(ppm) / 10000).toFixed(1)} %`;
}

function titleOf(metadata) {
  if (!metadata) return undefined;
  try {
    const doc = JSON.parse(metadata);
    return doc && typeof doc.title === 'string' ? doc.title : undefined;
  } catch {
    return undefined;
  }
}

export function renderCreatorPage(container, { registry, signer }) {
  const address = h('input', { type: 'text', id: 'creator-address', testid: 'creator-address', placeholder: '0x… (the signer\'s account by default)', autocomplete: 'off', spellcheck: false });
  const load = h('button', { type: 'submit', testid: 'creator-load' }, 'Show');
  const error = h('div', { class: 'error', role: 'alert', hidden: true });
  const worksList = h('div', { class: 'works' });
  const allocationsList = h('div', { class: 'allocations' });
  const summary = h('p', { class: 'muted' });
  let edited = false;
  const tokens = new Map();

  function defaultAddress() {
    if (!edited && signer.address()) address.value = signer.address();
  }
  address.addEventListener('input', () => {
    edited = address.value.trim().length > 0;
  });
  const stopListening = signer.onChange(defaultAddress);
  defaultAddress();

  function showError(message) {
    error.hidden = !message;
    error.textContent = message || '';
  }

  async function token(pool) {
    const key = pool.token.toLowerCase();
    if (key === zeroAddress) return { symbol: 'ETH', format: (wei) => formatEther(BigInt(wei)) };
    if (!tokens.has(key)) {
      let meta;
      try {
        const [decimals, symbol] = await Promise.all([
          signer.publicClient.readContract({ address: pool.token, abi: ERC20_ABI, functionName: 'decimals' }),
          signer.publicClient.readContract({ address: pool.token, abi: ERC20_ABI, functionName: 'symbol' }),
        ]);
        meta = { symbol, format: (units) => formatUnits(BigInt(units), Number(decimals)) };
      } catch {
        meta = { symbol: `base units of token ${short(pool.token)}`, format: (units) => BigInt(units).toString() };
      }
      tokens.set(key, meta);
    }
    return tokens.get(key);
  }

  function renderWork(view) {
    const name = titleOf(view.metadata);
    return h('article', { testid: 'creator-work', class: 'work', dataset: { workId: view.workId, state: view.state } },
      h('header', {},
        h('strong', {}, name || 'Untitled work'),
        h('span', { class: `state`, dataset: { state: view.state } }, view.state)),
      h('dl', { class: 'facts' },
        h('dt', {}, 'Work id'), h('dd', {}, h('code', { class: 'value' }, view.workId)),
        h('dt', {}, 'CID'), h('dd', {}, view.contentAvailable
          ? h('a', { href: `/ipfs/${view.registration.cid}`, target: '_blank', rel: 'noopener' }, h('code', {}, view.registration.cid))
          : h('code', {}, view.registration.cid)),
        h('dt', {}, 'Licence'), h('dd', {}, view.registration.licence, view.registration.aiTraining ? ' · AI training permitted' : ' · no AI training'),
        h('dt', {}, 'Log index'), h('dd', {}, String(view.logIndex))));
  }

  function renderFactors(reportWork, account, unit) {
    const factors = reportWork.factors || {};
    const payee = (reportWork.payees || []).find((p) => p.account === account);
    const share = payee ? ` · your share ${(payee.sharesBps / 100).toFixed(2)} %: ${unit.format(payee.amountWei)} ${unit.symbol}` : '';
    return h('section', { class: 'report-work' },
      h('h4', {}, 'Work ', h('code', { title: reportWork.workId }, short(reportWork.workId)),
        h('span', { class: 'muted small' }, ` · quality ${percent(reportWork.qualityPpm)} · influence share ${percent(reportWork.influenceSharePpm)}${share}`)),
      h('ul', { class: 'factors' },
        Object.entries(factors).map(([name, f]) =>
          h('li', { testid: 'factor', dataset: { factor: name, ppm: String(f.ppm) } },
            h('span', { class: 'factor-name' }, FACTOR_NAMES[name] || name),
            h('span', { class: 'factor-value' }, f.applicable ? percent(f.ppm) : 'does not apply'),
            h('span', { class: 'muted small' }, ` weight ${percent(f.weightPpm)}`),
            h('p', { class: 'factor-explanation' }, f.explanation)))));
  }

  async function renderAllocation(summaryEntry, account) {
    const [detail, pool] = await Promise.all([
      api.poolAllocation(summaryEntry.poolId, account),
      api.pool(summaryEntry.poolId),
    ]);
    const unit = await token(pool);
    const claimable = detail.state === 'claimable' && !detail.claimed;
    const status = h('span', { testid: 'claim-status', class: 'claim-status' }, detail.claimed ? 'claimed' : '');
    const problem = h('div', { class: 'error', role: 'alert', hidden: true });
    const button = h('button', { type: 'button', testid: 'claim-button', disabled: !claimable }, 'Claim');
    button.addEventListener('click', async () => {
      button.disabled = true;
      problem.hidden = true;
      status.textContent = 'sending…';
      try {
        const root = pool.settlement && pool.settlement.root;
        const values = [BigInt(detail.index), getAddress(detail.account), BigInt(detail.amount)];
        if (root && !StandardMerkleTree.verify(root, ['uint256', 'address', 'uint256'], values, detail.proof)) {
          throw new Error(`The node's proof does not lead to the posted root ${root}; not sending the claim.`);
        }
        await signer.write({
          address: registry.rewardDistributor,
          abi: CLAIM_ABI,
          functionName: 'claim',
          args: [BigInt(detail.poolId), ...values, detail.proof],
        });
        const done = await signer.publicClient.readContract({
          address: registry.rewardDistributor,
          abi: CLAIM_ABI,
          functionName: 'isClaimed',
          args: [BigInt(detail.poolId), BigInt(detail.index)],
        });
        if (!done) throw new Error('The claim was mined, but the contract does not report it claimed');
        status.textContent = 'claimed';
      } catch (e) {
        status.textContent = '';
        problem.hidden = false;
        problem.textContent = describeError(e);
        button.disabled = false;
      }
    });
    const when = detail.state === 'posted' && detail.claimableFrom
      ? `claimable from ${new Date(Number(detail.claimableFrom) * 1000).toLocaleString()}`
      : detail.state;
    return h('article', { testid: 'allocation', class: 'allocation', dataset: { pool: String(detail.poolId), state: detail.state || 'unknown' } },
      h('header', {},
        h('strong', {}, `Pool ${detail.poolId}`),
        h('span', { class: 'state', dataset: { state: detail.state } }, when)),
      h('p', { class: 'amount' },
        h('span', { testid: 'allocation-amount' }, `${unit.format(detail.amount)} ${unit.symbol}`),
        h('span', { class: 'muted small' }, ` (leaf ${detail.index}${detail.reportCid ? ', report ' : ''}`,
          detail.reportCid ? h('a', { href: `/ipfs/${detail.reportCid}`, target: '_blank', rel: 'noopener' }, short(detail.reportCid, 8)) : '', ')')),
      h('div', { class: 'row' }, button, status),
      problem,
      (detail.works || []).length === 0
        ? h('p', { class: 'muted small' }, 'The valuation report is not available yet.')
        : h('div', {},
          h('p', { class: 'muted small' }, 'Why: every factor of each of your works in this pool\'s valuation report.'),
          detail.works.map((w) => renderFactors(w, account, unit))));
  }

  async function show(event) {
    if (event) event.preventDefault();
    showError();
    const text = address.value.trim();
    if (!isAddress(text, { strict: false })) {
      showError(`"${text}" is not an Ethereum address (0x followed by 40 hex digits)`);
      return;
    }
    const account = text.toLowerCase();
    load.disabled = true;
    fill(worksList, h('p', { class: 'muted' }, 'Loading…'));
    fill(allocationsList);
    try {
      const works = [];
      let before;
      do {
        const page = await api.creatorWorks(account, before);
        works.push(...page.works);
        before = page.nextBefore;
      } while (before !== undefined && works.length < 1000);
      fill(worksList, works.length === 0 ? h('p', { class: 'muted' }, 'No works registered by this account.') : works.map(renderWork));
      const allocations = await api.accountAllocations(account);
      summary.textContent = allocations.allocations.length === 0
        ? 'No pool has allocated anything to this account yet.'
        : `${allocations.allocations.length} allocation(s).`;
      fill(allocationsList, await Promise.all(allocations.allocations.map((a) => renderAllocation(a, account))));
    } catch (e) {
      showError(describeError(e));
    } finally {
      load.disabled = false;
    }
  }

  container.replaceChildren(
    h('form', { class: 'card', onsubmit: show },
      h('h2', {}, 'Creator'),
      h('div', { class: 'row' }, h('label', { for: 'creator-address', class: 'visually-hidden' }, 'Account'), address, load),
      error),
    h('section', { class: 'card' }, h('h3', {}, 'Works'), worksList),
    h('section', { class: 'card' }, h('h3', {}, 'Rewards'), summary, allocationsList));
  if (address.value) show();
  return stopListening;
}
