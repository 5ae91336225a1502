/**
 * The add-in's IndexedDB schema: one database per browser profile, every record keyed by the
 * QBO company (realmId) it belongs to. Migrations are numbered and only ever appended: a
 * released step is never edited, because users' databases have already run it.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { openDB } from 'idb';

export const DB_NAME = 'qbo-sync-officetools';

/** What a link joins on the OfficeTools side. */
export type LinkKind = 'contact' | 'employee' | 'workCode' | 'expenseCode';
/** How a link was made. */
export type LinkOrigin = 'manual' | 'automatch' | 'export' | 'import' | 'rebuild';

export interface LinkRecord {
  realmId: string;
  kind: LinkKind;
  /** OfficeTools id. */
  otId: string;
  /** QuickBooks Online Id. */
  qboId: string;
  origin: LinkOrigin;
  /** ISO timestamp. */
  createdAt: string;
  /** Who made it (host user name or id). */
  createdBy: string;
  /** The QBO SyncToken last seen for the linked entity. */
  syncToken?: string;
  /** Hash of the fields we last pushed, to tell our changes from QBO's. */
  pushedHash?: string;
  /** Field values as last synced (for three-way conflict detection). */
  syncedFields?: Record<string, string | number | boolean | null>;
}

export interface SettingsRecord {
  realmId: string;
  /** Update QuickBooks Online when adding/editing contact information. */
  contactSyncEnabled: boolean;
  /** Contact type ids whose contacts are kept in step. */
  contactTypeIds: string[];
  /** OfficeTools account id → QBO Account Id. */
  accountDefaults: Record<string, string>;
  /** OfficeTools invoice line item id → QBO Item Id. */
  lineItemDefaults: Record<string, string>;
  /** QBO Account Id for payments; empty means Undeposited Funds. */
  depositAccountId: string;
  invoiceNumbers?: { mode: 'keep' | 'prefix' | 'qbo'; prefix?: string }; // DocNumbers of exported invoices; absent = 'keep' (OfficeTools' own)
  updatedAt: string;
}

/**
 * The Match tabs' exports and imports are journaled beside the billing documents, one kind per
 * link kind and direction (src/sync/jobs/entity-journal.ts), so they replicate to the firm the
 * same way. Billing reads only its own three kinds.
 */
export type EntityTransferKind = `${LinkKind}Export` | `${LinkKind}Import`;
export type DocumentKind = 'invoiceExport' | 'paymentExport' | 'paymentImport' | EntityTransferKind;
/** Billing uses planned/sent/done/failed; Match-tab entries use planned/sent/created/linked/failed. */
export type DocumentState = 'planned' | 'sent' | 'done' | 'failed' | 'created' | 'linked';

export interface DocumentRecord {
  realmId: string;
  kind: DocumentKind;
  /** OfficeTools id for exports, QBO Id for imports. */
  sourceId: string;
  /** Id on the other side once known. */
  targetId?: string;
  /** Stable QBO requestid, stored before the first send and reused on every retry. */
  requestId: string;
  state: DocumentState;
  error?: { code: string; message: string };
  updatedAt: string;
  /** Match-tab entries: the name that finds the record on the other side (its fingerprint). */
  name?: string;
  /** Match-tab exports: the batch the entry was last sent in, so a resumed run can resend it identically. */
  batch?: { requestId: string; bId: string; size: number; sentAtMs: number };
  /** Match-tab imports: the name fields the created OfficeTools entity has (its fingerprint there). */
  fields?: Record<string, string>;
  /** Match-tab entries: the run they belong to (who started it, when), for the resume's report. */
  run?: { id: string; by: string; at: string };
}

export interface OutboxRecord {
  /** Auto-increment key: sending order. */
  seq?: number;
  realmId: string;
  contactId: string;
  op: 'create' | 'update';
  /** Changed fields (for updates), combined with later edits of the same contact. */
  fields: Record<string, string | number | boolean | null>;
  requestId: string;
  attempts: number;
  state: 'pending' | 'failed' | 'conflict';
  error?: { code: string; message: string };
  createdAt: string;
  updatedAt: string;
}

export interface AuditRecord {
  seq?: number;
  realmId: string;
  /** The firm's id of this history line once replicated (absent: written before replication). */
  id?: string;
  at: string;
  who: string;
  what: string;
  result: 'ok' | 'failed';
  detail?: string;
}

/** Collections of the firm's data that the replica keeps (docs/firm-contract.md §3). */
export type ReplicaCollection = 'links' | 'settings' | 'documents' | 'history';

/**
 * Per record, the rev last seen from the firm: the "assumed master state" a write is based on.
 * `pending` marks a local value written offline and not yet taken by the firm.
 */
export interface ReplicaRevRecord {
  realmId: string;
  collection: ReplicaCollection;
  id: string;
  /** 0 when the firm has not answered for this record yet (a pending write). */
  rev: number;
  deleted: boolean;
  pending?: boolean;
}

/** A rev as kept in a bucket: [rev, deleted, pending] (compact: a bucket holds hundreds). */
export type ReplicaRevEntry = [rev: number, deleted: boolean, pending: boolean];

/**
 * The revs of one company, spread over a fixed number of buckets by a hash of
 * `<collection>:<id>` (src/sync/replication/replica-revs.ts). A page of 10,000 records then
 * costs a few dozen writes instead of 10,000, and a single write reads and writes one bucket.
 */
