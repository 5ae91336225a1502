/**
 * Time & Billing end to end through the shell, the proxy and the sandbox, as a bookkeeper uses
 * it: Invoice Export lists the firm's invoices and shows why one cannot go yet; the one-off
 * "Export to QuickBooks Online" on the invoice view says the same in a notification; the fix
 * button opens the Integration window over the list, where the contact and the codes are
 * exported; then the invoice goes, exactly once and to the cent, and the one-off command on a
 * second invoice exports it without opening the panel. Payment Export and Payment Import follow.
 * Effects are checked in the sandbox (HTTP API) and in the shell (REST API). Screenshots go to
 * test-results/e2e/billing/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import type { Contact, ExpenseCode, Invoice, Payment, WorkCode } from '../../src/sync/host/protocol';
import { SandboxClient, US_REALM } from './support/sandbox-client';
import { ShellApi } from './support/shell-api';
import { ShellSession } from './support/shell-session';

const shell = new ShellSession('billing');
const { hostWindow, hostWindowBox, openShell, openMenu, installAddin, connect, eventually, step, shot } = shell;
let sandbox: SandboxClient;
let shellApi: ShellApi;

interface QboInvoice {
  Id: string;
  DocNumber: string;
  TotalAmt: number;
  CustomerRef: { value: string };
  PrivateNote?: string;
  Line: Array<{ Amount: number; DetailType: string }>;
}

before(async () => {
  await shell.start();
  sandbox = await SandboxClient.connect(shell.stack.sandboxUrl);
  shellApi = new ShellApi(shell.stack.shellUrl);
});

after(shell.stop);

/** Lets a second pass, so this test's QBO calls do not crowd the panel's into a throttle (which costs the panel a minute). */
const quiet = () => new Promise((r) => setTimeout(r, 1_100));

/** Integer cents from a QBO dollar amount (at most two decimals), without float drift. */
const cents = (dollars: number): number => Math.round(dollars * 100);

/** Fluent's check box hides its input under the drawn box: click it where the user does. */
async function tick(name: string | RegExp): Promise<void> {
  const box = hostWindow().getByRole('checkbox', { name }).first();
  await box.check({ force: true });
  assert.ok(await box.isChecked(), `"${String(name)}" is checked`);
}

const dialog = () => hostWindow().locator('.ms-Dialog-main');

/** A date as the windows show it (the e2e browser's locale is en-US): 2026-03-04 → 03/04/2026. */
const shownDate = (iso: string) => iso.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$2/$3/$1');

/**
 * Closes the Time & Billing window the host drew (docs/decisions/0008-host-windows.md): it is
 * modal, so the workspace takes clicks again only once it is gone.
 */
async function closeWindow(): Promise<void> {
  if ((await hostWindowBox().count()) === 0) return;
  await hostWindow().getByRole('button', { name: 'Close', exact: true }).last().click();
  await hostWindowBox().waitFor({ state: 'detached' });
}
const grid = (name: string) => hostWindow().getByRole('region', { name });

/** The shell's notification (toast) whose text contains `text`. */
function toast(text: string): Locator {
  return shell.page.locator('[role="status"], [role="alert"]').filter({ hasText: text });
}

async function runOneOff(invoiceNumber: string): Promise<void> {
  await shell.page.getByRole('navigation', { name: 'Sections' }).getByText('Invoices', { exact: true }).click();
  await shell.page.getByRole('button', { name: `Open invoice ${invoiceNumber}` }).click();
  await shell.page.getByRole('region', { name: `Invoice ${invoiceNumber}` }).or(shell.page.locator(`section[aria-label="Invoice ${invoiceNumber}"]`)).first().waitFor();
  const commands = shell.page.locator('[aria-label="Record commands"]');
  await commands.getByRole('menuitem', { name: 'QuickBooks Online' }).click();
  await shell.page.getByRole('menuitem', { name: 'Export to QuickBooks Online' }).click();
}

let invoices: Invoice[];
let contacts: Contact[];
let first: Invoice;
let second: Invoice;

