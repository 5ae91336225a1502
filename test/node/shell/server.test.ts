import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { Contact, Employee, Invoice, Payment, WorkCode } from '../../../src/sync/host/protocol';
import { startShell, type Harness } from './harness';

type ErrorBody = { error: string; message: string };

let h: Harness;
beforeEach(async () => {
  h = await startShell();
});
afterEach(async () => {
  await h.dispose();
});

describe('contacts', () => {
  test('create, read, list by type and patch a contact', async () => {
    const created = await h.call<Contact>('POST', '/api/firm/contacts', {
      typeId: 'ct-1',
      kind: 'individual',
      firstName: 'Ada',
      middleName: 'King',
      lastName: 'Lovelace',
      email: 'ada@example.com',
      phone: '(650) 555-0100',
      address: { line1: '1 Main St', city: 'Palo Alto', state: 'CA', postalCode: '94303', country: 'US' },
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.displayName, 'Lovelace, Ada K.');
    assert.equal(created.body.active, true);
    assert.match(created.body.id, /^c-\d+$/);
    assert.ok(!Number.isNaN(Date.parse(created.body.updatedAt)));

    const read = await h.call<Contact>('GET', `/api/firm/contacts/${created.body.id}`);
    assert.deepEqual(read.body, created.body);
    const clients = await h.call<Contact[]>('GET', '/api/firm/contacts?typeIds=ct-1');
    assert.ok(clients.body.some((c) => c.id === created.body.id));
    assert.ok(clients.body.every((c) => c.typeId === 'ct-1'));
    const vendors = await h.call<Contact[]>('GET', '/api/firm/contacts?typeIds=ct-3');
    assert.ok(vendors.body.length > 0 && !vendors.body.some((c) => c.id === created.body.id));

    const patched = await h.call<Contact>('PATCH', `/api/firm/contacts/${created.body.id}`, { lastName: 'Byron', email: null, typeId: 'ct-2' });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.displayName, 'Byron, Ada K.');
    assert.equal(patched.body.typeId, 'ct-2');
    assert.equal('email' in patched.body, false);
    assert.equal(patched.body.phone, '(650) 555-0100');
  });

  test('a business contact is listed under its company name', async () => {
    const r = await h.call<Contact>('POST', '/api/firm/contacts', { typeId: 'ct-1', kind: 'business', companyName: '  Acme Widgets LLC ', accountNumber: 'ACME-1' });
    assert.equal(r.status, 201);
    assert.equal(r.body.displayName, 'Acme Widgets LLC');
    const all = await h.call<Contact[]>('GET', '/api/firm/contacts');
    assert.equal(all.body.length, 301);
  });

  test('bad contact input is refused with a message naming the field', async () => {
    const cases: Array<[unknown, number, RegExp]> = [
      [{ typeId: 'ct-1', kind: 'business', companyName: 'X', email: 'not-an-email' }, 400, /contact\.email .*name@example\.com/],
      [{ typeId: 'ct-1', kind: 'business', companyName: 'X', colour: 'red' }, 400, /contact\.colour is not a field/],
      [{ typeId: 'ct-1', kind: 'business' }, 400, /companyName is required for a business/],
      [{ typeId: 'ct-1', kind: 'individual' }, 400, /firstName or contact\.lastName is required/],
      [{ typeId: 'ct-99', kind: 'business', companyName: 'X' }, 400, /typeId "ct-99" is not a contact type/],
      [{ kind: 'business', companyName: 'X' }, 400, /contact\.typeId is required/],
      [{ typeId: 'ct-1', kind: 'robot', companyName: 'X' }, 400, /contact\.kind must be one of "business", "individual"/],
      [{ typeId: 'ct-1', kind: 'business', companyName: 'X', accountNumber: '10001' }, 409, /Account number 10001 already belongs to/],
      [[1, 2], 400, /contact must be a JSON object/],
      ['{not json', 400, /not valid JSON/],
    ];
    for (const [body, status, message] of cases) {
      const r = await h.call<ErrorBody>('POST', '/api/firm/contacts', body);
      assert.equal(r.status, status, JSON.stringify(body));
      assert.match(r.body.message, message);
    }
    const list = await h.call<Contact[]>('GET', '/api/firm/contacts');
    assert.equal(list.body.length, 300, 'nothing was stored');
  });

  test('patching an unknown contact is 404; clearing a required field is 400', async () => {
    const missing = await h.call<ErrorBody>('PATCH', '/api/firm/contacts/c-999999', { email: 'a@b.co' });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error, 'not_found');
    const cleared = await h.call<ErrorBody>('PATCH', '/api/firm/contacts/c-1', { typeId: null });
    assert.equal(cleared.status, 400);
    assert.match(cleared.body.message, /typeId cannot be cleared/);
    const empty = await h.call<ErrorBody>('PATCH', '/api/firm/contacts/c-1', {});
    assert.equal(empty.status, 400);
    const noName = await h.call<ErrorBody>('PATCH', '/api/firm/contacts/c-1', { companyName: '' });
    assert.equal(noName.status, 400);
    assert.match(noName.body.message, /companyName is required/);
  });
});

