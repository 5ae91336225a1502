/**
 * The reconciliation loader against the real QBO sandbox over HTTP and the shell's real
 * FirmStore: QBO documents made to mirror the firm's March invoices and payments in every way
 * the report must tell apart, then read back in pages (a page size of 3 here, so paging is
 * exercised) within the period's TxnDate range — never a call per document.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import axios from 'axios';
import type { Invoice, Payment } from '../../../src/sync/host/protocol';
import { centsToQboAmount } from '../../../src/sync/mappings/money';
import type { BatchItem, QboRecord } from '../../../src/sync/qbo/gateway';
import type { QboClient } from '../../../src/sync/qbo/qbo-client';
import { loadReconciliation, type ReconcileDeps } from '../../../src/sync/reconcile/load-reconciliation';
import { ReconcileError, type ReconcileReport } from '../../../src/sync/reconcile/reconcile-types';
import type { LinkRecord } from '../../../src/sync/store/schema';
import { realmId, startBillingSandbox, type BillingSandbox } from '../billing/billing-sandbox';
import { openFirmHost, type FirmHost } from '../billing/firm-host';
import { createMemoryJournal, type MemoryJournal } from '../billing/memory-journal';

const period = { from: '2026-03-01', to: '2026-03-31' };
const inMarch = (d: string) => d >= period.from && d <= period.to;

let sb: BillingSandbox;
let host: FirmHost;
let gateway: QboClient;
let journal: MemoryJournal;
let deps: ReconcileDeps;
let customerOf: Map<string, string>;
let itemId: string;
/** What each OfficeTools document should come out as. */
const expected = new Map<string, { status: string; differences?: string[]; matchedBy?: string }>();
const qboOnly: string[] = [];
let outsideId = '';
let marchInvoices: Invoice[] = [];
let marchPayments: Payment[] = [];

async function create(entity: 'Invoice' | 'Payment', bodies: object[]): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < bodies.length; i += 30) {
    const items: BatchItem[] = bodies.slice(i, i + 30).map((body, k) => ({ bId: `b${k}`, operation: 'create', entity, body }));
    for (const a of await gateway.batch(items)) {
      assert.ok(a.ok && a.type === 'entity', `creating a QBO ${entity} failed: ${a.ok ? a.type : a.error.message}`);
      ids.push(String(a.value.Id));
    }
  }
  return ids;
}

function invoiceBody(customerId: string, date: string, cents: number, extra: Record<string, unknown> = {}): object {
  return { CustomerRef: { value: customerId }, TxnDate: date, Line: [{ Amount: centsToQboAmount(cents), DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: itemId }, Qty: 1, UnitPrice: centsToQboAmount(cents) } }], ...extra };
}

before(async () => {
  sb = await startBillingSandbox();
  const admin = axios.create({ baseURL: `${sb.server.url}/__sandbox`, validateStatus: () => true });
  assert.equal((await admin.post('/seed', { realmId, customers: 12, seed: 14 })).status, 200);
  gateway = sb.gateway();
  host = await openFirmHost();
  journal = createMemoryJournal(realmId);
  const customers = (await gateway.queryAll<QboRecord>('Customer', "DisplayName LIKE '%'")).filter((c) => c.Job !== true && !c.ParentRef).map((c) => String(c.Id));
  itemId = String((await gateway.queryAll<QboRecord>('Item', "Type = 'Service'"))[0].Id);

  const invoices = host.store.listInvoices();
  marchInvoices = invoices.filter((i) => inMarch(i.date));
  const contacts = [...new Set(marchInvoices.map((i) => i.contactId))];
  customerOf = new Map(contacts.map((c, k) => [c, customers[customers.length - 1 - k]]));
  marchPayments = host.store.listPayments().filter((p) => inMarch(p.date) && customerOf.has(p.contactId));
  assert.ok(marchInvoices.length >= 8 && marchPayments.length >= 2, `the demo firm has ${marchInvoices.length} March invoices and ${marchPayments.length} March payments`);

  // Invoices: by marker, by the journal, by DocNumber (firm numbering "OT-"), amount off by a cent, one never exported.
  const bodies: object[] = [];
  const journaled: Array<[string, number]> = [];
  marchInvoices.forEach((inv, k) => {
    const customer = customerOf.get(inv.contactId) ?? '';
    if (k === 0) {
      expected.set(inv.id, { status: 'onlyInOfficeTools' });
      return;
    }
    const scenario = k % 4;
    if (scenario === 0) {
      expected.set(inv.id, { status: 'matched', matchedBy: 'marker' });
      bodies.push(invoiceBody(customer, inv.date, inv.totalCents, { PrivateNote: `OT-INV:${inv.id}` }));
    } else if (scenario === 1) {
      expected.set(inv.id, { status: 'matched', matchedBy: 'journal' });
      journaled.push([inv.id, bodies.length]);
      bodies.push(invoiceBody(customer, inv.date, inv.totalCents));
    } else if (scenario === 2) {
      expected.set(inv.id, { status: 'matched', matchedBy: 'docNumber' });
      bodies.push(invoiceBody(customer, inv.date, inv.totalCents, { DocNumber: `OT-${inv.number}` }));
    } else {
      expected.set(inv.id, { status: 'differs', differences: ['amount'], matchedBy: 'marker' });
      bodies.push(invoiceBody(customer, inv.date, inv.totalCents + 1, { PrivateNote: `OT-INV:${inv.id}` }));
    }
  });
  // One exported invoice QBO dates in April: read by Id, reported as a date difference.
  const late = marchInvoices[1];
  expected.set(late.id, { status: 'differs', differences: ['date'], matchedBy: 'journal' });
  const lateIndex = journaled.findIndex(([id]) => id === late.id);
  assert.ok(lateIndex >= 0);
  bodies[journaled[lateIndex][1]] = invoiceBody(customerOf.get(late.contactId) ?? '', '2026-04-02', late.totalCents);
  const anyCustomer = customerOf.get(contacts[0]) ?? '';
  const extra = [invoiceBody(anyCustomer, '2026-03-18', 123_45, { DocNumber: 'Q-ONLY' }), invoiceBody(anyCustomer, '2026-02-15', 50_00, { DocNumber: 'Q-FEB' })];
  const ids = await create('Invoice', [...bodies, ...extra]);
  await journal.record(
    'invoiceExport',
    journaled.map(([sourceId, at]) => ({ sourceId, state: 'done' as const, targetId: ids[at], how: 'created' as const })),
  );
  qboOnly.push(ids[bodies.length]);
  outsideId = ids[bodies.length + 1];

  // Payments: each March payment by its OT-PAY marker; one QBO-only payment.
  const paymentIds = await create('Payment', [
    ...marchPayments.map((p) => ({ CustomerRef: { value: customerOf.get(p.contactId) }, TxnDate: p.date, TotalAmt: centsToQboAmount(p.amountCents), PrivateNote: `OT-PAY:${p.id}` })),
    { CustomerRef: { value: anyCustomer }, TxnDate: '2026-03-20', TotalAmt: 10.01 },
  ]);
  for (const p of marchPayments) expected.set(p.id, { status: 'matched', matchedBy: 'marker' });
  qboOnly.push(paymentIds[paymentIds.length - 1]);

  const links = [...customerOf].map(([otId, qboId]): LinkRecord => ({ realmId, kind: 'contact', otId, qboId, origin: 'manual', createdAt: '2026-11-01T09:00:00.000Z', createdBy: 'test' }));
  deps = { host, gateway, journal, links: { list: async (kind) => (kind === 'contact' ? links : []) }, numbering: { mode: 'prefix', prefix: 'OT-' } };
});

