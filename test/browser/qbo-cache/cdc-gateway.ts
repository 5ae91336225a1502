/**
 * A QBO edge for the cache tests: name lists in memory with QBO's CDC rules (changed rows at or
 * after changedSince, inactive ones included, deleted ones as {status:'Deleted'} stubs, 30 days
 * back at most, 1,000 objects at most) and a clock the test moves. It counts requests as QBO
 * would bill them: one per query page, one per count, one per CDC call.
 */
import { createQboErrorOfKind } from '../../../src/sync/qbo/errors';
import type { CdcResult, QboRecord, QueryAllOptions, QueryPage } from '../../../src/sync/qbo/gateway';
import type { CacheGateway } from '../../../src/sync/qbo-cache/refresh-qbo-list';

const DAY = 86_400_000;

/** QBO writes Pacific times with an offset; any offset form Date.parse reads will do here. */
const qboTime = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

export class CdcGateway implements CacheGateway {
  requests = 0;
  readonly calls: string[] = [];
  now = Date.UTC(2026, 0, 15, 12);
  /** Faults the next CDC call with a 6000 (e.g. the window QBO will not reach). */
  refuseNextCdc = false;
  /** CompanyInfo's creation time: another value is another company under the same realm id. */
  companyCreated = '2024-01-01T00:00:00-08:00';
  private readonly tables = new Map<string, Map<string, QboRecord>>();
  private readonly deleted: Array<{ entity: string; Id: string; at: number }> = [];
  private nextId = 1;

  constructor(readonly realmId: string) {}

  tick(ms = 1000): void {
    this.now += ms;
  }

  add(entity: string, fields: QboRecord): QboRecord {
    this.tick();
    const row = { ...fields, Id: String(this.nextId++), SyncToken: '0', Active: true, MetaData: { CreateTime: qboTime(this.now), LastUpdatedTime: qboTime(this.now) } };
    this.table(entity).set(row.Id, row);
    return row;
  }

  update(entity: string, id: string, fields: QboRecord): void {
    this.tick();
    const row = this.table(entity).get(id);
    if (!row) throw new Error(`no ${entity} ${id}`);
    const meta = row.MetaData as { CreateTime: string };
    this.table(entity).set(id, { ...row, ...fields, SyncToken: String(Number(row.SyncToken) + 1), MetaData: { CreateTime: meta.CreateTime, LastUpdatedTime: qboTime(this.now) } });
  }

  /** A merge: QBO reports the merged-away record deleted. */
  remove(entity: string, id: string): void {
    this.tick();
    this.table(entity).delete(id);
    this.deleted.push({ entity, Id: id, at: this.now });
  }

  async read<T = QboRecord>(entity: string, id: string): Promise<T> {
    this.requests++;
    this.calls.push(`read.${entity}`);
    if (entity !== 'CompanyInfo' || id !== this.realmId) throw new Error(`CdcGateway reads only CompanyInfo ${this.realmId}, not ${entity} ${id}`);
    return { Id: '1', CompanyName: 'Test Company', MetaData: { CreateTime: this.companyCreated } } as T;
  }

  /** Only `SELECT COUNT(*) FROM <entity>`, answered with QBO's time like any query. */
  async query<T = QboRecord>(sql: string): Promise<QueryPage<T>> {
    const m = /^SELECT COUNT\(\*\) FROM (\w+)$/.exec(sql);
    if (!m) throw new Error(`CdcGateway answers only counts, not ${sql}`);
    this.requests++;
    this.calls.push(`count.${m[1]}`);
    const totalCount = [...this.table(m[1]).values()].filter((r) => r.Active !== false).length;
    return { rows: [], totalCount, time: qboTime(this.now) };
  }

  async queryAll<T = QboRecord>(entity: string, _where?: unknown, options?: QueryAllOptions<T>): Promise<T[]> {
    const rows = [...this.table(entity).values()].filter((r) => r.Active !== false).sort((a, b) => Number(a.Id) - Number(b.Id));
    const size = options?.pageSize ?? 1000;
    const pages = Math.floor(rows.length / size) + 1;
    for (let p = 1; p <= pages; p++) {
      this.requests++;
      this.calls.push(`query.${entity}`);
      options?.onPage?.(rows.slice((p - 1) * size, p * size) as T[], p);
    }
    return structuredClone(rows) as T[];
  }

  async cdc(entities: readonly string[], since: string | Date): Promise<CdcResult> {
    this.requests++;
    this.calls.push(`cdc.${entities.join(',')}`);
    const sinceMs = typeof since === 'string' ? Date.parse(since) : since.getTime();
    if (this.refuseNextCdc || sinceMs < this.now - 30 * DAY) {
      this.refuseNextCdc = false;
      const message = 'Operation cdc with changedSince date which is older than fixed days is not supported.';
      throw createQboErrorOfKind('validation', { errors: [{ code: '6000', message, detail: message }], status: 400 });
    }
    const changes: Array<{ entity: string; at: number; row: QboRecord }> = [];
    for (const entity of entities) {
      for (const row of this.table(entity).values()) {
        const at = Date.parse((row.MetaData as { LastUpdatedTime: string }).LastUpdatedTime);
        if (at >= sinceMs) changes.push({ entity, at, row });
      }
      for (const d of this.deleted) if (d.entity === entity && d.at >= sinceMs) changes.push({ entity, at: d.at, row: { Id: d.Id, status: 'Deleted', domain: 'QBO' } });
    }
    changes.sort((a, b) => a.at - b.at);
    const kept = changes.slice(0, 1000);
    const result: CdcResult = { entities: {}, time: qboTime(this.now), mayBeTruncated: kept.length >= 1000 };
    for (const c of kept) (result.entities[c.entity] ??= []).push(structuredClone(c.row));
    return result;
  }

  private table(entity: string): Map<string, QboRecord> {
    let t = this.tables.get(entity);
    if (!t) this.tables.set(entity, (t = new Map()));
    return t;
  }
}
