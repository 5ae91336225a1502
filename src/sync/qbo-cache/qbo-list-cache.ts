/**
 * QuickBooks lists (Customer, Employee, Item…) kept per company in IndexedDB, so that opening a
 * Match tab reads them locally and asks QBO only for what changed (refresh-qbo-lists.ts).
 * Each method is one transaction; none holds a transaction across a network call (STYLE 5).
 */
import type { QboRecord } from '../qbo/gateway';
import { CHUNK_ROWS, openQboCacheDb, QBO_CACHE_DB_NAME, type CachedChunk, type ListMark, type QboCacheDb } from './cache-db';

export interface CachedList {
  rows: QboRecord[];
  /** Absent when the list was never read completely (or was dropped). */
  mark?: ListMark;
}

export interface ListChanges {
  /** Rows to add or replace, as QBO sent them. */
  upserts: readonly QboRecord[];
  /** Ids to remove: deleted, merged away, or made inactive. */
  removals: readonly string[];
}

/** Every chunk of one list: [realm, entity, n] for any n ([] sorts after every number). */
function listRange(realmId: string, entity: string): IDBKeyRange {
  return IDBKeyRange.bound([realmId, entity], [realmId, entity, []]);
}

function toChunks(realmId: string, entity: string, rows: readonly QboRecord[]): CachedChunk[] {
  const chunks: CachedChunk[] = [];
  for (let n = 0; n * CHUNK_ROWS < rows.length; n++) chunks.push({ realmId, entity, n, rows: rows.slice(n * CHUNK_ROWS, (n + 1) * CHUNK_ROWS) });
  return chunks;
}

export class QboListCache {
  private db!: QboCacheDb;
  private live = true;

  private constructor() {}

  static async open(name: string = QBO_CACHE_DB_NAME): Promise<QboListCache> {
    const cache = new QboListCache();
    cache.db = await openQboCacheDb(name, () => (cache.live = false));
    return cache;
  }

  /** False once closed, by `close` or because another frame upgraded the database. */
  get isOpen(): boolean {
    return this.live;
  }

  async read(realmId: string, entity: string): Promise<CachedList> {
    const tx = this.db.transaction(['chunks', 'marks'], 'readonly');
    const [chunks, mark] = await Promise.all([tx.objectStore('chunks').getAll(listRange(realmId, entity)), tx.objectStore('marks').get([realmId, entity])]);
    await tx.done;
    return { rows: chunks.flatMap((c) => c.rows), mark };
  }

  async marks(realmId: string): Promise<ListMark[]> {
    return this.db.getAll('marks', IDBKeyRange.bound([realmId], [realmId, []]));
  }

  /** The whole list as a full read found it, replacing what was cached. */
  async replace(realmId: string, entity: string, rows: readonly QboRecord[], mark: Omit<ListMark, 'realmId' | 'entity'>): Promise<void> {
    const tx = this.db.transaction(['chunks', 'marks'], 'readwrite');
    const store = tx.objectStore('chunks');
    void store.delete(listRange(realmId, entity));
    for (const chunk of toChunks(realmId, entity, rows)) void store.put(chunk);
    void tx.objectStore('marks').put({ ...mark, realmId, entity });
    await tx.done;
  }

  /**
   * A CDC answer applied to several lists at once, with their new marks, in one transaction:
   * either every list moves to the new time or none does.
   */
  async apply(realmId: string, changes: ReadonlyMap<string, ListChanges>, mark: Omit<ListMark, 'realmId' | 'entity'>): Promise<void> {
    const tx = this.db.transaction(['chunks', 'marks'], 'readwrite');
    const store = tx.objectStore('chunks');
    const changed = [...changes].filter(([, c]) => c.upserts.length > 0 || c.removals.length > 0);
    // Read every changed list first, then rewrite it: all inside this one transaction.
    const lists = await Promise.all(changed.map(([entity]) => store.getAll(listRange(realmId, entity))));
    changed.forEach(([entity, { upserts, removals }], i) => {
      const byId = new Map(lists[i].flatMap((c) => c.rows).map((r) => [String(r.Id), r]));
      for (const id of removals) byId.delete(id);
      for (const row of upserts) byId.set(String(row.Id), row);
      void store.delete(listRange(realmId, entity));
      for (const chunk of toChunks(realmId, entity, [...byId.values()])) void store.put(chunk);
    });
    for (const entity of changes.keys()) void tx.objectStore('marks').put({ ...mark, realmId, entity });
    await tx.done;
  }

  /** Forgets that lists are complete, so the next open reads them in full. */
  async dropMarks(realmId: string, entities: readonly string[]): Promise<void> {
    const tx = this.db.transaction('marks', 'readwrite');
    for (const entity of entities) void tx.store.delete([realmId, entity]);
    await tx.done;
  }

  /** Everything cached for a company (e.g. on disconnect). */
  async clearRealm(realmId: string): Promise<void> {
    const tx = this.db.transaction(['chunks', 'marks'], 'readwrite');
    void tx.objectStore('chunks').delete(IDBKeyRange.bound([realmId], [realmId, []]));
    void tx.objectStore('marks').delete(IDBKeyRange.bound([realmId], [realmId, []]));
    await tx.done;
  }

  close(): void {
    this.live = false;
    this.db.close();
  }
}