export interface ReplicaRevBucketRecord {
  realmId: string;
  bucket: number;
  /** `<collection>:<id>` → its rev entry. */
  revs: Record<string, ReplicaRevEntry>;
}

/** One row per QBO company: where the pull stands and whether the upgrade upload ran. */
export interface ReplicaRealmRecord {
  realmId: string;
  /** The seq of the last change applied ('0': none). */
  checkpoint: string;
  lastSyncedAt?: string;
  /** When this browser's pre-replication data was offered to the firm. */
  adoptedAt?: string;
  /** Uploads and offline writes the firm did not take, kept until the user dismisses them. */
  notTaken?: Array<{ collection: ReplicaCollection; id: string; source: 'upgrade' | 'offline'; message: string }>;
}

/** A write made while the proxy was unreachable, sent in order when it is back. */
export interface PendingWriteRecord {
  seq?: number;
  realmId: string;
  /** The changes exactly as they will be pushed (baseRev as seen when the write was made). */
  changes: Array<{ collection: ReplicaCollection; id: string; baseRev: number | null; body?: Record<string, unknown>; deleted?: true }>;
  /** The local values these changes replaced, put back if the firm refuses the write. */
  before: Array<{ collection: ReplicaCollection; id: string; value: unknown }>;
  /** What the user did, for the message if it is not taken (e.g. "Linking"). */
  what: string;
  createdAt: string;
}

export interface QboSyncDB extends DBSchema {
  links: {
    key: [string, LinkKind, string];
    value: LinkRecord;
    indexes: {
      byQbo: [string, LinkKind, string];
      byKind: [string, LinkKind];
    };
  };
  settings: { key: string; value: SettingsRecord };
  documents: {
    key: [string, DocumentKind, string];
    value: DocumentRecord;
    indexes: { byState: [string, DocumentKind, DocumentState] };
  };
  outbox: {
    key: number;
    value: OutboxRecord;
    indexes: { byContact: [string, string]; byRealm: string };
  };
  audit: { key: number; value: AuditRecord; indexes: { byRealm: string } };
  replicaRevBuckets: { key: [string, number]; value: ReplicaRevBucketRecord };
  replicaRealms: { key: string; value: ReplicaRealmRecord };
  pendingWrites: { key: number; value: PendingWriteRecord; indexes: { byRealm: string } };
}

export type QboSyncDatabase = IDBPDatabase<QboSyncDB>;
type UpgradeTx = IDBPTransaction<QboSyncDB, StoreNames<QboSyncDB>[], 'versionchange'>;

/** Migration N runs when a database older than version N opens. Append only. */
const MIGRATIONS: Array<(db: QboSyncDatabase, tx: UpgradeTx) => void> = [
  // 1: the first schema.
  (db) => {
    const links = db.createObjectStore('links', { keyPath: ['realmId', 'kind', 'otId'] });
    links.createIndex('byQbo', ['realmId', 'kind', 'qboId'], { unique: true });
    links.createIndex('byKind', ['realmId', 'kind']);
    db.createObjectStore('settings', { keyPath: 'realmId' });
    const documents = db.createObjectStore('documents', { keyPath: ['realmId', 'kind', 'sourceId'] });
    documents.createIndex('byState', ['realmId', 'kind', 'state']);
    const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
    outbox.createIndex('byContact', ['realmId', 'contactId']);
    outbox.createIndex('byRealm', 'realmId');
    const audit = db.createObjectStore('audit', { keyPath: 'seq', autoIncrement: true });
    audit.createIndex('byRealm', 'realmId');
  },
  // 2: the replica of the firm's data (src/sync/replication): revs as last seen from the firm,
  // a checkpoint and an upgrade mark per company, and the queue of writes made offline. The
  // stores of migration 1 stay the data the engine reads.
  (db) => {
    // replicaRevs is no store of the current schema (migration 3 replaced it): created untyped.
    (db as unknown as IDBPDatabase).createObjectStore('replicaRevs', { keyPath: ['realmId', 'collection', 'id'] });
    db.createObjectStore('replicaRealms', { keyPath: 'realmId' });
    const pending = db.createObjectStore('pendingWrites', { keyPath: 'seq', autoIncrement: true });
    pending.createIndex('byRealm', 'realmId');
  },
  // 3: revs kept in buckets per company instead of one row per record (a first pull of 20,000
  // links wrote 20,000 rev rows beside the links). The rows of migration 2 are not carried over:
  // the checkpoints go back to the start so that the next pull brings every rev again (the
  // firm's values win, as they would anyway); queued offline writes keep their own base revs.
  (db, tx) => {
    (db as unknown as IDBPDatabase).deleteObjectStore('replicaRevs');
    db.createObjectStore('replicaRevBuckets', { keyPath: ['realmId', 'bucket'] });
    const realms = tx.objectStore('replicaRealms');
    void realms.openCursor().then(async function reset(cursor): Promise<void> {
      if (!cursor) return;
      await cursor.update({ ...cursor.value, checkpoint: '0' });
      await reset(await cursor.continue());
    });
  },
];

export const DB_VERSION = MIGRATIONS.length;

/** Opens (and migrates) the database. `name` is overridable so tests get a fresh one each. */
export function openSyncDb(name: string = DB_NAME): Promise<QboSyncDatabase> {
  return openDB<QboSyncDB>(name, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      for (let v = oldVersion; v < MIGRATIONS.length; v++) MIGRATIONS[v](db, tx);
    },
  });
}
