import { expect } from 'chai';
import { App, OPEN_FROM_OFFICETOOLS } from '../../../src/taskpane/app';
import { registerPanelIcons } from '../../../src/taskpane/icons';
import type { PanelSettings } from '../../../src/taskpane/shared/panel-services';
import type { PanelView } from '../../../src/sync/host/protocol';
import { MemoryFirm } from '../replication/support/memory-firm';
import { cleanUp } from '../replication/support/replicas';
import {
  button,
  CA_COMPANY,
  click,
  companyField,
  FakeHost,
  FakeProxy,
  firmPanel,
  type FirmPanel,
  labelled,
  queryButton,
  queryText,
  render,
  US_COMPANY,
  waitFor,
  type Rendered,
} from './panel-test-kit';

/** The contact type names in one box of Select Contact Types (a group of Fluent check boxes). */
function boxGroup(label: string): HTMLElement | undefined {
  const title = Array.from(document.querySelectorAll<HTMLElement>('[role="group"]')).find((g) => document.getElementById(g.getAttribute('aria-labelledby') ?? '')?.textContent === label);
  return title;
}
function boxNames(label: string): string[] {
  return Array.from(boxGroup(label)?.querySelectorAll<HTMLElement>('.ms-Checkbox-text') ?? [], (t) => t.textContent ?? '');
}
/** Checks the named types in one box, as a user clicks their check boxes. */
async function checkIn(label: string, names: string[]): Promise<void> {
  for (const name of names) {
    const input = Array.from(boxGroup(label)?.querySelectorAll<HTMLInputElement>('input[type="checkbox"]') ?? []).find((i) => i.closest('.ms-Checkbox')?.querySelector('.ms-Checkbox-text')?.textContent === name);
    if (!input) throw new Error(`No check box "${name}" in ${label}.`);
    await click(input);
  }
}

