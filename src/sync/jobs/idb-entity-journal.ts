/**
 * The Match-tab journal over the IndexedDB replica: entries live in the `documents` store beside
 * the billing documents (their own kinds), and with a replication writer every `put` is one push
 * to the firm (with the revs the entries were based on); IndexedDB changes only from the firm's
 * answer. Never queued offline: a run whose intent the firm does not hold could orphan records
 * if this browser were lost, so the write is refused and nothing is sent.
 */
import { describeRecordConflict } from '../replication/describe-conflict';
import { documentBody } from '../replication/firm-records';
import { FirmConflictError, FirmRemoteError } from '../replication/firm-remote-errors';
import type { ReplicaChange, ReplicaWriter } from '../replication/replica-writer';
import type { EntityTransferKind, QboSyncDatabase } from '../store/schema';
import type { EntityJournal, EntityJournalWrite } from './entity-journal';
import { EntityJournalError, fromDocumentRecord, toDocumentRecord } from './entity-journal';

export interface IdbEntityJournalOptions {
  /** @defaultvalue () => new Date() */
  now?: () => Date;
  /** Writes go through to the firm when given (openFirmData); otherwise IndexedDB only. */
  writer?: ReplicaWriter;
}

export function createIdbEntityJournal(db: QboSyncDatabase, realmId: string, options: IdbEntityJournalOptions = {}): EntityJournal {
  const now = options.now ?? (() => new Date());
  const { writer } = options;
  return {
    realmId,
    async list(kind: EntityTransferKind) {
      // [realm, kind] sorts before every [realm, kind, id] and [realm, kind, []] after them.
      const rows = await db.getAll('documents', IDBKeyRange.bound([realmId, kind], [realmId, kind, []]));
      return rows.map(fromDocumentRecord);
    },
    async put(entries: readonly EntityJournalWrite[]) {
      if (entries.length === 0) return;
      const at = now().toISOString();
      const records = entries.map((e) => toDocumentRecord(realmId, e, at));
      if (!writer) {
        const tx = db.transaction('documents', 'readwrite');
        for (const r of records) void tx.store.put(r);
        await tx.done;
        return;
      }
      const changes: ReplicaChange[] = records.map((r) => ({ collection: 'documents', id: `${r.kind}:${r.sourceId}`, body: JSON.parse(JSON.stringify(documentBody(r))) as Record<string, unknown> }));
      try {
        await writer.write(changes, { what: 'Recording the export', whenOffline: 'refuse' });
      } catch (e) {
        if (e instanceof FirmConflictError) {
          throw new EntityJournalError('conflict', `The record of this export was changed by someone else: ${e.conflicts.map(describeRecordConflict).join(' ')} Reopen the tab to see the firm's record before exporting again.`);
        }
        if (e instanceof FirmRemoteError && e.offline) {
          throw new EntityJournalError('offline', "Nothing was sent: the firm's record of exports and imports cannot be reached right now, and sending without it could leave records unlinked. Check the connection and try again.");
        }
        throw e;
      }
    },
  };
}
