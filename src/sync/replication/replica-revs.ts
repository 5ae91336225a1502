/**
 * The revs last seen from the firm, per record (the replica's "assumed master state"), kept in
 * REV_BUCKETS buckets per company (the `replicaRevBuckets` store): a record's bucket is a hash
 * of `<collection>:<id>`. IndexedDB charges per request, so a page of 10,000 records costs a
 * read and a write per bucket rather than 10,000 writes, and a single user action touches one
 * bucket. A RevBook is loaded inside the caller's transaction, read and changed in memory, and
 * saved (only the buckets it changed) before that transaction ends.
 */
import type { ReplicaCollection, ReplicaRevBucketRecord, ReplicaRevEntry, ReplicaRevRecord } from '../store/schema';
import type { ReplicaTx } from './replica-apply';

export const REV_BUCKETS = 64;

/** Above this many keys, every bucket of the company is read with one getAll. */
const READ_ALL_ABOVE = 32;

type RevKey = { collection: ReplicaCollection; id: string };
export type SeenRev = Pick<ReplicaRevRecord, 'rev' | 'deleted' | 'pending'>;

const entryKey = (collection: string, id: string) => `${collection}:${id}`;

/** FNV-1a over the UTF-16 code units: stable across browsers and releases (the bucket of a record must never move). */
export function bucketOf(collection: string, id: string): number {
  const text = entryKey(collection, id);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % REV_BUCKETS;
}

export class RevBook {
  private readonly changed = new Set<number>();

  private constructor(
    private readonly tx: ReplicaTx,
    private readonly realmId: string,
    private readonly buckets: Map<number, ReplicaRevBucketRecord>,
    private readonly all: boolean,
  ) {}

  /** Loads the buckets holding these keys (all of the company's when `keys` is 'all' or many). */
  static async load(tx: ReplicaTx, realmId: string, keys: readonly RevKey[] | 'all'): Promise<RevBook> {
    const store = tx.objectStore('replicaRevBuckets');
    const buckets = new Map<number, ReplicaRevBucketRecord>();
    const all = keys === 'all' || keys.length > READ_ALL_ABOVE;
    if (all) {
      for (const b of await store.getAll(IDBKeyRange.bound([realmId, 0], [realmId, REV_BUCKETS]))) buckets.set(b.bucket, b);
    } else {
      const wanted = [...new Set(keys.map((k) => bucketOf(k.collection, k.id)))];
      const found = await Promise.all(wanted.map((b) => store.get([realmId, b])));
      found.forEach((b) => b && buckets.set(b.bucket, b));
      // Buckets not found are empty: remember them as such so that set() does not read again.
      for (const b of wanted) if (!buckets.has(b)) buckets.set(b, { realmId, bucket: b, revs: {} });
    }
    return new RevBook(tx, realmId, buckets, all);
  }

  private bucket(collection: string, id: string): ReplicaRevBucketRecord {
    const n = bucketOf(collection, id);
    let b = this.buckets.get(n);
    if (!b) {
      // Saving a bucket that was never read would overwrite the revs it holds.
      if (!this.all) throw new Error(`RevBook: ${collection}:${id} is in a bucket that was not loaded; load it with its key.`);
      b = { realmId: this.realmId, bucket: n, revs: {} };
      this.buckets.set(n, b);
    }
    return b;
  }

  get(collection: ReplicaCollection, id: string): SeenRev | undefined {
    const e = this.bucket(collection, id).revs[entryKey(collection, id)];
    return e ? { rev: e[0], deleted: e[1], pending: e[2] } : undefined;
  }

  set(collection: ReplicaCollection, id: string, seen: SeenRev): void {
    const b = this.bucket(collection, id);
    const entry: ReplicaRevEntry = [seen.rev, seen.deleted, seen.pending === true];
    b.revs[entryKey(collection, id)] = entry;
    this.changed.add(b.bucket);
  }

  /** Writes the changed buckets (requests queued in the caller's transaction). */
  async save(): Promise<void> {
    const store = this.tx.objectStore('replicaRevBuckets');
    await Promise.all([...this.changed].map((n) => store.put(this.buckets.get(n) as ReplicaRevBucketRecord)));
    this.changed.clear();
  }
}
