/**
 * The Import Payments list: QBO payments with their customers' names, the invoices each pays
 * (with DocNumbers, and the OfficeTools invoice when the QBO invoice carries `OT-INV:`), and
 * whether the payment came from OfficeTools — its PrivateNote carries `OT-PAY:`, or the
 * journal recorded it as exported — so that it is never offered for import.
 */
import { qboAmountToCents } from '../mappings/money';
import type { QboRecord } from '../qbo/gateway';
import { inList, quote } from '../qbo/query-builder';
import type { BillingGateway } from './billing-ports';
import type { QboPaymentListRow } from './billing-types';
import { INVOICE_MARKER_PREFIX, PAYMENT_MARKER_PREFIX, markerIds } from './document-markers';

/** Ids per `Id IN (…)` look-up. */
const IDS_PER_QUERY = 100;

export interface ListQboPaymentsOptions {
  /** QBO Ids of payments this add-in exported (from the journal), for notes QBO users edited. */
  exportedPaymentQboIds?: ReadonlySet<string>;
}

function refValue(ref: unknown): string | undefined {
  return typeof ref === 'object' && ref !== null && typeof (ref as { value?: unknown }).value === 'string' ? (ref as { value: string }).value : undefined;
}

function refName(ref: unknown): string | undefined {
  return typeof ref === 'object' && ref !== null && typeof (ref as { name?: unknown }).name === 'string' ? (ref as { name: string }).name : undefined;
}

async function byIds(gateway: Pick<BillingGateway, 'queryAll'>, entity: string, ids: readonly string[], includeInactive: boolean): Promise<Map<string, QboRecord>> {
  const out = new Map<string, QboRecord>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += IDS_PER_QUERY) {
    const rows = await gateway.queryAll<QboRecord>(entity, `Id IN ${inList(unique.slice(i, i + IDS_PER_QUERY))}`, { includeInactive });
    for (const r of rows) out.set(String(r.Id), r);
  }
  return out;
}

/** What a payment's lines pay: QBO invoice Id → cents, in line order. */
function paidInvoices(payment: QboRecord): Map<string, number> {
  const out = new Map<string, number>();
  if (!Array.isArray(payment.Line)) return out;
  for (const line of payment.Line as QboRecord[]) {
    if (!Array.isArray(line.LinkedTxn)) continue;
    for (const link of line.LinkedTxn as QboRecord[]) {
      if (link.TxnType !== 'Invoice' || typeof link.TxnId !== 'string') continue;
      out.set(link.TxnId, (out.get(link.TxnId) ?? 0) + qboAmountToCents(line.Amount as number));
    }
  }
  return out;
}

/** QBO payments dated `since` (YYYY-MM-DD) or later, newest first; all of them without `since`. */
export async function listQboPayments(
  gateway: Pick<BillingGateway, 'queryAll'>,
  since?: string,
  options: ListQboPaymentsOptions = {},
): Promise<QboPaymentListRow[]> {
  const payments = await gateway.queryAll<QboRecord>('Payment', since ? `TxnDate >= ${quote(since)}` : undefined, {
    orderBy: { field: 'TxnDate', direction: 'DESC' },
  });
  const customerIds = payments.map((p) => refValue(p.CustomerRef)).filter((id): id is string => id !== undefined);
  const paid = new Map(payments.map((p) => [String(p.Id), paidInvoices(p)]));
  const invoiceIds = [...paid.values()].flatMap((m) => [...m.keys()]);
  const wantsMethods = payments.some((p) => refValue(p.PaymentMethodRef));
  const [customers, invoices, methods] = await Promise.all([
    byIds(gateway, 'Customer', customerIds, true),
    byIds(gateway, 'Invoice', invoiceIds, false),
    wantsMethods ? gateway.queryAll<QboRecord>('PaymentMethod', undefined, { includeInactive: true }) : Promise.resolve([]),
  ]);
  const methodNames = new Map(methods.map((m) => [String(m.Id), String(m.Name)]));
  const exported = options.exportedPaymentQboIds ?? new Set<string>();

  return payments.map((p): QboPaymentListRow => {
    const qboId = String(p.Id);
    const customerQboId = refValue(p.CustomerRef) ?? '';
    const customer = customers.get(customerQboId);
    const note = typeof p.PrivateNote === 'string' ? p.PrivateNote : undefined;
    const row: QboPaymentListRow = {
      qboId,
      date: String(p.TxnDate),
      customerQboId,
      customerName: typeof customer?.DisplayName === 'string' ? customer.DisplayName : (refName(p.CustomerRef) ?? `Customer ${customerQboId}`),
      amountCents: qboAmountToCents(p.TotalAmt as number),
      invoices: [...(paid.get(qboId) ?? new Map<string, number>())].map(([invoiceId, amountCents]) => {
        const inv = invoices.get(invoiceId);
        const entry: QboPaymentListRow['invoices'][number] = { qboId: invoiceId, amountCents };
        if (typeof inv?.DocNumber === 'string') entry.docNumber = inv.DocNumber;
        const otId = markerIds(inv?.PrivateNote, INVOICE_MARKER_PREFIX)[0];
        if (otId) entry.otInvoiceId = otId;
        return entry;
      }),
      fromOfficeTools: markerIds(note, PAYMENT_MARKER_PREFIX).length > 0 || exported.has(qboId),
    };
    if (typeof p.PaymentRefNum === 'string' && p.PaymentRefNum) row.reference = p.PaymentRefNum;
    const method = methodNames.get(refValue(p.PaymentMethodRef) ?? '');
    if (method) row.paymentMethodName = method;
    if (note) row.privateNote = note;
    return row;
  });
}
