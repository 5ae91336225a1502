/**
 * Export Invoices, the pure half: which of the chosen OfficeTools invoices can go to QBO, the
 * exact Invoice body each would be created with, and for the others every reason why not with
 * a one-click fix. No I/O: the caller passes the invoices, links and Account Defaults.
 */
import type { InvoiceLine } from '../host/protocol';
import { qboAmountToCents } from '../mappings/money';
import type {
  BillingPlan,
  BlockReason,
  BlockedDocument,
  Invoice,
  InvoiceExportInput,
  PlannedDocument,
  QboInvoiceLinePayload,
  QboInvoicePayload,
} from './billing-types';
import { invoiceMarker } from './document-markers';
import { amountMatchesQuantityRate, qboQuantityPrice } from './line-quantity-price';

export type { InvoiceExportInput, QboInvoicePayload } from './billing-types';

/** QBO limits (QBO-FACTS §3): DocNumber ≤21, Description and PrivateNote ≤4000. */
const MAX_DOC_NUMBER = 21;
const MAX_TEXT = 4000;

function money(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}$${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

function lineName(line: InvoiceLine, n: number): string {
  return `line ${n + 1}${line.description ? ` ("${line.description.slice(0, 40)}")` : ''}`;
}

/** The QBO Item a line is billed under, or the reason there is none. */
function itemFor(
  line: InvoiceLine,
  n: number,
  input: InvoiceExportInput,
): { itemId: string } | { reason: BlockReason } {
  const where = lineName(line, n);
  if (line.kind === 'time') {
    if (!line.workCodeId) return { reason: { code: 'invalid', message: `${where} is time without a work code. Give it a work code in OfficeTools.` } };
    const id = input.links.workCode.get(line.workCodeId);
    if (id) return { itemId: id };
    return {
      reason: {
        code: 'work_code_not_linked',
        message: `The work code of ${where} is not linked to a QuickBooks Online product or service. Link it on the Work Code Match tab.`,
        fix: { label: 'Open Work Code Match', view: 'workCodeMatch', focusId: line.workCodeId },
      },
    };
  }
  if (line.kind === 'expense') {
    if (!line.expenseCodeId) return { reason: { code: 'invalid', message: `${where} is an expense without an expense code. Give it an expense code in OfficeTools.` } };
    const id = input.links.expenseCode.get(line.expenseCodeId);
    if (id) return { itemId: id };
    return {
      reason: {
        code: 'expense_code_not_linked',
        message: `The expense code of ${where} is not linked to a QuickBooks Online item. Link it on the Expense Code Match tab.`,
        fix: { label: 'Open Expense Code Match', view: 'expenseCodeMatch', focusId: line.expenseCodeId },
      },
    };
  }
  if (!line.lineItemId) return { reason: { code: 'invalid', message: `${where} names no invoice line item. Correct it in OfficeTools.` } };
  const id = input.lineItemDefaults[line.lineItemId];
  if (id) return { itemId: id };
  return {
    reason: {
      code: 'line_item_no_default',
      message: `The invoice line item of ${where} has no QuickBooks Online item in Account Defaults. Choose one under Invoice Line Item Settings.`,
      fix: { label: 'Open Account Defaults', view: 'accountDefaults', focusId: line.lineItemId },
    },
  };
}

function amountReasons(invoice: Invoice): BlockReason[] {
  const out: BlockReason[] = [];
  let sum = 0;
  invoice.lines.forEach((line, n) => {
    const whole = [line.amountCents, line.rateCents].every(Number.isSafeInteger);
    if (!whole || !Number.isFinite(line.quantity)) {
      out.push({ code: 'amounts_do_not_add_up', message: `${lineName(line, n)} has an amount or rate that is not a whole number of cents. Correct the line in OfficeTools.` });
      return;
    }
    sum += line.amountCents;
    if (!amountMatchesQuantityRate(line.quantity, line.rateCents, line.amountCents)) {
      out.push({
        code: 'amounts_do_not_add_up',
        message: `${lineName(line, n)}: ${line.quantity} × ${money(line.rateCents)} is not ${money(line.amountCents)}. Correct the line in OfficeTools, then export again.`,
      });
    }
  });
  if (out.length === 0 && sum !== invoice.totalCents) {
    out.push({
      code: 'amounts_do_not_add_up',
      message: `The lines add up to ${money(sum)} but the invoice total is ${money(invoice.totalCents)}. Correct the invoice in OfficeTools, then export again.`,
    });
  }
  if (out.length === 0 && invoice.totalCents < 0) {
    out.push({ code: 'invalid', message: `The invoice total is negative (${money(invoice.totalCents)}); QuickBooks Online takes credits as credit memos, not invoices. Enter it as a credit instead.` });
  }
  return out;
}

function linePayload(line: InvoiceLine, itemId: string): QboInvoiceLinePayload {
  // Qty × UnitPrice must round to Amount exactly (QBO 6070). qboQuantityPrice keeps quantity
  // and rate as entered whenever they satisfy that; otherwise it keeps the quantity and sends
  // UnitPrice = amount ÷ quantity (7 decimals), and only if that too cannot hold, Qty 1 and
  // UnitPrice = amount. Amount is always the OfficeTools amount to the cent.
  const { Qty, UnitPrice, Amount } = qboQuantityPrice(line.quantity, line.rateCents, line.amountCents);
  const detail: QboInvoiceLinePayload['SalesItemLineDetail'] = { ItemRef: { value: itemId }, Qty, UnitPrice };
  if (line.serviceDate) detail.ServiceDate = line.serviceDate;
  const payload: QboInvoiceLinePayload = { DetailType: 'SalesItemLineDetail', Amount, SalesItemLineDetail: detail };
  if (line.description) payload.Description = line.description.slice(0, MAX_TEXT);
  return payload;
}

export function invoiceLabel(invoice: Invoice, contactName?: string): string {
  return `Invoice ${invoice.number}${contactName ? ` — ${contactName}` : ''}`;
}

function privateNote(invoice: Invoice): string {
  const marker = invoiceMarker(invoice.id);
  // The marker comes first so that no truncation of the memo can cut it.
  return invoice.memo ? `${marker}\n${invoice.memo}`.slice(0, MAX_TEXT) : marker;
}

export function planInvoiceExport(input: InvoiceExportInput): BillingPlan<QboInvoicePayload> {
  const ready: PlannedDocument<QboInvoicePayload>[] = [];
  const blocked: BlockedDocument[] = [];
  for (const invoice of input.invoices) {
    const contactName = input.contactsById.get(invoice.contactId)?.displayName;
    const label = invoiceLabel(invoice, contactName);
    if (input.done.has(invoice.id)) {
      blocked.push({ sourceId: invoice.id, label, reasons: [{ code: 'already_done', message: `${label} was already exported to QuickBooks Online.` }] });
      continue;
    }
    const reasons: BlockReason[] = [];
    const customerId = input.links.contact.get(invoice.contactId);
    if (!customerId) {
      reasons.push({
        code: 'contact_not_linked',
        message: `${contactName ?? 'The contact'} is not linked to a QuickBooks Online customer. Link the contact on the Contact Match tab, then export again.`,
        fix: { label: 'Open Contact Match', view: 'contactMatch', focusId: invoice.contactId },
      });
    }
    if (!invoice.number || invoice.number.length > MAX_DOC_NUMBER) {
      reasons.push({ code: 'invalid', message: `The invoice number "${invoice.number}" cannot be a QuickBooks Online invoice number (1 to ${MAX_DOC_NUMBER} characters). Renumber the invoice in OfficeTools.` });
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(invoice.date) || (invoice.dueDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(invoice.dueDate))) {
      reasons.push({ code: 'invalid', message: `The invoice date or due date is not a date (YYYY-MM-DD). Correct it in OfficeTools.` });
    }
    if (invoice.lines.length === 0) {
      reasons.push({ code: 'no_lines', message: `${label} has no lines; QuickBooks Online needs at least one. Add time, expenses or items to it in OfficeTools.` });
    }
    const lines: QboInvoiceLinePayload[] = [];
    const seenFix = new Set<string>();
    invoice.lines.forEach((line, n) => {
      const found = itemFor(line, n, input);
      if ('reason' in found) {
        // One reason per unlinked code, not one per line that uses it.
        const key = `${found.reason.code}:${found.reason.fix?.focusId ?? n}`;
        if (!seenFix.has(key)) reasons.push(found.reason);
        seenFix.add(key);
      } else {
        lines.push(linePayload(line, found.itemId));
      }
    });
    reasons.push(...amountReasons(invoice));
    if (reasons.length > 0 || !customerId) {
      blocked.push({ sourceId: invoice.id, label, reasons });
      continue;
    }
    const payload: QboInvoicePayload = {
      CustomerRef: { value: customerId },
      DocNumber: invoice.number,
      TxnDate: invoice.date,
      Line: lines,
      PrivateNote: privateNote(invoice),
    };
    if (invoice.dueDate) payload.DueDate = invoice.dueDate;
    ready.push({ sourceId: invoice.id, label, amountCents: invoice.totalCents, payload, fingerprint: invoiceMarker(invoice.id) });
  }
  return { ready, blocked };
}

/** Σ line amounts of a payload in cents, read back exactly (for checks and tests). */
export function payloadTotalCents(payload: QboInvoicePayload): number {
  return payload.Line.reduce((n, l) => n + qboAmountToCents(l.Amount), 0);
}
