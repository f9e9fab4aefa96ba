// One audit's checks, in the order they complete. A listener sees each check as it is added, and
// progress messages while a long check runs; the verdict is `verified` only if no check failed.

/** The checks of one audit. */
export class AuditReport {
  /** @param listener {check(c), progress(text)}, both optional */
  constructor(listener = {}) {
    this.listener = listener;
    this.checks = [];
  }

  add(name, status, sentence) {
    const check = { name, status, sentence };
    this.checks.push(check);
    this.listener.check?.(check);
    return check;
  }

  pass(name, sentence) {
    return this.add(name, 'pass', sentence);
  }

  fail(name, sentence) {
    return this.add(name, 'fail', sentence);
  }

  skip(name, sentence) {
    return this.add(name, 'skipped', sentence);
  }

  progress(text) {
    this.listener.progress?.(text);
  }

  get failed() {
    return this.checks.some((c) => c.status === 'fail');
  }

  /** `verified` if at least one check ran and none failed, else `failed`. */
  get verdict() {
    return this.checks.length > 0 && !this.failed ? 'verified' : 'failed';
  }
}

/** A disagreement that ends a check: the check's name and what differed. */
export class Disagreement extends Error {
  constructor(check, message) {
    super(message);
    this.check = check;
  }
}

/** Lets the page repaint between batches of a long check. */
export function yieldToPage() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
