/**
 * Contact sync, end to end, as a bookkeeper lives it: the add-in installed and connected from
 * the shell, the switch "Update QuickBooks Online when adding/editing contact information" on
 * with only "Client" chosen, the panel closed, and contacts added and edited in the shell's
 * Contacts view. What the hidden commands runtime sends is checked in the sandbox: its customers
 * (read with a minted token) and its request log. The network is cut with the sandbox's fault
 * injection, a conflict is made by editing the customer directly in QBO, and the panel's Sync
 * History shows the prompt. Screenshots go to test-results/e2e/contact-sync/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Contact } from '../../src/sync/host/protocol';
import { SandboxClient, type SandboxLog, type SandboxLogEntry } from './support/sandbox-client';
import { ShellApi } from './support/shell-api';
import { ShellSession } from './support/shell-session';

const SWITCH_LABEL = 'Update QuickBooks Online when adding/editing contact information';

/** Names found in neither the shell's nor the sandbox's demo data. */
const CLIENT = 'Quillfeather Bindery';
const VENDOR = 'Tamarack Sawmill Supply';
const BARRIER_AFTER_VENDOR = 'Marigold Letterpress';
const SWITCHED_OFF = 'Ocotillo Dance Academy';
const BARRIER_AFTER_SWITCH = 'Juniperhill Cartography';

const CLIENT_PHONE = '(415) 555-0188';
const CLIENT_CITY = 'Sausalito';

/** Backoff starts at 10 s after the first failure and the QBO client retries on its own, so allow a few rounds. */
const RECOVERY_TIMEOUT_MS = 120_000;

const shell = new ShellSession('contact-sync');
const { panel, openShell, openMenu, installAddin, openIntegrations, connect, eventually, shot } = shell;
let sandbox: SandboxClient;
let shellApi: ShellApi;

interface QboCustomer {
  Id: string;
  SyncToken: string;
  DisplayName: string;
  CompanyName?: string;
  PrimaryEmailAddr?: { Address?: string };
  PrimaryPhone?: { FreeFormNumber?: string };
  BillAddr?: { City?: string; Line1?: string };
}

before(async () => {
  await shell.start();
  sandbox = await SandboxClient.connect(shell.stack.sandboxUrl);
  shellApi = new ShellApi(shell.stack.shellUrl);
});

after(shell.stop);

// ----------------------------------------------------------------------------------------------
// The sandbox and the shell's firm data, read from outside the browser
// ----------------------------------------------------------------------------------------------

/** Active customers of the US company with this DisplayName. */
function customersNamed(name: string): Promise<QboCustomer[]> {
  return sandbox.query<QboCustomer>('Customer', `DisplayName = '${name.replace(/'/g, "\\'")}'`);
}

function customerById(id: string): Promise<QboCustomer> {
  return sandbox.read<QboCustomer>('Customer', id);
}

/** What another QBO user does: a sparse update of the customer, straight into QuickBooks. */
async function editInQbo(id: string, changes: Partial<QboCustomer>): Promise<QboCustomer> {
  const current = await customerById(id);
  return sandbox.write<QboCustomer>('Customer', { Id: id, SyncToken: current.SyncToken, sparse: true, ...changes });
}

/** Log entries that reached QBO's customer endpoints or queries (the contact sync's traffic). */
function customerTraffic(log: SandboxLog): SandboxLogEntry[] {
  return log.entries.filter((e) => e.operation.startsWith('customer.') || e.operation === 'query.customer');
}

function successes(log: SandboxLog, operation: string): number {
  return log.entries.filter((e) => e.operation === operation && e.status === 200).length;
}

async function shellContact(name: string): Promise<Contact> {
  const found = (await shellApi.contacts()).find((c) => c.displayName === name);
  assert.ok(found, `the shell keeps a contact named ${name}`);
  return found;
}

// ----------------------------------------------------------------------------------------------
// The shell, driven like a person
// ----------------------------------------------------------------------------------------------

/** Setup > QuickBooks Online > Sync History lists pending and failed contact updates and conflicts. */
async function openHistory(): Promise<void> {
  await openMenu('Setup', 'QuickBooks Online', 'Sync History');
  await panel().getByRole('heading', { name: 'Sync History' }).waitFor();
}

async function closePanel(): Promise<void> {
  await shell.page.getByRole('button', { name: 'Close panel' }).click();
  await eventually(async () => (await shell.page.locator('iframe[data-role="panel"]').count()) === 0, 'the panel is closed');
}

async function syncSwitchChecked(): Promise<boolean> {
  return panel().getByRole('checkbox', { name: SWITCH_LABEL }).isChecked();
}

