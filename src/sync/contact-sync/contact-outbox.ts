/**
 * The outbox of contact changes waiting for QBO, in the `outbox` store of IndexedDB so that a
 * reload, a closed shell or a dropped network loses nothing.
 *
 * Order: records are sent in `seq` order, and only the oldest record of a contact is ever
 * sent (`heads`), so a contact's changes reach QBO in the order they were made.
 *
 * Combining: a new change joins the contact's newest record when that record has never been
 * sent (pending, no attempt) or was refused for good (failed: QBO wrote nothing). It never
 * joins a record that may be in flight, because that record's requestid already names its
 * body: QBO answers a repeated requestid with the first answer, so extra fields under the same
 * id would be lost. Such a change gets a record of its own, behind it.
 *
 * The requestid is stored before the first send and reused on every retry; it changes only
 * after QBO answered with a fault (which QBO would otherwise replay) and when the body changes.
 */
import type { OutboxRecord, QboSyncDatabase } from '../store/schema';
import type { FlatFields } from './customer-fields';
import { ContactSyncError } from './contact-sync-error';
import type { ContactSyncPlan } from './plan-contact-change';

export type QueuedPlan = Extract<ContactSyncPlan, { action: 'create' | 'update' }>;

export type ConflictChoice = 'officetools' | 'quickbooks';

export interface ContactOutboxOptions {
  now?: () => Date;
  /** ≤50 characters (QBO's requestid limit). @defaultvalue `cs-` + a random UUID */
  newRequestId?: () => string;
}

function defaultRequestId(): string {
  return `cs-${globalThis.crypto.randomUUID()}`;
}

function bySeq(a: OutboxRecord, b: OutboxRecord): number {
  return (a.seq ?? 0) - (b.seq ?? 0);
}

export class ContactOutbox {
  private readonly db: QboSyncDatabase;
  private readonly now: () => Date;
  private readonly newRequestId: () => string;

  constructor(db: QboSyncDatabase, options: ContactOutboxOptions = {}) {
    this.db = db;
    this.now = options.now ?? (() => new Date());
    this.newRequestId = options.newRequestId ?? defaultRequestId;
  }

  /** Queues a create or update, combined with the contact's newest unsent record when allowed. */
  async enqueue(realmId: string, plan: QueuedPlan): Promise<OutboxRecord> {
    const stamp = this.now().toISOString();
    const tx = this.db.transaction('outbox', 'readwrite');
    const mine = (await tx.store.index('byContact').getAll([realmId, plan.contactId])).sort(bySeq);
    const last = mine[mine.length - 1];
    const joinable = last && ((last.state === 'pending' && last.attempts === 0) || last.state === 'failed');
    let record: OutboxRecord;
    if (last && joinable) {
      record = {
        ...last,
        // A create carries the whole contact; an update on top of it only overrides fields.
        fields: plan.action === 'create' ? { ...plan.fields } : { ...last.fields, ...plan.fields },
        op: last.op === 'create' || plan.action === 'create' ? 'create' : 'update',
        state: 'pending',
        attempts: 0,
        // The body changed: a new id, so that QBO cannot answer with an older body's result.
        requestId: this.newRequestId(),
        updatedAt: stamp,
      };
      delete record.error;
      await tx.store.put(record);
    } else {
      const fresh: OutboxRecord = {
        realmId,
        contactId: plan.contactId,
        op: plan.action,
        fields: { ...plan.fields },
        requestId: this.newRequestId(),
        attempts: 0,
        state: 'pending',
        createdAt: stamp,
        updatedAt: stamp,
      };
      const seq = await tx.store.add(fresh);
      record = { ...fresh, seq };
    }
    await tx.done;
    return record;
  }

  /** Every record of a company, oldest first. */
  async list(realmId: string): Promise<OutboxRecord[]> {
    return (await this.db.getAllFromIndex('outbox', 'byRealm', realmId)).sort(bySeq);
  }

  async get(seq: number): Promise<OutboxRecord | undefined> {
    return this.db.get('outbox', seq);
  }

  /** The oldest record of each contact, oldest first: the only ones that may be sent now. */
  async heads(realmId: string): Promise<OutboxRecord[]> {
    const seen = new Set<string>();
    const out: OutboxRecord[] = [];
    for (const r of await this.list(realmId)) {
      if (seen.has(r.contactId)) continue;
      seen.add(r.contactId);
      out.push(r);
    }
    return out;
  }

  /** Counts a send attempt; called before the request goes out. */
  async recordAttempt(seq: number): Promise<OutboxRecord> {
    return this.change(seq, (r) => ({ ...r, attempts: r.attempts + 1 }));
  }

