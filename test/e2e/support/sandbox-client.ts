/**
 * The QBO sandbox driven from outside the browser, as this test's own QBO client: a token
 * minted for a company, the company's data read and written through the QBO HTTP API, and the
 * sandbox's own controls (the request log and fault injection) that say what the product sent.
 */
import assert from 'node:assert/strict';
import { getJson, postJson } from './http-json';

/** The sandbox's US company ("OfficeTools Workspace"). */
export const US_REALM = '9341450000000001';

/** One request the sandbox answered, as its log keeps it. */
export interface SandboxLogEntry {
  method: string;
  endpoint: string;
  operation: string;
  status: number;
  fault?: string;
}

export interface SandboxLog {
  total: number;
  byOperation: Record<string, number>;
  entries: SandboxLogEntry[];
}

/** A fault injection rule as the sandbox reports it back. */
export interface FaultRule {
  remaining: number;
}

export class SandboxClient {
  private constructor(
    private readonly sandboxUrl: string,
    readonly realmId: string,
    private readonly token: string,
  ) {}

  /** Mints an access token for the company, as the sandbox's sign-in would hand one out. */
  static async connect(sandboxUrl: string, realmId = US_REALM): Promise<SandboxClient> {
    const minted = await postJson<{ access_token: string }>(`${sandboxUrl}/__sandbox/tokens`, { realmId });
    return new SandboxClient(sandboxUrl, realmId, minted.access_token);
  }

  /**
   * A call under /v3/company/<realm>/. It shares the company's throttles with the panel (10
   * requests a second): when they are full it waits and asks again, as a polite client does,
   * rather than failing on the panel's traffic.
   */
  async fetch(pathAndQuery: string, init: RequestInit = {}): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(`${this.sandboxUrl}/v3/company/${this.realmId}/${pathAndQuery}`, {
        ...init,
        headers: { Authorization: `Bearer ${this.token}`, Accept: 'application/json', ...init.headers },
      });
      if (res.status !== 429 || attempt === 5) return res;
      await new Promise((r) => setTimeout(r, 1_100));
    }
  }

  /** Every entity of a kind (up to 1,000), optionally filtered by a QBO query `where` clause. */
  async query<T>(entity: string, where = ''): Promise<T[]> {
    const body = await this.queryAnswer<Record<string, T[] | undefined>>(`select * from ${entity}${where ? ` where ${where}` : ''} maxresults 1000`);
    return body[entity] ?? [];
  }

  async count(entity: string, where: string): Promise<number> {
    return (await this.queryAnswer<{ totalCount: number }>(`select count(*) from ${entity} where ${where}`)).totalCount;
  }

  async read<T>(entity: string, id: string): Promise<T> {
    const res = await this.fetch(`${entity.toLowerCase()}/${id}`);
    assert.equal(res.status, 200, `sandbox read answered ${res.status}`);
    return ((await res.json()) as Record<string, T>)[entity];
  }

  /** A create, or an update when the body carries Id and SyncToken (sparse when it says so). */
  async write<T>(entity: string, body: unknown): Promise<T> {
    const url = `${this.sandboxUrl}/v3/company/${this.realmId}/${entity.toLowerCase()}`;
    const answer = await postJson<Record<string, T>>(url, body, { Authorization: `Bearer ${this.token}`, Accept: 'application/json' });
    return answer[entity];
  }

  /** The latest requests to this company, newest last, with counts by operation. */
  log(limit = 2000): Promise<SandboxLog> {
    return getJson<SandboxLog>(`${this.sandboxUrl}/__sandbox/log?limit=${limit}&realmId=${this.realmId}`);
  }

  async clearLog(): Promise<void> {
    await fetch(`${this.sandboxUrl}/__sandbox/log`, { method: 'DELETE' });
  }

  async addFault(rule: unknown): Promise<void> {
    await postJson(`${this.sandboxUrl}/__sandbox/faults`, rule);
  }

  async faultRules(): Promise<FaultRule[]> {
    const body = await getJson<{ rules?: FaultRule[] } | FaultRule[]>(`${this.sandboxUrl}/__sandbox/faults`);
    return Array.isArray(body) ? body : (body.rules ?? []);
  }

  async clearFaults(): Promise<void> {
    await fetch(`${this.sandboxUrl}/__sandbox/faults`, { method: 'DELETE' });
  }

  private async queryAnswer<T>(sql: string): Promise<T> {
    const res = await this.fetch(`query?query=${encodeURIComponent(sql)}`);
    assert.equal(res.status, 200, `sandbox query answered ${res.status}: ${await res.clone().text()}`);
    return ((await res.json()) as { QueryResponse: T }).QueryResponse;
  }
}
