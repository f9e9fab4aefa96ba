// Drives Debian's Chromium with playwright-core for the web page's scenarios (scenarios.mjs).
// Everything here is about the browser; what the page must show is in scenarios.mjs.

import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const CHROMIUM = '/usr/bin/chromium';

// Debian's Chromium, headless, with nothing that reaches the network on its own (no component
// updates, sync or QUIC probes): the only traffic is the page's own, to the node and to anvil.
// playwright-core gives every launch a fresh temporary user-data dir, deleted on close.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Prints one line for the test log, prefixed with the scenario it belongs to. */
export function log(scenario, message) {
  process.stdout.write(`[${scenario}] ${message}\n`);
}

/** Launches Chromium; throws (so the run fails) when it cannot start. */
export async function launch() {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 60_000 });
  log('browser', `Chromium ${browser.version()} started`);
  return browser;
}

/**
 * Opens a page in a fresh context (no cookies or storage shared with other scenarios) and relays
 * the page's console errors, uncaught exceptions and failed requests into the test log.
 */
export async function openPage(browser, scenario) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') {
      log(scenario, `console.${m.type()}: ${m.text()}`);
    }
  });
  page.on('pageerror', (e) => log(scenario, `page error: ${e.message}`));
  page.on('requestfailed', (r) =>
    log(scenario, `request failed: ${r.method()} ${r.url()} (${r.failure()?.errorText})`),
  );
  return { context, page };
}

/**
 * Gives the page an injected EIP-1193 wallet (window.ethereum) whose backend is anvil: every
 * request goes to anvil's JSON-RPC, whose unlocked dev accounts answer eth_accounts,
 * eth_signTypedData_v4 and eth_sendTransaction. Like a wallet extension, it talks to its backend
 * outside the page (an exposed function, not the page's fetch, so the page's CSP does not apply to
 * it) and it exposes only the one account the user connected.
 */
export async function injectWallet(page, rpcUrl, account, scenario) {
  let id = 0;
  await page.exposeFunction('__airmTestWalletRpc', async (method, params) => {
    const response = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }),
    });
    const answer = await response.json();
    log(scenario, `wallet ${method} -> ${answer.error ? 'error ' + answer.error.message : 'ok'}`);
    return answer;
  });
  await page.addInitScript((connected) => {
    const listeners = new Map();
    window.ethereum = {
      async request({ method, params }) {
        // eth_requestAccounts is the wallet's "connect": anvil knows it as eth_accounts
        const forwarded = method === 'eth_requestAccounts' ? 'eth_accounts' : method;
        const answer = await window.__airmTestWalletRpc(forwarded, params ?? []);
        if (answer.error) {
          const error = new Error(answer.error.message);
          error.code = answer.error.code;
          error.data = answer.error.data;
          throw error;
        }
        if (forwarded === 'eth_accounts') {
          return answer.result.filter((a) => a.toLowerCase() === connected.toLowerCase());
        }
        return answer.result;
      },
      on(event, listener) {
        listeners.set(event, [...(listeners.get(event) ?? []), listener]);
        return this;
      },
      removeListener(event, listener) {
        listeners.set(
          event,
          (listeners.get(event) ?? []).filter((l) => l !== listener),
        );
        return this;
      },
    };
  }, account);
}

/** Saves a full-page PNG as DIR/NAME.png and says where. */
export async function screenshot(page, dir, name, scenario) {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  log(scenario, `screenshot ${path}`);
  return path;
}

/** The element with data-testid={@code id}; with {@code within}, only inside that locator. */
export function byTestId(page, id, within) {
  return (within ?? page).locator(`[data-testid="${id}"]`);
}

/**
 * Polls {@code locator}'s text until {@code accept(text)} holds; throws after {@code timeoutMs}
 * with the last text seen. {@code onChange} sees every distinct text along the way.
 */
export async function waitForText(locator, accept, what, timeoutMs = 30_000, onChange = () => {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    const text = (await locator.count()) > 0 ? await textOf(locator.first()) : null;
    if (text !== last) {
      onChange(text);
      last = text;
    }
    if (text !== null && accept(text)) {
      return text;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} within ${timeoutMs} ms; last text: ${JSON.stringify(last)}`);
}

/** What an element shows: an input's value, or any other element's rendered text; trimmed. */
export async function textOf(locator) {
  const text = await locator.evaluate((el) =>
    el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el.value : el.innerText,
  );
  return text.trim();
}

/** Throws with {@code message} unless {@code condition}. */
export function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}
