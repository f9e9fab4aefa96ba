// The node's API, as the page uses it. Every refusal arrives as RFC 9457 problem+json; it is
// thrown as a ProblemError whose message is the problem's detail.

export class ProblemError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }

  /** "Title (status): detail", for the page. */
  describe() {
    const title = this.problem.title ? `${this.problem.title} (${this.status})` : `HTTP ${this.status}`;
    return this.problem.detail ? `${title}: ${this.problem.detail}` : title;
  }
}

/** What to show for any error: a node's problem in full, anything else by its message. */
export function describeError(e) {
  if (e instanceof ProblemError) return e.describe();
  return e && (e.shortMessage || e.message) ? e.shortMessage || e.message : String(e);
}

async function answer(response) {
  const type = response.headers.get('content-type') || '';
  const body = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    throw new ProblemError(response.status, typeof body === 'object' && body ? body : { detail: body || response.statusText });
  }
  return body;
}

export async function getJson(path) {
  return answer(await fetch(path, { headers: { Accept: 'application/json' } }));
}

/** POST /v1/works as multipart: the request JSON and the content, as `./airm register` sends it. */
export async function postWork(request, file) {
  const form = new FormData();
  form.append('request', JSON.stringify(request));
  if (file) form.append('content', file, file.name || 'content');
  return answer(await fetch('/v1/works', { method: 'POST', body: form, headers: { Accept: 'application/json' } }));
}

export const registry = () => getJson('/v1/registry');
export const work = (id) => getJson(`/v1/works/${id}`);
export const creatorWorks = (creator, before) =>
  getJson(`/v1/works?creator=${encodeURIComponent(creator)}&limit=100${before !== undefined ? `&before=${before}` : ''}`);
export const accountAllocations = (account) => getJson(`/v1/accounts/${account}/allocations`);
export const poolAllocation = (pool, account) => getJson(`/v1/pools/${pool}/allocations/${account}`);
export const pool = (id) => getJson(`/v1/pools/${id}`);
