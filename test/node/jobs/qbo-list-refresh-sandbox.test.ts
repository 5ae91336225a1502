/**
 * The QuickBooks list cache's CDC refresh against the real sandbox over HTTP (QboClient): a
 * first read in full, then one CDC request (beside CompanyInfo) that brings a changed, a deactivated and a new
 * customer; a full read again when the company was replaced (sandbox reset) and when the
 * sandbox answers that CDC cannot reach back (its clock moved 31 days on).
 * The cache is the in-memory one (Node has no IndexedDB; karma tests the IndexedDB one).
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';
import { createSandbox, type SandboxServer } from '../../../dev/qbo-sandbox/server';
import { DEMO_REALMS } from '../../../dev/qbo-sandbox/demo-companies';
import type { QboCustomer } from '../../../src/sync/qbo/entities';
import { QboClient } from '../../../src/sync/qbo/qbo-client';
import { Pacer, QBO_LIMITS, realClock } from '../../../src/sync/qbo/pacer';
import { MemoryListCache } from '../../../src/sync/qbo-cache/memory-list-cache';
import { readQboList } from '../../../src/sync/qbo-cache/refresh-qbo-list';

const realmId = DEMO_REALMS.us;
let sandbox: SandboxServer;
let dataDir: string;
let token: string;
const pacer = new Pacer(QBO_LIMITS, realClock, { slackMs: 100 });
const admin = () => axios.create({ baseURL: `${sandbox.url}/__sandbox`, validateStatus: () => true });
const gateway = () => new QboClient({ baseUrl: sandbox.url, realmId, headers: { Authorization: `Bearer ${token}` }, pacer });

async function mintToken(): Promise<void> {
  const minted = await admin().post<{ access_token: string }>('/tokens', { realmId });
  assert.equal(minted.status, 200, JSON.stringify(minted.data));
  token = minted.data.access_token;
}

/** Accounting API requests the sandbox logged for the realm since the last clear, by operation. */
async function logged(): Promise<Record<string, number>> {
  const res = await admin().get<{ byOperation: Record<string, number> }>('/log', { params: { realmId, limit: 5000 } });
  return Object.fromEntries(Object.entries(res.data.byOperation).filter(([op]) => !op.startsWith('token.')));
}

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbo-list-refresh-'));
  sandbox = await createSandbox({
    dataDir,
    port: 0,
    fresh: true,
    apps: [{ clientId: 'cache-test', clientSecret: 'cache-test-secret', redirectUris: ['http://127.0.0.1/callback'] }],
  });
  await mintToken();
  // Enough customers that a full read takes three pages.
  assert.equal((await admin().post('/seed', { realmId, customers: 2100, seed: 11 })).status, 200);
  // CDC's window includes the second of changedSince: move past the seeding's second, or the
  // next CDC would report all 2,100 seeded customers again (and hit its 1,000 cap).
  assert.equal((await admin().post('/clock', { advanceSeconds: 2 })).status, 200);
});

after(async () => {
  await sandbox?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await admin().delete('/faults');
  await admin().delete('/log');
});