/** Fluent draws its own box over the native input, so click the label as a person would. */
async function setSyncSwitch(on: boolean): Promise<void> {
  if ((await syncSwitchChecked()) !== on) await panel().getByText(SWITCH_LABEL).click();
  await eventually(async () => (await syncSwitchChecked()) === on, `the switch is ${on ? 'on' : 'off'}`);
}

interface ContactEntry {
  type?: string;
  companyName?: string;
  email?: string;
  phone?: string;
  city?: string;
}

async function fillContactForm(entry: ContactEntry): Promise<void> {
  const form = shell.page.getByRole('form');
  if (entry.type) {
    await form.getByRole('combobox', { name: 'Contact type' }).click();
    await shell.page.getByRole('option', { name: entry.type, exact: true }).click();
  }
  if (entry.companyName !== undefined) await form.getByLabel('Company name').fill(entry.companyName);
  if (entry.phone !== undefined) await form.getByLabel('Phone').fill(entry.phone);
  if (entry.email !== undefined) await form.getByLabel('Email').fill(entry.email);
  if (entry.city !== undefined) await form.getByLabel('City').fill(entry.city);
}

async function saveContactForm(step: string): Promise<void> {
  await shot(step);
  await shell.page.getByRole('form').getByRole('button', { name: 'Save' }).click();
  await eventually(async () => (await shell.page.getByRole('form').count()) === 0, 'the contact form closed after Save');
}

/** Contacts view > Add, as a business. */
async function addContact(entry: ContactEntry & { companyName: string; type: string }): Promise<void> {
  await shell.page.getByRole('heading', { name: 'Contacts' }).waitFor();
  await shell.page.getByRole('button', { name: 'Add', exact: true }).click();
  await shell.page.getByRole('form', { name: 'Add Contact' }).waitFor();
  await fillContactForm(entry);
  await saveContactForm(`add-${entry.companyName}`);
  await shellContact(entry.companyName);
}

/** Contacts view > search > Edit. */
async function editContact(name: string, changes: ContactEntry): Promise<void> {
  await shell.page.getByRole('searchbox', { name: 'Search contacts' }).fill(name);
  await shell.page.getByRole('button', { name: `Edit ${name}`, exact: true }).click();
  await shell.page.getByRole('form', { name: `Edit Contact: ${name}` }).waitFor();
  await fillContactForm(changes);
  await saveContactForm(`edit-${name}`);
  await shell.page.getByRole('searchbox', { name: 'Search contacts' }).fill('');
}

