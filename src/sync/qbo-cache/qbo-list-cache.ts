/**
 * QuickBooks lists (Customer, Employee, Item…) kept per company in IndexedDB, so that opening a
 * Match tab reads them locally and asks QBO only for what changed (refresh-qbo-lists.ts).
 * Each method is one transaction; none holds a transaction across a network call (STYLE 5).
 */
import type { QboRecord } from '../qbo/gateway';
import { openQboCacheDb, QBO_CACHE_DB_NAME, type CachedRow, type ListMark, type QboCacheDb } from './cache-db';

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

/** Every key of one list: [realm, entity, Id] for any string Id ([] sorts after every string). */
function listRange(realmId: string, entity: string): IDBKeyRange {
  return IDBKeyRange.bound([realmId, entity], [realmId, entity, []]);
}

export class QboListCache {
  private constructor(private readonly db: QboCacheDb) {}

  static async open(name: string = QBO_CACHE_DB_NAME): Promise<QboListCache> {
    return new QboListCache(await openQboCacheDb(name));
  }

  async read(realmId: string, entity: string): Promise<CachedList> {
    const tx = this.db.transaction(['rows', 'marks'], 'readonly');
    const [records, mark] = await Promise.all([tx.objectStore('rows').getAll(listRange(realmId, entity)), tx.objectStore('marks').get([realmId, entity])]);
    await tx.done;
    return { rows: records.map((r) => r.row), mark };
  }

  async marks(realmId: string): Promise<ListMark[]> {
    return this.db.getAll('marks', IDBKeyRange.bound([realmId], [realmId, []]));
  }

  /** The whole list as a full read found it, replacing what was cached. */
  async replace(realmId: string, entity: string, rows: readonly QboRecord[], mark: Omit<ListMark, 'realmId' | 'entity'>): Promise<void> {
    const tx = this.db.transaction(['rows', 'marks'], 'readwrite');
    const store = tx.objectStore('rows');
    void store.delete(listRange(realmId, entity));
    for (const row of rows) void store.put(toCached(realmId, entity, row));
    void tx.objectStore('marks').put({ ...mark, realmId, entity });
    await tx.done;
  }

  /**
   * A CDC answer applied to several lists at once, with their new marks, in one transaction:
   * either every list moves to the new time or none does.
   */
  async apply(realmId: string, changes: ReadonlyMap<string, ListChanges>, mark: Omit<ListMark, 'realmId' | 'entity'>): Promise<void> {
    const tx = this.db.transaction(['rows', 'marks'], 'readwrite');
    const store = tx.objectStore('rows');
    for (const [entity, { upserts, removals }] of changes) {
      for (const id of removals) void store.delete([realmId, entity, id]);
      for (const row of upserts) void store.put(toCached(realmId, entity, row));
      void tx.objectStore('marks').put({ ...mark, realmId, entity });
    }
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
    const tx = this.db.transaction(['rows', 'marks'], 'readwrite');
    void tx.objectStore('rows').delete(IDBKeyRange.bound([realmId], [realmId, []]));
    void tx.objectStore('marks').delete(IDBKeyRange.bound([realmId], [realmId, []]));
    await tx.done;
  }

  close(): void {
    this.db.close();
  }
}

function toCached(realmId: string, entity: string, row: QboRecord): CachedRow {
  return { realmId, entity, Id: String(row.Id), row };
}