after(async () => {
  await host?.close();
  await sb?.close();
});

describe('loadReconciliation over the sandbox', () => {
  let report: ReconcileReport;
  let ops: Record<string, number>;

  before(async () => {
    await sb.clearLog();
    report = await loadReconciliation(deps, period, { pageSize: 3 });
    ops = await sb.operations();
  });

  it('pairs every OfficeTools document of the period as planted', () => {
    for (const [id, want] of expected) {
      const doc = report.documents.find((d) => d.ot?.id === id);
      assert.ok(doc, `OfficeTools document ${id} is in the report`);
      assert.equal(doc.status, want.status, `status of ${id}`);
      assert.deepEqual(doc.differences, want.differences ?? [], `differences of ${id}`);
      assert.equal(doc.matchedBy, want.matchedBy, `matched by, ${id}`);
    }
  });

  it('reports QBO documents of linked customers with no OfficeTools document, and nothing outside the period', () => {
    for (const id of qboOnly) assert.equal(report.documents.find((d) => d.qbo?.id === id)?.status, 'onlyInQbo');
    assert.equal(report.documents.filter((d) => d.qbo?.id === outsideId).length, 0);
    const stray = report.documents.filter((d) => d.status === 'onlyInQbo');
    assert.deepEqual(stray.map((d) => d.qbo?.id).sort(), [...qboOnly].sort(), 'the demo company\'s own documents are under customers no contact is linked to');
  });

  it('totals a client to the cent from both systems', () => {
    const contactId = marchInvoices[0].contactId;
    const c = report.clients.find((x) => x.contactId === contactId);
    assert.ok(c);
    const mine = marchInvoices.filter((i) => i.contactId === contactId);
    assert.equal(c.ot.invoicedCents, mine.reduce((s, i) => s + i.totalCents, 0));
    assert.equal(c.ot.openCents, mine.reduce((s, i) => s + i.balanceCents, 0));
    const qboInvoices = report.documents.filter((d) => d.kind === 'invoice' && d.qbo && d.qbo.customerId === c.customerId && inMarch(d.qbo.date));
    assert.equal(c.qbo.invoicedCents, qboInvoices.reduce((s, d) => s + (d.qbo?.amountCents ?? 0), 0));
    assert.ok(qboInvoices.some((d) => d.qbo?.amountCents === 123_45));
  });

  it('read QBO in pages within the period, and by Id only for the one document QBO dates outside it', () => {
    const invoicePages = Math.floor(report.documents.filter((d) => d.kind === 'invoice' && d.qbo && inMarch(d.qbo.date)).length / 3) + 1;
    const reads = Object.entries(ops).filter(([op]) => op.endsWith('.read'));
    assert.deepEqual(reads, [], 'no read per document');
    const queries = Object.entries(ops).filter(([op]) => op.includes('query')).reduce((n, [, k]) => n + k, 0);
    assert.ok(queries >= invoicePages + 1, `paged: ${JSON.stringify(ops)}`);
    assert.ok(queries <= invoicePages + Math.floor(marchPayments.length / 3) + 1 + 1 + 5, `no query per document: ${JSON.stringify(ops)}`);
  });

  it('gives the same report in pages of 1000', async () => {
    const again = await loadReconciliation(deps, period);
    assert.deepEqual(again, report);
  });

  it('refuses a period that is not two calendar days in order', async () => {
    await assert.rejects(loadReconciliation(deps, { from: '2026-02-30', to: '2026-03-31' }), (e: unknown) => e instanceof ReconcileError && e.code === 'bad_period' && /calendar day/.test(e.message));
    await assert.rejects(loadReconciliation(deps, { from: '2026-04-01', to: '2026-03-31' }), (e: unknown) => e instanceof ReconcileError && e.code === 'bad_period');
  });
});
