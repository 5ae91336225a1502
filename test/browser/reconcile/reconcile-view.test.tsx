/**
 * The Reconcile view in a real Chromium: the period, the summary table (both systems' totals
 * per client, differences first, only those by default), the drill-down to one client's
 * documents with each system's numbers, and the CSV exports. The reconciler compares fixed
 * books with the engine's real comparison (compareBooks); the loader over QBO is tested in Node.
 */
import { expect } from 'chai';
import { registerPanelIcons } from '../../../src/taskpane/icons';
import { ReconcileView } from '../../../src/taskpane/reconcile/reconcile-view';
import { button, click, FakeHost, FakeProxy, queryButton, queryLabelled, queryText, render, US_COMPANY, waitFor, type Rendered } from '../taskpane/panel-test-kit';
import { typeDateField } from '../taskpane/date-field';
import { BooksReconciler } from './books-reconciler';

function tableRows(label: string): string[][] {
  const t = document.querySelector(`table[aria-label="${label}"]`);
  return t ? Array.from(t.querySelectorAll('tbody tr'), (r) => Array.from(r.querySelectorAll('td'), (c) => (c.textContent ?? '').trim())) : [];
}

async function typeInto(label: string, value: string): Promise<void> {
  await typeDateField(await waitFor(() => queryLabelled<HTMLInputElement>(label), `the field "${label}"`), value);
}

describe('ReconcileView', () => {
  let rendered: Rendered | undefined;
  before(() => registerPanelIcons());
  afterEach(async () => {
    await rendered?.unmount();
    rendered = undefined;
  });

  let host: FakeHost;

  async function open(books: BooksReconciler, connected = true): Promise<FakeProxy> {
    const proxy = new FakeProxy();
    if (connected) proxy.connect(US_COMPANY);
    host = new FakeHost();
    rendered = await render(<ReconcileView host={host} proxy={proxy} deps={books.deps} onOpenIntegrations={() => undefined} initialPeriod={{ from: '2026-01-01', to: '2026-03-31' }} />);
    return proxy;
  }

  it('says what to do when QuickBooks Online is not connected', async () => {
    await open(new BooksReconciler(), false);
    await waitFor(() => queryText('needs a QuickBooks Online connection'), 'the not-connected message');
    expect(queryButton('Open QuickBooks Integration Options')).to.not.equal(undefined);
    await rendered?.unmount();
    rendered = undefined;
    // The wide panel while shown (the tables are wide), the normal one after.
    expect(host.calls.filter((c) => c.method === 'ui.setPanelWidth').map((c) => (c.params as { mode: string }).mode)).to.deep.equal(['wide', 'normal']);
  });

  it('refuses a period that ends before it starts, or has no start, in the dates\' own format, without asking QuickBooks', async () => {
    const books = new BooksReconciler();
    await open(books);
    await typeInto('From', '2026-04-01');
    await click(await button('Compare'));
    await waitFor(() => queryText('The period starts on 04/01/2026, after it ends on 03/31/2026'), 'the period message');
    // An emptied date is no period either.
    await typeInto('From', '');
    await click(await button('Compare'));
    await waitFor(() => queryText('Choose the first and the last day of the period'), 'the missing-date message');
    expect(books.periods).to.deep.equal([]);
  });

  it('shows the summary per client (differences only by default), drills down to documents, and exports CSV', async () => {
    const books = new BooksReconciler();
    await open(books);
    await typeInto('To', '2026-02-28');
    await click(await button('Compare'));
    await waitFor(() => document.querySelector('table[aria-label="Clients"]'), 'the clients table');
    expect(books.periods).to.deep.equal([{ from: '2026-01-01', to: '2026-02-28' }]);
    // QBO's 53 (March) is outside the period; Amy differs by a cent, Birch's invoice is only in OfficeTools, Cedar agrees.
    expect(tableRows('Totals')).to.deep.equal([['$445.49', '$370.00', '$70.00', '$70.00', '$385.49', '$310.00']]);
    expect(tableRows('Clients')).to.deep.equal([
      ['Alder, Amy', '$350.00', '$350.01', '$60.00', '$60.00', '$290.00', '$290.01', '1'],
      ['Birch, "Bo", & Sons', '$75.50', '$0.00', '$0.00', '$0.00', '$75.50', '$0.00', '1'],
    ]);
    expect(queryText('2 on one side only or differing')).to.equal(true);

    await click(document.querySelector<HTMLInputElement>('input[type="checkbox"]') as HTMLInputElement);
    await waitFor(() => tableRows('Clients').length === 3, 'all three clients');
    expect(tableRows('Clients')[2][0]).to.equal('=Cedar Partners');

    await click(await button('Show the documents of Alder, Amy'));
    await waitFor(() => document.querySelector('table[aria-label="Documents"]'), 'the documents table');
    expect(tableRows('Documents')).to.deep.equal([
      ['Invoice', 'In both, same', '1001', '01/10/2026', '$100.00', '$40.00', '1001', 'Amy Alder', '01/10/2026', '$100.00', '$40.00', 'OfficeTools marker'],
      ['Invoice', 'In both, different: amount', '1002', '01/20/2026', '$250.00', '$250.00', '1002', 'Amy Alder', '01/20/2026', '$250.01', '$250.01', 'OfficeTools marker'],
      ['Payment', 'In both, same', '', '01/15/2026', '$60.00', '', 'Id 91', 'Customer 101', '01/15/2026', '$60.00', '', 'OfficeTools marker'],
    ]);
    await click(await button('Export documents (CSV)'));
    expect(books.saved[0].fileName).to.equal('reconcile-c1_2026-01-01_2026-02-28.csv');
    expect(books.saved[0].text.split('\r\n')[2]).to.equal('"Alder, Amy",invoice,"In both, different",amount,1002,2026-01-20,250.00,250.00,52,1002,Amy Alder,2026-01-20,250.01,250.01,marker');

    await click(await button('Back to all clients'));
    await click(await button('Export clients (CSV)'));
    const summary = books.saved[1].text.split('\r\n');
    expect(summary[0]).to.match(/^Client,QuickBooks customer Id,Invoiced \(OfficeTools\)/);
    expect(summary).to.include('"Birch, ""Bo"", & Sons",102,75.50,0.00,0.00,0.00,75.50,0.00,1,1');
    expect(summary).to.include("'=Cedar Partners,103,19.99,19.99,10.00,10.00,19.99,19.99,2,0");
    await click(await button('Export differences (CSV)'));
    expect(books.saved[2].text.split('\r\n').filter(Boolean)).to.have.length(3);
  });
});
