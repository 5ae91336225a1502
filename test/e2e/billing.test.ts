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
import type { Browser, BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import type { Contact, ExpenseCode, Invoice, Payment, WorkCode } from '../../src/sync/host/protocol';
import { startStack, type Stack } from './support/stack';
import { launchBrowser, screenshotter } from './support/browser';

const US_REALM = '9341450000000001';

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let sandboxToken: string;
const shot = screenshotter('billing');

interface QboInvoice {
  Id: string;
  DocNumber: string;
  TotalAmt: number;
  CustomerRef: { value: string };
  PrivateNote?: string;
  Line: Array<{ Amount: number; DetailType: string }>;
}

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  const res = await fetch(`${stack.sandboxUrl}/__sandbox/tokens`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ realmId: US_REALM }) });
  assert.ok(res.ok);
  sandboxToken = ((await res.json()) as { access_token: string }).access_token;
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

async function shellGet<T>(pathname: string): Promise<T> {
  const res = await fetch(`${stack.shellUrl}${pathname}`);
  assert.equal(res.status, 200, `GET ${pathname}`);
  return (await res.json()) as T;
}

/**
 * A call to the sandbox as this test's own QBO client. It shares the company's throttles with
 * the panel (10 requests a second): when they are full it waits and asks again, as a polite
 * client does, rather than failing on the panel's traffic.
 */
async function qboFetch(pathAndQuery: string, init: RequestInit = {}): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`${stack.sandboxUrl}/v3/company/${US_REALM}/${pathAndQuery}`, { ...init, headers: { Authorization: `Bearer ${sandboxToken}`, Accept: 'application/json', ...init.headers } });
    if (res.status !== 429 || attempt === 5) return res;
    await new Promise((r) => setTimeout(r, 1_100));
  }
}

/** Lets a second pass, so this test's QBO calls do not crowd the panel's into a throttle (which costs the panel a minute). */
const quiet = () => new Promise((r) => setTimeout(r, 1_100));

async function qboQuery<T>(entity: string, where = ''): Promise<T[]> {
  const query = encodeURIComponent(`select * from ${entity}${where ? ` where ${where}` : ''} maxresults 1000`);
  const res = await qboFetch(`query?query=${query}`);
  assert.equal(res.status, 200, `sandbox query answered ${res.status}`);
  const body = (await res.json()) as { QueryResponse: Record<string, T[] | undefined> };
  return body.QueryResponse[entity] ?? [];
}

/** Integer cents from a QBO dollar amount (at most two decimals), without float drift. */
const cents = (dollars: number): number => Math.round(dollars * 100);

function panel(): FrameLocator {
  return page.frameLocator('iframe[data-role="panel"]');
}

/** A shell menu path; below the top level only the open menus are searched (the invoice view has its own "QuickBooks Online"). */
async function openMenu(...path: string[]): Promise<void> {
  await page.getByRole('menubar').getByRole('menuitem', { name: path[0], exact: true }).or(page.getByRole('menuitem', { name: path[0], exact: true })).first().click();
  for (const label of path.slice(1, -1)) await page.getByRole('menu').getByRole('menuitem', { name: label, exact: true }).hover();
  await page.getByRole('menu').getByRole('menuitem', { name: path[path.length - 1], exact: true }).click();
}

/** Fluent's check box hides its input under the drawn box: click it where the user does. */
async function tick(name: string | RegExp): Promise<void> {
  const box = panel().getByRole('checkbox', { name }).first();
  await box.check({ force: true });
  assert.ok(await box.isChecked(), `"${String(name)}" is checked`);
}

