/**
 * Collisions in the plan (issue 14, point 1), against the real sandbox over HTTP: what QBO
 * would refuse is found before anything is sent and shown as a blocked reason with a fix —
 * DocNumbers taken (the twin is offered for linking; otherwise a prefix, or QBO's own numbers
 * when its custom transaction numbers are off), inactive customers and items, deposit
 * accounts, invoice balances — and the plan after each fix is ready and exports once.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import axios from 'axios';
import { createBillingService } from '../../../src/sync/billing/billing-service';
import type { BillingPlan, BlockAction, InvoiceExportInput, QboInvoicePayload } from '../../../src/sync/billing/billing-types';
import { executeInvoiceExport } from '../../../src/sync/billing/execute-invoice-export';
import { loadInvoiceQboFacts, loadPaymentQboFacts } from '../../../src/sync/billing/load-qbo-facts';
import { planInvoiceExport } from '../../../src/sync/billing/plan-invoice-export';
import { planPaymentExport } from '../../../src/sync/billing/plan-payment-export';
import type { Invoice, Payment } from '../../../src/sync/host/protocol';
import type { QboRecord } from '../../../src/sync/qbo/gateway';
import { qboAmountToCents } from '../../../src/sync/mappings/money';
import { startBillingSandbox, realmId, type BillingSandbox } from './billing-sandbox';
import { exportInput, makeInvoices, sandboxRefs, type SandboxRefs } from './invoice-fixtures';
import { createMemoryJournal } from './memory-journal';

let sb: BillingSandbox;
let refs: SandboxRefs;
let admin: ReturnType<typeof axios.create>;

before(async () => {
  sb = await startBillingSandbox();
  refs = await sandboxRefs(sb.gateway());
  admin = axios.create({ baseURL: `${sb.server.url}/__sandbox`, validateStatus: () => true });
});
after(async () => {
  await sb?.close();
});
beforeEach(async () => {
  await sb.clearFaults();
});

function numbered(invoices: Invoice[], numbers: string[]): Invoice[] {
  return invoices.map((inv, k) => ({ ...inv, number: numbers[k] }));
}

async function planWithFacts(input: InvoiceExportInput): Promise<BillingPlan<QboInvoicePayload>> {
  const qbo = await loadInvoiceQboFacts(sb.gateway(), input.invoices, input, input.numbering);
  return planInvoiceExport({ ...input, qbo });
}

function assertNoLabelRepeated(plan: BillingPlan<unknown>): void {
  for (const b of plan.blocked) for (const r of b.reasons) assert.ok(!r.message.includes(b.label), `"${r.message}" repeats its row label "${b.label}"`);
}

function actionsOf(plan: BillingPlan<unknown>, sourceId: string): BlockAction[] {
  return plan.blocked.find((b) => b.sourceId === sourceId)?.reasons.flatMap((r) => r.actions ?? []) ?? [];
}

describe('duplicate DocNumbers found in the plan', () => {
  it("the demo company's 1001–1003 block OfficeTools' 1001–1003 before sending, offering a prefix (QBO numbering is not offered while custom numbers are on); with OT- they export once", async () => {
    const invoices = numbered(makeInvoices('DUP', 3), ['1001', '1002', '1003']);
    const input = exportInput(invoices, refs);
    await sb.clearLog();
    const plan = await planWithFacts(input);
    assert.equal(plan.ready.length, 0);
    assert.deepEqual(plan.blocked.map((b) => b.reasons.map((r) => r.code)), [['duplicate_doc_number'], ['duplicate_doc_number'], ['duplicate_doc_number']]);
    assertNoLabelRepeated(plan);
    for (const b of plan.blocked) assert.doesNotMatch(b.reasons[0].message, /renumber/i);
    assert.deepEqual(actionsOf(plan, invoices[0].id).map((a) => a.label), ['Add prefix OT-']);
    const ops = await sb.operations();
    assert.equal(ops['query.invoice'], 1, 'one DocNumber query for the three numbers');
    assert.equal(ops['query.preferences'], 1);

    const prefixed = await planWithFacts({ ...input, numbering: { mode: 'prefix', prefix: 'OT-' } });
    assert.equal(prefixed.ready.length, 3);
    assert.deepEqual(prefixed.ready.map((d) => d.payload.DocNumber), ['OT-1001', 'OT-1002', 'OT-1003']);
    const report = await executeInvoiceExport(prefixed, { gateway: sb.gateway(), journal: createMemoryJournal(realmId) });
    assert.deepEqual(report.outcomes.map((o) => o.result), ['created', 'created', 'created']);
    assert.equal((await sb.invoicesByDocNumber(['OT-1001', 'OT-1002', 'OT-1003'])).length, 3);
  });

  it('reads DocNumbers in pages of 100: 150 invoices take 2 invoice queries, not 150', async () => {
    const invoices = makeInvoices('PAGE', 150);
    const input = exportInput(invoices, refs);
    await sb.clearLog();
    const plan = await planWithFacts(input);
    assert.equal(plan.ready.length, 150);
    assert.equal((await sb.operations())['query.invoice'], 2);
  });

  it('the same number for the same customer and total is offered for linking; the link is recorded and the invoice is not exported again', async () => {
    const [inv] = makeInvoices('TWIN', 1);
    const input = exportInput([inv], refs);
    const customer = input.links.contact.get(inv.contactId) as string;
    const twin = await sb.gateway().create<QboRecord>('Invoice', {
      CustomerRef: { value: customer },
      DocNumber: inv.number,
      TxnDate: inv.date,
      Line: [{ Amount: inv.totalCents / 100, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: refs.itemIds[0] }, Qty: 1, UnitPrice: inv.totalCents / 100 } }],
    });
    assert.equal(qboAmountToCents(twin.TotalAmt as number), inv.totalCents);
    const plan = await planWithFacts(input);
    const link = actionsOf(plan, inv.id).find((a) => a.kind === 'linkExistingInvoice');
    assert.ok(link && link.kind === 'linkExistingInvoice');
    assert.equal(link.label, 'Link to the existing QuickBooks invoice');
    assert.equal(link.qboInvoiceId, String(twin.Id));
    assert.match(plan.blocked[0].reasons[0].message, /same customer and the same total/);

    const journal = createMemoryJournal(realmId);
    const service = createBillingService({
      host: { request: () => Promise.reject(new Error('not used')) },
      journal,
      links: { list: async () => [] },
      settings: async () => ({ lineItemDefaults: {}, depositAccountId: '' }),
      gateway: () => sb.gateway(),
    });
    assert.match(await service.applyFix(link), /Linked to the invoice already in QuickBooks Online/);
    assert.equal((await journal.get('invoiceExport', inv.id))?.targetId, String(twin.Id));
    const again = await planWithFacts({ ...input, done: await journal.doneIds('invoiceExport') });
    assert.deepEqual(again.blocked.map((b) => b.reasons[0].code), ['already_done']);
  });

  it('the numbering fix is saved through the service, and refused in words when it cannot be saved here', async () => {
    const saved: unknown[] = [];
    const deps = {
      host: { request: () => Promise.reject(new Error('not used')) },
      journal: createMemoryJournal(realmId),
      links: { list: async () => [] },
      settings: async () => ({ lineItemDefaults: {}, depositAccountId: '' }),
      gateway: () => sb.gateway(),
    };
    const action: BlockAction = { kind: 'setInvoiceNumbering', label: 'Add prefix OT-', numbering: { mode: 'prefix', prefix: 'OT-' } };
    await assert.rejects(createBillingService(deps).applyFix(action), /cannot be changed from this window/);
    const withSave = createBillingService({ ...deps, saveInvoiceNumbers: async (n) => void saved.push(n) });
    assert.match(await withSave.applyFix(action), /prefix "OT-"/);
    assert.deepEqual(saved, [{ mode: 'prefix', prefix: 'OT-' }]);
  });

  it('with custom transaction numbers off, QuickBooks may number them: exported once without a DocNumber, and a second computer finds it by customer, date and marker', async () => {
    assert.equal((await admin.post('/preferences', { realmId, SalesFormsPrefs: { CustomTxnNumbers: false } })).status, 200);
    try {
      const invoices = numbered(makeInvoices('AUTO', 2), ['1004', '1005']);
      const input = exportInput(invoices, refs);
      const plan = await planWithFacts(input);
      assert.deepEqual(actionsOf(plan, invoices[0].id).map((a) => a.label), ['Add prefix OT-', 'Let QuickBooks number them']);
      const auto = await planWithFacts({ ...input, numbering: { mode: 'qbo' } });
      assert.equal(auto.ready.length, 2);
      assert.ok(auto.ready.every((d) => d.payload.DocNumber === undefined));
      const first = await executeInvoiceExport(auto, { gateway: sb.gateway(), journal: createMemoryJournal(realmId) });
      assert.deepEqual(first.outcomes.map((o) => o.result), ['created', 'created']);
      const created = await Promise.all(first.outcomes.map((o) => sb.gateway().read<QboRecord>('Invoice', o.targetId as string)));
      assert.ok(created.every((c) => /^\d+$/.test(String(c.DocNumber))), 'QBO numbered them');
      const other = await executeInvoiceExport(await planWithFacts({ ...input, numbering: { mode: 'qbo' } }), { gateway: sb.gateway(), journal: createMemoryJournal(realmId, 'Other Staff') });
      assert.deepEqual(other.outcomes.map((o) => o.result), ['linkedExisting', 'linkedExisting']);
      assert.equal(other.writeRequests, 0);
    } finally {
      await admin.post('/preferences', { realmId, SalesFormsPrefs: { CustomTxnNumbers: true } });
    }
    // Back on: QBO numbering would leave invoices unnumbered, so the plan says so.
    const [inv] = makeInvoices('AUTO2', 1);
    const plan = await planWithFacts({ ...exportInput([inv], refs), numbering: { mode: 'qbo' } });
    assert.match(plan.blocked[0].reasons[0].message, /custom transaction numbers are on/);
    assert.deepEqual(actionsOf(plan, inv.id).map((a) => a.label), ["Keep OfficeTools' numbers"]);
  });
});

describe('inactive targets and missing accounts found in the plan', () => {
  it('an inactive customer and an inactive item block the invoice with a fix to the right tab', async () => {
    const [inactive] = await sb.gateway().queryAll<QboRecord>('Customer', 'Active = false');
    assert.ok(inactive, 'the demo company has an inactive customer');
    const [inv] = makeInvoices('INACT', 1);
    const input = exportInput([inv], refs);
    const onInactive = { ...input, links: { ...input.links, contact: new Map([[inv.contactId, String(inactive.Id)]]) } };
    const plan = await planWithFacts(onInactive);
    const reason = plan.blocked[0].reasons.find((r) => r.code === 'customer_inactive');
    assert.ok(reason);
    assert.match(reason.message, /inactive there/);
    assert.equal(reason.fix?.view, 'contactMatch');

    const item = await sb.gateway().read<QboRecord>('Item', refs.itemIds[2]);
    await sb.gateway().sparseUpdate('Item', { Id: String(item.Id), SyncToken: String(item.SyncToken), Active: false } as { Id: string; SyncToken: string });
    try {
      const withItem = await planWithFacts(input);
      const itemReason = withItem.blocked[0]?.reasons.find((r) => r.code === 'item_inactive');
      assert.ok(itemReason, 'the expense line is billed under an inactive item');
      assert.equal(itemReason.fix?.view, 'expenseCodeMatch');
      assertNoLabelRepeated(withItem);
    } finally {
      const now = await sb.gateway().read<QboRecord>('Item', refs.itemIds[2]);
      await sb.gateway().sparseUpdate('Item', { Id: String(now.Id), SyncToken: String(now.SyncToken), Active: true } as { Id: string; SyncToken: string });
    }
  });

  it('payments: more than the QBO invoice owes, a deposit account that is gone, and no Undeposited Funds are said before sending', async () => {
    const [qboInvoice] = await sb.gateway().queryAll<QboRecord>('Invoice', "DocNumber = '1002'");
    const balance = qboAmountToCents(qboInvoice.Balance as number);
    assert.ok(balance > 0);
    const customer = String((qboInvoice.CustomerRef as { value: string }).value);
    const payment: Payment = {
      id: 'pay-over',
      contactId: 'ct-x',
      date: '2026-11-25',
      amountCents: balance + 500,
      applications: [{ invoiceId: 'inv-x', amountCents: balance + 500 }],
      unappliedCents: 0,
      origin: { system: 'officetools' },
      updatedAt: '2026-11-25T10:00:00.000Z',
    };
    const base = {
      payments: [payment],
      links: { contact: new Map([['ct-x', customer]]) },
      qboInvoiceIdByOtInvoiceId: new Map([['inv-x', String(qboInvoice.Id)]]),
      paymentMethodIdByName: new Map<string, string>(),
      depositAccountId: '',
      done: new Set<string>(),
      invoiceNumbers: new Map([['inv-x', '2002']]),
    };
    const facts = await loadPaymentQboFacts(sb.gateway(), [payment], base.links, base.qboInvoiceIdByOtInvoiceId, '');
    const plan = planPaymentExport({ ...base, qbo: facts });
    const reason = plan.blocked[0].reasons.find((r) => r.code === 'invoice_balance');
    assert.ok(reason);
    assert.match(reason.message, /OfficeTools invoice 2002 \(QuickBooks invoice 1002\), which owes only/);
    assertNoLabelRepeated(plan);

    const gone = await loadPaymentQboFacts(sb.gateway(), [payment], base.links, base.qboInvoiceIdByOtInvoiceId, '999999');
    const fits = { ...payment, amountCents: 100, applications: [{ invoiceId: 'inv-x', amountCents: 100 }] };
    const goneAccount = planPaymentExport({ ...base, payments: [fits], depositAccountId: '999999', qbo: gone });
    assert.deepEqual(goneAccount.blocked[0].reasons.map((r) => r.code), ['account_missing']);
    assert.equal(goneAccount.blocked[0].reasons[0].fix?.view, 'accountDefaults');
    const noUndeposited = planPaymentExport({ ...base, payments: [fits], qbo: { ...facts, hasUndepositedFunds: false } });
    assert.match(noUndeposited.blocked[0].reasons[0].message, /no Undeposited Funds account/);
    const ok = planPaymentExport({ ...base, payments: [fits], qbo: facts });
    assert.equal(ok.ready.length, 1);
    assert.equal(ok.ready[0].detail, 'Applied in full to OfficeTools invoice 2002 (QuickBooks invoice 1002).');
  });
});
