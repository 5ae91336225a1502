import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { acceptProposals, automatchInput, planAutomatchLinks } from '../../../src/sync/jobs/automatch-links';
import { clearAllLinks, undoClearLinks } from '../../../src/sync/jobs/clear-links';
import { executeImport } from '../../../src/sync/jobs/execute-import';
import { exportContextFrom } from '../../../src/sync/jobs/export-context';
import { countLinks, LinkIndex } from '../../../src/sync/jobs/link-index';
import { loadMatchData } from '../../../src/sync/jobs/load-match-data';
import { contactSpec, employeeSpec, expenseCodeSpec, workCodeSpec } from '../../../src/sync/jobs/match-spec';
import { pairsToUnlink, planManualLink } from '../../../src/sync/jobs/plan-manual-link';
import { planImport } from '../../../src/sync/jobs/plan-import';
import type { Contact, HostMethod, HostParams, HostResult, WorkCode } from '../../../src/sync/host/protocol';
import type { QboCustomer, QboEmployee } from '../../../src/sync/qbo/entities';
import { FakeGateway, FakeHost, FakeLinks } from './fakes';

const customer = (Id: string, DisplayName: string, extra: Partial<QboCustomer> = {}): QboCustomer => ({ Id, SyncToken: '2', DisplayName, CompanyName: DisplayName, ...extra });

describe('planImport / executeImport', () => {
  it('creates the highlighted customers as contacts of the chosen type and links them in one write', async () => {
    const host = new FakeHost();
    const links = new FakeLinks();
    host.refuse.add('Broken Co');
    const plan = planImport(contactSpec, {
      selected: [customer('1', 'Acme'), customer('2', 'Linked Co'), customer('3', 'Broken Co'), customer('4', 'Beta')],
      links: LinkIndex.from([{ otId: 'x', qboId: '2' }]),
      context: { contactTypeId: 't1' },
    });
    assert.deepEqual(plan.alreadyLinked.map((r) => r.id), ['2']);
    assert.deepEqual(plan.creates[0].input, { kind: 'business', active: true, companyName: 'Acme', typeId: 't1' });
    const done: number[] = [];
    const result = await executeImport(contactSpec, plan, { host, links, onProgress: (d) => done.push(d) });
    assert.deepEqual(result.created.map((c) => c.qboId), ['1', '4']);
    assert.deepEqual(result.failed.map((f) => [f.id, f.code]), [['3', 'invalid_params']]);
    assert.match(result.failed[0].message, /"Broken Co" was not created in OfficeTools: OfficeTools refused/);
    assert.deepEqual(done, [1, 2, 3]);
    assert.equal(links.linkManyCalls.length, 1);
    assert.deepEqual(
      links.linkManyCalls[0].map((l) => [l.otId, l.qboId, l.origin, l.syncToken]),
      result.created.map((c) => [c.ot.id, c.qboId, 'import', '2']),
    );
  });

  it('refuses contacts without a contact type, row by row', () => {
    const plan = planImport(contactSpec, { selected: [customer('1', 'Acme')], links: LinkIndex.empty(), context: {} });
    assert.equal(plan.creates.length, 0);
    assert.match(plan.failed[0].message, /Choose the contact type/);
  });

  it('imports employees and items through their own host methods', async () => {
    const host = new FakeHost();
    const links = new FakeLinks();
    const emp: QboEmployee = { Id: '9', SyncToken: '0', GivenName: 'Ann', FamilyName: 'Lee', DisplayName: 'Ann Lee' };
    const r1 = await executeImport(employeeSpec, planImport(employeeSpec, { selected: [emp], links: LinkIndex.empty(), context: {} }), { host, links });
    const item = { Id: '12', SyncToken: '1', Name: '210 Copies', Sku: '210', UnitPrice: 0.25, Type: 'NonInventory' as const };
    const r2 = await executeImport(expenseCodeSpec, planImport(expenseCodeSpec, { selected: [item], links: LinkIndex.empty(), context: {} }), { host, links });
    assert.deepEqual(host.created.map((c) => c.method), ['employees.create', 'expenseCodes.create']);
    assert.deepEqual(host.created[1].input, { number: '210', description: 'Copies', rateCents: 25, billable: true, active: true });
    assert.equal(r1.links[0].kind, 'employee');
    assert.equal(r2.links[0].kind, 'expenseCode');
  });
});