test('install the add-in and connect to the US company', step(async () => {
  await openShell();
  await installAddin();
  await openMenu('Setup', 'My Company', 'Information & Settings', 'Integrations');
  await connect('OfficeTools Workspace', 'connected to the US company');

  invoices = await shellApi.invoices();
  contacts = await shellApi.contacts();
  // Two invoices of different clients with no finance-charge or discount lines (those need Account
  // Defaults), whose numbers the sample company does not use already.
  const taken = new Set((await sandbox.query<QboInvoice>('Invoice')).map((i) => i.DocNumber));
  const plain = invoices.filter((i) => i.lines.every((l) => l.kind !== 'item') && !taken.has(i.number));
  first = plain[0];
  second = plain.find((i) => i.contactId !== first.contactId) ?? plain[1];
  assert.ok(first && second, 'the demo firm has invoices to export');
}));

test('Invoice Export lists the invoices; Export Selected shows why one cannot go yet', step(async () => {
  await openMenu('Setup', 'QuickBooks Online', 'Time & Billing', 'Export Invoices');
  await hostWindow().getByRole('heading', { name: 'Invoice Export' }).waitFor();
  await grid('OfficeTools invoices').getByRole('row').nth(1).waitFor({ timeout: 20_000 });
  assert.ok(await hostWindow().getByRole('checkbox', { name: 'Not yet exported' }).isChecked(), '"Not yet exported" is on by default');
  await shot('invoice-export-list');

  await tick(`Check invoice ${first.number}`);
  await hostWindow().getByRole('button', { name: 'Export Selected' }).click();
  await dialog().getByText('Cannot go yet').waitFor();
  const name = contacts.find((c) => c.id === first.contactId)?.displayName ?? '';
  assert.match(await dialog().innerText(), new RegExp(`${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not linked to a QuickBooks Online customer`));
  await shot('plan-contact-not-linked');
  await dialog().getByRole('button', { name: 'Cancel' }).click();
  await closeWindow();
}));

test('the one-off command on an invoice that cannot go yet warns with the reason and creates nothing', step(async () => {
  await runOneOff(first.number);
  await toast(`Invoice ${first.number} was not exported.`).first().waitFor({ timeout: 20_000 });
  assert.match(await toast(`Invoice ${first.number} was not exported.`).first().innerText(), /not linked to a QuickBooks Online customer/);
  await shot('one-off-blocked');
  assert.equal((await sandbox.query<QboInvoice>('Invoice', `DocNumber = '${first.number}'`)).length, 0, 'nothing was created in QBO');
  await shell.page.getByRole('button', { name: 'Back to invoices' }).click();
}));

