/**
 * The foundation, end to end, as a new user does it: the product started like `npm start`,
 * the shell in Chromium, the add-in installed from the catalog, the panel opened from the
 * menu, connected through the sandbox's sign-in page, contact types chosen and kept across a
 * reload, the Canadian company refused. A screenshot of each step goes to
 * test-results/e2e/foundation/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ProxyAs } from './support/proxy-as';
import { ShellSession } from './support/shell-session';

const shell = new ShellSession('foundation', { width: 1400, height: 860 });
const { panel, hostWindow, hostWindowBox, openShell, openMenu, installAddin, openIntegrations, signIn, eventually, shot } = shell;

before(shell.start);
after(shell.stop);

test('the shell opens with the demo firm and no add-in installed', async () => {
  await openShell();
  await shell.page.getByRole('heading', { name: 'Contacts' }).waitFor();
  await shell.page.getByRole('menuitem', { name: 'Setup', exact: true }).click();
  assert.equal(await shell.page.getByRole('menuitem', { name: 'QuickBooks Online' }).count(), 0, 'no QuickBooks menu before the add-in is installed');
  await shot('shell-before-install');
  await shell.page.keyboard.press('Escape');
});

test('a user installs the add-in from the catalog and its menus appear', async () => {
  await installAddin('catalog-installed');

  await shell.page.getByRole('menuitem', { name: 'Setup', exact: true }).click();
  await shell.page.getByRole('menuitem', { name: 'QuickBooks Online', exact: true }).hover();
  for (const label of ['Account Details', 'Contacts Sync', 'Employees Sync', 'Work Codes Sync', 'Expense Codes Sync', 'Time & Billing']) {
    await shell.page.getByRole('menuitem', { name: label, exact: true }).waitFor();
  }
  await shell.page.getByRole('menuitem', { name: 'Time & Billing', exact: true }).hover();
  for (const label of ['Export Invoices', 'Import Payments', 'Export Payments']) {
    await shell.page.getByRole('menuitem', { name: label, exact: true }).waitFor();
  }
  await shot('quickbooks-menu');
  await shell.page.keyboard.press('Escape');
  await shell.page.keyboard.press('Escape');
  await shell.page.keyboard.press('Escape');
});

test('Setup > My Company > Information & Settings > Integrations opens the options window', async () => {
  await openIntegrations();
  assert.equal(await panel().getByRole('tab', { name: 'QuickBooks' }).getAttribute('aria-selected'), 'true');
  await shot('integration-options');
});

test('choosing QuickBooks Online, confirming and signing in shows the company', async () => {
  await panel().getByRole('radio', { name: 'QuickBooks Online' }).check();
  await shot('confirm-quickbooks-online');
  await panel().getByRole('button', { name: 'Yes' }).click();
  await panel().getByRole('button', { name: 'Connect to QuickBooks Online' }).click();
  await shot('confirm-authenticate');
  await signIn('OfficeTools Workspace', { screenshots: true });
  const company = panel().getByRole('textbox', { name: 'Company' });
  await company.waitFor();
  await eventually(async () => (await company.inputValue()) === 'OfficeTools Workspace', 'Company shows the connected company');
  await shot('connected');

  const status = await proxyStatus();
  assert.equal(status.connected, true);
  assert.equal(status.companyName, 'OfficeTools Workspace');
  const html = await fetch(`${shell.stack.addinUrl}/taskpane.html`).then((r) => r.text());
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
  const available = dialog.getByRole('group', { name: 'Available contact types' });
  await available.getByText('Client', { exact: true }).click();
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await shot('contact-types-one');
  const field = panel().getByRole('textbox', { name: 'Select Contact Type(s) to update' });
  await dialog.getByRole('button', { name: 'Select All' }).click();
  await dialog.getByRole('button', { name: 'Clear' }).click();
  await available.getByText('Client', { exact: true }).click();
  await available.getByText('Prospect', { exact: true }).click();
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await shot('contact-types-two');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await eventually(async () => (await field.inputValue()) === '(Collection)', 'two types read (Collection)');
  await shot('contact-types-collection');
});

test('after a reload the connection and the chosen contact types are kept', async () => {
  await shell.page.reload();
  await openMenu('Setup', 'My Company', 'Information & Settings', 'Integrations');
  const company = panel().getByRole('textbox', { name: 'Company' });
  await eventually(async () => (await company.count()) > 0 && (await company.inputValue()) === 'OfficeTools Workspace', 'still connected');
  const field = panel().getByRole('textbox', { name: 'Select Contact Type(s) to update' });
  await eventually(async () => (await field.inputValue()) === '(Collection)', 'types kept');
  assert.equal(await panel().getByRole('checkbox', { name: 'Update QuickBooks Online when adding/editing contact information' }).isChecked(), true);
  await panel().getByRole('button', { name: 'Browse contact types' }).click();
  const chosen = panel().getByRole('group', { name: 'Contact types to sync' });
  // The dialog loads on demand and fills its lists after the host answers: wait for them.
  await eventually(async () => (await chosen.getByRole('checkbox').evaluateAll((boxes) => boxes.map((b) => b.closest('.ms-Checkbox')?.textContent ?? ''))).sort().join('|') === 'Client|Prospect', 'the chosen types listed');
  await panel().getByRole('button', { name: 'Close' }).click();
  await shot('after-reload');
});

test('the Defaults button opens the QuickBooks Online Integration window over the workspace, with its tabs', async () => {
  await panel().getByRole('button', { name: 'Defaults' }).click();
  for (const tab of ['Account Defaults', 'Contact Match', 'Employee Match', 'Work Code Match', 'Expense Code Match']) {
    await hostWindow().getByRole('tab', { name: tab }).waitFor();
  }
  await shot('integration-window');
  await hostWindow().getByRole('button', { name: 'Close', exact: true }).click();
  await hostWindowBox().waitFor({ state: 'detached' });
});

test('disconnect, then the Canadian company is refused and disconnected', async () => {
  await panel().getByRole('button', { name: 'Disconnect' }).click();
  await panel().getByRole('button', { name: 'Yes' }).click();
  await panel().getByRole('button', { name: 'Connect to QuickBooks Online' }).waitFor();
  await shot('disconnected');
  await panel().getByRole('button', { name: 'Connect to QuickBooks Online' }).click();
  await signIn('Maple Leaf Bookkeeping Ltd.', { screenshots: true });
  await eventually(async () => /Canadian version of QuickBooks Online/i.test(await panel().locator('body').innerText()), 'Canadian refusal shown');
  await shot('canadian-refused');
  const status = await proxyStatus();
  assert.equal(status.connected, false, 'the Canadian company was disconnected at the proxy');
  await panel().getByRole('button', { name: 'Connect to QuickBooks Online' }).waitFor();
});

test('uninstalling removes the add-in menus and its panel', async () => {
  await openMenu('Setup', 'Add-ins…');
  await shell.page.getByRole('button', { name: 'Remove QuickBooks Online' }).click();
  await shell.page.getByRole('button', { name: 'Install QuickBooks Online' }).waitFor();
  await shell.page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  assert.equal(await shell.page.locator('iframe[data-role="panel"]').count(), 0);
  await shell.page.getByRole('menuitem', { name: 'Setup', exact: true }).click();
  assert.equal(await shell.page.getByRole('menuitem', { name: 'QuickBooks Online' }).count(), 0);
  await shot('uninstalled');
});

/** The proxy's view of the firm's connection, asked as the signed-in user (the shell's default, Pat Lee). */
async function proxyStatus(): Promise<{ connected: boolean; companyName?: string }> {
  return (await ProxyAs.signIn(shell.stack, 'u-pat')).status();
}