describe('Link and Unlink', () => {
  const words = contactSpec.words;
  const names = { otName: (id: string) => ({ c1: 'Acme', c2: 'Beta' })[id], qboName: (id: string) => ({ '58': 'Acme LLC', '59': 'Beta Inc' })[id] };
  const index = LinkIndex.from([{ otId: 'c1', qboId: '58' }]);

  it('links one unlinked pair by hand', () => {
    const plan = planManualLink({ kind: 'contact', words, left: [{ id: 'c2', name: 'Beta' }], right: [{ id: '59', name: 'Beta Inc' }], links: index, ...names });
    assert.deepEqual(plan, { ok: true, link: { kind: 'contact', otId: 'c2', qboId: '59', origin: 'manual' } });
  });

  it('says which side is linked to what', () => {
    const plan = planManualLink({ kind: 'contact', words, left: [{ id: 'c1', name: 'Acme' }], right: [{ id: '59', name: 'Beta Inc' }], links: index, ...names });
    assert.equal(plan.ok, false);
    assert.match(!plan.ok ? plan.message : '', /OfficeTools contact "Acme" is already linked to QuickBooks Online customer "Acme LLC"\. Each can be linked to only one/);
    const other = planManualLink({ kind: 'contact', words, left: [{ id: 'c2', name: 'Beta' }], right: [{ id: '58', name: 'Acme LLC' }], links: index, ...names });
    assert.match(!other.ok ? other.message : '', /QuickBooks Online customer "Acme LLC" is already linked to OfficeTools contact "Acme"/);
    const count = planManualLink({ kind: 'contact', words, left: [], right: [{ id: '58', name: 'Acme LLC' }], links: index, ...names });
    assert.match(!count.ok ? count.message : '', /exactly one .*0 on the left, 1 on the right/);
  });

  it('unlinks the pairs of the highlighted entities on either side, each once', () => {
    const two = LinkIndex.from([{ otId: 'c1', qboId: '58' }, { otId: 'c2', qboId: '59' }]);
    assert.deepEqual(pairsToUnlink(['c1', 'c9'], ['58', '59'], two), [{ otId: 'c1', qboId: '58' }, { otId: 'c2', qboId: '59' }]);
  });

  it('keeps both maps in step and counts linked and unlinked per side', () => {
    let idx = LinkIndex.from([{ otId: 'a', qboId: '1' }]);
    idx = idx.with([{ otId: 'b', qboId: '1' }]);
    assert.equal(idx.qboFor('a'), undefined);
    assert.equal(idx.otFor('1'), 'b');
    idx = idx.withoutOt(['b']);
    assert.equal(idx.size, 0);
    const counts = countLinks(['a', 'b', 'c'], ['1', '2'], LinkIndex.from([{ otId: 'a', qboId: '1' }, { otId: 'z', qboId: '9' }]));
    assert.deepEqual(counts, { ot: { total: 3, linked: 1, unlinked: 2 }, qbo: { total: 2, linked: 1, unlinked: 1 } });
  });

  it('clears all links of a kind and puts them back unchanged', async () => {
    const links = new FakeLinks();
    await links.linkMany([
      { kind: 'contact', otId: 'c1', qboId: '58', origin: 'automatch' },
      { kind: 'employee', otId: 'e1', qboId: '60', origin: 'manual' },
    ]);
    const before = await links.list('contact');
    const cleared = await clearAllLinks(links, 'contact');
    assert.equal(cleared.removed.length, 1);
    assert.deepEqual(await links.list('contact'), []);
    assert.equal((await links.list('employee')).length, 1, 'other kinds are untouched');
    await undoClearLinks(links, cleared);
    assert.deepEqual(await links.list('contact'), before);
  });
});

