/**
 * The pre-flight checks, each a pure function of what QBO and the firm hold: given the same
 * facts it gives the same findings, so each is tested without a server and the view only
 * shows them. Messages name QuickBooks' records and OfficeTools' by the names people see.
 */
import type { CompanyFacts, FirmSide, PreflightFinding, QboTarget } from './preflight-types';

type Check = (facts: CompanyFacts, firm: FirmSide) => PreflightFinding[];

/** At most this many names in one sentence; the rest are counted. */
const NAMES_SHOWN = 5;

function names(list: readonly string[]): string {
  const quoted = list.slice(0, NAMES_SHOWN).map((n) => `"${n}"`);
  const more = list.length - quoted.length;
  const head = quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}` : quoted[0] ?? '';
  return more > 0 ? `${quoted.join(', ')} and ${more} more` : head;
}

function state(target: QboTarget | undefined): 'gone' | 'inactive' | 'ok' {
  if (!target) return 'gone';
  return target.active ? 'ok' : 'inactive';
}

const SALES_SETTINGS = 'Settings > Account and settings > Sales > Custom transaction numbers';

/** OfficeTools bills in US dollars; a company in another currency, or with several, gets amounts it cannot tell apart. */
export const checkCurrency: Check = (facts) => {
  const out: PreflightFinding[] = [];
  const home = facts.preferences.homeCurrency;
  if (home && home.toUpperCase() !== 'USD') {
    out.push({
      check: 'currency',
      severity: 'error',
      message: `${facts.companyName} keeps its books in ${home}, and OfficeTools bills in US dollars, so every amount exported would be recorded in the wrong currency.`,
      todo: 'Connect a QuickBooks Online company whose home currency is US dollars.',
    });
  }
  if (facts.preferences.multiCurrencyEnabled) {
    out.push({
      check: 'currency',
      severity: 'warning',
      message:
        'Multicurrency is on in QuickBooks Online. OfficeTools sends every amount in US dollars, and QuickBooks Online records an invoice or payment in its customer\'s currency, so a customer set up in another currency would get the right number in the wrong currency.',
      todo: 'Keep the QuickBooks customers linked to OfficeTools contacts in US dollars. (Multicurrency cannot be turned off once it is on.)',
    });
  }
  return out;
};

/** The firm's numbering of exported invoices against QBO's own numbering. */
export const checkCustomTxnNumbers: Check = (facts, firm) => {
  const custom = facts.preferences.customTxnNumbers;
  const mode = firm.settings.invoiceNumbers?.mode ?? 'keep';
  if (custom === false && mode !== 'qbo') {
    return [{
      check: 'customTxnNumbers',
      severity: 'warning',
      message:
        "Custom transaction numbers are off in QuickBooks Online, so it numbers the invoices entered there itself, while exported invoices keep OfficeTools' numbers. The two series will meet, and QuickBooks Online refuses an invoice whose number is already taken.",
      todo: `Turn custom transaction numbers on in QuickBooks Online (${SALES_SETTINGS}), or let QuickBooks Online number exported invoices.`,
      fix: { kind: 'setInvoiceNumbering', label: 'Let QuickBooks number them', numbering: { mode: 'qbo' } },
    }];
  }
  if (custom === true && mode === 'qbo') {
    return [{
      check: 'customTxnNumbers',
      severity: 'error',
      message: 'The firm lets QuickBooks Online number exported invoices, but custom transaction numbers are on there, so exported invoices would get no number at all.',
      todo: `Keep OfficeTools' numbers, or turn custom transaction numbers off in QuickBooks Online (${SALES_SETTINGS}).`,
      fix: { kind: 'setInvoiceNumbering', label: "Keep OfficeTools' numbers", numbering: { mode: 'keep' } },
    }];
  }
  return [];
};

const DEPOSIT_TYPES = new Set(['Bank', 'Other Current Asset']);
const OPEN_DEFAULTS = { kind: 'openTab', label: 'Open Account Defaults', tab: 'accountDefaults' } as const;

