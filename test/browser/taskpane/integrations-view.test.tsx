import { expect } from 'chai';
import { deleteDB } from 'idb';
import { openSyncDb, type QboSyncDatabase } from '../../../src/sync/store/schema';
import { App, OPEN_FROM_OFFICETOOLS } from '../../../src/taskpane/app';
import { registerPanelIcons } from '../../../src/taskpane/icons';
import { createIdbPanelSettings, type PanelSettings } from '../../../src/taskpane/shared/panel-services';
import type { PanelView } from '../../../src/sync/host/protocol';
import {
  button,
  CA_COMPANY,
  click,
  companyField,
  FakeHost,
  FakeProxy,
  highlight,
  labelled,
  optionNames,
  queryButton,
  queryText,
  render,
  US_COMPANY,
  waitFor,
  type Rendered,
} from './panel-test-kit';

describe('panel: QuickBooks Integration Options', () => {
  let dbName = '';
  // Every open, awaited and closed after each test: a connection left open would block deleteDB.
  let opened: Array<Promise<QboSyncDatabase>> = [];
  const openDb = () => {
    const db = openSyncDb(dbName);
    opened.push(db);
    return db;
  };
  let settings: PanelSettings;
  let host: FakeHost;
  let proxy: FakeProxy;
  let rendered: Rendered | undefined;

  before(() => registerPanelIcons());

  beforeEach(() => {
    dbName = `panel-test-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    settings = createIdbPanelSettings(openDb);
    host = new FakeHost();
    proxy = new FakeProxy();
  });

  afterEach(async () => {
    await rendered?.unmount();
    rendered = undefined;
    for (const db of await Promise.all(opened)) db.close();
    opened = [];
    await deleteDB(dbName);
  });

  async function open(view: PanelView = 'integrations', s: PanelSettings = settings): Promise<void> {
    rendered = await render(<App host={host} proxy={proxy} settings={s} initialView={view} />);
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

  it('connects step by step and shows the company', async () => {
    await open();
    await labelled<HTMLInputElement>('None');
    expect((await labelled<HTMLInputElement>('None')).checked).to.equal(true);
    expect(queryButton('Connect to QuickBooks Online')).to.equal(undefined, 'Connect appears only after choosing QuickBooks Online');
    const dialogId = await connectUpToSignIn();
    expect(queryText('Waiting for the QuickBooks Online sign-in window')).to.equal(true);

    proxy.connect(US_COMPANY);
    await host.emit('dialogMessage', { dialogId, message: { status: 'connected', ...US_COMPANY } });
    await waitFor(() => companyField() === US_COMPANY.companyName, 'the company name in the Company field');
    expect(host.methods()).to.include('ui.closeDialog');
    expect(queryButton('Disconnect')).to.not.equal(undefined);
    await labelled('Update QuickBooks Online when adding/editing contact information');
    expect(host.listeners('dialogMessage')).to.equal(0, 'the sign-in stops listening once answered');
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

  it('refuses a Canadian company with a clear message and disconnects it', async () => {
    await open();
    const dialogId = await connectUpToSignIn();
    proxy.connect(CA_COMPANY);
    await host.emit('dialogMessage', { dialogId, message: { status: 'connected', ...CA_COMPANY } });
    await waitFor(() => queryText('This integration does not support the Canadian version of QuickBooks Online'), 'the Canadian refusal');
    expect(queryText('OfficeTools has disconnected it.')).to.equal(true);
    expect(proxy.calls).to.include('disconnect');
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
    proxy.connect(US_COMPANY);
    await host.emit('dialogMessage', { dialogId: 'd1', message: { status: 'connected', ...US_COMPANY } });
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

  it('chooses contact types with Add, Select All, Remove and Clear, shows (Collection), and keeps them after a reload', async () => {
    proxy.connect(US_COMPANY);
    await open();
    await click(await button('Browse contact types'));
    await waitFor(() => queryText('Select Contact Types to Sync to QuickBooks'), 'the contact types window');
    const left = await labelled<HTMLSelectElement>('Available contact types');
    const right = await labelled<HTMLSelectElement>('Contact types to sync');
    expect(optionNames(left)).to.deep.equal(['Client', 'Prospect', 'Vendor', 'Referral Source']);
    expect(optionNames(right)).to.deep.equal([]);

    await highlight(left, ['Vendor']);
    await click(await button('Add'));
    expect(optionNames(right)).to.deep.equal(['Vendor']);
    expect(optionNames(left)).to.deep.equal(['Client', 'Prospect', 'Referral Source']);

    await highlight(left, ['Client', 'Referral Source']);
    await click(await button('Add'));
    expect(optionNames(right)).to.deep.equal(['Client', 'Vendor', 'Referral Source'], 'kept in OfficeTools order');

    await highlight(right, ['Vendor']);
    await click(await button('Remove'));
    expect(optionNames(right)).to.deep.equal(['Client', 'Referral Source']);

    await click(await button('Select All'));
    expect(optionNames(left)).to.deep.equal([]);
    expect(optionNames(right)).to.have.length(4);

    await click(await button('Clear'));
    expect(optionNames(right)).to.deep.equal([]);

    await highlight(left, ['Prospect']);
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

    // Reload: a new panel over the same database finds everything kept.
    await rendered?.unmount();
    rendered = undefined;
    const reopened = createIdbPanelSettings(openDb);
    await open('integrations', reopened);
    const field2 = await labelled<HTMLInputElement>('Select Contact Type(s) to update');
    await waitFor(() => field2.value === '(Collection)', '(Collection) after the reload');
    expect((await labelled<HTMLInputElement>('Update QuickBooks Online when adding/editing contact information')).checked).to.equal(true);
  });

  it('keeps settings per company', async () => {
    await settings.save(US_COMPANY.realmId, { contactTypeIds: ['t3'] });
    await settings.save('other-realm', { contactTypeIds: ['t1', 't2'] });
    proxy.connect(US_COMPANY);
    await open();
    const field = await labelled<HTMLInputElement>('Select Contact Type(s) to update');
    await waitFor(() => field.value === 'Vendor', 'this company’s one type');
  });

  it('opens the QuickBooks Online Integration window from Defaults, with its five tabs, and Cancel closes it', async () => {
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
    await click(await button('Cancel'));
    await waitFor(() => !queryText('QuickBooks Online Integration'), 'the window to close');
  });

  it('opens the Integration window at the tab a menu command asks for, on start and by the panelView event', async () => {
    proxy.connect(US_COMPANY);
    await open('workCodeMatch');
    await waitFor(() => document.querySelector('[role="tab"][aria-selected="true"]')?.textContent?.includes('Work Code Match'), 'the Work Code Match tab');
    await click(await button('OK'));
    await waitFor(() => !queryText('QuickBooks Online Integration'), 'OK to close the window');

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
