/**
 * The QuickBooks list cache's own IndexedDB database, apart from the firm's data
 * (store/schema.ts): it holds only copies of QBO rows, which can always be read again, so it
 * is versioned on its own and may be dropped at any time without losing anything.
 *
 * - `chunks`: each list as chunks of up to 1,000 rows, keyed [realmId, entity, n]. Reading 20
 *   chunks is about four times faster than reading 20,000 one-row records (~80 vs ~290 ms in
 *   headless Chromium), and the open waits on that read; a CDC answer rewrites the list's
 *   chunks in the background instead.
 * - `marks`: per [realmId, entity], the QBO server time the list was last complete at.
 */
import type { DBSchema, IDBPDatabase } from 'idb';
import { openDB } from 'idb';
import type { QboRecord } from '../qbo/gateway';

export const QBO_CACHE_DB_NAME = 'qbo-sync-officetools-qbo-cache';
const VERSION = 2;
/** Rows per chunk record. */
export const CHUNK_ROWS = 1000;

export interface CachedChunk {
  realmId: string;
  entity: string;
  /** 0-based chunk number. */
  n: number;
  rows: QboRecord[];
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
      if (oldVersion < 2) {
        // Version 1 (never released) kept one record per row. A cache can always be read again:
        // drop whatever is there, so every list is read in full once.
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
