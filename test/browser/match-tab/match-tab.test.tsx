import { expect } from 'chai';
import { deleteDB } from 'idb';
import { act } from 'react';
import { contactSpec, employeeSpec } from '../../../src/sync/jobs/match-spec';
import type { AutomatchInput, AutomatchResult } from '../../../src/sync/match/types';
import type { QboCustomer } from '../../../src/sync/qbo/entities';
import { LinkStore } from '../../../src/sync/store/link-store';
import { registerPanelIcons } from '../../../src/taskpane/icons';
import type { IntegrationTabContents, IntegrationTabContext } from '../../../src/taskpane/integration-window/integration-tabs';
import { IntegrationWindow } from '../../../src/taskpane/integration-window/integration-window';
import { createMatchTab } from '../../../src/taskpane/match/match-tabs';
import { MatchTab } from '../../../src/taskpane/match/match-tab';
import { sharedLinks, type MatchTabDeps } from '../../../src/taskpane/match/match-tab-deps';
import { createHistoryRecorder } from '../../../src/sync/history/history-recorder';
import type { HistoryEntry } from '../../../src/sync/history/history-entry';
import type { PanelSettings } from '../../../src/taskpane/shared/panel-services';
import { FakeGateway } from '../../node/jobs/fakes';
import { MemoryFirm } from '../replication/support/memory-firm';
import { FirmPanels, button, click, FakeProxy, queryButton, queryText, render, waitFor, type Rendered } from '../taskpane/panel-test-kit';
import { business, FakeFirmHost } from './fake-firm-host';
import { inView } from './match-dom';

const REALM = '9130350';
const LEFT = 'OfficeTools contacts';
const RIGHT = 'QuickBooks Online customers';

function listBox(label: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`[role="listbox"][aria-label="${label}"]`);
  if (!el) throw new Error(`no list "${label}"`);
  return el;
}

function rowNames(label: string): string[] {
  return Array.from(listBox(label).querySelectorAll('[role="option"] > span:first-child'), (s) => s.textContent ?? '');
}

function row(label: string, name: string): HTMLElement | undefined {
  return Array.from(listBox(label).querySelectorAll<HTMLElement>('[role="option"]')).find((r) => r.firstElementChild?.textContent === name);
}

function highlighted(label: string): string[] {
  return Array.from(listBox(label).querySelectorAll('[role="option"][aria-selected="true"] > span:first-child'), (s) => s.textContent ?? '');
}

async function clickRow(label: string, name: string, mods: { ctrlKey?: boolean; shiftKey?: boolean } = {}): Promise<void> {
  const r = await waitFor(() => row(label, name), `row "${name}" in ${label}`);
  await act(async () => {
    r.dispatchEvent(new MouseEvent('click', { bubbles: true, ...mods }));
  });
}

function status(): string {
  return document.querySelector('[role="status"][aria-label="Link counts"]')?.textContent ?? '';
}

