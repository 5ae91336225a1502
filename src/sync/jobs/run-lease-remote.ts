/**
 * The proxy's run leases (docs/proxy-api.md, "Run leases") as the add-in calls them: who runs a
 * Match-tab export or import for the firm's company right now. Over the identity-authenticated
 * fetch the rest of the firm API uses.
 */
import type { AuthFetch } from '../connection/proxy-auth';

export interface RunLeaseHolder {
  holder: { id: string; name: string };
  instance: string;
  /** The holder is a page of the caller's own browser. */
  sameBrowser: boolean;
  /** ISO times. */
  acquiredAt: string;
  expiresAt: string;
}

export interface TakeLease {
  instance: string;
  browser: string;
  ttlMs: number;
  /** The caller holds its browser's lock for this run, so a lease of the same browser is stale. */
  takeOverBrowser: boolean;
}

export type TakeOutcome = { held: true; lease: RunLeaseHolder } | { held: false; lease: RunLeaseHolder };

export interface RunLeaseRemote {
  get(realmId: string, name: string, browser: string): Promise<RunLeaseHolder | null>;
  take(realmId: string, name: string, request: TakeLease): Promise<TakeOutcome>;
  release(realmId: string, name: string, instance: string): Promise<void>;
}

export class RunLeaseError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = 'RunLeaseError';
    this.code = code;
  }
}

async function answer(res: Response): Promise<Record<string, unknown>> {
  try {
    return (await res.json()) as Record<string, unknown>;
  } catch {
    throw new RunLeaseError('bad_answer', "The add-in's server sent an answer that is not JSON while checking who runs this. Try again; if it persists, restart the server.");
  }
}

async function send(authFetch: AuthFetch, path: string, init?: RequestInit): Promise<{ status: number; body: Record<string, unknown> }> {
  let res: Response;
  try {
    res = await authFetch(path, init);
  } catch (e) {
    throw new RunLeaseError('offline', `The QBO Sync service cannot be reached to check that nobody else is running this (${e instanceof Error ? e.message : String(e)}). Nothing was sent; try again when it is back.`);
  }
  const body = await answer(res);
  if (res.status !== 200 && res.status !== 409) {
    throw new RunLeaseError(String(body.error ?? `http_${res.status}`), String(body.message ?? `The QBO Sync service answered ${res.status} while checking who runs this. Nothing was sent; try again.`));
  }
  return { status: res.status, body };
}

const leasePath = (realmId: string, name: string) => `/api/firm/${encodeURIComponent(realmId)}/leases/${encodeURIComponent(name)}`;

export function createHttpRunLeases(authFetch: AuthFetch): RunLeaseRemote {
  return {
    async get(realmId, name, browser) {
      const { body } = await send(authFetch, `${leasePath(realmId, name)}?browser=${encodeURIComponent(browser)}`);
      return (body.lease as RunLeaseHolder | null) ?? null;
    },
    async take(realmId, name, request) {
      const { status, body } = await send(authFetch, leasePath(realmId, name), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request) });
      return { held: status === 200, lease: body.lease as RunLeaseHolder };
    },
    async release(realmId, name, instance) {
      await send(authFetch, `${leasePath(realmId, name)}?instance=${encodeURIComponent(instance)}`, { method: 'DELETE' });
    },
  };
}
