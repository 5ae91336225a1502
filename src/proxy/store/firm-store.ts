/**
 * Opens the proxy's store: the embedded SQLite database `<DATA_DIR>/proxy/firm.db`, migrated to
 * the newest schema, with the repositories every route goes through. (Issue 11 adds a
 * PostgreSQL back-end behind the same Database interface, chosen by DATABASE_URL.)
 */
import path from 'node:path';
import { createConnectionsRepository, type ConnectionsRepository } from './connections';
import type { Database } from './database';
import { createFirmRecordsRepository, type FirmRecordsRepository } from './firm-records';
import { migrate } from './migrate';
import { createPendingRepository, type PendingRepository } from './pending-authorizations';
import { openSqliteDatabase } from './sqlite-database';

export const DATABASE_FILE = 'firm.db';

export interface FirmStore {
  db: Database;
  connections: ConnectionsRepository;
  pending: PendingRepository;
  records: FirmRecordsRepository;
  close(): Promise<void>;
}

export async function openFirmStore(options: { dataDir: string; key: Buffer; now?: () => number; onUnreadable?: (firmId: string) => void }): Promise<FirmStore> {
  const db = openSqliteDatabase(path.join(options.dataDir, DATABASE_FILE));
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return {
    db,
    connections: createConnectionsRepository(db, options.key, options.onUnreadable),
    pending: createPendingRepository(db, options.now),
    records: createFirmRecordsRepository(db, options.now),
    close: () => db.close(),
  };
}
