// The node's web page: a header with the registry and the signer, and three pages on hash routes
// (#/register, #/audit, #/creator). Everything it reads comes from this node's API, its gateway and
// the chain endpoint the node advertises; nothing is fetched from anywhere else.

import './app.css';
import { h, fill, short } from './dom.js';
import { registry as getRegistry, describeError } from './api.js';
import { Signer, DEV_ACCOUNTS } from './signer.js';
import { renderRegisterPage } from './register.js';
import { renderCreatorPage } from './creator.js';
import { renderAuditPage } from './audit/page.js';

const ROUTES = {
  '#/register': { label: 'Register', render: (el, ctx) => renderRegisterPage(el, ctx) },
  '#/audit': { label: 'Audit', render: (el, ctx) => renderAuditPage(el, { registry: ctx.registry, nodeUrl: location.origin }) },
  '#/creator': { label: 'Creator', render: (el, ctx) => renderCreatorPage(el, ctx) },
};
const REFRESH_MS = 5000;

function registryFacts(registry) {
  const checkpoint = registry.latestCheckpoint;
  return [
    h('div', {}, h('dt', {}, 'Chain'), h('dd', { testid: 'chain-id' }, String(registry.chainId))),
    h('div', {}, h('dt', {}, 'WorkRegistry'), h('dd', {}, h('code', { title: registry.workRegistry, testid: 'work-registry' }, short(registry.workRegistry, 8)))),
    h('div', {}, h('dt', {}, 'Log size'), h('dd', { testid: 'log-size' }, String(registry.logSize))),
    h('div', {}, h('dt', {}, 'Latest checkpoint'), h('dd', { testid: 'latest-checkpoint' },
      checkpoint ? [`${checkpoint.treeSize} leaves, ${checkpoint.status} `, h('code', { title: checkpoint.txHash }, short(checkpoint.txHash, 8))] : 'none yet')),
  ];
}

function signerPanel(signer) {
  const mode = h('select', { id: 'signer', testid: 'signer', 'aria-label': 'Signer' },
    h('option', { value: 'wallet' }, 'Browser wallet'),
    signer.devAllowed ? h('option', { value: 'dev' }, 'Local test key (public!)') : null);
  const devAccount = h('select', { id: 'dev-account', testid: 'dev-account', 'aria-label': 'Test account' },
    Array.from({ length: DEV_ACCOUNTS }, (_, i) => h('option', { value: String(i) }, `anvil account ${i} (public test key)`)));
  const connect = h('button', { type: 'button', class: 'secondary' }, 'Connect wallet');
  const account = h('code', { testid: 'account', class: 'account' });
  const note = h('span', { class: 'muted small' });
  const problem = h('span', { class: 'error small', role: 'alert' });

  function show() {
    mode.value = signer.mode;
    devAccount.value = String(signer.devIndex);
    devAccount.hidden = signer.mode !== 'dev';
    connect.hidden = signer.mode !== 'wallet' || Boolean(signer.address());
    account.textContent = signer.address() || '';
    account.hidden = !signer.address();
    note.textContent = signer.mode === 'dev'
      ? 'anvil\'s well-known public test key: for a local chain only'
      : globalThis.ethereum ? (signer.address() ? '' : 'not connected') : 'no browser wallet found';
  }

  async function act(action) {
    problem.textContent = '';
    try {
      await action();
    } catch (e) {
      problem.textContent = describeError(e);
    }
    show();
  }

  mode.addEventListener('change', () => act(() => signer.use(mode.value)));
  devAccount.addEventListener('change', () => act(() => signer.use('dev', devAccount.value)));
  connect.addEventListener('click', () => act(() => signer.connect()));
  signer.onChange(show);
  show();
  return h('div', { class: 'signer' }, h('label', { for: 'signer' }, 'Sign with'), mode, devAccount, connect, account, note, problem);
}

async function start() {
  const root = document.getElementById('app');
  let registry;
  try {
    registry = await getRegistry();
  } catch (e) {
    fill(root, h('main', {}, h('div', { class: 'error card', role: 'alert' }, `This node's registry could not be read: ${describeError(e)}`)));
    return;
  }
  const signer = new Signer(registry);
  await signer.use(signer.mode).catch(() => {});

  const facts = h('dl', { class: 'registry' }, registryFacts(registry));
  const nav = h('nav', { 'aria-label': 'Pages' },
    Object.entries(ROUTES).map(([hash, route]) =>
      h('a', { href: hash, testid: `nav-${hash.slice(2)}` }, route.label)));
  const main = h('main', { id: 'page', tabindex: '-1' });
  fill(root,
    h('header', { class: 'top' },
      h('div', { class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, '◆'), h('div', {}, h('h1', {}, 'AIRM registry'), h('p', { class: 'muted small' }, 'Attribution for AI training data, anchored on chain'))),
      facts,
      signerPanel(signer)),
    nav,
    main);

  let cleanup;
  function route() {
    const hash = ROUTES[location.hash] ? location.hash : '#/register';
    for (const link of nav.querySelectorAll('a')) {
      if (link.getAttribute('href') === hash) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    if (typeof cleanup === 'function') cleanup();
    cleanup = ROUTES[hash].render(main, { registry, signer });
    document.title = `${ROUTES[hash].label} · AIRM registry`;
  }
  window.addEventListener('hashchange', route);
  route();

  setInterval(async () => {
    try {
      const fresh = await getRegistry();
      Object.assign(registry, fresh);
      fill(facts, registryFacts(registry));
    } catch {
      // the next refresh tries again
    }
  }, REFRESH_MS);
}

start();
