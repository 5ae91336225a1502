/**
 * The list cache's contract kept in memory, for processes without IndexedDB. Rows are copied in
 * and out (structured clone), as IndexedDB does, so callers never share objects with it.
 */
import type { QboRecord } from '../qbo/gateway';
import type { ListMark } from './cache-db';
import type { ListCachePort } from './list-cache-port';
import type { CachedList, ListChanges } from './qbo-list-cache';

const key = (realmId: string, entity: string) => JSON.stringify([realmId, entity]);

export class MemoryListCache implements ListCachePort {
  private readonly lists = new Map<string, Map<string, QboRecord>>();
  private readonly markByList = new Map<string, ListMark>();

  async read(realmId: string, entity: string): Promise<CachedList> {
    const rows = [...(this.lists.get(key(realmId, entity))?.values() ?? [])].sort((a, b) => String(a.Id).localeCompare(String(b.Id)));
    const mark = this.markByList.get(key(realmId, entity));
    return structuredClone({ rows, mark });
  }

  async marks(realmId: string): Promise<ListMark[]> {
    return structuredClone([...this.markByList.values()].filter((m) => m.realmId === realmId));
  }

  async replace(realmId: string, entity: string, rows: readonly QboRecord[], mark: Omit<ListMark, 'realmId' | 'entity'>): Promise<void> {
    this.lists.set(key(realmId, entity), new Map(rows.map((r) => [String(r.Id), structuredClone(r)])));
    this.markByList.set(key(realmId, entity), { ...mark, realmId, entity });
  }

  async apply(realmId: string, changes: ReadonlyMap<string, ListChanges>, mark: Omit<ListMark, 'realmId' | 'entity'>): Promise<void> {
    for (const [entity, { upserts, removals }] of changes) {
      const list = this.lists.get(key(realmId, entity)) ?? new Map<string, QboRecord>();
      this.lists.set(key(realmId, entity), list);
      for (const id of removals) list.delete(id);
      for (const row of upserts) list.set(String(row.Id), structuredClone(row));
      this.markByList.set(key(realmId, entity), { ...mark, realmId, entity });
    }
  }

  async dropMarks(realmId: string, entities: readonly string[]): Promise<void> {
    for (const entity of entities) this.markByList.delete(key(realmId, entity));
  }

  async clearRealm(realmId: string): Promise<void> {
    for (const [k, m] of this.markByList) if (m.realmId === realmId) this.markByList.delete(k);
    for (const k of this.lists.keys()) if ((JSON.parse(k) as string[])[0] === realmId) this.lists.delete(k);
  }
}
