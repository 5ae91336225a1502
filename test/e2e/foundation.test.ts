/**
 * The foundation, end to end, as a new user does it: the product started like `npm start`,
 * the shell in Chromium, the add-in installed from the catalog, the panel opened from the
 * menu, connected through the sandbox's sign-in page, contact types chosen and kept across a
 * reload, the Canadian company refused. A screenshot of each step goes to
 * test-results/e2e/foundation/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core';
import { startStack, type Stack } from './support/stack';
import { launchBrowser, screenshotter } from './support/browser';

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const shot = screenshotter('foundation');

before(async () => {
  stack = await startStack();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  page = await context.newPage();
});

after(async () => {
  await browser?.close();
  await stack?.stop();
});

function panel(): FrameLocator {
  return page.frameLocator('iframe[data-role="panel"]');
}

async function openMenu(...path: string[]): Promise<void> {
  await page.getByRole('menuitem', { name: path[0], exact: true }).click();
  for (const label of path.slice(1, -1)) await page.getByRole('menuitem', { name: label, exact: true }).hover();
  await page.getByRole('menuitem', { name: path[path.length - 1], exact: true }).click();
}

/** Runs the seed's sign-in in the dialog window the panel opens through the host. */
async function signIn(company: string): Promise<void> {
  const popupOpened = context.waitForEvent('page');
  await panel().getByRole('button', { name: 'Yes' }).click();
  const popup = await popupOpened;
  await popup.waitForLoadState();
  await shot(popup, `sign-in-page-${company}`);
  await popup.getByLabel('Email').fill('demo@officetools.test');
  await popup.getByLabel('Password').fill('sandbox');
  await popup.getByRole('button', { name: 'Sign In' }).click();
  await popup.getByRole('radio', { name: company }).check();
  await shot(popup, `choose-company-${company}`);
  await popup.getByRole('button', { name: 'Connect' }).click();
}

test('the shell opens with the demo firm and no add-in installed', async () => {
  await page.goto(stack.shellUrl);
  await page.getByText('Hartwell & Lee CPAs').waitFor();
  await page.getByRole('heading', { name: 'Contacts' }).waitFor();
  await page.getByRole('menuitem', { name: 'Setup', exact: true }).click();
  assert.equal(await page.getByRole('menuitem', { name: 'QuickBooks Online' }).count(), 0, 'no QuickBooks menu before the add-in is installed');
  await shot(page, 'shell-before-install');
  await page.keyboard.press('Escape');
});

test('a user installs the add-in from the catalog and its menus appear', async () => {
  await openMenu('Setup', 'Add-ins…');
  await page.getByRole('button', { name: 'Install QuickBooks Online' }).click();
  await page.getByRole('button', { name: 'Remove QuickBooks Online' }).waitFor();
  await shot(page, 'catalog-installed');
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

  await page.getByRole('menuitem', { name: 'Setup', exact: true }).click();
  await page.getByRole('menuitem', { name: 'QuickBooks Online', exact: true }).hover();
  for (const label of ['Account Details', 'Contacts Sync', 'Employees Sync', 'Work Codes Sync', 'Expense Codes Sync', 'Time & Billing']) {
    await page.getByRole('menuitem', { name: label, exact: true }).waitFor();
  }
  await page.getByRole('menuitem', { name: 'Time & Billing', exact: true }).hover();
  for (const label of ['Export Invoices', 'Import Payments', 'Export Payments']) {
    await page.getByRole('menuitem', { name: label, exact: true }).waitFor();
  }
  await shot(page, 'quickbooks-menu');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
});

test('Setup > My Company > Information & Settings > Integrations opens the options window', async () => {
  await openMenu('Setup', 'My Company', 'Information & Settings', 'Integrations');
  await panel().getByRole('heading', { name: 'QuickBooks Integration Options' }).waitFor();
  assert.equal(await panel().getByRole('tab', { name: 'QuickBooks' }).getAttribute('aria-selected'), 'true');
  await shot(page, 'integration-options');
});

test('choosing QuickBooks Online, confirming and signing in shows the company', async () => {
  await panel().getByRole('radio', { name: 'QuickBooks Online' }).check();
  await shot(page, 'confirm-quickbooks-online');
  await panel().getByRole('button', { name: 'Yes' }).click();
  await panel().getByRole('button', { name: 'Connect to QuickBooks Online' }).click();
  await shot(page, 'confirm-authenticate');
  await signIn('OfficeTools Workspace');
  const company = panel().getByRole('textbox', { name: 'Company' });
  await company.waitFor();
  await assertEventually(async () => (await company.inputValue()) === 'OfficeTools Workspace', 'Company shows the connected company');
  await shot(page, 'connected');

  const status = await proxyStatus();
  assert.equal(status.connected, true);
  assert.equal(status.companyName, 'OfficeTools Workspace');
  const html = await fetch(`${stack.addinUrl}/taskpane.html`).then((r) => r.text());
  assert.ok(!html.includes('access_token') && !html.includes('refresh_token'), 'no token in the panel page');
});

