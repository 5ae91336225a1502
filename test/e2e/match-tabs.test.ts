/**
 * The Contact Match and Account Defaults tabs, end to end through the shell, the proxy and the
 * sandbox, as a bookkeeper uses them: link by hand and unlink, export three contacts, import two
 * customers, hide synchronized, clear all links and undo, automatch, set account defaults, reload
 * and find everything kept. Each effect is also checked outside the panel: in the sandbox
 * through its HTTP API and in the shell's firm data through its REST API. Screenshots go to
 * test-results/e2e/match-tabs/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import type { Contact } from '../../src/sync/host/protocol';
import { SandboxClient, US_REALM } from './support/sandbox-client';
import { ShellApi } from './support/shell-api';
import { ShellSession } from './support/shell-session';

/** Shell demo contacts (dev/shell/demo-names.ts) that are not in QBO yet. */
const EXPORTED = ['Jeffs Jalopies', 'Kookies By Kathy', 'Paulsen Medical Supply'];
/** Sandbox demo customers (dev/qbo-sandbox/demo-companies.ts) that are not in OfficeTools yet. */
const IMPORTED = ['Carla Mendes', 'Juniper Design Studio'];
/** Clients the firm already keeps in both systems under the same name: Automatch's work. */
const IN_BOTH = ['Bayview Bistro', 'Riverbend Auto Repair'];
const HAND_LEFT = 'Cool Cars Inc.';
const HAND_RIGHT = 'Alder Creek Veterinary';

const shell = new ShellSession('match-tabs');
const { hostWindow, panelFrame, openShell, openMenu, installAddin, connect, eventually, step, shot } = shell;
let sandbox: SandboxClient;
let shellApi: ShellApi;

interface QboCustomer {
  Id: string;
  DisplayName: string;
}

before(async () => {
  await shell.start();
  sandbox = await SandboxClient.connect(shell.stack.sandboxUrl);
  shellApi = new ShellApi(shell.stack.shellUrl);
  for (const companyName of IN_BOTH) {
    await shellApi.addContact({ typeId: 'ct-1', kind: 'business', companyName });
  }
});

after(shell.stop);

/** All active customers of the US company, read from the sandbox as QBO would answer them. */
function qboCustomers(): Promise<QboCustomer[]> {
  return sandbox.query<QboCustomer>('Customer');
}

function shellContacts(): Promise<Contact[]> {
  return shellApi.contacts();
}

const contactTab = () => hostWindow().getByRole('tabpanel', { name: 'Contact Match' });
const leftList = () => contactTab().getByRole('listbox', { name: 'OfficeTools contacts' });
const rightList = () => contactTab().getByRole('listbox', { name: 'QuickBooks Online customers' });
const statusLine = () => contactTab().getByRole('status', { name: 'Link counts' });

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A row found through the list's search box, since the lists are virtualized. */
async function row(side: 'left' | 'right', name: string): Promise<Locator> {
  const label = side === 'left' ? 'OfficeTools contacts' : 'QuickBooks Online customers';
  await contactTab().getByRole('searchbox', { name: `Search ${label}` }).fill(name);
  const list = side === 'left' ? leftList() : rightList();
  const option = list.getByRole('option').filter({ hasText: new RegExp(`^${escapeRegExp(name)}\\s*(↔|$)`) });
  await option.first().waitFor();
  return option.first();
}

async function clearSearches(): Promise<void> {
  await contactTab().getByRole('searchbox', { name: 'Search OfficeTools contacts' }).fill('');
  await contactTab().getByRole('searchbox', { name: 'Search QuickBooks Online customers' }).fill('');
}

async function counts(): Promise<{ otLinked: number; qboLinked: number; otTotal: number; qboTotal: number }> {
  const text = (await statusLine().innerText()).replace(/,(?=\d)/g, '');
  const m = /OfficeTools: (\d+) contacts?, (\d+) linked, \d+ unlinked · QuickBooks Online: (\d+) customers?, (\d+) linked/.exec(text);
  assert.ok(m, `status line reads: ${text}`);
  return { otTotal: Number(m[1]), otLinked: Number(m[2]), qboTotal: Number(m[3]), qboLinked: Number(m[4]) };
}

async function message(): Promise<string> {
  return contactTab().locator('.ms-MessageBar').first().innerText();
}

