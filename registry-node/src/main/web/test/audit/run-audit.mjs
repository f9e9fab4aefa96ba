// Runs the page's audit (the same modules the browser runs) from Node.js against a live node:
//   node test/audit/run-audit.mjs http://127.0.0.1:18181 <workId | poolId> [RPC_URL]
// (RPC_URL: the chain endpoint the auditor trusts; by default the one the node advertises.)
// Prints each check as a JSON line, then {"verdict": …}; exits 0 for verified, 1 for failed,
// 2 when the node cannot be read. The end-to-end tests (tests/…/BrowserAuditModuleIT) use it.

import { runAudit } from '../../src/audit/page.js';
import { AuditReport } from '../../src/audit/report.js';

const [nodeUrl, target, rpcUrl] = process.argv.slice(2);
if (!nodeUrl || !target) {
  console.error('usage: node test/audit/run-audit.mjs NODE_URL WORK_ID|POOL_ID [RPC_URL]');
  process.exit(2);
}

let registry;
try {
  const response = await fetch(`${nodeUrl}/v1/registry`);
  if (!response.ok) throw new Error(`GET /v1/registry answered ${response.status}`);
  registry = await response.json();
  if (rpcUrl) registry.rpcUrl = rpcUrl;
} catch (e) {
  console.error(`cannot read the node at ${nodeUrl}: ${e.message}`);
  process.exit(2);
}

const started = Date.now();
const report = new AuditReport({
  check: (c) => console.log(JSON.stringify({ check: c.name, status: c.status, sentence: c.sentence })),
  progress: (text) => console.error(text),
});
await runAudit(target, { registry, nodeUrl }, report);
console.log(JSON.stringify({ verdict: report.verdict, checks: report.checks.length, seconds: (Date.now() - started) / 1000 }));
process.exit(report.verdict === 'verified' ? 0 : 1);
