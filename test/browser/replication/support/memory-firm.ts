/**
 * An in-memory firm behind the FirmRemote interface, enforcing the proxy's rules
 * (docs/firm-contract.md §3): a rev per record, a strictly increasing seq per realm, pushes all
 * or nothing with base-rev checks, one live link per (realm, kind, QBO id), tombstones on
 * delete, history lines create-only, adopt where the firm's value wins. Each replica gets its
 * own handle (`remoteFor`) whose faults (offline, a pull that throws) the tests switch.
 */
import { FirmConflictError, FirmRemoteError } from '../../../../src/sync/replication/firm-remote-errors';
import type { AdoptResult, FirmCollection, FirmEvent, FirmRemote, PullPage, PushConflict, RemoteChange, RemoteRecord } from '../../../../src/sync/replication/firm-remote';

type User = { id: string; name: string };
const COLLECTIONS: readonly string[] = ['links', 'settings', 'documents', 'history'];

export class MemoryFirm {
  private readonly records = new Map<string, RemoteRecord>();
  /** realm \0 kind \0 qboId → link id, for live links only. */
  private readonly byQbo = new Map<string, string>();
  private readonly seqs = new Map<string, number>();
  private readonly handles = new Set<MemoryRemote>();
  private clock = Date.parse('2026-12-02T10:00:00.000Z');

  remoteFor(user: User): MemoryRemote {
    const h = new MemoryRemote(this, user);
    this.handles.add(h);
    return h;
  }

  private key(realm: string, collection: string, id: string): string {
    return `${realm}\u0000${collection}\u0000${id}`;
  }

  get(realm: string, collection: FirmCollection, id: string): RemoteRecord | undefined {
    return this.records.get(this.key(realm, collection, id));
  }

  /** Live records of a collection, for assertions. */
  live(realm: string, collection: FirmCollection): RemoteRecord[] {
    return [...this.records.values()].filter((r) => this.realmOf(r) === realm && r.collection === collection && !r.deleted);
  }

  private readonly realms = new WeakMap<RemoteRecord, string>();
  private realmOf(r: RemoteRecord): string | undefined {
    return this.realms.get(r);
  }

  /** Writes records straight into the firm (as other staff did long ago). */
  seed(realm: string, user: User, items: Array<{ collection: FirmCollection; id: string; body: Record<string, unknown> }>): void {
    for (const it of items) this.commit(realm, user, [{ collection: it.collection, id: it.id, body: it.body, deleted: false }]);
  }

  private commit(realm: string, user: User, writes: Array<{ collection: FirmCollection; id: string; body: Record<string, unknown> | null; deleted: boolean }>): RemoteRecord[] {
    const out: RemoteRecord[] = [];
    for (const w of writes) {
      const k = this.key(realm, w.collection, w.id);
      const prev = this.records.get(k);
      const seq = (this.seqs.get(realm) ?? 0) + 1;
      this.seqs.set(realm, seq);
      const rec: RemoteRecord = {
        collection: w.collection,
        id: w.id,
        rev: (prev?.rev ?? 0) + 1,
        seq: String(seq),
        deleted: w.deleted,
        body: w.deleted ? null : JSON.parse(JSON.stringify(w.body)),
        updatedBy: { ...user },
        updatedAt: new Date((this.clock += 1000)).toISOString(),
      };
      if (w.collection === 'links') {
        if (prev && !prev.deleted && prev.body) this.byQbo.delete(`${realm}\u0000${String(prev.body.kind)}\u0000${String(prev.body.qboId)}`);
        if (!rec.deleted && rec.body) this.byQbo.set(`${realm}\u0000${String(rec.body.kind)}\u0000${String(rec.body.qboId)}`, w.id);
      }
      this.records.set(k, rec);
      this.realms.set(rec, realm);
      out.push(rec);
    }
    return out;
  }

