/**
 * `npm run bench -- billing`: the Time & Billing engine at 1,000 documents (issue 6, "Speed"),
 * driven in Node exactly as the panel drives it — load*Context, plan*, execute* — against the
 * QBO sandbox with its REAL limits on and the shell's real FirmStore as the OfficeTools host.
 * The journal is the engine's in-memory stand-in from the node tests (same transitions as the
 * IndexedDB journal; Node has no IndexedDB).
 *
 * Every request count is read from the sandbox's request log (the difference between two
 * reads around the measured run); every time is a wall-clock difference around the run.
 * Before each phase the sandbox's limit windows are emptied and a fresh client (own pacer)
 * is used, so no phase pays for the one before. Each run is checked afterwards (exactly one
 * document per document, every amount to the cent) and a wrong result fails the group.
 *
 * Then the reconciliation report (issue 14) for 20,000 clients: bench/billing/reconcile-bench.ts.
 */
import { executeInvoiceExport } from '../../src/sync/billing/execute-invoice-export';
import { executePaymentExport } from '../../src/sync/billing/execute-payment-export';
import { executePaymentImport } from '../../src/sync/billing/execute-payment-import';
import type { BillingLinks } from '../../src/sync/billing/load-billing-context';
import { loadInvoiceExportContext, loadPaymentExportContext, loadPaymentImportContext } from '../../src/sync/billing/load-billing-context';
import { planInvoiceExport } from '../../src/sync/billing/plan-invoice-export';
import { planPaymentExport } from '../../src/sync/billing/plan-payment-export';
import { planPaymentImport } from '../../src/sync/billing/plan-payment-import';
import type { BillingPlan, BillingRunReport } from '../../src/sync/billing/billing-types';
import type { Invoice, Payment } from '../../src/sync/host/protocol';
import type { QboRecord } from '../../src/sync/qbo/gateway';
import type { LinkKind, LinkRecord } from '../../src/sync/store/schema';
import { createMemoryJournal } from '../../test/node/billing/memory-journal';
import { openBenchFirm, type BenchFirm } from '../billing/bench-firm';
import { describeOps, logDelta, startBenchSandbox, writeRequests, type BenchSandbox, type OperationCounts } from '../billing/bench-sandbox';
import { checkImportedPayments, checkInvoicesInQbo, checkPaymentsInQbo } from '../billing/check-results';
import { firmHost } from '../billing/firm-host';
import { createOnePerDocument } from '../billing/one-per-document';
import { createQboPayments } from '../billing/qbo-payments';
import { runReconcileBench } from '../billing/reconcile-bench';
import type { Metric } from '../metric';

const COUNT = 1_000;
const CONTACTS = 200;
/** QBO payments for the import are dated after every other payment, so the list can start there. */
const IMPORT_DATE = '2026-12-15';
const METHODS = ['Check', 'Check', 'Visa', 'Cash'] as const;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function expectAll<P>(what: string, plan: BillingPlan<P>, count: number): void {
  if (plan.ready.length !== count || plan.blocked.length !== 0) {
    const why = plan.blocked.slice(0, 3).map((b) => `${b.label}: ${b.reasons.map((r) => r.message).join(' ')}`);
    throw new Error(`${what}: ${plan.ready.length} of ${count} ready, ${plan.blocked.length} blocked (${why.join(' | ')})`);
  }
}

function expectCreated(what: string, report: BillingRunReport, count: number): void {
  const created = report.outcomes.filter((o) => o.result === 'created').length;
  if (created !== count || report.stoppedBy || report.cancelled) {
    const failed = report.outcomes.filter((o) => o.result !== 'created').slice(0, 3).map((o) => `${o.label}: ${o.result} ${o.error?.message ?? ''}`);
    throw new Error(`${what}: ${created} of ${count} created${report.stoppedBy ? `, stopped by ${report.stoppedBy.message}` : ''} (${failed.join(' | ')})`);
  }
}

/** Runs `body` between two reads of the request log, timing it. */
async function measured<T>(sb: BenchSandbox, body: () => Promise<T>): Promise<{ value: T; ms: number; delta: OperationCounts }> {
  const before = await sb.log();
  const started = performance.now();
  const value = await body();
  const ms = performance.now() - started;
  return { value, ms, delta: logDelta(before, await sb.log()) };
}

