/**
 * The billing journal over IndexedDB: one `documents` record per document and job kind (keyed
 * by company), plus an `audit` record for every document that ends done or failed. Each
 * `record` call is one transaction over both stores, so a document's state and its audit line
 * are written together or not at all, and nothing else is awaited inside it (idb README:
 * a transaction closes when it waits on unrelated work).
 *
 * With a replication writer the journal is the firm's: `record` reads the documents locally,
 * then pushes the new document states and their history lines in ONE push (with the revs the
 * documents were based on); IndexedDB changes only from the firm's answer. Journal writes are
 * never queued offline: sending to QuickBooks without the firm's journal could duplicate
 * documents, so they are refused with JournalError('offline').
 */
import { FirmConflictError, FirmRemoteError } from '../replication/firm-remote-errors';
import { describeRecordConflict } from '../replication/describe-conflict';
import { documentBody, historyBody, newHistoryId } from '../replication/firm-records';
import type { ReplicaChange, ReplicaWriter } from '../replication/replica-writer';
import type { DocumentRecord, QboSyncDatabase } from '../store/schema';
import type { BillingJobKind, BillingJournal, JournalChange, JournalEntry, JournalState } from './billing-types';
import { JournalError, applyJournalChange, auditForChange, toJournalEntry } from './journal-transitions';

export interface BillingJournalOptions {
  /** Who the audit log names (the host user). @defaultvalue 'OfficeTools user' */
  user?: string;
  /** The host user's id, recorded on the audit lines beside the name. */
  userId?: string;
  /** @defaultvalue () => new Date() */
  now?: () => Date;
  /** Writes go through to the firm when given (openFirmData); otherwise IndexedDB only. */
  writer?: ReplicaWriter;
}

export function createBillingJournal(db: QboSyncDatabase, realmId: string, options: BillingJournalOptions = {}): BillingJournal {
  if (typeof realmId !== 'string' || realmId.trim() === '') {
    throw new JournalError('wrong_realm', 'The billing journal belongs to a QuickBooks Online company, but no company id was given. Connect to QuickBooks Online first.');
  }
  const who = options.user ?? 'OfficeTools user';
  const now = options.now ?? (() => new Date());

  const writer = options.writer;

  async function recordThrough(w: ReplicaWriter, kind: BillingJobKind, changes: readonly JournalChange[]): Promise<void> {
    const at = now().toISOString();
    // Later changes of the same document in one call build on the earlier ones, as locally.
    const next = new Map<string, DocumentRecord>();
    const lines: ReplicaChange[] = [];
    for (const change of changes) {
      const existing = next.get(change.sourceId) ?? (await db.get('documents', [realmId, kind, change.sourceId]));
      next.set(change.sourceId, applyJournalChange(realmId, kind, existing, change, at));
      const line = auditForChange(realmId, kind, change, at, who, options.userId);
      if (line) lines.push({ collection: 'history', id: newHistoryId(), body: historyBody(line) });
    }
    const docs: ReplicaChange[] = [...next.values()].map((d) => ({ collection: 'documents', id: `${d.kind}:${d.sourceId}`, body: JSON.parse(JSON.stringify(documentBody(d))) as Record<string, unknown> }));
    try {
      await w.write([...docs, ...lines], { what: 'Recording the export', whenOffline: 'refuse' });
    } catch (e) {
      if (e instanceof FirmConflictError) {
        throw new JournalError('conflict', `The billing journal was not updated: ${e.conflicts.map(describeRecordConflict).join(' ')} Reload the list to see the firm's record before sending again.`);
      }
      if (e instanceof FirmRemoteError && e.offline) {
        throw new JournalError('offline', "Nothing was sent to QuickBooks Online: the firm's record of exported and imported documents cannot be reached right now, and sending without it could create duplicates. Check the connection and try again.");
      }
      throw e;
    }
  }

  async function record(kind: BillingJobKind, changes: readonly JournalChange[]): Promise<void> {
    if (changes.length === 0) return;
    if (writer) return recordThrough(writer, kind, changes);
    const at = now().toISOString();
    const tx = db.transaction(['documents', 'audit'], 'readwrite');
    const documents = tx.objectStore('documents');
    const audit = tx.objectStore('audit');
    try {
      for (const change of changes) {
        const existing = await documents.get([realmId, kind, change.sourceId]);
        await documents.put(applyJournalChange(realmId, kind, existing, change, at));
        const line = auditForChange(realmId, kind, change, at, who, options.userId);
        if (line) await audit.add(line);
      }
    } catch (e) {
      // Roll back the whole call: half a batch journaled would be worse than none.
      tx.abort();
      await tx.done.catch(() => undefined);
      throw e;
    }
    await tx.done;
  }

  return {
    realmId,
    async get(kind, sourceId) {
      const found = await db.get('documents', [realmId, kind, sourceId]);
      return found ? toJournalEntry(found) : undefined;
    },
    async list(kind: BillingJobKind, state?: JournalState): Promise<JournalEntry[]> {
      const rows = state
        ? await db.getAllFromIndex('documents', 'byState', [realmId, kind, state])
        : // [realm, kind] sorts before every [realm, kind, id] and [realm, kind, []] after them.
          await db.getAll('documents', IDBKeyRange.bound([realmId, kind], [realmId, kind, []]));
      return rows.map(toJournalEntry);
    },
    markPlanned: (kind, sourceId, requestId) => record(kind, [{ sourceId, state: 'planned', requestId }]),
    markSent: (kind, sourceId) => record(kind, [{ sourceId, state: 'sent' }]),
    markDone: (kind, sourceId, targetId, how = 'created') => record(kind, [{ sourceId, state: 'done', targetId, how }]),
    markFailed: (kind, sourceId, error) => record(kind, [{ sourceId, state: 'failed', error }]),
    record,
    async doneIds(kind) {
      const rows = await db.getAllKeysFromIndex('documents', 'byState', [realmId, kind, 'done']);
      return new Set(rows.map((key) => key[2]));
    },
  };
}
