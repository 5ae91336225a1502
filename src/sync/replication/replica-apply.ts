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
import type { DocumentKind, LinkKind, LinkRecord, QboSyncDB, ReplicaCollection } from '../store/schema';
import { defaultSettings } from '../store/settings-store';
import type { RemoteRecord } from './firm-remote';
import { splitKindId } from './firm-records';
import { RevBook } from './replica-revs';

export const REPLICA_STORES = ['links', 'settings', 'documents', 'audit', 'replicaRevBuckets', 'replicaRealms', 'pendingWrites'] as const;
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

/** Above this many records, local links are read with one getAll instead of a get per record. */
const BULK_READ = 256;

const qboKey = (kind: unknown, qboId: unknown) => `${String(kind)}\u0000${String(qboId)}`;

/**
 * Which local link holds which QBO id, kept in memory by a caller that knows every local link of
 * the company: a pull that started on a replica without links builds it from the pages it
 * applies, so a large page needs no read of the links already stored.
 */
export class LinkHolders {
  private readonly byQbo = new Map<string, string>();
  private readonly byId = new Map<string, string>();

  holder(kind: unknown, qboId: unknown): string | undefined {
    return this.byQbo.get(qboKey(kind, qboId));
  }

  remove(id: string): void {
    const key = this.byId.get(id);
    if (key === undefined) return;
    this.byId.delete(id);
    if (this.byQbo.get(key) === id) this.byQbo.delete(key);
  }

  set(id: string, kind: unknown, qboId: unknown): void {
    this.remove(id);
    const key = qboKey(kind, qboId);
    this.byQbo.set(key, id);
    this.byId.set(id, key);
  }
}

export interface ApplyOptions {
  /** Every local link of the company, known to the caller (see LinkHolders); updated by the apply. */
  holders?: LinkHolders;
}

/**
 * Applies firm records; returns the collections whose local data changed. All reads of a batch
 * are issued at once and all writes after them without waiting for each: IndexedDB runs a
 * transaction's requests in order, so this costs a few round trips instead of several per
 * record. Revs are read and written per bucket (replica-revs.ts). Links go in two steps: first
 * the tombstoned links and every local link holding a QBO id that a record of the batch takes
 * are removed, then the batch's live links are put, so the unique `byQbo` index never sees two
 * holders, whatever the order of the batch.
 */
export async function applyRemoteRecords(tx: ReplicaTx, realmId: string, records: readonly RemoteRecord[], options: ApplyOptions = {}): Promise<Set<ReplicaCollection>> {
  const changed = new Set<ReplicaCollection>();
  const realmRange = IDBKeyRange.bound([realmId], [realmId, []]);
  // The newest of each record in this batch (a page may carry one twice).
  const newest = new Map<string, RemoteRecord>();
  for (const r of records) {
    const k = `${r.collection}\u0000${r.id}`;
    const prev = newest.get(k);
    if (!prev || prev.rev < r.rev) newest.set(k, r);
  }
  const batch = [...newest.values()];
  if (batch.length === 0) return changed;
  const book = await RevBook.load(tx, realmId, batch);
  const apply: RemoteRecord[] = [];
  const writes: Array<Promise<unknown>> = [];
  for (const r of batch) {
    const s = book.get(r.collection, r.id);
    if (r.collection === 'history' && s) {
      // Already added locally (written offline, now taken): only the rev is new.
      if (s.pending) book.set(r.collection, r.id, { rev: r.rev, deleted: false });
      continue;
    }
    if (s && !s.pending && s.rev >= r.rev) continue;
    apply.push(r);
  }

  const linkRecords = apply.filter((r) => r.collection === 'links');
  if (linkRecords.length > 0) {
    const links = tx.objectStore('links');
    const live = linkRecords.filter((r) => !r.deleted && r.body);
    const { holders } = options;
    let holderIds: Array<string | undefined>;
    if (holders) {
      holderIds = live.map((r) => holders.holder(r.body?.kind, r.body?.qboId));
    } else if (live.length > BULK_READ) {
      const byQbo = new Map((await links.getAll(realmRange)).map((l) => [qboKey(l.kind, l.qboId), `${l.kind}:${l.otId}`]));
      holderIds = live.map((r) => byQbo.get(qboKey(r.body?.kind, r.body?.qboId)));
    } else {
      const byQbo = links.index('byQbo');
      const found = await Promise.all(live.map((r) => byQbo.get([realmId, String(r.body?.kind) as LinkKind, String(r.body?.qboId)])));
      holderIds = found.map((h) => (h ? `${h.kind}:${h.otId}` : undefined));
    }
    for (const r of linkRecords) {
      if (!r.deleted) continue;
      const [kind, otId] = splitKindId(r.id);
      writes.push(links.delete([realmId, kind as LinkKind, otId]));
      holders?.remove(r.id);
    }
    live.forEach((r, i) => {
      const h = holderIds[i];
      if (h === undefined || h === r.id) return;
      const [kind, otId] = splitKindId(h);
      writes.push(links.delete([realmId, kind as LinkKind, otId]));
      holders?.remove(h);
    });
    for (const r of live) {
      const [kind, otId] = splitKindId(r.id);
      writes.push(links.put({ ...r.body, realmId, kind, otId } as LinkRecord));
      holders?.set(r.id, kind, r.body?.qboId);
    }
  }
  for (const r of apply) {
    if (r.collection !== 'links') writes.push(writeLocal(tx, realmId, r.collection, r.id, r.deleted ? null : r.body));
    book.set(r.collection, r.id, { rev: r.rev, deleted: r.deleted });
    changed.add(r.collection);
  }
  writes.push(book.save());
  await Promise.all(writes);
  return changed;
}

/** The revs a push is based on: null when none was seen or only a tombstone. */
export async function baseRevs(tx: ReplicaTx, realmId: string, keys: ReadonlyArray<{ collection: ReplicaCollection; id: string }>): Promise<Array<number | null>> {
  const book = await RevBook.load(tx, realmId, keys);
  return keys.map((k) => {
    const s = book.get(k.collection, k.id);
    return s && !s.deleted && s.rev > 0 ? s.rev : null;
  });
}

/** Marks records as written locally but not yet taken by the firm. */
export async function markPending(tx: ReplicaTx, realmId: string, keys: ReadonlyArray<{ collection: ReplicaCollection; id: string; deleted: boolean }>): Promise<void> {
  const book = await RevBook.load(tx, realmId, keys);
  for (const k of keys) book.set(k.collection, k.id, { rev: book.get(k.collection, k.id)?.rev ?? 0, deleted: k.deleted, pending: true });
  await book.save();
}
