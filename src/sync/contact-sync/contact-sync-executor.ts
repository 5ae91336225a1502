/**
 * Drains the contact outbox through the QBO gateway: creates or links customers, sends sparse
 * updates, and turns "both sides changed the same field" into a conflict that waits for the
 * user. All I/O lives here; every decision about what to send is made on plain values.
 *
 * Conflict rule, per field, against the link's `syncedFields` (the values both sides had at
 * the last sync):
 *   QBO now = our value            → nothing to do (the sides agree);
 *   QBO now = last synced value    → only we changed it: send it;
 *   otherwise (or no baseline)     → QBO changed it too: wait for the user.
 * The fast path (send with the link's SyncToken, no read) is safe only because the link's
 * SyncToken is advanced only when `syncedFields` then equals QBO's state at that token; when
 * QBO holds values we have not agreed to, the old token is kept on purpose, so the next update
 * gets a 5010, re-reads, and compares field by field.
 *
 * A connection-level failure (auth, throttling, network) stops the drain and leaves the change
 * pending; a definitive refusal marks it failed (QBO wrote nothing) for the panel's Retry.
 */
import { contactAutoUpdateHistory, type ContactUpdateOutcome } from '../history/history-builders';
import type { HistoryRecorder } from '../history/history-recorder';
import { isQboFaultError, type QboFaultError } from '../qbo/errors';
import { QboUsageError } from '../qbo/errors';
import type { QboCustomer } from '../qbo/entities';
import type { QboGateway } from '../qbo/gateway';
import type { LinkStore } from '../store/link-store';
import { LinkStoreError } from '../store/link-store';
import type { LinkRecord, OutboxRecord } from '../store/schema';
import type { ContactOutbox } from './contact-outbox';
import type { FlatFields } from './customer-fields';
import { SYNCED_FIELDS, createBody, customerFields, fieldLabel, sameValue, sparseBody } from './customer-fields';

export type ExecutorOutbox = Pick<
  ContactOutbox,
  'heads' | 'recordAttempt' | 'renewRequestId' | 'setFields' | 'notePending' | 'complete' | 'fail' | 'markConflict'
>;
export type ExecutorLinks = Pick<LinkStore, 'findByOtId' | 'findByQboId' | 'link' | 'updateSyncState'>;

export interface ContactSyncExecutorDeps {
  gateway: QboGateway;
  outbox: ExecutorOutbox;
  links: ExecutorLinks;
  /** Sync History: one line per change sent, linked, refused or held for a decision. */
  history?: { recorder: HistoryRecorder; nameOf(contactId: string): Promise<string> };
}

export type DrainOutcome =
  | { seq: number; contactId: string; result: 'created'; qboId: string }
  | { seq: number; contactId: string; result: 'linked'; qboId: string }
  | { seq: number; contactId: string; result: 'updated'; qboId: string; sent: string[] }
  | { seq: number; contactId: string; result: 'conflict'; qboId: string; fields: string[]; message: string }
  | { seq: number; contactId: string; result: 'failed'; error: { code: string; message: string }; intuitTid?: string };

export type BlockKind = 'auth' | 'throttled' | 'transient' | 'storage';

export interface DrainReport {
  outcomes: DrainOutcome[];
  /** Set when the drain stopped early; the change stays pending and is sent on a later drain. */
  blocked?: { kind: BlockKind; contactId: string; message: string; retryAfterMs?: number };
}

/** A failure that must stop the drain without giving up on the change. */
class Blocked extends Error {
  constructor(
    readonly kind: BlockKind,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** A refusal that ends this change (QBO wrote nothing). */
class Refused extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly intuitTid?: string,
  ) {
    super(message);
  }
}

const MAX_STALE_ROUNDS = 3;

