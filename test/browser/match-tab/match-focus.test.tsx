import { expect } from 'chai';
import { deleteDB } from 'idb';
import { act } from 'react';
import { contactSpec, employeeSpec } from '../../../src/sync/jobs/match-spec';
import type { QboCustomer } from '../../../src/sync/qbo/entities';
import { LinkStore } from '../../../src/sync/store/link-store';
import { App } from '../../../src/taskpane/app';
import { registerPanelIcons } from '../../../src/taskpane/icons';
import type { IntegrationTabContents } from '../../../src/taskpane/integration-window/integration-tabs';
import { IntegrationWindow } from '../../../src/taskpane/integration-window/integration-window';
import { readPanelFocus } from '../../../src/taskpane/integration-window/window-focus';
import { createMatchTab } from '../../../src/taskpane/match/match-tabs';
import type { MatchTabDeps } from '../../../src/taskpane/match/match-tab-deps';
import type { PanelSettings } from '../../../src/taskpane/shared/panel-services';
import { readPanelView } from '../../../src/taskpane/shared/panel-view';
import { FakeGateway } from '../../node/jobs/fakes';
import { MemoryFirm } from '../replication/support/memory-firm';
import { FirmPanels, click, FakeProxy, queryText, render, US_COMPANY, waitFor, type Rendered } from '../taskpane/panel-test-kit';
import { business, FakeFirmHost } from './fake-firm-host';
import { highlighted, inView, queryListBox, rowNames, searchBox, typeSearch } from './match-dom';

const REALM = US_COMPANY.realmId;
const LEFT = 'OfficeTools contacts';
const RIGHT = 'QuickBooks Online customers';

