/**
 * The contact-sync executor against the real QBO sandbox over HTTP, with a minted token:
 * create, link instead of a duplicate (query first, and after a 6240), a sparse update that
 * carries only the changed fields, the 5010 re-read, a conflict that waits, a network cut with
 * recovery that leaves exactly one customer, and connection/validation failures.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';
import { createSandbox, type SandboxServer } from '../../../dev/qbo-sandbox/server';
import { DEMO_REALMS } from '../../../dev/qbo-sandbox/demo-companies';
import { QboClient } from '../../../src/sync/qbo/qbo-client';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../../src/sync/qbo/retry-policy';
import type { QboCustomer } from '../../../src/sync/qbo/entities';
import { quote } from '../../../src/sync/qbo/query-builder';
import { ContactSyncExecutor } from '../../../src/sync/contact-sync/contact-sync-executor';
import { contactFields, type FlatFields } from '../../../src/sync/contact-sync/customer-fields';
import type { Contact } from '../../../src/sync/host/protocol';
import { MemoryLinks, MemoryOutbox } from './memory-stores';

const realmId = DEMO_REALMS.us;
let sandbox: SandboxServer;
let dataDir: string;
let token: string;
/** Bodies of the writes the executor sent (the sandbox log has no bodies). */
let sentBodies: Array<{ url: string; body: Record<string, unknown> }> = [];

const admin = () => axios.create({ baseURL: `${sandbox.url}/__sandbox`, validateStatus: () => true });

function gateway(bearer = token, retryPolicy?: RetryPolicy): QboClient {
  const http = axios.create();
  http.interceptors.request.use((config) => {
    if (config.method?.toUpperCase() === 'POST' && typeof config.data === 'string' && !String(config.url).includes('/query')) {
      sentBodies.push({ url: String(config.url), body: JSON.parse(config.data) as Record<string, unknown> });
    }
    return config;
  });
  return new QboClient({ baseUrl: sandbox.url, realmId, headers: { Authorization: `Bearer ${bearer}` }, axios: http, sleep: async () => undefined, retryPolicy });
}

async function log(): Promise<Array<{ method: string; endpoint: string; operation: string; status: number }>> {
  const res = await admin().get('/log', { params: { realmId, limit: 2000 } });
  return res.data.entries;
}

async function customersNamed(name: string): Promise<QboCustomer[]> {
  return gateway().queryAll<QboCustomer>('Customer', `DisplayName = ${quote(name)} AND Active IN (true, false)`);
}

let unique = 0;
function person(): Contact {
  unique++;
  const last = `Exec${process.pid}x${Date.now() % 100000}x${unique}`;
  return {
    id: `ot-${unique}-${Date.now()}`,
    typeId: 'client',
    kind: 'individual',
    firstName: 'Ann',
    lastName: last,
    displayName: `${last}, Ann`,
    email: 'ann@exec.example',
    phone: '555-0100',
    address: { line1: '1 Main St', city: 'Springfield', state: 'IL', postalCode: '62701', country: 'US' },
    active: true,
    updatedAt: new Date().toISOString(),
  };
}

function setup() {
  const outbox = new MemoryOutbox();
  const links = new MemoryLinks(realmId);
  const executor = new ContactSyncExecutor({ gateway: gateway(), outbox, links });
  return { outbox, links, executor };
}

/** Creates the contact's customer through the executor and returns the pieces. */
async function createdContact() {
  const s = setup();
  const c = person();
  s.outbox.add(realmId, c.id, 'create', contactFields(c).fields);
  const report = await s.executor.drain();
  assert.equal(report.outcomes[0]?.result, 'created', JSON.stringify(report));
  const link = await s.links.findByOtId('contact', c.id);
  assert.ok(link);
  return { ...s, contact: c, qboId: link.qboId };
}

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'contact-sync-exec-'));
  // Throttling off: these tests make many short-lived gateways, each with its own pacer.
  sandbox = await createSandbox({ dataDir, port: 0, fresh: true, limits: false, apps: [{ clientId: 'cs-test', clientSecret: 'cs-test-secret', redirectUris: ['http://127.0.0.1/cb'] }] });
  const minted = await admin().post<{ access_token: string }>('/tokens', { realmId });
  assert.equal(minted.status, 200, JSON.stringify(minted.data));
  token = minted.data.access_token;
});