describe('staff and codes', () => {
  test('employees: create, patch, validation', async () => {
    const list = await h.call<Employee[]>('GET', '/api/firm/employees');
    assert.equal(list.body.length, 12);
    const created = await h.call<Employee>('POST', '/api/firm/employees', { firstName: 'Rita', lastName: 'Moreno', hiredDate: '2026-02-01' });
    assert.equal(created.status, 201);
    const patched = await h.call<Employee>('PATCH', `/api/firm/employees/${created.body.id}`, { active: false });
    assert.equal(patched.body.active, false);
    assert.equal(patched.body.firstName, 'Rita');
    const bad = await h.call<ErrorBody>('POST', '/api/firm/employees', { firstName: 'A', lastName: 'B', hiredDate: '2026-02-30' });
    assert.equal(bad.status, 400);
    assert.match(bad.body.message, /employee\.hiredDate must be a date as YYYY-MM-DD/);
  });

  test('work and expense codes: numbers are unique, rates are whole cents', async () => {
    const created = await h.call<WorkCode>('POST', '/api/firm/workCodes', { number: '400', description: 'Audit Support', rateCents: 16500 });
    assert.equal(created.status, 201);
    assert.equal(created.body.billable, true);
    assert.equal((await h.call<WorkCode>('GET', `/api/firm/workCodes/${created.body.id}`)).body.description, 'Audit Support');
    const dup = await h.call<ErrorBody>('POST', '/api/firm/workCodes', { number: '110', description: 'Dup', rateCents: 1 });
    assert.equal(dup.status, 409);
    assert.match(dup.body.message, /number 110 is already used by "Payroll Processing"/);
    const dollars = await h.call<ErrorBody>('POST', '/api/firm/expenseCodes', { number: '599', description: 'Parking', rateCents: 12.5 });
    assert.equal(dollars.status, 400);
    assert.match(dollars.body.message, /whole number of cents/);
    const renumber = await h.call<ErrorBody>('PATCH', '/api/firm/expenseCodes/xc-510', { number: '500' });
    assert.equal(renumber.status, 409);
    const ok = await h.call<WorkCode>('PATCH', '/api/firm/expenseCodes/xc-510', { rateCents: 73 });
    assert.equal(ok.body.rateCents, 73);
  });

  test('reference lists and unknown routes', async () => {
    assert.equal((await h.call<unknown[]>('GET', '/api/firm/contactTypes')).body.length, 8);
    assert.equal((await h.call<unknown[]>('GET', '/api/firm/accounts')).body.length, 8);
    assert.equal((await h.call<unknown[]>('GET', '/api/firm/lineItems')).body.length, 6);
    assert.equal((await h.call<ErrorBody>('GET', '/api/firm/nothing')).status, 404);
    const wrongMethod = await h.call<ErrorBody>('DELETE', '/api/firm/contacts/c-1');
    assert.equal(wrongMethod.status, 405);
    assert.match(wrongMethod.body.message, /use GET or PATCH/);
  });

  test('writes from a foreign web origin are refused', async () => {
    const r = await h.call<ErrorBody>('POST', '/api/firm/contacts', { typeId: 'ct-1', kind: 'business', companyName: 'Evil' }, { Origin: 'http://evil.example' });
    assert.equal(r.status, 403);
    const same = await h.call<Contact>('POST', '/api/firm/contacts', { typeId: 'ct-1', kind: 'business', companyName: 'Fine' }, { Origin: h.shell.url });
    assert.equal(same.status, 201);
  });
});