  /** A new requestid, stored before it is used: after a fault, QBO would replay the old one. */
  async renewRequestId(seq: number): Promise<OutboxRecord> {
    return this.change(seq, (r) => ({ ...r, requestId: this.newRequestId() }));
  }

  /** Keeps only `fields` still to send (after part of a change went through). */
  async setFields(seq: number, fields: FlatFields): Promise<OutboxRecord> {
    return this.change(seq, (r) => ({ ...r, fields: { ...fields } }));
  }

  /** Keeps the change pending, noting why the last try did not get through. */
  async notePending(seq: number, error: { code: string; message: string }): Promise<OutboxRecord> {
    return this.change(seq, (r) => ({ ...r, state: 'pending', error: { ...error } }));
  }

  /** Sent: the record leaves the outbox. */
  async complete(seq: number): Promise<void> {
    await this.db.delete('outbox', seq);
  }

  /** Refused for good (QBO wrote nothing): stays listed with its reason until Retry or Discard. */
  async fail(seq: number, error: { code: string; message: string }): Promise<OutboxRecord> {
    return this.change(seq, (r) => ({ ...r, state: 'failed', error: { ...error } }));
  }

  /** Waits for the user to say which value to keep, for these fields only. */
  async markConflict(seq: number, fields: FlatFields, message: string): Promise<OutboxRecord> {
    return this.change(seq, (r) => ({ ...r, state: 'conflict', fields: { ...fields }, error: { code: 'conflict', message } }));
  }

  /** Retry for a failed change: pending again, from the first attempt, under a new requestid. */
  async retry(seq: number): Promise<OutboxRecord> {
    return this.change(seq, (r) => {
      if (r.state !== 'failed') {
        throw new ContactSyncError('bad_state', 'Only a change that failed can be retried; this one is still waiting to be sent or needs a decision.');
      }
      const next: OutboxRecord = { ...r, state: 'pending', attempts: 0, requestId: this.newRequestId() };
      delete next.error;
      return next;
    });
  }

  /**
   * Applies the user's answer to a conflict: fields kept from OfficeTools are sent (they now
   * win), fields kept from QuickBooks are dropped. Returns the record still to send, or
   * undefined when nothing is left (the record is removed).
   */
  async resolveConflict(seq: number, choices: Record<string, ConflictChoice>): Promise<OutboxRecord | undefined> {
    const tx = this.db.transaction('outbox', 'readwrite');
    const r = await tx.store.get(seq);
    const abort = async (error: ContactSyncError): Promise<never> => {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw error;
    };
    if (!r) return abort(new ContactSyncError('not_found', 'This change is no longer waiting; the list was out of date. Reopen Sync History.'));
    if (r.state !== 'conflict') return abort(new ContactSyncError('bad_state', 'This change no longer waits for a decision. Reopen Sync History.'));
    const missing = Object.keys(r.fields).filter((f) => choices[f] !== 'officetools' && choices[f] !== 'quickbooks');
    if (missing.length > 0) {
      return abort(new ContactSyncError('incomplete_answer', `Choose which value to keep for every field (${missing.join(', ')}), then confirm.`));
    }
    const keep: FlatFields = {};
    for (const [f, v] of Object.entries(r.fields)) if (choices[f] === 'officetools') keep[f] = v;
    if (Object.keys(keep).length === 0) {
      await tx.store.delete(seq);
      await tx.done;
      return undefined;
    }
    const next: OutboxRecord = {
      ...r,
      fields: keep,
      state: 'pending',
      attempts: 0,
      requestId: this.newRequestId(),
      updatedAt: this.now().toISOString(),
    };
    delete next.error;
    await tx.store.put(next);
    await tx.done;
    return next;
  }

  /** Drops a change without sending it (the panel's Discard). */
  async discard(seq: number): Promise<void> {
    await this.db.delete('outbox', seq);
  }

  private async change(seq: number, edit: (r: OutboxRecord) => OutboxRecord): Promise<OutboxRecord> {
    const tx = this.db.transaction('outbox', 'readwrite');
    const r = await tx.store.get(seq);
    if (!r) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw new ContactSyncError('not_found', 'This change is no longer in the outbox (it was sent or discarded meanwhile).');
    }
    let next: OutboxRecord;
    try {
      next = { ...edit(r), seq, updatedAt: this.now().toISOString() };
    } catch (error) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw error;
    }
    await tx.store.put(next);
    await tx.done;
    return next;
  }
}
