// Placeholder for the audit page; the audit engineer's file replaces it at merge. It renders the
// page's input, button and an empty result list, and runs no checks.
import { h } from '../dom.js';

export function renderAuditPage(container, ctx) {
  container.replaceChildren(
    h('section', { class: 'card' },
      h('h2', {}, 'Audit'),
      h('p', { class: 'muted' }, `Verify a work or a pool of the registry at ${ctx.nodeUrl} against the chain.`),
      h('div', { class: 'row' },
        h('input', { type: 'text', testid: 'audit-input', placeholder: 'a work id (0x + 64 hex) or a pool id', 'aria-label': 'Work id or pool id' }),
        h('button', { type: 'button', testid: 'audit-button' }, 'Audit')),
      h('ul', { class: 'checks' })),
  );
}
