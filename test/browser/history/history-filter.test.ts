import { expect } from 'chai';
import { kindOf, toHistoryLine, type HistoryLine } from '../../../src/sync/history/history-entry';
import { filterHistory, historyUsers } from '../../../src/sync/history/history-filter';

/** Local wall-clock time as ISO, so the day filters are tested in the user's own calendar. */
const local = (y: number, m: number, d: number, h = 12, min = 0): string => new Date(y, m - 1, d, h, min).toISOString();

const lines: HistoryLine[] = [
  { at: local(2026, 12, 1, 0, 0), who: 'Pat Staff', userId: 'u1', what: 'Exported 2 contacts', result: 'ok', kind: 'entityExport' },
  { at: local(2026, 12, 1, 23, 59), who: 'Sam Ortiz', userId: 'u2', what: 'Unlinked 1', result: 'ok', kind: 'linkRemoved' },
  { at: local(2026, 12, 2, 9), who: 'Pat Staff', userId: 'u1', what: 'Contact "A" not sent', result: 'failed', kind: 'contactAutoUpdate' },
  { at: local(2026, 12, 3, 0, 0), who: 'Old Name', what: 'Export invoice 7', result: 'failed', kind: 'documentExport' },
];

describe('Sync History filters', () => {
  it('filters by kind, user (by id, or by name for lines without one) and result', () => {
    expect(filterHistory(lines, { kind: 'linkRemoved' }).map((l) => l.who)).to.deep.equal(['Sam Ortiz']);
    expect(filterHistory(lines, { user: 'u1' }).map((l) => l.what)).to.deep.equal(['Exported 2 contacts', 'Contact "A" not sent']);
    expect(filterHistory(lines, { user: 'Old Name' }).map((l) => l.what)).to.deep.equal(['Export invoice 7']);
    expect(filterHistory(lines, { result: 'failed' })).to.have.length(2);
    expect(filterHistory(lines, { user: 'u1', result: 'failed' }).map((l) => l.kind)).to.deep.equal(['contactAutoUpdate']);
    expect(filterHistory(lines, {})).to.have.length(4);
  });

  it('takes the date range as whole local days, inclusive at both ends', () => {
    expect(filterHistory(lines, { from: '2026-12-01', to: '2026-12-01' }).map((l) => l.who)).to.deep.equal(['Pat Staff', 'Sam Ortiz']);
    expect(filterHistory(lines, { from: '2026-12-02' })).to.have.length(2);
    expect(filterHistory(lines, { to: '2026-12-02' })).to.have.length(3);
    expect(filterHistory(lines, { from: '2026-12-03', to: '2026-12-01' })).to.deep.equal([]);
  });

  it('lists each user once, by name', () => {
    expect(historyUsers(lines)).to.deep.equal([
      { key: 'Old Name', name: 'Old Name' },
      { key: 'u1', name: 'Pat Staff' },
      { key: 'u2', name: 'Sam Ortiz' },
    ]);
  });

  it('infers the kind of lines written before kinds existed: the proxy’s and the billing journal’s', () => {
    expect(kindOf({ what: 'connected' })).to.equal('connect');
    expect(kindOf({ what: 'disconnected' })).to.equal('disconnect');
    expect(kindOf({ what: 'Export invoice 1001' })).to.equal('documentExport');
    expect(kindOf({ what: 'Export payment p1' })).to.equal('documentExport');
    expect(kindOf({ what: 'Import payment 51' })).to.equal('documentImport');
    expect(kindOf({ what: 'Something else' })).to.equal('other');
    expect(kindOf({ what: 'connected', kind: 'linkMade' })).to.equal('linkMade', 'an explicit kind wins');
    expect(kindOf({ what: 'x', kind: 'nonsense' })).to.equal('other');
    const read = toHistoryLine({ seq: 3, realmId: 'r', id: 'h-1', at: 'a', who: 'w', what: 'connected', result: 'ok' });
    expect(read).to.deep.equal({ id: 'h-1', at: 'a', who: 'w', what: 'connected', result: 'ok', kind: 'connect' });
  });
});
