/**
 * Applying the firm's records to the replica, inside a transaction the caller opened over
 * REPLICA_STORES (so a pull page, a push answer or an adopt answer lands whole or not at all).
 *
 * Idempotent: a record whose rev is not newer than the rev last seen is skipped, so duplicate
 * deliveries and out-of-order pages change nothing; a local value written offline (pending) is
 * always replaced, since the firm's value wins. A link displaces any local link that holds the
 * same QBO id (the firm enforces one-to-one, so that local link is stale or was never taken),
 * which keeps the unique `byQbo` index from aborting the page.
 */
import type { IDBPTransaction } from 'idb';
import type { DocumentKind, LinkKind, LinkRecord, QboSyncDB, ReplicaCollection, ReplicaRevRecord } from '../store/schema';
import { defaultSettings } from '../store/settings-store';
import type { RemoteRecord } from './firm-remote';
import { splitKindId } from './firm-records';

export const REPLICA_STORES = ['links', 'settings', 'documents', 'audit', 'replicaRevs', 'replicaRealms', 'pendingWrites'] as const;
export type ReplicaTx = IDBPTransaction<QboSyncDB, typeof REPLICA_STORES, 'readwrite'>;

/** Reads the local value of one firm record (undefined: none). */
export async function readLocal(tx: ReplicaTx, realmId: string, collection: ReplicaCollection, id: string): Promise<unknown> {
  switch (collection) {
    case 'links': {
      const [kind, otId] = splitKindId(id);
      return tx.objectStore('links').get([realmId, kind as LinkKind, otId]);
    }
    case 'settings':
      return tx.objectStore('settings').get(realmId);
    case 'documents': {
      const [kind, sourceId] = splitKindId(id);
      return tx.objectStore('documents').get([realmId, kind as DocumentKind, sourceId]);
    }
    case 'history':
      return undefined;
  }
}

/** Writes (body) or deletes (null) the local value of one firm record. */
export async function writeLocal(tx: ReplicaTx, realmId: string, collection: ReplicaCollection, id: string, body: Record<string, unknown> | null): Promise<void> {
  switch (collection) {
    case 'links': {
      const [kindText, otId] = splitKindId(id);
      const kind = kindText as LinkKind;
      const links = tx.objectStore('links');
      if (body === null) {
        await links.delete([realmId, kind, otId]);
        return;
      }
      const record = { ...body, realmId, kind, otId } as QboSyncDB['links']['value'];
      const holder = await links.index('byQbo').get([realmId, kind, record.qboId]);
      if (holder && holder.otId !== otId) await links.delete([realmId, kind, holder.otId]);
      await links.put(record);
      return;
    }
    case 'settings':
      if (body === null) await tx.objectStore('settings').delete(realmId);
      else await tx.objectStore('settings').put({ ...defaultSettings(realmId), ...body, realmId });
      return;
    case 'documents': {
      const [kind, sourceId] = splitKindId(id);
      if (body === null) await tx.objectStore('documents').delete([realmId, kind as DocumentKind, sourceId]);
      else await tx.objectStore('documents').put({ ...body, realmId, kind, sourceId } as QboSyncDB['documents']['value']);
      return;
    }
    case 'history':
      // Append only: a history line is added once and never changed or removed.
      if (body !== null) await tx.objectStore('audit').add({ ...body, realmId, id } as QboSyncDB['audit']['value']);
      return;
  }
}

/** Above this many records, local state is read with one getAll per store instead of a get per record. */
const BULK_READ = 256;

/**
 * Applies firm records; returns the collections whose local data changed. All reads of a batch
 * are issued at once (one getAll per store for a large batch, such as a first pull) and all
 * writes after them: IndexedDB runs a transaction's requests in order, so this costs a few
 * round trips instead of several per record. Links go in two steps: first the tombstoned links
 * and every local link holding a QBO id that a record of the batch takes are removed, then the
 * batch's live links are put, so the unique `byQbo` index never sees two holders, whatever the
 * order of the batch.
 */
