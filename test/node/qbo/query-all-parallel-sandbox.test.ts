/**
 * `queryAll` with several pages at once, against the real sandbox over HTTP with its limits on
 * (10 requests a second and 10 at a time per company and app): a COUNT, then the pages together;
 * every row once; the pacer keeps a burst of pages inside the limits (no 429); a row that moves
 * to a later page while the pages are read is kept once; pages past a stale count are read; a
 * failed page fails the read. Requests are watched with axios interceptors on the client's own
 * axios instance, so a page can be held back until the test has changed the company.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axios, { type InternalAxiosRequestConfig } from 'axios';
import { createSandbox, type SandboxServer } from '../../../dev/qbo-sandbox/server';
import { DEMO_REALMS } from '../../../dev/qbo-sandbox/demo-companies';
import type { QboCustomer } from '../../../src/sync/qbo/entities';
import { QboClient, type QboClientOptions } from '../../../src/sync/qbo/qbo-client';
import { Pacer, QBO_LIMITS, realClock } from '../../../src/sync/qbo/pacer';

const realmId = DEMO_REALMS.us;
let sandbox: SandboxServer;
let dataDir: string;
let token: string;
const pacer = new Pacer(QBO_LIMITS, realClock, { slackMs: 100 });
const admin = () => axios.create({ baseURL: `${sandbox.url}/__sandbox`, validateStatus: () => true });

/** STARTPOSITION of a query request (undefined for a COUNT or another request). */
function startOf(config: InternalAxiosRequestConfig): number | undefined {
  const sql = new URL(config.url ?? '', 'http://x').searchParams.get('query') ?? '';
  const m = /STARTPOSITION (\d+)/.exec(sql);
  return m ? Number(m[1]) : undefined;
}

/** A client whose requests are counted (and may be held back before they leave). */
function watchedGateway(options: { holdBack?: (start: number) => Promise<void> | undefined } & Partial<QboClientOptions> = {}) {
  const http = axios.create();
  const seen = { inFlight: 0, maxInFlight: 0, counts: 0, pages: [] as number[], statuses: [] as number[], sent: new Map<number, string[]>() };
  http.interceptors.request.use(async (config) => {
    const start = startOf(config);
    if (start !== undefined) await options.holdBack?.(start);
    if (/COUNT\(\*\)/.test(decodeURIComponent(config.url ?? ''))) seen.counts++;
    if (start !== undefined) seen.pages.push(start);
    seen.inFlight++;
    seen.maxInFlight = Math.max(seen.maxInFlight, seen.inFlight);
    return config;
  });
  http.interceptors.response.use(
    (res) => {
      seen.inFlight--;
      seen.statuses.push(res.status);
      const start = startOf(res.config);
      if (start !== undefined && typeof res.data === 'string' && res.status === 200) {
        const body = JSON.parse(res.data) as { QueryResponse?: { Customer?: Array<{ Id: string }> } };
        seen.sent.set(start, (body.QueryResponse?.Customer ?? []).map((c) => c.Id));
      }
      return res;
    },
    (e: unknown) => {
      seen.inFlight--;
      throw e;
    },
  );
  const gw = new QboClient({ baseUrl: sandbox.url, realmId, headers: { Authorization: `Bearer ${token}` }, pacer, axios: http, ...options });
  return { gw, seen };
}

const plain = () => new QboClient({ baseUrl: sandbox.url, realmId, headers: { Authorization: `Bearer ${token}` }, pacer });

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbo-parallel-'));
  sandbox = await createSandbox({
    dataDir,
    port: 0,
    fresh: true,
    apps: [{ clientId: 'parallel-test', clientSecret: 'parallel-test-secret', redirectUris: ['http://127.0.0.1/callback'] }],
  });
  const minted = await admin().post<{ access_token: string }>('/tokens', { realmId });
  assert.equal(minted.status, 200, JSON.stringify(minted.data));
  token = minted.data.access_token;
  assert.equal((await admin().post('/seed', { realmId, customers: 2500, seed: 5 })).status, 200);
});

after(async () => {
  await sandbox?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await admin().delete('/faults');
  await admin().delete('/log');
});

