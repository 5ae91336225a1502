/**
 * The firm's records over HTTP (docs/firm-contract.md §3): pull, push and adopt for the
 * caller's firm and the realm in the path. The firm comes only from the verified identity, so
 * no path or body can name another firm's records.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../api-error';
import { readJson, sendJson } from '../http-io';
import type { Identity } from '../identity/identity';
import type { FirmRecordsRepository } from '../store/firm-records';
import type { FirmEventBus } from './event-bus';
import { BadChangeError, parseAdoptRecords, parseChanges } from './firm-record';

/** Pushes and adopts may carry a whole firm's links at once. */
export const MAX_PUSH_BYTES = 16 * 1024 * 1024;
export const DEFAULT_PULL_LIMIT = 2000;
export const MAX_PULL_LIMIT = 10_000;
const REALM = /^\d{1,32}$/;

export function parseRecordsPath(path: string): { realmId: string; action: 'changes' | 'adopt' } | null {
  const m = /^\/api\/firm\/([^/]+)\/(changes|adopt)$/.exec(path);
  if (!m) return null;
  if (!REALM.test(m[1])) throw new ApiError(400, 'bad_request', 'The realmId in /api/firm/{realmId}/… is the QuickBooks company id (digits).');
  return { realmId: m[1], action: m[2] as 'changes' | 'adopt' };
}

function badChange(err: unknown): never {
  if (err instanceof BadChangeError) throw new ApiError(400, 'bad_change', `${err.message} See docs/firm-contract.md §3.`);
  throw err;
}

export async function handleRecords(
  req: IncomingMessage,
  res: ServerResponse,
  target: { realmId: string; action: 'changes' | 'adopt' },
  identity: Identity,
  deps: { records: FirmRecordsRepository; bus: FirmEventBus },
): Promise<void> {
  const method = req.method ?? 'GET';
  const who = { id: identity.userId, name: identity.name };
  const { realmId } = target;

  if (target.action === 'changes' && method === 'GET') {
    const url = new URL(req.url ?? '/', 'http://proxy.invalid');
    const sinceRaw = url.searchParams.get('since') ?? '0';
    const limitRaw = url.searchParams.get('limit');
    if (!/^\d{1,18}$/.test(sinceRaw)) throw new ApiError(400, 'bad_request', 'since is a checkpoint the proxy gave (a decimal number), or 0 for the start.');
    const limit = limitRaw === null ? DEFAULT_PULL_LIMIT : Number(limitRaw);
    if (!/^\d+$/.test(limitRaw ?? '1') || limit < 1 || limit > MAX_PULL_LIMIT) throw new ApiError(400, 'bad_request', `limit is a whole number from 1 to ${MAX_PULL_LIMIT}.`);
    return sendJson(res, 200, await deps.records.pull(identity.firmId, realmId, BigInt(sinceRaw), limit));
  }
  if (method !== 'POST') throw new ApiError(405, 'method_not_allowed', `Use ${target.action === 'changes' ? 'GET (pull) or POST (push)' : 'POST'} /api/firm/{realmId}/${target.action}.`);

  const payload = await readJson(req, MAX_PUSH_BYTES);
  if (target.action === 'changes') {
    let changes;
    try {
      changes = parseChanges(payload);
    } catch (err) {
      badChange(err);
    }
    const outcome = await deps.records.push(identity.firmId, realmId, who, changes);
    if (!outcome.ok) {
      const first = outcome.conflicts[0];
      const by = first?.holder ?? first?.current;
      const message = first?.reason === 'unique' && first.holder
        ? `${first.holder.id} is already linked to that QuickBooks record (by ${first.holder.updatedBy.name}); nothing was saved.`
        : `Someone else changed ${first ? `${first.collection}/${first.id}` : 'these records'} first${by ? ` (${by.updatedBy.name})` : ''}; nothing was saved. Pull and try again.`;
      return sendJson(res, 409, { error: 'conflict', message, conflicts: outcome.conflicts });
    }
    deps.bus.publish(identity.firmId, { type: 'changes', realmId, checkpoint: outcome.checkpoint });
    return sendJson(res, 200, { records: outcome.records, checkpoint: outcome.checkpoint });
  }
  let records;
  try {
    records = parseAdoptRecords(payload);
  } catch (err) {
    badChange(err);
  }
  const result = await deps.records.adopt(identity.firmId, realmId, who, records);
  if (result.taken > 0) deps.bus.publish(identity.firmId, { type: 'changes', realmId, checkpoint: result.checkpoint });
  return sendJson(res, 200, result);
}