  announce(realm: string): void {
    const checkpoint = String(this.seqs.get(realm) ?? 0);
    for (const h of this.handles) h.deliver({ type: 'changes', realmId: realm, checkpoint });
  }

  pull(realm: string, since: string, limit = 2000): PullPage {
    const from = Number(since || '0');
    const max = Math.min(limit, 10_000);
    const all = [...this.records.values()].filter((r) => this.realmOf(r) === realm && Number(r.seq) > from).sort((a, b) => Number(a.seq) - Number(b.seq));
    const records = all.slice(0, max).map((r) => structuredClone(r));
    return { records, checkpoint: records.length > 0 ? records[records.length - 1].seq : since || '0', more: all.length > max };
  }

  push(realm: string, user: User, changes: RemoteChange[]): { records: RemoteRecord[]; checkpoint: string } {
    const conflicts: PushConflict[] = [];
    const staged = new Map<string, { body: Record<string, unknown> | null; deleted: boolean }>();
    changes.forEach((c, index) => {
      if (!COLLECTIONS.includes(c.collection) || typeof c.id !== 'string' || c.id === '') throw new FirmRemoteError('bad_change', `Change ${index}: unknown collection or empty id.`, { status: 400 });
      if (!c.deleted && (typeof c.body !== 'object' || c.body === null)) throw new FirmRemoteError('bad_change', `Change ${index}: a body is needed.`, { status: 400 });
      const current = this.get(realm, c.collection, c.id) ?? null;
      if (c.collection === 'history' && (current || c.deleted)) throw new FirmRemoteError('bad_change', `Change ${index}: history lines may only be created.`, { status: 400 });
      const live = current && !current.deleted;
      const ok = live ? c.baseRev === current.rev : c.baseRev === null || c.baseRev === current?.rev;
      if (!ok) conflicts.push({ index, collection: c.collection, id: c.id, reason: 'stale', current: current ? structuredClone(current) : null });
      staged.set(`${c.collection}\u0000${c.id}`, { body: c.deleted ? null : (c.body ?? null), deleted: c.deleted === true });
    });
    // One live link per QBO id, judged on the state after the whole push.
    const claimed = new Map<string, string>();
    changes.forEach((c, index) => {
      if (c.collection !== 'links' || c.deleted || !c.body) return;
      const q = `${String(c.body.kind)}\u0000${String(c.body.qboId)}`;
      const holderId = this.byQbo.get(`${realm}\u0000${q}`);
      const holderStaged = holderId !== undefined ? staged.get(`links\u0000${holderId}`) : undefined;
      const holderStays = holderId !== undefined && holderId !== c.id && (!holderStaged || (!holderStaged.deleted && String(holderStaged.body?.qboId) === String(c.body.qboId)));
      if (holderStays) conflicts.push({ index, collection: 'links', id: c.id, reason: 'unique', current: this.get(realm, 'links', c.id) ?? null, holder: structuredClone(this.get(realm, 'links', holderId) as RemoteRecord) });
      const other = claimed.get(q);
      if (other !== undefined && other !== c.id) throw new FirmRemoteError('bad_change', `Change ${index}: QBO id ${String(c.body.qboId)} appears twice in one push.`, { status: 400 });
      claimed.set(q, c.id);
    });
    if (conflicts.length > 0) throw new FirmConflictError(conflicts, 'Someone else changed the same records first.');
    const written = this.commit(realm, user, changes.map((c) => ({ collection: c.collection, id: c.id, body: c.deleted ? null : (c.body ?? null), deleted: c.deleted === true })));
    this.announce(realm);
    return { records: written.map((r) => structuredClone(r)), checkpoint: written[written.length - 1]?.seq ?? String(this.seqs.get(realm) ?? 0) };
  }

