import { expect } from 'chai';
import { deleteDB } from 'idb';
import { createAccountDefaultsTab } from '../../../src/taskpane/account-defaults/account-defaults-tabs';
import { UNDEPOSITED_FUNDS_NOTE } from '../../../src/taskpane/account-defaults/account-defaults-tab';
import { fittingAccounts } from '../../../src/taskpane/account-defaults/account-fit';
import { registerPanelIcons } from '../../../src/taskpane/icons';
import type { IntegrationTabContents } from '../../../src/taskpane/integration-window/integration-tabs';
import { IntegrationWindow } from '../../../src/taskpane/integration-window/integration-window';
import type { PanelSettings } from '../../../src/taskpane/shared/panel-services';
import { FakeGateway } from '../../node/jobs/fakes';
import { MemoryFirm } from '../replication/support/memory-firm';
import { FakeFirmHost } from '../match-tab/fake-firm-host';
import { FirmPanels, button, click, FakeProxy, queryButton, queryText, render, waitFor, type Rendered } from '../taskpane/panel-test-kit';
import { createHistoryRecorder } from '../../../src/sync/history/history-recorder';
import type { HistoryEntry } from '../../../src/sync/history/history-entry';

const REALM = '9130350';

function optionTexts(): string[] {
  return Array.from(document.querySelectorAll('.ms-Callout [role="option"]'), (o) => (o.textContent ?? '').trim());
}

/** The drop-down under a label, as a user finds it on screen. */
function dropdown(label: string): Promise<HTMLElement> {
  return waitFor(() => {
    const l = Array.from(document.querySelectorAll('label')).find((x) => x.textContent === label);
    return l?.closest('.ms-Dropdown-container')?.querySelector<HTMLElement>('.ms-Dropdown') ?? undefined;
  }, `the drop-down "${label}"`);
}

async function openDropdown(label: string): Promise<string[]> {
  await click(await dropdown(label));
  await waitFor(() => optionTexts().length > 0, `the options of "${label}"`);
  return optionTexts();
}

async function choose(label: string, option: string): Promise<void> {
  await openDropdown(label);
  const el = Array.from(document.querySelectorAll<HTMLElement>('.ms-Callout [role="option"]')).find((o) => (o.textContent ?? '').trim() === option);
  if (!el) throw new Error(`no option "${option}" in "${label}": ${optionTexts().join(' | ')}`);
  await click(el);
  await waitFor(() => optionTexts().length === 0, 'the drop-down to close');
}

/** The text a drop-down shows as chosen. */
function shown(label: string): string {
  const l = Array.from(document.querySelectorAll('label')).find((x) => x.textContent === label);
  return (l?.closest('.ms-Dropdown-container')?.querySelector('.ms-Dropdown-title')?.textContent ?? '').trim();
}