describe('queryAll with several pages at once, against the sandbox', () => {
  it('counts, then reads the pages together: every row once, in QBO order, one request per page', async () => {
    const total = await plain().count('Customer');
    const sequential = await plain().queryAll<QboCustomer>('Customer');
    // Each page answers slowly, so pages only overlap when they were asked for together.
    assert.equal((await admin().post('/faults', { match: { operation: 'query' }, action: { type: 'delay', ms: 150 }, count: 10 })).status, 201);
    const { gw, seen } = watchedGateway();
    const given: number[] = [];
    const rows = await gw.queryAll<QboCustomer>('Customer', undefined, { concurrency: 3, onPage: (_rows, n) => given.push(n) });
    assert.equal(rows.length, total);
    assert.deepEqual(rows.map((r) => r.Id), sequential.map((r) => r.Id), 'the same rows in the same order as one page after the other');
    assert.equal(seen.counts, 1);
    assert.deepEqual([...seen.pages].sort((a, b) => a - b), [1, 1001, 2001]);
    assert.equal(seen.maxInFlight, 3, 'three pages were under way at once');
    assert.deepEqual(given, [1, 2, 3], 'onPage in page order');
  });

  it('a burst of pages stays inside QBO limits (the sandbox answers no 429)', async () => {
    const total = await plain().count('Customer');
    const retries: string[] = [];
    const { gw, seen } = watchedGateway({ onRetry: (r) => retries.push(r.reason) });
    // 200 a page: 13 pages, more than QBO allows in one second.
    const rows = await gw.queryAll<QboCustomer>('Customer', undefined, { pageSize: 200, concurrency: 10 });
    assert.equal(new Set(rows.map((r) => r.Id)).size, total);
    assert.deepEqual(retries, []);
    assert.ok(seen.statuses.every((s) => s === 200), `statuses: ${seen.statuses.join(', ')}`);
    assert.ok(seen.maxInFlight <= 10);
    assert.equal(seen.pages.length, Math.ceil(total / 200) + (total % 200 === 0 ? 1 : 0));
  });

  it('keeps a row once when it moved onto a later page while the pages were read', async () => {
    const gw0 = plain();
    const before = await gw0.queryAll<QboCustomer>('Customer');
    // A customer near the top with no balance, made inactive: reactivating it mid-read pushes
    // every later row one place down, so page 2 (read after) starts with page 1's last row.
    const retiring = before.slice(5, 50).find((c) => !c.Balance);
    assert.ok(retiring, 'a customer without balance near the top');
    const retired = await gw0.sparseUpdate<QboCustomer>('Customer', { Id: retiring.Id, SyncToken: retiring.SyncToken ?? '0', Active: false } as { Id: string; SyncToken: string });
    const activeAtStart = (await gw0.queryAll<QboCustomer>('Customer')).map((c) => c.Id);

    let changed!: () => void;
    const afterChange = new Promise<void>((resolve) => (changed = resolve));
    const raw = new Map<number, string[]>();
    const { gw, seen } = watchedGateway({ holdBack: (start) => (start > 1 ? afterChange : undefined) });
    const reading = gw.queryAll<QboCustomer>('Customer', undefined, {
      concurrency: 3,
      onPage: (rows, n) => {
        raw.set(n, rows.map((r) => r.Id));
        if (n === 1) {
          void gw0
            .sparseUpdate('Customer', { Id: retired.Id, SyncToken: retired.SyncToken ?? '1', Active: true } as { Id: string; SyncToken: string })
            .then(() => changed());
        }
      },
    });
    const rows = await reading;
    const ids = rows.map((r) => r.Id);
    assert.equal(new Set(ids).size, ids.length, 'no row twice');
    for (const id of activeAtStart) assert.ok(ids.includes(id), `customer ${id}, active all along, is listed`);
    // The case did happen: page 2 as QBO sent it began with page 1's last row, left out of onPage.
    const page1 = raw.get(1) ?? [];
    assert.equal(page1.length, 1000);
    assert.equal(seen.sent.get(1001)?.[0], page1[page1.length - 1]);
    assert.ok(!(raw.get(2) ?? []).includes(page1[page1.length - 1]));
    assert.equal(ids.length, activeAtStart.length);
  });

  it('reads on past the pages counted when the last one comes back full (rows added since the count)', async () => {
    const total = await plain().count('Customer');
    const { gw, seen } = watchedGateway();
    // As if the count had been taken before 1,000+ customers were added.
    const rows = await gw.queryAll<QboCustomer>('Customer', undefined, { concurrency: 4, totalCount: 1000 });
    assert.equal(rows.length, total);
    assert.equal(seen.counts, 0, 'the count given is used');
    assert.deepEqual(seen.pages, [1, 1001, 2001]);
  });

  it('a page that fails fails the read, after the pages under way have settled', async () => {
    assert.equal((await admin().post('/faults', { match: { operation: 'query' }, action: { type: 'status', status: 400, body: { Fault: { Error: [{ Message: 'Error parsing query', Detail: 'QueryParserError: injected', code: '4000' }], type: 'ValidationFault' } } }, count: 1 })).status, 201);
    const { gw, seen } = watchedGateway();
    await assert.rejects(gw.queryAll<QboCustomer>('Customer', undefined, { concurrency: 3, totalCount: 2500 }), (e: unknown) => e instanceof Error && /4000|parsing/i.test(`${(e as { code?: string }).code} ${e.message}`));
    assert.equal(seen.inFlight, 0);
  });
});