export async function applyRemoteRecords(tx: ReplicaTx, realmId: string, records: readonly RemoteRecord[]): Promise<Set<ReplicaCollection>> {
  const changed = new Set<ReplicaCollection>();
  const revs = tx.objectStore('replicaRevs');
  const realmRange = IDBKeyRange.bound([realmId], [realmId, []]);
  // The newest of each record in this batch (a page may carry one twice).
  const newest = new Map<string, RemoteRecord>();
  for (const r of records) {
    const k = `${r.collection}\u0000${r.id}`;
    const prev = newest.get(k);
    if (!prev || prev.rev < r.rev) newest.set(k, r);
  }
  const batch = [...newest.values()];
  const bulk = batch.length > BULK_READ;
  let seen: Array<ReplicaRevRecord | undefined>;
  if (bulk) {
    const all = new Map((await revs.getAll(realmRange)).map((e) => [`${e.collection}\u0000${e.id}`, e]));
    seen = batch.map((r) => all.get(`${r.collection}\u0000${r.id}`));
  } else {
    seen = await Promise.all(batch.map((r) => revs.get([realmId, r.collection, r.id])));
  }
  const apply: RemoteRecord[] = [];
  const writes: Array<Promise<unknown>> = [];
  batch.forEach((r, i) => {
    const s = seen[i];
    if (r.collection === 'history' && s) {
      // Already added locally (written offline, now taken): only the rev is new.
      if (s.pending) writes.push(revs.put({ realmId, collection: r.collection, id: r.id, rev: r.rev, deleted: false }));
      return;
    }
    if (s && !s.pending && s.rev >= r.rev) return;
    apply.push(r);
  });

  const linkRecords = apply.filter((r) => r.collection === 'links');
  if (linkRecords.length > 0) {
    const links = tx.objectStore('links');
    const live = linkRecords.filter((r) => !r.deleted && r.body);
    const qboKey = (kind: unknown, qboId: unknown) => `${String(kind)}\u0000${String(qboId)}`;
    let holders: Array<LinkRecord | undefined>;
    if (bulk) {
      const byQbo = new Map((await links.getAll(realmRange)).map((l) => [qboKey(l.kind, l.qboId), l]));
      holders = live.map((r) => byQbo.get(qboKey(r.body?.kind, r.body?.qboId)));
    } else {
      const byQbo = links.index('byQbo');
      holders = await Promise.all(live.map((r) => byQbo.get([realmId, String(r.body?.kind) as LinkKind, String(r.body?.qboId)])));
    }
    for (const r of linkRecords) {
      if (!r.deleted) continue;
      const [kind, otId] = splitKindId(r.id);
      writes.push(links.delete([realmId, kind as LinkKind, otId]));
    }
    live.forEach((r, i) => {
      const h = holders[i];
      if (h && `${h.kind}:${h.otId}` !== r.id) writes.push(links.delete([realmId, h.kind, h.otId]));
    });
    for (const r of live) {
      const [kind, otId] = splitKindId(r.id);
      writes.push(links.put({ ...r.body, realmId, kind, otId } as LinkRecord));
    }
  }
  for (const r of apply) {
    if (r.collection !== 'links') writes.push(writeLocal(tx, realmId, r.collection, r.id, r.deleted ? null : r.body));
    writes.push(revs.put({ realmId, collection: r.collection, id: r.id, rev: r.rev, deleted: r.deleted }));
    changed.add(r.collection);
  }
  await Promise.all(writes);
  return changed;
}

/** The revs a push is based on: null when none was seen or only a tombstone. */
export async function baseRevs(tx: ReplicaTx, realmId: string, keys: ReadonlyArray<{ collection: ReplicaCollection; id: string }>): Promise<Array<number | null>> {
  const revs = tx.objectStore('replicaRevs');
  const seen = await Promise.all(keys.map((k) => revs.get([realmId, k.collection, k.id])));
  return seen.map((s) => (s && !s.deleted && s.rev > 0 ? s.rev : null));
}

/** Marks a record as written locally but not yet taken by the firm. */
export async function markPending(tx: ReplicaTx, realmId: string, collection: ReplicaCollection, id: string, deleted: boolean): Promise<void> {
  const revs = tx.objectStore('replicaRevs');
  const seen = await revs.get([realmId, collection, id]);
  await revs.put({ realmId, collection, id, rev: seen?.rev ?? 0, deleted, pending: true });
}
