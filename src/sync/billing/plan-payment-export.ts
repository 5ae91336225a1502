/**
 * Export Payments, the pure half. The seed's rules: the contact must be linked to a QBO
 * customer and every invoice the payment is applied to must have been exported. Payments that
 * came from QBO are never offered. What is not applied to an invoice stays unapplied in QBO
 * too (TotalAmt above the sum of the lines); DepositToAccountRef is sent only when Account
 * Defaults names a deposit account, so that QBO otherwise puts the money in Undeposited Funds.
 */
import { centsToQboAmount } from '../mappings/money';
import type {
  BillingPlan,
  BlockReason,
  BlockedDocument,
  Payment,
  PaymentExportInput,
  PlannedDocument,
  QboPaymentLinePayload,
  QboPaymentPayload,
} from './billing-types';
import { paymentMarker } from './document-markers';

export type { PaymentExportInput, QboPaymentPayload } from './billing-types';

/** QBO limits: PaymentRefNum ≤21, PrivateNote ≤4000. */
const MAX_REF = 21;
const MAX_NOTE = 4000;

function money(cents: number): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}$${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

export function paymentLabel(payment: Payment, contactName?: string): string {
  return `Payment of ${money(payment.amountCents)} on ${payment.date}${contactName ? ` — ${contactName}` : ''}`;
}

function findMethodId(map: PaymentExportInput['paymentMethodIdByName'], name: string | undefined): string | undefined {
  if (!name) return undefined;
  const direct = map.get(name);
  if (direct) return direct;
  const wanted = name.trim().toLowerCase();
  for (const [k, v] of map) if (k.trim().toLowerCase() === wanted) return v;
  return undefined;
}

export function planPaymentExport(input: PaymentExportInput): BillingPlan<QboPaymentPayload> {
  const ready: PlannedDocument<QboPaymentPayload>[] = [];
  const blocked: BlockedDocument[] = [];
  for (const payment of input.payments) {
    const contactName = input.contactsById?.get(payment.contactId)?.displayName;
    const label = paymentLabel(payment, contactName);
    if (payment.origin.system === 'qbo') {
      blocked.push({ sourceId: payment.id, label, reasons: [{ code: 'from_other_side', message: `${label} was imported from QuickBooks Online, so it is not exported back.` }] });
      continue;
    }
    if (input.done.has(payment.id)) {
      blocked.push({ sourceId: payment.id, label, reasons: [{ code: 'already_done', message: `${label} was already exported to QuickBooks Online.` }] });
      continue;
    }
    const reasons: BlockReason[] = [];
    const customerId = input.links.contact.get(payment.contactId);
    if (!customerId) {
      reasons.push({
        code: 'contact_not_linked',
        message: `${contactName ?? 'The contact'} is not linked to a QuickBooks Online customer. Link the contact on the Contact Match tab, then export again.`,
        fix: { label: 'Open Contact Match', view: 'contactMatch', focusId: payment.contactId },
      });
    }
    const lines: QboPaymentLinePayload[] = [];
    let applied = 0;
    for (const a of payment.applications) {
      const number = input.invoiceNumbers?.get(a.invoiceId);
      const qboInvoiceId = input.qboInvoiceIdByOtInvoiceId.get(a.invoiceId);
      if (!qboInvoiceId) {
        reasons.push({
          code: 'invoice_not_exported',
          message: `It pays invoice ${number ?? a.invoiceId}, which has not been exported to QuickBooks Online. Export that invoice first.`,
          fix: { label: 'Open Export Invoices', view: 'exportInvoices', focusId: a.invoiceId },
        });
        continue;
      }
      if (!Number.isSafeInteger(a.amountCents) || a.amountCents < 0) {
        reasons.push({ code: 'invalid', message: `The amount applied to invoice ${number ?? a.invoiceId} is not a positive whole number of cents. Correct the payment in OfficeTools.` });
        continue;
      }
      applied += a.amountCents;
      // A zero application links nothing; QBO refuses zero-amount payment lines.
      if (a.amountCents > 0) lines.push({ Amount: centsToQboAmount(a.amountCents), LinkedTxn: [{ TxnId: qboInvoiceId, TxnType: 'Invoice' }] });
    }
    if (!Number.isSafeInteger(payment.amountCents) || payment.amountCents <= 0) {
      reasons.push({ code: 'invalid', message: `${label}: a payment must be more than $0.00. Correct it in OfficeTools.` });
    } else if (applied > payment.amountCents) {
      reasons.push({ code: 'amounts_do_not_add_up', message: `${label} applies ${money(applied)} to invoices, more than the payment itself. Correct the applications in OfficeTools.` });
    }
    if (payment.reference && payment.reference.length > MAX_REF) {
      reasons.push({ code: 'invalid', message: `The reference "${payment.reference}" is longer than the ${MAX_REF} characters QuickBooks Online keeps. Shorten it in OfficeTools.` });
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(payment.date)) {
      reasons.push({ code: 'invalid', message: `The payment date "${payment.date}" is not a date (YYYY-MM-DD). Correct it in OfficeTools.` });
    }
    if (reasons.length > 0 || !customerId) {
      blocked.push({ sourceId: payment.id, label, reasons });
      continue;
    }
    const marker = paymentMarker(payment.id);
    const payload: QboPaymentPayload = {
      CustomerRef: { value: customerId },
      TotalAmt: centsToQboAmount(payment.amountCents),
      TxnDate: payment.date,
      Line: lines,
      // The marker comes first so that no truncation of the memo can cut it.
      PrivateNote: payment.memo ? `${marker}\n${payment.memo}`.slice(0, MAX_NOTE) : marker,
    };
    if (payment.reference) payload.PaymentRefNum = payment.reference;
    const methodId = findMethodId(input.paymentMethodIdByName, payment.method);
    if (methodId) payload.PaymentMethodRef = { value: methodId };
    if (input.depositAccountId) payload.DepositToAccountRef = { value: input.depositAccountId };
    ready.push({ sourceId: payment.id, label, amountCents: payment.amountCents, payload, fingerprint: marker });
  }
  return { ready, blocked };
}
