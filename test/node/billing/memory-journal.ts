/**
 * A BillingJournal in memory for Node tests (Node has no IndexedDB). It applies the very same
 * transitions as the IndexedDB journal (journal-transitions.ts), which karma tests in a real
 * browser; sharing one instance between two executors is a "panel reload".
 */
import type { BillingJobKind, BillingJournal, JournalChange, JournalEntry, JournalState } from '../../../src/sync/billing/billing-types';
import { applyJournalChange, auditForChange, toJournalEntry } from '../../../src/sync/billing/journal-transitions';
import type { AuditRecord, DocumentRecord } from '../../../src/sync/store/schema';

export interface MemoryJournal extends BillingJournal {
  readonly audit: AuditRecord[];
  /** Every change in the order recorded (to check that intent was written before sends). */
  readonly changes: Array<{ kind: BillingJobKind; change: JournalChange }>;
}

export function createMemoryJournal(realmId: string, user = 'Test Staff'): MemoryJournal {
  const docs = new Map<string, DocumentRecord>();
  const audit: AuditRecord[] = [];
  const changes: Array<{ kind: BillingJobKind; change: JournalChange }> = [];
  const key = (kind: BillingJobKind, id: string) => `${kind}\u0000${id}`;
  async function record(kind: BillingJobKind, list: readonly JournalChange[]): Promise<void> {
    const at = new Date().toISOString();
    // All or nothing, as the IndexedDB transaction.
    const staged = new Map<string, DocumentRecord>();
    for (const change of list) {
      const k = key(kind, change.sourceId);
      staged.set(k, applyJournalChange(realmId, kind, staged.get(k) ?? docs.get(k), change, at));
    }
    for (const [k, v] of staged) docs.set(k, v);
    for (const change of list) {
      changes.push({ kind, change });
      const line = auditForChange(realmId, kind, change, at, user);
      if (line) audit.push(line);
    }
  }
  return {
    realmId,
    audit,
    changes,
    async get(kind, sourceId) {
      const d = docs.get(key(kind, sourceId));
      return d ? toJournalEntry(d) : undefined;
    },
    async list(kind: BillingJobKind, state?: JournalState): Promise<JournalEntry[]> {
      return [...docs.values()].filter((d) => d.kind === kind && (!state || d.state === state)).map(toJournalEntry);
    },
    markPlanned: (kind, sourceId, requestId) => record(kind, [{ sourceId, state: 'planned', requestId }]),
    markSent: (kind, sourceId) => record(kind, [{ sourceId, state: 'sent' }]),
    markDone: (kind, sourceId, targetId, how = 'created') => record(kind, [{ sourceId, state: 'done', targetId, how }]),
    markFailed: (kind, sourceId, error) => record(kind, [{ sourceId, state: 'failed', error }]),
    record,
    async doneIds(kind) {
      return new Set([...docs.values()].filter((d) => d.kind === kind && d.state === 'done').map((d) => d.sourceId));
    },
  };
}
