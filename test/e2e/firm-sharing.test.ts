/**
 * One firm, many staff, end to end (issue 10): the QuickBooks connection, the settings, the links
 * and the record of exported invoices belong to the firm. Dana connects, chooses the contact
 * types, links two contacts and exports an invoice; Sam, another staff member in another browser
 * profile, sees all of it, and a link Dana makes shows in his open Contact Match window; he
 * exports another invoice; Dana sees Sam's; a fresh browser profile
 * of Dana's sees everything; the second firm in the shell sees none of it; and the connect-link
 * hijack (an outside party sends a victim through its own connect link) gets the attacker nothing.
 * Screenshots go to test-results/e2e/firm-sharing/<who>/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import type { Contact, ExpenseCode, Invoice, WorkCode } from '../../src/sync/host/protocol';
import { ProxyAs } from './support/proxy-as';
import { SandboxClient, US_REALM } from './support/sandbox-client';
import { ShellApi } from './support/shell-api';
import { ShellSession } from './support/shell-session';

const COMPANY = 'OfficeTools Workspace';
const DEMO_FIRM = 'Hartwell & Lee CPAs';
const SECOND_FIRM = 'Ortiz Tax Group';
/** Two pairs Dana links by hand on Contact Match (shell demo contacts ⇄ sandbox demo customers). */
const HAND_PAIRS: Array<[string, string]> = [
  ['Cool Cars Inc.', 'Alder Creek Veterinary'],
  ['Jeffs Jalopies', 'Juniper Design Studio'],
];

/** Linked by Dana while Sam has Contact Match open in his window. */
const LIVE_PAIR: [string, string] = ['Kookies By Kathy', 'Kettle & Crumb Bakery'];

const dana = new ShellSession('firm-sharing/1-dana', undefined, { userId: 'u-dana' });
const sam = new ShellSession('firm-sharing/2-sam', undefined, { userId: 'u-sam' });
const danaFresh = new ShellSession('firm-sharing/3-dana-fresh-profile', undefined, { userId: 'u-dana' });
const carmen = new ShellSession('firm-sharing/4-carmen-second-firm', undefined, { userId: 'u-carmen' });

let sandbox: SandboxClient;
let shellApi: ShellApi;
let first: Invoice;
let second: Invoice;

interface QboRecord {
  Id: string;
  DisplayName?: string;
  Name?: string;
  Type?: string;
  DocNumber?: string;
}

before(async () => {
  await dana.start();
  await sam.join(dana);
  await danaFresh.join(dana);
  await carmen.join(dana);
  sandbox = await SandboxClient.connect(dana.stack.sandboxUrl);
  shellApi = new ShellApi(dana.stack.shellUrl);
});

