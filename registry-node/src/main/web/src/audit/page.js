// The audit page (#/audit): an auditor pastes a work id or a pool id and sees each check pass,
// fail or be skipped as it completes, read from the chain, then the verdict. The elements carry
// the data-testid attributes of the page's test contract (audit-input, audit-button, check with
// data-check and data-status, audit-verdict).

import { auditPool } from './pool.js';
import { AuditReport } from './report.js';
import { auditWork } from './work.js';

const WORK_ID = /^0x[0-9a-fA-F]{64}$/;
const POOL_ID = /^[0-9]+$/;

/** What the input names: {kind: 'work'|'pool', id}, or {error}. */
export function parseAuditTarget(text) {
  const value = text.trim();
  if (WORK_ID.test(value)) return { kind: 'work', id: value.toLowerCase() };
  if (POOL_ID.test(value) && BigInt(value) < 2n ** 256n) return { kind: 'pool', id: BigInt(value).toString() };
  return { error: `"${value}" is neither a work id (0x and 64 hex digits) nor a pool id (a decimal number).` };
}

/** Runs the audit the text names into `report`; resolves to the report. */
export async function runAudit(text, ctx, report) {
  const target = parseAuditTarget(text);
  if (target.error) {
    report.fail('input', target.error);
  } else if (target.kind === 'work') {
    await auditWork(target.id, ctx, report);
  } else {
    await auditPool(target.id, ctx, report);
  }
  return report;
}

function el(tag, attributes = {}, text = undefined) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

const STATUS_MARK = { pass: '✓', fail: '✗', skipped: '–' };

/** Renders the audit page into `container`; `ctx` = {registry, nodeUrl}. */
export function renderAuditPage(container, ctx) {
  container.replaceChildren();
  const section = el('section', { class: 'card audit' });
  section.append(el('h2', {}, 'Audit a work or a pool'));
  section.append(
    el(
      'p',
      { class: 'audit-intro' },
      `Every check reads the chain directly through the endpoint below (the node names chain ${ctx.registry.chainId}) and checks every byte from the gateway against its CID or hash; the node's records are only claims to check.`,
    ),
  );

  const form = el('form', { class: 'audit-form' });
  const label = el('label', { for: 'audit-input', class: 'block' }, 'Work id (0x…) or pool id');
  const input = el('input', {
    id: 'audit-input',
    'data-testid': 'audit-input',
    type: 'text',
    size: '70',
    spellcheck: 'false',
    autocomplete: 'off',
    placeholder: '0x… work id, or a pool number',
  });
  const button = el('button', { type: 'submit', 'data-testid': 'audit-button' }, 'Audit');
  // The chain endpoint is the auditor's to choose: the node's advertised one is only the default.
  const rpcLabel = el('label', { for: 'audit-rpc', class: 'audit-rpc-label' }, 'Chain JSON-RPC endpoint you trust');
  const rpc = el('input', { id: 'audit-rpc', 'data-testid': 'audit-rpc', type: 'url', size: '40', spellcheck: 'false' });
  rpc.value = ctx.registry.rpcUrl;
  const targetRow = el('div', { class: 'row' });
  targetRow.append(input, button);
  const rpcRow = el('div', { class: 'row audit-rpc-row' });
  rpcRow.append(rpcLabel, rpc);
  form.append(label, targetRow, rpcRow);
  section.append(form);

  const progress = el('p', { class: 'audit-progress', 'data-testid': 'audit-progress', 'aria-live': 'polite' });
  const list = el('ol', { class: 'checks', 'data-testid': 'checks' });
  const verdictSlot = el('div', { class: 'verdict-slot' });
  section.append(progress, list, verdictSlot);
  container.append(section);

  let running = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (running) return;
    running = true;
    button.disabled = true;
    list.replaceChildren();
    verdictSlot.replaceChildren();
    progress.textContent = 'Auditing…';
    const report = new AuditReport({
      check(c) {
        const item = el('li', { class: `check ${c.status}`, 'data-testid': 'check', 'data-check': c.name, 'data-status': c.status });
        item.append(el('span', { class: 'check-mark', 'aria-hidden': 'true' }, `${STATUS_MARK[c.status]} `));
        item.append(el('strong', { class: 'check-name' }, c.name));
        item.append(el('span', { class: 'check-sentence' }, c.sentence));
        list.append(item);
      },
      progress(text) {
        progress.textContent = text;
      },
    });
    try {
      const rpcUrl = rpc.value.trim() || ctx.registry.rpcUrl;
      await runAudit(input.value, { ...ctx, registry: { ...ctx.registry, rpcUrl } }, report);
    } catch (e) {
      // An audit never throws for a disagreement; anything else still must not pass silently.
      report.fail('audit', `The audit stopped: ${e?.message ?? e}`);
    }
    const verdict = report.verdict;
    progress.textContent = `${report.checks.length} checks, ${report.checks.filter((c) => c.status === 'fail').length} failed, ${report.checks.filter((c) => c.status === 'skipped').length} skipped.`;
    verdictSlot.append(el('p', { class: `verdict ${verdict === 'verified' ? 'pass' : 'fail'}`, 'data-testid': 'audit-verdict' }, verdict));
    button.disabled = false;
    running = false;
  });

  // A link such as #/audit?id=0x… fills the input and starts the audit.
  const query = (location.hash.split('?')[1] ?? '').split('&').map((p) => p.split('=')).find(([k]) => k === 'id');
  if (query && query[1]) {
    input.value = decodeURIComponent(query[1]);
    form.requestSubmit();
  }
}
