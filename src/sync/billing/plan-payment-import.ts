/**
 * Import Payments, the pure half. The seed's rule: only payments of QBO customers linked to an
 * OfficeTools contact. Each payment is applied to the OfficeTools invoices matching the QBO
 * invoices it pays, never more than their open balance (counting earlier payments of the same
 * plan); what cannot be applied stays on the payment as unapplied, and the memo says why.
 * Payments that came from OfficeTools are never imported back.
 */
import type { Invoice, PaymentApplication, PaymentInput } from '../host/protocol';
import type {
  BillingPlan,
  BlockedDocument,
  PaymentImportInput,
  PlannedDocument,
  QboPaymentListRow,
  QboPaymentRow,
} from './billing-types';
import { describeApplications, invoiceName, type AppliedInvoice } from './describe-applications';
import { dateProblem, shownName } from './safe-text';
import { displayFormat } from '../format/display-locale';
import { localeFormat, type LocaleFormat } from '../format/locale-format';

export type { PaymentImportInput } from './billing-types';

/**
 * The memo goes into the firm's OfficeTools payment, read by every colleague whatever their
 * locale: it is worded in the company's format (US dollars, QBO Sync connects US companies
 * only), as the memos already stored read, not in the format of whoever imported it.
 */
const MEMO_FORMAT = localeFormat('en-US');

/** "Payment of $1,234.50 on 03/03/2026 — Acme", amount and date in `format` (the user's locale). */
export function qboPaymentLabel(row: QboPaymentRow, format: LocaleFormat = displayFormat()): string {
  const name = shownName(String(row.customerName ?? ''));
  return `Payment of ${format.money(row.amountCents)} on ${format.plainDate(shownName(String(row.date)))}${name ? ` — ${name}` : ''}`;
}

function listExtras(row: QboPaymentRow): Partial<QboPaymentListRow> {
  return row as Partial<QboPaymentListRow>;
}

export function planPaymentImport(input: PaymentImportInput): BillingPlan<PaymentInput> {
  const format = input.format ?? displayFormat();
  const money = format.money;
  const ready: PlannedDocument<PaymentInput>[] = [];
  const blocked: BlockedDocument[] = [];
  const contactByCustomer = new Map<string, string>();
  for (const [otId, qboId] of input.links.contact) contactByCustomer.set(qboId, otId);
  const invoicesById = new Map<string, Invoice>(input.otInvoices.map((i) => [i.id, i]));
  // Open balances as this plan uses them up, so two payments never over-apply one invoice.
  const balance = new Map<string, number>(input.otInvoices.map((i) => [i.id, i.balanceCents]));

  for (const row of input.rows) {
    const label = qboPaymentLabel(row, format);
    if (row.fromOfficeTools) {
      blocked.push({ sourceId: row.qboId, label, reasons: [{ code: 'from_other_side', message: 'It was exported from OfficeTools, so it is not imported back.' }] });
      continue;
    }
    if (input.done.has(row.qboId)) {
      blocked.push({ sourceId: row.qboId, label, reasons: [{ code: 'already_done', message: 'Already imported into OfficeTools.' }] });
      continue;
    }
    const contactId = contactByCustomer.get(row.customerQboId);
    if (!contactId) {
      blocked.push({
        sourceId: row.qboId,
        label,
        reasons: [{
          code: 'customer_not_linked',
          message: `The QuickBooks Online customer ${shownName(String(row.customerName ?? '')) || row.customerQboId} is not linked to an OfficeTools contact. Link the customer on the Contact Match tab, then import again.`,
          fix: { label: 'Open Contact Match', view: 'contactMatch' },
        }],
      });
      continue;
    }
    if (!Number.isSafeInteger(row.amountCents) || row.amountCents <= 0) {
      blocked.push({ sourceId: row.qboId, label, reasons: [{ code: 'invalid', message: Number.isSafeInteger(row.amountCents) ? `It is for ${money(row.amountCents)} (voided or empty in QuickBooks Online); there is nothing to record.` : 'Its amount is not a whole number of cents; QuickBooks Online sent something unexpected. Check the payment in QuickBooks Online.' }] });
      continue;
    }

    const dateWhy = dateProblem(row.date);
    if (dateWhy) {
      blocked.push({ sourceId: row.qboId, label, reasons: [{ code: 'invalid', message: `Its date "${shownName(String(row.date))}" ${dateWhy}. Correct the payment in QuickBooks Online, then import again.` }] });
      continue;
    }
    const applications: PaymentApplication[] = [];
    const named: AppliedInvoice[] = [];
    /** Why money stays unapplied, without amounts (the detail shows each amount once). */
    const whys: string[] = [];
    const notes: string[] = [];
    let applied = 0;
    const otIdFor = new Map((listExtras(row).invoices ?? []).map((i) => [i.qboId, i.otInvoiceId]));
    for (const paid of row.invoices) {
      const otId = input.otInvoiceIdByQboInvoiceId.get(paid.qboId) ?? otIdFor.get(paid.qboId);
      const invoice = otId ? invoicesById.get(otId) : undefined;
      const name = invoiceName({ ...(invoice ? { otNumber: invoice.number } : {}), ...(paid.docNumber ? { qboNumber: paid.docNumber } : {}), qboId: paid.qboId });
      if (!invoice) {
        notes.push(`${MEMO_FORMAT.money(paid.amountCents)} paid on ${name}, which has no OfficeTools invoice, left unapplied`);
        whys.push(`${name} has no OfficeTools invoice`);
        continue;
      }
      if (invoice.contactId !== contactId) {
        notes.push(`${MEMO_FORMAT.money(paid.amountCents)} paid on ${name}, which belongs to another OfficeTools contact, left unapplied`);
        whys.push(`${name} belongs to another OfficeTools contact`);
        continue;
      }
      const open = balance.get(invoice.id) ?? 0;
      const amount = Math.min(paid.amountCents, open, row.amountCents - applied);
      if (amount < paid.amountCents) {
        notes.push(`${MEMO_FORMAT.money(paid.amountCents - amount)} of the ${MEMO_FORMAT.money(paid.amountCents)} paid on ${name} is more than its OfficeTools balance, left unapplied`);
        whys.push(`more than the OfficeTools balance of ${name}`);
      }
      if (amount > 0) {
        applications.push({ invoiceId: invoice.id, amountCents: amount });
        named.push({ otNumber: invoice.number, ...(paid.docNumber ? { qboNumber: paid.docNumber } : {}), amountCents: amount });
        balance.set(invoice.id, open - amount);
        applied += amount;
      }
    }
    const unapplied = row.amountCents - applied;
    const memo = [
      `Imported from QuickBooks Online payment ${row.qboId}.`,
      unapplied > 0 ? `${MEMO_FORMAT.money(unapplied)} unapplied${notes.length ? `: ${notes.join('; ')}` : ''}.` : '',
    ].filter(Boolean).join(' ');
    const payload: PaymentInput = {
      contactId,
      date: row.date,
      amountCents: row.amountCents,
      applications,
      memo,
      origin: { system: 'qbo', realmId: input.realmId, qboId: row.qboId },
    };
    if (row.reference) payload.reference = row.reference;
    const method = listExtras(row).paymentMethodName;
    if (method) payload.method = method;
    const why = whys.length > 0 ? whys.join('; ') : undefined;
    ready.push({ sourceId: row.qboId, label, amountCents: row.amountCents, payload, fingerprint: `qbo:${input.realmId}:${row.qboId}`, detail: describeApplications(row.amountCents, named, unapplied > 0 ? why : undefined, format) });
  }
  return { ready, blocked };
}
