/**
 * Sandbox benchmarks for `npm run bench` (group "sandbox"): medians over real HTTP on
 * loopback, against a sandbox started in a temp folder and removed afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createSandbox } from './server';
import { DEMO_REALMS } from './demo-companies';

export interface BenchMetric {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

const RUNS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)] * 100) / 100;
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

async function expectOk(res: Response, what: string): Promise<unknown> {
  const text = await res.text();
  if (!res.ok) throw new Error(`Sandbox benchmark: ${what} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as unknown;
}

export async function benchSandbox(): Promise<BenchMetric[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbo-sandbox-bench-'));
  const app = { clientId: 'OT-bench', clientSecret: 'bench-secret-not-used-for-anything-real-00', redirectUris: ['http://127.0.0.1:1/cb'] };
  const sandbox = await createSandbox({ dataDir, apps: [app], limits: false, fresh: true });
  const realm = DEMO_REALMS.us;
  try {
    const admin = (route: string, body: unknown) =>
      fetch(`${sandbox.url}/__sandbox/${route}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const seedTimes: number[] = [];
    for (let i = 0; i < 3; i++) {
      await expectOk(await admin('reset', {}), 'reset');
      seedTimes.push(await timed(async () => void (await expectOk(await admin('seed', { realmId: realm, customers: 20000, seed: i + 1 }), 'seed'))));
    }
    const token = ((await expectOk(await admin('tokens', { realmId: realm }), 'tokens')) as { access_token: string }).access_token;
    const headers = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    const api = `${sandbox.url}/v3/company/${realm}`;

    const queryTimes: number[] = [];
    for (let i = 0; i < RUNS + 1; i++) {
      const sql = encodeURIComponent(`select * from Customer startposition ${1 + (i % 20) * 1000} maxresults 1000`);
      const t = await timed(async () => void (await expectOk(await fetch(`${api}/query?query=${sql}&minorversion=75`, { headers }), 'query')));
      if (i > 0) queryTimes.push(t); // the first page warms the connection
    }

    const batchTimes: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const items = Array.from({ length: 30 }, (_, i) => ({ bId: `r${run}i${i}`, operation: 'create', Customer: { DisplayName: `Bench Batch ${run}-${i}` } }));
      batchTimes.push(await timed(async () => void (await expectOk(await fetch(`${api}/batch`, { method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify({ BatchItemRequest: items }) }), 'batch'))));
    }

    const since = encodeURIComponent(new Date(Date.now() - 3600_000).toISOString());
    const cdcTimes: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      cdcTimes.push(await timed(async () => void (await expectOk(await fetch(`${api}/cdc?entities=Customer,Invoice,Payment&changedSince=${since}`, { headers }), 'cdc'))));
    }
    return [
      { name: 'sandbox.query1000.ms', value: median(queryTimes), unit: 'ms', note: `median of ${queryTimes.length}, 1,000-row Customer page of 20,000` },
      { name: 'sandbox.batch30.ms', value: median(batchTimes), unit: 'ms', note: `median of ${RUNS}, 30 customer creates, each fsync'd` },
      { name: 'sandbox.cdc.ms', value: median(cdcTimes), unit: 'ms', note: `median of ${RUNS}, Customer+Invoice+Payment, capped at 1,000 objects` },
      { name: 'sandbox.seed20k.ms', value: median(seedTimes), unit: 'ms', note: 'median of 3, POST /__sandbox/seed incl. snapshot' },
    ];
  } finally {
    await sandbox.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