test('the fix opens the Integration window over the list; linking there makes the invoice ready; it goes exactly once, to the cent', step(async () => {
  await openMenu('Setup', 'QuickBooks Online', 'Time & Billing', 'Export Invoices');
  await tick(`Check invoice ${first.number}`);
  await hostWindow().getByRole('button', { name: 'Export Selected' }).click();
  await dialog().getByText('Cannot go yet').waitFor();
  await dialog().getByRole('button', { name: /^Open Contact Match/ }).first().click();
  await hostWindow().getByRole('heading', { name: 'QuickBooks Online Integration' }).waitFor();

  // Export the two clients, and every work and expense code both invoices use, from the Match tabs.
  const workCodes = await shellApi.workCodes();
  const expenseCodes = await shellApi.expenseCodes();
  const used = [first, second].flatMap((i) => i.lines);
  const codeName = (c: { number: string; description: string }) => `${c.number} ${c.description}`;
  const groups: Array<{ tab: string; list: string; names: string[] }> = [
    { tab: 'Contact Match', list: 'OfficeTools contacts', names: [...new Set([first, second].map((i) => contacts.find((c) => c.id === i.contactId)?.displayName ?? ''))] },
    { tab: 'Work Code Match', list: 'OfficeTools work codes', names: [...new Set(used.flatMap((l) => (l.workCodeId ? [codeName(workCodes.find((w) => w.id === l.workCodeId) as WorkCode)] : [])))] },
    { tab: 'Expense Code Match', list: 'OfficeTools expense codes', names: [...new Set(used.flatMap((l) => (l.expenseCodeId ? [codeName(expenseCodes.find((x) => x.id === l.expenseCodeId) as ExpenseCode)] : [])))] },
  ];
  const exportOn = async (group: (typeof groups)[number]): Promise<void> => {
    if (group.names.length === 0) return;
    await hostWindow().getByRole('tab', { name: group.tab }).click();
    const tab = hostWindow().getByRole('tabpanel', { name: group.tab });
    const list = tab.getByRole('listbox', { name: group.list });
    await list.getByRole('option').first().waitFor({ timeout: 20_000 });
    for (const [n, name] of group.names.entries()) {
      await tab.getByRole('searchbox', { name: `Search ${group.list}` }).fill(name);
      const option = list.getByRole('option').filter({ hasText: name }).first();
      await option.click(n === 0 ? {} : { modifiers: ['Control'] });
    }
    await tab.getByRole('button', { name: 'Export to QBO' }).click();
    const report = tab.locator('.ms-MessageBar').first();
    await report.waitFor({ timeout: 30_000 });
    // A name QBO already has is offered as "Link to existing": take it, as a bookkeeper would.
    const linkAll = tab.getByRole('button', { name: /^Link all \d+ to the existing ones$/ });
    const linkOne = tab.getByRole('button', { name: /^Link ".*" to existing/ });
    if (await linkAll.count()) await linkAll.click();
    else while (await linkOne.count()) await linkOne.first().click();
    await tab.getByRole('searchbox', { name: `Search ${group.list}` }).fill('');
    await shot(`linked-on-${group.tab}`);
  };

  await exportOn(groups[0]);
  // Codes become QBO items under the income accounts of Account Defaults: choose them, OK saves.
  await hostWindow().getByRole('tab', { name: 'Account Defaults' }).click();
  const defaults = hostWindow().getByRole('tabpanel', { name: 'Account Defaults' });
  for (const label of ['Fee Income - Professional Services', 'Reimbursed Expense Income']) {
    await defaults.getByRole('combobox', { name: label }).click();
    await hostWindow().getByRole('option', { name: /Income/ }).first().click();
  }
  await shot('account-defaults-for-codes');
  await hostWindow().getByRole('button', { name: 'OK', exact: true }).click();
  await hostWindow().getByRole('heading', { name: 'QuickBooks Online Integration' }).waitFor({ state: 'detached' });
  // The plan was made again: the contact is linked now, the codes are not yet.
  await eventually(async () => !(await dialog().innerText()).includes('not linked to a QuickBooks Online customer'), 'the plan no longer names the contact');
  await dialog().getByRole('button', { name: /^Open (Work|Expense) Code Match/ }).first().click();
  await hostWindow().getByRole('heading', { name: 'QuickBooks Online Integration' }).waitFor();
  await exportOn(groups[1]);
  await exportOn(groups[2]);
  await hostWindow().getByRole('button', { name: 'Close', exact: true }).click();

  await eventually(async () => (await dialog().innerText()).includes('It is ready.'), 'the invoice is ready after the fix');
  await shot('plan-ready');
  await dialog().getByRole('button', { name: 'Export 1 invoice' }).click();
  await eventually(async () => (await dialog().innerText()).includes(`Invoice ${first.number}`) && (await dialog().innerText()).includes('was exported to QuickBooks Online.'), 'the confirmation');
  await shot('export-confirmed');
  await dialog().getByRole('button', { name: 'OK' }).click();
  const row = grid('OfficeTools invoices').getByRole('row').filter({ hasText: first.number }).first();
  await row.locator('[data-done="true"]').waitFor();
  await shot('exported-check');

  const inQbo = await sandbox.query<QboInvoice>('Invoice', `DocNumber = '${first.number}'`);
  assert.equal(inQbo.length, 1, 'exactly one QBO invoice');
  assert.equal(cents(inQbo[0].TotalAmt), first.totalCents, 'the total to the cent');
  const lines = inQbo[0].Line.filter((l) => l.DetailType === 'SalesItemLineDetail');
  assert.deepEqual(lines.map((l) => cents(l.Amount)), first.lines.map((l) => l.amountCents), 'each line to the cent');
  assert.match(inQbo[0].PrivateNote ?? '', new RegExp(`OT-INV:${first.id}`));
  await closeWindow();
}));