  adopt(realm: string, user: User, records: Array<{ collection: FirmCollection; id: string; body: unknown }>): AdoptResult {
    const notTaken: AdoptResult['notTaken'] = [];
    let taken = 0;
    for (const r of records) {
      const current = this.get(realm, r.collection, r.id);
      if (current) {
        notTaken.push({ collection: r.collection, id: r.id, reason: 'firm_has_other', firm: structuredClone(current) });
        continue;
      }
      const body = r.body as Record<string, unknown>;
      if (r.collection === 'links') {
        const holderId = this.byQbo.get(`${realm}\u0000${String(body.kind)}\u0000${String(body.qboId)}`);
        if (holderId !== undefined) {
          notTaken.push({ collection: r.collection, id: r.id, reason: 'unique', firm: structuredClone(this.get(realm, 'links', holderId) as RemoteRecord) });
          continue;
        }
      }
      this.commit(realm, user, [{ collection: r.collection, id: r.id, body, deleted: false }]);
      taken++;
    }
    if (taken > 0) this.announce(realm);
    return { taken, notTaken, checkpoint: String(this.seqs.get(realm) ?? 0) };
  }

  detach(h: MemoryRemote): void {
    this.handles.delete(h);
  }
}

/** One replica's way to the firm, with switchable faults. */
export class MemoryRemote implements FirmRemote {
  /** The proxy cannot be reached: every call fails as a network failure would. */
  private offlineNow = false;
  /** Throws a non-network error on the pull call with this number (1-based), once. */
  failPullNumber?: number;
  /** The push channel stays silent (a replica that has not heard of others' changes yet). */
  muted = false;
  readonly pulls: Array<{ since: string; limit?: number }> = [];
  pushes = 0;
  adopts = 0;
  /** Refuses a push outright when it returns an error (a proxy rule the firm enforces). */
  refusePush?: (changes: RemoteChange[]) => FirmRemoteError | undefined;
  /** Fails the adopt call with this number (1-based) as a network failure would, once. */
  dropAdoptNumber?: number;
  private listener?: (e: FirmEvent) => void;

  constructor(
    private readonly firm: MemoryFirm,
    readonly user: User,
  ) {}

  get offline(): boolean {
    return this.offlineNow;
  }

  setOffline(offline: boolean): void {
    if (this.offlineNow === offline) return;
    this.offlineNow = offline;
    this.listener?.(offline ? { type: 'down' } : { type: 'open' });
  }

  deliver(e: FirmEvent): void {
    if (!this.offlineNow && !this.muted) setTimeout(() => this.listener?.(e), 0);
  }

  private check(what: string): void {
    if (this.offlineNow) throw new FirmRemoteError('unreachable', `${what}: the add-in's server could not be reached (test: offline).`, { offline: true });
  }

  async pull(realmId: string, since: string, limit?: number): Promise<PullPage> {
    await Promise.resolve();
    this.check('Reading the firm');
    this.pulls.push({ since, limit });
    if (this.failPullNumber === this.pulls.length) throw new FirmRemoteError('http_500', 'The server failed (test).', { status: 500 });
    return this.firm.pull(realmId, since, limit);
  }

  async push(realmId: string, changes: RemoteChange[]) {
    await Promise.resolve();
    this.check('Saving');
    this.pushes++;
    const refusal = this.refusePush?.(changes);
    if (refusal) throw refusal;
    return this.firm.push(realmId, this.user, structuredClone(changes));
  }

  async adopt(realmId: string, records: Array<{ collection: FirmCollection; id: string; body: unknown }>) {
    await Promise.resolve();
    this.check('Uploading');
    this.adopts++;
    if (this.dropAdoptNumber === this.adopts) throw new FirmRemoteError('unreachable', 'Uploading: the connection dropped (test).', { offline: true });
    return this.firm.adopt(realmId, this.user, structuredClone(records));
  }

  events(listener: (e: FirmEvent) => void): () => void {
    this.listener = listener;
    if (!this.offlineNow) setTimeout(() => this.listener?.({ type: 'open' }), 0);
    return () => {
      this.listener = undefined;
      this.firm.detach(this);
    };
  }
}
