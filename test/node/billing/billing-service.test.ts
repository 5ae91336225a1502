/**
 * The billing service (what the panel and the one-off command call) against the real sandbox
 * and the shell's firm store: its plans come from the engine's context loaders, so an invoice
 * exported on another computer is found in QBO by fingerprint, and its payment goes — once.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createBillingService, ForeignPlanError, type AnyPlan, type BillingService, type RunControl } from '../../../src/sync/billing/billing-service';
import type { BillingLinks } from '../../../src/sync/billing/load-billing-context';
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
const settings = { lineItemDefaults: {} as Record<string, string>, depositAccountId: '' };
/** The two computers: one firm, one QBO company, one set of links, two journals. */
let journalA: MemoryJournal;
let journalB: MemoryJournal;
let computerA: BillingService;
let computerB: BillingService;
let invoice: Invoice;
let payment: Payment;

function linkStore(map: Record<LinkKind, Map<string, string>>): BillingLinks {
  return {
    async list(kind: LinkKind): Promise<LinkRecord[]> {
      return [...map[kind]].map(([otId, qboId]) => ({ realmId: sb.gateway().realmId, kind, otId, qboId, origin: 'manual', createdAt: '', createdBy: 'test' }));
    },
  };
}

function service(journal: MemoryJournal): BillingService {
  return createBillingService({ host, journal, links, settings: async () => settings, gateway: () => sb.gateway() });
}

const run = (): RunControl => ({ signal: new AbortController().signal, onProgress: () => undefined });
const ids = (plan: AnyPlan) => ({ ready: plan.ready.map((d) => d.sourceId), blocked: plan.blocked.map((b) => [b.sourceId, b.reasons.map((r) => r.code)]) });

async function qboPaymentsOf(paymentId: string): Promise<QboRecord[]> {
  const all = await sb.gateway().queryAll<QboRecord>('Payment');
  return all.filter((p) => String(p.PrivateNote ?? '').includes(`OT-PAY:${paymentId}`));
}

before(async () => {
  sb = await startBillingSandbox();
  host = await openFirmHost();
  const refs = await sandboxRefs(sb.gateway());
  // A firm invoice above the sandbox's own numbers (1001–1007) with an open balance, and a new
  // OfficeTools payment on it, so nothing else in the firm's data decides the outcome.
  invoice = host.store.listInvoices().find((i) => Number(i.number) > 1007 && i.balanceCents > 100) as Invoice;
  assert.ok(invoice, 'the demo firm has an open invoice');
  payment = host.store.createPayment({
    contactId: invoice.contactId,
    date: '2026-11-24',
    amountCents: invoice.balanceCents - 1,
    method: 'Check',
    reference: 'CHK-B',
    applications: [{ invoiceId: invoice.id, amountCents: invoice.balanceCents - 1 }],
    origin: { system: 'officetools' },
  });
  links = linkStore({
    contact: new Map([[invoice.contactId, refs.customerIds[0]]]),
    workCode: new Map(host.store.listCodes('workCode').map((c) => [c.id, refs.itemIds[0]])),
    expenseCode: new Map(host.store.listCodes('expenseCode').map((c) => [c.id, refs.itemIds[1]])),
    employee: new Map(),
  });
  settings.lineItemDefaults = Object.fromEntries(host.store.listLineItems().map((li) => [li.id, refs.itemIds[2]]));
  journalA = createMemoryJournal(sb.gateway().realmId, 'Staff on computer A');
  journalB = createMemoryJournal(sb.gateway().realmId, 'Staff on computer B');
  computerA = service(journalA);
  computerB = service(journalB);
});

after(async () => {
  await host?.close();
  await sb?.close();
});

describe('the billing service over the sandbox, on two computers', () => {
  it('computer A exports the invoice', async () => {
    const plan = await computerA.planInvoiceExport([invoice.id]);
    assert.deepEqual(ids(plan), { ready: [invoice.id], blocked: [] });
    const report = await computerA.exportInvoices(plan, run());
    assert.deepEqual(report.outcomes.map((o) => o.result), ['created']);
    assert.ok((await computerA.listInvoices()).exported.has(invoice.id));
  });

  it('computer B (empty journal) offers the payment as ready: the invoice is found in QBO by fingerprint and recorded', async () => {
    assert.deepEqual(await journalB.list('invoiceExport'), [], 'computer B knows nothing yet');
    const listing = await computerB.listPayments();
    assert.ok(listing.payments.some((p) => p.id === payment.id));
    assert.equal(listing.exported.has(payment.id), false);

    const plan = await computerB.planPaymentExport([payment.id]);
    assert.deepEqual(ids(plan), { ready: [payment.id], blocked: [] });
    const [entry] = await journalB.list('invoiceExport', 'done');
    const exportedOnA = await journalA.get('invoiceExport', invoice.id);
    assert.equal(entry?.sourceId, invoice.id);
    assert.equal(entry?.targetId, exportedOnA?.targetId, 'the same QBO invoice A created');
    assert.ok(journalB.audit.some((a) => a.what.endsWith(invoice.id) && a.who === 'Staff on computer B' && /found already in QuickBooks Online and linked/.test(a.detail ?? '')), 'the audit says it was linked, not created');
    assert.ok((await computerB.listInvoices()).exported.has(invoice.id), 'Invoice Export on B shows it exported');
  });

  it('computer B exports the payment exactly once, to the cent, applied to the invoice A exported', async () => {
    const plan = await computerB.planPaymentExport([payment.id]);
    const report = await computerB.exportPayments(plan, run());
    assert.deepEqual(report.outcomes.map((o) => o.result), ['created']);
    const inQbo = await qboPaymentsOf(payment.id);
    assert.equal(inQbo.length, 1, 'exactly one QBO payment');
    assert.equal(qboAmountToCents(inQbo[0].TotalAmt as number), payment.amountCents);
    const lines = inQbo[0].Line as Array<{ Amount: number; LinkedTxn: Array<{ TxnId: string }> }>;
    assert.equal(lines.length, 1);
    assert.equal(qboAmountToCents(lines[0].Amount), payment.applications[0].amountCents);
    assert.equal(lines[0].LinkedTxn[0].TxnId, (await journalA.get('invoiceExport', invoice.id))?.targetId);

    // Asked again on B it is done; on A (whose journal never saw it) it is linked, not created.
    assert.deepEqual(ids(await computerB.planPaymentExport([payment.id])), { ready: [], blocked: [[payment.id, ['already_done']]] });
    const onA = await computerA.exportPayments(await computerA.planPaymentExport([payment.id]), run());
    assert.deepEqual(onA.outcomes.map((o) => o.result), ['linkedExisting']);
    assert.equal(onA.writeRequests, 0);
    assert.equal((await qboPaymentsOf(payment.id)).length, 1, 'still exactly one QBO payment');
  });

  it('runs only plans it made itself', async () => {
    const plan = await computerA.planInvoiceExport([invoice.id]);
    await assert.rejects(computerB.exportInvoices(plan, run()), ForeignPlanError);
    await assert.rejects(computerA.exportPayments(plan, run()), ForeignPlanError);
  });
});
