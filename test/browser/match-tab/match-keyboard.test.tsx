/**
 * A Match tab from the keyboard alone, with what a screen reader hears: the arrows move the
 * focus row, Space highlights it, Alt+L links, Alt+U unlinks, Alt+X exports and Alt+I imports
 * (the buttons' tooltips and aria-keyshortcuts say so); progress and results go to the polite
 * live region, failures to the assertive one. Real IndexedDB links, the engine's jobs on a fake
 * QBO gateway and the fake firm host.
 */
import { expect } from 'chai';
import { deleteDB } from 'idb';
import { act } from 'react';
import { HostRequestError } from '../../../src/sync/host/host-request-error';
import { contactSpec } from '../../../src/sync/jobs/match-spec';
import { createQboErrorOfKind } from '../../../src/sync/qbo/errors';
import { LinkStore } from '../../../src/sync/store/link-store';
import { registerPanelIcons } from '../../../src/taskpane/icons';
import type { IntegrationTabContext } from '../../../src/taskpane/integration-window/integration-tabs';
import { MatchTab } from '../../../src/taskpane/match/match-tab';
import type { MatchTabDeps } from '../../../src/taskpane/match/match-tab-deps';
import { FakeGateway } from '../../node/jobs/fakes';
import { MemoryFirm } from '../replication/support/memory-firm';
import { FakeProxy, FirmPanels, render, waitFor, type Rendered } from '../taskpane/panel-test-kit';
import { business, FakeFirmHost } from './fake-firm-host';
import { highlighted, listBox, row } from './match-dom';

const REALM = '9130350';
const LEFT = 'OfficeTools contacts';
const RIGHT = 'QuickBooks Online customers';

const polite = (): string => document.querySelector('[data-announce="polite"]')?.textContent ?? '';
const assertive = (): string => document.querySelector('[data-announce="assertive"]')?.textContent ?? '';

/** A key pressed where the keyboard's focus is now (the list box, or whatever has it). */
async function press(key: string, init: KeyboardEventInit = {}): Promise<void> {
  const target = document.activeElement ?? document.body;
  await act(async () => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
  });
}

/** Alt and a letter, as the browser reports it: `code` is the physical key. */
const alt = (letter: string) => press(letter.toLowerCase(), { altKey: true, code: `Key${letter}` });

async function focusList(label: string): Promise<void> {
  await act(async () => listBox(label).focus());
}

/** Arrows down until the focus row is `name` (the list is short and sorted). */
async function arrowTo(label: string, name: string): Promise<void> {
  for (let i = 0; i < 10; i++) {
    if (listBox(label).querySelector('[role="option"][data-focused="true"] > span:first-child')?.textContent === name) return;
    await press('ArrowDown');
  }
  throw new Error(`the arrows never reached "${name}" in ${label}`);
}

