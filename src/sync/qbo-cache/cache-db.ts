/**
 * The QuickBooks list cache's own IndexedDB database, apart from the firm's data
 * (store/schema.ts): it holds only copies of QBO rows, which can always be read again, so it
 * is versioned on its own and may be dropped at any time without losing anything.
 *
 * - `chunks`: each list as chunks of up to 1,000 rows, keyed [realmId, entity, n], each chunk's
 *   rows held as one JSON text. Reading 20 chunks is about four times faster than reading 20,000
 *   one-row records, and the open waits on that read; as JSON text the rows come out of
 *   IndexedDB as 20 strings, which JSON.parse turns into rows several times faster than the
 *   browser rebuilds 20,000 stored objects (about 150 ms of the page's main thread for 20,000
 *   customers, while the window was starting). A CDC answer rewrites only the chunks it touches.
 * - `marks`: per [realmId, entity], the QBO server time the list was last complete at.
 */
import type { DBSchema, IDBPDatabase } from 'idb';
import { openDB } from 'idb';

export const QBO_CACHE_DB_NAME = 'qbo-sync-officetools-qbo-cache';
const VERSION = 3;
/** Rows per chunk record. */
export const CHUNK_ROWS = 1000;

export interface CachedChunk {
  realmId: string;
  entity: string;
  /** Chunk number: not contiguous (a chunk emptied by removals is deleted; new rows go after the last). */
  n: number;
  /** The chunk's rows, as JSON text of a QboRecord array. */
  json: string;
}

export interface ListMark {
  realmId: string;
  entity: string;
  /** QBO's server time (as QBO wrote it) at which the cached list was complete: the next CDC `changedSince`. */
  syncedAt: string;
  /** The same instant in ms, to tell when CDC can no longer reach back. */
  syncedAtMs: number;
  /** How the list was last brought up to date. */
  via: 'full' | 'cdc';
  /** When the company's CompanyInfo was created (and its name): tells a replaced company under the same realm id. */
  company?: string;
}

export interface QboCacheSchema extends DBSchema {
  chunks: { key: [string, string, number]; value: CachedChunk };
  marks: { key: [string, string]; value: ListMark };
}

export type QboCacheDb = IDBPDatabase<QboCacheSchema>;

/** `onBlocking`: another frame wants a newer version; this connection is closed to let it. */
export function openQboCacheDb(name: string = QBO_CACHE_DB_NAME, onBlocking?: () => void): Promise<QboCacheDb> {
  return openDB<QboCacheSchema>(name, VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 3) {
        // Version 1 (never released) kept one record per row, version 2 chunks of stored objects.
        // A cache can always be read again: drop whatever is there, so every list is read in full once.
        for (const store of Array.from(db.objectStoreNames)) db.deleteObjectStore(store);
        db.createObjectStore('marks', { keyPath: ['realmId', 'entity'] });
        db.createObjectStore('chunks', { keyPath: ['realmId', 'entity', 'n'] });
      }
    },
    // Another frame upgrading the cache: let it; the owner reopens on its next use.
    blocking(_current, _next, event) {
      (event.target as IDBDatabase | null)?.close();
      onBlocking?.();
    },
  });
}