function classify(error: unknown): Blocked | Refused {
  if (error instanceof Blocked || error instanceof Refused) return error;
  if (isQboFaultError(error)) return fromQbo(error);
  if (error instanceof QboUsageError) return new Refused(error.code, error.message);
  if (error instanceof LinkStoreError) {
    if (error.code === 'storage') return new Blocked('storage', error.message);
    return new Refused(error.code, error.message);
  }
  const why = error instanceof Error ? error.message : String(error);
  return new Blocked('storage', `The change could not be processed (${why}); it stays pending and is tried again later.`);
}

function fromQbo(error: QboFaultError): Blocked | Refused {
  switch (error.kind) {
    case 'auth':
      return new Blocked('auth', error.message);
    case 'throttled':
      return new Blocked('throttled', error.message, 'retryAfterMs' in error ? (error.retryAfterMs as number | undefined) : undefined);
    case 'transient':
    case 'badResponse':
      return new Blocked('transient', error.message);
    default:
      return new Refused(error.code ? `qbo_${error.code}` : error.kind, error.message, error.intuitTid);
  }
}

function readName(fields: FlatFields): string {
  const v = fields.DisplayName;
  return typeof v === 'string' ? v : '';
}

export class ContactSyncExecutor {
  private readonly gateway: QboGateway;
  private readonly outbox: ExecutorOutbox;
  private readonly links: ExecutorLinks;
  private readonly history: ContactSyncExecutorDeps['history'];

  constructor(deps: ContactSyncExecutorDeps) {
    this.gateway = deps.gateway;
    this.outbox = deps.outbox;
    this.links = deps.links;
    this.history = deps.history;
  }

  /** Appends the outcome to Sync History; the recorder never throws (see history-recorder.ts). */
  private async recordHistory(outcome: DrainOutcome): Promise<void> {
    if (!this.history) return;
    let name: string;
    try {
      name = await this.history.nameOf(outcome.contactId);
    } catch {
      name = `contact ${outcome.contactId}`;
    }
    const o: ContactUpdateOutcome =
      outcome.result === 'failed'
        ? { result: 'failed', contactId: outcome.contactId, name, code: outcome.error.code, message: outcome.error.message, intuitTid: outcome.intuitTid }
        : outcome.result === 'conflict'
          ? { result: 'conflict', contactId: outcome.contactId, name, qboId: outcome.qboId, message: outcome.message }
          : outcome.result === 'updated'
            ? { result: 'updated', contactId: outcome.contactId, name, qboId: outcome.qboId, sent: outcome.sent }
            : { result: outcome.result, contactId: outcome.contactId, name, qboId: outcome.qboId };
    await this.history.recorder.record(contactAutoUpdateHistory(o));
  }

  /** Sends every pending change that can be sent now, oldest first, one contact at a time. */
  async drain(): Promise<DrainReport> {
    const outcomes: DrainOutcome[] = [];
    const tried = new Set<number>();
    for (;;) {
      const heads = await this.outbox.heads(this.gateway.realmId);
      const next = heads.find((r) => r.state === 'pending' && r.seq !== undefined && !tried.has(r.seq));
      if (!next || next.seq === undefined) return { outcomes };
      tried.add(next.seq);
      try {
        const outcome = await this.send(next as OutboxRecord & { seq: number });
        outcomes.push(outcome);
        await this.recordHistory(outcome);
      } catch (error) {
        const c = classify(error);
        if (c instanceof Blocked) {
          await this.outbox.notePending(next.seq, { code: c.kind, message: c.message }).catch(() => undefined);
          return { outcomes, blocked: { kind: c.kind, contactId: next.contactId, message: c.message, retryAfterMs: c.retryAfterMs } };
        }
        const failure = { code: c.code, message: c.message };
        await this.outbox.fail(next.seq, failure);
        const outcome: DrainOutcome = { seq: next.seq, contactId: next.contactId, result: 'failed', error: failure, intuitTid: c.intuitTid };
        outcomes.push(outcome);
        await this.recordHistory(outcome);
      }
    }
  }