/** Payments exported without a deposit account land in Undeposited Funds, which must exist. */
export const checkDeposit: Check = (facts, firm) => {
  const id = firm.settings.depositAccountId;
  if (!id) {
    const uf = state(facts.undepositedFunds);
    if (uf === 'ok') return [];
    return [{
      check: 'undepositedFunds',
      severity: 'error',
      message:
        uf === 'gone'
          ? 'QuickBooks Online has no Undeposited Funds account, and Account Defaults names no deposit account, so exported payments would have nowhere to go.'
          : 'The Undeposited Funds account is inactive in QuickBooks Online, and Account Defaults names no deposit account, so exported payments would have nowhere to go.',
      todo: 'Choose a bank or other current asset account for payments under Account Defaults, or make Undeposited Funds active in QuickBooks Online.',
      fix: OPEN_DEFAULTS,
    }];
  }
  const account = facts.accounts.get(id);
  const s = state(account);
  if (s === 'ok' && account && (!account.type || DEPOSIT_TYPES.has(account.type))) return [];
  const why =
    s === 'gone'
      ? 'no longer exists in QuickBooks Online'
      : s === 'inactive'
        ? `("${account?.name ?? id}") is inactive in QuickBooks Online`
        : `("${account?.name ?? id}") is of type ${account?.type ?? 'unknown'}, and QuickBooks Online deposits payments only to Bank or Other Current Asset accounts`;
  return [{
    check: 'depositAccount',
    severity: 'error',
    message: `The account Account Defaults names for payments ${why}, so exported payments would be refused.`,
    todo: 'Choose another deposit account under Account Defaults (empty means Undeposited Funds).',
    fix: OPEN_DEFAULTS,
  }];
};

/** OfficeTools charges sales tax as a line item; it needs a QBO item to go under. */
export const checkSalesTaxItem: Check = (_facts, firm) => {
  const missing = firm.lineItems.filter((li) => li.kind === 'salesTax' && !firm.settings.lineItemDefaults[li.id]);
  if (missing.length === 0) return [];
  return [{
    check: 'salesTaxItem',
    severity: 'warning',
    message: `The sales tax line item ${names(missing.map((li) => li.name))} has no QuickBooks Online item in Account Defaults, so invoices that charge sales tax would be held back at export.`,
    todo: 'Choose a QuickBooks Online item for it under Invoice Line Item Settings in Account Defaults.',
    fix: OPEN_DEFAULTS,
  }];
};

/** Every QBO Item an export would bill under: Account Defaults' line items and the linked codes. */
function itemsInUse(firm: FirmSide): Array<{ qboId: string; via: 'default' | 'workCode' | 'expenseCode' }> {
  const out: Array<{ qboId: string; via: 'default' | 'workCode' | 'expenseCode' }> = [];
  for (const li of firm.lineItems) {
    const id = firm.settings.lineItemDefaults[li.id];
    if (id) out.push({ qboId: id, via: 'default' });
  }
  for (const code of firm.linkedCodes) out.push({ qboId: code.qboId, via: code.kind });
  return out;
}

/** With sales tax on, a taxable item could be taxed again by QBO on top of OfficeTools' own sales tax line. */
export const checkTaxableItems: Check = (facts, firm) => {
  if (!facts.preferences.usingSalesTax) return [];
  const taxable = [...new Set(itemsInUse(firm).map((u) => u.qboId))].map((id) => facts.items.get(id)).filter((t): t is QboTarget => !!t && t.active && t.taxable === true);
  if (taxable.length === 0) return [];
  return [{
    check: 'taxableItems',
    severity: 'warning',
    message: `Sales tax is on in QuickBooks Online, and ${taxable.length === 1 ? 'the item' : 'the items'} ${names(taxable.map((t) => t.name))} that OfficeTools bills under ${taxable.length === 1 ? 'is' : 'are'} marked taxable there. OfficeTools sends its sales tax as a line of its own, so QuickBooks Online could tax these lines a second time.`,
    todo: 'Mark these items non-taxable in QuickBooks Online (Sales > Products and services > Edit), so that only OfficeTools charges the tax.',
  }];
};

