import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { generateDemoFirm } from '../../../dev/shell/demo-firm';
import type { Contact, HostUser, Invoice } from '../../../src/sync/host/protocol';
import { startAddinServer, type AddinServer } from './addin-server';
import { startShell, type Harness } from './harness';

type ErrorBody = { error: string; message: string };
type SignInUser = HostUser & { firmId: string; firmName: string };

let h: Harness;
let addin: AddinServer;
beforeEach(async () => {
  addin = await startAddinServer();
  h = await startShell({ catalog: [{ id: 'qbo-sync', manifestUrl: addin.manifestUrl }] });
});
afterEach(async () => {
  await h.dispose();
  await addin.close();
});

const as = (userId: string) => ({ 'X-OfficeTools-User': userId });

describe('two firms', () => {
  test('the sign-in list names every user with firm and role; each firm has its own users', async () => {
    const all = await h.call<SignInUser[]>('GET', '/api/users');
    assert.deepEqual(
      all.body.map((u) => `${u.firmId}/${u.id}/${u.role}`),
      ['firm-demo/u-pat/admin', 'firm-demo/u-sam/staff', 'firm-demo/u-dana/staff', 'firm-ortiz/u-carmen/admin', 'firm-ortiz/u-jordan/staff'],
    );
    assert.equal(all.body[3].firmName, 'Ortiz Tax Group');
    assert.deepEqual((await h.call<HostUser[]>('GET', '/api/firm/users', undefined, as('u-jordan'))).body.map((u) => u.id), ['u-carmen', 'u-jordan']);
    assert.deepEqual((await h.call('GET', '/api/firm', undefined, as('u-carmen'))).body, { firmId: 'firm-ortiz', firmName: 'Ortiz Tax Group' });
    assert.deepEqual((await h.call('GET', '/api/firm')).body, { firmId: 'firm-demo', firmName: 'Hartwell & Lee CPAs' }, 'no user header: the demo firm');
    const me = await h.call<{ firmId: string; user: HostUser }>('GET', '/api/me');
    assert.equal(me.body.user.id, 'u-pat', 'no user header acts as the demo firm\'s first user');
    const unknown = await h.call<ErrorBody>('GET', '/api/firm/contacts', undefined, as('u-nobody'));
    assert.equal(unknown.status, 401);
    assert.equal(unknown.body.error, 'unknown_user');
  });

  test("firm B's user cannot read or change firm A's records, and A never sees B's", async () => {
    const demo = (await h.call<Contact[]>('GET', '/api/firm/contacts', undefined, as('u-sam'))).body;
    const ortiz = (await h.call<Contact[]>('GET', '/api/firm/contacts', undefined, as('u-jordan'))).body;
    assert.equal(demo.length, 300);
    assert.equal(ortiz.length, 6);
    assert.ok(ortiz.some((c) => c.displayName === 'Mesa Verde Landscaping'));
    const demoOnly = demo.find((c) => c.id === 'c-7') as Contact;
    const read = await h.call<ErrorBody>('GET', `/api/firm/contacts/${demoOnly.id}`, undefined, as('u-jordan'));
    assert.equal(read.status, 404);
    assert.match(read.body.message, /No contact has id "c-7"/);
    assert.equal((await h.call('PATCH', `/api/firm/contacts/${demoOnly.id}`, { companyName: 'Hijacked' }, as('u-jordan'))).status, 404);
    assert.equal((await h.call<Contact>('GET', '/api/firm/contacts/c-7', undefined, as('u-pat'))).body.displayName, demoOnly.displayName);

    const created = await h.call<Contact>('POST', '/api/firm/contacts', { typeId: 'ct-1', kind: 'business', companyName: 'Ortiz Only LLC' }, as('u-carmen'));
    assert.equal(created.status, 201);
    assert.equal(created.body.id, 'c-7', 'each firm numbers its own records');
    assert.equal((await h.call<Contact>('GET', '/api/firm/contacts/c-7', undefined, as('u-pat'))).body.displayName, demoOnly.displayName);
    assert.ok(!(await h.call<Contact[]>('GET', '/api/firm/contacts')).body.some((c) => c.companyName === 'Ortiz Only LLC'));
    const ortizInvoices = (await h.call<Invoice[]>('GET', '/api/firm/invoices', undefined, as('u-carmen'))).body;
    assert.deepEqual(ortizInvoices.map((i) => i.number), ['5001', '5002']);
    assert.equal((await h.call<unknown[]>('GET', '/api/firm/employees', undefined, as('u-carmen'))).body.length, 3);
    assert.equal((await h.call<unknown[]>('GET', '/api/firm/workCodes', undefined, as('u-carmen'))).body.length, 4);
    assert.equal((await h.call<unknown[]>('GET', '/api/firm/expenseCodes', undefined, as('u-carmen'))).body.length, 2);
  });

  test("installs are the user's own: another firm's user cannot read or change them", async () => {
    assert.equal((await h.call('PUT', '/api/users/u-pat/addins/qbo-sync', undefined, as('u-pat'))).status, 200);
    assert.equal((await h.call('GET', '/api/users/u-pat/addins', undefined, as('u-carmen'))).status, 404);
    assert.equal((await h.call('DELETE', '/api/users/u-pat/addins/qbo-sync', undefined, as('u-carmen'))).status, 404);
    assert.equal((await h.call('PUT', '/api/users/u-carmen/addins/qbo-sync', undefined, as('u-carmen'))).status, 200);
    assert.equal((await h.call('GET', '/api/users/u-carmen/addins/qbo-sync', undefined, as('u-pat'))).status, 404);
  });

  test("a token for firm B's user names firm B", async () => {
    await h.call('PUT', '/api/users/u-jordan/addins/qbo-sync', undefined, as('u-jordan'));
    const issued = await h.call<{ token: string }>('POST', '/api/identity/token', { audience: addin.origin }, as('u-jordan'));
    const { payload } = await jwtVerify(issued.body.token, createRemoteJWKSet(new URL(`${h.shell.url}/.well-known/jwks.json`)), { issuer: h.shell.url, audience: addin.origin });
    assert.deepEqual([payload.sub, payload.firm_id, payload.firm_name, payload.role], ['u-jordan', 'firm-ortiz', 'Ortiz Tax Group', 'staff']);
  });

  test('each firm keeps its own file across restarts; reset restores both', async () => {
    await h.call('POST', '/api/firm/contacts', { typeId: 'ct-2', kind: 'individual', firstName: 'Kept', lastName: 'Ortiz' }, as('u-carmen'));
    await h.restart();
    assert.equal((await h.call<Contact[]>('GET', '/api/firm/contacts', undefined, as('u-carmen'))).body.length, 7);
    assert.equal((await h.call<Contact[]>('GET', '/api/firm/contacts')).body.length, 300);
    const saved = JSON.parse(readFileSync(path.join(h.dataDir, 'firm-ortiz.json'), 'utf8')) as { contacts: Contact[] };
    assert.equal(saved.contacts.length, 7);
    const reset = await h.call<{ contacts: number }>('POST', '/__shell/reset', undefined, as('u-carmen'));
    assert.equal(reset.body.contacts, 6);
    await h.restart();
    assert.equal((await h.call<Contact[]>('GET', '/api/firm/contacts', undefined, as('u-carmen'))).body.length, 6);
  });

  test('a firm.json from before roles opens, its users get roles, the new staff user is added, and the second firm is added beside it', async () => {
    await h.shell.close();
    const old = generateDemoFirm();
    old.users = [
      { id: 'u-pat', name: 'Pat Lee', email: 'pat@firm.test' },
      { id: 'u-sam', name: 'Sam Ortiz', email: 'sam@firm.test' },
    ] as HostUser[];
    old.contacts = old.contacts.slice(0, 10);
    writeFileSync(path.join(h.dataDir, 'firm.json'), JSON.stringify(old));
    await h.restart();
    assert.equal((await h.call<Contact[]>('GET', '/api/firm/contacts')).body.length, 10, 'the existing data is kept');
    const users = (await h.call<SignInUser[]>('GET', '/api/users')).body;
    assert.deepEqual(users.map((u) => `${u.id}/${u.role}`), ['u-pat/admin', 'u-sam/staff', 'u-dana/staff', 'u-carmen/admin', 'u-jordan/staff']);
  });
});
