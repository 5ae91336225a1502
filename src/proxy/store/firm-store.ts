/**
 * Opens the proxy's store, migrated to the newest schema, with the repositories every route
 * goes through: PostgreSQL when a database URL is given (DATABASE_URL), otherwise the embedded
 * SQLite database `<DATA_DIR>/proxy/firm.db`.
 */
import path from 'node:path';
import { createConnectionNoticesRepository, type ConnectionNoticesRepository } from './connection-notices';
import { createConnectionsRepository, type ConnectionsRepository } from './connections';
import type { Database } from './database';
import { createFirmRecordsRepository, type FirmRecordsRepository } from './firm-records';
import { createRunLeasesRepository, type RunLeasesRepository } from './run-leases';
import { migrate } from './migrate';
import { createPendingRepository, type PendingRepository } from './pending-authorizations';
import { openPostgresDatabase } from './postgres-database';
import { openSqliteDatabase } from './sqlite-database';

export const DATABASE_FILE = 'firm.db';

export interface FirmStore {
  db: Database;
  connections: ConnectionsRepository;
  /** Why the connection needs attention (lapsed grant, company changed). */
  notices: ConnectionNoticesRepository;
  pending: PendingRepository;
  records: FirmRecordsRepository;
  /** One run at a time per firm, company and run name (Match-tab exports). */
  leases: RunLeasesRepository;
  close(): Promise<void>;
}

export interface FirmStoreOptions {
  dataDir: string;
  key: Buffer;
  /** `postgres://…`; null or absent: SQLite in dataDir. */
  databaseUrl?: string | null;
  /** Largest PostgreSQL pool of this process. */
  poolMax?: number;
  now?: () => number;
  onUnreadable?: (firmId: string) => void;
  /** Where background database errors are reported. */
  onDatabaseError?: (err: Error) => void;
}

export async function openFirmStore(options: FirmStoreOptions): Promise<FirmStore> {
  const db = options.databaseUrl
    ? openPostgresDatabase(options.databaseUrl, { max: options.poolMax, onError: options.onDatabaseError })
    : openSqliteDatabase(path.join(options.dataDir, DATABASE_FILE));
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return {
    db,
    connections: createConnectionsRepository(db, options.key, options.onUnreadable),
    notices: createConnectionNoticesRepository(db),
    pending: createPendingRepository(db, options.now),
    records: createFirmRecordsRepository(db, options.now),
    leases: createRunLeasesRepository(db, options.now),
    close: () => db.close(),
  };
}