describe('QBO list cache refreshed with CDC, against the sandbox', () => {
  const cache = new MemoryListCache();

  it('reads in full the first time: the count (QBO time before the read), the pages at once, CompanyInfo', async () => {
    const first = await readQboList<QboCustomer>('Customer', { gateway: gateway(), cache });
    assert.equal(first.via, 'full');
    assert.ok(first.rows.length >= 2100);
    assert.equal(new Set(first.rows.map((r) => r.Id)).size, first.rows.length);
    assert.equal(await first.saved, undefined);
    const ops = await logged();
    const pages = Math.ceil(first.rows.length / 1000);
    assert.deepEqual(ops, { 'companyinfo.read': 1, 'query.customer': 1 + pages });
    assert.equal(first.requests, 2 + pages);
    assert.ok((await cache.read(realmId, 'Customer')).mark, 'the list is marked complete');
  });

  it('a second read is one CDC request (and CompanyInfo) and shows what changed in QuickBooks since', async () => {
    const gw = gateway();
    const before = (await cache.read(realmId, 'Customer')).rows as unknown as QboCustomer[];
    // QBO refuses to make a customer with an open balance inactive.
    const [renamed, retired] = before.filter((c) => !c.Balance);
    await gw.sparseUpdate('Customer', { Id: renamed.Id, SyncToken: renamed.SyncToken ?? '0', DisplayName: `${renamed.DisplayName} (renamed)` } as { Id: string; SyncToken: string });
    await gw.sparseUpdate('Customer', { Id: retired.Id, SyncToken: retired.SyncToken ?? '0', Active: false } as { Id: string; SyncToken: string });
    const added = await gw.create<QboCustomer>('Customer', { DisplayName: `Cache Newcomer ${process.pid}` });
    await admin().delete('/log');

    const second = await readQboList<QboCustomer>('Customer', { gateway: gw, cache });
    assert.equal(second.via, 'cdc', second.reason);
    assert.deepEqual(await logged(), { cdc: 1, 'companyinfo.read': 1 });
    const byId = new Map(second.rows.map((r) => [r.Id, r]));
    assert.equal(byId.get(renamed.Id)?.DisplayName, `${renamed.DisplayName} (renamed)`);
    assert.equal(byId.has(retired.Id), false, 'the inactive customer left the list');
    assert.equal(byId.get(added.Id)?.DisplayName, added.DisplayName);
    assert.equal(second.rows.length, before.length);
    await second.saved;

    // And the cache holds it: nothing changed since, still one request, same rows.
    await admin().delete('/log');
    const third = await readQboList<QboCustomer>('Customer', { gateway: gw, cache });
    assert.equal(third.via, 'cdc', third.reason);
    assert.deepEqual(await logged(), { cdc: 1, 'companyinfo.read': 1 });
    assert.equal(third.rows.length, second.rows.length);
    assert.equal(new Map(third.rows.map((r) => [r.Id, r])).get(renamed.Id)?.DisplayName, `${renamed.DisplayName} (renamed)`);
  });

  it('reads in full when the company under the realm id was replaced (sandbox reset)', async () => {
    assert.equal((await admin().post('/reset', { keepTokens: true })).status, 200);
    const r = await readQboList<QboCustomer>('Customer', { gateway: gateway(), cache });
    assert.equal(r.via, 'full');
    assert.match(r.reason ?? '', /company was replaced/);
    const fresh = await gateway().queryAll<QboCustomer>('Customer');
    assert.deepEqual(r.rows.map((x) => x.Id).sort(), fresh.map((x) => x.Id).sort());
    await r.saved;
  });

  it('reads in full when the sandbox answers that CDC cannot reach back (31 days later)', async () => {
    assert.equal((await admin().post('/clock', { advanceSeconds: 31 * 86400 })).status, 200);
    await mintToken();
    await admin().delete('/log');
    const r = await readQboList<QboCustomer>('Customer', { gateway: gateway(), cache });
    assert.equal(r.via, 'full');
    assert.match(r.reason ?? '', /could not give the changes/);
    await r.saved;
    const ops = await logged();
    // The refused CDC (beside CompanyInfo), then the count, the pages and CompanyInfo for the cache.
    assert.equal(ops.cdc, 1);
    assert.equal(ops['companyinfo.read'], 2);
    assert.ok(ops['query.customer'] >= 2);
    // The mark is QBO's time (the count's answer), so the next open asks CDC again. The 29-day
    // check reads the browser's clock; a browser whose clock agrees with QuickBooks is what the
    // product meets, so this client's clock is set to the sandbox's moved one.
    const { offsetMs } = (await admin().get<{ offsetMs: number }>('/clock')).data;
    const now = () => Date.now() + offsetMs;
    await (await readQboList<QboCustomer>('Customer', { gateway: gateway(), cache, now })).saved;
    await admin().delete('/log');
    const next = await readQboList<QboCustomer>('Customer', { gateway: gateway(), cache, now });
    assert.equal(next.via, 'cdc', next.reason);
    assert.deepEqual(await logged(), { cdc: 1, 'companyinfo.read': 1 });
  });
});
