import { expect } from 'chai';
import { csvCell, HISTORY_CSV_COLUMNS, historyCsv, historyCsvFileName } from '../../../src/sync/history/history-csv';
import type { HistoryLine } from '../../../src/sync/history/history-entry';

/** A small RFC 4180 reader, so the tests check what a spreadsheet would read back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) throw new Error('the CSV does not end with CRLF');
  return rows;
}

const line = (over: Partial<HistoryLine> = {}): HistoryLine => ({
  at: '2026-12-03T10:00:00.000Z',
  who: 'Pat Staff',
  userId: 'u1',
  what: 'Linked contact "Acme" and QuickBooks Online customer 58',
  result: 'ok',
  kind: 'linkMade',
  ...over,
});

describe('Sync History CSV', () => {
  it('quotes cells with commas, quotes, CR and LF, doubling the quotes', () => {
    expect(csvCell('plain')).to.equal('plain');
    expect(csvCell('Smith, John')).to.equal('"Smith, John"');
    expect(csvCell('The "big" one')).to.equal('"The ""big"" one"');
    expect(csvCell('line one\nline two')).to.equal('"line one\nline two"');
    expect(csvCell('carriage\rreturn')).to.equal('"carriage\rreturn"');
    expect(csvCell(undefined)).to.equal('');
    expect(csvCell(19)).to.equal('19');
  });

  it('guards cells a spreadsheet would run as a formula with a leading apostrophe', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).to.equal(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvCell('+1 555 0100')).to.equal("'+1 555 0100");
    expect(csvCell('-2+3')).to.equal("'-2+3");
    expect(csvCell('@SUM(A1:A2)')).to.equal("'@SUM(A1:A2)");
    expect(csvCell('\t=1')).to.equal("'\t=1");
    expect(csvCell('a=b')).to.equal('a=b', 'only a leading sign is a formula');
    expect(csvCell('=1,2')).to.equal(`"'=1,2"`, 'guarded and quoted');
  });

  it('writes a header and one row per line that reads back to the same values', () => {
    const lines: HistoryLine[] = [
      line({
        kind: 'entityExport',
        what: 'Exported 20 contacts to QuickBooks Online: 19 created, 1 failed (6240)',
        result: 'failed',
        counts: { ok: 19, failed: 1 },
        errorCode: '6240',
        intuitTid: 'tid-1',
        detail: 'First line\nSecond, with "quotes"',
        records: [
          { otId: 'c1', qboId: '58', name: 'Acme, Inc.', result: 'ok' },
          { otId: 'c2', name: '=cmd', result: 'failed', errorCode: '6240', intuitTid: 'tid-1' },
        ],
      }),
      line({ who: '@attacker', qboId: '58' }),
      { at: '2026-12-02T09:00:00.000Z', who: 'Sam', what: 'connected', result: 'ok', kind: 'connect', detail: 'Connected to Craig’s Design' },
    ];
    const text = historyCsv(lines);
    expect(text.endsWith('\r\n')).to.equal(true);
    const rows = parseCsv(text);
    expect(rows[0]).to.deep.equal([...HISTORY_CSV_COLUMNS]);
    expect(rows).to.have.length(4);
    expect(rows.every((r) => r.length === HISTORY_CSV_COLUMNS.length)).to.equal(true, 'every row has every column');
    const [, exp, link, conn] = rows;
    expect(exp.slice(0, 11)).to.deep.equal(['2026-12-03T10:00:00.000Z', 'Pat Staff', 'u1', 'Export to QuickBooks Online', 'Exported 20 contacts to QuickBooks Online: 19 created, 1 failed (6240)', 'failed', '', 'tid-1', '6240', '19', '1']);
    expect(exp[11]).to.equal('First line\nSecond, with "quotes"');
    // Only a cell's first character makes a formula; "=cmd" inside the cell is plain text.
    expect(exp[12]).to.equal('Acme, Inc. OfficeTools c1 QuickBooks 58 ok\n=cmd OfficeTools c2 failed 6240 intuit_tid tid-1');
    expect(link[1]).to.equal("'@attacker");
    expect(link[6]).to.equal('58');
    expect(conn[3]).to.equal('Connected');
    expect(conn[2]).to.equal('', 'a line without a user id');
  });

  it('names the file after the day', () => {
    expect(historyCsvFileName(new Date(2026, 0, 5, 23, 59))).to.equal('qbo-sync-history-2026-01-05.csv');
  });
});
