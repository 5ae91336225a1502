import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { executeExport } from '../../../src/sync/jobs/execute-export';
import { LinkIndex } from '../../../src/sync/jobs/link-index';
import { contactSpec, workCodeSpec } from '../../../src/sync/jobs/match-spec';
import { MAX_BATCH_ITEMS, planExport } from '../../../src/sync/jobs/plan-export';
import { createQboErrorOfKind } from '../../../src/sync/qbo/errors';
import type { Contact, WorkCode } from '../../../src/sync/host/protocol';
import type { QboCustomer, QboItem } from '../../../src/sync/qbo/entities';
import { FakeGateway, FakeLinks } from './fakes';

function business(id: string, companyName: string): Contact {
  return { id, typeId: 't1', kind: 'business', companyName, displayName: companyName, active: true, updatedAt: '2026-01-01T00:00:00Z' };
}

const NO_ACCOUNTS = { qboAccountByPurpose: {} };

describe('planExport', () => {
  it('splits the creates into batches of at most 30 with unique short bIds', () => {
    const selected = Array.from({ length: 65 }, (_, i) => business(`c${i}`, `Client ${i}`));
    const plan = planExport(contactSpec, { selected, links: LinkIndex.empty(), qboEntities: [], context: NO_ACCOUNTS });
    assert.deepEqual(plan.batches.map((b) => b.length), [30, 30, 5]);
    assert.ok(plan.batches.every((b) => b.length <= MAX_BATCH_ITEMS));
    const bIds = plan.batches.flat().map((c) => c.bId);
    assert.equal(new Set(bIds).size, 65);
    assert.ok(bIds.every((b) => b.length <= 10));
    assert.deepEqual(plan.batches[0][0].body, { CompanyName: 'Client 0', DisplayName: 'Client 0', Active: true });
  });

  it('skips linked entities, flags names QBO already shows, and refuses two entities with one QBO name', () => {
    const existing: QboCustomer = { Id: '58', SyncToken: '3', DisplayName: 'ACME LLC' };
    const plan = planExport(contactSpec, {
      selected: [business('c1', 'Linked Co'), business('c2', 'Acme LLC'), business('c3', 'Twin: Co'), business('c4', 'Twin- Co'), business('c5', 'Fresh')],
      links: LinkIndex.from([{ otId: 'c1', qboId: '7' }]),
      qboEntities: [existing],
      context: NO_ACCOUNTS,
    });
    assert.deepEqual(plan.alreadyLinked.map((r) => r.id), ['c1']);
    assert.equal(plan.nameTaken.length, 1);
    assert.deepEqual(plan.nameTaken[0].existing, { qboId: '58', name: 'ACME LLC', syncToken: '3', active: true });
    assert.match(plan.nameTaken[0].message, /already has a customer named "ACME LLC"/);
    assert.deepEqual(plan.failed.map((r) => [r.id, r.code]), [['c4', 'sameNameInSelection']]);
    const sent = plan.batches.flat();
    assert.deepEqual(sent.map((c) => c.otId), ['c3', 'c5']);
    // The ':' is replaced and the user is told.
    assert.equal(sent[0].qboName, 'Twin- Co');
    assert.equal(sent[0].warnings[0].code, 'invalidCharacters');
  });

  it('reports a missing income account per row, with the hint to save Account Defaults', () => {
    const code: WorkCode = { id: 'w1', number: '110', description: 'Tax prep', billable: true, rateCents: 12550, active: true, updatedAt: '' };
    const missing = planExport(workCodeSpec, { selected: [code], links: LinkIndex.empty(), qboEntities: [], context: NO_ACCOUNTS });
    assert.equal(missing.failed[0].code, 'missing_income_account');
    assert.match(missing.failed[0].message, /Account Defaults.*click OK/);
    const ok = planExport(workCodeSpec, { selected: [code], links: LinkIndex.empty(), qboEntities: [], context: { qboAccountByPurpose: { workCodeIncome: '79' } } });
    assert.deepEqual(ok.batches[0][0].body, { Name: '110 Tax prep', Type: 'Service', Description: 'Tax prep', Sku: '110', UnitPrice: 125.5, IncomeAccountRef: { value: '79' }, Active: true });
  });
});

