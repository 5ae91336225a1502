/**
 * `billing.reconcile20k.*`: the reconciliation report (src/sync/reconcile) for 20,000 clients
 * with 5 invoices and 3 payments each, loaded exactly as the panel loads it — host lists from
 * the shell's real FirmStore, links, the journal, QBO in pages — against the sandbox with its
 * REAL limits on and the product pacer. Requests are read from the sandbox's request log around
 * the run. The report is then checked (every planted discrepancy found, nothing else, QBO's and
 * OfficeTools' totals to the cent), so a fast number can never come from a wrong report.
 */
import type { LinkRecord } from '../../src/sync/store/schema';
import { loadReconciliation } from '../../src/sync/reconcile/load-reconciliation';
import type { ReconcileReport } from '../../src/sync/reconcile/reconcile-types';
import { createMemoryJournal } from '../../test/node/billing/memory-journal';
import type { Metric } from '../metric';
import { describeOps, logDelta, startBenchSandbox } from './bench-sandbox';
import { firmHost } from './firm-host';
import { buildReconcileBooks, RECONCILE_PERIOD, type ReconcileBooks, type ReconcileBooksSpec } from './reconcile-books';

/** Issue 14: at most 250 QBO requests for the whole report. */
export const RECONCILE_REQUEST_TARGET = 250;

function check(report: ReconcileReport, books: ReconcileBooks, spec: ReconcileBooksSpec): void {
  const problems: string[] = [];
  const count = (pred: (d: ReconcileReport['documents'][number]) => boolean) => report.documents.filter(pred).length;
  const { expected } = books;
  const want = (what: string, got: number, wanted: number) => {
    if (got !== wanted) problems.push(`${what}: ${got}, expected ${wanted}`);
  };
  want('clients', report.clients.length, spec.clients);
  want('invoices only in OfficeTools', count((d) => d.kind === 'invoice' && d.status === 'onlyInOfficeTools'), expected.issues.invoiceOnlyInOfficeTools);
  want('invoices only in QuickBooks', count((d) => d.kind === 'invoice' && d.status === 'onlyInQbo'), expected.issues.invoiceOnlyInQbo);
  want('invoices differing in amount only', count((d) => d.kind === 'invoice' && d.differences.join() === 'amount'), expected.issues.invoiceAmount);
  want('invoices differing in customer only', count((d) => d.kind === 'invoice' && d.differences.join() === 'customer'), expected.issues.invoiceCustomer);
  want('payments only in OfficeTools', count((d) => d.kind === 'payment' && d.status === 'onlyInOfficeTools'), expected.issues.paymentOnlyInOfficeTools);
  want('payments with an issue', count((d) => d.kind === 'payment' && d.status !== 'matched'), expected.issues.paymentOnlyInOfficeTools);
  want('all issues', report.totals.issues, Object.values(expected.issues).reduce((s, n) => s + n, 0));
  want('invoices matched by the journal', count((d) => d.kind === 'invoice' && d.matchedBy === 'journal'), books.invoiceJournal.length);
  want('payments matched by the journal', count((d) => d.kind === 'payment' && d.matchedBy === 'journal'), books.paymentJournal.length);
  const invoices = books.store.listInvoices();
  want('OfficeTools invoiced (cents)', report.totals.ot.invoicedCents, invoices.reduce((s, i) => s + i.totalCents, 0));
  want('OfficeTools open (cents)', report.totals.ot.openCents, invoices.reduce((s, i) => s + i.balanceCents, 0));
  want('OfficeTools paid (cents)', report.totals.ot.paidCents, books.store.listPayments().reduce((s, p) => s + p.amountCents, 0));
  want('QuickBooks invoiced (cents)', report.totals.qbo.invoicedCents, expected.qboInvoicedCents);
  want('QuickBooks paid (cents)', report.totals.qbo.paidCents, expected.qboPaidCents);
  want('QuickBooks open (cents)', report.totals.qbo.openCents, expected.qboOpenCents);
  if (problems.length) throw new Error(`The reconciliation report is wrong: ${problems.join('; ')}`);
}

export async function runReconcileBench(spec: ReconcileBooksSpec = { clients: 20_000, invoicesPerClient: 5, paymentsPerClient: 3 }): Promise<Metric[]> {
  const setupStarted = performance.now();
  const { books, writeQbo } = await buildReconcileBooks(spec);
  const sb = await startBenchSandbox({ prepare: writeQbo });
  try {
    const setupMs = performance.now() - setupStarted;
    const journal = createMemoryJournal(sb.realmId, 'Bench Staff');
    await journal.record('invoiceExport', books.invoiceJournal);
    await journal.record('paymentExport', books.paymentJournal);
    const contactLinks = [...books.customerOf].map(([otId, qboId]): LinkRecord => ({ realmId: sb.realmId, kind: 'contact', otId, qboId, origin: 'manual', createdAt: '2026-11-01T09:00:00.000Z', createdBy: 'bench' }));
    const host = firmHost(books.store);
    const limits = await sb.resetLimits();
    const client = sb.client();
    const before = await sb.log();
    const started = performance.now();
    const report = await loadReconciliation({ host, gateway: client, journal, links: { list: async (kind) => (kind === 'contact' ? contactLinks : []) } }, RECONCILE_PERIOD);
    const ms = performance.now() - started;
    const delta = logDelta(before, await sb.log());
    check(report, books, spec);
    const label = `${spec.clients.toLocaleString('en-US')} clients × ${spec.invoicesPerClient} invoices + ${spec.paymentsPerClient} payments`;
    const name = spec.clients === 20_000 ? 'reconcile20k' : `reconcile${spec.clients}`;
    return [
      {
        name: `billing.${name}.ms`,
        value: Math.round(ms),
        unit: 'ms',
        note:
          `Wall time of loadReconciliation for ${RECONCILE_PERIOD.from}..${RECONCILE_PERIOD.to}: ${label} (${report.documents.length} documents compared, ${report.totals.issues} planted issues found), ` +
          `host lists from the shell's FirmStore, QBO read in pages of 1000 from the sandbox with limits ON (${limits.perRealmPerMinute}/min, ${limits.perAppPerSecond}/s, ${limits.concurrentPerApp} in flight) through the product pacer. ` +
          `Checked: every planted discrepancy found and nothing else; both systems' invoiced, paid and open totals to the cent. Setup (books, sandbox data) took ${(setupMs / 1000).toFixed(1)} s, not counted.`,
      },
      {
        name: `billing.${name}.requests`,
        value: delta.total,
        unit: 'requests',
        note: `QBO requests in the sandbox log during the report: ${describeOps(delta.byOperation)} (429s: ${delta.byStatus['429'] ?? 0}). Target (issue 14): ≤ ${RECONCILE_REQUEST_TARGET} → ${delta.total <= RECONCILE_REQUEST_TARGET ? 'met' : 'NOT met'}.`,
      },
    ];
  } finally {
    await sb.close();
    await books.close();
  }
}