async function assertEventually(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > end) {
      await shot(page, `FAILED-${what}`);
      assert.fail(`timed out waiting until: ${what}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

function shotOnFailure(body: () => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await body();
    } catch (e) {
      await shot(page, 'FAILED').catch(() => undefined);
      throw e;
    }
  };
}

const dialog = () => panel().locator('.ms-Dialog-main');
const grid = (name: string) => panel().getByRole('region', { name });

/** The shell's notification (toast) whose text contains `text`. */
function toast(text: string): Locator {
  return page.locator('[role="status"], [role="alert"]').filter({ hasText: text });
}

async function runOneOff(invoiceNumber: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByText('Invoices', { exact: true }).click();
  await page.getByRole('button', { name: `Open invoice ${invoiceNumber}` }).click();
  await page.getByRole('region', { name: `Invoice ${invoiceNumber}` }).or(page.locator(`section[aria-label="Invoice ${invoiceNumber}"]`)).first().waitFor();
  const commands = page.locator('[aria-label="Record commands"]');
  await commands.getByRole('menuitem', { name: 'QuickBooks Online' }).click();
  await page.getByRole('menuitem', { name: 'Export to QuickBooks Online' }).click();
}

let invoices: Invoice[];
let contacts: Contact[];
let first: Invoice;
let second: Invoice;

test('install the add-in and connect to the US company', shotOnFailure(async () => {
  await page.goto(stack.shellUrl);
  await page.getByText('Hartwell & Lee CPAs').waitFor();
  await openMenu('Setup', 'Add-ins…');
  await page.getByRole('button', { name: 'Install QuickBooks Online' }).click();
  await page.getByRole('button', { name: 'Remove QuickBooks Online' }).waitFor();
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await openMenu('Setup', 'My Company', 'Information & Settings', 'Integrations');
  await panel().getByRole('radio', { name: 'QuickBooks Online' }).check();
  await panel().getByRole('button', { name: 'Yes' }).click();
  await panel().getByRole('button', { name: 'Connect to QuickBooks Online' }).click();
  const popupOpened = context.waitForEvent('page');
  await panel().getByRole('button', { name: 'Yes' }).click();
  const popup = await popupOpened;
  await popup.waitForLoadState();
  await popup.getByLabel('Email').fill('demo@officetools.test');
  await popup.getByLabel('Password').fill('sandbox');
  await popup.getByRole('button', { name: 'Sign In' }).click();
  await popup.getByRole('radio', { name: 'OfficeTools Workspace' }).check();
  await popup.getByRole('button', { name: 'Connect' }).click();
  const company = panel().getByRole('textbox', { name: 'Company' });
  await assertEventually(async () => (await company.inputValue()) === 'OfficeTools Workspace', 'connected to the US company');

  invoices = await shellGet<Invoice[]>('/api/firm/invoices');
  contacts = await shellGet<Contact[]>('/api/firm/contacts');
  // Two invoices of different clients with no finance-charge or discount lines (those need Account
  // Defaults), whose numbers the sample company does not use already.
  const taken = new Set((await qboQuery<QboInvoice>('Invoice')).map((i) => i.DocNumber));
  const plain = invoices.filter((i) => i.lines.every((l) => l.kind !== 'item') && !taken.has(i.number));
  first = plain[0];
  second = plain.find((i) => i.contactId !== first.contactId) ?? plain[1];
  assert.ok(first && second, 'the demo firm has invoices to export');
}));

test('Invoice Export lists the invoices; Export Selected shows why one cannot go yet', shotOnFailure(async () => {
  await openMenu('Setup', 'QuickBooks Online', 'Time & Billing', 'Export Invoices');
  await panel().getByRole('heading', { name: 'Invoice Export' }).waitFor();
  await grid('OfficeTools invoices').getByRole('row').nth(1).waitFor({ timeout: 20_000 });
  assert.ok(await panel().getByRole('checkbox', { name: 'Not yet exported' }).isChecked(), '"Not yet exported" is on by default');
  await shot(page, 'invoice-export-list');

  await tick(`Check invoice ${first.number}`);
  await panel().getByRole('button', { name: 'Export Selected' }).click();
  await dialog().getByText('Cannot go yet').waitFor();
  const name = contacts.find((c) => c.id === first.contactId)?.displayName ?? '';
  assert.match(await dialog().innerText(), new RegExp(`${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not linked to a QuickBooks Online customer`));
  await shot(page, 'plan-contact-not-linked');
  await dialog().getByRole('button', { name: 'Cancel' }).click();
}));

test('the one-off command on an invoice that cannot go yet warns with the reason and creates nothing', shotOnFailure(async () => {
  await runOneOff(first.number);
  await toast(`Invoice ${first.number} was not exported.`).first().waitFor({ timeout: 20_000 });
  assert.match(await toast(`Invoice ${first.number} was not exported.`).first().innerText(), /not linked to a QuickBooks Online customer/);
  await shot(page, 'one-off-blocked');
  assert.equal((await qboQuery<QboInvoice>('Invoice', `DocNumber = '${first.number}'`)).length, 0, 'nothing was created in QBO');
  await page.getByRole('button', { name: 'Back to invoices' }).click();
}));

test('the fix opens the Integration window over the list; linking there makes the invoice ready; it goes exactly once, to the cent', shotOnFailure(async () => {
  await openMenu('Setup', 'QuickBooks Online', 'Time & Billing', 'Export Invoices');
  await tick(`Check invoice ${first.number}`);
  await panel().getByRole('button', { name: 'Export Selected' }).click();
  await dialog().getByText('Cannot go yet').waitFor();
  await dialog().getByRole('button', { name: /^Open Contact Match/ }).first().click();
  await panel().getByRole('heading', { name: 'QuickBooks Online Integration' }).waitFor();

  // Export the two clients, and every work and expense code both invoices use, from the Match tabs.
  const workCodes = await shellGet<WorkCode[]>('/api/firm/workCodes');
  const expenseCodes = await shellGet<ExpenseCode[]>('/api/firm/expenseCodes');
  const used = [first, second].flatMap((i) => i.lines);
  const codeName = (c: { number: string; description: string }) => `${c.number} ${c.description}`;
  const groups: Array<{ tab: string; list: string; names: string[] }> = [
    { tab: 'Contact Match', list: 'OfficeTools contacts', names: [...new Set([first, second].map((i) => contacts.find((c) => c.id === i.contactId)?.displayName ?? ''))] },
    { tab: 'Work Code Match', list: 'OfficeTools work codes', names: [...new Set(used.flatMap((l) => (l.workCodeId ? [codeName(workCodes.find((w) => w.id === l.workCodeId) as WorkCode)] : [])))] },
    { tab: 'Expense Code Match', list: 'OfficeTools expense codes', names: [...new Set(used.flatMap((l) => (l.expenseCodeId ? [codeName(expenseCodes.find((x) => x.id === l.expenseCodeId) as ExpenseCode)] : [])))] },
  ];
  const exportOn = async (group: (typeof groups)[number]): Promise<void> => {
    if (group.names.length === 0) return;
    await panel().getByRole('tab', { name: group.tab }).click();
    const tab = panel().getByRole('tabpanel', { name: group.tab });
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
    await shot(page, `linked-on-${group.tab}`);
  };

  await exportOn(groups[0]);
  // Codes become QBO items under the income accounts of Account Defaults: choose them, OK saves.
  await panel().getByRole('tab', { name: 'Account Defaults' }).click();
  const defaults = panel().getByRole('tabpanel', { name: 'Account Defaults' });
  for (const label of ['Fee Income - Professional Services', 'Reimbursed Expense Income']) {
    await defaults.getByRole('combobox', { name: label }).click();
    await panel().getByRole('option', { name: /Income/ }).first().click();
  }
  await shot(page, 'account-defaults-for-codes');
  await panel().getByRole('button', { name: 'OK', exact: true }).click();
  await panel().getByRole('heading', { name: 'QuickBooks Online Integration' }).waitFor({ state: 'detached' });
  // The plan was made again: the contact is linked now, the codes are not yet.
  await assertEventually(async () => !(await dialog().innerText()).includes('not linked to a QuickBooks Online customer'), 'the plan no longer names the contact');
  await dialog().getByRole('button', { name: /^Open (Work|Expense) Code Match/ }).first().click();
  await panel().getByRole('heading', { name: 'QuickBooks Online Integration' }).waitFor();
  await exportOn(groups[1]);
  await exportOn(groups[2]);
  await panel().getByRole('button', { name: 'OK', exact: true }).click();

  await assertEventually(async () => (await dialog().innerText()).includes('It is ready.'), 'the invoice is ready after the fix');
  await shot(page, 'plan-ready');
  await dialog().getByRole('button', { name: 'Export 1 invoice' }).click();
  await assertEventually(async () => (await dialog().innerText()).includes(`Invoice ${first.number}`) && (await dialog().innerText()).includes('was exported to QuickBooks Online.'), 'the confirmation');
  await shot(page, 'export-confirmed');
  await dialog().getByRole('button', { name: 'OK' }).click();
  const row = grid('OfficeTools invoices').getByRole('row').filter({ hasText: first.number }).first();
  await row.locator('[data-done="true"]').waitFor();
  await shot(page, 'exported-check');

  const inQbo = await qboQuery<QboInvoice>('Invoice', `DocNumber = '${first.number}'`);
  assert.equal(inQbo.length, 1, 'exactly one QBO invoice');
  assert.equal(cents(inQbo[0].TotalAmt), first.totalCents, 'the total to the cent');
  const lines = inQbo[0].Line.filter((l) => l.DetailType === 'SalesItemLineDetail');
  assert.deepEqual(lines.map((l) => cents(l.Amount)), first.lines.map((l) => l.amountCents), 'each line to the cent');
  assert.match(inQbo[0].PrivateNote ?? '', new RegExp(`OT-INV:${first.id}`));
}));

test('the one-off command exports the invoice in view, and a second click creates no duplicate', shotOnFailure(async () => {
  await runOneOff(second.number);
  await toast(`Invoice ${second.number} was exported to QuickBooks Online.`).first().waitFor({ timeout: 30_000 });
  await shot(page, 'one-off-exported');
  const commands = page.locator('[aria-label="Record commands"]');
  await commands.getByRole('menuitem', { name: 'QuickBooks Online' }).click();
  await page.getByRole('menuitem', { name: 'Export to QuickBooks Online' }).click();
  await toast(`Invoice ${second.number} is already in QuickBooks Online`).first().waitFor({ timeout: 30_000 });
  const inQbo = await qboQuery<QboInvoice>('Invoice', `DocNumber = '${second.number}'`);
  assert.equal(inQbo.length, 1, 'exactly one QBO invoice after two clicks');
  assert.equal(cents(inQbo[0].TotalAmt), second.totalCents, 'the total to the cent');
  await page.getByRole('button', { name: 'Back to invoices' }).click();
}));

test('Payment Export lists OfficeTools payments with the reason a payment cannot go, and exports the payment of an exported invoice', shotOnFailure(async () => {
  await openMenu('Setup', 'QuickBooks Online', 'Time & Billing', 'Export Payments');
  await panel().getByRole('heading', { name: 'Payment Export' }).waitFor();
  const list = grid('OfficeTools payments');
  await list.getByRole('row').nth(1).waitFor({ timeout: 20_000 });
  // The reason a payment cannot go is a line under its row, readable without scrolling sideways.
  await list.locator('[data-row-note="true"]').first().waitFor({ timeout: 20_000 });
  await shot(page, 'payment-export-list');
  const payments = await shellGet<Payment[]>('/api/firm/payments');
  const exportedIds = new Set([first.id, second.id]);
  const mine = payments.find((p) => p.origin.system === 'officetools' && p.applications.length > 0 && p.applications.every((a) => exportedIds.has(a.invoiceId)));
  assert.ok(mine, `the demo firm has an OfficeTools payment applied only to invoice ${first.number} or ${second.number}`);
  const name = contacts.find((c) => c.id === mine.contactId)?.displayName ?? '';
  const label = `Check payment of $${(mine.amountCents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })} from ${name} on ${mine.date}`;
  await tick(label);
  await panel().getByRole('button', { name: 'Export Selected' }).click();
  await dialog().getByRole('button', { name: 'Export 1 payment' }).click();
  await assertEventually(async () => (await dialog().innerText()).includes('was exported to QuickBooks Online.'), 'the payment confirmation', 30_000);
  await shot(page, 'payment-exported');
  await dialog().getByRole('button', { name: 'OK' }).click();
  const inQbo = (await qboQuery<{ TotalAmt: number; PrivateNote?: string }>('Payment')).filter((p) => (p.PrivateNote ?? '').includes(`OT-PAY:${mine.id}`));
  assert.equal(inQbo.length, 1, 'exactly one QBO payment');
  assert.equal(cents(inQbo[0].TotalAmt), mine.amountCents, 'the payment to the cent');
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
const importLabel = (p: QboPayment, customer: string) => `payment of ${money(cents(p.TotalAmt))} from ${customer} on ${p.TxnDate}`;
const importList = () => grid('QuickBooks Online payments');
const importBox = (p: QboPayment, customer: string) => panel().getByRole('checkbox', { name: `Check ${importLabel(p, customer)}`, exact: true });

/** Opens Payment Import afresh (by way of another window, since showing the view in view keeps its list). */
async function openPaymentImport(): Promise<void> {
  await quiet();
  await openMenu('Setup', 'QuickBooks Online', 'Time & Billing', 'Export Invoices');
  await panel().getByRole('heading', { name: 'Invoice Export' }).waitFor();
  await openMenu('Setup', 'QuickBooks Online', 'Time & Billing', 'Import Payments');
  await panel().getByRole('heading', { name: 'Payment Import' }).waitFor();
  await importList().getByRole('row').nth(1).waitFor({ timeout: 20_000 });
}

async function importOne(p: QboPayment, customer: string, shotName: string): Promise<Payment> {
  const before = await shellGet<Payment[]>('/api/firm/payments');
  await importBox(p, customer).check({ force: true });
  assert.match(await panel().getByRole('status', { name: 'Selection' }).innerText(), /^1 of \d+ payments? checked$/);
  await panel().getByRole('button', { name: 'Import Selected' }).click();
  await dialog().getByRole('button', { name: 'Import 1 payment' }).click();
  await assertEventually(async () => (await dialog().innerText()).includes('was imported into OfficeTools.'), 'the import confirmation', 30_000);
  await shot(page, shotName);
  await dialog().getByRole('button', { name: 'OK' }).click();
  const row = importList().getByRole('row').filter({ has: importBox(p, customer) });
  await row.locator('[data-done="true"]').waitFor();
  const after = await shellGet<Payment[]>('/api/firm/payments');
  const added = after.filter((a) => !before.some((b) => b.id === a.id));
  assert.equal(added.length, 1, 'exactly one payment was recorded in OfficeTools');
  assert.deepEqual(added[0].origin, { system: 'qbo', realmId: US_REALM, qboId: p.Id });
  assert.equal(added[0].amountCents, cents(p.TotalAmt), 'the amount to the cent');
  assert.equal(added[0].date, p.TxnDate);
  return added[0];
}

test('Payment Import: a payment of a customer not linked says why; importing the customer on Contact Match through the row\'s fix makes it importable', shotOnFailure(async () => {
  await quiet();
  const [customer] = await qboQuery<{ Id: string; DisplayName: string }>('Customer', `DisplayName = '${QBO_ONLY_CUSTOMER}'`);
  assert.ok(customer, `the sandbox has the customer ${QBO_ONLY_CUSTOMER}`);
  const paid = await qboQuery<QboPayment>('Payment', `CustomerRef = '${customer.Id}'`);
  assert.equal(paid.length, 1, `${QBO_ONLY_CUSTOMER} has one payment in QBO`);
  qboOnly = paid[0];
  const contactsBefore = await shellGet<Contact[]>('/api/firm/contacts');
  assert.ok(!contactsBefore.some((c) => c.displayName.startsWith(QBO_ONLY_CUSTOMER)), 'the firm has no such contact yet');

  await openPaymentImport();
  await shot(page, 'payment-import-list');
  assert.equal(await importList().getByText(/OT-PAY/).count(), 0, 'no payment from OfficeTools is offered');
  const box = importBox(qboOnly, QBO_ONLY_CUSTOMER);
  assert.equal(await box.isDisabled(), true, 'it cannot be checked yet');
  const row = importList().getByRole('row').filter({ has: box });
  const why = panel().locator('[data-row-note="true"]').filter({ hasText: `${QBO_ONLY_CUSTOMER} is not linked to an OfficeTools contact` });
  await why.waitFor();
  // Readable where it is: inside the list's visible width, no sideways scroll needed.
  const [listBox, whyBox] = [await importList().boundingBox(), await why.boundingBox()];
  assert.ok(listBox && whyBox && whyBox.x + whyBox.width <= listBox.x + listBox.width + 1, 'the reason fits the list width');
  // And so does the Sync'd column: the billing windows asked for the wide panel.
  const syncedHeader = await importList().getByRole('columnheader', { name: 'Sync’d' }).boundingBox();
  assert.ok(listBox && syncedHeader && syncedHeader.x + syncedHeader.width <= listBox.x + listBox.width + 1, 'the Sync’d column is in view');
  assert.equal(await row.count(), 1, 'the row is listed once');

  await panel().getByRole('button', { name: `Open Contact Match (${importLabel(qboOnly, QBO_ONLY_CUSTOMER)})` }).click();
  await panel().getByRole('heading', { name: 'QuickBooks Online Integration' }).waitFor();
  const tab = panel().getByRole('tabpanel', { name: 'Contact Match' });
  const customers = tab.getByRole('listbox', { name: 'QuickBooks Online customers' });
  await customers.getByRole('option').first().waitFor({ timeout: 20_000 });
  await tab.getByRole('searchbox', { name: 'Search QuickBooks Online customers' }).fill(QBO_ONLY_CUSTOMER);
  await customers.getByRole('option').filter({ hasText: QBO_ONLY_CUSTOMER }).first().click();
  await tab.getByRole('button', { name: 'Import from QBO' }).click();
  await customers.getByRole('option').filter({ hasText: QBO_ONLY_CUSTOMER }).filter({ hasText: '↔' }).first().waitFor({ timeout: 30_000 });
  await shot(page, 'customer-imported-on-contact-match');
  await panel().getByRole('button', { name: 'OK', exact: true }).click();
  await panel().getByRole('heading', { name: 'QuickBooks Online Integration' }).waitFor({ state: 'detached' });
  await assertEventually(async () => !(await box.isDisabled()), 'the payment becomes importable after the link');
  assert.equal(await why.count(), 0, 'the reason is gone');
  const added = (await shellGet<Contact[]>('/api/firm/contacts')).filter((c) => !contactsBefore.some((b) => b.id === c.id));
  assert.equal(added.length, 1, 'the import made exactly one OfficeTools contact');
  importedContact = added[0];
}));

test('Payment Import records the payment once, unapplied since the QBO invoice it pays did not come from OfficeTools; a second Import Selected offers nothing new', shotOnFailure(async () => {
  const recorded = await importOne(qboOnly, QBO_ONLY_CUSTOMER, 'payment-imported-unapplied');
  assert.equal(recorded.contactId, importedContact.id, 'recorded for the contact made from the customer');
  // It pays an invoice entered in QBO; OfficeTools' own invoice of the same number is another document.
  assert.deepEqual(recorded.applications, [], 'applied to no OfficeTools invoice');
  assert.equal(recorded.unappliedCents, recorded.amountCents, 'recorded as unapplied');
  assert.match(recorded.memo ?? '', /unapplied/);
}));

test('Payment Import applies a payment to the OfficeTools invoice whose QBO invoice was exported from OfficeTools', shotOnFailure(async () => {
  // A QBO user records a payment on an invoice OfficeTools exported.
  await quiet();
  const firm = await shellGet<Invoice[]>('/api/firm/invoices');
  const target = [first, second].map((i) => firm.find((f) => f.id === i.id) as Invoice).sort((a, b) => b.balanceCents - a.balanceCents)[0];
  assert.ok(target.balanceCents > 0, `invoice ${target.number} has an open balance`);
  const [qboInvoice] = await qboQuery<QboInvoice & { Balance: number }>('Invoice', `DocNumber = '${target.number}'`);
  const amount = Math.min(target.balanceCents, cents(qboInvoice.Balance), 4321);
  assert.ok(amount > 0, 'the QBO invoice is open too');
  const res = await qboFetch(`payment?requestid=e2e-apply-${Date.now()}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ CustomerRef: { value: qboInvoice.CustomerRef.value }, TotalAmt: amount / 100, TxnDate: '2026-11-25', PaymentRefNum: 'QB-E2E', Line: [{ Amount: amount / 100, LinkedTxn: [{ TxnId: qboInvoice.Id, TxnType: 'Invoice' }] }] }),
  });
  assert.equal(res.status, 200, `the sandbox took the payment: ${res.status}`);
  const created = ((await res.json()) as { Payment: QboPayment }).Payment;
  const customer = contacts.find((c) => c.id === target.contactId)?.displayName ?? '';
  const [qboCustomer] = await qboQuery<{ DisplayName: string }>('Customer', `Id = '${qboInvoice.CustomerRef.value}'`);

  await openPaymentImport();
  await importBox(created, qboCustomer.DisplayName).waitFor({ timeout: 20_000 });
  const recorded = await importOne(created, qboCustomer.DisplayName, 'payment-imported-applied');
  assert.equal(recorded.contactId, target.contactId, `recorded for ${customer}`);
  assert.deepEqual(recorded.applications, [{ invoiceId: target.id, amountCents: amount }], `applied to invoice ${target.number}`);
  assert.equal(recorded.unappliedCents, 0);
  const after = (await shellGet<Invoice[]>('/api/firm/invoices')).find((i) => i.id === target.id) as Invoice;
  assert.equal(after.balanceCents, target.balanceCents - amount, 'the invoice balance went down by the payment, to the cent');

  // Open the window again: nothing imported is offered again.
  const count = (await shellGet<Payment[]>('/api/firm/payments')).length;
  await openMenu('Setup', 'QuickBooks Online', 'Time & Billing', 'Export Invoices');
  await panel().getByRole('heading', { name: 'Invoice Export' }).waitFor();
  await openMenu('Setup', 'QuickBooks Online', 'Time & Billing', 'Import Payments');
  await panel().getByRole('heading', { name: 'Payment Import' }).waitFor();
  const list = importList();
  await list.getByRole('row').nth(1).or(list.getByText('Every payment has been imported')).first().waitFor({ timeout: 20_000 });
  await panel().getByRole('status', { name: 'Selection' }).waitFor();
  for (const [p, name] of [[qboOnly, QBO_ONLY_CUSTOMER], [created, qboCustomer.DisplayName]] as const) {
    assert.equal(await importBox(p, name).count(), 0, `${importLabel(p, name)} is not listed under "Not yet imported"`);
  }
  await panel().getByRole('checkbox', { name: 'Not yet imported' }).uncheck({ force: true });
  for (const [p, name] of [[qboOnly, QBO_ONLY_CUSTOMER], [created, qboCustomer.DisplayName]] as const) {
    const box = importBox(p, name);
    await box.waitFor();
    assert.equal(await box.isDisabled(), true, `${importLabel(p, name)} cannot be checked again`);
    await list.getByRole('row').filter({ has: box }).locator('[data-done="true"]').waitFor();
  }
  await shot(page, 'payment-import-synced');
  const selectAll = panel().getByRole('checkbox', { name: 'Select all' });
  if (!(await selectAll.isDisabled())) await selectAll.check({ force: true });
  const importSelected = panel().getByRole('button', { name: 'Import Selected' });
  if (!(await importSelected.isDisabled())) {
    // Other customers' payments may be importable; the plan must still not contain these two.
    await importSelected.click();
    await dialog().getByText(/ready|cannot go yet/).first().waitFor();
    const plan = await dialog().innerText();
    await dialog().getByRole('button', { name: 'Cancel' }).waitFor();
    for (const [p, name] of [[qboOnly, QBO_ONLY_CUSTOMER], [created, qboCustomer.DisplayName]] as const) {
      // The plan names a payment as the engine labels it.
      assert.ok(!plan.includes(`Payment of ${money(cents(p.TotalAmt))} on ${p.TxnDate} — ${name}`), `${importLabel(p, name)} is not planned again`);
    }
    await dialog().getByRole('button', { name: 'Cancel' }).click();
  }
  assert.equal((await shellGet<Payment[]>('/api/firm/payments')).length, count, 'nothing new in OfficeTools');
}));
