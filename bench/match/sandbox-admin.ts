/**
 * The test-only controls of the sandbox (dev/qbo-sandbox/README.md, `/__sandbox/…`) and of the
 * shell (`/__shell/seed`) that the Match benchmark uses: seeding, the request log, limits and
 * minted tokens. None of these calls is counted in the sandbox's request log.
 */

export interface RequestLog {
  total: number;
  byOperation: Record<string, number>;
  byEndpoint: Record<string, number>;
}

async function call<T>(url: string, method: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : {}) as T;
}

export const sandboxAdmin = (sandboxUrl: string) => ({
  seedCustomers: (realmId: string, customers: number) =>
    call<{ created: Record<string, number>; ms: number }>(`${sandboxUrl}/__sandbox/seed`, 'POST', { realmId, customers, seed: 20_000 }),
  log: (realmId: string) => call<RequestLog>(`${sandboxUrl}/__sandbox/log?limit=1&realmId=${realmId}`, 'GET'),
  clearLog: () => call<unknown>(`${sandboxUrl}/__sandbox/log`, 'DELETE'),
  disableLimits: () => call<unknown>(`${sandboxUrl}/__sandbox/limits`, 'POST', { enabled: false }),
  /** A grant minted without the browser; only the access token is kept, and never printed. */
  accessToken: async (realmId: string) => (await call<{ access_token: string }>(`${sandboxUrl}/__sandbox/tokens`, 'POST', { realmId })).access_token,
});

export const shellAdmin = (shellUrl: string) => ({
  contacts: () => call<{ id: string }[]>(`${shellUrl}/api/firm/contacts`, 'GET'),
  seedContacts: (contacts: number) => call<{ added: number; total: number }>(`${shellUrl}/__shell/seed`, 'POST', { contacts }),
});

/** The log entries added between two reads, by operation, without the zero ones. */
export function logDelta(before: RequestLog, after: RequestLog): { total: number; byOperation: Record<string, number> } {
  const byOperation: Record<string, number> = {};
  for (const [op, n] of Object.entries(after.byOperation)) {
    const d = n - (before.byOperation[op] ?? 0);
    if (d !== 0) byOperation[op] = d;
  }
  return { total: after.total - before.total, byOperation };
}

export const describeOps = (ops: Record<string, number>): string =>
  Object.entries(ops)
    .sort((a, b) => b[1] - a[1])
    .map(([op, n]) => `${op} ${n}`)
    .join(', ');

const NOT_ACCOUNTING = /^(token\.|authorize$|userinfo$)/;

/** Requests to the Accounting API only: OAuth traffic (a token refresh) is not what a job spends. */
export function accountingRequests(ops: Record<string, number>): number {
  return Object.entries(ops).reduce((n, [op, k]) => (NOT_ACCOUNTING.test(op) ? n : n + k), 0);
}