/** Items chosen on Account Defaults for invoice line items must be active. */
export const checkDefaultItems: Check = (facts, firm) => {
  const bad: string[] = [];
  for (const li of firm.lineItems) {
    const id = firm.settings.lineItemDefaults[li.id];
    if (!id) continue;
    const s = state(facts.items.get(id));
    if (s === 'gone') bad.push(`${li.name} (its item no longer exists)`);
    if (s === 'inactive') bad.push(`${li.name} (item "${facts.items.get(id)?.name ?? id}" is inactive)`);
  }
  if (bad.length === 0) return [];
  return [{
    check: 'defaultItems',
    severity: 'error',
    message: `Account Defaults bills ${bad.length === 1 ? 'an invoice line item' : `${bad.length} invoice line items`} under QuickBooks Online items that cannot take them: ${bad.slice(0, NAMES_SHOWN).join('; ')}${bad.length > NAMES_SHOWN ? `; and ${bad.length - NAMES_SHOWN} more` : ''}. Invoices with those lines would be refused.`,
    todo: 'Choose active items for them under Invoice Line Item Settings, or make the items active in QuickBooks Online.',
    fix: OPEN_DEFAULTS,
  }];
};

/** Items linked to work and expense codes must be active. */
export const checkLinkedItems: Check = (facts, firm) => {
  const out: PreflightFinding[] = [];
  for (const kind of ['workCode', 'expenseCode'] as const) {
    const bad = firm.linkedCodes.filter((c) => c.kind === kind && state(facts.items.get(c.qboId)) !== 'ok');
    if (bad.length === 0) continue;
    const what = kind === 'workCode' ? 'work code' : 'expense code';
    out.push({
      check: 'linkedItems',
      severity: 'error',
      message: `${bad.length === 1 ? `The ${what}` : `${bad.length} ${what}s, namely`} ${names(bad.map((c) => c.name))} ${bad.length === 1 ? 'is' : 'are'} linked to QuickBooks Online items that are inactive or deleted there, so invoices billing them would be refused.`,
      todo: `Make the items active in QuickBooks Online, or link the ${what}s to other items.`,
      fix: kind === 'workCode' ? { kind: 'openTab', label: 'Open Work Code Match', tab: 'workCodeMatch' } : { kind: 'openTab', label: 'Open Expense Code Match', tab: 'expenseCodeMatch' },
    });
  }
  return out;
};

/** Accounts chosen on Account Defaults (income accounts of exported codes, etc.) must be active. */
export const checkDefaultAccounts: Check = (facts, firm) => {
  const bad: string[] = [];
  for (const a of firm.accounts) {
    if (a.purpose === 'paymentDeposit') continue; // checkDeposit speaks for it
    const id = firm.settings.accountDefaults[a.id];
    if (!id) continue;
    const s = state(facts.accounts.get(id));
    if (s !== 'ok') bad.push(`${a.name} (${s === 'gone' ? 'its account no longer exists' : `account "${facts.accounts.get(id)?.name ?? id}" is inactive`})`);
  }
  if (bad.length === 0) return [];
  return [{
    check: 'defaultAccounts',
    severity: 'warning',
    message: `Account Defaults maps ${bad.length === 1 ? 'an OfficeTools account' : `${bad.length} OfficeTools accounts`} to QuickBooks Online accounts that cannot be used: ${bad.slice(0, NAMES_SHOWN).join('; ')}. Exporting work or expense codes as new QuickBooks items would fail.`,
    todo: 'Choose active accounts for them under Account Defaults.',
    fix: OPEN_DEFAULTS,
  }];
};

export const PREFLIGHT_CHECKS: ReadonlyArray<{ check: Check; covers: string }> = [
  { check: checkCurrency, covers: 'currency and multicurrency' },
  { check: checkCustomTxnNumbers, covers: 'invoice numbering' },
  { check: checkDeposit, covers: 'where exported payments are deposited (Undeposited Funds or the chosen account)' },
  { check: checkSalesTaxItem, covers: 'the sales tax line item' },
  { check: checkTaxableItems, covers: 'sales tax on the items OfficeTools bills under' },
  { check: checkDefaultItems, covers: 'the items chosen in Account Defaults' },
  { check: checkLinkedItems, covers: 'the items linked to work and expense codes' },
  { check: checkDefaultAccounts, covers: 'the accounts chosen in Account Defaults' },
];

/** Every check's findings, errors first. */
export function runPreflightChecks(facts: CompanyFacts, firm: FirmSide): PreflightFinding[] {
  const findings = PREFLIGHT_CHECKS.flatMap(({ check }) => check(facts, firm));
  return [...findings.filter((f) => f.severity === 'error'), ...findings.filter((f) => f.severity === 'warning')];
}
