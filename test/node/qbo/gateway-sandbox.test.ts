/**
 * The gateway against the real sandbox (dev/qbo-sandbox): paging to the end, batch with a
 * per-item 6240, 5010 on a stale SyncToken, 429 with Retry-After, a 500 and a connection lost
 * after commit both retried with the same requestid leaving exactly one record — plus the
 * mappings' payloads accepted as QBO would accept them.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';
import { createSandbox } from '../../../dev/qbo-sandbox/server';
import type { SandboxServer } from '../../../dev/qbo-sandbox/server';
import { DEMO_REALMS } from '../../../dev/qbo-sandbox/demo-companies';
import { QboAuthError, QboDuplicateNameError, QboStaleObjectError } from '../../../src/sync/qbo/errors';
import type { QboCustomer, QboItem } from '../../../src/sync/qbo/entities';
import { QboClient } from '../../../src/sync/qbo/qbo-client';
import type { QboClientOptions, RetryNotice } from '../../../src/sync/qbo/qbo-client';
import { quote } from '../../../src/sync/qbo/query-builder';
import { Pacer, QBO_LIMITS, realClock } from '../../../src/sync/qbo/pacer';
import { contactToCustomer, customerToContact } from '../../../src/sync/mappings/contact-customer';
import { employeeFromQbo, employeeToQbo } from '../../../src/sync/mappings/employee';
import { itemToWorkCode, workCodeToItem } from '../../../src/sync/mappings/work-code-item';
import { expenseCodeToItem } from '../../../src/sync/mappings/expense-code-item';
import type { QboEmployee } from '../../../src/sync/qbo/entities';

const realmId = DEMO_REALMS.us;
let sandbox: SandboxServer;
let dataDir: string;
let token: string;

const admin = () => axios.create({ baseURL: `${sandbox.url}/__sandbox`, validateStatus: () => true });

/** One pacer for the realm, shared by every gateway, as the product shares one per page. */
const pacer = new Pacer(QBO_LIMITS, realClock, { slackMs: 100 });

function gateway(extra: Partial<QboClientOptions> = {}): QboClient {
  return new QboClient({ baseUrl: sandbox.url, realmId, headers: { Authorization: `Bearer ${token}` }, pacer, ...extra });
}

async function injectFault(match: object, action: object, count = 1): Promise<void> {
  const res = await admin().post('/faults', { match, action, count });
  assert.equal(res.status, 201, JSON.stringify(res.data));
}

interface LogSummary {
  entries: Array<{ method: string; endpoint: string; operation: string; status: number }>;
}

async function requestLog(): Promise<LogSummary['entries']> {
  const res = await admin().get<LogSummary>('/log', { params: { realmId, limit: 2000 } });
  return res.data.entries;
}

let unique = 0;
const uniqueName = (prefix: string) => `${prefix} ${process.pid}-${Date.now()}-${unique++}`;

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbo-gateway-'));
  sandbox = await createSandbox({
    dataDir,
    port: 0,
    fresh: true,
    apps: [{ clientId: 'gateway-test', clientSecret: 'gateway-test-secret', redirectUris: ['http://127.0.0.1/callback'] }],
  });
  const minted = await admin().post<{ access_token: string }>('/tokens', { realmId });
  assert.equal(minted.status, 200, JSON.stringify(minted.data));
  token = minted.data.access_token;
  // Enough customers that a full read takes three pages and a wide CDC hits its cap.
  const seeded = await admin().post('/seed', { realmId, customers: 2500, seed: 7 });
  assert.equal(seeded.status, 200, JSON.stringify(seeded.data));
});

after(async () => {
  await sandbox?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await admin().delete('/faults');
  await admin().delete('/log');
});