describe('Automatch for a tab', () => {
  it('sends only unlinked entities and accepts proposals in one write, skipping impossible ones', async () => {
    const ot: Contact[] = [
      { id: 'c1', typeId: 't1', kind: 'individual', firstName: 'Ann', lastName: 'Lee', displayName: 'Lee, Ann', active: true, updatedAt: '' },
      { id: 'c2', typeId: 't1', kind: 'business', companyName: 'Acme', displayName: 'Acme', active: true, updatedAt: '' },
    ];
    const qbo = [customer('58', 'Acme LLC'), customer('59', 'Ann Lee', { CompanyName: undefined, GivenName: 'Ann', FamilyName: 'Lee' })];
    const index = LinkIndex.from([{ otId: 'c2', qboId: '58' }]);
    const input = automatchInput(contactSpec, ot, qbo, index);
    assert.deepEqual(input.left.map((e) => e.id), ['c1']);
    assert.deepEqual(input.right, [{ id: '59', name: 'Ann Lee', firstName: 'Ann', lastName: 'Lee' }]);
    assert.equal(input.kind, 'contacts');

    const proposals = [
      { leftId: 'c1', rightId: '59', score: 0.97, reasons: ['same name'] },
      { leftId: 'c2', rightId: '60', score: 0.9, reasons: [] },
      { leftId: 'c3', rightId: '59', score: 0.85, reasons: [] },
    ];
    const plan = planAutomatchLinks('contact', proposals, index);
    assert.deepEqual(plan.links, [{ kind: 'contact', otId: 'c1', qboId: '59', origin: 'automatch' }]);
    assert.deepEqual(plan.skipped.map((p) => p.leftId), ['c2', 'c3']);
    const links = new FakeLinks();
    const accepted = await acceptProposals('contact', proposals, index, links);
    assert.equal(links.linkManyCalls.length, 1);
    assert.equal(accepted.links[0].origin, 'automatch');
  });
});

describe('loadMatchData', () => {
  it('loads both sides and the links, leaving out items linked as the other code kind and unsellable items', async () => {
    const gateway = new FakeGateway();
    const a = gateway.add('Item', { Name: '110 Tax', Type: 'Service' });
    const b = gateway.add('Item', { Name: '210 Copies', Type: 'NonInventory' });
    gateway.add('Item', { Name: 'Services', Type: 'Category' });
    const links = new FakeLinks();
    await links.linkMany([{ kind: 'expenseCode', otId: 'x1', qboId: b.Id as string, origin: 'manual' }, { kind: 'workCode', otId: 'w1', qboId: a.Id as string, origin: 'manual' }]);
    const codes: WorkCode[] = [{ id: 'w1', number: '110', description: 'Tax', billable: true, rateCents: 100, active: true, updatedAt: '' }];
    const host = {
      request: async <M extends HostMethod>(method: M, _p: HostParams<M>): Promise<HostResult<M>> => {
        assert.equal(method, 'workCodes.list');
        return codes as HostResult<M>;
      },
    };
    const data = await loadMatchData(workCodeSpec, { host, gateway, links });
    assert.deepEqual(data.ot, codes);
    assert.deepEqual(data.qbo.map((q) => q.Name), ['110 Tax']);
    assert.equal(data.links.otFor(a.Id as string), 'w1');
  });

  it('maps Account Defaults to export accounts by purpose, deposit from its own setting', () => {
    const ctx = exportContextFrom(
      { accountDefaults: { a1: '79', a2: '80' }, depositAccountId: '35' },
      [
        { id: 'a1', name: 'Fees', purpose: 'workCodeIncome' },
        { id: 'a2', name: 'Reimbursed', purpose: 'expenseCodeIncome' },
        { id: 'a3', name: 'Deposits', purpose: 'paymentDeposit' },
      ],
    );
    assert.deepEqual(ctx.qboAccountByPurpose, { workCodeIncome: '79', expenseCodeIncome: '80', paymentDeposit: '35' });
  });
});
