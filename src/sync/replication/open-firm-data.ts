/**
 * The add-in's view of the firm's data for one QBO company (docs/firm-contract.md §4): the
 * same LinkStore, settings and billing journal the engine always used, reading the local
 * IndexedDB replica and writing through to the firm, plus the replication's status.
 *
 * Opening: open (and migrate) the database, start the push channel, then one sync run (the
 * upgrade upload on the first open, the offline queue, the pull). When the firm cannot be
 * reached the data still opens, in mode 'offline', with the last known state. A first pull
 * (a browser without the company's links) opens the data as soon as its last page arrived:
 * links are read from the pages in memory while they are written, and everything else waits
 * for the writes (early-links.ts, replica-link-store.ts).
 */
import type { BillingJournal } from '../billing/billing-types';
import { createBillingJournal } from '../billing/billing-journal';
import type { EntityJournal } from '../jobs/entity-journal';
import { createIdbEntityJournal } from '../jobs/idb-entity-journal';
import type { LinkStore } from '../store/link-store';
import type { AuditRecord } from '../store/schema';
import { openSyncDb } from '../store/schema';
import type { SettingsAccess } from '../store/settings-store';
import { createSettingsAccess } from '../store/settings-store';
import { EarlyLinks } from './early-links';
import type { FirmRemote } from './firm-remote';
import { historyBody, newHistoryId } from './firm-records';
import type { ReplicationState } from './replication-state';
import { createReplication } from './replication-state';
import { afterSettled, ReplicaLinkStore } from './replica-link-store';

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
  const early = new EarlyLinks(realmId);
  const replication = createReplication({ db, realmId, remote, now, pageSize: options.pageSize, firstPull: early });
  const { writer } = replication;
  // Until the opening run ends, only links may be read (from memory, on a first pull); the rest waits.
  let settle!: () => void;
  const settled = new Promise<void>((resolve) => (settle = resolve));
  let data: FirmData;
  try {
    data = {
      realmId,
      links: new ReplicaLinkStore(db, { realmId, user: who, now, writer }, early, settled),
      settings: afterSettled(createSettingsAccess(db, realmId, { writer, now }), settled),
      journal: afterSettled(createBillingJournal(db, realmId, { user: who, userId: options.user.id, now, writer }), settled),
      entityJournal: afterSettled(createIdbEntityJournal(db, realmId, { now, writer }), settled),
      history: afterSettled({
        async list() {
          const rows = await db.getAllFromIndex('audit', 'byRealm', realmId);
          return rows.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : (a.seq ?? 0) - (b.seq ?? 0)));
        },
        async append(entry) {
          const body = historyBody({ ...entry, realmId });
          await writer.write([{ collection: 'history', id: newHistoryId(), body }], { what: 'Recording history', whenOffline: 'queue' });
        },
      }, settled),
      replication: replication.state,
      close() {
        replication.close();
        db.close();
      },
    };
    await replication.start();
    // Resolves when the firm is unreachable (mode 'offline'); rejects on anything else.
    const run = replication.state.pullNow();
    void run.then(settle, settle);
    // A first pull: the data is usable once every page arrived, while the pages are written.
    const usable = await Promise.race([run.then(() => false), early.received]);
    if (usable) run.catch(() => undefined); // the replication's status and its next run tell
    else await run;
  } catch (e) {
    settle();
    replication.close();
    db.close();
    throw e;
  }
  return data;
}
