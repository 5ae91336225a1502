/**
 * The QBO sandbox for the billing benchmark: its own temp data folder and ephemeral port, the
 * real limits ON (500/min, 10/s, 10 in flight, 40 batch calls/min — DEFAULT_LIMITS), a
 * minted token (kept in memory, never printed), product QboClients with the product's pacing
 * and retry policy, and the request log that every count in the metrics comes from.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_REALMS } from '../../dev/qbo-sandbox/demo-companies';
import { createSandbox, type SandboxServer } from '../../dev/qbo-sandbox/server';
import { Pacer, QBO_LIMITS, realClock } from '../../src/sync/qbo/pacer';
import { QboClient } from '../../src/sync/qbo/qbo-client';

export interface OperationCounts {
  total: number;
  byOperation: Record<string, number>;
  /** HTTP status → requests (a 429 shows here when the pacing let QBO refuse one). */
  byStatus: Record<string, number>;
}

async function call<T>(url: string, method: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url.replace(/\?.*/, '')} answered ${res.status}: ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : {}) as T;
}

export interface BenchSandbox {
  readonly realmId: string;
  readonly url: string;
  /** A product QboClient with its own pacer at QBO's limits and the default retry policy. */
  client(): QboClient;
  seedCustomers(count: number): Promise<void>;
  /** The real limits again, with the sandbox's windows emptied, so a phase starts unthrottled. */
  resetLimits(): Promise<{ perRealmPerMinute: number; perAppPerSecond: number; concurrentPerApp: number; batchPerAppPerMinute: number }>;
  log(): Promise<OperationCounts>;
  close(): Promise<void>;
}

export interface BenchSandboxOptions {
  /**
   * Writes company data straight into the sandbox's data folder (stopped, after the demo
   * companies were made), for data far larger than the admin seed makes — such as 100,000
   * invoices paired with OfficeTools' own. The sandbox then starts on it as after a restart.
   */
  prepare?(dataDir: string, realmId: string): void | Promise<void>;
}

export async function startBenchSandbox(options: BenchSandboxOptions = {}): Promise<BenchSandbox> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-billing-qbo-'));
  let server: SandboxServer;
  // No `limits` option: the sandbox's defaults are QBO's real limits.
  const start = (fresh: boolean) =>
    createSandbox({
      dataDir,
      port: 0,
      fresh,
      apps: [{ clientId: 'bench-billing', clientSecret: 'bench-billing-secret', redirectUris: ['http://127.0.0.1/callback'] }],
    });
  try {
    server = await start(true);
    if (options.prepare) {
      await server.close();
      await options.prepare(dataDir, DEMO_REALMS.us);
      server = await start(false);
    }
  } catch (e) {
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  const realmId = DEMO_REALMS.us;
  const admin = `${server.url}/__sandbox`;
  const token = (await call<{ access_token: string }>(`${admin}/tokens`, 'POST', { realmId })).access_token;
  return {
    realmId,
    url: server.url,
    client() {
      return new QboClient({
        baseUrl: server.url,
        realmId,
        headers: { Authorization: `Bearer ${token}` },
        // What QboClient builds by default, spelled out so the bench does not depend on it.
        pacer: new Pacer(QBO_LIMITS, realClock, { slackMs: 100 }),
      });
    },
    async seedCustomers(count) {
      await call(`${admin}/seed`, 'POST', { realmId, customers: count, seed: 6_1000 });
    },
    async resetLimits() {
      const { limits } = await call<{ limits: false | { perRealmPerMinute: number; perAppPerSecond: number; concurrentPerApp: number; batchPerAppPerMinute: number } }>(
        `${admin}/limits`,
        'POST',
        {},
      );
      if (limits === false) throw new Error('The sandbox reports its limits off after switching them on; the timings would not be under QBO limits.');
      return limits;
    },
    log: () => call<OperationCounts>(`${admin}/log?limit=1&realmId=${realmId}`, 'GET'),
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The log entries added between two reads, by operation, without the zero ones. */
function countDelta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, n] of Object.entries(after)) {
    const d = n - (before[key] ?? 0);
    if (d !== 0) out[key] = d;
  }
  return out;
}

export function logDelta(before: OperationCounts, after: OperationCounts): OperationCounts {
  return { total: after.total - before.total, byOperation: countDelta(before.byOperation, after.byOperation), byStatus: countDelta(before.byStatus, after.byStatus) };
}

/** Writes only: batch calls and single creates/updates/deletes — not queries, reads or OAuth. */
export function writeRequests(delta: OperationCounts): number {
  return Object.entries(delta.byOperation).reduce((n, [op, k]) => (op === 'batch' || /\.(create|update|update\.sparse|delete|void)$/.test(op) ? n + k : n), 0);
}

export const describeOps = (ops: Record<string, number>): string =>
  Object.entries(ops)
    .sort((a, b) => b[1] - a[1])
    .map(([op, n]) => `${op} ${n}`)
    .join(', ');
