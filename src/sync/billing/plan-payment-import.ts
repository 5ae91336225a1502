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

export type { PaymentImportInput } from './billing-types';

function money(cents: number): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}$${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

export function qboPaymentLabel(row: QboPaymentRow): string {
  return `Payment of ${money(row.amountCents)} on ${row.date} — ${row.customerName}`;
}

function listExtras(row: QboPaymentRow): Partial<QboPaymentListRow> {
  return row as Partial<QboPaymentListRow>;
}

export function planPaymentImport(input: PaymentImportInput): BillingPlan<PaymentInput> {
  const ready: PlannedDocument<PaymentInput>[] = [];
  const blocked: BlockedDocument[] = [];
  const contactByCustomer = new Map<string, string>();
  for (const [otId, qboId] of input.links.contact) contactByCustomer.set(qboId, otId);
  const invoicesById = new Map<string, Invoice>(input.otInvoices.map((i) => [i.id, i]));
  // Open balances as this plan uses them up, so two payments never over-apply one invoice.
  const balance = new Map<string, number>(input.otInvoices.map((i) => [i.id, i.balanceCents]));

  for (const row of input.rows) {
    const label = qboPaymentLabel(row);
    if (row.fromOfficeTools) {
      blocked.push({ sourceId: row.qboId, label, reasons: [{ code: 'from_other_side', message: `${label} was exported from OfficeTools, so it is not imported back.` }] });
      continue;
    }
    if (input.done.has(row.qboId)) {
      blocked.push({ sourceId: row.qboId, label, reasons: [{ code: 'already_done', message: `${label} was already imported into OfficeTools.` }] });
      continue;
    }
    const contactId = contactByCustomer.get(row.customerQboId);
    if (!contactId) {
      blocked.push({
        sourceId: row.qboId,
        label,
        reasons: [{
          code: 'customer_not_linked',
          message: `${row.customerName} is not linked to an OfficeTools contact. Link the customer on the Contact Match tab, then import again.`,
          fix: { label: 'Open Contact Match', view: 'contactMatch' },
        }],
      });
      continue;
    }
    if (!Number.isSafeInteger(row.amountCents) || row.amountCents <= 0) {
      blocked.push({ sourceId: row.qboId, label, reasons: [{ code: 'invalid', message: `${label} is for ${money(row.amountCents)} (voided or empty in QuickBooks Online); there is nothing to record.` }] });
      continue;
    }

    const applications: PaymentApplication[] = [];
    const notes: string[] = [];
    let applied = 0;
    const otIdFor = new Map((listExtras(row).invoices ?? []).map((i) => [i.qboId, i.otInvoiceId]));
    for (const paid of row.invoices) {
      const name = paid.docNumber ? `invoice ${paid.docNumber}` : `QuickBooks Online invoice ${paid.qboId}`;
      const otId = input.otInvoiceIdByQboInvoiceId.get(paid.qboId) ?? otIdFor.get(paid.qboId);
      const invoice = otId ? invoicesById.get(otId) : undefined;
      if (!invoice) {
        notes.push(`${money(paid.amountCents)} paid on ${name}, which has no OfficeTools invoice, left unapplied`);
        continue;
      }
      if (invoice.contactId !== contactId) {
        notes.push(`${money(paid.amountCents)} paid on ${name}, which belongs to another OfficeTools contact, left unapplied`);
        continue;
      }
      const open = balance.get(invoice.id) ?? 0;
      const amount = Math.min(paid.amountCents, open, row.amountCents - applied);
      if (amount < paid.amountCents) {
        notes.push(`${money(paid.amountCents - amount)} of the ${money(paid.amountCents)} paid on ${name} is more than its OfficeTools balance, left unapplied`);
      }
      if (amount > 0) {
        applications.push({ invoiceId: invoice.id, amountCents: amount });
        balance.set(invoice.id, open - amount);
        applied += amount;
      }
    }
    const unapplied = row.amountCents - applied;
    const memo = [
      `Imported from QuickBooks Online payment ${row.qboId}.`,
      unapplied > 0 ? `${money(unapplied)} unapplied${notes.length ? `: ${notes.join('; ')}` : ''}.` : '',
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
    ready.push({ sourceId: row.qboId, label, amountCents: row.amountCents, payload, fingerprint: `qbo:${input.realmId}:${row.qboId}` });
  }
  return { ready, blocked };
}