  private async send(record: OutboxRecord & { seq: number }): Promise<DrainOutcome> {
    const attempt = await this.outbox.recordAttempt(record.seq);
    const link = await this.links.findByOtId('contact', record.contactId);
    if (!link) {
      if (record.op === 'create') return this.createOrLink({ ...attempt, seq: record.seq });
      throw new Refused(
        'not_linked',
        'This contact is no longer linked to a QuickBooks Online customer, so the change has nowhere to go. Link it on the Contact Match tab, then click Retry.',
      );
    }
    // A create for a contact linked meanwhile (Contact Match, or an earlier create): an update.
    return this.update({ ...attempt, seq: record.seq }, link);
  }

  private async findByName(name: string): Promise<QboCustomer | undefined> {
    const rows = await this.gateway.queryAll<QboCustomer>('Customer', [{ field: 'DisplayName', op: '=', value: name }], {
      includeInactive: true,
    });
    return rows.find((r) => r.DisplayName === name) ?? rows[0];
  }

  private async createOrLink(record: OutboxRecord & { seq: number }): Promise<DrainOutcome> {
    const name = readName(record.fields);
    // Look first: the local store may be empty or another user's, QBO may already have it.
    const existing = name ? await this.findByName(name) : undefined;
    if (existing) return this.linkTo(record, existing, 'automatch');
    let created: QboCustomer;
    try {
      created = await this.gateway.create<QboCustomer>('Customer', createBody(record.fields), { requestId: record.requestId });
    } catch (error) {
      if (!isQboFaultError(error) || error.kind !== 'duplicateName') {
        if (isQboFaultError(error) && fromQbo(error) instanceof Refused) await this.outbox.renewRequestId(record.seq);
        throw error;
      }
      // QBO would replay this fault for the same requestid.
      await this.outbox.renewRequestId(record.seq);
      const found = await this.findByName(name);
      if (found) return this.linkTo(record, found, 'automatch');
      throw new Refused(
        'name_taken',
        `QuickBooks Online already uses the name "${name}" for a vendor or an employee, so no customer could be made. Rename the contact in OfficeTools (or the other record in QuickBooks Online).`,
      );
    }
    await this.links.link({
      kind: 'contact',
      otId: record.contactId,
      qboId: created.Id,
      origin: 'export',
      syncToken: created.SyncToken,
      syncedFields: customerFields(created),
    });
    await this.outbox.complete(record.seq);
    return { seq: record.seq, contactId: record.contactId, result: 'created', qboId: created.Id };
  }

  private async linkTo(record: OutboxRecord & { seq: number }, customer: QboCustomer, origin: 'automatch'): Promise<DrainOutcome> {
    const taken = await this.links.findByQboId('contact', customer.Id);
    if (taken && taken.otId !== record.contactId) {
      throw new Refused(
        'name_taken',
        `QuickBooks Online customer "${customer.DisplayName ?? customer.Id}" has the same name but is already linked to another OfficeTools contact (${taken.otId}). Rename one of the contacts, or fix the links on the Contact Match tab, then click Retry.`,
      );
    }
    // Linked, not overwritten: the customer's data is QuickBooks', and becomes the baseline.
    await this.links.link({
      kind: 'contact',
      otId: record.contactId,
      qboId: customer.Id,
      origin,
      syncToken: customer.SyncToken,
      syncedFields: customerFields(customer),
    });
    await this.outbox.complete(record.seq);
    return { seq: record.seq, contactId: record.contactId, result: 'linked', qboId: customer.Id };
  }

