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

async function qboQuery<T>(entity: string, where = ''): Promise<T[]> {
  const query = encodeURIComponent(`select * from ${entity}${where ? ` where ${where}` : ''} maxresults 1000`);
  const res = await fetch(`${stack.sandboxUrl}/v3/company/${US_REALM}/query?query=${query}`, { headers: { Authorization: `Bearer ${sandboxToken}`, Accept: 'application/json' } });
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

test('Payment Export lists OfficeTools payments with the reason a payment cannot go', shotOnFailure(async () => {
  await openMenu('Setup', 'QuickBooks Online', 'Time & Billing', 'Export Payments');
  await panel().getByRole('heading', { name: 'Payment Export' }).waitFor();
  await grid('OfficeTools payments').getByRole('row').nth(1).waitFor({ timeout: 20_000 });
  const payments = await shellGet<Payment[]>('/api/firm/payments');
  const onFirst = payments.find((p) => p.origin.system === 'officetools' && p.applications.length === 1 && p.applications[0].invoiceId === first.id);
  await shot(page, 'payment-export-list');
  if (!onFirst) return;
  // The payment of the exported invoice can go: check it and export it.
  const label = new RegExp(`^Check payment of .* on ${onFirst.date}$`);
  await tick(label);
  await panel().getByRole('button', { name: 'Export Selected' }).click();
  await dialog().getByRole('button', { name: 'Export 1 payment' }).click();
  await assertEventually(async () => (await dialog().innerText()).includes('was exported to QuickBooks Online.'), 'the payment confirmation', 30_000);
  await shot(page, 'payment-exported');
  await dialog().getByRole('button', { name: 'OK' }).click();
  const qboPayments = await qboQuery<{ TotalAmt: number; PrivateNote?: string }>('Payment');
  const mine = qboPayments.filter((p) => (p.PrivateNote ?? '').includes(`OT-PAY:${onFirst.id}`));
  assert.equal(mine.length, 1, 'exactly one QBO payment');
  assert.equal(cents(mine[0].TotalAmt), onFirst.amountCents, 'the payment to the cent');
}));

test('Payment Import lists QBO payments, never those from OfficeTools, and imports one of a linked customer', shotOnFailure(async () => {
  await openMenu('Setup', 'QuickBooks Online', 'Time & Billing', 'Import Payments');
  await panel().getByRole('heading', { name: 'Payment Import' }).waitFor();
  const list = grid('QuickBooks Online payments');
  await list.getByRole('row').nth(1).or(list.getByText('QuickBooks Online has no payments')).first().waitFor({ timeout: 20_000 });
  await shot(page, 'payment-import-list');
  assert.equal(await list.getByText(/OT-PAY/).count(), 0);
  const importable = panel().locator('input[type="checkbox"][aria-label^="Check payment"]:not([disabled])');
  const blocked = panel().locator('input[type="checkbox"][aria-label^="Check payment"][disabled]');
  // A payment of a customer not linked to a contact cannot be checked, and its row says why.
  if ((await blocked.count()) > 0) assert.ok((await list.getByText(/is not linked to an OfficeTools contact/).count()) > 0, 'unlinked customers show the reason');
  if ((await importable.count()) === 0) {
    assert.ok((await blocked.count()) > 0, 'the sandbox lists payments to import');
    return;
  }
  const before = await shellGet<Payment[]>('/api/firm/payments');
  await importable.first().check({ force: true });
  await panel().getByRole('button', { name: 'Import Selected' }).click();
  await dialog().getByRole('button', { name: 'Import 1 payment' }).click();
  await assertEventually(async () => (await dialog().innerText()).includes('was imported into OfficeTools.'), 'the import confirmation', 30_000);
  await shot(page, 'payment-imported');
  await dialog().getByRole('button', { name: 'OK' }).click();
  const after = await shellGet<Payment[]>('/api/firm/payments');
  assert.equal(after.length, before.length + 1, 'exactly one payment was recorded in OfficeTools');
  assert.equal(after.filter((p) => p.origin.system === 'qbo').length, 1);
}));