test('the one-off command exports the invoice in view, and a second click creates no duplicate', step(async () => {
  await runOneOff(second.number);
  await toast(`Invoice ${second.number} was exported to QuickBooks Online.`).first().waitFor({ timeout: 30_000 });
  await shot('one-off-exported');
  const commands = shell.page.locator('[aria-label="Record commands"]');
  await commands.getByRole('menuitem', { name: 'QuickBooks Online' }).click();
  await shell.page.getByRole('menuitem', { name: 'Export to QuickBooks Online' }).click();
  await toast(`Invoice ${second.number} is already in QuickBooks Online`).first().waitFor({ timeout: 30_000 });
  const inQbo = await sandbox.query<QboInvoice>('Invoice', `DocNumber = '${second.number}'`);
  assert.equal(inQbo.length, 1, 'exactly one QBO invoice after two clicks');
  assert.equal(cents(inQbo[0].TotalAmt), second.totalCents, 'the total to the cent');
  await shell.page.getByRole('button', { name: 'Back to invoices' }).click();
}));

test('Payment Export lists OfficeTools payments with the reason a payment cannot go, and exports the payment of an exported invoice', step(async () => {
  await openMenu('Setup', 'QuickBooks Online', 'Time & Billing', 'Export Payments');
  await hostWindow().getByRole('heading', { name: 'Payment Export' }).waitFor();
  const list = grid('OfficeTools payments');
  await list.getByRole('row').nth(1).waitFor({ timeout: 20_000 });
  // The reason a payment cannot go is a line under its row, readable without scrolling sideways.
  await list.locator('[data-row-note="true"]').first().waitFor({ timeout: 20_000 });
  await shot('payment-export-list');
  const payments = await shellApi.payments();
  const exportedIds = new Set([first.id, second.id]);
  const mine = payments.find((p) => p.origin.system === 'officetools' && p.applications.length > 0 && p.applications.every((a) => exportedIds.has(a.invoiceId)));
  assert.ok(mine, `the demo firm has an OfficeTools payment applied only to invoice ${first.number} or ${second.number}`);
  const name = contacts.find((c) => c.id === mine.contactId)?.displayName ?? '';
  const label = `Check payment of $${(mine.amountCents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })} from ${name} on ${shownDate(mine.date)}`;
  await tick(label);
  await hostWindow().getByRole('button', { name: 'Export Selected' }).click();
  await dialog().getByRole('button', { name: 'Export 1 payment' }).click();
  await eventually(async () => (await dialog().innerText()).includes('was exported to QuickBooks Online.'), 'the payment confirmation', 30_000);
  await shot('payment-exported');
  await dialog().getByRole('button', { name: 'OK' }).click();
  const inQbo = (await sandbox.query<{ TotalAmt: number; PrivateNote?: string }>('Payment')).filter((p) => (p.PrivateNote ?? '').includes(`OT-PAY:${mine.id}`));
  assert.equal(inQbo.length, 1, 'exactly one QBO payment');
  assert.equal(cents(inQbo[0].TotalAmt), mine.amountCents, 'the payment to the cent');
  await closeWindow();
}));

interface QboPayment {
  Id: string;
  TxnDate: string;
  TotalAmt: number;
  CustomerRef: { value: string; name?: string };
  Line?: Array<{ Amount: number; LinkedTxn?: Array<{ TxnId: string; TxnType: string }> }>;
}