  private async update(record: OutboxRecord & { seq: number }, link: LinkRecord): Promise<DrainOutcome> {
    const fields = record.fields;
    const synced = link.syncedFields;
    const known = synced !== undefined && Object.keys(fields).every((f) => f in synced);
    if (link.syncToken !== undefined && synced !== undefined && known) {
      const toSend: FlatFields = {};
      for (const [f, v] of Object.entries(fields)) if (!sameValue(v, synced[f])) toSend[f] = v;
      if (Object.keys(toSend).length === 0) {
        await this.outbox.complete(record.seq);
        return { seq: record.seq, contactId: record.contactId, result: 'updated', qboId: link.qboId, sent: [] };
      }
      try {
        const answer = await this.gateway.sparseUpdate<QboCustomer>(
          'Customer',
          { Id: link.qboId, SyncToken: link.syncToken, ...sparseBody(toSend, synced) },
          { requestId: record.requestId },
        );
        await this.afterWrite(link, answer, synced, Object.keys(fields));
        await this.outbox.complete(record.seq);
        return { seq: record.seq, contactId: record.contactId, result: 'updated', qboId: link.qboId, sent: Object.keys(toSend) };
      } catch (error) {
        if (!isQboFaultError(error)) throw error;
        if (error.kind !== 'staleObject') {
          if (fromQbo(error) instanceof Refused) await this.outbox.renewRequestId(record.seq);
          throw error;
        }
        // QBO changed since our last sync: read it and compare field by field.
        record = { ...(await this.outbox.renewRequestId(record.seq)), seq: record.seq };
      }
    }
    return this.mergeAndSend(record, link);
  }

  private async mergeAndSend(record: OutboxRecord & { seq: number }, link: LinkRecord): Promise<DrainOutcome> {
    const synced = link.syncedFields ?? {};
    for (let round = 1; ; round++) {
      const customer = await this.gateway.read<QboCustomer>('Customer', link.qboId);
      const current = customerFields(customer);
      const send: FlatFields = {};
      const conflicts: FlatFields = {};
      const agreed: string[] = [];
      for (const [f, ours] of Object.entries(record.fields)) {
        const theirs = current[f];
        if (sameValue(theirs, ours)) agreed.push(f);
        else if (f in synced && sameValue(theirs, synced[f])) send[f] = ours;
        else conflicts[f] = ours;
      }
      let answer: QboCustomer = customer;
      if (Object.keys(send).length > 0) {
        try {
          answer = await this.gateway.sparseUpdate<QboCustomer>(
            'Customer',
            { Id: customer.Id, SyncToken: customer.SyncToken, ...sparseBody(send, current) },
            { requestId: record.requestId },
          );
        } catch (error) {
          if (isQboFaultError(error) && error.kind === 'staleObject' && round < MAX_STALE_ROUNDS) {
            // Changed again between our read and our write: read again.
            record = { ...(await this.outbox.renewRequestId(record.seq)), seq: record.seq };
            continue;
          }
          if (isQboFaultError(error) && fromQbo(error) instanceof Refused) await this.outbox.renewRequestId(record.seq);
          throw error;
        }
      }
      await this.afterWrite(link, answer, synced, [...Object.keys(send), ...agreed]);
      const conflictFields = Object.keys(conflicts);
      if (conflictFields.length === 0) {
        await this.outbox.complete(record.seq);
        return { seq: record.seq, contactId: record.contactId, result: 'updated', qboId: link.qboId, sent: Object.keys(send) };
      }
      const message = `${conflictFields.map(fieldLabel).join(', ')} changed in QuickBooks Online and in OfficeTools since the last sync. Open Setup > QuickBooks Online > Sync History and choose which value to keep.`;
      await this.outbox.markConflict(record.seq, conflicts, message);
      return { seq: record.seq, contactId: record.contactId, result: 'conflict', qboId: link.qboId, fields: conflictFields, message };
    }
  }

  /**
   * Records what both sides now agree on. The SyncToken moves forward only when the baseline
   * then matches QBO's state in full (see the header), otherwise the next update re-reads.
   */
  private async afterWrite(link: LinkRecord, answer: QboCustomer, previous: FlatFields, agreedFields: string[]): Promise<void> {
    const now = customerFields(answer);
    const syncedFields: FlatFields = { ...previous };
    for (const f of agreedFields) syncedFields[f] = now[f];
    const complete = SYNCED_FIELDS.every((f) => f in syncedFields && sameValue(syncedFields[f], now[f]));
    await this.links.updateSyncState('contact', link.otId, complete ? { syncToken: answer.SyncToken, syncedFields } : { syncedFields });
  }
}