after(async () => {
  for (const s of [carmen, danaFresh, sam]) await s.stop().catch(() => undefined);
  await dana.stop();
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const contactTab = (s: ShellSession) => s.hostWindow().getByRole('tabpanel', { name: 'Contact Match' });

/** A row of the Contact Match tab found through its search box (the lists are virtualized). */
async function matchRow(s: ShellSession, side: 'left' | 'right', name: string): Promise<Locator> {
  const label = side === 'left' ? 'OfficeTools contacts' : 'QuickBooks Online customers';
  await contactTab(s).getByRole('searchbox', { name: `Search ${label}` }).fill(name);
  const option = contactTab(s).getByRole('listbox', { name: label }).getByRole('option').filter({ hasText: new RegExp(`^${escapeRegExp(name)}\\s*(↔|$)`) });
  await option.first().waitFor();
  return option.first();
}

async function openContactMatch(s: ShellSession): Promise<void> {
  await s.openMenu('Setup', 'QuickBooks Online', 'Contacts Sync');
  await contactTab(s).getByRole('listbox', { name: 'OfficeTools contacts' }).getByRole('option').first().waitFor({ timeout: 30_000 });
}

async function closeIntegrationWindow(s: ShellSession): Promise<void> {
  await s.hostWindow().getByRole('button', { name: /^(OK|Close)$/ }).first().click();
  await s.hostWindowBox().waitFor({ state: 'detached' });
}

/** The one-off "Export to QuickBooks Online" on an invoice's own view, with its notification. */
async function exportOneOff(s: ShellSession, invoice: Invoice): Promise<void> {
  await s.page.getByRole('navigation', { name: 'Sections' }).getByText('Invoices', { exact: true }).click();
  await s.page.getByRole('button', { name: `Open invoice ${invoice.number}` }).click();
  const commands = s.page.locator('[aria-label="Record commands"]');
  await commands.getByRole('menuitem', { name: 'QuickBooks Online' }).click();
  await s.page.getByRole('menuitem', { name: 'Export to QuickBooks Online' }).click();
  await s.page.locator('[role="status"], [role="alert"]').filter({ hasText: `Invoice ${invoice.number} was exported to QuickBooks Online.` }).first().waitFor({ timeout: 45_000 });
  await s.shot(`one-off-exported-${invoice.number}`);
  await s.page.getByRole('button', { name: 'Back to invoices' }).click();
}

/** Export Invoices with "Not yet exported" cleared: the invoice's row shows the exported check. */
async function seesExported(s: ShellSession, invoice: Invoice, what: string): Promise<void> {
  await s.openMenu('Setup', 'QuickBooks Online', 'Time & Billing', 'Export Invoices');
  const notYet = s.hostWindow().getByRole('checkbox', { name: 'Not yet exported' });
  await notYet.waitFor({ timeout: 30_000 });
  if (await notYet.isChecked()) await notYet.uncheck({ force: true });
  const row = s.hostWindow().getByRole('region', { name: 'OfficeTools invoices' }).getByRole('row').filter({ hasText: invoice.number }).first();
  await s.eventually(async () => (await row.locator('[data-done="true"]').count()) > 0, what, 30_000);
  // The window is modal: close it so the workspace takes clicks again.
  await s.hostWindow().getByRole('button', { name: 'Close', exact: true }).click();
  await s.hostWindowBox().waitFor({ state: 'detached' });
}

/**
 * What an invoice needs before it can go (its client, work codes and expense codes linked), made
 * as links in the firm's store through the proxy's API by `who`: the panel's own Link button is
 * exercised on Contact Match above, this keeps the scenario about sharing.
 */
async function linkWhatInvoiceNeeds(who: ProxyAs, invoice: Invoice, name: string): Promise<void> {
  const [contacts, workCodes, expenseCodes] = await Promise.all([shellApi.contacts(), shellApi.workCodes(), shellApi.expenseCodes()]);
  const links = await who.records<{ kind: string; otId: string; qboId: string }>(US_REALM, 'links');
  const taken = new Set(links.map((l) => `${l.body.kind}:${l.body.qboId}`));
  const linkedOt = new Set(links.map((l) => l.id));
  const customers = (await sandbox.query<QboRecord>('Customer')).filter((c) => !taken.has(`contact:${c.Id}`));
  const items = (await sandbox.query<QboRecord>('Item')).filter((i) => i.Type === 'Service');
  const wanted: Array<{ kind: string; otId: string; qboId: string }> = [];
  const contact = contacts.find((c: Contact) => c.id === invoice.contactId);
  assert.ok(contact, 'the invoice has a contact');
  if (!linkedOt.has(`contact:${contact.id}`)) wanted.push({ kind: 'contact', otId: contact.id, qboId: customers[0].Id });
  const usedItem = new Set([...taken].filter((k) => /^(workCode|expenseCode):/.test(k)));
  const pickItem = (kind: string): string => {
    const item = items.find((i) => !usedItem.has(`${kind}:${i.Id}`));
    assert.ok(item, `the sandbox has a free service item for a ${kind}`);
    usedItem.add(`${kind}:${item.Id}`);
    return item.Id;
  };
  for (const line of invoice.lines) {
    if (line.workCodeId && workCodes.some((w: WorkCode) => w.id === line.workCodeId) && !linkedOt.has(`workCode:${line.workCodeId}`) && !wanted.some((w) => w.otId === line.workCodeId)) {
      wanted.push({ kind: 'workCode', otId: line.workCodeId, qboId: pickItem('workCode') });
    }
    if (line.expenseCodeId && expenseCodes.some((x: ExpenseCode) => x.id === line.expenseCodeId) && !linkedOt.has(`expenseCode:${line.expenseCodeId}`) && !wanted.some((w) => w.otId === line.expenseCodeId)) {
      wanted.push({ kind: 'expenseCode', otId: line.expenseCodeId, qboId: pickItem('expenseCode') });
    }
  }
  const at = new Date().toISOString();
  const pushed = await who.call('POST', `/api/firm/${US_REALM}/changes`, {
    changes: wanted.map((w) => ({ collection: 'links', id: `${w.kind}:${w.otId}`, baseRev: null, body: { ...w, origin: 'manual', createdAt: at, createdBy: name } })),
  });
  assert.equal(pushed.status, 200, `links for invoice ${invoice.number} stored: ${JSON.stringify(pushed.body)}`);
}

test('Dana connects the firm to QuickBooks Online; the panel says who connected it', dana.step(async () => {
  await dana.openShell(DEMO_FIRM);
  await dana.installAddin();
  await dana.openIntegrations();
  await dana.connect(COMPANY, 'Dana sees the connected company');
  await dana.eventually(async () => /Connected by Dana Whitfield/.test(await dana.panel().locator('body').innerText()), 'the panel names who connected');
  await dana.shot('connected');
  const status = await (await ProxyAs.signIn(dana.stack, 'u-dana')).status();
  assert.equal(status.connected, true);
  assert.equal(status.connectedBy?.name, 'Dana Whitfield');
}));

test('Dana chooses the contact types to keep in step', dana.step(async () => {
  const panel = dana.panel();
  await panel.getByText('Update QuickBooks Online when adding/editing contact information').click();
  await panel.getByRole('button', { name: 'Browse contact types' }).click();
  await panel.getByRole('heading', { name: 'Select Contact Types to Sync to QuickBooks' }).waitFor();
  await panel.getByRole('group', { name: 'Available contact types' }).getByText('Client', { exact: true }).click();
  await panel.getByRole('button', { name: 'Add', exact: true }).click();
  await panel.getByRole('button', { name: 'Close' }).click();
  const field = panel.getByRole('textbox', { name: 'Select Contact Type(s) to update' });
  await dana.eventually(async () => (await field.inputValue()) === 'Client', 'the type is chosen');
  const settings = await (await ProxyAs.signIn(dana.stack, 'u-dana')).records<{ contactSyncEnabled: boolean; contactTypeIds: string[] }>(US_REALM, 'settings');
  await dana.eventually(async () => {
    const now = await (await ProxyAs.signIn(dana.stack, 'u-dana')).records<{ contactSyncEnabled: boolean; contactTypeIds: string[] }>(US_REALM, 'settings');
    return now.length === 1 && now[0].body.contactSyncEnabled && now[0].body.contactTypeIds.length === 1;
  }, `the firm's settings hold the switch and one type (first read: ${JSON.stringify(settings.map((s) => s.body))})`);
  await dana.shot('contact-types');
}));

test('Dana links two contacts by hand on Contact Match; the firm holds both links', dana.step(async () => {
  await openContactMatch(dana);
  for (const [left, right] of HAND_PAIRS) {
    await (await matchRow(dana, 'left', left)).click();
    await (await matchRow(dana, 'right', right)).click();
    await contactTab(dana).getByRole('button', { name: 'Link', exact: true }).click();
    await dana.eventually(async () => new RegExp(`↔ ${escapeRegExp(right)}`).test(await (await matchRow(dana, 'left', left)).innerText()), `${left} shows its partner`);
  }
  await dana.shot('two-links');
  await closeIntegrationWindow(dana);
  const links = await (await ProxyAs.signIn(dana.stack, 'u-dana')).records<{ kind: string; otId: string; qboId: string; createdBy: string }>(US_REALM, 'links');
  assert.equal(links.length, 2, 'two links at the proxy');
  assert.ok(links.every((l) => l.updatedBy.name === 'Dana Whitfield'), 'made by Dana');
}));

test('Dana exports an invoice with the one-off command', dana.step(async () => {
  const invoices = await shellApi.invoices();
  const takenNumbers = new Set((await sandbox.query<QboRecord>('Invoice')).map((i) => i.DocNumber));
  const plain = invoices.filter((i) => i.lines.length > 0 && i.lines.every((l) => l.kind !== 'item') && !takenNumbers.has(i.number));
  first = plain[0];
  second = plain.find((i) => i.contactId !== first.contactId && i.id !== first.id) ?? plain[1];
  assert.ok(first && second, 'the demo firm has two invoices to export');
  await linkWhatInvoiceNeeds(await ProxyAs.signIn(dana.stack, 'u-dana'), first, 'Dana Whitfield');
  await exportOneOff(dana, first);
  assert.equal((await sandbox.query<QboRecord>('Invoice', `DocNumber = '${first.number}'`)).length, 1, 'one QBO invoice');
}));

test('Sam, another staff member in another browser, sees the connection, the settings, the links and the exported mark', sam.step(async () => {
  await sam.openShell(DEMO_FIRM);
  await sam.installAddin();
  await sam.openIntegrations();
  const company = sam.panel().getByRole('textbox', { name: 'Company' });
  await sam.eventually(async () => (await company.count()) > 0 && (await company.inputValue()) === COMPANY, 'Sam sees the firm connected without connecting');
  await sam.eventually(async () => /Connected by Dana Whitfield/.test(await sam.panel().locator('body').innerText()), 'Sam sees who connected it');
  const field = sam.panel().getByRole('textbox', { name: 'Select Contact Type(s) to update' });
  await sam.eventually(async () => (await field.inputValue()) === 'Client', "Sam sees the firm's contact types");
  assert.equal(await sam.panel().getByRole('checkbox', { name: 'Update QuickBooks Online when adding/editing contact information' }).isChecked(), true);
  await sam.shot('connection-and-settings');

  await openContactMatch(sam);
  for (const [left, right] of HAND_PAIRS) {
    await sam.eventually(async () => new RegExp(`↔ ${escapeRegExp(right)}`).test(await (await matchRow(sam, 'left', left)).innerText()), `Sam sees ${left} ↔ ${right}`);
  }
  await sam.shot('links');
  await closeIntegrationWindow(sam);
  await seesExported(sam, first, "Sam sees Dana's invoice exported");
  await sam.shot('dana-invoice-exported');
}));

test("with Sam's Contact Match window open, a link Dana makes in hers appears in it", sam.step(async () => {
  const [left, right] = LIVE_PAIR;
  await openContactMatch(sam);
  const samRow = await matchRow(sam, 'left', left);
  assert.doesNotMatch(await samRow.innerText(), /↔/, `${left} starts unlinked`);
  await openContactMatch(dana);
  await (await matchRow(dana, 'left', left)).click();
  await (await matchRow(dana, 'right', right)).click();
  await contactTab(dana).getByRole('button', { name: 'Link', exact: true }).click();
  await dana.eventually(async () => new RegExp(`↔ ${escapeRegExp(right)}`).test(await (await matchRow(dana, 'left', left)).innerText()), `${left} shows its partner in Dana's window`);
  // Sam's panel and window share one replica: whichever of them pulls the link first, the window must show it.
  await sam.eventually(async () => new RegExp(`↔ ${escapeRegExp(right)}`).test(await samRow.innerText()), `Sam's open window shows Dana's ${left} ↔ ${right}`, 10_000);
  await sam.shot('live-link');
  await closeIntegrationWindow(dana);
  await closeIntegrationWindow(sam);
}));

test('Sam exports another invoice; Dana, with her panel open, sees it exported', sam.step(async () => {
  await linkWhatInvoiceNeeds(await ProxyAs.signIn(sam.stack, 'u-sam'), second, 'Sam Ortiz');
  await exportOneOff(sam, second);
  await seesExported(dana, second, "Dana sees Sam's invoice exported");
  await dana.shot('sam-invoice-exported');
  assert.equal((await sandbox.query<QboRecord>('Invoice', `DocNumber = '${second.number}'`)).length, 1, 'one QBO invoice');
}));

test("a fresh browser profile of Dana's sees everything", danaFresh.step(async () => {
  await danaFresh.openShell(DEMO_FIRM);
  await danaFresh.openIntegrations();
  const company = danaFresh.panel().getByRole('textbox', { name: 'Company' });
  await danaFresh.eventually(async () => (await company.count()) > 0 && (await company.inputValue()) === COMPANY, 'connected in a fresh profile');
  const field = danaFresh.panel().getByRole('textbox', { name: 'Select Contact Type(s) to update' });
  await danaFresh.eventually(async () => (await field.inputValue()) === 'Client', 'contact types in a fresh profile');
  await openContactMatch(danaFresh);
  for (const [left, right] of HAND_PAIRS) {
    await danaFresh.eventually(async () => new RegExp(`↔ ${escapeRegExp(right)}`).test(await (await matchRow(danaFresh, 'left', left)).innerText()), `${left} linked in a fresh profile`);
  }
  await closeIntegrationWindow(danaFresh);
  await seesExported(danaFresh, first, 'first invoice exported in a fresh profile');
  await seesExported(danaFresh, second, 'second invoice exported in a fresh profile');
  await danaFresh.shot('everything');
}));

test('the second firm sees none of it and cannot reach the first firm’s company', carmen.step(async () => {
  await carmen.openShell(SECOND_FIRM);
  await carmen.installAddin();
  await carmen.openIntegrations();
  await carmen.panel().getByRole('radio', { name: 'QuickBooks Online' }).waitFor();
  assert.equal(await carmen.panel().getByRole('textbox', { name: 'Company' }).count(), 0, 'no company shown for the second firm');
  await carmen.shot('not-connected');

  const proxy = await ProxyAs.signIn(carmen.stack, 'u-carmen');
  assert.equal((await proxy.status()).connected, false);
  assert.deepEqual(await proxy.records(US_REALM, 'links'), [], "no link of the other firm's");
  assert.deepEqual(await proxy.records(US_REALM, 'documents'), [], "no exported invoice of the other firm's");
  const relayed = await proxy.call('GET', `/api/qbo/v3/company/${US_REALM}/companyinfo/${US_REALM}`);
  assert.equal(relayed.status, 401, 'the relay refuses a firm with no connection');
  assert.equal(relayed.body.error, 'not_connected');
}));

test("a connect link made by an outside party and opened in a victim's browser gives it nothing", dana.step(async () => {
  const attacker = await ProxyAs.signIn(carmen.stack, 'u-carmen');
  const started = await attacker.call<{ url: string }>('POST', '/api/auth/start');
  assert.equal(started.status, 200);
  // The victim (Dana, signed in to the sandbox's Intuit pages as usual) follows the link.
  const victim = await dana.context.newPage();
  await victim.goto(started.body.url);
  await victim.getByLabel('Email').fill('demo@officetools.test');
  await victim.getByLabel('Password').fill('sandbox');
  await victim.getByRole('button', { name: 'Sign In' }).click();
  await victim.getByRole('radio', { name: COMPANY }).check();
  await victim.getByRole('button', { name: 'Connect' }).click();
  await victim.getByRole('heading').first().waitFor();
  await dana.shot('victim-after-consent', victim);
  await victim.close();

  assert.equal((await attacker.status()).connected, false, 'the attacker’s firm is not connected');
  const relayed = await attacker.call('GET', `/api/qbo/v3/company/${US_REALM}/companyinfo/${US_REALM}`);
  assert.equal(relayed.status, 401, 'the attacker cannot reach the company');
  const guessed = await attacker.call('POST', '/api/auth/complete', { completion: 'A'.repeat(43) });
  assert.equal(guessed.status, 400, 'a guessed completion is refused');
  const firm = await (await ProxyAs.signIn(dana.stack, 'u-dana')).status();
  assert.equal(firm.connected, true, "the victim's firm keeps its own connection");
  assert.equal(firm.connectedBy?.name, 'Dana Whitfield');
}));