describe('payments', () => {
  async function openInvoice(): Promise<Invoice> {
    const invoices = await h.call<Invoice[]>('GET', '/api/firm/invoices');
    const open = invoices.body.find((i) => i.balanceCents === i.totalCents && i.totalCents > 10000);
    assert.ok(open, 'an unpaid invoice');
    return open;
  }

  test('a payment lowers the balance of the invoices it pays and records the unapplied rest', async () => {
    const inv = await openInvoice();
    const part = 5001;
    const r = await h.call<Payment>('POST', '/api/firm/payments', {
      contactId: inv.contactId,
      date: '2026-11-02',
      amountCents: part + 250,
      method: 'Check',
      reference: '4411',
      applications: [{ invoiceId: inv.id, amountCents: part }],
    });
    assert.equal(r.status, 201);
    assert.equal(r.body.unappliedCents, 250);
    assert.deepEqual(r.body.origin, { system: 'officetools' });
    const after = await h.call<Invoice>('GET', `/api/firm/invoices/${inv.id}`);
    assert.equal(after.body.balanceCents, inv.totalCents - part);
    const rest = await h.call<Payment>('POST', '/api/firm/payments', {
      contactId: inv.contactId,
      date: '2026-11-03',
      amountCents: inv.totalCents - part,
      applications: [{ invoiceId: inv.id, amountCents: inv.totalCents - part }],
    });
    assert.equal(rest.status, 201);
    assert.equal((await h.call<Invoice>('GET', `/api/firm/invoices/${inv.id}`)).body.balanceCents, 0);
    const mine = await h.call<Payment[]>('GET', `/api/firm/payments?contactId=${inv.contactId}`);
    assert.ok(mine.body.every((p) => p.contactId === inv.contactId));
    assert.ok(mine.body.some((p) => p.id === rest.body.id));
    assert.deepEqual((await h.call<Payment>('GET', `/api/firm/payments/${r.body.id}`)).body, r.body);
  });

  test('over-application is refused and changes nothing', async () => {
    const inv = await openInvoice();
    const over = await h.call<ErrorBody>('POST', '/api/firm/payments', {
      contactId: inv.contactId,
      date: '2026-11-02',
      amountCents: inv.balanceCents + 1,
      applications: [{ invoiceId: inv.id, amountCents: inv.balanceCents + 1 }],
    });
    assert.equal(over.status, 422);
    assert.equal(over.body.error, 'over_application');
    assert.match(over.body.message, new RegExp(`invoice ${inv.number} would over-apply it`));
    const moreThanPaid = await h.call<ErrorBody>('POST', '/api/firm/payments', {
      contactId: inv.contactId,
      date: '2026-11-02',
      amountCents: 100,
      applications: [{ invoiceId: inv.id, amountCents: 101 }],
    });
    assert.equal(moreThanPaid.status, 422);
    assert.match(moreThanPaid.body.message, /more than the payment of \$1\.00/);
    assert.equal((await h.call<Invoice>('GET', `/api/firm/invoices/${inv.id}`)).body.balanceCents, inv.balanceCents);
    assert.equal((await h.call<Payment[]>('GET', '/api/firm/payments')).body.length, 25);
  });

  test('bad payments: foreign invoice, unknown contact, float dollars, duplicate QBO import', async () => {
    const inv = await openInvoice();
    const other = (await h.call<Contact[]>('GET', '/api/firm/contacts')).body.find((c) => c.id !== inv.contactId);
    assert.ok(other);
    const foreign = await h.call<ErrorBody>('POST', '/api/firm/payments', { contactId: other.id, date: '2026-11-02', amountCents: 100, applications: [{ invoiceId: inv.id, amountCents: 100 }] });
    assert.equal(foreign.status, 400);
    assert.match(foreign.body.message, /belongs to another contact/);
    assert.equal((await h.call('POST', '/api/firm/payments', { contactId: 'c-0', date: '2026-11-02', amountCents: 1, applications: [] })).status, 400);
    const float = await h.call<ErrorBody>('POST', '/api/firm/payments', { contactId: inv.contactId, date: '2026-11-02', amountCents: 10.5, applications: [] });
    assert.match(float.body.message, /payment\.amountCents must be a whole number of cents/);
    const badDate = await h.call<ErrorBody>('POST', '/api/firm/payments', { contactId: inv.contactId, date: '11/02/2026', amountCents: 1, applications: [] });
    assert.match(badDate.body.message, /YYYY-MM-DD/);
    const fromQbo = { contactId: inv.contactId, date: '2026-11-02', amountCents: 100, applications: [{ invoiceId: inv.id, amountCents: 100 }], origin: { system: 'qbo', realmId: '9341', qboId: '77' } };
    assert.equal((await h.call('POST', '/api/firm/payments', fromQbo)).status, 201);
    const again = await h.call<ErrorBody>('POST', '/api/firm/payments', fromQbo);
    assert.equal(again.status, 409);
    assert.match(again.body.message, /already recorded/);
    assert.equal((await h.call<Invoice>('GET', `/api/firm/invoices/${inv.id}`)).body.balanceCents, inv.balanceCents - 100);
  });
});

