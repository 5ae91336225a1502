/**
 * Sync History as CSV (RFC 4180: comma-separated, CRLF between rows, a field with a comma,
 * quote, CR or LF quoted and its quotes doubled). A cell that a spreadsheet would run as a
 * formula (starting with = + - @, or a tab or CR that some programs skip before one) gets a
 * leading apostrophe, because names and QuickBooks messages are typed by other people.
 */
import { HISTORY_KIND_LABELS, type HistoryLine } from './history-entry';

export const HISTORY_CSV_COLUMNS = ['When', 'User', 'User id', 'Kind', 'What', 'Result', 'QuickBooks Id', 'intuit_tid', 'Error code', 'Succeeded', 'Failed', 'Detail', 'Records'] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, guarded and quoted as needed. */
export function csvCell(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function recordsText(line: HistoryLine): string {
  return (line.records ?? [])
    .map((r) => [r.name ?? r.otId ?? r.qboId ?? '', r.otId ? `OfficeTools ${r.otId}` : '', r.qboId ? `QuickBooks ${r.qboId}` : '', r.result, r.errorCode ?? '', r.intuitTid ? `intuit_tid ${r.intuitTid}` : '']
      .filter(Boolean)
      .join(' '))
    .join('\n');
}

export function historyCsv(lines: readonly HistoryLine[]): string {
  const rows = lines.map((line) =>
    [
      line.at,
      line.who,
      line.userId,
      line.kind === 'other' ? 'Other' : HISTORY_KIND_LABELS[line.kind],
      line.what,
      line.result,
      line.qboId,
      line.intuitTid,
      line.errorCode,
      line.counts?.ok,
      line.counts?.failed,
      line.detail,
      recordsText(line),
    ]
      .map(csvCell)
      .join(','),
  );
  return [HISTORY_CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

/** The file name of an export made now: qbo-sync-history-2026-12-03.csv. */
export function historyCsvFileName(now: Date): string {
  const p = (v: number): string => String(v).padStart(2, '0');
  return `qbo-sync-history-${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}.csv`;
}