describe('Match tab from the keyboard, with screen-reader announcements', () => {
  let dbName = '';
  let store: LinkStore;
  let gateway: FakeGateway;
  let host: FakeFirmHost;
  let errors: string[];
  let rendered: Rendered | undefined;
  let firmPanels: FirmPanels;
  let ids: Record<string, string>;

  before(() => registerPanelIcons());

  beforeEach(async () => {
    dbName = `match-keyboard-test-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    firmPanels = new FirmPanels(new MemoryFirm());
    store = await LinkStore.open({ realmId: REALM, user: 'Pat Staff', dbName });
    gateway = new FakeGateway();
    host = new FakeFirmHost();
    errors = [];
    host.contacts = [business('c1', 'Acme Corp'), business('c2', 'Beta Bakery'), business('c3', 'Delta Dental')];
    ids = {};
    for (const name of ['Acme Corporation', 'Beta Bakery LLC', 'Hotel Hats']) ids[name] = String(gateway.add('Customer', { DisplayName: name, CompanyName: name }).Id);
    await store.link({ kind: 'contact', otId: 'c1', qboId: ids['Acme Corporation'], origin: 'manual' });

    const deps: MatchTabDeps = {
      openLinks: async () => LinkStore.open({ realmId: REALM, user: 'Pat Staff', dbName }),
      gateway: () => gateway,
      proposeMatches: async () => ({ proposals: [], undecided: [], stats: { left: 0, right: 0, skippedLinkedLeft: 0, skippedLinkedRight: 0, candidatePairs: 0, vetoedPairs: 0, withheldPairs: 0, proposals: 0, ms: 0 } }),
    };
    const context: IntegrationTabContext = {
      realmId: REALM,
      companyName: 'Test Co',
      host,
      proxy: new FakeProxy(),
      settings: firmPanels.open().settings,
      onSave: () => () => undefined,
      reportError: (action, e) => errors.push(`${action}: ${e instanceof Error ? e.message : String(e)}`),
    };
    rendered = await render(<MatchTab context={context} spec={contactSpec} deps={deps} />);
    await waitFor(() => document.querySelector(`[role="listbox"][aria-label="${LEFT}"]`) && row(LEFT, 'Beta Bakery'), 'the lists');
  });

  afterEach(async () => {
    await rendered?.unmount();
    rendered = undefined;
    store.close();
    await firmPanels.close();
    await deleteDB(dbName);
  });

  it('names each shortcut in the button tooltip and aria-keyshortcuts', () => {
    const shortcut = (text: string) => Array.from(document.querySelectorAll<HTMLButtonElement>('button')).find((b) => b.textContent?.trim() === text)?.getAttribute('aria-keyshortcuts');
    expect([shortcut('Export to QBO'), shortcut('Import from QBO'), shortcut('Link'), shortcut('Unlink')]).to.deep.equal(['Alt+X', 'Alt+I', 'Alt+L', 'Alt+U']);
    // The regions are there, empty, before anything is said (screen readers miss regions born full).
    expect(document.querySelector('[data-announce="polite"]')?.getAttribute('aria-live')).to.equal('polite');
    expect(document.querySelector('[data-announce="assertive"]')?.getAttribute('aria-live')).to.equal('assertive');
    expect(polite() + assertive()).to.equal('');
  });

  it('links and unlinks a pair with the arrows, Space, Alt+L and Alt+U, and says what it did', async () => {
    await focusList(LEFT);
    await arrowTo(LEFT, 'Beta Bakery');
    expect(highlighted(LEFT)).to.deep.equal([]);
    await press(' ');
    expect(highlighted(LEFT)).to.deep.equal(['Beta Bakery']);
    await focusList(RIGHT);
    await arrowTo(RIGHT, 'Beta Bakery LLC');
    await press(' ');
    expect(highlighted(RIGHT)).to.deep.equal(['Beta Bakery LLC']);

    await alt('L');
    await waitFor(() => polite() === 'Linked "Beta Bakery" to "Beta Bakery LLC".', 'the link announced');
    expect((await store.findByOtId('contact', 'c2'))?.qboId).to.equal(ids['Beta Bakery LLC']);

    await alt('U');
    await waitFor(() => polite() === 'Unlinked "Beta Bakery" from "Beta Bakery LLC".', 'the unlink announced');
    expect(await store.findByOtId('contact', 'c2')).to.equal(undefined);
    expect(assertive()).to.equal('');
    expect(errors).to.deep.equal([]);
  });

  it('exports with Alt+X, announcing progress politely and the outcome', async () => {
    await focusList(LEFT);
    await arrowTo(LEFT, 'Delta Dental');
    await press(' ');
    const heard: string[] = [];
    const observer = new MutationObserver(() => heard.push(polite()));
    const region = document.querySelector('[data-announce="polite"]');
    if (!region) throw new Error('no polite live region');
    observer.observe(region, { childList: true, characterData: true, subtree: true });
    await alt('X');
    await waitFor(() => polite().startsWith('Exported 1 contact'), 'the export announced');
    observer.disconnect();
    expect(heard.some((t) => t.startsWith('Exporting'))).to.equal(true, `progress was announced (heard: ${heard.join(' | ')})`);
    expect(gateway.rows.get('Customer')?.some((c) => c.DisplayName === 'Delta Dental')).to.equal(true);
  });

  it('says assertively what failed, and what to do first when nothing is highlighted', async () => {
    await focusList(RIGHT);
    await alt('I');
    await waitFor(() => assertive().startsWith('Highlight one or more QuickBooks Online customers on the right'), 'the missing highlight announced');

    // QuickBooks refuses the batch: the report says no contact went, and that is a failure.
    gateway.failCall = { call: 1, error: createQboErrorOfKind('auth', { errors: [{ code: '3200', message: 'AuthenticationFailed', detail: 'token revoked' }], status: 401 }) };
    await focusList(LEFT);
    await arrowTo(LEFT, 'Delta Dental');
    await press(' ');
    await alt('X');
    await waitFor(() => assertive().startsWith('Exported 0 contacts to QuickBooks Online'), 'the refused export announced');
    expect(polite()).to.equal('');

    // OfficeTools does not answer: the job stops with the panel's own sentence for it.
    const answer = host.request.bind(host);
    host.request = ((method, params) =>
      method === 'accounts.list' ? Promise.reject(new HostRequestError('timeout', method, 'OfficeTools did not answer "accounts.list" within 15 s.')) : answer(method, params)) as typeof host.request;
    await focusList(LEFT);
    await alt('X');
    await waitFor(() => assertive().startsWith('Could not export the contacts to QuickBooks Online. OfficeTools did not answer in time.'), 'the failure announced');
    expect(errors).to.have.length(1);
  });

  it('ignores the shortcuts with other modifiers, and while a job runs', async () => {
    await focusList(LEFT);
    await arrowTo(LEFT, 'Beta Bakery');
    await press(' ');
    await focusList(RIGHT);
    await arrowTo(RIGHT, 'Beta Bakery LLC');
    await press(' ');
    await press('l', { altKey: true, ctrlKey: true, code: 'KeyL' });
    await press('l', { altKey: true, shiftKey: true, code: 'KeyL' });
    await new Promise((r) => setTimeout(r, 100));
    expect(await store.findByOtId('contact', 'c2')).to.equal(undefined);
    expect(polite()).to.equal('');
  });
});