async function exactlyOneCustomer(name: string, timeoutMs = 20_000): Promise<QboCustomer> {
  await eventually(async () => (await customersNamed(name)).length > 0, `a customer named ${name} is in QBO`, timeoutMs);
  // A second create would follow the first closely: give it the time to show.
  await new Promise((r) => setTimeout(r, 1_000));
  const found = await customersNamed(name);
  assert.equal(found.length, 1, `exactly one customer named ${name}`);
  return found[0];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ----------------------------------------------------------------------------------------------
// Scenarios, in order: each builds on the state the previous left
// ----------------------------------------------------------------------------------------------

let clientCustomerId = '';

test('setup: install, connect, switch contact sync on with only Client chosen, close the panel', async () => {
  await openShell();
  await installAddin();

  await openIntegrations();
  await connect('OfficeTools Workspace', 'connected');

  await setSyncSwitch(true);
  await panel().getByRole('button', { name: 'Browse contact types' }).click();
  await panel().getByRole('heading', { name: 'Select Contact Types to Sync to QuickBooks' }).waitFor();
  await panel().getByRole('group', { name: 'Available contact types' }).getByText('Client', { exact: true }).click();
  await panel().getByRole('button', { name: 'Add', exact: true }).click();
  const chosen = panel().getByRole('group', { name: 'Contact types to sync' });
  assert.deepEqual(await chosen.getByRole('checkbox').evaluateAll((boxes) => boxes.map((b) => b.closest('.ms-Checkbox')?.textContent ?? '')), ['Client']);
  await panel().getByRole('button', { name: 'Close' }).click();
  await eventually(
    async () => (await panel().getByRole('textbox', { name: 'Select Contact Type(s) to update' }).inputValue()) === 'Client',
    'the chosen type reads Client',
  );
  await shot('switch-on-client-chosen');
  // Everything below happens with the panel closed: the commands runtime alone does the work.
  await closePanel();
  await sandbox.clearLog();
});

test('(1) a Client contact added in the shell becomes exactly one customer in QBO', async () => {
  await addContact({ type: 'Client', companyName: CLIENT, email: 'orders@quillfeather.test', phone: CLIENT_PHONE, city: CLIENT_CITY });
  const customer = await exactlyOneCustomer(CLIENT);
  clientCustomerId = customer.Id;
  assert.equal(customer.PrimaryEmailAddr?.Address, 'orders@quillfeather.test');
  assert.equal(customer.PrimaryPhone?.FreeFormNumber, CLIENT_PHONE);
  assert.equal(customer.BillAddr?.City, CLIENT_CITY);
  const log = await sandbox.log();
  assert.equal(successes(log, 'customer.create'), 1, 'one customer.create');
  await shot('client-added');
});

test('(2) editing its email sends one sparse update with only the email', async () => {
  const before = await customerById(clientCustomerId);
  await sandbox.clearLog();
  await editContact(CLIENT, { email: 'books@quillfeather.test' });
  await eventually(
    async () => (await customerById(clientCustomerId)).PrimaryEmailAddr?.Address === 'books@quillfeather.test',
    'the new email is in QBO',
  );
  await sleep(1_500);
  const log = await sandbox.log();
  assert.equal(log.byOperation['customer.update.sparse'], 1, `one customer.update.sparse (log: ${JSON.stringify(log.byOperation)})`);
  assert.equal(log.byOperation['customer.update'] ?? 0, 0, 'no full update');
  assert.equal(log.byOperation['customer.create'] ?? 0, 0, 'no create');
  const after = await customerById(clientCustomerId);
  assert.equal(after.DisplayName, before.DisplayName);
  assert.equal(after.CompanyName, before.CompanyName);
  assert.equal(after.PrimaryPhone?.FreeFormNumber, CLIENT_PHONE, 'phone untouched');
  assert.equal(after.BillAddr?.City, CLIENT_CITY, 'address untouched');
  assert.equal(Number(after.SyncToken), Number(before.SyncToken) + 1, 'one write');
  assert.equal((await customersNamed(CLIENT)).length, 1, 'still one customer');
  await shot('client-email-edited');
});

test('(3) a Vendor contact (type not chosen) sends nothing', async () => {
  await sandbox.clearLog();
  await addContact({ type: 'Vendor', companyName: VENDOR, email: 'yard@tamarack.test' });
  assert.equal((await shellContact(VENDOR)).typeId !== (await shellContact(CLIENT)).typeId, true, 'the vendor has another type');
  await sleep(5_000);
  const quiet = await sandbox.log();
  assert.deepEqual(customerTraffic(quiet), [], `nothing sent for the vendor (log: ${JSON.stringify(quiet.byOperation)})`);
  // The runtime handles events in order: once a later Client is in QBO, the vendor was decided.
  await addContact({ type: 'Client', companyName: BARRIER_AFTER_VENDOR });
  await exactlyOneCustomer(BARRIER_AFTER_VENDOR);
  assert.equal((await customersNamed(VENDOR)).length, 0, 'no customer for the vendor');
  const log = await sandbox.log();
  assert.equal(successes(log, 'customer.create'), 1, 'only the later client was created');
  await shot('vendor-not-sent');
});

test('(4) with the network to QBO cut, an edit waits and is sent once, when it is back', async () => {
  await sandbox.clearLog();
  // Every POST to the customer endpoint is dropped (connection closed, nothing written).
  const CUT = 1000;
  await sandbox.addFault({ match: { method: 'POST', path: '/customer' }, action: { type: 'drop' }, count: CUT });
  try {
    await openHistory();
    await editContact(CLIENT, { email: 'cut@quillfeather.test' });
    const waiting = panel().locator('li[data-state="pending"]').filter({ hasText: CLIENT });
    await waiting.waitFor();
    // The QBO client tries a write 5 times (about 15 s of backoff) before the runtime parks it.
    await eventually(async () => (await sandbox.faultRules()).some((r) => r.remaining <= CUT - 5), 'the runtime tried 5 times while cut', 60_000);
    await sleep(3_000);
    await shot('network-cut-open-history');
    // The open Sync History refreshes after the blocked try and says why it failed.
    await eventually(async () => /Last try:/.test(await waiting.innerText()), 'Sync History shows the change waiting after a failed try');
    assert.match(await waiting.innerText(), /Update Email/);
    assert.match(await waiting.innerText(), /Waiting to be sent/);
    await shot('network-cut-waiting');
    await closePanel();
    assert.equal((await customerById(clientCustomerId)).PrimaryEmailAddr?.Address, 'books@quillfeather.test', 'nothing arrived while cut');
  } finally {
    await sandbox.clearFaults();
  }
  await eventually(
    async () => (await customerById(clientCustomerId)).PrimaryEmailAddr?.Address === 'cut@quillfeather.test',
    'the edit arrived once the network was back',
    RECOVERY_TIMEOUT_MS,
  );
  await sleep(2_000);
  const log = await sandbox.log();
  assert.equal(successes(log, 'customer.update.sparse'), 1, `sent exactly once (log: ${JSON.stringify(log.byOperation)})`);
  assert.equal(successes(log, 'customer.create'), 0, 'no create');
  assert.equal((await customersNamed(CLIENT)).length, 1, 'still one customer');
  await shot('network-back');
});

test('(5) the same email changed in QBO and in the shell brings the conflict prompt; QBO is not overwritten', async () => {
  const qboValue = 'ap@quillfeather-qbo.test';
  const ourValue = 'office@quillfeather.test';
  await editInQbo(clientCustomerId, { PrimaryEmailAddr: { Address: qboValue } });
  await sandbox.clearLog();
  await editContact(CLIENT, { email: ourValue });

  // The runtime reports the conflict in the shell.
  const notice = shell.page.getByRole('status').filter({ hasText: 'Which value to keep?' });
  await notice.first().waitFor({ timeout: 30_000 });
  assert.match(await notice.first().innerText(), new RegExp(`${CLIENT}.*Email`, 's'));
  await shot('conflict-notified');
  assert.equal((await customerById(clientCustomerId)).PrimaryEmailAddr?.Address, qboValue, 'QBO keeps its value while nobody answered');

  await openHistory();
  const row = panel().locator('li[data-state="conflict"]').filter({ hasText: CLIENT });
  await row.waitFor();
  assert.match(await row.innerText(), /Needs your decision/);
  await shot('history-conflict');
  await row.getByRole('button', { name: 'Choose values' }).click();
  await panel().getByText(`Which value to keep for ${CLIENT}?`).waitFor();
  const officeTools = panel().getByRole('radio', { name: `OfficeTools: ${ourValue}` });
  const quickBooks = panel().getByRole('radio', { name: `QuickBooks Online: ${qboValue}` });
  await officeTools.waitFor();
  await quickBooks.waitFor();
  assert.equal(await officeTools.isChecked(), false, 'nothing preselected');
  assert.equal(await quickBooks.isChecked(), false, 'nothing preselected');
  assert.equal(await panel().getByRole('button', { name: 'Keep these values' }).isDisabled(), true, 'cannot confirm without a choice');
  await shot('conflict-prompt');
  assert.equal((await customerById(clientCustomerId)).PrimaryEmailAddr?.Address, qboValue, 'QBO still keeps its value with the prompt open');
  const log = await sandbox.log();
  assert.equal(successes(log, 'customer.update.sparse'), 0, `no email written over QBO's (log: ${JSON.stringify(log.byOperation)})`);

  // The user keeps OfficeTools' value: only now is it written.
  await panel().getByText(`OfficeTools: ${ourValue}`).click();
  await panel().getByRole('button', { name: 'Keep these values' }).click();
  await eventually(
    async () => (await customerById(clientCustomerId)).PrimaryEmailAddr?.Address === ourValue,
    'the chosen value reached QBO',
    60_000,
  );
  await eventually(async () => (await panel().locator('li[data-state="conflict"]').count()) === 0, 'the conflict left the list', 30_000);
  await shot('conflict-resolved');
});

test('(6) with the switch off, a new Client contact sends nothing', async () => {
  await shell.page.goto(shell.stack.shellUrl);
  await openIntegrations();
  await eventually(async () => (await panel().getByRole('checkbox', { name: SWITCH_LABEL }).count()) > 0, 'the switch is shown');
  await setSyncSwitch(false);
  await shot('switch-off');
  await closePanel();
  await sandbox.clearLog();

  await addContact({ type: 'Client', companyName: SWITCHED_OFF, email: 'front@ocotillo.test' });
  await sleep(5_000);
  const quiet = await sandbox.log();
  assert.deepEqual(customerTraffic(quiet), [], `nothing sent with the switch off (log: ${JSON.stringify(quiet.byOperation)})`);
  assert.equal((await customersNamed(SWITCHED_OFF)).length, 0, 'no customer while off');

  // Switched on again, a later Client is sent; the one added while off stays out.
  await openIntegrations();
  await setSyncSwitch(true);
  await closePanel();
  await addContact({ type: 'Client', companyName: BARRIER_AFTER_SWITCH });
  await exactlyOneCustomer(BARRIER_AFTER_SWITCH);
  assert.equal((await customersNamed(SWITCHED_OFF)).length, 0, 'the contact added while off was not sent');
  await shot('switch-off-not-sent');
});
