/**
 * The words each Time & Billing window uses, so the shared list, plan and result screens read
 * naturally for invoices and payments, exports and imports.
 */
import type { BillingJobKind } from '../../sync/billing/billing-types';
import { formatNumber } from '../shared/locale-format';

export interface BillingWords {
  kind: BillingJobKind;
  /** The window's title, as the seed names it. */
  title: string;
  one: string;
  many: string;
  /** The button under the list. */
  action: string;
  /** e.g. "Export", used in "Export 3 invoices". */
  verb: string;
  /** e.g. "Exporting". */
  doing: string;
  /** e.g. "exported". */
  done: string;
  /** Where the documents go. */
  destination: string;
  /** "to QuickBooks Online", "into OfficeTools". */
  toDestination: string;
  /** The "done" column's header. */
  doneColumn: string;
}

export const INVOICE_EXPORT_WORDS: BillingWords = {
  kind: 'invoiceExport',
  title: 'Invoice Export',
  one: 'invoice',
  many: 'invoices',
  action: 'Export Selected',
  verb: 'Export',
  doing: 'Exporting',
  done: 'exported',
  destination: 'QuickBooks Online',
  toDestination: 'to QuickBooks Online',
  doneColumn: 'Exported',
};

export const PAYMENT_IMPORT_WORDS: BillingWords = {
  kind: 'paymentImport',
  title: 'Payment Import',
  one: 'payment',
  many: 'payments',
  action: 'Import Selected',
  verb: 'Import',
  doing: 'Importing',
  done: 'imported',
  destination: 'OfficeTools',
  toDestination: 'into OfficeTools',
  doneColumn: 'Sync’d',
};

export const PAYMENT_EXPORT_WORDS: BillingWords = {
  kind: 'paymentExport',
  title: 'Payment Export',
  one: 'payment',
  many: 'payments',
  action: 'Export Selected',
  verb: 'Export',
  doing: 'Exporting',
  done: 'exported',
  destination: 'QuickBooks Online',
  toDestination: 'to QuickBooks Online',
  doneColumn: 'Exported',
};

/** "1 invoice", "3 invoices". */
export function count(n: number, words: Pick<BillingWords, 'one' | 'many'>): string {
  return `${formatNumber(n)} ${n === 1 ? words.one : words.many}`;
}
