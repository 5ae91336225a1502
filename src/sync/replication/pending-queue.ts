/**
 * Writes made while the proxy was unreachable. Each is applied locally at once (its records
 * marked pending) and kept in `pendingWrites` with the revs it was based on and the local
 * values it replaced. When the firm is back they are pushed in order, one push per write:
 * - taken: the firm's answer replaces the pending values; a later queued write of the same
 *   record is rebased onto the rev the firm just gave (it was made on top of this one);
 * - refused (409, or another lasting 4xx refusal): the write is dropped, the firm's records are applied (or, for records the
 *   firm did not name, the replaced local values put back), and it is reported in notTaken.
 * A network failure stops the flush; the rest waits for the next try.
 */
import type { PendingWriteRecord } from '../store/schema';
import { describeRecordConflict } from './describe-conflict';
import { FirmConflictError, FirmRemoteError } from './firm-remote-errors';
import type { PushConflict, RemoteChange, RemoteRecord } from './firm-remote';
import { REPLICA_STORES, applyRemoteRecords, baseRevs, markPending, readLocal, writeLocal } from './replica-apply';
import type { ReplicaContext } from './replica-context';
import { RevBook } from './replica-revs';
import type { ReplicaChange } from './replica-writer';

/** Applies the changes locally as pending and queues them, in one transaction. */
export async function enqueueWrite(ctx: ReplicaContext, changes: readonly ReplicaChange[], what: string): Promise<void> {
  const { db, realmId } = ctx;
  const tx = db.transaction(REPLICA_STORES, 'readwrite');
  const bases = await baseRevs(tx, realmId, changes);
  const before: PendingWriteRecord['before'] = [];
  for (const c of changes) {
    before.push({ collection: c.collection, id: c.id, value: (await readLocal(tx, realmId, c.collection, c.id)) ?? null });
    await writeLocal(tx, realmId, c.collection, c.id, c.deleted ? null : (c.body ?? null));
  }
  await markPending(tx, realmId, changes.map((c) => ({ collection: c.collection, id: c.id, deleted: c.deleted === true })));
  const queued: RemoteChange[] = changes.map((c, i) => ({ ...c, baseRev: bases[i] }));
  await tx.objectStore('pendingWrites').add({ realmId, changes: queued, before, what, createdAt: ctx.now().toISOString() });
  await tx.done;
  ctx.wrote(changes.map((c) => c.collection));
  ctx.pendingChanged();
}

export async function countPending(ctx: Pick<ReplicaContext, 'db' | 'realmId'>): Promise<number> {
  return ctx.db.countFromIndex('pendingWrites', 'byRealm', ctx.realmId);
}

/** Pushes the queue in order. Rejects (and keeps the rest) when the firm cannot be reached. */
export async function flushPending(ctx: ReplicaContext): Promise<void> {
  const { db, realmId, remote } = ctx;
  const entries = await db.getAllFromIndex('pendingWrites', 'byRealm', realmId);
  if (entries.length === 0) return;
  entries.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  // A write queued on top of an earlier queued write of the same record was based on the same
  // firm rev; once the earlier one is taken, the later one is based on the rev it got.
  const rebased = new Map<string, { from: number | null; to: number }>();
  for (const entry of entries) {
    const changes = entry.changes.map((c) => {
      const r = rebased.get(`${c.collection}\u0000${c.id}`);
      return r && r.from === c.baseRev ? { ...c, baseRev: r.to } : c;
    });
    let records: RemoteRecord[];
    try {
      records = (await remote.push(realmId, changes)).records;
    } catch (e) {
      if (e instanceof FirmConflictError) {
        await dropRefused(ctx, entry, e.conflicts, e.conflicts.map(describeRecordConflict).join(' '));
        continue;
      }
      // A write the firm will never take (400 bad_change, 403…) must not block the queue for
      // good: drop and report it. Identity refusals (401) and server failures wait for a retry.
      if (e instanceof FirmRemoteError && e.status !== undefined && e.status >= 400 && e.status < 500 && e.status !== 401 && e.status !== 429) {
        await dropRefused(ctx, entry, [], e.message);
        continue;
      }
      throw e;
    }
    ctx.reachable(true);
    records.forEach((r, i) => {
      const c = changes[i];
      if (c && c.id === r.id) rebased.set(`${c.collection}\u0000${c.id}`, { from: c.baseRev, to: r.rev });
    });
    const tx = db.transaction(REPLICA_STORES, 'readwrite');
    await applyRemoteRecords(tx, realmId, records);
    await tx.objectStore('pendingWrites').delete(entry.seq as number);
    await tx.done;
    ctx.pendingChanged();
  }
}

async function dropRefused(ctx: ReplicaContext, entry: PendingWriteRecord, conflicts: readonly PushConflict[], reasons: string): Promise<void> {
  const { db, realmId } = ctx;
  const tx = db.transaction(REPLICA_STORES, 'readwrite');
  // First put back what this write replaced, then apply what the firm named as current.
  const book = await RevBook.load(tx, realmId, entry.before);
  for (const b of [...entry.before].reverse()) {
    if (b.collection === 'history') continue;
    const seen = book.get(b.collection, b.id);
    // Not pending any more: a pull already put the firm's value there.
    if (!seen?.pending) continue;
    const value = b.value as Record<string, unknown> | null;
    await writeLocal(tx, realmId, b.collection, b.id, value);
    book.set(b.collection, b.id, { rev: seen.rev, pending: false, deleted: value === null });
  }
  await book.save();
  const firm: RemoteRecord[] = [];
  for (const c of conflicts) {
    if (c.current) firm.push(c.current);
    if (c.holder) firm.push(c.holder);
  }
  const changed = await applyRemoteRecords(tx, realmId, firm);
  await tx.objectStore('pendingWrites').delete(entry.seq as number);
  await tx.done;
  ctx.reachable(true);
  ctx.pendingChanged();
  ctx.changed(new Set([...changed, ...entry.changes.map((c) => c.collection)]));
  ctx.notTaken(
    entry.changes.slice(0, 1).map((c) => ({
      collection: c.collection,
      id: c.id,
      source: 'offline' as const,
      message: `${entry.what} made while offline was not taken: ${reasons} The firm's version is shown now.`,
    })),
  );
}
