/**
 * Export Invoices, the I/O half: the exactly-once run of export-runner.ts with the invoice's
 * fingerprint — a QBO Invoice with the same DocNumber, the same customer and the marker
 * `OT-INV:<id>` in its PrivateNote. A duplicate DocNumber (6140) from QBO is re-checked
 * against that fingerprint: a second staff member exporting the same invoice at the same
 * moment ends with one invoice, linked on both sides.
 */
import type { QboFaultError } from '../qbo/errors';
import type { QboRecord } from '../qbo/gateway';
import { inList } from '../qbo/query-builder';
import type { BillingExportDeps, BillingGateway } from './billing-ports';
import type { BillingPlan, BillingRunReport, PlannedDocument, QboInvoicePayload } from './billing-types';
import { noteHasMarker } from './document-markers';
import type { ExportSpec } from './export-runner';
import { runExport } from './export-runner';

/** DocNumbers per fingerprint query (the query goes by POST when long). */
const DOC_NUMBERS_PER_QUERY = 100;
/** QBO's Duplicate Document Number Error. */
const DUPLICATE_DOC_NUMBER = '6140';

function refValue(ref: unknown): string | undefined {
  return typeof ref === 'object' && ref !== null && typeof (ref as { value?: unknown }).value === 'string' ? (ref as { value: string }).value : undefined;
}

/** Customers and dates per fallback query (invoices without a DocNumber, or renumbered since). */
const PAIRS_PER_QUERY = 100;

/**
 * sourceId → the QBO Invoice carrying that OfficeTools invoice's fingerprint. First by
 * DocNumber; then, for any not found that way (QBO numbered it, or the firm's numbering
 * changed since it was exported), by customer and date — always with the `OT-INV:` marker.
 */
export async function findExportedInvoices(
  gateway: Pick<BillingGateway, 'queryAll'>,
  docs: readonly PlannedDocument<QboInvoicePayload>[],
): Promise<Map<string, QboRecord>> {
  const found = new Map<string, QboRecord>();
  const numbered = docs.filter((d): d is PlannedDocument<QboInvoicePayload> & { payload: { DocNumber: string } } => typeof d.payload.DocNumber === 'string' && d.payload.DocNumber !== '');
  const numbers = [...new Set(numbered.map((d) => d.payload.DocNumber))];
  const byNumber = new Map<string, QboRecord[]>();
  for (let i = 0; i < numbers.length; i += DOC_NUMBERS_PER_QUERY) {
    const rows = await gateway.queryAll<QboRecord>('Invoice', `DocNumber IN ${inList(numbers.slice(i, i + DOC_NUMBERS_PER_QUERY))}`);
    for (const row of rows) {
      if (typeof row.DocNumber !== 'string') continue;
      const key = row.DocNumber.toLowerCase();
      byNumber.set(key, [...(byNumber.get(key) ?? []), row]);
    }
  }
  for (const doc of numbered) {
    const rows = byNumber.get(doc.payload.DocNumber.toLowerCase()) ?? [];
    const hit = rows.find((r) => refValue(r.CustomerRef) === doc.payload.CustomerRef.value && noteHasMarker(r.PrivateNote, doc.fingerprint));
    if (hit) found.set(doc.sourceId, hit);
  }
  const rest = docs.filter((d) => !found.has(d.sourceId) && typeof d.payload.DocNumber !== 'string');
  for (let i = 0; i < rest.length; i += PAIRS_PER_QUERY) {
    const part = rest.slice(i, i + PAIRS_PER_QUERY);
    const customers = [...new Set(part.map((d) => d.payload.CustomerRef.value))];
    const dates = [...new Set(part.map((d) => d.payload.TxnDate))];
    const rows = await gateway.queryAll<QboRecord>('Invoice', `CustomerRef IN ${inList(customers)} AND TxnDate IN ${inList(dates)}`);
    for (const doc of part) {
      const hit = rows.find((r) => refValue(r.CustomerRef) === doc.payload.CustomerRef.value && noteHasMarker(r.PrivateNote, doc.fingerprint));
      if (hit) found.set(doc.sourceId, hit);
    }
  }
  return found;
}

export const invoiceExportSpec: ExportSpec<QboInvoicePayload> = {
  kind: 'invoiceExport',
  entity: 'Invoice',
  findExisting: findExportedInvoices,
  mayAlreadyExist: (error: QboFaultError) => error.code === DUPLICATE_DOC_NUMBER,
  describeFault(doc, error) {
    if (error.code === DUPLICATE_DOC_NUMBER) {
      // The plan checks numbers first; this is a number taken in QBO since the plan was made.
      return `QuickBooks Online already has another invoice numbered ${doc.payload.DocNumber ?? ''}, entered there after the export was checked. Export it again: the check then offers to link that invoice or to number exported invoices differently.`;
    }
    return error.message;
  },
};

export function executeInvoiceExport(plan: BillingPlan<QboInvoicePayload>, deps: BillingExportDeps): Promise<BillingRunReport> {
  return runExport(invoiceExportSpec, plan, deps);
}