describe('executeExport', () => {
  it('creates through batch, reports per-row failures and links the created ones of each batch in one write', async () => {
    const gateway = new FakeGateway();
    const links = new FakeLinks();
    gateway.refuse.add('Client 3');
    const selected = Array.from({ length: 35 }, (_, i) => business(`c${i}`, `Client ${i}`));
    const plan = planExport(contactSpec, { selected, links: LinkIndex.empty(), qboEntities: [], context: NO_ACCOUNTS });
    const progress: number[] = [];
    const result = await executeExport(contactSpec, plan, { gateway, links, onProgress: (done) => progress.push(done) });

    assert.deepEqual(gateway.batches.map((b) => b.length), [30, 5]);
    assert.equal(result.requests, 2);
    assert.deepEqual(progress, [30, 35]);
    assert.equal(result.created.length, 34);
    assert.deepEqual(result.failed.map((f) => [f.id, f.code]), [['c3', 'validation']]);
    assert.match(result.failed[0].message, /"Client 3" was not created: .*refused/);
    // Linked batch by batch: a reload later in the run leaves nothing created unlinked.
    assert.deepEqual(links.linkManyCalls.map((c) => c.length), [29, 5]);
    assert.ok(links.linkManyCalls.flat().every((l) => l.origin === 'export' && l.kind === 'contact' && l.syncToken === '0'));
    const c0 = result.created.find((c) => c.otId === 'c0');
    assert.equal(links.stored.get('contact:c0')?.qboId, c0?.qbo.Id);
  });

  it('turns a 6240 into an offer to link to the QBO entity holding the name, inactive ones included', async () => {
    const gateway = new FakeGateway();
    const links = new FakeLinks();
    const inactive = gateway.add('Customer', { DisplayName: 'Old Client', Active: false });
    gateway.add('Vendor', { DisplayName: 'Paper Supply' });
    // The tab's list (active rows only) does not show either, so the planner sends both.
    const plan = planExport(contactSpec, {
      selected: [business('c1', 'Old Client'), business('c2', 'Paper Supply'), business('c3', 'New Client')],
      links: LinkIndex.empty(),
      qboEntities: await gateway.queryAll<QboCustomer>('Customer'),
      context: NO_ACCOUNTS,
    });
    assert.equal(plan.batches.flat().length, 3);
    const result = await executeExport(contactSpec, plan, { gateway, links });
    assert.deepEqual(result.created.map((c) => c.otId), ['c3']);
    assert.equal(result.failed.length, 0);
    const byOt = new Map(result.nameTaken.map((n) => [n.otId, n]));
    assert.deepEqual(byOt.get('c1')?.existing, { qboId: inactive.Id, name: 'Old Client', syncToken: '0', active: false });
    assert.match(byOt.get('c1')?.message ?? '', /inactive/);
    assert.equal(byOt.get('c2')?.existing, undefined, 'a vendor cannot be linked as a customer');
    assert.match(byOt.get('c2')?.message ?? '', /vendor, an employee/);
    // One batch of creates plus one batch of name look-ups.
    assert.equal(result.requests, 2);
    assert.equal(gateway.batches[1].length, 2);
    assert.deepEqual(links.linkManyCalls.map((c) => c.map((l) => l.otId)), [['c3']]);
  });

  it('stops at a failed call, links what was created before it and says which rows were not sent', async () => {
    const gateway = new FakeGateway();
    const links = new FakeLinks();
    gateway.failCall = { call: 2, error: createQboErrorOfKind('auth', { errors: [{ code: '3200', message: 'AuthenticationFailed', detail: 'Token expired' }], status: 401 }) };
    const selected = Array.from({ length: 70 }, (_, i) => business(`c${i}`, `Client ${i}`));
    const plan = planExport(contactSpec, { selected, links: LinkIndex.empty(), qboEntities: [], context: NO_ACCOUNTS });
    const result = await executeExport(contactSpec, plan, { gateway, links });
    assert.equal(gateway.batches.length, 2, 'no call after the failure');
    assert.equal(result.created.length, 30);
    assert.equal(result.failed.length, 40);
    assert.equal(result.failed.filter((f) => f.code === 'auth').length, 30);
    assert.match(result.failed[0].message, /may not have been created: .*Reconnect/);
    assert.equal(result.failed.filter((f) => f.code === 'notSent').length, 10);
    assert.equal(links.stored.size, 30);
  });

  it('keeps what QBO created when linking fails, and says so', async () => {
    const gateway = new FakeGateway();
    const links = new FakeLinks();
    await links.linkMany([{ kind: 'workCode', otId: 'w1', qboId: '1', origin: 'manual' }]);
    const code: WorkCode = { id: 'w1', number: '1', description: 'x', billable: true, rateCents: 0, active: true, updatedAt: '' };
    // The plan was made from a stale index in which w1 was still unlinked.
    const plan = planExport(workCodeSpec, { selected: [code], links: LinkIndex.empty(), qboEntities: [] as QboItem[], context: { qboAccountByPurpose: { workCodeIncome: '79' } } });
    const result = await executeExport(workCodeSpec, plan, { gateway, links });
    assert.equal(result.created.length, 1);
    assert.ok(result.linkError instanceof Error);
    assert.deepEqual(result.links, []);
  });
});
