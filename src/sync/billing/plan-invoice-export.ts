/**
 * Export Invoices, the pure half: which of the chosen OfficeTools invoices can go to QBO, the
 * exact Invoice body each would be created with, and for the others every reason why not with
 * a one-click fix. No I/O: the caller passes the invoices, links and Account Defaults.
 */
import type { InvoiceLine } from '../host/protocol';
import { qboAmountToCents } from '../mappings/money';
import type {
  BillingPlan,
  BlockAction,
  BlockReason,
  InvoiceNumbering,
  InvoiceQboFacts,
  BlockedDocument,
  Invoice,
  InvoiceExportInput,
  PlannedDocument,
  QboInvoiceLinePayload,
  QboInvoicePayload,
} from './billing-types';
import { invoiceMarker } from './document-markers';
import { amountMatchesQuantityRate, qboQuantityPrice } from './line-quantity-price';
import { customerReasons } from './target-reasons';
import { dateProblem, qboText, shownName } from './safe-text';
import { displayFormat } from '../format/display-locale';
import type { LocaleFormat } from '../format/locale-format';

export type { InvoiceExportInput, QboInvoicePayload } from './billing-types';

/** QBO limits (QBO-FACTS §3): DocNumber ≤21, Description and PrivateNote ≤4000. */
const MAX_DOC_NUMBER = 21;
const MAX_TEXT = 4000;

