/**
 * A small in-memory QBO for browser tests of the runtime and the panel: customers with
 * SyncTokens, 5010 on a stale token, 6240 on a taken DisplayName, and a switch that makes every
 * call fail as if the network were down. Only what contact sync calls is implemented; anything
 * else throws so an unexpected call fails the test.
 */
import type { QboCustomer } from '../../../src/sync/qbo/entities';
import { QboDuplicateNameError, QboNotFoundError, QboStaleObjectError, QboTransientError } from '../../../src/sync/qbo/errors';
import type { QboGateway, QueryPage } from '../../../src/sync/qbo/gateway';
import type { Condition } from '../../../src/sync/qbo/query-builder';

export class MemoryGateway implements QboGateway {
  readonly customers = new Map<string, QboCustomer>();
  readonly calls: string[] = [];
  offline = false;
  private nextId = 100;
  private readonly answered = new Map<string, QboCustomer>();

  constructor(readonly realmId = '9130350') {}

  private check(call: string): void {
    this.calls.push(call);
    if (this.offline) throw new QboTransientError({ errors: [{ code: 'network', message: 'No answer', detail: 'No answer from QuickBooks Online (ERR_NETWORK)' }] });
  }

  /** A change made in QuickBooks Online by someone else. */
  editInQbo(id: string, changes: Partial<QboCustomer>): QboCustomer {
    const c = this.customers.get(id);
    if (!c) throw new Error(`no customer ${id}`);
    const next = { ...c, ...changes, SyncToken: String(Number(c.SyncToken) + 1) };
    this.customers.set(id, next);
    return next;
  }

  async queryAll<T>(entity: string, where?: string | readonly Condition[]): Promise<T[]> {
    this.check(`queryAll ${entity}`);
    if (entity !== 'Customer' || !Array.isArray(where)) throw new Error('MemoryGateway: only Customer by conditions');
    const conds = where as readonly Condition[];
    return [...this.customers.values()].filter((c) => conds.every((w) => (c as unknown as Record<string, unknown>)[w.field] === w.value)) as T[];
  }

  async read<T>(entity: string, id: string): Promise<T> {
    this.check(`read ${entity} ${id}`);
    const c = this.customers.get(id);
    if (!c) throw new QboNotFoundError({ errors: [{ code: '610', message: 'Object Not Found', detail: `Customer ${id} not found` }], status: 400 });
    return structuredClone(c) as T;
  }

  async create<T>(entity: string, body: object, options?: { requestId?: string }): Promise<T> {
    this.check(`create ${entity}`);
    const replay = options?.requestId ? this.answered.get(options.requestId) : undefined;
    if (replay) return structuredClone(replay) as T;
    const b = body as Partial<QboCustomer>;
    if ([...this.customers.values()].some((c) => c.DisplayName === b.DisplayName)) {
      throw new QboDuplicateNameError({ errors: [{ code: '6240', message: 'Duplicate Name Exists Error', detail: 'The name supplied already exists.' }], status: 400 });
    }
    const c: QboCustomer = { ...b, Id: String(this.nextId++), SyncToken: '0' };
    this.customers.set(c.Id, c);
    if (options?.requestId) this.answered.set(options.requestId, c);
    return structuredClone(c) as T;
  }

  async sparseUpdate<T>(entity: string, body: { Id: string; SyncToken: string }): Promise<T> {
    this.check(`sparseUpdate ${entity} ${Object.keys(body).filter((k) => k !== 'Id' && k !== 'SyncToken').sort().join(',')}`);
    const c = this.customers.get(body.Id);
    if (!c) throw new QboNotFoundError({ errors: [{ code: '610', message: 'Object Not Found', detail: '' }], status: 400 });
    if (c.SyncToken !== body.SyncToken) {
      throw new QboStaleObjectError({ errors: [{ code: '5010', message: 'Stale Object Error', detail: 'Stale Object Error' }], status: 400 });
    }
    const next = { ...c, ...(body as Partial<QboCustomer>), Id: c.Id, SyncToken: String(Number(c.SyncToken) + 1) };
    this.customers.set(c.Id, next);
    return structuredClone(next) as T;
  }

  query<T>(): Promise<QueryPage<T>> {
    throw new Error('MemoryGateway: query is not used by contact sync');
  }
  count(): Promise<number> {
    throw new Error('MemoryGateway: count is not used by contact sync');
  }
  batch(): never {
    throw new Error('MemoryGateway: batch is not used by contact sync');
  }
  cdc(): never {
    throw new Error('MemoryGateway: cdc is not used by contact sync');
  }
}