describe('Account Defaults tab', () => {
  let dbName = '';
  let firmPanels: FirmPanels;
  const firmSettings = (): PanelSettings => firmPanels.open().settings;
  let settings: PanelSettings;
  let gateway: FakeGateway;
  let host: FakeFirmHost;
  let rendered: Rendered | undefined;
  let acc: Record<string, string>;
  let closed: number;
  let recorded: HistoryEntry[];

  before(() => registerPanelIcons());

  beforeEach(() => {
    dbName = `account-defaults-test-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    firmPanels = new FirmPanels(new MemoryFirm());
    settings = firmSettings();
    gateway = new FakeGateway();
    host = new FakeFirmHost();
    closed = 0;
    recorded = [];
    host.accounts = [
      { id: 'a1', name: 'Income for work codes', purpose: 'workCodeIncome' },
      { id: 'a2', name: 'Accounts receivable', purpose: 'accountsReceivable' },
      { id: 'a3', name: 'Sales tax payable', purpose: 'salesTaxPayable' },
      { id: 'a4', name: 'Payment deposit account', purpose: 'paymentDeposit' },
    ];
    host.lineItems = [{ id: 'l1', name: 'Finance charge', kind: 'financeCharge' }];
    acc = {};
    const add = (Name: string, AccountType: string, AccountSubType?: string) => {
      acc[Name] = String(gateway.add('Account', { Name, AccountType, ...(AccountSubType ? { AccountSubType } : {}) }).Id);
    };
    add('Services', 'Income');
    add('Checking', 'Bank');
    add('Undeposited Funds', 'Other Current Asset', 'UndepositedFunds');
    add('Accounts Receivable (A/R)', 'Accounts Receivable', 'AccountsReceivable');
    add('Board of Equalization Payable', 'Other Current Liability');
    acc.fc = String(gateway.add('Item', { Name: 'Finance Charges', Type: 'Service' }).Id);
    gateway.add('Item', { Name: 'All services', Type: 'Category' });
  });

  afterEach(async () => {
    await rendered?.unmount();
    rendered = undefined;
    await firmPanels.close();
    await deleteDB(dbName);
  });

  async function open(): Promise<void> {
    const none = () => null;
    const tabs: IntegrationTabContents = {
      accountDefaults: createAccountDefaultsTab({
        gateway: () => gateway,
        history: () =>
          createHistoryRecorder({
            sink: { append: async (e) => void recorded.push(e as HistoryEntry) },
            user: { id: 'u1', name: 'Pat Staff' },
            now: () => new Date('2026-12-03T10:00:00.000Z'),
          }),
      }),
      contactMatch: none,
      employeeMatch: none,
      workCodeMatch: none,
      expenseCodeMatch: none,
    };
    const context = { realmId: REALM, companyName: 'Test Co', host, proxy: new FakeProxy(), settings };
    rendered = await render(<IntegrationWindow tab="accountDefaults" tabs={tabs} context={context} onClose={() => closed++} />);
    await waitFor(() => queryText('Invoice Line Item Settings'), 'the Account Defaults tab');
  }

  it('offers only fitting QBO accounts for each purpose', () => {
    const rows = Object.entries({ Services: 'Income', Checking: 'Bank', UF: 'Other Current Asset', Loan: 'Long Term Liability' }).map(([Name, AccountType], i) => ({
      Id: String(i + 1),
      Name,
      AccountType,
      ...(Name === 'UF' ? { AccountSubType: 'UndepositedFunds' } : {}),
    }));
    expect(fittingAccounts('workCodeIncome', rows).map((a) => a.Name)).to.deep.equal(['Services']);
    expect(fittingAccounts('paymentDeposit', rows).map((a) => a.Name)).to.deep.equal(['Checking']);
    expect(fittingAccounts('retainers', rows).map((a) => a.Name)).to.deep.equal(['Loan']);
    expect(fittingAccounts('accountsReceivable', rows)).to.deep.equal([]);
  });

  it('shows each OfficeTools account and line item with fitting choices and the Undeposited Funds note', async () => {
    await settings.save(REALM, { accountDefaults: { a2: '4' } });
    await open();
    expect(queryText('Account Settings')).to.equal(true);
    expect(queryText(UNDEPOSITED_FUNDS_NOTE)).to.equal(true);
    expect(await openDropdown('Income for work codes')).to.deep.equal(['(none)', 'Services (Income)']);
    await click(await dropdown('Income for work codes'));
    expect(await openDropdown('Payment deposit account')).to.deep.equal(['(Undeposited Funds)', 'Checking (Bank)']);
    await click(await dropdown('Payment deposit account'));
    expect(await openDropdown('Sales tax payable')).to.deep.equal(['(none)', 'Board of Equalization Payable (Other Current Liability)']);
    await click(await dropdown('Sales tax payable'));
    expect(await openDropdown('Finance charge')).to.deep.equal(['(none)', 'Finance Charges']);
    await click(await dropdown('Finance charge'));
    expect(queryText('Could not load')).to.equal(false);
  });

  it("shows another staff member's saved defaults while it is open, but not over the user's own edits", async () => {
    await open();
    await waitFor(() => shown('Accounts receivable') === '(none)', 'nothing chosen yet');
    const sam = firmPanels.open({ id: 'u2', name: 'Sam Ortiz' });
    await sam.settings.save(REALM, { accountDefaults: { a2: acc['Accounts Receivable (A/R)'] } });
    await waitFor(() => shown('Accounts receivable') === 'Accounts Receivable (A/R) (Accounts Receivable)', "Sam's choice to show");

    await choose('Income for work codes', 'Services (Income)');
    await sam.settings.save(REALM, { accountDefaults: { a2: acc['Accounts Receivable (A/R)'], a3: acc['Board of Equalization Payable'] } });
    await new Promise((r) => setTimeout(r, 300));
    expect(shown('Income for work codes')).to.equal('Services (Income)', 'the user\'s edit stays');
    expect(shown('Sales tax payable')).to.equal('(none)', 'not replaced while the user edits');
  });

  it('shows Close while nothing is unsaved, OK and Cancel once a choice changes, and Close again when it is changed back', async () => {
    await open();
    expect(queryButton('Close')).to.not.equal(undefined);
    expect(queryButton('OK')).to.equal(undefined);
    expect(queryText('No unsaved changes.')).to.equal(true);
    await choose('Income for work codes', 'Services (Income)');
    await button('OK');
    expect(queryButton('Cancel')).to.not.equal(undefined);
    expect(queryButton('Close')).to.equal(undefined);
    expect(queryText('Account Defaults has unsaved changes: OK saves them, Cancel discards them.')).to.equal(true);
    await choose('Income for work codes', '(none)');
    await button('Close');
    expect(queryButton('OK')).to.equal(undefined);
    await click(await button('Close'));
    expect(closed).to.equal(1, 'Close closes at once: there is nothing to lose');
  });

  it('asks before Cancel or Escape discards unsaved changes; Keep editing keeps them', async () => {
    await open();
    await choose('Income for work codes', 'Services (Income)');
    await click(await button('Cancel'));
    await waitFor(() => queryText('Discard your changes to Account Defaults?'), 'the question');
    expect(closed).to.equal(0);
    await click(await button('Keep editing'));
    await waitFor(() => !queryText('Discard your changes to Account Defaults?'), 'the question to go');
    expect(shown('Income for work codes')).to.equal('Services (Income)', 'the edit is still there');
    expect(closed).to.equal(0);

    const inside = await button('OK');
    inside.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', keyCode: 27, which: 27, bubbles: true } as KeyboardEventInit));
    await waitFor(() => queryText('Discard your changes to Account Defaults?'), 'Escape asks too');
    expect(closed).to.equal(0);
    await click(await button('Discard changes'));
    expect(closed).to.equal(1);
    expect((await settings.load(REALM)).accountDefaults).to.deep.equal({}, 'nothing saved');
    expect(recorded).to.deep.equal([], 'nothing recorded');
  });

  it('Cancel discards the edits; OK saves them for this company, empty deposit meaning Undeposited Funds, and records it in Sync History', async () => {
    await settings.save(REALM, { accountDefaults: { a2: acc['Accounts Receivable (A/R)'] }, depositAccountId: acc.Checking });
    await open();
    await waitFor(() => shown('Accounts receivable') === 'Accounts Receivable (A/R) (Accounts Receivable)', 'the saved choice to show');
    await choose('Income for work codes', 'Services (Income)');
    await choose('Finance charge', 'Finance Charges');
    await click(await button('Cancel'));
    await click(await button('Discard changes'));
    expect(closed).to.equal(1);
    await rendered?.unmount();
    rendered = undefined;
    expect((await settings.load(REALM)).accountDefaults).to.deep.equal({ a2: acc['Accounts Receivable (A/R)'] });

    await open();
    await choose('Income for work codes', 'Services (Income)');
    await choose('Finance charge', 'Finance Charges');
    await choose('Payment deposit account', '(Undeposited Funds)');
    await click(await button('OK'));
    await waitFor(() => closed === 2, 'OK to close the window');
    const saved = await settings.load(REALM);
    expect(saved.accountDefaults).to.deep.equal({ a1: acc.Services, a2: acc['Accounts Receivable (A/R)'] });
    expect(saved.lineItemDefaults).to.deep.equal({ l1: acc.fc });
    expect(saved.depositAccountId).to.equal('');
    expect(recorded).to.have.length(1);
    expect(recorded[0]).to.deep.include({ kind: 'defaultsChanged', who: 'Pat Staff', userId: 'u1', result: 'ok', at: '2026-12-03T10:00:00.000Z' });
    expect(recorded[0].what).to.equal('Changed Account Defaults: Income for work codes, Payment deposit account, Finance charge');
    expect(recorded[0].detail).to.equal('Income for work codes: None → Services (Income); Payment deposit account: Checking (Bank) → Undeposited Funds; Finance charge: None → Finance Charges');
  });

  it('keeps a saved choice that no longer fits visible, and says why', async () => {
    await settings.save(REALM, { accountDefaults: { a1: acc.Checking, a3: '999' } });
    await open();
    await waitFor(() => shown('Income for work codes') === 'Checking (Bank) — not a fitting account type', 'the unfitting choice');
    expect(shown('Sales tax payable')).to.equal('QuickBooks Online account 999 (inactive or deleted)');
  });

  it('reports a load failure, offers only Close and saves nothing', async () => {
    await settings.save(REALM, { accountDefaults: { a2: '4' } });
    const failing = new FakeGateway();
    failing.queryAll = () => Promise.reject(new Error('QuickBooks Online could not be reached'));
    gateway = failing;
    await open().catch(() => undefined);
    await waitFor(() => queryText('Could not load the accounts and items for Account Defaults'), 'the error in the window');
    expect(queryButton('OK'), 'nothing to save').to.equal(undefined);
    await click(await button('Close'));
    expect(closed).to.equal(1);
    expect((await settings.load(REALM)).accountDefaults).to.deep.equal({ a2: '4' });
  });
});
