/**
 * How one journal change turns a document record into the next, and the audit line it leaves.
 * Pure, so the IndexedDB journal and any other store apply exactly the same rules.
 */
import type { HistoryEntry } from '../history/history-entry';
import type { AuditRecord, DocumentRecord } from '../store/schema';
import type { BillingJobKind, JournalChange, JournalEntry, JournalState } from './billing-types';

export type JournalErrorCode = 'not_planned' | 'bad_change' | 'wrong_realm' | 'conflict' | 'offline';

export class JournalError extends Error {
  readonly code: JournalErrorCode;
  constructor(code: JournalErrorCode, message: string) {
    super(message);
    this.name = 'JournalError';
    this.code = code;
  }
}

const WHAT: Record<BillingJobKind, string> = {
  invoiceExport: 'Export invoice',
  paymentExport: 'Export payment',
  paymentImport: 'Import payment',
};

export function applyJournalChange(
  realmId: string,
  kind: BillingJobKind,
  existing: DocumentRecord | undefined,
  change: JournalChange,
  at: string,
): DocumentRecord {
  if (!change.sourceId) throw new JournalError('bad_change', 'A journal change needs the document id.');
  const base = { realmId, kind, sourceId: change.sourceId, updatedAt: at };
  switch (change.state) {
    case 'planned':
      if (!change.requestId) throw new JournalError('bad_change', `Document ${change.sourceId}: a planned document needs its requestid.`);
      // A new requestid clears the error and the target of an earlier attempt.
      return { ...base, requestId: change.requestId, state: 'planned' };
    case 'sent':
      if (!existing) {
        throw new JournalError('not_planned', `Document ${change.sourceId} was marked sent before it was planned; plan it (with its requestid) first.`);
      }
      return { ...existing, ...base, state: 'sent', error: undefined, ...(change.requestId ? { requestId: change.requestId } : {}) };
    case 'done':
      if (!change.targetId) throw new JournalError('bad_change', `Document ${change.sourceId}: done needs the id on the other side.`);
      // Done without a plan happens when a document is found already there (rebuilt links).
      return { ...(existing ?? { requestId: '' }), ...base, state: 'done', targetId: change.targetId, error: undefined };
    case 'failed':
      if (!existing) throw new JournalError('not_planned', `Document ${change.sourceId} was marked failed before it was planned.`);
      return { ...existing, ...base, state: 'failed', error: { code: change.error.code, message: change.error.message } };
  }
}

/** The audit line for a change that ends a document's attempt (done or failed); none otherwise. */
export function auditForChange(
  realmId: string,
  kind: BillingJobKind,
  change: JournalChange,
  at: string,
  who: string,
  userId?: string,
): (AuditRecord & Partial<HistoryEntry>) | undefined {
  // The Sync History fields (kind, user id, QBO Id, error code, intuit_tid) beside the seed's.
  const base = { realmId, at, who, what: `${WHAT[kind]} ${change.sourceId}`, kind: kind === 'paymentImport' ? ('documentImport' as const) : ('documentExport' as const), ...(userId ? { userId } : {}) };
  if (change.state === 'done') {
    const how = change.how === 'linkedExisting' ? 'found already in QuickBooks Online and linked' : kind === 'paymentImport' ? 'recorded in OfficeTools' : 'created in QuickBooks Online';
    const qboId = kind === 'paymentImport' ? change.sourceId : change.targetId;
    return { ...base, result: 'ok', detail: `${how} as ${change.targetId}`, qboId };
  }
  if (change.state === 'failed') {
    const tid = change.error.intuitTid ? { intuitTid: change.error.intuitTid } : {};
    return { ...base, result: 'failed', detail: `${change.error.code}: ${change.error.message}`, errorCode: change.error.code, ...tid, ...(kind === 'paymentImport' ? { qboId: change.sourceId } : {}) };
  }
  return undefined;
}

export function toJournalEntry(record: DocumentRecord): JournalEntry {
  // The billing journal reads only its own kinds (by key range), whose states are these four;
  // the Match tabs' entries share the store with kinds and states of their own.
  const entry: JournalEntry = {
    kind: record.kind as BillingJobKind,
    sourceId: record.sourceId,
    requestId: record.requestId,
    state: record.state as JournalState,
    updatedAt: record.updatedAt,
  };
  if (record.targetId !== undefined) entry.targetId = record.targetId;
  if (record.error !== undefined) entry.error = record.error;
  return entry;
}
