/**
 * In-memory stand-ins for the outbox and the link store, for running the executor in Node
 * (which has no IndexedDB). They keep the same contract as the real ones (heads in seq order,
 * one link per side); the real outbox is tested against IndexedDB in the browser tests.
 */
import type { ExecutorLinks, ExecutorOutbox } from '../../../src/sync/contact-sync/contact-sync-executor';
import type { FlatFields } from '../../../src/sync/contact-sync/customer-fields';
import type { LinkKind, LinkRecord, OutboxRecord } from '../../../src/sync/store/schema';
import type { NewLink } from '../../../src/sync/store/link-store';

export class MemoryOutbox implements ExecutorOutbox {
  readonly records = new Map<number, OutboxRecord>();
  private seq = 0;
  private ids = 0;

  constructor(private readonly prefix = `t${process.pid}-${Date.now()}`) {}

  add(realmId: string, contactId: string, op: 'create' | 'update', fields: FlatFields): OutboxRecord {
    const r: OutboxRecord = {
      seq: ++this.seq,
      realmId,
      contactId,
      op,
      fields: { ...fields },
      requestId: this.newId(),
      attempts: 0,
      state: 'pending',
      createdAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    };
    this.records.set(r.seq as number, r);
    return r;
  }

  private newId(): string {
    return `${this.prefix}-${++this.ids}`;
  }

  private edit(seq: number, f: (r: OutboxRecord) => OutboxRecord): Promise<OutboxRecord> {
    const r = this.records.get(seq);
    if (!r) return Promise.reject(new Error(`no outbox record ${seq}`));
    const next = f({ ...r });
    this.records.set(seq, next);
    return Promise.resolve(next);
  }

  async heads(realmId: string): Promise<OutboxRecord[]> {
    const seen = new Set<string>();
    return [...this.records.values()]
      .filter((r) => r.realmId === realmId)
      .sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0))
      .filter((r) => (seen.has(r.contactId) ? false : (seen.add(r.contactId), true)));
  }
  recordAttempt(seq: number) {
    return this.edit(seq, (r) => ({ ...r, attempts: r.attempts + 1 }));
  }
  renewRequestId(seq: number) {
    return this.edit(seq, (r) => ({ ...r, requestId: this.newId() }));
  }
  setFields(seq: number, fields: FlatFields) {
    return this.edit(seq, (r) => ({ ...r, fields }));
  }
  notePending(seq: number, error: { code: string; message: string }) {
    return this.edit(seq, (r) => ({ ...r, state: 'pending', error }));
  }
  async complete(seq: number): Promise<void> {
    this.records.delete(seq);
  }
  fail(seq: number, error: { code: string; message: string }) {
    return this.edit(seq, (r) => ({ ...r, state: 'failed', error }));
  }
  markConflict(seq: number, fields: FlatFields, message: string) {
    return this.edit(seq, (r) => ({ ...r, state: 'conflict', fields, error: { code: 'conflict', message } }));
  }
}

export class MemoryLinks implements ExecutorLinks {
  readonly links = new Map<string, LinkRecord>();
  constructor(private readonly realmId: string) {}

  async findByOtId(kind: LinkKind, otId: string): Promise<LinkRecord | undefined> {
    const l = this.links.get(`${kind}:${otId}`);
    return l ? structuredClone(l) : undefined;
  }
  async findByQboId(kind: LinkKind, qboId: string): Promise<LinkRecord | undefined> {
    const l = [...this.links.values()].find((x) => x.kind === kind && x.qboId === qboId);
    return l ? structuredClone(l) : undefined;
  }
  async link(input: NewLink): Promise<LinkRecord> {
    const taken = await this.findByQboId(input.kind, input.qboId);
    if (taken && taken.otId !== input.otId) throw new Error(`QBO ${input.qboId} is already linked to ${taken.otId}`);
    const record: LinkRecord = {
      realmId: this.realmId,
      kind: input.kind,
      otId: input.otId,
      qboId: input.qboId,
      origin: input.origin,
      createdAt: new Date().toISOString(),
      createdBy: 'test',
      syncToken: input.syncToken,
      syncedFields: input.syncedFields,
    };
    this.links.set(`${input.kind}:${input.otId}`, record);
    return record;
  }
  async updateSyncState(kind: LinkKind, otId: string, state: Pick<LinkRecord, 'syncToken' | 'pushedHash' | 'syncedFields'>): Promise<LinkRecord> {
    const l = this.links.get(`${kind}:${otId}`);
    if (!l) throw new Error(`contact ${otId} is not linked`);
    const next = { ...l, ...(state.syncToken !== undefined ? { syncToken: state.syncToken } : {}), ...(state.syncedFields !== undefined ? { syncedFields: state.syncedFields } : {}) };
    this.links.set(`${kind}:${otId}`, next);
    return next;
  }
}
