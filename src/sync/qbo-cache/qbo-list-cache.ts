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
  for (let n = 0; n * CHUNK_ROWS < rows.length; n++) chunks.push({ realmId, entity, n, json: JSON.stringify(rows.slice(n * CHUNK_ROWS, (n + 1) * CHUNK_ROWS)) });
  return chunks;
}

/** A chunk a change had to read does not parse: its list loses its mark and is read in full next time. */
class DamagedChunk extends Error {}

/** A chunk's rows; undefined when its text is not a JSON array (a damaged cache, read again in full). */
function chunkRows(chunk: CachedChunk): QboRecord[] | undefined {
  try {
    const rows: unknown = JSON.parse(chunk.json);
    return Array.isArray(rows) ? (rows as QboRecord[]) : undefined;
  } catch {
    return undefined;
  }
}

/** How JSON.stringify writes an id property (a string, or a number from an older record). */
const ID_TEXT = /"Id":(?:"((?:[^"\\]|\\.)*)"|(-?\d+))/g;

/**
 * Whether a chunk's text may hold one of these rows: one pass over the text, whatever the number
 * of ids (a search per id took seconds for 1,000 changes over twenty chunks). Only such chunks,
 * and the last one, are parsed to apply a change: parsing all twenty took the main thread while
 * a window drew its lists. A nested "Id" that matches only costs a parse.
 */
function mayHold(json: string, ids: ReadonlySet<string>): boolean {
  for (const m of json.matchAll(ID_TEXT)) {
    const id = m[1] === undefined ? m[2] : m[1].includes('\\') ? (JSON.parse(`"${m[1]}"`) as string) : m[1];
    if (ids.has(id)) return true;
  }
  return false;
}

/**
 * One list's chunks with changes applied: rows replaced where they are, removed ones taken out,
 * new ones added after the last row. Returns only the chunks that changed (`rows` null: emptied,
 * to be deleted), so one renamed customer rewrites one chunk of twenty.
 */
function changedChunks(stored: readonly CachedChunk[], { upserts, removals }: ListChanges): Array<{ n: number; rows: QboRecord[] | null }> {
  const ids = new Set([...removals, ...upserts.map((r) => String(r.Id))]);
  const chunks: Array<{ n: number; rows: QboRecord[] }> = [];
  const where = new Map<string, number>();
  stored.forEach((chunk, i) => {
    if (i !== stored.length - 1 && !mayHold(chunk.json, ids)) return;
    const rows = chunkRows(chunk);
    if (!rows) throw new DamagedChunk();
    rows.forEach((r) => where.set(String(r.Id), chunks.length));
    chunks.push({ n: chunk.n, rows });
  });
  const dirty = new Set<number>();
  const gone = new Set(removals);
  for (const id of gone) {
    const at = where.get(id);
    if (at === undefined) continue;
    chunks[at].rows = chunks[at].rows.filter((r) => String(r.Id) !== id);
    where.delete(id);
    dirty.add(at);
  }
  for (const row of upserts) {
    const id = String(row.Id);
    const at = where.get(id);
    if (at !== undefined) {
      chunks[at].rows = chunks[at].rows.map((r) => (String(r.Id) === id ? row : r));
      dirty.add(at);
      continue;
    }
    let last = chunks.length - 1;
    if (last < 0 || chunks[last].rows.length >= CHUNK_ROWS) {
      chunks.push({ n: last < 0 ? 0 : chunks[last].n + 1, rows: [] });
      last += 1;
    }
    chunks[last].rows.push(row);
    where.set(id, last);
    dirty.add(last);
  }
  return [...dirty].map((i) => ({ n: chunks[i].n, rows: chunks[i].rows.length > 0 ? chunks[i].rows : null }));
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

  /** A list whose chunks cannot be read back (damaged) comes without its mark, so it is read in full. */
  async read(realmId: string, entity: string): Promise<CachedList> {
    const tx = this.db.transaction(['chunks', 'marks'], 'readonly');
    const [chunks, mark] = await Promise.all([tx.objectStore('chunks').getAll(listRange(realmId, entity)), tx.objectStore('marks').get([realmId, entity])]);
    await tx.done;
    const rows: QboRecord[] = [];
    for (const chunk of chunks) {
      const part = chunkRows(chunk);
      if (!part) return { rows: [] };
      for (const row of part) rows.push(row);
    }
    return { rows, mark };
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
    // Read every changed list first, then rewrite the chunks that changed: all inside this one transaction.
    const lists = await Promise.all(changed.map(([entity]) => store.getAll(listRange(realmId, entity))));
    const damaged: string[] = [];
    changed.forEach(([entity, change], i) => {
      let rewrite: Array<{ n: number; rows: QboRecord[] | null }>;
      try {
        rewrite = changedChunks(lists[i], change);
      } catch (e) {
        if (!(e instanceof DamagedChunk)) throw e;
        damaged.push(entity);
        return;
      }
      for (const { n, rows } of rewrite) {
        if (rows) void store.put({ realmId, entity, n, json: JSON.stringify(rows) });
        else void store.delete([realmId, entity, n]);
      }
    });
    for (const entity of changes.keys()) {
      // A damaged list loses its mark instead: the next open reads it in full.
      if (damaged.includes(entity)) void tx.objectStore('marks').delete([realmId, entity]);
      else void tx.objectStore('marks').put({ ...mark, realmId, entity });
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
