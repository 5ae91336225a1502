/**
 * The QuickBooks list cache's own IndexedDB database, apart from the firm's data
 * (store/schema.ts): it holds only copies of QBO rows, which can always be read again, so it
 * is versioned on its own and may be dropped at any time without losing anything.
 *
 * - `rows`: one record per QBO row, keyed [realmId, entity, Id], so a CDC answer updates or
 *   removes single rows and one key range reads a whole list.
 * - `marks`: per [realmId, entity], the QBO server time the list was last complete at.
 */
import type { DBSchema, IDBPDatabase } from 'idb';
import { openDB } from 'idb';
import type { QboRecord } from '../qbo/gateway';

export const QBO_CACHE_DB_NAME = 'qbo-sync-officetools-qbo-cache';
const VERSION = 1;

export interface CachedRow {
  realmId: string;
  entity: string;
  Id: string;
  row: QboRecord;
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
  rows: { key: [string, string, string]; value: CachedRow };
  marks: { key: [string, string]; value: ListMark };
}

export type QboCacheDb = IDBPDatabase<QboCacheSchema>;

export function openQboCacheDb(name: string = QBO_CACHE_DB_NAME): Promise<QboCacheDb> {
  return openDB<QboCacheSchema>(name, VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        db.createObjectStore('rows', { keyPath: ['realmId', 'entity', 'Id'] });
        db.createObjectStore('marks', { keyPath: ['realmId', 'entity'] });
      }
    },
    // Another frame upgrading the cache: let it, this one reopens on its next use.
    blocking(_current, _next, event) {
      (event.target as IDBDatabase | null)?.close();
    },
  });
}
