/**
 * Fakes for the edges the entity jobs touch: a QBO gateway that keeps Customers and Items in
 * memory with QBO's name rules, a host that creates entities, and a link store that records
 * every write. Only the edges are fake; the planners and executors under test are the real ones.
 */
import { createQboErrorOfKind, type QboFaultError } from '../../../src/sync/qbo/errors';
import type { BatchItem, BatchItemResult, QboRecord } from '../../../src/sync/qbo/gateway';
import type { JobGateway, JobHost, JobLinks } from '../../../src/sync/jobs/job-ports';
import type { HostMethod, HostParams, HostResult } from '../../../src/sync/host/protocol';
import { LinkConflictError, type NewLink } from '../../../src/sync/store/link-store';
import type { LinkKind, LinkRecord } from '../../../src/sync/store/schema';

export const REALM = '9130350';

function fault(kind: 'duplicateName' | 'validation' | 'auth', code: string, message: string): QboFaultError {
  return createQboErrorOfKind(kind, { errors: [{ code, message, detail: message }], status: kind === 'auth' ? 401 : 200 });
}

export class FakeGateway implements JobGateway {
  readonly realmId = REALM;
  readonly batches: BatchItem[][] = [];
  /** Rows per entity name ('Customer', 'Item', …). */
  readonly rows = new Map<string, QboRecord[]>();
  /** Names whose create QBO refuses with a validation fault. */
  readonly refuse = new Set<string>();
  /** Makes the Nth batch call (1-based) fail as a whole. */
  failCall?: { call: number; error: QboFaultError };
  private nextId = 100;
  private calls = 0;

  add(entity: string, row: QboRecord): QboRecord {
    const list = this.rows.get(entity) ?? [];
    this.rows.set(entity, list);
    const stored = { Id: String(this.nextId++), SyncToken: '0', Active: true, ...row };
    list.push(stored);
    return stored;
  }

  async queryAll<T = QboRecord>(entity: string): Promise<T[]> {
    return (this.rows.get(entity) ?? []).filter((r) => r.Active !== false) as T[];
  }

  async batch(items: readonly BatchItem[]): Promise<BatchItemResult[]> {
    this.calls++;
    this.batches.push([...items]);
    if (items.length > 30) throw new Error(`batch of ${items.length} items: QBO allows 30`);
    if (this.failCall?.call === this.calls) throw this.failCall.error;
    return items.map((item): BatchItemResult => {
      if ('query' in item) {
        const m = /FROM (\w+) WHERE (\w+) = '((?:[^'\\]|\\.)*)'/.exec(item.query);
        if (!m) return { bId: item.bId, ok: false, error: fault('validation', '4000', `cannot parse ${item.query}`) };
        const name = m[3].replace(/\\(.)/g, '$1').toLowerCase();
        const rows = (this.rows.get(m[1]) ?? []).filter((r) => String(r[m[2]]).toLowerCase() === name);
        return { bId: item.bId, ok: true, type: 'query', page: { entity: m[1], rows } };
      }
      const body = item.body as QboRecord;
      const field = item.entity === 'Item' ? 'Name' : 'DisplayName';
      const name = String(body[field]);
      if (this.refuse.has(name)) return { bId: item.bId, ok: false, error: fault('validation', '6000', `Business Validation Error: ${name} refused`) };
      const pool = item.entity === 'Item' ? ['Item'] : ['Customer', 'Employee', 'Vendor'];
      const clash = pool.some((e) => (this.rows.get(e) ?? []).some((r) => String(r[field]).toLowerCase() === name.toLowerCase()));
      if (clash) return { bId: item.bId, ok: false, error: fault('duplicateName', '6240', 'Duplicate Name Exists Error') };
      return { bId: item.bId, ok: true, type: 'entity', entity: item.entity, value: this.add(item.entity, body) };
    });
  }
}

export class FakeLinks implements JobLinks {
  readonly realmId = REALM;
  readonly stored = new Map<string, LinkRecord>();
  readonly linkManyCalls: NewLink[][] = [];

  async list(kind: LinkKind): Promise<LinkRecord[]> {
    return [...this.stored.values()].filter((l) => l.kind === kind);
  }

  async linkMany(inputs: readonly NewLink[]): Promise<LinkRecord[]> {
    this.linkManyCalls.push([...inputs]);
    const clash = inputs.find((i) => [...this.stored.values()].some((l) => l.kind === i.kind && (l.otId === i.otId || l.qboId === i.qboId)));
    if (clash) {
      throw new LinkConflictError([{ row: 1, kind: clash.kind, otId: clash.otId, qboId: clash.qboId, reason: 'otLinked', message: 'already linked' }], 'Linking');
    }
    return inputs.map((i) => {
      const r: LinkRecord = { realmId: REALM, kind: i.kind, otId: i.otId, qboId: i.qboId, origin: i.origin, createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'Pat' };
      if (i.syncToken !== undefined) r.syncToken = i.syncToken;
      this.stored.set(`${i.kind}:${i.otId}`, r);
      return r;
    });
  }

  async unlink(kind: LinkKind, otId: string): Promise<LinkRecord | undefined> {
    const r = this.stored.get(`${kind}:${otId}`);
    this.stored.delete(`${kind}:${otId}`);
    return r;
  }

  async unlinkByQboId(kind: LinkKind, qboId: string): Promise<LinkRecord | undefined> {
    const r = [...this.stored.values()].find((l) => l.kind === kind && l.qboId === qboId);
    if (r) this.stored.delete(`${kind}:${r.otId}`);
    return r;
  }

  async clearKind(kind: LinkKind): Promise<LinkRecord[]> {
    const removed = await this.list(kind);
    for (const r of removed) this.stored.delete(`${kind}:${r.otId}`);
    return removed;
  }

  async restoreLinks(links: readonly LinkRecord[]): Promise<void> {
    for (const r of links) this.stored.set(`${r.kind}:${r.otId}`, { ...r });
  }
}

export class FakeHost implements JobHost {
  readonly created: Array<{ method: HostMethod; input: unknown }> = [];
  /** Inputs (by a name field) the host refuses. */
  readonly refuse = new Set<string>();
  private next = 1;

  async request<M extends HostMethod>(method: M, params: HostParams<M>): Promise<HostResult<M>> {
    if (method.endsWith('.create')) {
      const input = (params as { input: Record<string, unknown> }).input;
      const label = String(input.companyName ?? input.lastName ?? input.description ?? '');
      if (this.refuse.has(label)) throw Object.assign(new Error(`OfficeTools refused "${label}": invalid_params.`), { code: 'invalid_params' });
      this.created.push({ method, input });
      const id = `new${this.next++}`;
      const displayName = input.companyName ?? [input.lastName, input.firstName].filter(Boolean).join(', ');
      return { ...input, id, displayName, updatedAt: '2026-01-01T00:00:00Z' } as HostResult<M>;
    }
    throw new Error(`the fake host does not answer ${method}`);
  }
}
