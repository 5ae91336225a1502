/**
 * The pre-flight check of a QuickBooks Online company (issue 14, point 7): what was read from
 * QBO and from the firm's settings, and what the checks found, each with a severity, a plain
 * sentence of what is wrong, what to do, and where one click can do it.
 */
import type { InvoiceLineItem, OfficeToolsAccount } from '../host/protocol';
import type { SettingsRecord } from '../store/schema';

/** `error`: an export or import will fail until it is fixed; `warning`: it may go wrong or surprise. */
export type PreflightSeverity = 'error' | 'warning';

export type PreflightCheckId =
  | 'currency'
  | 'customTxnNumbers'
  | 'undepositedFunds'
  | 'depositAccount'
  | 'salesTaxItem'
  | 'taxableItems'
  | 'defaultItems'
  | 'linkedItems'
  | 'defaultAccounts';

/** A one-click fix the panel can offer beside a finding. */
export type PreflightFix =
  | { kind: 'openTab'; label: string; tab: 'accountDefaults' | 'workCodeMatch' | 'expenseCodeMatch' }
  | { kind: 'setInvoiceNumbering'; label: string; numbering: NonNullable<SettingsRecord['invoiceNumbers']> };

export interface PreflightFinding {
  check: PreflightCheckId;
  severity: PreflightSeverity;
  /** What is wrong, in a bookkeeper's words (no codes). */
  message: string;
  /** What to do about it. */
  todo: string;
  fix?: PreflightFix;
}

/** A QBO Item or Account as the checks need it. */
export interface QboTarget {
  name: string;
  active: boolean;
  /** Account: AccountType. */
  type?: string;
  /** Item: Taxable (US sales tax). */
  taxable?: boolean;
}

/** What the checks know of the company; `undefined` preferences were not in QBO's answer. */
export interface CompanyFacts {
  companyName: string;
  preferences: {
    multiCurrencyEnabled?: boolean;
    homeCurrency?: string;
    customTxnNumbers?: boolean;
    usingSalesTax?: boolean;
  };
  /** QBO's Undeposited Funds account (AccountSubType UndepositedFunds), when there is one. */
  undepositedFunds?: QboTarget;
  /** The Items the settings and links refer to, by Id; an Id missing here is gone from QBO. */
  items: ReadonlyMap<string, QboTarget>;
  /** The Accounts the settings refer to, by Id; an Id missing here is gone from QBO. */
  accounts: ReadonlyMap<string, QboTarget>;
}

/** An OfficeTools work or expense code linked to a QBO Item. */
export interface LinkedCode {
  kind: 'workCode' | 'expenseCode';
  /** The code as OfficeTools shows it, e.g. `110 Bookkeeping`. */
  name: string;
  qboId: string;
}

/** The firm's side: its settings for the company and the OfficeTools records they name. */
export interface FirmSide {
  settings: Pick<SettingsRecord, 'accountDefaults' | 'lineItemDefaults' | 'depositAccountId' | 'invoiceNumbers'>;
  lineItems: readonly InvoiceLineItem[];
  accounts: readonly OfficeToolsAccount[];
  linkedCodes: readonly LinkedCode[];
}

export interface PreflightReport {
  companyName: string;
  /** ISO timestamp. */
  checkedAt: string;
  /** Errors first, then warnings. */
  findings: PreflightFinding[];
  /** What was checked, in words, so that "nothing found" says what it covers. */
  checked: string[];
}