describe('users and add-in installs', () => {
  test('installs are per user, survive a restart, and only catalog add-ins install', async () => {
    const users = await h.call<Array<{ id: string; name: string }>>('GET', '/api/firm/users');
    const [pat, sam] = users.body;
    assert.equal(pat.name, 'Pat Lee');
    assert.equal((await h.call('GET', `/api/users/${pat.id}/addins/qbo-sync`)).status, 404);
    const put = await h.call('PUT', `/api/users/${pat.id}/addins/qbo-sync`);
    assert.equal(put.status, 200);
    assert.equal((await h.call('GET', `/api/users/${pat.id}/addins/qbo-sync`)).status, 200);
    assert.equal((await h.call('GET', `/api/users/${sam.id}/addins/qbo-sync`)).status, 404);
    assert.deepEqual((await h.call<{ addins: string[] }>('GET', `/api/users/${pat.id}/addins`)).body.addins, ['qbo-sync']);
    assert.equal((await h.call<ErrorBody>('PUT', `/api/users/${pat.id}/addins/other`)).status, 404);
    assert.equal((await h.call<ErrorBody>('PUT', '/api/users/u-nobody/addins/qbo-sync')).status, 404);
    await h.restart();
    assert.equal((await h.call('GET', `/api/users/${pat.id}/addins/qbo-sync`)).status, 200);
    const del = await h.call<{ wasInstalled: boolean }>('DELETE', `/api/users/${pat.id}/addins/qbo-sync`);
    assert.equal(del.body.wasInstalled, true);
    assert.equal((await h.call('GET', `/api/users/${pat.id}/addins/qbo-sync`)).status, 404);
  });
});

