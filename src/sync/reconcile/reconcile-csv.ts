/**
 * The reconciliation report as CSV (RFC 4180): the per-client summary, and the documents (all,
 * or one client's drill-down). A field with a comma, quote, CR or LF is quoted with quotes
 * doubled. Text that a spreadsheet would run as a formula — starting with =, +, -, @, tab or
 * CR — gets a leading apostrophe (a contact named "=HYPERLINK(…)" stays text). Money columns
 * are written by us as plain decimals ("-12.50"), which spreadsheets read as numbers and never
 * as formulas, so they are not prefixed: that would turn a credit into text.
 */
import { centsToDecimalString } from '../mappings/money';
import type { ReconcileDocument, ReconcileReport } from './reconcile-types';

type Cell = string | { cents: number } | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(cell: Cell): string {
  if (cell === undefined) return '';
  const text = typeof cell === 'string' ? (FORMULA_START.test(cell) ? `'${cell}` : cell) : centsToDecimalString(cell.cents);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(rows: readonly (readonly Cell[])[]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const money = (cents: number | undefined): Cell => (cents === undefined ? undefined : { cents });

export function clientsCsv(report: ReconcileReport): string {
  const rows: Cell[][] = [
    ['Client', 'QuickBooks customer Id', 'Invoiced (OfficeTools)', 'Invoiced (QuickBooks)', 'Paid (OfficeTools)', 'Paid (QuickBooks)', 'Open balance (OfficeTools)', 'Open balance (QuickBooks)', 'Documents', 'Differences'],
  ];
  for (const c of report.clients) {
    rows.push([c.name, c.customerId, money(c.ot.invoicedCents), money(c.qbo.invoicedCents), money(c.ot.paidCents), money(c.qbo.paidCents), money(c.ot.openCents), money(c.qbo.openCents), String(c.documents), String(c.issues)]);
  }
  return csv(rows);
}

export const STATUS_WORDS: Record<ReconcileDocument['status'], string> = {
  matched: 'In both, same',
  differs: 'In both, different',
  onlyInOfficeTools: 'Only in OfficeTools',
  onlyInQbo: 'Only in QuickBooks',
};

export const DIFFERENCE_WORDS: Record<ReconcileDocument['differences'][number], string> = { amount: 'amount', customer: 'customer', date: 'date' };

/** The documents as rows, each system's numbers in its own columns; `clientName` names the client of each row. */
export function documentsCsv(documents: readonly ReconcileDocument[], clientName: (contactId: string) => string): string {
  const rows: Cell[][] = [
    [
      'Client',
      'Kind',
      'Status',
      'Differs in',
      'OfficeTools number',
      'OfficeTools date',
      'OfficeTools amount',
      'OfficeTools balance',
      'QuickBooks Id',
      'QuickBooks number',
      'QuickBooks customer',
      'QuickBooks date',
      'QuickBooks amount',
      'QuickBooks balance',
      'Matched by',
    ],
  ];
  for (const d of documents) {
    const client = d.ot ? clientName(d.ot.contactId) : d.clientIds[0] ? clientName(d.clientIds[0]) : undefined;
    rows.push([
      client,
      d.kind,
      STATUS_WORDS[d.status],
      d.differences.map((x) => DIFFERENCE_WORDS[x]).join(' '),
      d.ot?.number,
      d.ot?.date,
      money(d.ot?.amountCents),
      money(d.ot?.balanceCents),
      d.qbo?.id,
      d.qbo?.docNumber,
      d.qbo ? (d.qbo.customerName ?? d.qbo.customerId) : undefined,
      d.qbo?.date,
      money(d.qbo?.amountCents),
      money(d.qbo?.balanceCents),
      d.matchedBy,
    ]);
  }
  return csv(rows);
}