after(async () => {
  await sandbox?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await admin().delete('/faults');
  await admin().delete('/log');
  sentBodies = [];
});

describe('contact-sync executor against the sandbox', () => {
  it('creates a customer for a new contact and links it with its SyncToken and synced fields', async () => {
    const { outbox, links, contact, qboId } = await createdContact();
    assert.equal(outbox.records.size, 0, 'the outbox is empty once sent');
    const [customer] = await customersNamed(`Ann ${contact.lastName}`);
    assert.equal(customer.Id, qboId);
    assert.equal(customer.PrimaryEmailAddr?.Address, 'ann@exec.example');
    assert.equal(customer.BillAddr?.City, 'Springfield');
    const link = await links.findByOtId('contact', contact.id);
    assert.equal(link?.origin, 'export');
    assert.equal(link?.syncToken, '0');
    assert.equal(link?.syncedFields?.['PrimaryEmailAddr.Address'], 'ann@exec.example');
    assert.equal(link?.syncedFields?.['BillAddr.Country'], 'US', 'country kept as alpha-2 whatever QBO answers');
    const ops = (await log()).map((e) => e.operation);
    assert.ok(ops.includes('query.customer') && ops.indexOf('query.customer') < ops.indexOf('customer.create'), `looked first: ${ops.join(', ')}`);
  });

  it('links to an existing customer of the same DisplayName instead of creating a duplicate', async () => {
    const c = person();
    const name = `Ann ${c.lastName}`;
    const existing = await gateway().create<QboCustomer>('Customer', { DisplayName: name, GivenName: 'Ann', FamilyName: c.lastName, Notes: 'made in QBO' });
    await admin().delete('/log');
    const { outbox, links, executor } = setup();
    outbox.add(realmId, c.id, 'create', contactFields(c).fields);
    const report = await executor.drain();
    assert.deepEqual(report.outcomes.map((o) => o.result), ['linked']);
    assert.equal((await links.findByOtId('contact', c.id))?.qboId, existing.Id);
    assert.equal((await customersNamed(name)).length, 1);
    assert.ok(!(await log()).some((e) => e.operation === 'customer.create'), 'no create was sent');
    const after = await gateway().read<QboCustomer>('Customer', existing.Id);
    assert.equal(after.Notes, 'made in QBO');
    assert.equal(after.SyncToken, existing.SyncToken, 'QBO data is not overwritten by linking');
  });

  it('on 6240 (the query missed it) looks the customer up and links it', async () => {
    const c = person();
    const name = `Ann ${c.lastName}`;
    const existing = await gateway().create<QboCustomer>('Customer', { DisplayName: name });
    await admin().delete('/log');
    // The first look finds nothing (as if the customer was made a moment later).
    const fault = await admin().post('/faults', {
      match: { operation: 'query.customer' },
      action: { type: 'status', status: 200, body: { QueryResponse: {}, time: '2026-01-01T00:00:00-08:00' } },
      count: 1,
    });
    assert.equal(fault.status, 201, JSON.stringify(fault.data));
    const { outbox, links, executor } = setup();
    outbox.add(realmId, c.id, 'create', contactFields(c).fields);
    const report = await executor.drain();
    assert.deepEqual(report.outcomes.map((o) => o.result), ['linked'], JSON.stringify(report));
    assert.equal((await links.findByOtId('contact', c.id))?.qboId, existing.Id);
    const writes = (await log()).filter((e) => e.method === 'POST' && e.endpoint.endsWith('/customer'));
    assert.deepEqual(writes.map((e) => e.status), [400], 'one create, refused with 6240');
    assert.equal((await customersNamed(name)).length, 1);
  });

  it('fails with a clear reason when the name belongs to an employee (nothing linked)', async () => {
    const c = person();
    const name = `Ann ${c.lastName}`;
    await gateway().create('Employee', { GivenName: 'Ann', FamilyName: c.lastName, DisplayName: name });
    const { outbox, links, executor } = setup();
    const r = outbox.add(realmId, c.id, 'create', contactFields(c).fields);
    const report = await executor.drain();
    const [o] = report.outcomes;
    assert.ok(o.result === 'failed', JSON.stringify(report));
    assert.equal(o.error.code, 'name_taken');
    assert.match(o.error.message, /vendor or an employee/);
    assert.equal(outbox.records.get(r.seq as number)?.state, 'failed');
    assert.equal(await links.findByOtId('contact', c.id), undefined);
  });

  it('sends a sparse update with only the changed fields', async () => {
    const { outbox, links, executor, contact, qboId } = await createdContact();
    await admin().delete('/log');
    sentBodies = [];
    outbox.add(realmId, contact.id, 'update', { 'PrimaryEmailAddr.Address': 'ann@new.example' });
    const report = await executor.drain();
    assert.deepEqual(report.outcomes.map((o) => o.result), ['updated']);
    const entries = await log();
    assert.deepEqual(entries.map((e) => `${e.operation} ${e.status}`), ['customer.update.sparse 200'], 'one sparse update, no read');
    assert.equal(sentBodies.length, 1);
    assert.deepEqual(Object.keys(sentBodies[0].body).sort(), ['Id', 'PrimaryEmailAddr', 'SyncToken', 'sparse']);
    assert.deepEqual(sentBodies[0].body.PrimaryEmailAddr, { Address: 'ann@new.example' });
    const customer = await gateway().read<QboCustomer>('Customer', qboId);
    assert.equal(customer.PrimaryEmailAddr?.Address, 'ann@new.example');
    assert.equal(customer.PrimaryPhone?.FreeFormNumber, '555-0100');
    const link = await links.findByOtId('contact', contact.id);
    assert.equal(link?.syncToken, customer.SyncToken);
    assert.equal(link?.syncedFields?.['PrimaryEmailAddr.Address'], 'ann@new.example');
  });

  it('sends the whole address when one part of it changes', async () => {
    const { outbox, executor, contact, qboId } = await createdContact();
    sentBodies = [];
    outbox.add(realmId, contact.id, 'update', { 'BillAddr.City': 'Shelbyville' });
    await executor.drain();
    assert.deepEqual(Object.keys(sentBodies[0].body).sort(), ['BillAddr', 'Id', 'SyncToken', 'sparse']);
    const customer = await gateway().read<QboCustomer>('Customer', qboId);
    assert.equal(customer.BillAddr?.City, 'Shelbyville');
    assert.equal(customer.BillAddr?.Line1, '1 Main St');
    assert.equal(customer.BillAddr?.PostalCode, '62701');
  });

  it('on 5010 re-reads the customer and applies only our changed fields', async () => {
    const { outbox, links, executor, contact, qboId } = await createdContact();
    const before = await gateway().read<QboCustomer>('Customer', qboId);
    // Someone edits the phone in QuickBooks Online.
    await gateway().sparseUpdate('Customer', { Id: qboId, SyncToken: before.SyncToken, PrimaryPhone: { FreeFormNumber: '555-7777' } } as { Id: string; SyncToken: string });
    await admin().delete('/log');
    sentBodies = [];
    outbox.add(realmId, contact.id, 'update', { 'PrimaryEmailAddr.Address': 'ann@after-stale.example' });
    const report = await executor.drain();
    assert.deepEqual(report.outcomes.map((o) => o.result), ['updated'], JSON.stringify(report));
    const entries = (await log()).map((e) => `${e.operation} ${e.status}`);
    // A refused write is logged without its operation ("customer.write").
    assert.deepEqual(entries, ['customer.write 400', 'customer.read 200', 'customer.update.sparse 200']);
    assert.notEqual(new URL(sentBodies[0].url).searchParams.get('requestid'), new URL(sentBodies[1].url).searchParams.get('requestid'), 'a new requestid after the fault');
    assert.deepEqual(Object.keys(sentBodies[1].body).sort(), ['Id', 'PrimaryEmailAddr', 'SyncToken', 'sparse']);
    const customer = await gateway().read<QboCustomer>('Customer', qboId);
    assert.equal(customer.PrimaryEmailAddr?.Address, 'ann@after-stale.example');
    assert.equal(customer.PrimaryPhone?.FreeFormNumber, '555-7777', "QBO's change is kept");
    // QBO holds a phone we have not agreed to, so the SyncToken stays behind: the next update re-reads.
    const link = await links.findByOtId('contact', contact.id);
    assert.notEqual(link?.syncToken, customer.SyncToken);
    assert.equal(link?.syncedFields?.['PrimaryPhone.FreeFormNumber'], '555-0100');
  });

  it('the same field changed on both sides: nothing is overwritten, the change waits as a conflict', async () => {
    const { outbox, links, executor, contact, qboId } = await createdContact();
    const before = await gateway().read<QboCustomer>('Customer', qboId);
    await gateway().sparseUpdate('Customer', { Id: qboId, SyncToken: before.SyncToken, PrimaryEmailAddr: { Address: 'qbo@side.example' } } as { Id: string; SyncToken: string });
    const r = outbox.add(realmId, contact.id, 'update', { 'PrimaryEmailAddr.Address': 'ot@side.example', 'BillAddr.City': 'Capital City' });
    const report = await executor.drain();
    const [o] = report.outcomes;
    assert.ok(o.result === 'conflict', JSON.stringify(report));
    assert.deepEqual(o.fields, ['PrimaryEmailAddr.Address']);
    assert.match(o.message, /Email changed in QuickBooks Online and in OfficeTools/);
    const waiting = outbox.records.get(r.seq as number);
    assert.equal(waiting?.state, 'conflict');
    assert.deepEqual(waiting?.fields, { 'PrimaryEmailAddr.Address': 'ot@side.example' });
    const customer = await gateway().read<QboCustomer>('Customer', qboId);
    assert.equal(customer.PrimaryEmailAddr?.Address, 'qbo@side.example', 'the QBO change is not overwritten');
    assert.equal(customer.BillAddr?.City, 'Capital City', 'the field only we changed went through');
    const link = await links.findByOtId('contact', contact.id);
    assert.equal(link?.syncedFields?.['PrimaryEmailAddr.Address'], 'ann@exec.example', 'the baseline stays for the prompt');
    // A second drain does not send a waiting conflict.
    await admin().delete('/log');
    const again = await executor.drain();
    assert.equal(again.outcomes.length, 0);
    assert.equal((await log()).length, 0);
  });

  it('an answer lost after commit is retried with the same requestid: one customer', async () => {
    const c = person();
    await admin().post('/faults', { match: { method: 'POST', path: '/customer' }, action: { type: 'drop-after-commit' }, count: 1 });
    const { outbox, executor } = setup();
    const r = outbox.add(realmId, c.id, 'create', contactFields(c).fields);
    const report = await executor.drain();
    assert.deepEqual(report.outcomes.map((o) => o.result), ['created']);
    const creates = sentBodies.filter((b) => b.url.includes('/customer?'));
    assert.equal(creates.length, 2);
    assert.ok(creates.every((b) => new URL(b.url).searchParams.get('requestid') === r.requestId), 'the stored requestid, twice');
    assert.equal((await customersNamed(`Ann ${c.lastName}`)).length, 1);
  });

  it('a network cut after the write keeps the change pending; once back it links the one customer made', async () => {
    const c = person();
    const name = `Ann ${c.lastName}`;
    await admin().post('/faults', { match: { method: 'POST', path: '/customer' }, action: { type: 'drop-after-commit' }, count: 50 });
    const outbox = new MemoryOutbox();
    const links = new MemoryLinks(realmId);
    // One try per drain, as when the page was closed right after sending.
    const executor = new ContactSyncExecutor({ gateway: gateway(token, { ...DEFAULT_RETRY_POLICY, maxAttempts: 1 }), outbox, links });
    const r = outbox.add(realmId, c.id, 'create', contactFields(c).fields);
    const cut = await executor.drain();
    assert.equal(cut.blocked?.kind, 'transient', JSON.stringify(cut));
    assert.equal(outbox.records.get(r.seq as number)?.state, 'pending');
    assert.equal(outbox.records.get(r.seq as number)?.attempts, 1);

    await admin().delete('/faults');
    const back = await executor.drain();
    assert.equal(back.blocked, undefined);
    assert.deepEqual(back.outcomes.map((o) => o.result), ['linked'], 'found by name, not made twice');
    const found = await customersNamed(name);
    assert.equal(found.length, 1, 'exactly one customer');
    assert.equal((await links.findByOtId('contact', c.id))?.qboId, found[0].Id);
    assert.equal(outbox.records.size, 0);
  });

  it('a network cut before the write: pending, then created once with the same requestid', async () => {
    const c = person();
    await admin().post('/faults', { match: { method: 'POST', path: '/customer' }, action: { type: 'drop' }, count: 50 });
    const { outbox, executor } = setup();
    const r = outbox.add(realmId, c.id, 'create', contactFields(c).fields);
    assert.equal((await executor.drain()).blocked?.kind, 'transient');
    const id = outbox.records.get(r.seq as number)?.requestId;
    await admin().delete('/faults');
    sentBodies = [];
    const back = await executor.drain();
    assert.deepEqual(back.outcomes.map((o) => o.result), ['created']);
    assert.equal(new URL(sentBodies[0].url).searchParams.get('requestid'), id);
    assert.equal((await customersNamed(`Ann ${c.lastName}`)).length, 1);
  });

  it('an expired connection stops the drain and keeps every change pending, in order', async () => {
    const outbox = new MemoryOutbox();
    const links = new MemoryLinks(realmId);
    const executor = new ContactSyncExecutor({ gateway: gateway('expired-token'), outbox, links });
    const a = person();
    const b = person();
    outbox.add(realmId, a.id, 'create', contactFields(a).fields);
    outbox.add(realmId, b.id, 'create', contactFields(b).fields);
    const report = await executor.drain();
    assert.equal(report.blocked?.kind, 'auth');
    assert.equal(report.blocked?.contactId, a.id);
    assert.equal(report.outcomes.length, 0);
    assert.deepEqual([...outbox.records.values()].map((r) => [r.contactId, r.state]), [[a.id, 'pending'], [b.id, 'pending']]);
  });

  it('an update for a customer QBO no longer has fails for good, with the reason', async () => {
    const { outbox, links, executor } = setup();
    await links.link({ kind: 'contact', otId: 'ghost', qboId: '987654', origin: 'manual', syncToken: '0', syncedFields: contactFields(person()).fields });
    const r = outbox.add(realmId, 'ghost', 'update', { 'PrimaryPhone.FreeFormNumber': '1' } satisfies FlatFields);
    const report = await executor.drain();
    const [o] = report.outcomes;
    assert.ok(o.result === 'failed', JSON.stringify(report));
    assert.equal(outbox.records.get(r.seq as number)?.state, 'failed');
    assert.ok(o.error.message.length > 20);
  });

  it("sends a contact's changes in order: a later update waits for the create", async () => {
    const { outbox, links, executor } = setup();
    const c = person();
    outbox.add(realmId, c.id, 'create', contactFields(c).fields);
    outbox.add(realmId, c.id, 'update', { 'PrimaryPhone.FreeFormNumber': '555-2222' });
    const report = await executor.drain();
    assert.deepEqual(report.outcomes.map((o) => o.result), ['created', 'updated']);
    const link = await links.findByOtId('contact', c.id);
    const customer = await gateway().read<QboCustomer>('Customer', link?.qboId ?? '');
    assert.equal(customer.PrimaryPhone?.FreeFormNumber, '555-2222');
  });
});
