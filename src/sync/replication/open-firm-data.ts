/**
 * The add-in's view of the firm's data for one QBO company (docs/firm-contract.md §4): the
 * same LinkStore, settings and billing journal the engine always used, reading the local
 * IndexedDB replica and writing through to the firm, plus the replication's status.
 *
 * Opening: open (and migrate) the database, start the push channel, then one sync run (the
 * upgrade upload on the first open, the offline queue, the pull). When the firm cannot be
 * reached the data still opens, in mode 'offline', with the last known state.
 */
import type { BillingJournal } from '../billing/billing-types';
import { createBillingJournal } from '../billing/billing-journal';
import type { EntityJournal } from '../jobs/entity-journal';
import { createIdbEntityJournal } from '../jobs/idb-entity-journal';
import { LinkStore } from '../store/link-store';
import type { AuditRecord } from '../store/schema';
import { openSyncDb } from '../store/schema';
import type { SettingsAccess } from '../store/settings-store';
import { createSettingsAccess } from '../store/settings-store';
import type { FirmRemote } from './firm-remote';
import { historyBody, newHistoryId } from './firm-records';
import type { ReplicationState } from './replication-state';
import { createReplication } from './replication-state';

export type { NotTakenItem } from './describe-conflict';
export type { ReplicationEvent, ReplicationMode, ReplicationState, ReplicationStatus } from './replication-state';

export interface FirmHistory {
  /** The firm's history lines for this company, oldest first. */
  list(): Promise<AuditRecord[]>;
  append(entry: Omit<AuditRecord, 'seq' | 'realmId'>): Promise<void>;
}

export interface FirmData {
  readonly realmId: string;
  /** Same class and methods as before; writes go through to the firm. */
  readonly links: LinkStore;
  readonly settings: SettingsAccess;
  /** Same interface as createBillingJournal's; refused while the firm is unreachable. */
  readonly journal: BillingJournal;
  /** The Match tabs' export/import journal (src/sync/jobs/entity-journal.ts); refused offline like the billing journal. */
  readonly entityJournal: EntityJournal;
  readonly history: FirmHistory;
  readonly replication: ReplicationState;
  /** Stops the push channel and closes the database. */
  close(): void;
}

export interface OpenFirmDataOptions {
  realmId: string;
  /** The signed-in OfficeTools user (their name is recorded on links and history lines). */
  user: { id: string; name: string };
  remote: FirmRemote;
  /** @defaultvalue the add-in's database */
  dbName?: string;
  /** @defaultvalue () => new Date() */
  now?: () => Date;
  /** Records per pull page. @defaultvalue DEFAULT_PULL_PAGE (pull.ts) */
  pageSize?: number;
}

export async function openFirmData(options: OpenFirmDataOptions): Promise<FirmData> {
  const { realmId, remote } = options;
  const now = options.now ?? (() => new Date());
  const who = options.user.name || options.user.id;
  const db = await openSyncDb(options.dbName);
  const replication = createReplication({ db, realmId, remote, now, pageSize: options.pageSize });
  const { writer } = replication;
  let data: FirmData;
  try {
    data = {
      realmId,
      links: new LinkStore(db, { realmId, user: who, now, writer }),
      settings: createSettingsAccess(db, realmId, { writer, now }),
      journal: createBillingJournal(db, realmId, { user: who, userId: options.user.id, now, writer }),
      entityJournal: createIdbEntityJournal(db, realmId, { now, writer }),
      history: {
        async list() {
          const rows = await db.getAllFromIndex('audit', 'byRealm', realmId);
          return rows.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : (a.seq ?? 0) - (b.seq ?? 0)));
        },
        async append(entry) {
          const body = historyBody({ ...entry, realmId });
          await writer.write([{ collection: 'history', id: newHistoryId(), body }], { what: 'Recording history', whenOffline: 'queue' });
        },
      },
      replication: replication.state,
      close() {
        replication.close();
        db.close();
      },
    };
    await replication.start();
    // Resolves when the firm is unreachable (mode 'offline'); rejects on anything else.
    await replication.state.pullNow();
  } catch (e) {
    replication.close();
    db.close();
    throw e;
  }
  return data;
}
