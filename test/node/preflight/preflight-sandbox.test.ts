/**
 * The pre-flight check of a QuickBooks company (issue 14, point 7) against the real sandbox over
 * HTTP, with the shell's demo firm as the OfficeTools side: each company setting that would make
 * an export fail or surprise is found, with a plain message, what to do and the fix to offer;
 * a well set-up company gives nothing; and the reads stay a handful of queries however many
 * codes are linked.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axios, { type AxiosInstance } from 'axios';
import { FirmStore } from '../../../dev/shell/firm-store';
import type { HostMethod, HostParams, HostResult } from '../../../src/sync/host/protocol';
import type { QboRecord } from '../../../src/sync/qbo/gateway';
import { runPreflight, type PreflightDeps } from '../../../src/sync/preflight/run-preflight';
import type { FirmSide, PreflightReport } from '../../../src/sync/preflight/preflight-types';
import type { LinkKind, LinkRecord } from '../../../src/sync/store/schema';
import { realmId, startBillingSandbox, type BillingSandbox } from '../billing/billing-sandbox';

let sb: BillingSandbox;
let admin: AxiosInstance;
let shellDir: string;
let shell: FirmStore;
/** QBO Ids of the demo company's items and accounts, by name. */
let item: Record<string, string>;
let account: Record<string, string>;
let workCodeIds: string[];
let expenseCodeIds: string[];

/** The OfficeTools host as the shell answers it (its real firm store). */
const host: PreflightDeps['host'] = {
  async request<M extends HostMethod>(method: M, _params: HostParams<M>): Promise<HostResult<M>> {
    const answers: Partial<Record<HostMethod, () => unknown>> = {
      'lineItems.list': () => shell.listLineItems(),
      'accounts.list': () => shell.listAccounts(),
      'workCodes.list': () => shell.listCodes('workCode'),
      'expenseCodes.list': () => shell.listCodes('expenseCode'),
    };
    const answer = answers[method];
    if (!answer) throw new Error(`The test host does not answer ${method}.`);
    return structuredClone(answer()) as HostResult<M>;
  },
};

function linksOf(entries: Array<[LinkKind, string, string]>): PreflightDeps['links'] {
  const records: LinkRecord[] = entries.map(([kind, otId, qboId]) => ({ realmId, kind, otId, qboId, origin: 'manual', createdAt: '2026-11-01T00:00:00.000Z', createdBy: 'Dana' }));
  return { list: async (kind) => records.filter((r) => r.kind === kind) };
}

/** A firm whose settings fit the demo company: every line item and account chosen, codes linked. */
function goodSettings(): FirmSide['settings'] {
  return {
    lineItemDefaults: { 'li-1': item['Finance Charge'], 'li-2': item['Late Fee'], 'li-3': item.Services, 'li-4': item.Services, 'li-5': item.Services, 'li-6': item.Services },
    accountDefaults: {
      'acct-1': account['Professional Services Income'],
      'acct-2': account['Reimbursed Expense Income'],
      'acct-3': account['Accounts Receivable (A/R)'],
      'acct-6': account['Sales Tax Payable'],
    },
    depositAccountId: '',
    invoiceNumbers: { mode: 'keep' },
  };
}

function goodLinks(): Array<[LinkKind, string, string]> {
  return [
    ['workCode', workCodeIds[0], item.Hours],
    ['workCode', workCodeIds[1], item.Bookkeeping],
    ['workCode', workCodeIds[2], item['Tax Preparation']],
    ['expenseCode', expenseCodeIds[0], item['Reimbursable Expenses']],
    ['expenseCode', expenseCodeIds[1], item['Filing Fees']],
  ];
}

function check(settings = goodSettings(), links = goodLinks()): Promise<PreflightReport> {
  return runPreflight({ host, gateway: sb.gateway(), links: linksOf(links), settings: async () => settings, companyName: 'OfficeTools Workspace', now: () => Date.parse('2026-12-03T09:00:00Z') });
}

async function setPreferences(prefs: Record<string, unknown>): Promise<void> {
  const res = await admin.post('/preferences', { realmId, ...prefs });
  assert.equal(res.status, 200, JSON.stringify(res.data));
}

/** Changes a name-list record through the API, as someone in QuickBooks Online would. */
async function sparse(entity: 'Item' | 'Account', id: string, change: Record<string, unknown>): Promise<void> {
  const g = sb.gateway();
  const current = await g.read<QboRecord>(entity, id);
  await g.sparseUpdate(entity, { Id: id, SyncToken: String(current.SyncToken), ...change });
}

