/**
 * Export Payments, the I/O half: the exactly-once run of export-runner.ts with the payment's
 * fingerprint — a QBO Payment of the same customer and date whose PrivateNote carries
 * `OT-PAY:<id>`. Payments have no unique number in QBO, so the fingerprint search before each
 * run, the journal and the requestids are what keep a payment from being entered twice.
 */
import type { QboRecord } from '../qbo/gateway';
import { inList } from '../qbo/query-builder';
import type { BillingExportDeps, BillingGateway } from './billing-ports';
import type { BillingPlan, BillingRunReport, PlannedDocument, QboPaymentPayload } from './billing-types';
import { noteHasMarker } from './document-markers';
import type { ExportSpec } from './export-runner';
import { runExport } from './export-runner';

/** Payments per fingerprint query: at most this many customers and dates in each IN list. */
const PAYMENTS_PER_QUERY = 100;

function refValue(ref: unknown): string | undefined {
  return typeof ref === 'object' && ref !== null && typeof (ref as { value?: unknown }).value === 'string' ? (ref as { value: string }).value : undefined;
}

/** sourceId → the QBO Payment carrying that OfficeTools payment's fingerprint. */
export async function findExportedPayments(
  gateway: Pick<BillingGateway, 'queryAll'>,
  docs: readonly PlannedDocument<QboPaymentPayload>[],
): Promise<Map<string, QboRecord>> {
  const found = new Map<string, QboRecord>();
  for (let i = 0; i < docs.length; i += PAYMENTS_PER_QUERY) {
    const part = docs.slice(i, i + PAYMENTS_PER_QUERY);
    const customers = [...new Set(part.map((d) => d.payload.CustomerRef.value))];
    const dates = [...new Set(part.map((d) => d.payload.TxnDate))];
    const rows = await gateway.queryAll<QboRecord>('Payment', `CustomerRef IN ${inList(customers)} AND TxnDate IN ${inList(dates)}`);
    for (const doc of part) {
      const hit = rows.find(
        (r) => refValue(r.CustomerRef) === doc.payload.CustomerRef.value && r.TxnDate === doc.payload.TxnDate && noteHasMarker(r.PrivateNote, doc.fingerprint),
      );
      if (hit) found.set(doc.sourceId, hit);
    }
  }
  return found;
}

export const paymentExportSpec: ExportSpec<QboPaymentPayload> = {
  kind: 'paymentExport',
  entity: 'Payment',
  findExisting: findExportedPayments,
  // QBO has no uniqueness rule for payments, so no fault can mean "already there".
  mayAlreadyExist: () => false,
  describeFault: (_doc, error) => error.message,
};

export function executePaymentExport(plan: BillingPlan<QboPaymentPayload>, deps: BillingExportDeps): Promise<BillingRunReport> {
  return runExport(paymentExportSpec, plan, deps);
}