describe('Match tab opened at one entity (focusId)', () => {
  let dbName = '';
  let store: LinkStore;
  let gateway: FakeGateway;
  let host: FakeFirmHost;
  let proxy: FakeProxy;
  let settings: PanelSettings;
  let tabs: IntegrationTabContents;
  let rendered: Rendered | undefined;
  let firmPanels: FirmPanels;
  const firmSettings = (): PanelSettings => firmPanels.open().settings;
  let ids: Record<string, string>;
  let savedUrl = '';

  before(() => registerPanelIcons());

  beforeEach(async () => {
    savedUrl = window.location.href;
    dbName = `match-focus-test-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    firmPanels = new FirmPanels(new MemoryFirm());
    store = await LinkStore.open({ realmId: REALM, user: 'Pat Staff', dbName });
    gateway = new FakeGateway();
    host = new FakeFirmHost();
    host.contacts = [business('c1', 'Acme Corp'), business('c2', 'Beta Bakery'), business('c3', 'Gamma Gifts'), business('c4', 'Jeffs Jalopies'), business('c5', 'Echo Audio')];
    host.employees = [{ id: 'e1', firstName: 'Ann', lastName: 'Lee', active: true, updatedAt: '2026-01-01T00:00:00Z' }];
    ids = {};
    for (const name of ['Acme Corporation', 'Beta Bakery LLC', 'Foxtrot Films']) ids[name] = String(gateway.add('Customer', { DisplayName: name, CompanyName: name }).Id);
    await store.link({ kind: 'contact', otId: 'c1', qboId: ids['Acme Corporation'], origin: 'manual' });
    proxy = new FakeProxy();
    proxy.connect(US_COMPANY);
    settings = firmSettings();
    const deps: MatchTabDeps = {
      openLinks: async () => LinkStore.open({ realmId: REALM, user: 'Pat Staff', dbName }),
      gateway: () => gateway,
      proposeMatches: async () => ({ proposals: [], undecided: [], stats: { left: 0, right: 0, skippedLinkedLeft: 0, skippedLinkedRight: 0, candidatePairs: 0, vetoedPairs: 0, withheldPairs: 0, proposals: 0, ms: 0 } }),
    };
    const none = () => null;
    tabs = { accountDefaults: none, contactMatch: createMatchTab(contactSpec, deps), employeeMatch: createMatchTab(employeeSpec, deps), workCodeMatch: none, expenseCodeMatch: none };
  });

  afterEach(async () => {
    window.history.replaceState(null, '', savedUrl);
    await rendered?.unmount();
    rendered = undefined;
    store.close();
    await firmPanels.close();
    await deleteDB(dbName);
  });

  const emit = (view: 'contactMatch' | 'employeeMatch' | 'integrations', focusId?: string) =>
    act(async () => host.emit('panelView', focusId === undefined ? { view } : { view, focusId }));

  it('reads ?focus= beside ?view=, ignoring a blank one', () => {
    expect(readPanelFocus('?view=contactMatch&focus=c%2042')).to.equal('c 42');
    expect(readPanelFocus('?view=contactMatch&focus=')).to.equal(undefined);
    expect(readPanelFocus('?view=contactMatch')).to.equal(undefined);
  });

  it('opens at the contact named by the panel URL (taskpane.html?view=contactMatch&focus=…) and highlights it', async () => {
    window.history.replaceState(null, '', `${window.location.pathname}?view=contactMatch&focus=c4`);
    rendered = await render(<App host={host} proxy={proxy} settings={settings} initialView={readPanelView(window.location.search)} tabs={tabs} />);
    await waitFor(() => highlighted(LEFT).length > 0, 'a highlighted contact');
    expect(highlighted(LEFT)).to.deep.equal(['Jeffs Jalopies']);
    expect(highlighted(RIGHT)).to.deep.equal([], 'an unlinked contact has no partner to highlight');
    expect(inView(LEFT, 'Jeffs Jalopies')).to.equal(true);
  });

  it('the initialFocusId prop wins over the URL, and highlights the partner of a linked contact', async () => {
    window.history.replaceState(null, '', `${window.location.pathname}?view=contactMatch&focus=c4`);
    rendered = await render(<App host={host} proxy={proxy} settings={settings} initialView="contactMatch" initialFocusId="c1" tabs={tabs} />);
    await waitFor(() => highlighted(RIGHT).length > 0, 'the partner highlighted');
    expect(highlighted(LEFT)).to.deep.equal(['Acme Corp']);
    expect(highlighted(RIGHT)).to.deep.equal(['Acme Corporation']);
  });

  it('follows the panelView event’s focusId, clearing a search that hides the entity, also while the window is open on another tab', async () => {
    rendered = await render(<App host={host} proxy={proxy} settings={settings} initialView="integrations" tabs={tabs} />);
    await waitFor(() => queryText('QuickBooks Integration Options') && proxy.calls.includes('status'), 'the Integrations screen');
    await emit('contactMatch', 'c2');
    await waitFor(() => highlighted(LEFT).includes('Beta Bakery'), 'Beta Bakery highlighted');

    // Searching hides Beta Bakery's partner on the right and every other contact on the left.
    await typeSearch(LEFT, 'gamma');
    await typeSearch(RIGHT, 'foxtrot');
    await waitFor(() => rowNames(LEFT).length === 1, 'the search to filter');
    await emit('contactMatch', 'c1');
    await waitFor(() => highlighted(LEFT).includes('Acme Corp') && highlighted(RIGHT).includes('Acme Corporation'), 'Acme Corp and its partner highlighted');
    expect(searchBox(LEFT).value).to.equal('', 'the left search that hid Acme Corp is cleared');
    expect(searchBox(RIGHT).value).to.equal('', 'the right search that hid its partner is cleared');
    expect(rowNames(LEFT)).to.include('Gamma Gifts');

    // The user moves to Employee Match; a fix for another contact brings the window back to Contact Match.
    const employeeTab = Array.from(document.querySelectorAll<HTMLElement>('[role="tab"]')).find((t) => (t.textContent ?? '').includes('Employee Match'));
    if (!employeeTab) throw new Error('no Employee Match tab');
    await click(employeeTab);
    await waitFor(() => queryListBox('OfficeTools employees')?.querySelector('[role="option"]'), 'the employee rows');
    await emit('contactMatch', 'c5');
    await waitFor(() => highlighted(LEFT).includes('Echo Audio'), 'Echo Audio highlighted');
    const contactPanel = document.querySelector<HTMLElement>('[role="tabpanel"][aria-label="Contact Match"]');
    expect(contactPanel?.hidden).to.equal(false, 'the Contact Match tab is shown again');
    expect(highlighted(LEFT)).to.deep.equal(['Echo Audio']);

    // Asking twice for the same entity shows it twice, even after the user clicked elsewhere.
    await emit('contactMatch', 'c5');
    await typeSearch(LEFT, 'acme');
    await waitFor(() => rowNames(LEFT).length === 1, 'the search to filter');
    await emit('contactMatch', 'c5');
    await waitFor(() => searchBox(LEFT).value === '' && inView(LEFT, 'Echo Audio'), 'Echo Audio shown again');
  });

  it('a panelView without focusId opens the tab with nothing highlighted', async () => {
    rendered = await render(<App host={host} proxy={proxy} settings={settings} initialView="integrations" tabs={tabs} />);
    await waitFor(() => proxy.calls.includes('status'), 'the connection check');
    await emit('contactMatch');
    await waitFor(() => queryListBox(LEFT) && rowNames(LEFT).length === 5, 'the contact rows');
    expect(highlighted(LEFT)).to.deep.equal([]);
  });

  it('says so when the entity is not in the list', async () => {
    rendered = await render(<App host={host} proxy={proxy} settings={settings} initialView="contactMatch" initialFocusId="gone-7" tabs={tabs} />);
    await waitFor(() => queryText('The OfficeTools contact to show (id gone-7) is not in the list on the left'), 'the warning');
    expect(highlighted(LEFT)).to.deep.equal([]);
  });

  it('turns Hide Synchronized off when it hides the linked entity asked for', async () => {
    rendered = await render(<App host={host} proxy={proxy} settings={settings} initialView="integrations" tabs={tabs} />);
    await waitFor(() => proxy.calls.includes('status'), 'the connection check');
    await emit('contactMatch', 'c2');
    await waitFor(() => highlighted(LEFT).includes('Beta Bakery'), 'Beta Bakery highlighted');
    const box = await waitFor(() => document.querySelector<HTMLInputElement>('input[type="checkbox"]'), 'the Hide Synchronized box');
    await click(box);
    await waitFor(() => !rowNames(LEFT).includes('Acme Corp'), 'linked rows to hide');
    await emit('contactMatch', 'c1');
    await waitFor(() => highlighted(LEFT).includes('Acme Corp'), 'Acme Corp shown and highlighted');
    expect(box.checked).to.equal(false);
    expect(highlighted(RIGHT)).to.deep.equal(['Acme Corporation']);
  });

  it('scrolls an entity far down a 20,000-row list into view, with its far partner (the billing fix passes focusId)', async () => {
    host.contacts = Array.from({ length: 20000 }, (_, i) => business(`k${i}`, `Client ${String(i).padStart(5, '0')}`));
    const customers: Array<QboCustomer & Record<string, unknown>> = [];
    for (let i = 0; i < 20000; i++) customers.push({ Id: String(100000 + i), SyncToken: '0', DisplayName: `Customer ${String(i).padStart(5, '0')}` });
    gateway.rows.set('Customer', customers);
    await store.linkMany([{ kind: 'contact', otId: 'k19990', qboId: '118000', origin: 'manual' }]);
    const context = { realmId: REALM, companyName: 'Test Co', host, proxy, settings };
    rendered = await render(<IntegrationWindow tab="contactMatch" focusId="k19990" tabs={tabs} context={context} onClose={() => undefined} />);
    await waitFor(() => inView(LEFT, 'Client 19990'), 'Client 19990 scrolled into view', 8000);
    await waitFor(() => inView(RIGHT, 'Customer 18000'), 'its partner scrolled into view', 8000);
    expect(highlighted(LEFT)).to.deep.equal(['Client 19990']);
    expect(highlighted(RIGHT)).to.deep.equal(['Customer 18000']);
    expect(queryListBox(LEFT)?.querySelectorAll('[role="option"]').length).to.be.below(200, 'still virtualized');
  });
});