/** An OfficeTools payment of part of an invoice (every ninth overpays, leaving an unapplied remainder). */
function partPayment(firm: BenchFirm, inv: Invoice, k: number, date: string): Payment {
  const applied = Math.floor((inv.totalCents * 2) / 5);
  const method = METHODS[k % METHODS.length];
  return firm.store.createPayment({
    contactId: inv.contactId,
    date,
    amountCents: applied + (k % 9 === 0 ? 2_500 : 0),
    method,
    ...(method === 'Check' ? { reference: String(4_000 + k) } : {}),
    applications: [{ invoiceId: inv.id, amountCents: applied }],
    origin: { system: 'officetools' },
  });
}

export async function run(): Promise<Metric[]> {
  const exports = await runExports();
  // Its own sandbox and firm (20,000 clients), after the exports' are closed, so neither run shares memory or limits.
  return [...exports, ...(await runReconcileBench())];
}

async function runExports(): Promise<Metric[]> {
  const sb = await startBenchSandbox();
  let firm: BenchFirm | undefined;
  try {
    firm = await openBenchFirm({
      contacts: CONTACTS,
      sets: [
        { name: 'export', count: COUNT, firstNumber: 20_001 },
        { name: 'baseline', count: COUNT, firstNumber: 30_001 },
      ],
      seed: 61_000,
    });
    const { store } = firm;
    const exportSet = firm.sets.export;
    const baselineSet = firm.sets.baseline;
    const host = firmHost(store);

    // --- setup: QBO customers and items, the links and Account Defaults ----------------------
    await sb.seedCustomers(CONTACTS);
    const setup = sb.client();
    const customers = (await setup.queryAll<QboRecord>('Customer')).filter((c) => c.Job !== true && !c.ParentRef).map((c) => String(c.Id));
    const items = (await setup.queryAll<QboRecord>('Item', "Type = 'Service'")).map((i) => String(i.Id));
    if (customers.length < CONTACTS || items.length < 3) throw new Error(`The sandbox has ${customers.length} customers and ${items.length} service items; the bench needs ${CONTACTS} and 3.`);
    const linkMaps: Record<LinkKind, Map<string, string>> = {
      contact: new Map(firm.billedContacts.map((c, k) => [c.id, customers[k]])),
      workCode: new Map(store.listCodes('workCode').map((w, k) => [w.id, items[k % items.length]])),
      expenseCode: new Map(store.listCodes('expenseCode').map((x, k) => [x.id, items[(k + 5) % items.length]])),
      employee: new Map(),
    };
    const links: BillingLinks = {
      async list(kind: LinkKind): Promise<LinkRecord[]> {
        return [...linkMaps[kind]].map(([otId, qboId]) => ({ realmId: sb.realmId, kind, otId, qboId, origin: 'manual', createdAt: '2026-11-01T09:00:00.000Z', createdBy: 'bench' }));
      },
    };
    const settings = { lineItemDefaults: Object.fromEntries(store.listLineItems().map((li, k) => [li.id, items[(k + 2) % items.length]])), depositAccountId: '' };
    const journal = createMemoryJournal(sb.realmId, 'Bench Staff');
    const customerOf = (contactId: string) => linkMaps.contact.get(contactId);

    // --- Export Invoices: plan + execute, the panel's Export Selected -----------------------
    const limits = await sb.resetLimits();
    const limitsText = `${limits.perRealmPerMinute}/min, ${limits.perAppPerSecond}/s, ${limits.concurrentPerApp} in flight, ${limits.batchPerAppPerMinute} batch/min`;
    const client = sb.client();
    const invoiceRun = await measured(sb, async () => {
      const ctx = await loadInvoiceExportContext({ host, links, settings, journal });
      const plan = planInvoiceExport({ ...ctx.input, invoices: exportSet });
      expectAll('Invoice export plan', plan, COUNT);
      return executeInvoiceExport(plan, { gateway: client, journal });
    });
    expectCreated('Invoice export', invoiceRun.value, COUNT);
    const invoiceWrites = writeRequests(invoiceRun.delta);
    await checkInvoicesInQbo(client, exportSet, customerOf);

    // Baseline: 1,000 other invoices, the same planned bodies, one POST each, same client.
    const baselineCtx = await loadInvoiceExportContext({ host, links, settings, journal });
    const baselinePlan = planInvoiceExport({ ...baselineCtx.input, invoices: baselineSet });
    expectAll('Baseline invoice plan', baselinePlan, COUNT);
    await sb.resetLimits();
    const invoiceBaseline = await measured(sb, () => createOnePerDocument(client, 'Invoice', baselinePlan.ready));
    if (invoiceBaseline.value.created.size !== COUNT) throw new Error(`Baseline invoices: ${invoiceBaseline.value.created.size} of ${COUNT} created (${invoiceBaseline.value.failures.slice(0, 3).join(' | ')})`);
    const invoiceBaselineWrites = writeRequests(invoiceBaseline.delta);

    // --- Export Payments: one OfficeTools payment on each exported invoice ------------------
    const exportedPayments = exportSet.map((inv, k) => partPayment(firm as BenchFirm, inv, k, '2026-11-20'));
    await sb.resetLimits();
    const paymentClient = sb.client();
    const paymentRun = await measured(sb, async () => {
      const ctx = await loadPaymentExportContext({ host, gateway: paymentClient, links, settings, journal });
      const plan = planPaymentExport({ ...ctx.input, payments: exportedPayments });
      expectAll('Payment export plan', plan, COUNT);
      return executePaymentExport(plan, { gateway: paymentClient, journal });
    });
    expectCreated('Payment export', paymentRun.value, COUNT);
    const paymentWrites = writeRequests(paymentRun.delta);
    const qboInvoiceOf = new Map((await journal.list('invoiceExport', 'done')).map((e) => [e.sourceId, e.targetId ?? '']));
    const qboPaymentOf = new Map(paymentRun.value.outcomes.map((o) => [o.sourceId, o.targetId ?? '']));
    await checkPaymentsInQbo(paymentClient, exportedPayments, qboPaymentOf, qboInvoiceOf);

    // Baseline: 1,000 other payments (on the baseline invoices), planned the same way, one POST each.
    const baselinePayments = baselineSet.map((inv, k) => partPayment(firm as BenchFirm, inv, k, '2026-11-21'));
    const paymentBaselineCtx = await loadPaymentExportContext({ host, gateway: paymentClient, links, settings, journal });
    const paymentBaselinePlan = planPaymentExport({
      ...paymentBaselineCtx.input,
      payments: baselinePayments,
      qboInvoiceIdByOtInvoiceId: invoiceBaseline.value.created,
    });
    expectAll('Baseline payment plan', paymentBaselinePlan, COUNT);
    await sb.resetLimits();
    const paymentBaseline = await measured(sb, () => createOnePerDocument(paymentClient, 'Payment', paymentBaselinePlan.ready));
    if (paymentBaseline.value.created.size !== COUNT) throw new Error(`Baseline payments: ${paymentBaseline.value.created.size} of ${COUNT} created (${paymentBaseline.value.failures.slice(0, 3).join(' | ')})`);
    const paymentBaselineWrites = writeRequests(paymentBaseline.delta);

    // --- Import Payments: 1,000 payments entered in QBO for the rest of each exported invoice --
    await sb.resetLimits();
    const specs = exportSet.map((inv, k) => {
      const paid = exportedPayments[k].applications[0].amountCents;
      return { customerId: customerOf(inv.contactId) ?? '', invoiceQboId: qboInvoiceOf.get(inv.id) ?? '', amountCents: inv.totalCents - paid, date: IMPORT_DATE, reference: `QB-${7_000 + k}` };
    });
    const qboPaymentIds = await createQboPayments(sb.client(), specs);
    const expectedImports = new Map(qboPaymentIds.map((id, k) => [id, { invoiceId: exportSet[k].id, amountCents: specs[k].amountCents }]));
    await sb.resetLimits();
    const importClient = sb.client();
    const hostCallsBefore = new Map(host.calls);
    const importRun = await measured(sb, async () => {
      const ctx = await loadPaymentImportContext({ host, gateway: importClient, links, journal, since: IMPORT_DATE });
      const plan = planPaymentImport(ctx.input);
      expectAll('Payment import plan', plan, COUNT);
      return executePaymentImport(plan, { host, journal });
    });
    expectCreated('Payment import', importRun.value, COUNT);
    checkImportedPayments(store.listPayments(), sb.realmId, expectedImports);
    const unpaid = exportSet.filter((inv) => store.getInvoice(inv.id).balanceCents !== 0);
    if (unpaid.length) throw new Error(`After the import ${unpaid.length} exported invoices still show a balance in the firm, e.g. ${unpaid[0].number}.`);
    const hostCalls = [...host.calls].map(([m, n]) => [m, n - (hostCallsBefore.get(m) ?? 0)] as const).filter(([, n]) => n > 0);

    const throttled = (d: OperationCounts) => d.byStatus['429'] ?? 0;
    return [
      {
        name: 'billing.exportInvoices1000.requests',
        value: invoiceWrites,
        unit: 'requests',
        baseline: invoiceBaselineWrites,
        note:
          `QBO write requests in the sandbox log while executeInvoiceExport created ${COUNT} invoices (${invoiceRun.value.writeRequests} batch calls by the engine's own count); ` +
          `all requests of the run: ${describeOps(invoiceRun.delta.byOperation)} (429s: ${throttled(invoiceRun.delta)}). ` +
          `Baseline: ${COUNT} other invoices (same planned bodies), one POST each through a product QboClient: ${describeOps(invoiceBaseline.delta.byOperation)}. ` +
          `Checked: one QBO invoice per OfficeTools invoice, every line to the cent. Target (issue 6): ≤ 40 → ${invoiceWrites <= 40 ? 'met' : 'NOT met'}.`,
      },
      {
        name: 'billing.exportInvoices1000.ms',
        value: Math.round(invoiceRun.ms),
        unit: 'ms',
        baseline: Math.round(invoiceBaseline.value.ms),
        note:
          `Wall time of loadInvoiceExportContext + planInvoiceExport + executeInvoiceExport for ${COUNT} invoices (${invoiceRun.delta.total} QBO requests), sandbox limits ON (${limitsText}), product pacer at QBO's limits. ` +
          `Baseline: the ${COUNT} one-POST-each creates took ${seconds(invoiceBaseline.value.ms)} under the same limits (429s: ${throttled(invoiceBaseline.delta)}).`,
      },
      {
        name: 'billing.exportPayments1000.requests',
        value: paymentWrites,
        unit: 'requests',
        baseline: paymentBaselineWrites,
        note:
          `QBO write requests in the sandbox log while executePaymentExport created ${COUNT} payments applied to the exported invoices (engine count ${paymentRun.value.writeRequests}); ` +
          `all requests of the run: ${describeOps(paymentRun.delta.byOperation)}; run took ${seconds(paymentRun.ms)} with limits on. ` +
          `Baseline: ${COUNT} other payments (same planned bodies), one POST each: ${describeOps(paymentBaseline.delta.byOperation)}, ${seconds(paymentBaseline.value.ms)}. ` +
          `Checked: each payment once in QBO with its total and applications to the cent.`,
      },
      {
        name: 'billing.importPayments1000.ms',
        value: Math.round(importRun.ms),
        unit: 'ms',
        note:
          `Wall time of loadPaymentImportContext (since ${IMPORT_DATE}) + planPaymentImport + executePaymentImport: ${COUNT} payments entered in QBO recorded in the shell's FirmStore through the host port, sandbox limits ON. ` +
          `QBO requests: ${describeOps(importRun.delta.byOperation)}; host calls: ${hostCalls.map(([m, n]) => `${m} ${n}`).join(', ')}. ` +
          `Checked: each QBO payment recorded once, applied in full, every exported invoice paid off in the firm.`,
      },
    ];
  } finally {
    await firm?.close();
    await sb.close();
  }
}