test('contact types are chosen in the two-list window and shown as (Collection)', async () => {
  // Fluent draws its own box over the native input, so click the label as a person would.
  const sync = panel().getByRole('checkbox', { name: 'Update QuickBooks Online when adding/editing contact information' });
  await panel().getByText('Update QuickBooks Online when adding/editing contact information').click();
  assert.equal(await sync.isChecked(), true);
  await panel().getByRole('button', { name: 'Browse contact types' }).click();
  // Fluent's modal root reports itself hidden; its title is what a person sees.
  await panel().getByRole('heading', { name: 'Select Contact Types to Sync to QuickBooks' }).waitFor();
  const dialog = panel();
  await dialog.getByRole('listbox', { name: 'Available contact types' }).selectOption({ label: 'Client' });
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await shot(page, 'contact-types-one');
  const field = panel().getByRole('textbox', { name: 'Select Contact Type(s) to update' });
  await dialog.getByRole('button', { name: 'Select All' }).click();
  await dialog.getByRole('button', { name: 'Clear' }).click();
  await dialog.getByRole('listbox', { name: 'Available contact types' }).selectOption([{ label: 'Client' }, { label: 'Prospect' }]);
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await shot(page, 'contact-types-two');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await assertEventually(async () => (await field.inputValue()) === '(Collection)', 'two types read (Collection)');
  await shot(page, 'contact-types-collection');
});

test('after a reload the connection and the chosen contact types are kept', async () => {
  await page.reload();
  await openMenu('Setup', 'My Company', 'Information & Settings', 'Integrations');
  const company = panel().getByRole('textbox', { name: 'Company' });
  await assertEventually(async () => (await company.count()) > 0 && (await company.inputValue()) === 'OfficeTools Workspace', 'still connected');
  const field = panel().getByRole('textbox', { name: 'Select Contact Type(s) to update' });
  await assertEventually(async () => (await field.inputValue()) === '(Collection)', 'types kept');
  assert.equal(await panel().getByRole('checkbox', { name: 'Update QuickBooks Online when adding/editing contact information' }).isChecked(), true);
  await panel().getByRole('button', { name: 'Browse contact types' }).click();
  const chosen = panel().getByRole('listbox', { name: 'Contact types to sync' });
  assert.deepEqual((await chosen.locator('option').allInnerTexts()).sort(), ['Client', 'Prospect']);
  await panel().getByRole('button', { name: 'Close' }).click();
  await shot(page, 'after-reload');
});

test('the Defaults button opens the QuickBooks Online Integration window with its tabs', async () => {
  await panel().getByRole('button', { name: 'Defaults' }).click();
  for (const tab of ['Account Defaults', 'Contact Match', 'Employee Match', 'Work Code Match', 'Expense Code Match']) {
    await panel().getByRole('tab', { name: tab }).waitFor();
  }
  await shot(page, 'integration-window');
  await panel().getByRole('button', { name: 'Cancel' }).click();
});

test('disconnect, then the Canadian company is refused and disconnected', async () => {
  await panel().getByRole('button', { name: 'Disconnect' }).click();
  await panel().getByRole('button', { name: 'Yes' }).click();
  await panel().getByRole('button', { name: 'Connect to QuickBooks Online' }).waitFor();
  await shot(page, 'disconnected');
  await panel().getByRole('button', { name: 'Connect to QuickBooks Online' }).click();
  await signIn('Maple Leaf Bookkeeping Ltd.');
  await assertEventually(async () => /Canadian version of QuickBooks Online/i.test(await panel().locator('body').innerText()), 'Canadian refusal shown');
  await shot(page, 'canadian-refused');
  const status = await proxyStatus();
  assert.equal(status.connected, false, 'the Canadian company was disconnected at the proxy');
  await panel().getByRole('button', { name: 'Connect to QuickBooks Online' }).waitFor();
});

test('uninstalling removes the add-in menus and its panel', async () => {
  await openMenu('Setup', 'Add-ins…');
  await page.getByRole('button', { name: 'Remove QuickBooks Online' }).click();
  await page.getByRole('button', { name: 'Install QuickBooks Online' }).waitFor();
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  assert.equal(await page.locator('iframe[data-role="panel"]').count(), 0);
  await page.getByRole('menuitem', { name: 'Setup', exact: true }).click();
  assert.equal(await page.getByRole('menuitem', { name: 'QuickBooks Online' }).count(), 0);
  await shot(page, 'uninstalled');
});

/** The proxy's view of the panel's session, read with the session id the panel keeps. */
async function proxyStatus(): Promise<{ connected: boolean; companyName?: string }> {
  const frame = page.frames().find((f) => f.url().startsWith(`${stack.addinUrl}/taskpane.html`));
  assert.ok(frame, 'the panel frame is loaded');
  const sessionId = await frame.evaluate(() => localStorage.getItem('qbo-sync.proxy-session'));
  assert.ok(sessionId, 'the panel holds a session id');
  const res = await fetch(`${stack.addinUrl}/api/status`, { headers: { 'X-Session-Id': sessionId } });
  return res.json();
}

async function assertEventually(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
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
