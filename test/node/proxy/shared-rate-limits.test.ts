/**
 * Rate limits that hold across replicas (issue 11 point 4 with DATABASE_URL): two proxy
 * replicas on one real PostgreSQL count a user's requests together, so alternating between
 * them buys no extra budget; and the shared counter itself (shared-rate-windows.ts): windows,
 * Retry-After, the sweep, and failing open when the database is gone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../../../src/proxy/api-error';
import { loadProxyConfig } from '../../../src/proxy/config';
import { createProxy, type ProxyServer } from '../../../src/proxy/server';
import { SharedRateWindows } from '../../../src/proxy/shared-rate-windows';
import { migrate } from '../../../src/proxy/store/migrate';
import { openPostgresDatabase } from '../../../src/proxy/store/postgres-database';
import { sharedPostgres } from './support/backends';
import { startTestIssuer } from './support/test-issuer';

const AUDIENCE = 'http://addin.test';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('two replicas on one PostgreSQL share a user per-minute budget: alternating between them buys nothing', async (t) => {
  const databaseUrl = await (await sharedPostgres()).createDatabase();
  const issuer = await startTestIssuer(AUDIENCE);
  const key = randomBytes(32).toString('base64');
  const dirs: string[] = [];
  const replicas: ProxyServer[] = [];
  t.after(async () => {
    for (const r of replicas) await r.close();
    await issuer.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  for (let i = 0; i < 2; i++) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'proxy-shared-limits-'));
    dirs.push(dir);
    // 6 a minute: each replica's own bucket alone would admit a burst of 5, 10 for the two.
    const env = { DATA_DIR: dir, SANDBOX_PORT: '1', IDENTITY_ISSUER: issuer.url, IDENTITY_AUDIENCE: AUDIENCE, DATABASE_URL: databaseUrl, TOKEN_ENCRYPTION_KEY: key, RATE_DATA_PER_MINUTE: '6', RATE_ADDRESS_FACTOR: '100' };
    replicas.push(await createProxy({ ...loadProxyConfig(env), port: 0 }, { log: () => undefined, rateFlushMs: 50 }));
  }
  // The test must not straddle a minute (the windows are calendar minutes): start early in one.
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await sleep(60_000 - intoMinute + 100);

  const token = await issuer.mint({ firmId: 'f1', userId: 'ana', name: 'Ana' });
  const statuses: number[] = [];
  let retryAfter = 0;
  for (let i = 0; i < 12; i++) {
    const res = await fetch(`${replicas[i % 2].url}/api/status`, { headers: { Authorization: `Bearer ${token}` } });
    await res.arrayBuffer();
    statuses.push(res.status);
    if (res.status === 429) retryAfter = Number(res.headers.get('retry-after'));
    await sleep(150); // past a flush, so each replica knows the other's count
  }
  const admitted = statuses.filter((s) => s !== 429).length;
  assert.equal(admitted, 6, `admitted ${admitted} of 12 across two replicas (statuses ${statuses.join(' ')})`);
  assert.deepEqual(statuses.slice(0, 6).includes(429), false, 'the first six pass, on either replica');
  assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter} s, until the next minute`);
  // Another user's budget is untouched.
  const other = await fetch(`${replicas[1].url}/api/status`, { headers: { Authorization: `Bearer ${await issuer.mint({ firmId: 'f1', userId: 'ben', name: 'Ben' })}` } });
  assert.notEqual(other.status, 429);
});

test('the shared counter: totals across instances, a new minute starts afresh, old windows are swept, a lost database fails open', async (t) => {
  const url = await (await sharedPostgres()).createDatabase();
  const db = openPostgresDatabase(url);
  t.after(() => db.close());
  await migrate(db);
  let now = Date.UTC(2026, 0, 1, 9, 0, 10); // 10 s into a minute
  const errors: string[] = [];
  const a = new SharedRateWindows(db, { now: () => now, flushMs: 60_000 });
  const b = new SharedRateWindows(db, { now: () => now, flushMs: 60_000, onError: (e) => errors.push(e.message) });
  t.after(async () => {
    await a.close().catch(() => undefined);
    await b.close().catch(() => undefined);
  });
  const limited = (fn: () => void): ApiError | null => {
    try {
      fn();
      return null;
    } catch (err) {
      if (err instanceof ApiError) return err;
      throw err;
    }
  };

  for (let i = 0; i < 3; i++) a.take('data:u:f/x', 5);
  await a.flush();
  b.take('data:u:f/x', 5);
  await b.flush(); // b learns the total (4)
  b.take('data:u:f/x', 5);
  const over = limited(() => b.take('data:u:f/x', 5));
  assert.equal(over?.status, 429);
  assert.equal(over?.headers?.['Retry-After'], '50', 'seconds to the next minute');
  assert.equal(limited(() => b.take('data:u:f/y', 5)), null, 'another key has its own count');
  await b.flush();
  const [row] = await db.query<{ count: number }>("SELECT count FROM rate_windows WHERE limit_key = 'data:u:f/x'");
  assert.equal(Number(row.count), 5, 'one row holds both instances\u2019 requests');

  now += 60_000; // the next minute
  assert.equal(limited(() => b.take('data:u:f/x', 5)), null, 'a new minute, a new budget');
  await b.flush();
  now += 60_000;
  await b.flush(); // sweeps windows before the previous minute
  const windows = await db.query<{ window_start: string }>('SELECT window_start FROM rate_windows');
  assert.deepEqual(windows.map((w) => Number(w.window_start)), [Date.UTC(2026, 0, 1, 9, 1)], 'only the previous minute is kept');

  // The database goes away: requests are still admitted (each replica's bucket still limits), one error is reported.
  const lost = openPostgresDatabase(url.replace(/\/[^/]+$/, '/no_such_database'));
  t.after(() => lost.close());
  const c = new SharedRateWindows(lost, { now: () => now, flushMs: 60_000, onError: (e) => errors.push(e.message) });
  c.take('data:u:f/z', 5);
  await c.flush();
  await c.flush();
  assert.equal(limited(() => c.take('data:u:f/z', 5)), null);
  assert.equal(errors.length, 1, `reported once: ${errors.join(' | ')}`);
  await c.close();
});
