/**
 * The history part of Sync History over a real FirmData replica: newest first, the filters a
 * user sets on screen, and the CSV that Export CSV downloads.
 */
import { expect } from 'chai';
import { deleteDB } from 'idb';
import type { HistoryEntry } from '../../../src/sync/history/history-entry';
import { entityExportHistory, interruptedRunHistory } from '../../../src/sync/history/history-builders';
import { createHistoryRecorder } from '../../../src/sync/history/history-recorder';
import { formatTimestamp, setHostLocale } from '../../../src/taskpane/shared/locale-format';
import { openFirmData, type FirmData } from '../../../src/sync/replication/open-firm-data';
import { HistoryList } from '../../../src/taskpane/pending-updates/history-list';
import { historySourceOf } from '../../../src/taskpane/pending-updates/history-source';
import { registerPanelIcons } from '../../../src/taskpane/icons';
import { MemoryFirm } from '../replication/support/memory-firm';
import { button, click, labelled, queryText, render, waitFor, type Rendered } from '../taskpane/panel-test-kit';
import { typeDateField } from '../taskpane/date-field';

const REALM = '9130350';
const local = (d: number, h: number): string => new Date(2026, 11, d, h).toISOString();

function entries(): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>('[aria-label="History entries"] > li'));
}
const whats = (): string[] => entries().map((li) => (li.firstElementChild?.textContent ?? '').trim());

async function choose(label: string, option: string): Promise<void> {
  const l = await waitFor(() => Array.from(document.querySelectorAll('label')).find((x) => x.textContent === label), `the drop-down "${label}"`);
  const dd = l.closest('.ms-Dropdown-container')?.querySelector<HTMLElement>('.ms-Dropdown');
  if (!dd) throw new Error(`no drop-down under "${label}"`);
  await click(dd);
  const el = await waitFor(
    () => Array.from(document.querySelectorAll<HTMLElement>('.ms-Callout [role="option"]')).find((o) => (o.textContent ?? '').trim() === option),
    `the option "${option}"`,
  );
  await click(el);
}

async function typeDate(label: string, value: string): Promise<void> {
  await typeDateField(await labelled<HTMLInputElement>(label), value);
}