describe('persistence', () => {
  test('firm data survives a restart; --fresh goes back to the demo firm', async () => {
    const created = await h.call<Contact>('POST', '/api/firm/contacts', { typeId: 'ct-2', kind: 'business', companyName: 'Persisted Partners' });
    await h.restart();
    assert.equal((await h.call<Contact>('GET', `/api/firm/contacts/${created.body.id}`)).body.companyName, 'Persisted Partners');
    assert.deepEqual(readdirSync(h.dataDir).sort(), ['firm-ortiz.json', 'firm.json', 'identity-keys.json'], 'one file per firm, the keys, and no temp files left behind');
    const next = await h.call<Contact>('POST', '/api/firm/contacts', { typeId: 'ct-2', kind: 'business', companyName: 'Second' });
    assert.notEqual(next.body.id, created.body.id, 'ids are not reused after a restart');
    await h.restart({ fresh: true });
    assert.equal((await h.call('GET', `/api/firm/contacts/${created.body.id}`)).status, 404);
    assert.equal((await h.call<Contact[]>('GET', '/api/firm/contacts')).body.length, 300);
  });

  test('a corrupt firm.json stops start-up with a message saying what to do', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'shell-corrupt-'));
    try {
      writeFileSync(path.join(dir, 'firm.json'), '{"format": 99}');
      const { createShell } = await import('../../../dev/shell/server');
      await assert.rejects(createShell({ dataDir: dir, catalog: [] }), /not firm data of format 1.*fresh/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('test-only routes', () => {
  test('seed adds 20,000 realistic contacts quickly; reset restores the demo firm', async () => {
    const started = Date.now();
    const seeded = await h.call<{ added: number; total: number }>('POST', '/__shell/seed', { contacts: 20000 });
    const ms = Date.now() - started;
    assert.equal(seeded.status, 200);
    assert.deepEqual(seeded.body, { added: 20000, total: 20300 });
    assert.ok(ms < 5000, `seeding 20k took ${ms} ms`);
    const all = (await h.call<Contact[]>('GET', '/api/firm/contacts')).body;
    assert.equal(all.length, 20300);
    assert.equal(new Set(all.map((c) => c.id)).size, 20300);
    assert.equal(new Set(all.map((c) => c.accountNumber)).size, 20300);
    assert.equal(new Set(all.map((c) => c.displayName)).size, 20300);
    assert.ok(all.slice(300).every((c) => c.email && c.phone && c.address?.city));
    assert.equal((await h.call<ErrorBody>('POST', '/__shell/seed', { contacts: -1 })).status, 400);
    assert.equal((await h.call<ErrorBody>('POST', '/__shell/seed', { contacts: 1, extra: 1 })).status, 400);
    const reset = await h.call<{ contacts: number }>('POST', '/__shell/reset');
    assert.equal(reset.body.contacts, 300);
    await h.restart();
    assert.equal((await h.call<Contact[]>('GET', '/api/firm/contacts')).body.length, 300);
  });
});

describe('catalog and page', () => {
  test('the catalog lists its add-ins and relays a manifest from the add-in server', async () => {
    const xml = '<?xml version="1.0"?><OfficeApp><DisplayName DefaultValue="QuickBooks Online"/></OfficeApp>';
    const addin = createServer((req, res) => {
      if (req.url === '/manifest.xml') {
        res.writeHead(200, { 'Content-Type': 'application/xml' });
        res.end(xml);
      } else {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => addin.listen(0, '127.0.0.1', resolve));
    const manifestUrl = `http://127.0.0.1:${(addin.address() as AddressInfo).port}/manifest.xml`;
    try {
      await h.restart({ catalog: [{ id: 'qbo-sync', manifestUrl }] });
      const catalog = await h.call<Array<{ id: string; manifestUrl: string }>>('GET', '/api/catalog');
      assert.deepEqual(catalog.body, [{ id: 'qbo-sync', manifestUrl }]);
      const res = await fetch(`${h.shell.url}/api/catalog/qbo-sync/manifest`);
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /xml/);
      assert.equal(await res.text(), xml);
    } finally {
      addin.close();
    }
    const gone = await h.call<ErrorBody>('GET', '/api/catalog/qbo-sync/manifest');
    assert.equal(gone.status, 502);
    assert.match(gone.body.message, /Is the add-in server running/);
  });

  test('the built page is served from staticDir, and a missing build says how to make it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'shell-static-'));
    try {
      mkdirSync(path.join(dir, 'sub'));
      writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>WorkSpace</title>');
      writeFileSync(path.join(dir, 'sub', 'app.js'), 'console.log(1)');
      await h.restart({ staticDir: dir });
      const page = await fetch(`${h.shell.url}/`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /WorkSpace/);
      const js = await fetch(`${h.shell.url}/sub/app.js`);
      assert.match(js.headers.get('content-type') ?? '', /javascript/);
      assert.equal((await fetch(`${h.shell.url}/..%2f..%2fetc%2fpasswd`)).status, 404);
      rmSync(path.join(dir, 'index.html'));
      const missing = await fetch(`${h.shell.url}/`);
      assert.equal(missing.status, 503);
      assert.match(await missing.text(), /npm run build/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.ok(!existsSync(dir));
  });
});
