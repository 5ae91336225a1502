/**
 * What a payment pays, said plainly (issue 14: "payments said plainly"): applied in full,
 * partly applied or unapplied; invoices named by the numbers the reader knows, saying whose
 * number it is ("OfficeTools invoice 1002 (QuickBooks invoice 1045)"); and every amount once —
 * the payment's own total is in the row's label, so it is never repeated here.
 */
import { displayFormat } from '../format/display-locale';
import type { LocaleFormat } from '../format/locale-format';
import type { Cents } from '../host/protocol';

export interface AppliedInvoice {
  /** The OfficeTools invoice number, when the invoice is known there. */
  otNumber?: string;
  /** The QBO DocNumber, when the invoice is known there (and has one). */
  qboNumber?: string;
  /** The QBO Id, as a last resort when QBO gave the invoice no number. */
  qboId?: string;
  amountCents: Cents;
}

export type ApplicationState = 'applied' | 'partlyApplied' | 'unapplied';

export function applicationState(totalCents: Cents, applications: readonly AppliedInvoice[]): ApplicationState {
  const applied = applications.reduce((n, a) => n + a.amountCents, 0);
  if (applied <= 0) return 'unapplied';
  return applied >= totalCents ? 'applied' : 'partlyApplied';
}

/** "OfficeTools invoice 1002 (QuickBooks invoice 1045)", or whichever side is known. */
export function invoiceName(inv: Omit<AppliedInvoice, 'amountCents'>): string {
  if (inv.otNumber && inv.qboNumber) {
    return inv.otNumber === inv.qboNumber ? `invoice ${inv.otNumber} (the same number in OfficeTools and QuickBooks)` : `OfficeTools invoice ${inv.otNumber} (QuickBooks invoice ${inv.qboNumber})`;
  }
  if (inv.otNumber) return `OfficeTools invoice ${inv.otNumber}`;
  if (inv.qboNumber) return `QuickBooks invoice ${inv.qboNumber}`;
  return inv.qboId ? `a QuickBooks invoice without a number (Id ${inv.qboId})` : 'an invoice';
}

function list(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/**
 * One sentence: "Applied in full to OfficeTools invoice 1002 (QuickBooks invoice 1045).",
 * "Partly applied: $60.00 to …; $40.00 unapplied.", or "Unapplied: not applied to any invoice."
 * `why` (optional) says why an amount was left unapplied. Amounts in `format` (the user's locale).
 */
export function describeApplications(totalCents: Cents, applications: readonly AppliedInvoice[], why?: string, format: LocaleFormat = displayFormat()): string {
  const money = format.money;
  const used = applications.filter((a) => a.amountCents > 0);
  const state = applicationState(totalCents, used);
  const reason = why ? ` (${why})` : '';
  if (state === 'unapplied') return `Unapplied: not applied to any invoice${reason}.`;
  if (state === 'applied') {
    if (used.length === 1) return `Applied in full to ${invoiceName(used[0])}.`;
    return `Applied in full: ${list(used.map((a) => `${money(a.amountCents)} to ${invoiceName(a)}`))}.`;
  }
  const applied = used.reduce((n, a) => n + a.amountCents, 0);
  return `Partly applied: ${list(used.map((a) => `${money(a.amountCents)} to ${invoiceName(a)}`))}; ${money(totalCents - applied)} unapplied${reason}.`;
}

/**
 * The short form for a list column of QBO payments: "OfficeTools 1002 (QuickBooks 1045)",
 * "1002 in both", "QuickBooks 1046" (no OfficeTools invoice), or "Unapplied".
 */
export function paysColumn(invoices: ReadonlyArray<{ qboId: string; docNumber?: string; otInvoiceNumber?: string }>): string {
  if (invoices.length === 0) return 'Unapplied';
  return invoices
    .map((i) => {
      if (i.otInvoiceNumber && i.docNumber) return i.otInvoiceNumber === i.docNumber ? `${i.docNumber} in both` : `OfficeTools ${i.otInvoiceNumber} (QuickBooks ${i.docNumber})`;
      if (i.otInvoiceNumber) return `OfficeTools ${i.otInvoiceNumber}`;
      return i.docNumber ? `QuickBooks ${i.docNumber}` : `QuickBooks Id ${i.qboId}`;
    })
    .join(', ');
}