/** The panel's IndexedDB, read raw: what the add-in has kept, whatever the UI shows. */
async function storedLinks(): Promise<Array<{ otId: string; qboId: string; origin: string; kind: string }>> {
  return panelFrame().evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('qbo-sync-officetools');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction('links').objectStore('links').getAll();
          req.onsuccess = () => {
            db.close();
            resolve(req.result);
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

async function storedSettings(): Promise<{ accountDefaults: Record<string, string>; lineItemDefaults: Record<string, string>; depositAccountId: string } | undefined> {
  return panelFrame().evaluate(
    (realmId) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('qbo-sync-officetools');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction('settings').objectStore('settings').get(realmId);
          req.onsuccess = () => {
            db.close();
            resolve(req.result);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    US_REALM,
  );
}

const contactIdOf = (contacts: Contact[], displayName: string): string => {
  const found = contacts.filter((c) => c.displayName === displayName);
  assert.equal(found.length, 1, `exactly one OfficeTools contact "${displayName}"`);
  return found[0].id;
};

test('install the add-in and connect to the US company', step(async () => {
  await openShell();
  await installAddin();

  await openMenu('Setup', 'My Company', 'Information & Settings', 'Integrations');
  await connect('OfficeTools Workspace', 'connected to the US company');
  await shot('connected');
}));

test('Setup > QuickBooks Online > Contacts Sync opens the window at Contact Match', step(async () => {
  await openMenu('Setup', 'QuickBooks Online', 'Contacts Sync');
  await hostWindow().getByRole('heading', { name: 'QuickBooks Online Integration' }).waitFor();
  assert.equal(await hostWindow().getByRole('tab', { name: 'Contact Match' }).getAttribute('aria-selected'), 'true');
  await leftList().getByRole('option').first().waitFor({ timeout: 20_000 });
  await rightList().getByRole('option').first().waitFor();
  const c = await counts();
  const contacts = await shellContacts();
  const customers = await qboCustomers();
  assert.equal(c.otTotal, contacts.length, 'every OfficeTools contact is listed');
  // Sub-customers (jobs) are not clients of their own, so the tab leaves them out.
  assert.equal(c.qboTotal, customers.filter((q) => !q.DisplayName.includes('Quarry Project')).length, 'every QBO customer but the job is listed');
  assert.equal(c.otLinked, 0);
  assert.equal(c.qboLinked, 0);
  await shot('contact-match-opened');
}));

test('Link joins one contact and one customer by hand; Unlink breaks the pair', step(async () => {
  await (await row('left', HAND_LEFT)).click();
  await (await row('right', HAND_RIGHT)).click();
  await contactTab().getByRole('button', { name: 'Link', exact: true }).click();
  await eventually(async () => (await message()).includes(`Linked "${HAND_LEFT}" to "${HAND_RIGHT}".`), 'manual link reported');
  assert.equal((await counts()).otLinked, 1);
  const leftRow = await row('left', HAND_LEFT);
  assert.match(await leftRow.innerText(), new RegExp(`↔ ${escapeRegExp(HAND_RIGHT)}`), 'the left row names its partner');
  await shot('linked-by-hand');

  const handContactId = contactIdOf(await shellContacts(), HAND_LEFT);
  const handCustomer = (await qboCustomers()).find((q) => q.DisplayName === HAND_RIGHT);
  assert.ok(handCustomer);
  assert.deepEqual(
    (await storedLinks()).map((l) => [l.otId, l.qboId, l.origin]),
    [[handContactId, handCustomer.Id, 'manual']],
    'the link is in IndexedDB, marked manual',
  );

  await leftRow.click();
  assert.equal(await (await row('right', HAND_RIGHT)).getAttribute('aria-selected'), 'true', 'highlighting a linked contact highlights its customer');
  await contactTab().getByRole('button', { name: 'Unlink', exact: true }).click();
  await eventually(async () => (await message()).includes(`Unlinked "${HAND_LEFT}" from "${HAND_RIGHT}".`), 'unlink reported');
  assert.equal((await counts()).otLinked, 0);
  assert.deepEqual(await storedLinks(), [], 'no link is kept after Unlink');
  await shot('unlinked');
}));

test('Export to QBO creates three highlighted contacts in QBO, once each, and links them', step(async () => {
  const before = await qboCustomers();
  for (const name of EXPORTED) assert.equal(before.filter((q) => q.DisplayName === name).length, 0, `${name} is not in QBO before the export`);
  await sandbox.clearLog();

  await contactTab().getByRole('searchbox', { name: 'Search OfficeTools contacts' }).fill('');
  await (await row('left', EXPORTED[0])).click();
  for (const name of EXPORTED.slice(1)) await (await row('left', name)).click({ modifiers: ['Control'] });
  await contactTab().getByRole('searchbox', { name: 'Search OfficeTools contacts' }).fill('');
  await shot('three-highlighted');
  await contactTab().getByRole('button', { name: 'Export to QBO' }).click();
  await eventually(async () => (await counts()).otLinked === 3, 'three contacts linked after the export', 30_000);
  await shot('exported');

  const after = await qboCustomers();
  for (const name of EXPORTED) assert.equal(after.filter((q) => q.DisplayName === name).length, 1, `${name} exists in QBO exactly once`);
  assert.equal(after.length, before.length + 3, 'nothing else was created in QBO');
  const log = await sandbox.log();
  assert.equal(log.byOperation['customer.create'] ?? 0, 0, 'no one-by-one creates: the export goes through batch');
  assert.equal(log.byOperation['batch'], 1, 'three contacts take one batch request');

  const contacts = await shellContacts();
  const links = await storedLinks();
  for (const name of EXPORTED) {
    const otId = contactIdOf(contacts, name);
    const qbo = after.find((q) => q.DisplayName === name);
    assert.ok(links.some((l) => l.otId === otId && l.qboId === qbo?.Id && l.origin === 'export'), `${name} is linked to its new customer`);
  }
}));

test('Import from QBO creates two highlighted customers in OfficeTools, once each, and links them', step(async () => {
  const before = await shellContacts();
  const customersBefore = await qboCustomers();
  await clearSearches();
  await (await row('right', IMPORTED[0])).click();
  await (await row('right', IMPORTED[1])).click({ modifiers: ['Control'] });
  await contactTab().getByRole('button', { name: 'Import from QBO' }).click();
  await eventually(async () => (await counts()).otLinked === 5, 'five links after the import', 30_000);
  await contactTab().getByRole('searchbox', { name: 'Search QuickBooks Online customers' }).fill('');
  await shot('imported');

  const after = await shellContacts();
  assert.equal(after.length, before.length + 2, 'exactly two contacts were added in OfficeTools');
  const carla = after.filter((c) => c.firstName === 'Carla' && c.lastName === 'Mendes');
  assert.equal(carla.length, 1, 'Carla Mendes is an OfficeTools contact exactly once');
  assert.equal(carla[0].kind, 'individual');
  const juniper = after.filter((c) => c.companyName === 'Juniper Design Studio');
  assert.equal(juniper.length, 1, 'Juniper Design Studio is an OfficeTools contact exactly once');
  assert.equal(juniper[0].kind, 'business');
  assert.equal((await qboCustomers()).length, customersBefore.length, 'importing created nothing in QBO');

  const links = await storedLinks();
  for (const [contact, name] of [[carla[0], IMPORTED[0]], [juniper[0], IMPORTED[1]]] as const) {
    const qbo = customersBefore.find((q) => q.DisplayName === name);
    assert.ok(links.some((l) => l.otId === contact.id && l.qboId === qbo?.Id && l.origin === 'import'), `${name} is linked to its new contact`);
  }
}));

test('Hide Synchronized hides linked entities on both sides, and shows them again', step(async () => {
  await clearSearches();
  const c = await counts();
  const hide = contactTab().getByText('Hide Synchronized');
  await hide.click();
  assert.equal(await contactTab().getByRole('checkbox', { name: 'Hide Synchronized' }).isChecked(), true);
  await contactTab().getByRole('searchbox', { name: 'Search OfficeTools contacts' }).fill(EXPORTED[0]);
  await leftList().getByText('Nothing matches the search.').waitFor();
  await contactTab().getByRole('searchbox', { name: 'Search QuickBooks Online customers' }).fill(IMPORTED[1]);
  await rightList().getByText('Nothing matches the search.').waitFor();
  await clearSearches();
  await shot('hide-synchronized');
  const names = await rightList().getByRole('option').allInnerTexts();
  assert.ok(!names.some((n) => n.includes('↔')), 'no linked customer is shown while hidden');
  assert.deepEqual(await counts(), c, 'hiding changes no counts');

  await hide.click();
  await row('left', EXPORTED[0]);
  await clearSearches();
}));

test('Clear all links asks with the count, clears, and Undo restores them', step(async () => {
  const linksBefore = await storedLinks();
  assert.equal(linksBefore.length, 5);
  const customersBefore = await qboCustomers();
  const contactsBefore = await shellContacts();
  await contactTab().getByRole('button', { name: 'Clear all links' }).click();
  const confirm = hostWindow().getByText(/Clear all 5 links between OfficeTools contacts and QuickBooks Online customers\?/);
  await confirm.waitFor();
  await shot('clear-all-confirm');
  await hostWindow().getByRole('button', { name: 'Yes' }).click();
  await eventually(async () => (await counts()).otLinked === 0, 'no links after clearing');
  assert.match(await message(), /Cleared 5 links/);
  assert.deepEqual(await storedLinks(), [], 'IndexedDB holds no link after clearing');
  assert.equal((await qboCustomers()).length, customersBefore.length, 'clearing deletes nothing in QBO');
  assert.equal((await shellContacts()).length, contactsBefore.length, 'clearing deletes nothing in OfficeTools');
  await shot('cleared');

  await contactTab().locator('.ms-MessageBar').getByRole('button', { name: 'Undo' }).click();
  await eventually(async () => (await counts()).otLinked === 5, 'five links after Undo');
  assert.match(await message(), /Restored 5 links/);
  const restored = (await storedLinks()).map((l) => `${l.otId}→${l.qboId}:${l.origin}`).sort();
  assert.deepEqual(restored, linksBefore.map((l) => `${l.otId}→${l.qboId}:${l.origin}`).sort(), 'the same links, with how they were made, are back');
  await shot('undone');
}));

test('Automatch proposes the clients kept in both systems, with confidence, and accepting links them', step(async () => {
  await contactTab().getByRole('button', { name: 'Automatch' }).click();
  const grid = contactTab().getByRole('grid', { name: 'Proposed links' });
  await grid.waitFor({ timeout: 30_000 });
  await shot('automatch-proposals');
  const rows = await grid.getByRole('row').allInnerTexts();
  for (const name of IN_BOTH) {
    assert.ok(rows.some((r) => r.split('\n').filter((cell) => cell.trim() === name).length === 2 && /\d+%/.test(r)), `proposes ${name} ↔ ${name} with a confidence: ${JSON.stringify(rows)}`);
  }
  const proposed = rows.length - 1;
  await contactTab().getByRole('button', { name: /^Accept all/ }).click();
  await eventually(async () => /Automatch linked \d+ pairs?/.test(await message()), 'automatch result reported');
  const linked = Number(/Automatch linked (\d+)/.exec(await message())?.[1]);
  assert.ok(linked >= IN_BOTH.length && linked <= proposed, `linked ${linked} of ${proposed} proposals`);
  assert.equal((await counts()).otLinked, 5 + linked);
  await shot('automatched');

  const contacts = await shellContacts();
  const customers = await qboCustomers();
  const links = await storedLinks();
  for (const name of IN_BOTH) {
    const otId = contactIdOf(contacts, name);
    const qbo = customers.filter((q) => q.DisplayName === name);
    assert.equal(qbo.length, 1, `${name} is in QBO once; automatch created nothing`);
    assert.ok(links.some((l) => l.otId === otId && l.qboId === qbo[0].Id && l.origin === 'automatch'), `${name} is linked by automatch`);
  }
}));

/** Picks an option of a Fluent drop-down the way a person does: open it, click the entry. */
async function choose(label: string, option: string | RegExp): Promise<string> {
  const tab = hostWindow().getByRole('tabpanel', { name: 'Account Defaults' });
  await tab.getByRole('combobox', { name: label }).click();
  const entry = hostWindow().getByRole('option', { name: option }).first();
  const text = (await entry.innerText()).trim();
  await entry.click();
  await eventually(async () => (await tab.getByRole('combobox', { name: label }).innerText()).includes(text), `${label} shows ${text}`);
  return text;
}

let chosen: { income: string; deposit: string; lateFee: string } | undefined;

test('Account Defaults: choose accounts and an item, OK saves them for this company', step(async () => {
  await hostWindow().getByRole('tab', { name: 'Account Defaults' }).click();
  const tab = hostWindow().getByRole('tabpanel', { name: 'Account Defaults' });
  await tab.getByRole('combobox', { name: 'Fee Income - Professional Services' }).waitFor({ timeout: 20_000 });
  await tab.getByText(/leave this drop-down empty/).waitFor();
  const income = await choose('Fee Income - Professional Services', /^Professional Services Income/);
  const deposit = await choose('Payment Deposit Account', /Checking/);
  const lateFee = await choose('Late Fee', /^Late Fee$/);
  chosen = { income, deposit, lateFee };
  await shot('account-defaults-chosen');
  await hostWindow().getByRole('button', { name: 'OK' }).click();
  await hostWindow().getByRole('heading', { name: 'QuickBooks Online Integration' }).waitFor({ state: 'detached' });

  const saved = await storedSettings();
  assert.ok(saved, 'settings are saved for the US company');
  assert.equal(Object.keys(saved.accountDefaults).length, 1, 'one account default saved');
  assert.equal(Object.keys(saved.lineItemDefaults).length, 1, 'one line item default saved');
  assert.notEqual(saved.depositAccountId, '', 'a deposit account, not Undeposited Funds');
  const accounts = await sandbox.query<{ Id: string; Name: string; AccountType: string }>('Account');
  const depositAccount = accounts.find((a) => a.Id === saved.depositAccountId);
  assert.ok(depositAccount && deposit.includes(depositAccount.Name), `the saved deposit account ${saved.depositAccountId} is the chosen "${deposit}"`);
  const incomeAccount = accounts.find((a) => a.Id === Object.values(saved.accountDefaults)[0]);
  assert.ok(incomeAccount && income.includes(incomeAccount.Name), `the saved income account is the chosen "${income}"`);
  assert.equal(incomeAccount.AccountType, 'Income', 'a fee income account maps to a QBO Income account');
  const items = await sandbox.query<{ Id: string; Name: string }>('Item');
  const item = items.find((i) => i.Id === Object.values(saved.lineItemDefaults)[0]);
  assert.ok(item && lateFee.includes(item.Name), `the saved item is the chosen "${lateFee}"`);
}));

test('after a reload the links and the account defaults are kept', step(async () => {
  const linksBefore = (await storedLinks()).map((l) => `${l.otId}→${l.qboId}:${l.origin}`).sort();
  const customers = (await qboCustomers()).length;
  const contacts = (await shellContacts()).length;
  await sandbox.clearLog();
  await shell.page.reload();
  await shell.page.getByText('Hartwell & Lee CPAs').waitFor();
  await openMenu('Setup', 'QuickBooks Online', 'Contacts Sync');
  await leftList().getByRole('option').first().waitFor({ timeout: 20_000 });
  await eventually(async () => (await counts()).otLinked === linksBefore.length, `${linksBefore.length} links shown after the reload`);
  const leftRow = await row('left', EXPORTED[1]);
  assert.match(await leftRow.innerText(), new RegExp(`↔ ${escapeRegExp(EXPORTED[1])}`));
  await leftRow.click();
  assert.equal(await (await row('right', EXPORTED[1])).getAttribute('aria-selected'), 'true', 'its partner is highlighted');
  await clearSearches();
  await shot('contact-match-after-reload');
  assert.deepEqual((await storedLinks()).map((l) => `${l.otId}→${l.qboId}:${l.origin}`).sort(), linksBefore);
  assert.equal((await qboCustomers()).length, customers, 'reopening created nothing in QBO');
  assert.equal((await shellContacts()).length, contacts, 'reopening created nothing in OfficeTools');
  const writes = Object.entries((await sandbox.log()).byOperation).filter(([op]) => /create|update|delete|batch/.test(op));
  assert.deepEqual(writes, [], 'reopening wrote nothing to QBO');

  await hostWindow().getByRole('tab', { name: 'Account Defaults' }).click();
  const tab = hostWindow().getByRole('tabpanel', { name: 'Account Defaults' });
  assert.ok(chosen);
  const { income, deposit, lateFee } = chosen;
  await eventually(async () => (await tab.getByRole('combobox', { name: 'Fee Income - Professional Services' }).innerText()).includes(income), 'income account kept');
  assert.ok((await tab.getByRole('combobox', { name: 'Payment Deposit Account' }).innerText()).includes(deposit), 'deposit account kept');
  assert.ok((await tab.getByRole('combobox', { name: 'Late Fee' }).innerText()).includes(lateFee), 'late fee item kept');
  await shot('account-defaults-after-reload');
  await hostWindow().getByRole('button', { name: 'Close', exact: true }).click();
}));