describe('Sync History: the history of operations', () => {
  let dbName = '';
  let firm: MemoryFirm;
  let data: FirmData;
  let view: Rendered | undefined;
  let downloads: Array<{ fileName: string; text: string }>;

  before(() => registerPanelIcons());

  beforeEach(async () => {
    dbName = `history-list-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    firm = new MemoryFirm();
    const pat = { id: 'u1', name: 'Pat Staff' };
    data = await openFirmData({ realmId: REALM, user: pat, remote: firm.remoteFor(pat), dbName });
    downloads = [];
    const lines: HistoryEntry[] = [
      { at: local(1, 9), who: 'Pat Staff', userId: 'u1', kind: 'entityExport', what: 'Exported 2 contacts to QuickBooks Online: 1 created, 1 failed (6240)', result: 'failed', errorCode: '6240', intuitTid: 'tid-1', counts: { ok: 1, failed: 1 } },
      { at: local(2, 9), who: 'Sam Ortiz', userId: 'u2', kind: 'linkMade', what: 'Linked contact "=Evil, Inc." and QuickBooks Online customer 58', result: 'ok', qboId: '58' },
      { at: local(3, 9), who: 'Pat Staff', userId: 'u1', kind: 'defaultsChanged', what: 'Changed Account Defaults: Fee Income', result: 'ok', detail: 'Fee Income: None → Services (Income)' },
    ];
    for (const l of lines) await data.history.append(l);
    // The proxy's own line, without a kind.
    firm.seed(REALM, { id: 'u2', name: 'Sam Ortiz' }, [{ collection: 'history', id: 'h-proxy-1', body: { at: local(1, 8), who: 'Sam Ortiz', userId: 'u2', what: 'connected', result: 'ok', detail: 'Connected to Test Co' } }]);
    await data.replication.pullNow();
  });

  afterEach(async () => {
    await view?.unmount();
    view = undefined;
    data.close();
    await deleteDB(dbName);
  });

  const show = async () => {
    view = await render(
      <HistoryList realmId={REALM} source={historySourceOf(async () => data)} download={(fileName, text) => downloads.push({ fileName, text })} now={() => new Date(2026, 11, 3, 12)} />,
    );
    await waitFor(() => entries().length === 4, 'the four lines');
  };

  it('lists every line newest first, with who, the kind, ids and codes', async () => {
    await show();
    expect(whats()).to.deep.equal([
      'Changed Account Defaults: Fee Income',
      'Linked contact "=Evil, Inc." and QuickBooks Online customer 58',
      'Failed: Exported 2 contacts to QuickBooks Online: 1 created, 1 failed (6240)',
      'connected',
    ]);
    expect(queryText('error 6240 · intuit_tid tid-1')).to.equal(true);
    expect(queryText('QuickBooks Id 58')).to.equal(true);
    expect(entries()[3].dataset.kind).to.equal('connect', "the proxy's line is a connect");
    expect(queryText('4 entries.')).to.equal(true);
  });

  it('filters by kind, user, result and date range, and says how many match', async () => {
    await show();
    await choose('User', 'Sam Ortiz');
    await waitFor(() => entries().length === 2, "Sam's two lines");
    expect(queryText('2 of 4 entries match the filters.')).to.equal(true);
    await choose('Kind', 'Connected');
    await waitFor(() => entries().length === 1, 'the connect line');
    await choose('Kind', 'All kinds');
    await choose('User', 'All users');
    await choose('Result', 'Failed');
    await waitFor(() => entries().length === 1 && whats()[0].startsWith('Failed: Exported'), 'the failed export');
    await choose('Result', 'Any result');
    await typeDate('From', '2026-12-02');
    await waitFor(() => entries().length === 2, 'from the 2nd');
    await typeDate('To', '2026-12-02');
    await waitFor(() => entries().length === 1 && entries()[0].dataset.kind === 'linkMade', 'only the 2nd');
    await typeDate('From', '2026-12-03');
    await waitFor(() => queryText('The From date is after the To date'), 'the warning');
    expect(entries()).to.have.length(0);
  });

  it('Export CSV downloads what the filters show, quoted and guarded against formulas', async () => {
    await show();
    await choose('Result', 'Succeeded');
    await waitFor(() => entries().length === 3, 'the three that succeeded');
    await click(await button('Export CSV'));
    expect(downloads).to.have.length(1);
    const [{ fileName, text }] = downloads;
    expect(fileName).to.equal('qbo-sync-history-2026-12-03.csv');
    const rows = text.split('\r\n');
    expect(rows[0].startsWith('When,User,User id,Kind,What,Result')).to.equal(true);
    expect(rows).to.have.length(5, 'header, three lines, and the final line break');
    expect(text).to.include(`,"Linked contact ""=Evil, Inc."" and QuickBooks Online customer 58",ok,58,`);
    expect(text).to.not.include('Exported 2 contacts', 'the failed line is filtered out');
  });

  it("shows a colleague's counts and times in the reader's locale (de-DE here), while the line keeps them as values", async () => {
    const sam = { id: 'u2', name: 'Sam Ortiz' };
    const samDb = `${dbName}-sam-de`;
    const samData = await openFirmData({ realmId: REALM, user: sam, remote: firm.remoteFor(sam), dbName: samDb });
    try {
      // Sam records through the real builders and recorder; the lines reach Pat through the firm.
      const recorder = createHistoryRecorder({ sink: samData.history, user: sam, now: () => new Date(local(3, 11)) });
      const words = { ot: 'contact', otPlural: 'contacts', qbo: 'customer', qboPlural: 'customers' };
      const created = Array.from({ length: 20000 }, (_, i) => ({ otId: `c${i}`, name: `Client ${i}`, qboId: String(i + 1) }));
      await recorder.record(entityExportHistory(words, created, []));
      const startedAt = local(3, 10);
      await recorder.record(interruptedRunHistory('import', words, { runs: [{ by: 'Sam Ortiz', at: startedAt }], linked: created.slice(0, 1500), alreadyLinked: [], notCreated: [], waiting: [], failed: [] }));
      await data.replication.pullNow();
      setHostLocale('de-DE');
      view = await render(<HistoryList realmId={REALM} source={historySourceOf(async () => data)} />);
      await waitFor(() => whats().includes('Exported 20.000 contacts to QuickBooks Online: 20.000 created'), "Sam's export, counted the German way");
      expect(whats()).to.include('Finished an interrupted import of 1.500 customers: 1.500 linked now');
      const detail = `Started by Sam Ortiz at ${formatTimestamp(startedAt, 'de-DE')}; a reload or a closed panel cut it off, and it was finished when the tab opened again.`;
      expect(detail).to.match(/at 03\.12\.2026, 10:00;/);
      expect(queryText(detail)).to.equal(true, 'the start time in the reader\'s format');
      // The stored line stays neutral, for the CSV and any reader without the wording.
      const stored = (await data.history.list()).find((l) => l.what.startsWith('Exported 20000'));
      expect(stored?.what).to.equal('Exported 20000 contacts to QuickBooks Online: 20000 created');
    } finally {
      setHostLocale(undefined);
      samData.close();
      await deleteDB(samDb);
    }
  });

  it('shows a line another staff member records once the replica pulls it', async () => {
    await show();
    const sam = { id: 'u2', name: 'Sam Ortiz' };
    const samDb = `${dbName}-sam`;
    const samData = await openFirmData({ realmId: REALM, user: sam, remote: firm.remoteFor(sam), dbName: samDb });
    try {
      await samData.history.append({ at: local(3, 11), who: 'Sam Ortiz', what: 'Unlinked 2 contacts', result: 'ok' });
      await data.replication.pullNow();
      await view?.unmount();
      view = await render(<HistoryList realmId={REALM} source={historySourceOf(async () => data)} />);
      await waitFor(() => whats().includes('Unlinked 2 contacts'), "Sam's new line");
    } finally {
      samData.close();
      await deleteDB(samDb);
    }
  });
});