describe('Match tab (contacts ⇄ customers), real IndexedDB links', () => {
  let dbName = '';
  let store: LinkStore;
  let gateway: FakeGateway;
  let host: FakeFirmHost;
  let errors: string[];
  let automatchCalls: AutomatchInput[];
  /** Sync History lines the tab recorded. */
  let recorded: HistoryEntry[] = [];
  let automatchAnswer: AutomatchResult;
  let rendered: Rendered | undefined;
  let firmPanels: FirmPanels;
  const firmSettings = (): PanelSettings => firmPanels.open().settings;
  let ids: Record<string, string>;

  before(() => registerPanelIcons());

  beforeEach(async () => {
    dbName = `match-tab-test-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    firmPanels = new FirmPanels(new MemoryFirm());
    store = await LinkStore.open({ realmId: REALM, user: 'Pat Staff', dbName });
    gateway = new FakeGateway();
    host = new FakeFirmHost();
    errors = [];
    automatchCalls = [];
    automatchAnswer = { proposals: [], undecided: [], stats: { left: 0, right: 0, skippedLinkedLeft: 0, skippedLinkedRight: 0, candidatePairs: 0, vetoedPairs: 0, withheldPairs: 0, proposals: 0, ms: 0 } };
    host.contacts = [business('c1', 'Acme Corp'), business('c2', 'Beta Bakery'), business('c3', 'Gamma: Gifts'), business('c4', 'Delta Dental'), business('c5', 'Echo Audio')];
    ids = {};
    for (const name of ['Acme Corporation', 'Beta Bakery LLC', 'Foxtrot Films', 'Hotel Hats', 'Echo Audio']) {
      ids[name] = String(gateway.add('Customer', { DisplayName: name, CompanyName: name }).Id);
    }
    await store.link({ kind: 'contact', otId: 'c1', qboId: ids['Acme Corporation'], origin: 'manual' });
  });

  afterEach(async () => {
    await rendered?.unmount();
    rendered = undefined;
    store.close();
    await firmPanels.close();
    await deleteDB(dbName);
  });

  async function open(): Promise<void> {
    recorded = [];
    const deps: MatchTabDeps = {
      openLinks: async () => LinkStore.open({ realmId: REALM, user: 'Pat Staff', dbName }),
      gateway: () => gateway,
      proposeMatches: async (input) => {
        automatchCalls.push(input);
        return automatchAnswer;
      },
      history: () => createHistoryRecorder({ sink: { append: async (e) => void recorded.push(e as HistoryEntry) }, user: { id: 'u1', name: 'Pat Staff' } }),
    };
    const context: IntegrationTabContext = {
      realmId: REALM,
      companyName: 'Test Co',
      host,
      proxy: new FakeProxy(),
      settings: firmSettings(),
      onSave: () => () => undefined,
      reportError: (action, e) => errors.push(`${action}: ${e instanceof Error ? e.message : String(e)}`),
    };
    rendered = await render(<MatchTab context={context} spec={contactSpec} deps={deps} />);
    await waitFor(() => document.querySelector(`[role="listbox"][aria-label="${LEFT}"]`), 'the lists');
    await waitFor(() => rowNames(LEFT).length > 0, 'rows');
  }

  it('lists both sides sorted, shows partners and the linked/unlinked counts', async () => {
    await open();
    expect(rowNames(LEFT)).to.deep.equal(['Acme Corp', 'Beta Bakery', 'Delta Dental', 'Echo Audio', 'Gamma: Gifts']);
    expect(rowNames(RIGHT)).to.deep.equal(['Acme Corporation', 'Beta Bakery LLC', 'Echo Audio', 'Foxtrot Films', 'Hotel Hats']);
    expect(row(LEFT, 'Acme Corp')?.textContent).to.contain('↔ Acme Corporation');
    expect(status()).to.contain('OfficeTools: 5 contacts, 1 linked, 4 unlinked');
    expect(status()).to.contain('QuickBooks Online: 5 customers, 1 linked, 4 unlinked');
    expect(errors).to.deep.equal([]);
  });

  it('shows the rows of a QuickBooks list still arriving as loading, with every button waiting, then the whole list', async function () {
    // The list read ahead in the page (refresh-qbo-list.ts) arrives page by page; the tab's own read waits for the last page.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const whole = gateway.queryAll.bind(gateway);
    gateway.queryAll = (async (entity: string) => {
      await held;
      return whole(entity);
    }) as typeof gateway.queryAll;
    let pages: ((rows: readonly QboCustomer[], total: number | undefined) => void) | undefined;
    const deps: MatchTabDeps = {
      openLinks: async () => LinkStore.open({ realmId: REALM, user: 'Pat Staff', dbName }),
      gateway: () => gateway,
      proposeMatches: async () => automatchAnswer,
      watchQboList: (_realm, entity, onRows) => {
        expect(entity).to.equal('Customer');
        pages = onRows as unknown as typeof pages;
        return () => (pages = undefined);
      },
    };
    const context: IntegrationTabContext = {
      realmId: REALM,
      companyName: 'Test Co',
      host,
      proxy: new FakeProxy(),
      settings: firmSettings(),
      onSave: () => () => undefined,
      reportError: (action, e) => errors.push(`${action}: ${e instanceof Error ? e.message : String(e)}`),
    };
    // Whatever fails below, the held read ends, so the tab can unmount.
    this.timeout(20_000);
    setTimeout(() => release(), 15_000);
    rendered = await render(<MatchTab context={context} spec={contactSpec} deps={deps} />);
    await waitFor(() => pages, 'the tab follows the list read ahead');
    const all = (await whole('Customer')) as QboCustomer[];
    // The first page: Hotel Hats and Echo Audio; Acme Corp's partner has not arrived yet.
    await act(async () => pages?.(all.filter((c) => ['Hotel Hats', 'Echo Audio'].includes(String(c.DisplayName))), 5));
    await waitFor(() => document.querySelector(`[role="listbox"][aria-label="${RIGHT}"]`) && rowNames(RIGHT).length === 2, 'the first page shown');
    expect(rowNames(LEFT)).to.deep.equal(['Acme Corp', 'Beta Bakery', 'Delta Dental', 'Echo Audio', 'Gamma: Gifts']);
    expect(rowNames(RIGHT)).to.deep.equal(['Echo Audio', 'Hotel Hats']);
    expect(row(LEFT, 'Acme Corp')?.getAttribute('title')).to.contain(`linked to QuickBooks Online Id ${ids['Acme Corporation']} (loading…)`);
    expect(status()).to.equal('Loading QuickBooks Online customers… 2 of 5 so far; the buttons wait for the whole list.');
    for (const name of ['Export to QBO', 'Import from QBO', 'Link', 'Unlink', 'Clear all links', 'Automatch']) {
      const b = await button(name);
      expect(b.disabled || b.getAttribute('aria-disabled') === 'true', `${name} waits`).to.equal(true);
    }
    await act(async () => pages?.(all, 5));
    await waitFor(() => rowNames(RIGHT).length === 5, 'every page shown');
    expect(status()).to.contain('Loading QuickBooks Online customers… 5 of 5');

    await act(async () => release());
    await waitFor(() => status().includes('QuickBooks Online: 5 customers, 1 linked, 4 unlinked'), 'the whole list, counted');
    expect(row(LEFT, 'Acme Corp')?.textContent).to.contain('↔ Acme Corporation');
    const exportButton = await button('Export to QBO');
    expect(exportButton.disabled || exportButton.getAttribute('aria-disabled') === 'true').to.equal(false);
    expect(pages).to.equal(undefined, 'no longer following the read');
    expect(errors).to.deep.equal([]);
  });

  it('shows links another staff member made or removed while the tab is open (the firm\'s links)', async () => {
    const pat = firmPanels.open({ id: 'u1', name: 'Pat Staff' });
    const sam = firmPanels.open({ id: 'u2', name: 'Sam Ortiz' });
    const deps: MatchTabDeps = {
      openLinks: async () => sharedLinks((await pat.cache.open(REALM)).links),
      gateway: () => gateway,
      proposeMatches: async () => automatchAnswer,
      watch: pat.watch,
    };
    const context: IntegrationTabContext = {
      realmId: REALM,
      companyName: 'Test Co',
      host,
      proxy: new FakeProxy(),
      settings: pat.settings,
      onSave: () => () => undefined,
      reportError: (action, e) => errors.push(`${action}: ${e instanceof Error ? e.message : String(e)}`),
    };
    rendered = await render(<MatchTab context={context} spec={contactSpec} deps={deps} />);
    await waitFor(() => document.querySelector(`[role="listbox"][aria-label="${LEFT}"]`) && rowNames(LEFT).length === 5, 'the contacts');
    expect(status()).to.contain('OfficeTools: 5 contacts, 0 linked, 5 unlinked');

    const samLinks = (await sam.cache.open(REALM)).links;
    await samLinks.link({ kind: 'contact', otId: 'c2', qboId: ids['Beta Bakery LLC'], origin: 'manual' });
    await waitFor(() => row(LEFT, 'Beta Bakery')?.textContent?.includes('↔ Beta Bakery LLC'), 'the link Sam made');
    expect(status()).to.contain('OfficeTools: 5 contacts, 1 linked, 4 unlinked');

    await samLinks.unlink('contact', 'c2');
    await waitFor(() => status().includes('0 linked, 5 unlinked'), 'the link Sam removed');
    expect(errors).to.deep.equal([]);
  });

  it('highlights the partner of a linked entity on the other side, from either side', async () => {
    await open();
    await clickRow(LEFT, 'Acme Corp');
    expect(highlighted(RIGHT)).to.deep.equal(['Acme Corporation']);
    await clickRow(RIGHT, 'Hotel Hats');
    expect(highlighted(LEFT)).to.deep.equal(['Acme Corp'], 'an unlinked click leaves the other side alone');
    await clickRow(RIGHT, 'Acme Corporation');
    expect(highlighted(LEFT)).to.deep.equal(['Acme Corp']);
  });

  it('selects with Ctrl and Shift and filters by search', async () => {
    await open();
    await clickRow(LEFT, 'Beta Bakery');
    await clickRow(LEFT, 'Echo Audio', { shiftKey: true });
    expect(highlighted(LEFT)).to.deep.equal(['Beta Bakery', 'Delta Dental', 'Echo Audio']);
    await clickRow(LEFT, 'Delta Dental', { ctrlKey: true });
    expect(highlighted(LEFT)).to.deep.equal(['Beta Bakery', 'Echo Audio']);
    const search = document.querySelector<HTMLInputElement>(`input[aria-label="Search ${RIGHT}"]`);
    if (!search) throw new Error('no search box');
    await act(async () => {
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
      setter?.call(search, 'bak');
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await waitFor(() => rowNames(RIGHT).length === 1, 'the search to filter');
    expect(rowNames(RIGHT)).to.deep.equal(['Beta Bakery LLC']);
  });

  it('links a highlighted pair, refuses a linked one with a clear message, and unlinks', async () => {
    await open();
    await clickRow(LEFT, 'Beta Bakery');
    await clickRow(RIGHT, 'Beta Bakery LLC');
    await click(await button('Link'));
    await waitFor(() => queryText('Linked "Beta Bakery" to "Beta Bakery LLC".'), 'the link message');
    const made = await store.findByOtId('contact', 'c2');
    expect(made?.qboId).to.equal(ids['Beta Bakery LLC']);
    expect(made?.origin).to.equal('manual');
    expect(status()).to.contain('2 linked, 3 unlinked');

    await clickRow(RIGHT, 'Hotel Hats');
    await clickRow(LEFT, 'Acme Corp');
    // Acme's partner took the right side's highlight; pick Hotel Hats again alongside.
    await clickRow(RIGHT, 'Hotel Hats');
    await click(await button('Link'));
    await waitFor(() => queryText('OfficeTools contact "Acme Corp" is already linked to QuickBooks Online customer "Acme Corporation".'), 'the refusal');
    expect((await store.findByQboId('contact', ids['Hotel Hats']))).to.equal(undefined);

    await clickRow(LEFT, 'Beta Bakery');
    expect(highlighted(RIGHT)).to.deep.equal(['Beta Bakery LLC']);
    await click(await button('Unlink'));
    await waitFor(() => queryText('Unlinked "Beta Bakery" from "Beta Bakery LLC".'), 'the unlink message');
    expect(await store.findByOtId('contact', 'c2')).to.equal(undefined);
    expect(row(LEFT, 'Beta Bakery')?.textContent).not.to.contain('↔');
    // Each action is one Sync History line; the refused link is none.
    expect(recorded.map((l) => [l.kind, l.what, l.qboId, l.who])).to.deep.equal([
      ['linkMade', `Linked contact "Beta Bakery" and QuickBooks Online customer ${ids['Beta Bakery LLC']}`, ids['Beta Bakery LLC'], 'Pat Staff'],
      ['linkRemoved', `Unlinked contact "Beta Bakery" and QuickBooks Online customer ${ids['Beta Bakery LLC']}`, ids['Beta Bakery LLC'], 'Pat Staff'],
    ]);
  });

  it('hides synchronized entities on both sides', async () => {
    await open();
    await click(await waitFor(() => document.querySelector<HTMLInputElement>('input[type="checkbox"]'), 'the Hide Synchronized box'));
    await waitFor(() => !rowNames(LEFT).includes('Acme Corp'), 'linked rows to hide');
    expect(rowNames(RIGHT)).not.to.include('Acme Corporation');
    expect(rowNames(LEFT)).to.have.length(4);
    expect(status()).to.contain('5 contacts, 1 linked', 'the counts still cover everything');
  });

  it('exports the highlighted contacts through batch, links them, shows warnings, and offers the existing customer on a name clash', async () => {
    await open();
    await clickRow(LEFT, 'Delta Dental');
    await clickRow(LEFT, 'Gamma: Gifts', { ctrlKey: true });
    await clickRow(LEFT, 'Echo Audio', { ctrlKey: true });
    await click(await button('Export to QBO'));
    await waitFor(() => queryText('Exported 2 contacts to QuickBooks Online and linked them.'), 'the export report');
    expect(gateway.batches).to.have.length(1);
    expect(gateway.batches[0].map((b) => ('body' in b ? (b.body as { DisplayName: string }).DisplayName : ''))).to.have.members(['Delta Dental', 'Gamma- Gifts']);
    expect(queryText('1 name is already taken in QuickBooks Online.')).to.equal(true);
    expect(queryText("':'")).to.equal(true, 'the mapping warning about the colon is shown');
    expect(rowNames(RIGHT)).to.include.members(['Delta Dental', 'Gamma- Gifts']);
    expect(highlighted(RIGHT)).to.have.members(['Delta Dental', 'Gamma- Gifts']);
    expect((await store.findByOtId('contact', 'c4'))?.origin).to.equal('export');

    await click(await button('Link "Echo Audio" to existing "Echo Audio"'));
    await waitFor(() => queryText('Linked 1 contact to the existing QuickBooks Online customer.'), 'the link-to-existing message');
    expect((await store.findByOtId('contact', 'c5'))?.qboId).to.equal(ids['Echo Audio']);
    expect(status()).to.contain('OfficeTools: 5 contacts, 4 linked, 1 unlinked');
  });

  it('imports the highlighted customers as contacts of the chosen type and links them', async () => {
    await open();
    await clickRow(RIGHT, 'Foxtrot Films');
    await clickRow(RIGHT, 'Hotel Hats', { ctrlKey: true });
    await click(await button('Import from QBO'));
    await waitFor(() => queryText('Imported 2 customers into OfficeTools and linked them.'), 'the import report');
    const created = host.calls.filter((c) => c.method === 'contacts.create').map((c) => (c.params as { input: { companyName: string; typeId: string } }).input);
    expect(created.map((c) => [c.companyName, c.typeId])).to.have.deep.members([['Foxtrot Films', 't1'], ['Hotel Hats', 't1']]);
    expect(rowNames(LEFT)).to.include.members(['Foxtrot Films', 'Hotel Hats']);
    const link = await store.findByQboId('contact', ids['Foxtrot Films']);
    expect(link?.origin).to.equal('import');
    expect(highlighted(LEFT)).to.have.members(['Foxtrot Films', 'Hotel Hats']);
  });

  it('clears all links after confirming the count, and Undo puts them back', async () => {
    await store.link({ kind: 'contact', otId: 'c2', qboId: ids['Beta Bakery LLC'], origin: 'automatch' });
    await open();
    await click(await button('Clear all links'));
    await waitFor(() => queryText('Clear all 2 links between OfficeTools contacts and QuickBooks Online customers?'), 'the confirmation with the count');
    await click(await button('Yes'));
    await waitFor(() => queryText('Cleared 2 links'), 'the cleared message');
    expect(await store.count('contact')).to.equal(0);
    expect(status()).to.contain('0 linked, 5 unlinked');
    await click(await button('Undo'));
    await waitFor(() => queryText('Restored 2 links.'), 'the undo');
    const back = await store.findByOtId('contact', 'c2');
    expect(back?.origin).to.equal('automatch', 'links come back as they were made');
    expect(status()).to.contain('2 linked, 3 unlinked');
  });

  it('shows Automatch proposals with confidence and reasons, and saves only the accepted ones', async () => {
    automatchAnswer = {
      ...automatchAnswer,
      proposals: [
        { leftId: 'c2', rightId: ids['Beta Bakery LLC'], score: 0.97, reasons: ["same name once 'LLC' is ignored"] },
        { leftId: 'c5', rightId: ids['Echo Audio'], score: 0.88, reasons: ['same name'] },
      ],
    };
    await open();
    await click(await button('Automatch'));
    await waitFor(() => queryText('Automatch proposes 2 pairs. Nothing is linked until you accept.'), 'the review');
    expect(automatchCalls[0].left.map((e) => e.id)).to.not.include('c1', 'linked contacts are not sent');
    expect(automatchCalls[0].right.map((e) => e.id)).to.not.include(ids['Acme Corporation']);
    expect(queryText('97%')).to.equal(true);
    expect(queryText("same name once 'LLC' is ignored")).to.equal(true);
    expect(await store.count('contact')).to.equal(1, 'nothing saved before accepting');
    await click(await waitFor(() => document.querySelector<HTMLInputElement>('input[aria-label="Accept Echo Audio ↔ Echo Audio"]'), 'the Echo check box'));
    await click(await button('Accept selected (1)'));
    await waitFor(() => queryText('Automatch linked 1 pair.'), 'the accept message');
    expect((await store.findByOtId('contact', 'c2'))?.origin).to.equal('automatch');
    expect(await store.findByOtId('contact', 'c5')).to.equal(undefined);

    automatchAnswer = { ...automatchAnswer, proposals: [{ leftId: 'c5', rightId: ids['Echo Audio'], score: 0.88, reasons: ['same name'] }] };
    await click(await button('Automatch'));
    await click(await button('Accept all (1)'));
    await waitFor(() => queryText('Automatch linked 1 pair.') && queryButton('Automatch'), 'the second accept');
    expect((await store.findByOtId('contact', 'c5'))?.origin).to.equal('automatch');
  });

  it('in the Integration window, a tab loads only when first shown', async () => {
    const deps: MatchTabDeps = { openLinks: async () => LinkStore.open({ realmId: REALM, user: 'Pat Staff', dbName }), gateway: () => gateway, proposeMatches: async () => automatchAnswer };
    const none = () => null;
    const tabs: IntegrationTabContents = {
      accountDefaults: none,
      contactMatch: createMatchTab(contactSpec, deps),
      employeeMatch: createMatchTab(employeeSpec, deps),
      workCodeMatch: none,
      expenseCodeMatch: none,
    };
    host.employees = [{ id: 'e1', firstName: 'Ann', lastName: 'Lee', active: true, updatedAt: '' }];
    const context = { realmId: REALM, companyName: 'Test Co', host, proxy: new FakeProxy(), settings: firmSettings() };
    rendered = await render(<IntegrationWindow tab="contactMatch" tabs={tabs} context={context} onClose={() => undefined} />);
    await waitFor(() => document.querySelector(`[role="listbox"][aria-label="${LEFT}"] [role="option"]`), 'the contact rows');
    expect(host.calls.map((c) => c.method)).not.to.include('employees.list');
    const tab = Array.from(document.querySelectorAll<HTMLElement>('[role="tab"]')).find((t) => (t.textContent ?? '').includes('Employee Match'));
    if (!tab) throw new Error('no Employee Match tab');
    await click(tab);
    await waitFor(() => document.querySelector('[role="listbox"][aria-label="OfficeTools employees"] [role="option"]'), 'the employee rows');
    expect(host.calls.filter((c) => c.method === 'employees.list')).to.have.length(1);
  });

  it('stays virtualized with 20,000 rows a side and scrolls a far partner into view', async () => {
    host.contacts = Array.from({ length: 20000 }, (_, i) => business(`k${i}`, `Client ${String(i).padStart(5, '0')}`));
    const rows: Array<QboCustomer & Record<string, unknown>> = [];
    for (let i = 0; i < 20000; i++) rows.push({ Id: String(100000 + i), SyncToken: '0', DisplayName: `Customer ${String(i).padStart(5, '0')}` });
    gateway.rows.set('Customer', rows);
    await store.linkMany([{ kind: 'contact', otId: 'k0', qboId: '119990', origin: 'manual' }]);
    await open();
    expect(listBox(LEFT).querySelectorAll('[role="option"]').length).to.be.below(200, 'only the rows in view are rendered');
    expect(status()).to.contain('OfficeTools: 20,000 contacts, 1 linked, 19,999 unlinked');
    await clickRow(LEFT, 'Client 00000');
    // Drawn, highlighted and in view by the click's own commit: no scroll debounce to wait out.
    expect(highlighted(RIGHT)).to.deep.equal(['Customer 19990']);
    expect(inView(RIGHT, 'Customer 19990')).to.equal(true);
    await click(await waitFor(() => document.querySelector<HTMLInputElement>('input[type="checkbox"]'), 'the Hide Synchronized box'));
    expect(rowNames(LEFT)[0]).to.equal('Client 00001');
    expect(status()).to.contain('OfficeTools: 20,000 contacts, 1 linked, 19,999 unlinked');
  });
});