describe('panel: QuickBooks Integration Options', () => {
  let firm: MemoryFirm;
  let panels: FirmPanel[] = [];
  let settings: PanelSettings;
  let host: FakeHost;
  let proxy: FakeProxy;
  let rendered: Rendered | undefined;

  before(() => registerPanelIcons());

  /** A panel's firm data in its own IndexedDB (a browser profile) over the same firm. */
  function newPanel(): FirmPanel {
    const p = firmPanel(firm, host);
    panels.push(p);
    return p;
  }

  beforeEach(() => {
    firm = new MemoryFirm();
    host = new FakeHost();
    proxy = new FakeProxy();
    settings = newPanel().settings;
  });

  afterEach(async () => {
    await rendered?.unmount();
    rendered = undefined;
    for (const p of panels) p.cache.closeAll();
    panels = [];
    await cleanUp();
  });

  async function open(view: PanelView = 'integrations', s: PanelSettings = settings): Promise<void> {
    rendered = await render(<App host={host} proxy={proxy} settings={s} initialView={view} firm={panels[0]?.cache} />);
  }

  /** The seed's steps from "select QuickBooks Online" to the sign-in window being open. */
  async function connectUpToSignIn(): Promise<string> {
    await click(await labelled<HTMLInputElement>('QuickBooks Online'));
    await waitFor(() => queryText('OfficeTools will link this workspace to a QuickBooks Online company. Continue?'), 'the confirmation message');
    await click(await button('Yes'));
    await click(await button('Connect to QuickBooks Online'));
    await waitFor(() => queryText('Provide authentication to QuickBooks Online?'), 'the authentication question');
    await click(await button('Yes'));
    const call = await waitFor(() => host.calls.find((c) => c.method === 'ui.openDialog'), 'the sign-in dialog window');
    expect(call.params).to.deep.include({ url: 'http://addin.test/auth/start?t=one-time' });
    return 'd1';
  }

  it('connects step by step, completes the flow it started, and shows the company and who connected it', async () => {
    await open();
    await labelled<HTMLInputElement>('None');
    expect((await labelled<HTMLInputElement>('None')).checked).to.equal(true);
    expect(queryButton('Connect to QuickBooks Online')).to.equal(undefined, 'Connect appears only after choosing QuickBooks Online');
    const dialogId = await connectUpToSignIn();
    expect(queryText('Waiting for the QuickBooks Online sign-in window')).to.equal(true);

    await host.emit('dialogMessage', { dialogId, message: proxy.authorize(US_COMPANY, 'flow-1') });
    await waitFor(() => companyField() === US_COMPANY.companyName, 'the company name in the Company field');
    expect(proxy.calls).to.include('complete completion-1');
    expect(proxy.current.connected).to.equal(true);
    await waitFor(() => queryText('Connected by Dana Whitfield on November 26, 2026.'), 'who connected it');
    expect(host.methods()).to.include('ui.closeDialog');
    expect(queryButton('Disconnect')).to.not.equal(undefined);
    await labelled('Update QuickBooks Online when adding/editing contact information');
    expect(host.listeners('dialogMessage')).to.equal(0, 'the sign-in stops listening once answered');
  });

  it('ignores an authorization for a flow this panel did not start', async () => {
    await open();
    const dialogId = await connectUpToSignIn();
    // Another panel's flow (or a forged message) on this very dialog: not ours to complete.
    await host.emit('dialogMessage', { dialogId, message: proxy.authorize(US_COMPANY, 'flow-of-someone-else') });
    expect(proxy.calls.some((c) => c.startsWith('complete'))).to.equal(false);
    expect(queryText('Waiting for the QuickBooks Online sign-in window')).to.equal(true);
    expect(host.listeners('dialogMessage')).to.equal(1, 'still waiting for its own flow');
    await host.emit('dialogMessage', { dialogId, message: proxy.authorize(US_COMPANY, 'flow-1') });
    await waitFor(() => companyField() === US_COMPANY.companyName, 'the company of its own flow');
    expect(proxy.calls.filter((c) => c.startsWith('complete'))).to.deep.equal(['complete completion-2']);
  });

  it('ignores the answer of another dialog window and waits for its own', async () => {
    await open();
    const dialogId = await connectUpToSignIn();
    proxy.connect(US_COMPANY);
    await host.emit('dialogMessage', { dialogId: 'someone-else', message: { status: 'denied' } });
    await host.emit('dialogMessage', { dialogId, message: { hello: 'not a result' } });
    expect(proxy.calls.filter((c) => c === 'status')).to.have.length(1);
    await host.emit('dialogClosed', { dialogId });
    await waitFor(() => companyField() === US_COMPANY.companyName, 'the status read after the window closed');
  });

  it('refuses a Canadian company with a clear message and cancels its authorization instead of completing it', async () => {
    await open();
    const dialogId = await connectUpToSignIn();
    await host.emit('dialogMessage', { dialogId, message: proxy.authorize(CA_COMPANY, 'flow-1') });
    await waitFor(() => queryText('This integration does not support the Canadian version of QuickBooks Online'), 'the Canadian refusal');
    expect(queryText('OfficeTools did not connect it.')).to.equal(true);
    expect(proxy.cancelled).to.deep.equal(['completion-1']);
    expect(proxy.calls.some((c) => c.startsWith('complete'))).to.equal(false, 'never attached to the firm');
    expect(proxy.calls).to.not.include('disconnect');
    expect(proxy.current.connected).to.equal(false);
    expect(companyField()).to.equal('');
    expect(queryButton('Connect to QuickBooks Online')).to.not.equal(undefined);
    expect(document.querySelector('.ms-MessageBar--error')).to.not.equal(null);
  });

  it('refuses a Canadian company that was already connected when the panel opens', async () => {
    proxy.connect(CA_COMPANY);
    await open();
    await waitFor(() => queryText('does not support the Canadian version'), 'the Canadian refusal');
    expect(proxy.calls).to.include('disconnect');
  });

  it('says so when access is denied, or the sign-in window is closed, and connects nothing', async () => {
    await open();
    let dialogId = await connectUpToSignIn();
    await host.emit('dialogMessage', { dialogId, message: { status: 'denied' } });
    await waitFor(() => queryText('Access was not allowed'), 'the denied message');
    expect(companyField()).to.equal('');

    await click(await button('Connect to QuickBooks Online'));
    await click(await button('Yes'));
    await waitFor(() => host.calls.filter((c) => c.method === 'ui.openDialog').length === 2, 'a second sign-in window');
    dialogId = 'd2';
    await host.emit('dialogClosed', { dialogId });
    await waitFor(() => queryText('was closed before the connection was made'), 'the closed-window message');
    expect(companyField()).to.equal('');
  });

  it('answering No keeps None chosen', async () => {
    await open();
    await click(await labelled<HTMLInputElement>('QuickBooks Online'));
    await waitFor(() => queryText('Continue?'), 'the confirmation message');
    expect((await labelled<HTMLInputElement>('QuickBooks Online')).checked).to.equal(true, 'shown as chosen while asking');
    expect(queryButton('Connect to QuickBooks Online')).to.equal(undefined, 'but nothing to connect before Yes');
    await click(await button('No'));
    expect((await labelled<HTMLInputElement>('None')).checked).to.equal(true);
    expect(queryButton('Connect to QuickBooks Online')).to.equal(undefined);
  });

  it('disconnects after a confirmation, then reconnects', async () => {
    proxy.connect(US_COMPANY);
    await open();
    await waitFor(() => companyField() === US_COMPANY.companyName, 'the connected company');
    await click(await button('Disconnect'));
    await waitFor(() => queryText(`Disconnect OfficeTools from ${US_COMPANY.companyName}?`), 'the disconnect question');
    await click(await button('Yes'));
    await button('Connect to QuickBooks Online');
    expect(proxy.calls).to.include('disconnect');
    expect(companyField()).to.equal('');

    await click(await button('Connect to QuickBooks Online'));
    await click(await button('Yes'));
    await waitFor(() => host.methods().includes('ui.openDialog'), 'the sign-in window');
    await host.emit('dialogMessage', { dialogId: 'd1', message: proxy.authorize(US_COMPANY, 'flow-1') });
    await waitFor(() => companyField() === US_COMPANY.companyName, 'the reconnected company');
  });

  it('shows one error bar in plain words when the proxy cannot be reached', async () => {
    proxy.status = async () => {
      const { ProxyError } = await import('../../../src/sync/connection/proxy-error');
      throw new ProxyError('network', 0, 'Could not reach the QBO Sync service at http://127.0.0.1:3001. Check that it is running and try again.');
    };
    await open();
    await waitFor(() => queryText('Could not check the connection to QuickBooks Online. Could not reach the QBO Sync service'), 'the error bar');
    expect(document.querySelectorAll('.ms-MessageBar')).to.have.length(1);
  });

  it('says OfficeTools could not confirm who you are when the proxy refuses the identity even after a fresh token', async () => {
    const { createProxyClient, createAuthFetch } = await import('../../../src/sync/connection/proxy-client');
    // The real client over a proxy that refuses every token: one retry with a fresh token, then the message.
    let asked = 0;
    const fetchImpl: typeof fetch = async () =>
      new Response(JSON.stringify({ error: 'identity_wrong_audience', message: 'The identity token was issued for another add-in.' }), { status: 401, headers: { 'Content-Type': 'application/json' } });
    const real = createProxyClient(createAuthFetch({ baseUrl: 'http://addin.test', fetch: fetchImpl, getIdentityToken: async () => `h.${btoa(JSON.stringify({ exp: 4e9, n: ++asked }))}.s` }), 'http://addin.test');
    proxy.status = () => real.status();
    await open();
    await waitFor(
      () => queryText('Could not check the connection to QuickBooks Online. OfficeTools could not confirm who you are: The identity token was issued for another add-in. Reload OfficeTools.'),
      'the identity message',
    );
    expect(asked).to.equal(2, 'one fresh token was tried');
  });

  it('chooses contact types with Add, Select All, Remove and Clear, shows (Collection), and keeps them after a reload', async () => {
    proxy.connect(US_COMPANY);
    await open();
    await click(await button('Browse contact types'));
    await waitFor(() => queryText('Select Contact Types to Sync to QuickBooks'), 'the contact types window');
    const left = 'Available contact types';
    const right = 'Contact types to sync';
    await waitFor(() => boxNames(left).length > 0, 'the available types');
    expect(boxNames(left)).to.deep.equal(['Client', 'Prospect', 'Vendor', 'Referral Source']);
    expect(boxNames(right)).to.deep.equal([]);
    expect(queryText('left box')).to.equal(false, 'the words name the boxes, not sides that a narrow window would stack');

    await checkIn(left, ['Vendor']);
    await click(await button('Add'));
    expect(boxNames(right)).to.deep.equal(['Vendor']);
    expect(boxNames(left)).to.deep.equal(['Client', 'Prospect', 'Referral Source']);

    await checkIn(left, ['Client', 'Referral Source']);
    await click(await button('Add'));
    expect(boxNames(right)).to.deep.equal(['Client', 'Vendor', 'Referral Source'], 'kept in OfficeTools order');

    await checkIn(right, ['Vendor']);
    await click(await button('Remove'));
    expect(boxNames(right)).to.deep.equal(['Client', 'Referral Source']);

    await click(await button('Select All'));
    expect(boxNames(left)).to.deep.equal([]);
    expect(boxNames(right)).to.have.length(4);

    await click(await button('Clear'));
    expect(boxNames(right)).to.deep.equal([]);

    await checkIn(left, ['Prospect']);
    await click(await button('Add'));
    await click(await button('Close'));
    const field = await labelled<HTMLInputElement>('Select Contact Type(s) to update');
    await waitFor(() => field.value === 'Prospect', 'the one chosen type name');

    await click(await button('Browse contact types'));
    await click(await button('Select All'));
    await click(await button('Close'));
    await waitFor(() => field.value === '(Collection)', '(Collection)');

    await click(await labelled<HTMLInputElement>('Update QuickBooks Online when adding/editing contact information'));
    await waitFor(async () => (await settings.load(US_COMPANY.realmId)).contactSyncEnabled, 'the switch saved');
    const stored = await waitFor(() => settings.load(US_COMPANY.realmId), 'the stored settings');
    expect(stored.contactTypeIds).to.deep.equal(['t1', 't2', 't3', 't4']);

    // Another staff member's panel, in a fresh browser profile: the firm's settings are there.
    await rendered?.unmount();
    rendered = undefined;
    const other = newPanel();
    await open('integrations', other.settings);
    const field2 = await labelled<HTMLInputElement>('Select Contact Type(s) to update');
    await waitFor(() => field2.value === '(Collection)', '(Collection) after the reload');
    expect((await labelled<HTMLInputElement>('Update QuickBooks Online when adding/editing contact information')).checked).to.equal(true);
  });

  it('keeps settings per company', async () => {
    await settings.save(US_COMPANY.realmId, { contactTypeIds: ['t3'] });
    await settings.save('9130999', { contactTypeIds: ['t1', 't2'] });
    proxy.connect(US_COMPANY);
    await open();
    const field = await labelled<HTMLInputElement>('Select Contact Type(s) to update');
    await waitFor(() => field.value === 'Vendor', 'this company’s one type');
  });

  it('shows who connected the firm’s company, with the Intuit account', async () => {
    proxy.connect(US_COMPANY);
    proxy.current = { ...proxy.current, intuitEmail: 'books@craigs.example' } as typeof proxy.current;
    await open();
    await waitFor(() => queryText('Connected by Sam Ortiz on November 26, 2026 (Intuit account books@craigs.example).'), 'the connected-by line');
  });

  it('follows another staff member connecting and disconnecting (the connection event)', async () => {
    await open();
    await click(await labelled<HTMLInputElement>('QuickBooks Online'));
    await click(await button('Yes'));
    await button('Connect to QuickBooks Online');
    proxy.connect(US_COMPANY);
    await proxy.emitConnectionChange();
    await waitFor(() => companyField() === US_COMPANY.companyName, 'the company another staff member connected');
    await waitFor(() => queryText('Connected by Sam Ortiz'), 'who connected it');
    proxy.current = { connected: false };
    await proxy.emitConnectionChange();
    await button('Connect to QuickBooks Online');
    expect(companyField()).to.equal('');
  });

  it('shows contact settings another staff member saved while the panel is open', async () => {
    proxy.connect(US_COMPANY);
    await open();
    const field = await labelled<HTMLInputElement>('Select Contact Type(s) to update');
    expect(field.value).to.equal('');
    const other = newPanel();
    await other.settings.save(US_COMPANY.realmId, { contactTypeIds: ['t3'] });
    await waitFor(() => field.value === 'Vendor', 'the type the other staff member chose');
  });

  it('opens the QuickBooks Online Integration window from Defaults, with its five tabs, and Close closes it (nothing unsaved)', async () => {
    proxy.connect(US_COMPANY);
    await open();
    await click(await button('Defaults'));
    await waitFor(() => queryText('QuickBooks Online Integration'), 'the Integration window');
    for (const tab of ['Account Defaults', 'Contact Match', 'Employee Match', 'Work Code Match', 'Expense Code Match']) {
      expect(Array.from(document.querySelectorAll('[role="tab"]')).some((t) => (t.textContent ?? '').includes(tab))).to.equal(true, tab);
    }
    const selected = document.querySelector('[role="tab"][aria-selected="true"]');
    expect(selected?.textContent).to.contain('Account Defaults');
    // The real tab is mounted; this fake proxy has no QBO session, so it explains why it cannot load.
    await waitFor(() => queryText('Could not load the accounts and items for Account Defaults'), 'the Account Defaults tab content');
    expect(queryButton('OK'), 'no OK without unsaved changes').to.equal(undefined);
    await click(await button('Close'));
    await waitFor(() => !queryText('QuickBooks Online Integration'), 'the window to close');
  });

  it('opens the Integration window at the tab a menu command asks for, on start and by the panelView event', async () => {
    proxy.connect(US_COMPANY);
    await open('workCodeMatch');
    await waitFor(() => document.querySelector('[role="tab"][aria-selected="true"]')?.textContent?.includes('Work Code Match'), 'the Work Code Match tab');
    expect(queryText('Changes on this tab are saved as you make them.')).to.equal(true);
    await click(await button('Close'));
    await waitFor(() => !queryText('QuickBooks Online Integration'), 'Close to close the window');

    await host.emit('panelView', { view: 'contactMatch' });
    await waitFor(() => document.querySelector('[role="tab"][aria-selected="true"]')?.textContent?.includes('Contact Match'), 'the Contact Match tab');
  });

  it('asks to connect first when a menu command opens a tab without a connection', async () => {
    await open('accountDefaults');
    await waitFor(() => queryText('The Account Defaults tab needs a QuickBooks Online connection'), 'the connect-first message');
    expect(queryText('QuickBooks Online Integration')).to.equal(false);
  });

  it('switches views on panelView', async () => {
    await open('integrations');
    await waitFor(() => queryText('QuickBooks Integration Options'), 'the integrations screen');
    await host.emit('panelView', { view: 'history' });
    await waitFor(() => queryText('Contact changes waiting for QuickBooks Online'), 'the history screen');
    await host.emit('panelView', { view: 'integrations' });
    await waitFor(() => queryText('QuickBooks Integration Options'), 'the integrations screen again');
  });

  it('outside OfficeTools says how to open the panel, and calls nothing', async () => {
    rendered = await render(<App host={null} proxy={proxy} settings={settings} initialView="integrations" />);
    await waitFor(() => queryText('Open this panel from OfficeTools'), 'the outside-host message');
    expect(queryText(OPEN_FROM_OFFICETOOLS)).to.equal(true);
    expect(proxy.calls).to.deep.equal([]);
  });
});