/** The customer entered in QBO only, with a payment there (on an invoice entered in QBO too). */
const QBO_ONLY_CUSTOMER = 'Alder Creek Veterinary';
let qboOnly: QboPayment;
let importedContact: Contact;

const money = (c: number) => `$${(c / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const importLabel = (p: QboPayment, customer: string) => `payment of ${money(cents(p.TotalAmt))} from ${customer} on ${shownDate(p.TxnDate)}`;
const importList = () => grid('QuickBooks Online payments');
const importBox = (p: QboPayment, customer: string) => hostWindow().getByRole('checkbox', { name: `Check ${importLabel(p, customer)}`, exact: true });

/** Opens Payment Import afresh: the window open before is closed, and each opening reads its list anew. */
async function openPaymentImport(): Promise<void> {
  await quiet();
  await closeWindow();
  await openMenu('Setup', 'QuickBooks Online', 'Time & Billing', 'Import Payments');
  await hostWindow().getByRole('heading', { name: 'Payment Import' }).waitFor();
  await importList().getByRole('row').nth(1).waitFor({ timeout: 20_000 });
}

async function importOne(p: QboPayment, customer: string, shotName: string): Promise<Payment> {
  const before = await shellApi.payments();
  await importBox(p, customer).check({ force: true });
  assert.match(await hostWindow().getByRole('status', { name: 'Selection' }).innerText(), /^1 of \d+ payments? checked$/);
  await hostWindow().getByRole('button', { name: 'Import Selected' }).click();
  await dialog().getByRole('button', { name: 'Import 1 payment' }).click();
  await eventually(async () => (await dialog().innerText()).includes('was imported into OfficeTools.'), 'the import confirmation', 30_000);
  await shot(shotName);
  await dialog().getByRole('button', { name: 'OK' }).click();
  const row = importList().getByRole('row').filter({ has: importBox(p, customer) });
  await row.locator('[data-done="true"]').waitFor();
  const after = await shellApi.payments();
  const added = after.filter((a) => !before.some((b) => b.id === a.id));
  assert.equal(added.length, 1, 'exactly one payment was recorded in OfficeTools');
  assert.deepEqual(added[0].origin, { system: 'qbo', realmId: US_REALM, qboId: p.Id });
  assert.equal(added[0].amountCents, cents(p.TotalAmt), 'the amount to the cent');
  assert.equal(added[0].date, p.TxnDate);
  return added[0];
}

test('Payment Import: a payment of a customer not linked says why; importing the customer on Contact Match through the row\'s fix makes it importable', step(async () => {
  await quiet();
  const [customer] = await sandbox.query<{ Id: string; DisplayName: string }>('Customer', `DisplayName = '${QBO_ONLY_CUSTOMER}'`);
  assert.ok(customer, `the sandbox has the customer ${QBO_ONLY_CUSTOMER}`);
  const paid = await sandbox.query<QboPayment>('Payment', `CustomerRef = '${customer.Id}'`);
  assert.equal(paid.length, 1, `${QBO_ONLY_CUSTOMER} has one payment in QBO`);
  qboOnly = paid[0];
  const contactsBefore = await shellApi.contacts();
  assert.ok(!contactsBefore.some((c) => c.displayName.startsWith(QBO_ONLY_CUSTOMER)), 'the firm has no such contact yet');

  await openPaymentImport();
  await shot('payment-import-list');
  assert.equal(await importList().getByText(/OT-PAY/).count(), 0, 'no payment from OfficeTools is offered');
  const box = importBox(qboOnly, QBO_ONLY_CUSTOMER);
  assert.equal(await box.isDisabled(), true, 'it cannot be checked yet');
  const row = importList().getByRole('row').filter({ has: box });
  const why = hostWindow().locator('[data-row-note="true"]').filter({ hasText: `${QBO_ONLY_CUSTOMER} is not linked to an OfficeTools contact` });
  await why.waitFor();
  // Readable where it is: inside the list's visible width, no sideways scroll needed.
  const [listBox, whyBox] = [await importList().boundingBox(), await why.boundingBox()];
  assert.ok(listBox && whyBox && whyBox.x + whyBox.width <= listBox.x + listBox.width + 1, 'the reason fits the list width');
  // And so does the Sync'd column: the host window gives the list its room.
  const syncedHeader = await importList().getByRole('columnheader', { name: 'Sync’d' }).boundingBox();
  assert.ok(listBox && syncedHeader && syncedHeader.x + syncedHeader.width <= listBox.x + listBox.width + 1, 'the Sync’d column is in view');
  assert.equal(await row.count(), 1, 'the row is listed once');

  await hostWindow().getByRole('button', { name: `Open Contact Match (${importLabel(qboOnly, QBO_ONLY_CUSTOMER)})` }).click();
  await hostWindow().getByRole('heading', { name: 'QuickBooks Online Integration' }).waitFor();
  const tab = hostWindow().getByRole('tabpanel', { name: 'Contact Match' });
  const customers = tab.getByRole('listbox', { name: 'QuickBooks Online customers' });
  await customers.getByRole('option').first().waitFor({ timeout: 20_000 });
  await tab.getByRole('searchbox', { name: 'Search QuickBooks Online customers' }).fill(QBO_ONLY_CUSTOMER);
  await customers.getByRole('option').filter({ hasText: QBO_ONLY_CUSTOMER }).first().click();
  await tab.getByRole('button', { name: 'Import from QBO' }).click();
  await customers.getByRole('option').filter({ hasText: QBO_ONLY_CUSTOMER }).filter({ hasText: '↔' }).first().waitFor({ timeout: 30_000 });
  await shot('customer-imported-on-contact-match');
  await hostWindow().getByRole('button', { name: 'Close', exact: true }).click();
  await hostWindow().getByRole('heading', { name: 'QuickBooks Online Integration' }).waitFor({ state: 'detached' });
  await eventually(async () => !(await box.isDisabled()), 'the payment becomes importable after the link');
  assert.equal(await why.count(), 0, 'the reason is gone');
  const added = (await shellApi.contacts()).filter((c) => !contactsBefore.some((b) => b.id === c.id));
  assert.equal(added.length, 1, 'the import made exactly one OfficeTools contact');
  importedContact = added[0];
}));

test('Payment Import records the payment once, unapplied since the QBO invoice it pays did not come from OfficeTools; a second Import Selected offers nothing new', step(async () => {
  const recorded = await importOne(qboOnly, QBO_ONLY_CUSTOMER, 'payment-imported-unapplied');
  assert.equal(recorded.contactId, importedContact.id, 'recorded for the contact made from the customer');
  // It pays an invoice entered in QBO; OfficeTools' own invoice of the same number is another document.
  assert.deepEqual(recorded.applications, [], 'applied to no OfficeTools invoice');
  assert.equal(recorded.unappliedCents, recorded.amountCents, 'recorded as unapplied');
  assert.match(recorded.memo ?? '', /unapplied/);
}));

test('Payment Import applies a payment to the OfficeTools invoice whose QBO invoice was exported from OfficeTools', step(async () => {
  // A QBO user records a payment on an invoice OfficeTools exported.
  await quiet();
  const firm = await shellApi.invoices();
  const target = [first, second].map((i) => firm.find((f) => f.id === i.id) as Invoice).sort((a, b) => b.balanceCents - a.balanceCents)[0];
  assert.ok(target.balanceCents > 0, `invoice ${target.number} has an open balance`);
  const [qboInvoice] = await sandbox.query<QboInvoice & { Balance: number }>('Invoice', `DocNumber = '${target.number}'`);
  const amount = Math.min(target.balanceCents, cents(qboInvoice.Balance), 4321);
  assert.ok(amount > 0, 'the QBO invoice is open too');
  const res = await sandbox.fetch(`payment?requestid=e2e-apply-${Date.now()}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ CustomerRef: { value: qboInvoice.CustomerRef.value }, TotalAmt: amount / 100, TxnDate: '2026-11-25', PaymentRefNum: 'QB-E2E', Line: [{ Amount: amount / 100, LinkedTxn: [{ TxnId: qboInvoice.Id, TxnType: 'Invoice' }] }] }),
  });
  assert.equal(res.status, 200, `the sandbox took the payment: ${res.status}`);
  const created = ((await res.json()) as { Payment: QboPayment }).Payment;
  const customer = contacts.find((c) => c.id === target.contactId)?.displayName ?? '';
  const [qboCustomer] = await sandbox.query<{ DisplayName: string }>('Customer', `Id = '${qboInvoice.CustomerRef.value}'`);

  await openPaymentImport();
  await importBox(created, qboCustomer.DisplayName).waitFor({ timeout: 20_000 });
  const recorded = await importOne(created, qboCustomer.DisplayName, 'payment-imported-applied');
  assert.equal(recorded.contactId, target.contactId, `recorded for ${customer}`);
  assert.deepEqual(recorded.applications, [{ invoiceId: target.id, amountCents: amount }], `applied to invoice ${target.number}`);
  assert.equal(recorded.unappliedCents, 0);
  const after = (await shellApi.invoices()).find((i) => i.id === target.id) as Invoice;
  assert.equal(after.balanceCents, target.balanceCents - amount, 'the invoice balance went down by the payment, to the cent');

  // Open the window again: nothing imported is offered again.
  const count = (await shellApi.payments()).length;
  await closeWindow();
  await openMenu('Setup', 'QuickBooks Online', 'Time & Billing', 'Import Payments');
  await hostWindow().getByRole('heading', { name: 'Payment Import' }).waitFor();
  const list = importList();
  await list.getByRole('row').nth(1).or(list.getByText('Every payment has been imported')).first().waitFor({ timeout: 20_000 });
  await hostWindow().getByRole('status', { name: 'Selection' }).waitFor();
  for (const [p, name] of [[qboOnly, QBO_ONLY_CUSTOMER], [created, qboCustomer.DisplayName]] as const) {
    assert.equal(await importBox(p, name).count(), 0, `${importLabel(p, name)} is not listed under "Not yet imported"`);
  }
  await hostWindow().getByRole('checkbox', { name: 'Not yet imported' }).uncheck({ force: true });
  for (const [p, name] of [[qboOnly, QBO_ONLY_CUSTOMER], [created, qboCustomer.DisplayName]] as const) {
    const box = importBox(p, name);
    await box.waitFor();
    assert.equal(await box.isDisabled(), true, `${importLabel(p, name)} cannot be checked again`);
    await list.getByRole('row').filter({ has: box }).locator('[data-done="true"]').waitFor();
  }
  await shot('payment-import-synced');
  const selectAll = hostWindow().getByRole('checkbox', { name: 'Select all' });
  if (!(await selectAll.isDisabled())) await selectAll.check({ force: true });
  const importSelected = hostWindow().getByRole('button', { name: 'Import Selected' });
  if (!(await importSelected.isDisabled())) {
    // Other customers' payments may be importable; the plan must still not contain these two.
    await importSelected.click();
    await dialog().getByText(/ready|cannot go yet/).first().waitFor();
    const plan = await dialog().innerText();
    await dialog().getByRole('button', { name: 'Cancel' }).waitFor();
    for (const [p, name] of [[qboOnly, QBO_ONLY_CUSTOMER], [created, qboCustomer.DisplayName]] as const) {
      // The plan names a payment as the engine labels it (amount and date in the user's locale, en-US here).
      assert.ok(!plan.includes(`Payment of ${money(cents(p.TotalAmt))} on ${shownDate(p.TxnDate)} — ${name}`), `${importLabel(p, name)} is not planned again`);
    }
    await dialog().getByRole('button', { name: 'Cancel' }).click();
  }
  assert.equal((await shellApi.payments()).length, count, 'nothing new in OfficeTools');
  await closeWindow();
}));
