/**
 * Run leases over HTTP (docs/proxy-api.md, "Run leases"): one run at a time per firm, company and
 * run name, across staff and browsers. The firm and the holder come only from the verified
 * identity; the page names itself (`instance`) and its browser (`browser`).
 *
 *   GET    /api/firm/{realmId}/leases/{name}   → {lease: RunLease | null, now}
 *   POST   /api/firm/{realmId}/leases/{name}   {instance, browser, ttlMs?, takeOverBrowser?}
 *          → 200 {lease, now} when the caller holds it (taken or renewed), 409 lease_held {lease, now}
 *   DELETE /api/firm/{realmId}/leases/{name}?instance=…  → {released}
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../api-error';
import { readJson, sendJson } from '../http-io';
import type { Identity } from '../identity/identity';
import type { RunLease, RunLeasesRepository } from '../store/run-leases';

export const DEFAULT_LEASE_TTL_MS = 30_000;
export const MIN_LEASE_TTL_MS = 5_000;
export const MAX_LEASE_TTL_MS = 5 * 60_000;
const REALM = /^\d{1,32}$/;
const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const TOKEN = /^[A-Za-z0-9_-]{8,80}$/;

export function parseLeasePath(path: string): { realmId: string; name: string } | null {
  const m = /^\/api\/firm\/([^/]+)\/leases\/([^/]+)$/.exec(path);
  if (!m) return null;
  if (!REALM.test(m[1])) throw new ApiError(400, 'bad_request', 'The realmId in /api/firm/{realmId}/leases/… is the QuickBooks company id (digits).');
  if (!NAME.test(m[2])) throw new ApiError(400, 'bad_request', 'A lease name is a letter followed by up to 63 letters, digits, "-" or "_" (e.g. contactExport).');
  return { realmId: m[1], name: m[2] };
}

function token(value: unknown, what: string): string {
  if (typeof value !== 'string' || !TOKEN.test(value)) throw new ApiError(400, 'bad_request', `${what} is 8 to 80 letters, digits, "-" or "_".`);
  return value;
}

/** What the caller sees of a lease: who and since when, not the other page's ids beyond its browser match. */
function shown(lease: RunLease, callerBrowser?: string) {
  return {
    name: lease.name,
    holder: lease.holder,
    instance: lease.instance,
    sameBrowser: callerBrowser !== undefined && lease.browser === callerBrowser,
    acquiredAt: new Date(lease.acquiredAt).toISOString(),
    expiresAt: new Date(lease.expiresAt).toISOString(),
  };
}

export async function handleLease(
  req: IncomingMessage,
  res: ServerResponse,
  target: { realmId: string; name: string },
  identity: Identity,
  deps: { leases: RunLeasesRepository; now: () => number },
): Promise<void> {
  const method = req.method ?? 'GET';
  const { realmId, name } = target;
  const url = new URL(req.url ?? '/', 'http://proxy.invalid');
  const now = () => new Date(deps.now()).toISOString();
  if (method === 'GET') {
    const browser = url.searchParams.get('browser') ?? undefined;
    const lease = await deps.leases.get(identity.firmId, realmId, name);
    return sendJson(res, 200, { lease: lease && shown(lease, browser), now: now() });
  }
  if (method === 'DELETE') {
    const instance = token(url.searchParams.get('instance'), 'instance');
    return sendJson(res, 200, { released: await deps.leases.release(identity.firmId, realmId, name, instance, identity.userId) });
  }
  if (method !== 'POST') throw new ApiError(405, 'method_not_allowed', 'Use GET, POST (take or renew) or DELETE (release) on /api/firm/{realmId}/leases/{name}.');
  const body = (await readJson(req, 4096)) as Record<string, unknown> | null;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ApiError(400, 'bad_request', 'The body is {"instance":…, "browser":…, "ttlMs"?:…, "takeOverBrowser"?:…}.');
  const instance = token(body.instance, 'instance');
  const browser = token(body.browser, 'browser');
  const ttlMs = body.ttlMs === undefined ? DEFAULT_LEASE_TTL_MS : Number(body.ttlMs);
  if (!Number.isInteger(ttlMs) || ttlMs < MIN_LEASE_TTL_MS || ttlMs > MAX_LEASE_TTL_MS) {
    throw new ApiError(400, 'bad_request', `ttlMs is a whole number of milliseconds from ${MIN_LEASE_TTL_MS} to ${MAX_LEASE_TTL_MS}.`);
  }
  const outcome = await deps.leases.acquire(identity.firmId, realmId, name, { id: identity.userId, name: identity.name }, { instance, browser, ttlMs, takeOverBrowser: body.takeOverBrowser === true });
  if (outcome.held) return sendJson(res, 200, { lease: shown(outcome.lease, browser), now: now() });
  const since = new Date(outcome.lease.acquiredAt).toISOString();
  return sendJson(res, 409, {
    error: 'lease_held',
    message: `${outcome.lease.holder.name} is running this since ${since}; it is yours to run once they finish (or ${new Date(outcome.lease.expiresAt).toISOString()} at the latest if their page stopped).`,
    lease: shown(outcome.lease, browser),
    now: now(),
  });
}
