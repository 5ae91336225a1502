/**
 * Export Payments and Import Payments end to end against the real sandbox and the shell's
 * real firm store: the context loaders, the planners and the executors, with faults, a second
 * computer and the shell's refusal of a second import — exactly one document per document.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { executeInvoiceExport } from '../../../src/sync/billing/execute-invoice-export';
import { executePaymentExport } from '../../../src/sync/billing/execute-payment-export';
import { executePaymentImport } from '../../../src/sync/billing/execute-payment-import';
import { listQboPayments } from '../../../src/sync/billing/list-qbo-payments';
import { loadInvoiceExportContext, loadPaymentExportContext, loadPaymentImportContext } from '../../../src/sync/billing/load-billing-context';
import type { BillingLinks } from '../../../src/sync/billing/load-billing-context';
import { planInvoiceExport } from '../../../src/sync/billing/plan-invoice-export';
import { planPaymentExport } from '../../../src/sync/billing/plan-payment-export';
import { planPaymentImport } from '../../../src/sync/billing/plan-payment-import';
import type { Invoice, Payment } from '../../../src/sync/host/protocol';
import { qboAmountToCents } from '../../../src/sync/mappings/money';
import type { QboRecord } from '../../../src/sync/qbo/gateway';
import type { LinkKind, LinkRecord } from '../../../src/sync/store/schema';
import { startBillingSandbox, type BillingSandbox } from './billing-sandbox';
import { openFirmHost, type FirmHost } from './firm-host';
import { sandboxRefs } from './invoice-fixtures';
import { createMemoryJournal, type MemoryJournal } from './memory-journal';

let sb: BillingSandbox;
let host: FirmHost;
let links: BillingLinks;
let journal: MemoryJournal;
let chosen: Invoice[];
let bankAccountId: string;
const settings = { lineItemDefaults: {} as Record<string, string>, depositAccountId: '' };

function linkStore(map: Record<LinkKind, Map<string, string>>): BillingLinks {
  return {
    async list(kind: LinkKind): Promise<LinkRecord[]> {
      return [...map[kind]].map(([otId, qboId]) => ({ realmId: sb.gateway().realmId, kind, otId, qboId, origin: 'manual', createdAt: '', createdBy: 'test' }));
    },
  };
}

const money = (v: unknown) => qboAmountToCents(v as number);

before(async () => {
  sb = await startBillingSandbox();
  host = await openFirmHost();
  const g = sb.gateway();
  const refs = await sandboxRefs(g);
  const banks = await g.queryAll<QboRecord>('Account', "AccountType = 'Bank'");
  bankAccountId = String(banks[0].Id);
  // Firm invoices above the sandbox's own numbers (1001–1007), of five contacts linked to five customers.
  // Unpaid in OfficeTools too (the demo firm has payments of its own), so both sides start from the same balance.
  const open = host.store.listInvoices().filter((i) => Number(i.number) > 1007 && i.balanceCents > 0 && i.balanceCents === i.totalCents);
  const contactIds = [...new Set(open.map((i) => i.contactId))].slice(0, 5);
  chosen = open.filter((i) => contactIds.includes(i.contactId));
  const contact = new Map(contactIds.map((id, k) => [id, refs.customerIds[k]]));
  const workCode = new Map(host.store.listCodes('workCode').map((c) => [c.id, refs.itemIds[0]]));
  const expenseCode = new Map(host.store.listCodes('expenseCode').map((c) => [c.id, refs.itemIds[1]]));
  settings.lineItemDefaults = Object.fromEntries(host.store.listLineItems().map((li) => [li.id, refs.itemIds[2]]));
  links = linkStore({ contact, workCode, expenseCode, employee: new Map() });
  journal = createMemoryJournal(g.realmId);
  // The invoices go first: the seed's rule for payments.
  const ctx = await loadInvoiceExportContext({ host, links, settings, journal });
  const plan = planInvoiceExport({ ...ctx.input, invoices: chosen });
  assert.deepEqual(plan.blocked, []);
  const report = await executeInvoiceExport(plan, { gateway: g, journal });
  assert.equal(report.outcomes.filter((o) => o.result === 'created').length, chosen.length);
});

after(async () => {
  await host?.close();
  await sb?.close();
});

beforeEach(async () => {
  await sb.clearFaults();
  await sb.mintToken();
});

async function qboPayment(id: string): Promise<QboRecord> {
  const rows = await sb.gateway().queryAll<QboRecord>('Payment', `Id = '${id}'`);
  assert.equal(rows.length, 1);
  return rows[0];
}

async function qboInvoiceBalance(qboId: string): Promise<number> {
  const [row] = await sb.gateway().queryAll<QboRecord>('Invoice', `Id = '${qboId}'`);
  return money(row.Balance);
}

describe('Export Payments against the sandbox', () => {
  let mine: Payment[] = [];

  it('exports OfficeTools payments once each (a drop after commit included), applied to the QBO invoices, Undeposited Funds by default', async () => {
    const targets = chosen.slice(0, 4);
    mine = targets.map((inv, k) =>
      host.store.createPayment({
        contactId: inv.contactId,
        date: '2026-11-20',
        amountCents: Math.floor(inv.balanceCents / 2) + (k === 0 ? 1234 : 0),
        method: 'Check',
        reference: `CHK-${k}`,
        applications: [{ invoiceId: inv.id, amountCents: Math.floor(inv.balanceCents / 2) }],
        origin: { system: 'officetools' },
      }),
    );
    const ctx = await loadPaymentExportContext({ host, gateway: sb.gateway(), links, settings, journal });
    const invoiceQboIds = targets.map((t) => ctx.input.qboInvoiceIdByOtInvoiceId.get(t.id) as string);
    const balancesBefore = await Promise.all(invoiceQboIds.map(qboInvoiceBalance));
    const plan = planPaymentExport({ ...ctx.input, payments: mine });
    assert.deepEqual(plan.blocked, []);
    await sb.injectFault({ operation: 'batch' }, { type: 'drop-after-commit' });
    const report = await executePaymentExport(plan, { gateway: sb.gateway(), journal });
    assert.deepEqual(report.outcomes.map((o) => o.result), ['created', 'created', 'created', 'created']);
    assert.equal(report.writeRequests, 1);

    const undeposited = (await sb.gateway().queryAll<QboRecord>('Account', "AccountSubType = 'UndepositedFunds'"))[0];
    for (let k = 0; k < mine.length; k++) {
      const p = await qboPayment(report.outcomes[k].targetId as string);
      assert.equal(money(p.TotalAmt), mine[k].amountCents);
      assert.equal(money(p.UnappliedAmt), mine[k].unappliedCents);
      assert.equal((p.DepositToAccountRef as { value: string }).value, String(undeposited.Id));
      assert.equal(p.PaymentRefNum, `CHK-${k}`);
      assert.match(String(p.PrivateNote), new RegExp(`^OT-PAY:${mine[k].id}\\b`));
      const lines = p.Line as QboRecord[];
      assert.equal(lines.length, 1);
      assert.equal(money(lines[0].Amount), mine[k].applications[0].amountCents);
      assert.equal(await qboInvoiceBalance(invoiceQboIds[k]), balancesBefore[k] - mine[k].applications[0].amountCents);
      const same = await sb.gateway().queryAll<QboRecord>('Payment', `CustomerRef = '${(p.CustomerRef as { value: string }).value}' AND TxnDate = '2026-11-20'`);
      assert.equal(same.filter((s) => String(s.PrivateNote).includes(`OT-PAY:${mine[k].id}`)).length, 1, 'exactly one QBO payment');
    }
  });

  it('a second computer with an empty journal links them and writes nothing', async () => {
    const other = createMemoryJournal(sb.gateway().realmId, 'Other Staff');
    const ctx = await loadPaymentExportContext({ host, gateway: sb.gateway(), links, settings, journal: other });
    // Its journal did not know the invoices: the loader found them in QBO by fingerprint.
    assert.equal(ctx.input.qboInvoiceIdByOtInvoiceId.size >= 4, true);
    const plan = planPaymentExport({ ...ctx.input, payments: mine });
    assert.equal(plan.ready.length, 4);
    const report = await executePaymentExport(plan, { gateway: sb.gateway(), journal: other });
    assert.equal(report.writeRequests, 0);
    assert.deepEqual(report.outcomes.map((o) => o.result), ['linkedExisting', 'linkedExisting', 'linkedExisting', 'linkedExisting']);
  });

  it('sends the deposit account from Account Defaults, and never offers a payment that came from QBO', async () => {
    const inv = chosen[4];
    const p = host.store.createPayment({ contactId: inv.contactId, date: '2026-11-21', amountCents: 500, applications: [{ invoiceId: inv.id, amountCents: 500 }], origin: { system: 'officetools' } });
    const ctx = await loadPaymentExportContext({ host, gateway: sb.gateway(), links, settings: { ...settings, depositAccountId: bankAccountId }, journal });
    const fromQbo = { ...p, id: 'x', origin: { system: 'qbo' as const, realmId: sb.gateway().realmId, qboId: '1' } };
    const plan = planPaymentExport({ ...ctx.input, payments: [p, fromQbo] });
    assert.deepEqual(plan.blocked.map((b) => b.reasons[0].code), ['from_other_side']);
    const report = await executePaymentExport(plan, { gateway: sb.gateway(), journal });
    const q = await qboPayment(report.outcomes[0].targetId as string);
    assert.equal((q.DepositToAccountRef as { value: string }).value, bankAccountId);
  });
});

describe('Import Payments against the sandbox', () => {
  let created: QboRecord[] = [];

  it('lists QBO payments with names and invoices, marking those from OfficeTools', async () => {
    const g = sb.gateway();
    const ctx0 = await loadPaymentExportContext({ host, gateway: g, links, settings, journal });
    const a = chosen[5] ?? chosen[0];
    const b = chosen[6] ?? chosen[1];
    const qa = ctx0.input.qboInvoiceIdByOtInvoiceId.get(a.id) as string;
    const qb = ctx0.input.qboInvoiceIdByOtInvoiceId.get(b.id) as string;
    const customerOf = async (id: string) => ((await sb.gateway().queryAll<QboRecord>('Invoice', `Id = '${id}'`))[0].CustomerRef as { value: string }).value;
    const balA = await qboInvoiceBalance(qa);
    created = [
      // Pays invoice a in full, plus $12.34 unapplied.
      await g.create<QboRecord>('Payment', { CustomerRef: { value: await customerOf(qa) }, TotalAmt: (balA + 1234) / 100, TxnDate: '2026-11-22', PaymentRefNum: 'QB-1', Line: [{ Amount: balA / 100, LinkedTxn: [{ TxnId: qa, TxnType: 'Invoice' }] }] }, { requestId: `imp-a-${process.pid}` }),
      await g.create<QboRecord>('Payment', { CustomerRef: { value: await customerOf(qb) }, TotalAmt: 1.01, TxnDate: '2026-11-22', Line: [{ Amount: 1.01, LinkedTxn: [{ TxnId: qb, TxnType: 'Invoice' }] }] }, { requestId: `imp-b-${process.pid}` }),
    ];
    const rows = await listQboPayments(g, '2026-11-01', { exportedPaymentQboIds: new Set() });
    const row = rows.find((r) => r.qboId === created[0].Id);
    assert.ok(row);
    assert.equal(row.fromOfficeTools, false);
    assert.equal(row.amountCents, balA + 1234);
    assert.equal(row.reference, 'QB-1');
    assert.deepEqual(row.invoices, [{ qboId: qa, docNumber: a.number, amountCents: balA, otInvoiceId: a.id }]);
    assert.ok(row.customerName.length > 0 && !row.customerName.startsWith('Customer '));
    const ours = rows.filter((r) => /^OT-PAY:/.test(r.privateNote ?? ''));
    assert.ok(ours.length >= 4 && ours.every((r) => r.fromOfficeTools));
  });

  it('imports them once each into OfficeTools, applied to the matching invoices, the remainder unapplied', async () => {
    const ctx = await loadPaymentImportContext({ host, gateway: sb.gateway(), links, journal, since: '2026-11-01' });
    const wanted = new Set(created.map((c) => String(c.Id)));
    const plan = planPaymentImport({ ...ctx.input, rows: ctx.rows.filter((r) => wanted.has(r.qboId) || r.fromOfficeTools) });
    assert.equal(plan.ready.length, 2);
    assert.ok(plan.blocked.length >= 4 && plan.blocked.every((b) => b.reasons[0].code === 'from_other_side'));
    const balanceBefore = new Map(host.store.listInvoices().map((i) => [i.id, i.balanceCents]));
    const report = await executePaymentImport(plan, { host, journal });
    assert.deepEqual(report.outcomes.map((o) => o.result), ['created', 'created']);
    for (const c of created) {
      const recorded = host.store.listPayments().filter((p) => p.origin.system === 'qbo' && p.origin.qboId === c.Id);
      assert.equal(recorded.length, 1);
      assert.equal(recorded[0].amountCents, money(c.TotalAmt));
      for (const a of recorded[0].applications) assert.equal(host.store.getInvoice(a.invoiceId).balanceCents, (balanceBefore.get(a.invoiceId) ?? 0) - a.amountCents);
    }
    const first = host.store.listPayments().find((p) => p.origin.system === 'qbo' && p.origin.qboId === created[0].Id);
    assert.equal(first?.unappliedCents, 1234);
    assert.match(first?.memo ?? '', /\$12\.34 unapplied/);
  });

  it('a second computer (empty journal, forced plan) never records one twice: it finds them first', async () => {
    const other = createMemoryJournal(sb.gateway().realmId, 'Other Staff');
    const ctx = await loadPaymentImportContext({ host, gateway: sb.gateway(), links, journal: other, since: '2026-11-01' });
    const wanted = new Set(created.map((c) => String(c.Id)));
    assert.ok([...wanted].every((id) => ctx.input.done.has(id)), 'the loader sees them in OfficeTools');
    const forced = planPaymentImport({ ...ctx.input, done: new Set(), rows: ctx.rows.filter((r) => wanted.has(r.qboId)) });
    const report = await executePaymentImport(forced, { host, journal: other });
    assert.equal(report.writeRequests, 0);
    assert.deepEqual(report.outcomes.map((o) => o.result), ['linkedExisting', 'linkedExisting']);
  });

  it("the shell's refusal of a second import (409) is taken as already imported", async () => {
    const other = createMemoryJournal(sb.gateway().realmId, 'Third Staff');
    const ctx = await loadPaymentImportContext({ host, gateway: sb.gateway(), links, journal: other, since: '2026-11-01' });
    const forced = planPaymentImport({ ...ctx.input, done: new Set(), rows: ctx.rows.filter((r) => r.qboId === created[1].Id) });
    // A host whose first list is stale (another staff member imported a moment ago).
    let lists = 0;
    const stale = {
      request: (async (method: string, params: unknown) => {
        if (method === 'payments.list' && lists++ === 0) return [];
        return host.request(method as 'payments.list', params as Record<string, never>);
      }) as typeof host.request,
    };
    const before = host.store.listPayments().length;
    const report = await executePaymentImport(forced, { host: stale, journal: other });
    assert.equal(report.writeRequests, 1);
    assert.equal(report.outcomes[0].result, 'linkedExisting');
    assert.equal(host.store.listPayments().length, before);
  });
});