describe('QBO gateway against the sandbox', () => {
  it('pages a query of 2,500+ customers to the end, 1,000 a request', async () => {
    const gw = gateway();
    const total = await gw.count('Customer');
    assert.ok(total >= 2500, `expected at least 2,500 active customers, counted ${total}`);
    const rows = await gw.queryAll<QboCustomer>('Customer');
    assert.equal(rows.length, total);
    assert.equal(new Set(rows.map((r) => r.Id)).size, total, 'no row twice, none skipped');
    const queries = (await requestLog()).filter((e) => e.endpoint.endsWith('/query'));
    // One COUNT plus ⌈total/1000⌉ pages (one more when total is a multiple of 1000).
    const pages = Math.floor(total / 1000) + 1;
    assert.equal(queries.length, 1 + pages);
  });

  it('returns per-item faults from a batch (6240) without failing the batch', async () => {
    const gw = gateway();
    const [existing] = (await gw.query<QboCustomer>('SELECT * FROM Customer MAXRESULTS 1')).rows;
    assert.ok(existing, 'the demo company has customers');
    const fresh = uniqueName('Batch Fresh');
    const results = await gw.batch([
      { bId: 'ok', operation: 'create', entity: 'Customer', body: { DisplayName: fresh } },
      { bId: 'dup', operation: 'create', entity: 'Customer', body: { DisplayName: existing.DisplayName } },
      { bId: 'q', query: `SELECT * FROM Customer WHERE DisplayName = ${quote(existing.DisplayName ?? '')}` },
    ]);
    const [ok, dup, q] = results;
    assert.ok(ok.ok && ok.type === 'entity' && ok.value.DisplayName === fresh);
    assert.ok(!dup.ok);
    assert.ok(dup.error instanceof QboDuplicateNameError, `got ${dup.error.name}: ${dup.error.message}`);
    assert.equal(dup.error.code, '6240');
    assert.ok(q.ok && q.type === 'query' && q.page.rows.length === 1);
  });

  it('answers a stale SyncToken with 5010', async () => {
    const gw = gateway();
    const created = await gw.create<QboCustomer>('Customer', { DisplayName: uniqueName('Stale Test') });
    assert.equal(created.SyncToken, '0');
    const updated = await gw.sparseUpdate<QboCustomer>('Customer', { Id: created.Id, SyncToken: '0', Notes: 'first' } as { Id: string; SyncToken: string });
    assert.equal(updated.SyncToken, '1');
    await assert.rejects(
      gw.sparseUpdate('Customer', { Id: created.Id, SyncToken: '0', Notes: 'second' } as { Id: string; SyncToken: string }),
      (e: unknown) => e instanceof QboStaleObjectError && e.code === '5010' && typeof e.intuitTid === 'string' && e.intuitTid.length > 0,
    );
    const read = await gw.read<QboCustomer>('Customer', created.Id);
    assert.equal(read.Notes, 'first');
  });

  it('waits what Retry-After says on 429, then succeeds', async () => {
    await injectFault({ path: '/query' }, { type: 'status', status: 429, headers: { 'Retry-After': '1' } });
    const notices: RetryNotice[] = [];
    const started = Date.now();
    const page = await gateway({ onRetry: (n) => notices.push(n) }).query('SELECT COUNT(*) FROM Item');
    assert.equal(typeof page.totalCount, 'number');
    assert.equal(notices.length, 1, notices.map((n) => `${n.delayMs} ${n.error.message}`).join('\n'));
    assert.equal(notices[0].reason, 'throttled');
    assert.equal(notices[0].delayMs, 1000);
    assert.equal(notices[0].error.kind, 'throttled');
    assert.ok(Date.now() - started >= 1000, 'it really waited');
    const statuses = (await requestLog()).filter((e) => e.endpoint.endsWith('/query')).map((e) => e.status);
    assert.deepEqual(statuses, [429, 200]);
  });

  it('retries a 500 on create with the same requestid: exactly one record', async () => {
    await injectFault({ method: 'POST', path: '/customer' }, { type: 'status', status: 500 });
    const name = uniqueName('Retry 500');
    const sleeps: number[] = [];
    const gw = gateway({ sleep: async (ms) => void sleeps.push(ms), newRequestId: () => `h7-${name.replace(/\W/g, '').slice(-30)}` });
    const created = await gw.create<QboCustomer>('Customer', { DisplayName: name });
    assert.equal(sleeps.length, 1);
    const found = await gw.query<QboCustomer>(`SELECT * FROM Customer WHERE DisplayName = ${quote(name)}`);
    assert.deepEqual(found.rows.map((r) => r.Id), [created.Id]);
  });

  it('retries a write whose answer was lost after commit: the requestid replays, one record', async () => {
    await injectFault({ method: 'POST', path: '/customer' }, { type: 'drop-after-commit' });
    const name = uniqueName('Lost Answer');
    const gw = gateway({ sleep: async () => undefined });
    const created = await gw.create<QboCustomer>('Customer', { DisplayName: name }, { requestId: `lost-${unique}-${process.pid}` });
    const found = await gw.query<QboCustomer>(`SELECT * FROM Customer WHERE DisplayName = ${quote(name)}`);
    assert.deepEqual(found.rows.map((r) => r.Id), [created.Id]);
    const creates = (await requestLog()).filter((e) => e.method === 'POST' && e.endpoint.endsWith('/customer'));
    assert.equal(creates.length, 2, 'sent twice, written once');
  });

  it('reports a bad token as an auth error, not retried', async () => {
    const gw = new QboClient({ baseUrl: sandbox.url, realmId, headers: { Authorization: 'Bearer not-a-token' }, pacer });
    await assert.rejects(gw.read('Customer', '1'), (e: unknown) => e instanceof QboAuthError && e.status === 401);
    assert.equal((await requestLog()).length, 1);
  });

  it('reads changes through CDC', async () => {
    const gw = gateway();
    // Move the sandbox clock past the seeding so "just before this create" holds only it.
    assert.equal((await admin().post('/clock', { advanceSeconds: 5 })).status, 200);
    const created = await gw.create<QboCustomer>('Customer', { DisplayName: uniqueName('CDC') });
    // From just before this create: CDC answers at most 1,000 objects, oldest first, and the
    // seeded customers of the first test are newer than an hour.
    const since = new Date(Date.parse(created.MetaData?.CreateTime ?? '') - 1000);
    const cdc = await gw.cdc(['Customer'], since);
    assert.ok((cdc.entities.Customer ?? []).some((c) => c.Id === created.Id));
    assert.equal(cdc.mayBeTruncated, false);
    // From an hour back the 2,500 seeded customers fill the 1,000-object cap: the answer says so.
    const wide = await gw.cdc(['Customer'], new Date(Date.parse(created.MetaData?.CreateTime ?? '') - 3_600_000));
    assert.equal(wide.mayBeTruncated, true);
  });

  it("accepts the mappings' payloads: customer, employee, Service and NonInventory items", async () => {
    const gw = gateway();
    const company = uniqueName('Mapped: Co');
    const mapped = contactToCustomer({
      kind: 'business',
      companyName: company,
      firstName: 'Ann',
      lastName: 'Lee',
      email: 'ann@mapped.example',
      phone: '555-0101',
      address: { line1: '1 Main St', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' },
      active: true,
    });
    assert.equal(mapped.warnings.length, 1, 'the colon was replaced');
    const customer = await gw.create<QboCustomer>('Customer', mapped.payload);
    const back = customerToContact(await gw.read<QboCustomer>('Customer', customer.Id));
    assert.equal(back.companyName, company.replace(':', '-'));
    assert.equal(back.email, 'ann@mapped.example');
    assert.equal(back.address?.country, 'US');

    const emp = employeeToQbo({ firstName: 'Dana', lastName: uniqueName('Scully').replace(/\s/g, ''), hiredDate: '2020-02-03', active: true });
    const employee = await gw.create<QboEmployee>('Employee', emp.payload);
    assert.equal(employeeFromQbo(await gw.read<QboEmployee>('Employee', employee.Id)).hiredDate, '2020-02-03');

    const [income] = await gw.queryAll<{ Id: string }>('Account', [{ field: 'AccountType', op: '=', value: 'Income' }]);
    assert.ok(income, 'the demo company has an income account');
    const wc = { number: String(800 + (unique % 100)), description: uniqueName('Tax prep'), rateCents: 15075, active: true };
    const service = await gw.create<QboItem>('Item', workCodeToItem(wc, { incomeAccountId: income.Id }).payload);
    assert.equal(service.Type, 'Service');
    const readBack = itemToWorkCode(await gw.read<QboItem>('Item', service.Id));
    assert.equal(readBack.rateCents, 15075);
    assert.equal(readBack.number, wc.number);
    const nonInv = await gw.create<QboItem>(
      'Item',
      expenseCodeToItem({ number: `E${unique}`, description: uniqueName('Copies'), rateCents: 15, active: true }, { incomeAccountId: income.Id }).payload,
    );
    assert.equal(nonInv.Type, 'NonInventory');
    assert.equal(nonInv.UnitPrice, 0.15);
  });
});