function lineName(line: InvoiceLine, n: number): string {
  const text = typeof line.description === 'string' ? shownName(line.description) : '';
  return `line ${n + 1}${text ? ` ("${text.length > 40 ? `${text.slice(0, 39)}…` : text}")` : ''}`;
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

function amountReasons(invoice: Invoice, format: LocaleFormat): BlockReason[] {
  const money = format.money;
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
        message: `${lineName(line, n)}: ${format.quantity(line.quantity)} × ${money(line.rateCents)} is not ${money(line.amountCents)}. Correct the line in OfficeTools, then export again.`,
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
  if (line.description) payload.Description = qboText(line.description, MAX_TEXT);
  return payload;
}

export function invoiceLabel(invoice: Invoice, contactName?: string): string {
  const name = contactName ? shownName(contactName) : '';
  return `Invoice ${shownName(String(invoice.number ?? '')) || '(no number)'}${name ? ` — ${name}` : ''}`;
}

function privateNote(invoice: Invoice): string {
  const marker = invoiceMarker(invoice.id);
  // The marker comes first so that no truncation of the memo can cut it.
  return invoice.memo ? qboText(`${marker}\n${invoice.memo}`, MAX_TEXT) : marker;
}

const KEEP: InvoiceNumbering = { mode: 'keep' };
const SUGGESTED_PREFIX = 'OT-';

/** The DocNumber an invoice is exported with under the firm's numbering; undefined = QBO numbers it. */
export function exportedDocNumber(number: string, numbering: InvoiceNumbering = KEEP): string | undefined {
  if (numbering.mode === 'qbo') return undefined;
  if (numbering.mode === 'prefix') return `${numbering.prefix ?? ''}${number}`;
  return number;
}

function describeNumbering(numbering: InvoiceNumbering): string {
  if (numbering.mode === 'qbo') return 'QuickBooks Online numbers exported invoices';
  if (numbering.mode === 'prefix') return `exported invoices keep OfficeTools' numbers with the prefix "${numbering.prefix ?? ''}"`;
  return "exported invoices keep OfficeTools' numbers";
}

/** The numbering changes that could resolve a clash of numbers, as one-click actions. */
function numberingActions(numbering: InvoiceNumbering, facts: InvoiceQboFacts | undefined): BlockAction[] {
  const out: BlockAction[] = [];
  if (!(numbering.mode === 'prefix' && numbering.prefix === SUGGESTED_PREFIX)) {
    out.push({ kind: 'setInvoiceNumbering', label: `Add prefix ${SUGGESTED_PREFIX}`, numbering: { mode: 'prefix', prefix: SUGGESTED_PREFIX } });
  }
  if (facts && !facts.customTxnNumbers && numbering.mode !== 'qbo') {
    out.push({ kind: 'setInvoiceNumbering', label: 'Let QuickBooks number them', numbering: { mode: 'qbo' } });
  }
  return out;
}

function numberReasons(
  invoice: Invoice,
  docNumber: string | undefined,
  numbering: InvoiceNumbering,
  facts: InvoiceQboFacts | undefined,
  customerId: string | undefined,
  format: LocaleFormat,
): BlockReason[] {
  const money = format.money;
  if (numbering.mode === 'qbo') {
    if (facts?.customTxnNumbers) {
      return [{
        code: 'duplicate_doc_number',
        message:
          'The firm lets QuickBooks Online number exported invoices, but custom transaction numbers are on in QuickBooks Online, so it would get no number at all. Turn them off in QuickBooks Online (Settings > Account and settings > Sales > Custom transaction numbers), or keep OfficeTools\' numbers.',
        actions: [{ kind: 'setInvoiceNumbering', label: "Keep OfficeTools' numbers", numbering: KEEP }],
      }];
    }
    return [];
  }
  if (!docNumber || docNumber.trim() === '' || docNumber.length > MAX_DOC_NUMBER || /[\t\r\n]/.test(docNumber)) {
    const why = !docNumber || docNumber.trim() === '' ? 'It has no number' : docNumber.length > MAX_DOC_NUMBER ? `Its number would be ${docNumber.length} characters long` : 'Its number holds a tab or line break';
    const actions = numberingActions(numbering, facts).filter((a) => a.kind === 'setInvoiceNumbering' && a.numbering.mode === 'qbo');
    return [{
      code: 'invalid',
      message: `${why}; a QuickBooks Online invoice number has 1 to ${MAX_DOC_NUMBER} characters on one line (${describeNumbering(numbering)}).${actions.length > 0 ? ' Let QuickBooks Online number exported invoices instead.' : numbering.mode === 'prefix' ? ' Use a shorter prefix, or keep OfficeTools\' numbers.' : ' Turn off custom transaction numbers in QuickBooks Online (Settings > Account and settings > Sales), then let it number exported invoices.'}`,
      ...(actions.length > 0 ? { actions } : numbering.mode === 'prefix' ? { actions: [{ kind: 'setInvoiceNumbering' as const, label: "Keep OfficeTools' numbers", numbering: KEEP }] } : {}),
    }];
  }
  if (!facts) return [];
  const holders = facts.invoicesByDocNumber.get(docNumber.toLowerCase()) ?? [];
  // One that carries this invoice's own marker is this invoice, exported earlier: the run links it.
  if (holders.some((h) => h.otInvoiceId === invoice.id)) return [];
  const others = holders.filter((h) => h.otInvoiceId === undefined || h.otInvoiceId !== invoice.id);
  if (others.length === 0) return [];
  const twin = others.find((h) => h.customerId === customerId && h.totalCents === invoice.totalCents && h.otInvoiceId === undefined);
  if (twin) {
    return [{
      code: 'duplicate_doc_number',
      message: `QuickBooks Online already has invoice ${twin.docNumber} for the same customer and the same total (${money(twin.totalCents)}), most likely this invoice entered there by hand. Link to it instead of creating a second one.`,
      actions: [{ kind: 'linkExistingInvoice', label: 'Link to the existing QuickBooks invoice', invoiceId: invoice.id, qboInvoiceId: twin.id }, ...numberingActions(numbering, facts)],
    }];
  }
  const other = others[0];
  const whose = other.customerId !== customerId ? 'for another customer' : `for ${money(other.totalCents)}`;
  const actions = numberingActions(numbering, facts);
  return [{
    code: 'duplicate_doc_number',
    message: `QuickBooks Online already has an invoice numbered ${other.docNumber} ${whose}, and it refuses a second one with that number. ${actions.length > 1 ? 'Add a prefix to the numbers of exported invoices, or let QuickBooks Online number them.' : actions.length === 1 ? 'Add a prefix to the numbers of exported invoices.' : 'Choose another prefix for exported invoices.'}`,
    ...(actions.length > 0 ? { actions } : {}),
  }];
}

export function planInvoiceExport(input: InvoiceExportInput): BillingPlan<QboInvoicePayload> {
  const format = input.format ?? displayFormat();
  const ready: PlannedDocument<QboInvoicePayload>[] = [];
  const blocked: BlockedDocument[] = [];
  const numbering = input.numbering ?? KEEP;
  const facts = input.qbo;
  for (const invoice of input.invoices) {
    const contactName = input.contactsById.get(invoice.contactId)?.displayName;
    const label = invoiceLabel(invoice, contactName);
    if (input.done.has(invoice.id)) {
      blocked.push({ sourceId: invoice.id, label, reasons: [{ code: 'already_done', message: 'Already exported to QuickBooks Online.' }] });
      continue;
    }
    const reasons: BlockReason[] = [];
    const customerId = input.links.contact.get(invoice.contactId);
    if (!customerId) {
      reasons.push({
        code: 'contact_not_linked',
        message: `${contactName ? shownName(contactName) || 'The contact' : 'The contact'} is not linked to a QuickBooks Online customer. Link the contact on the Contact Match tab, then export again.`,
        fix: { label: 'Open Contact Match', view: 'contactMatch', focusId: invoice.contactId },
      });
    } else {
      reasons.push(...customerReasons(contactName, invoice.contactId, customerId, facts));
    }
    const docNumber = exportedDocNumber(typeof invoice.number === 'string' ? invoice.number : '', numbering);
    reasons.push(...numberReasons(invoice, docNumber, numbering, facts, customerId, format));
    const dateWhy = dateProblem(invoice.date);
    if (dateWhy) reasons.push({ code: 'invalid', message: `The invoice date "${shownName(String(invoice.date))}" ${dateWhy}. Correct it in OfficeTools.` });
    const dueWhy = invoice.dueDate === undefined ? undefined : dateProblem(invoice.dueDate);
    if (dueWhy) reasons.push({ code: 'invalid', message: `The due date "${shownName(String(invoice.dueDate))}" ${dueWhy}. Correct it in OfficeTools.` });
    if (!dateWhy && !dueWhy && invoice.dueDate !== undefined && invoice.dueDate < invoice.date) {
      reasons.push({ code: 'invalid', message: `The due date ${invoice.dueDate} is before the invoice date ${invoice.date}; QuickBooks Online refuses that. Correct it in OfficeTools.` });
    }
    const lines: QboInvoiceLinePayload[] = [];
    if (!Array.isArray(invoice.lines) || invoice.lines.length === 0) {
      reasons.push({ code: 'no_lines', message: 'It has no lines; QuickBooks Online needs at least one. Add time, expenses or items to it in OfficeTools.' });
    }
    const invoiceLines = Array.isArray(invoice.lines) ? invoice.lines : [];
    const seenFix = new Set<string>();
    const itemsUsed = new Map<string, { line: InvoiceLine; n: number }>();
    invoiceLines.forEach((line, n) => {
      const found = itemFor(line, n, input);
      if ('reason' in found) {
        // One reason per unlinked code, not one per line that uses it.
        const key = `${found.reason.code}:${found.reason.fix?.focusId ?? n}`;
        if (!seenFix.has(key)) reasons.push(found.reason);
        seenFix.add(key);
      } else {
        if (!itemsUsed.has(found.itemId)) itemsUsed.set(found.itemId, { line, n });
        // A line whose amounts are not whole cents gets no payload: amountReasons says why.
        if ([line.amountCents, line.rateCents].every(Number.isSafeInteger) && Number.isFinite(line.quantity)) lines.push(linePayload(line, found.itemId));
      }
    });
    if (facts) {
      for (const [itemId, { line, n }] of itemsUsed) {
        const item = facts.items.get(itemId);
        if (item?.active) continue;
        const fix =
          line.kind === 'time'
            ? { label: 'Open Work Code Match', view: 'workCodeMatch' as const, focusId: line.workCodeId }
            : line.kind === 'expense'
              ? { label: 'Open Expense Code Match', view: 'expenseCodeMatch' as const, focusId: line.expenseCodeId }
              : { label: 'Open Account Defaults', view: 'accountDefaults' as const, focusId: line.lineItemId };
        reasons.push({
          code: 'item_inactive',
          message: item
            ? `${lineName(line, n)} is billed under the QuickBooks Online item "${shownName(item.name)}", which is inactive there. Make it active in QuickBooks Online, or choose another item.`
            : `${lineName(line, n)} is billed under a QuickBooks Online item that no longer exists. Choose another item.`,
          fix,
        });
      }
    }
    reasons.push(...amountReasons(invoice, format));
    if (reasons.length > 0 || !customerId) {
      blocked.push({ sourceId: invoice.id, label, reasons });
      continue;
    }
    const payload: QboInvoicePayload = {
      CustomerRef: { value: customerId },
      TxnDate: invoice.date,
      Line: lines,
      PrivateNote: privateNote(invoice),
    };
    if (docNumber !== undefined) payload.DocNumber = docNumber;
    if (invoice.dueDate) payload.DueDate = invoice.dueDate;
    ready.push({ sourceId: invoice.id, label, amountCents: invoice.totalCents, payload, fingerprint: invoiceMarker(invoice.id) });
  }
  return { ready, blocked };
}

/** Σ line amounts of a payload in cents, read back exactly (for checks and tests). */
export function payloadTotalCents(payload: QboInvoicePayload): number {
  return payload.Line.reduce((n, l) => n + qboAmountToCents(l.Amount), 0);
}