before(async () => {
  sb = await startBillingSandbox();
  admin = axios.create({ baseURL: `${sb.server.url}/__sandbox`, validateStatus: () => true });
  shellDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preflight-shell-'));
  shell = await FirmStore.open(shellDir, true);
  workCodeIds = shell.listCodes('workCode').map((c) => c.id);
  expenseCodeIds = shell.listCodes('expenseCode').map((c) => c.id);
  const g = sb.gateway();
  item = Object.fromEntries((await g.queryAll<QboRecord>('Item')).map((r) => [String(r.Name), String(r.Id)]));
  account = Object.fromEntries((await g.queryAll<QboRecord>('Account')).map((r) => [String(r.Name), String(r.Id)]));
});

after(async () => {
  await sb?.close();
  fs.rmSync(shellDir, { recursive: true, force: true });
});

beforeEach(async () => {
  // The demo company as shipped; the token stays valid.
  const res = await admin.post('/reset', { keepTokens: true });
  assert.equal(res.status, 200, JSON.stringify(res.data));
});

describe('pre-flight check of a QuickBooks Online company', () => {
  it('finds nothing in a well set-up company, says what it covered, and reads it in a handful of queries', async () => {
    await sb.clearLog();
    const report = await check();
    assert.deepEqual(report.findings, []);
    assert.equal(report.companyName, 'OfficeTools Workspace');
    assert.equal(report.checkedAt, '2026-12-03T09:00:00.000Z');
    assert.ok(report.checked.includes('currency and multicurrency') && report.checked.length >= 7);
    const ops = await sb.operations();
    assert.deepEqual(
      Object.fromEntries(Object.entries(ops).filter(([k]) => k.startsWith('query'))),
      { 'query.preferences': 1, 'query.account': 2, 'query.item': 1 },
    );
  });

  it('multicurrency on: a warning that names the currency risk and what to keep', async () => {
    await setPreferences({ CurrencyPrefs: { MultiCurrencyEnabled: true } });
    const [finding, ...rest] = (await check()).findings;
    assert.equal(rest.length, 0);
    assert.equal(finding.check, 'currency');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /Multicurrency is on in QuickBooks Online/);
    assert.match(finding.todo, /US dollars/);
  });

  it("custom transaction numbers off while OfficeTools' numbers are kept: a warning with 'Let QuickBooks number them'; on while QuickBooks is to number: an error", async () => {
    await setPreferences({ SalesFormsPrefs: { CustomTxnNumbers: false } });
    const off = (await check()).findings;
    assert.equal(off.length, 1);
    assert.equal(off[0].check, 'customTxnNumbers');
    assert.equal(off[0].severity, 'warning');
    assert.match(off[0].message, /Custom transaction numbers are off/);
    assert.deepEqual(off[0].fix, { kind: 'setInvoiceNumbering', label: 'Let QuickBooks number them', numbering: { mode: 'qbo' } });
    assert.deepEqual((await check({ ...goodSettings(), invoiceNumbers: { mode: 'qbo' } })).findings, [], 'QuickBooks numbering them fits');
    assert.equal((await check({ ...goodSettings(), invoiceNumbers: { mode: 'prefix', prefix: 'OT-' } })).findings[0]?.check, 'customTxnNumbers', 'a prefix is still our numbers');

    await setPreferences({ SalesFormsPrefs: { CustomTxnNumbers: true } });
    const on = (await check({ ...goodSettings(), invoiceNumbers: { mode: 'qbo' } })).findings;
    assert.equal(on.length, 1);
    assert.equal(on[0].severity, 'error');
    assert.match(on[0].message, /would get no number at all/);
    assert.deepEqual(on[0].fix, { kind: 'setInvoiceNumbering', label: "Keep OfficeTools' numbers", numbering: { mode: 'keep' } });
  });

  it('no usable Undeposited Funds account and no deposit account: an error pointing at Account Defaults; a chosen bank account settles it', async () => {
    await sparse('Account', account['Undeposited Funds'], { Active: false });
    const [finding] = (await check()).findings;
    assert.equal(finding.check, 'undepositedFunds');
    assert.equal(finding.severity, 'error');
    assert.match(finding.message, /Undeposited Funds account is inactive/);
    assert.deepEqual(finding.fix, { kind: 'openTab', label: 'Open Account Defaults', tab: 'accountDefaults' });
    assert.deepEqual((await check({ ...goodSettings(), depositAccountId: account.Checking })).findings, []);
  });

  it('a deposit account of the wrong type, inactive or deleted is an error', async () => {
    const wrongType = (await check({ ...goodSettings(), depositAccountId: account['Accounts Receivable (A/R)'] })).findings;
    assert.equal(wrongType[0]?.check, 'depositAccount');
    assert.match(wrongType[0].message, /\("Accounts Receivable \(A\/R\)"\) is of type Accounts Receivable, and QuickBooks Online deposits payments only to Bank or Other Current Asset accounts/);
    await sparse('Account', account.Savings, { Active: false });
    assert.match((await check({ ...goodSettings(), depositAccountId: account.Savings })).findings[0]?.message ?? '', /\("Savings"\) is inactive/);
    assert.match((await check({ ...goodSettings(), depositAccountId: '999999' })).findings[0]?.message ?? '', /no longer exists/);
  });

  it('sales tax: a sales tax line item without an item is a warning; with sales tax on, taxable items are named; with it off they are not', async () => {
    const settings = goodSettings();
    const { 'li-4': _salesTax, ...rest } = settings.lineItemDefaults;
    const unmapped = (await check({ ...settings, lineItemDefaults: rest })).findings;
    assert.equal(unmapped.length, 1);
    assert.equal(unmapped[0].check, 'salesTaxItem');
    assert.match(unmapped[0].message, /"Sales Tax" has no QuickBooks Online item/);

    await sparse('Item', item.Hours, { Taxable: true });
    const taxable = (await check()).findings;
    assert.equal(taxable.length, 1);
    assert.equal(taxable[0].check, 'taxableItems');
    assert.match(taxable[0].message, /the item "Hours" that OfficeTools bills under is marked taxable/);
    await setPreferences({ TaxPrefs: { UsingSalesTax: false } });
    assert.deepEqual((await check()).findings, [], 'without sales tax in QuickBooks nothing is taxed twice');
  });

  it('inactive or deleted items used by Account Defaults and by linked codes are errors, naming the OfficeTools line item or code', async () => {
    await sparse('Item', item['Late Fee'], { Active: false });
    await sparse('Item', item.Bookkeeping, { Active: false });
    const links = goodLinks();
    links.push(['expenseCode', expenseCodeIds[2], '999999']);
    const findings = (await check(goodSettings(), links)).findings;
    assert.deepEqual(findings.map((f) => [f.check, f.severity]), [
      ['defaultItems', 'error'],
      ['linkedItems', 'error'],
      ['linkedItems', 'error'],
    ]);
    assert.match(findings[0].message, /Late Fee \(item "Late Fee" is inactive\)/);
    const workCode = shell.listCodes('workCode')[1];
    assert.ok(findings[1].message.includes(`"${workCode.number} ${workCode.description}"`), findings[1].message);
    assert.deepEqual(findings[1].fix, { kind: 'openTab', label: 'Open Work Code Match', tab: 'workCodeMatch' });
    assert.deepEqual(findings[2].fix, { kind: 'openTab', label: 'Open Expense Code Match', tab: 'expenseCodeMatch' });
  });

  it('an account chosen in Account Defaults that is inactive is a warning', async () => {
    await sparse('Account', account['Reimbursed Expense Income'], { Active: false });
    const [finding, ...rest] = (await check()).findings;
    assert.equal(rest.length, 0);
    assert.equal(finding.check, 'defaultAccounts');
    assert.equal(finding.severity, 'warning');
    assert.match(finding.message, /Reimbursed Expense Income \(account "Reimbursed Expense Income" is inactive\)/);
  });

  it('errors come before warnings', async () => {
    await setPreferences({ CurrencyPrefs: { MultiCurrencyEnabled: true } });
    await sparse('Item', item['Late Fee'], { Active: false });
    assert.deepEqual((await check()).findings.map((f) => f.severity), ['error', 'warning']);
  });

  it('250 linked codes are read 100 Ids to a query', async () => {
    const items = Object.values(item);
    const links: Array<[LinkKind, string, string]> = [];
    for (let i = 0; i < 250; i++) links.push(['workCode', `wc-x${i}`, i < items.length ? items[i] : String(900000 + i)]);
    await sb.clearLog();
    const findings = (await check(goodSettings(), links)).findings;
    assert.equal((await sb.operations())['query.item'], 3, 'item Ids 100 to a query');
    const missing = findings.find((f) => f.check === 'linkedItems');
    assert.match(missing?.message ?? '', /^2\d\d work codes, namely .* and 2\d\d more are linked/);
  });
});
