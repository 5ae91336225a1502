/**
 * Bad input never crashes and never half-writes (issue 14, point 9): the corpus in
 * test/fixtures/bad-input runs through the planners and the executors against the real sandbox
 * (and the shell's real firm store for imports). Every document ends ready — and then exported
 * exactly once, with the documented safe transformations (src/sync/billing/README.md) — or
 * blocked with a reason in words; one bad document never stops the others. Malformed QBO
 * answers (an HTML error page, an XML fault, truncated JSON, a 200 carrying a Fault) stop the
 * run cleanly with a typed error, and the next run finishes with each document once.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { BillingPlan, InvoiceExportInput, QboInvoicePayload, QboPaymentRow } from '../../../src/sync/billing/billing-types';
import { executeInvoiceExport } from '../../../src/sync/billing/execute-invoice-export';
import { executePaymentExport } from '../../../src/sync/billing/execute-payment-export';
import { executePaymentImport } from '../../../src/sync/billing/execute-payment-import';
import { loadInvoiceQboFacts, loadPaymentQboFacts } from '../../../src/sync/billing/load-qbo-facts';
import { planInvoiceExport } from '../../../src/sync/billing/plan-invoice-export';
import { planPaymentExport } from '../../../src/sync/billing/plan-payment-export';
import { planPaymentImport } from '../../../src/sync/billing/plan-payment-import';
import type { Invoice, Payment } from '../../../src/sync/host/protocol';
import { qboAmountToCents } from '../../../src/sync/mappings/money';
import { isQboFaultError } from '../../../src/sync/qbo/errors';
import type { QboRecord } from '../../../src/sync/qbo/gateway';
import { FAST_RETRIES, realmId, startBillingSandbox, type BillingSandbox } from './billing-sandbox';
import { openFirmHost, type FirmHost } from './firm-host';
import { sandboxRefs, type SandboxRefs } from './invoice-fixtures';
import { createMemoryJournal, type MemoryJournal } from './memory-journal';

const DIR = path.resolve(import.meta.dirname, '../../fixtures/bad-input');

interface Corpus {
  contacts: Record<string, string>;
  invoices: { ready: Invoice[]; blocked: Invoice[] };
  payments: { ready: Payment[]; blocked: Payment[] };
  qboPaymentRows: { ready: QboPaymentRow[]; blocked: QboPaymentRow[] };
}

const corpus = JSON.parse(fs.readFileSync(path.join(DIR, 'billing-documents.json'), 'utf8')) as Corpus;
const answer = (name: string) => fs.readFileSync(path.join(DIR, name), 'utf8');

let sb: BillingSandbox;
let refs: SandboxRefs;
let input: InvoiceExportInput;
let journal: MemoryJournal;
const exported = new Map<string, string>();

function invoiceInput(invoices: Invoice[]): InvoiceExportInput {
  const ids = Object.keys(corpus.contacts);
  return {
    invoices,
    contactsById: new Map(ids.map((id) => [id, { displayName: corpus.contacts[id] }])),
    links: {
      contact: new Map(ids.map((id, k) => [id, refs.customerIds[k % refs.customerIds.length]])),
      workCode: new Map([['wc-1', refs.itemIds[0]]]),
      expenseCode: new Map([['ec-1', refs.itemIds[1]]]),
    },
    lineItemDefaults: { 'li-discount': refs.itemIds[2] },
    done: new Set(),
  };
}

async function planInvoices(invoices: Invoice[]): Promise<BillingPlan<QboInvoicePayload>> {
  const i = invoiceInput(invoices);
  return planInvoiceExport({ ...i, qbo: await loadInvoiceQboFacts(sb.gateway(), invoices, i, undefined) });
}

function assertReasonsInWords(plan: BillingPlan<unknown>): void {
  for (const b of plan.blocked) {
    assert.ok(b.reasons.length > 0, `${b.sourceId} is blocked with a reason`);
    for (const r of b.reasons) {
      assert.ok(r.message.length > 20 && /[.!]$/.test(r.message.trim()), `${b.sourceId}: a sentence, not a code ("${r.message}")`);
      assert.ok(!r.message.includes(b.label), `${b.sourceId}: the reason does not repeat the label`);
      assert.doesNotMatch(r.message, /undefined|NaN|\[object/, `${b.sourceId}: no leaked placeholders`);
    }
  }
}

function assertCleanLabels(plan: BillingPlan<unknown>): void {
  for (const d of [...plan.ready, ...plan.blocked]) {
    assert.doesNotMatch(d.label, /[\t\r\n]/, `${d.sourceId}: the label is one line`);
    assert.ok(d.label.length <= 120, `${d.sourceId}: the label is short (${d.label.length})`);
  }
}

before(async () => {
  sb = await startBillingSandbox();
  refs = await sandboxRefs(sb.gateway());
  input = invoiceInput([...corpus.invoices.ready, ...corpus.invoices.blocked]);
  journal = createMemoryJournal(realmId);
});
after(async () => {
  await sb?.close();
});
beforeEach(async () => {
  await sb.clearFaults();
});

describe('bad invoices', () => {
  it('each is ready or blocked in words, never a crash; names with :, tabs, newlines, 600 characters, emoji and only spaces make one-line labels', async () => {
    const plan = await planInvoices(input.invoices);
    assert.deepEqual(plan.ready.map((d) => d.sourceId).sort(), corpus.invoices.ready.map((i) => i.id).sort());
    assert.deepEqual(plan.blocked.map((d) => d.sourceId).sort(), corpus.invoices.blocked.map((i) => i.id).sort());
    assertReasonsInWords(plan);
    assertCleanLabels(plan);
    const code = (id: string) => plan.blocked.find((b) => b.sourceId === id)?.reasons.map((r) => r.code);
    assert.deepEqual(code('bad-negative'), ['invalid']);
    assert.deepEqual(code('bad-fraction'), ['amounts_do_not_add_up']);
    assert.deepEqual(code('bad-nolines'), ['no_lines', 'amounts_do_not_add_up'].slice(0, code('bad-nolines')?.length));
    assert.deepEqual(code('bad-unlinked'), ['work_code_not_linked']);
    for (const id of ['bad-past', 'bad-future', 'bad-feb30', 'bad-due-before', 'bad-longnumber', 'bad-numbernewline', 'bad-nonumber']) assert.deepEqual(code(id), ['invalid'], id);
    const spaces = plan.ready.find((d) => d.sourceId === 'bad-spaces');
    assert.equal(spaces?.label, 'Invoice BI-6', 'a name of only spaces is left out of the label');
  });

  it('the ready ones export exactly once with the documented transformations; one bad invoice never stops the others', async () => {
    const plan = await planInvoices(input.invoices);
    // A document QBO refuses at send time (an item it does not know) rides along in the same batch.
    const sabotaged = { ...plan.ready[0], sourceId: 'bad-unknown-item', payload: { ...plan.ready[0].payload, DocNumber: 'BI-99', PrivateNote: 'OT-INV:bad-unknown-item', Line: plan.ready[0].payload.Line.map((l) => ({ ...l, SalesItemLineDetail: { ...l.SalesItemLineDetail, ItemRef: { value: '999999' } } })) }, fingerprint: 'OT-INV:bad-unknown-item' };
    const report = await executeInvoiceExport({ ready: [...plan.ready, sabotaged], blocked: plan.blocked }, { gateway: sb.gateway(), journal });
    const failed = report.outcomes.filter((o) => o.result === 'failed');
    assert.deepEqual(failed.map((o) => o.sourceId), ['bad-unknown-item']);
    assert.match(failed[0].error?.message ?? '', /^QuickBooks Online rejected the request: .*2500/);
    assert.equal(report.outcomes.filter((o) => o.result === 'created').length, corpus.invoices.ready.length);
    for (const o of report.outcomes) if (o.targetId) exported.set(o.sourceId, o.targetId);

    const rows = await sb.invoicesByDocNumber(corpus.invoices.ready.map((i) => i.number));
    assert.equal(rows.length, corpus.invoices.ready.length, 'each once');
    for (const inv of corpus.invoices.ready) {
      const q = rows.find((r) => r.DocNumber === inv.number) as QboRecord;
      assert.equal(qboAmountToCents(q.TotalAmt as number), inv.totalCents, `${inv.id}: the total to the cent`);
    }
    const emoji = rows.find((r) => r.DocNumber === 'BI-5') as QboRecord;
    const line = (emoji.Line as QboRecord[])[0];
    assert.equal(line.Description, 'Design \u{1F680} work\twith tab\nand newline' + 'bell', 'control characters dropped, tabs, newlines and emoji kept');
    assert.ok(String(emoji.PrivateNote).startsWith('OT-INV:bad-emoji\n'), 'the marker first');
    assert.ok(String(emoji.PrivateNote).length <= 4000 && !/[\uD800-\uDBFF]$/.test(String(emoji.PrivateNote)), 'the memo cut to 4000 on a whole character');
    const long = (rows.find((r) => r.DocNumber === 'BI-10') as QboRecord).Line as QboRecord[];
    assert.equal(String(long[0].Description), 'x'.repeat(3999), 'cut before the emoji that would not fit whole');
  });
});

describe('bad payments', () => {
  it('export: zero, negative, fractions of a cent, dates far away, a reference on two lines and more than the QBO balance are blocked in words; the rest export once', async () => {
    const all = [...corpus.payments.ready, ...corpus.payments.blocked];
    const base = {
      payments: all,
      links: { contact: input.links.contact },
      qboInvoiceIdByOtInvoiceId: new Map([...exported].filter(([id]) => id === 'bad-colon')),
      paymentMethodIdByName: new Map<string, string>(),
      depositAccountId: '',
      done: new Set<string>(),
      invoiceNumbers: new Map(input.invoices.map((i) => [i.id, i.number])),
      contactsById: input.contactsById,
    };
    assert.equal(base.qboInvoiceIdByOtInvoiceId.size, 1, 'the invoice the payments apply to was exported');
    const qbo = await loadPaymentQboFacts(sb.gateway(), all, base.links, base.qboInvoiceIdByOtInvoiceId, '');
    const plan = planPaymentExport({ ...base, qbo });
    assert.deepEqual(plan.ready.map((d) => d.sourceId).sort(), corpus.payments.ready.map((p) => p.id).sort());
    assert.deepEqual(plan.blocked.map((d) => d.sourceId).sort(), corpus.payments.blocked.map((p) => p.id).sort());
    assertReasonsInWords(plan);
    assertCleanLabels(plan);
    assert.deepEqual(plan.blocked.find((b) => b.sourceId === 'pay-over')?.reasons.map((r) => r.code), ['invoice_balance']);
    assert.equal(plan.ready.find((d) => d.sourceId === 'pay-unapplied')?.detail, 'Unapplied: not applied to any invoice.');

    const report = await executePaymentExport(plan, { gateway: sb.gateway(), journal });
    assert.deepEqual(report.outcomes.map((o) => o.result), plan.ready.map(() => 'created'));
    const memo = await sb.gateway().read<QboRecord>('Payment', report.outcomes.find((o) => o.sourceId === 'pay-emoji-memo')?.targetId as string);
    assert.ok(!String(memo.PrivateNote).includes(String.fromCharCode(0)), 'NUL characters dropped from the memo');
  });

  it('import: more than the OfficeTools balance is recorded with the rest unapplied (and said so); zero, negative, fractions and far dates are blocked; names are one line', async () => {
    const host: FirmHost = await openFirmHost();
    try {
      const otInvoice = host.store.listInvoices().find((i) => i.balanceCents > 0);
      assert.ok(otInvoice, 'the firm has an open invoice');
      const contact = { id: otInvoice.contactId };
      const rows = [...corpus.qboPaymentRows.ready, ...corpus.qboPaymentRows.blocked];
      const plan = planPaymentImport({
        realmId,
        rows,
        links: { contact: new Map([[contact.id, 'CUST']]) },
        otInvoiceIdByQboInvoiceId: new Map([['QINV', otInvoice.id]]),
        otInvoices: host.store.listInvoices(),
        done: new Set(),
      });
      assert.deepEqual(plan.ready.map((d) => d.sourceId).sort(), corpus.qboPaymentRows.ready.map((r) => r.qboId).sort());
      assertReasonsInWords(plan);
      assertCleanLabels(plan);
      const over = plan.ready.find((d) => d.sourceId === 'q-over');
      const applied = Math.min(otInvoice.balanceCents, 5000);
      assert.equal(over?.payload.applications[0]?.amountCents, applied);
      if (applied < 5000) assert.match(over?.detail ?? '', /^Partly applied: .* unapplied \(more than the OfficeTools balance of OfficeTools invoice .* \(QuickBooks invoice Q-1\)\)\.$/);
      const report = await executePaymentImport(plan, { host, journal });
      assert.deepEqual(report.outcomes.map((o) => o.result), ['created', 'created']);
      assert.equal(host.store.listPayments().filter((p) => p.origin.system === 'qbo' && p.origin.qboId === 'q-over').length, 1);
    } finally {
      await host.close();
    }
  });
});

describe('malformed QuickBooks answers', () => {
  const cases: Array<{ name: string; status: number; type: string; body: string; code: RegExp }> = [
    { name: 'an HTML error page', status: 502, type: 'text/html', body: answer('html-error-page.html'), code: /http_502/ },
    { name: 'an XML fault', status: 500, type: 'application/xml', body: answer('xml-fault.xml'), code: /10000/ },
    { name: 'truncated JSON', status: 200, type: 'application/json', body: answer('truncated.json'), code: /badResponse|not a JSON object/ },
    { name: 'a 200 carrying a Fault', status: 200, type: 'application/json', body: answer('fault-in-200.json'), code: /6000/ },
  ];
  for (const c of cases) {
    it(`${c.name} on the batch stops the run cleanly with a typed error; the next run finishes with each invoice once`, async () => {
      const invoices = corpus.invoices.ready.slice(0, 3).map((inv, k) => ({ ...inv, id: `${inv.id}-${c.status}-${c.name.length}`, number: `MAL-${c.name.length}-${c.status}-${k}` }));
      const plan = await planInvoices(invoices);
      assert.equal(plan.ready.length, 3);
      const j = createMemoryJournal(realmId);
      await sb.injectFault({ operation: 'batch' }, { type: 'status', status: c.status, headers: { 'Content-Type': c.type }, body: c.body }, 10);
      const once = sb.gateway({ retryPolicy: { ...FAST_RETRIES, maxAttempts: 2 } });
      let report;
      try {
        report = await executeInvoiceExport(plan, { gateway: once, journal: j });
      } catch (e) {
        assert.fail(`the run threw instead of reporting: ${String(e)}`);
      }
      assert.equal(report.outcomes.filter((o) => o.result === 'created').length, 0);
      const why = report.stoppedBy ?? report.outcomes.find((o) => o.error)?.error;
      assert.ok(why, 'the run says why');
      assert.match(`${why.code} ${why.message}`, c.code);
      assert.doesNotMatch(why.message, /<html|<\/|\{"/i, 'no raw markup or JSON in the message');
      await sb.clearFaults();
      const later = Date.now() + 10 * 60_000;
      const next = await executeInvoiceExport(await planInvoices(invoices), { gateway: sb.gateway(), journal: j, now: () => later });
      assert.ok(next.outcomes.every((o) => o.result !== 'failed'), JSON.stringify(next.outcomes.map((o) => o.error)));
      assert.equal((await sb.invoicesByDocNumber(invoices.map((i) => i.number))).length, 3, 'each once');
    });
  }

  it('each malformed answer parses to a typed QBO error (not a crash) through the gateway', async () => {
    for (const c of cases) {
      await sb.injectFault({ operation: 'query.invoice' }, { type: 'status', status: c.status, headers: { 'Content-Type': c.type }, body: c.body }, 10);
      const g = sb.gateway({ retryPolicy: { ...FAST_RETRIES, maxAttempts: 1 } });
      const error = await g.queryAll('Invoice', "DocNumber = 'x'").then(() => undefined, (e: unknown) => e);
      assert.ok(isQboFaultError(error), `${c.name}: a QboFaultError`);
      assert.ok(error.message.length > 20);
      await sb.clearFaults();
    }
  });
});
