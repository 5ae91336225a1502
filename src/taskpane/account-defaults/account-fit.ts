/**
 * Which QBO accounts fit each OfficeTools account purpose (QBO-FACTS §3 AccountType strings).
 * A drop-down offers only these, so income cannot be posted to a bank account by a slip.
 */
import type { AccountPurpose } from '../../sync/host/protocol';

/** The Account fields the tab reads. */
export interface QboAccountRow {
  Id: string;
  Name?: string;
  FullyQualifiedName?: string;
  AccountType?: string;
  AccountSubType?: string;
  Active?: boolean;
}

export const ACCOUNT_TYPES_FOR_PURPOSE: Record<AccountPurpose, readonly string[]> = {
  workCodeIncome: ['Income', 'Other Income'],
  expenseCodeIncome: ['Income', 'Other Income'],
  accountsReceivable: ['Accounts Receivable'],
  // Discounts given are booked against income (a contra-income account) or as an expense.
  discounts: ['Income', 'Other Income', 'Expense', 'Other Expense'],
  financeCharges: ['Income', 'Other Income'],
  salesTaxPayable: ['Other Current Liability'],
  retainers: ['Other Current Liability', 'Long Term Liability'],
  // QBO takes a payment's DepositToAccountRef only from these two types.
  paymentDeposit: ['Bank', 'Other Current Asset'],
};

export function accountLabel(a: QboAccountRow): string {
  const name = a.FullyQualifiedName ?? a.Name ?? `Account ${a.Id}`;
  return a.AccountType ? `${name} (${a.AccountType})` : name;
}

/**
 * The QBO accounts offered for a purpose, by name. Undeposited Funds is left out of the deposit
 * choices: leaving the drop-down empty already means it, and one way to say a thing is clearer.
 */
export function fittingAccounts(purpose: AccountPurpose, accounts: readonly QboAccountRow[]): QboAccountRow[] {
  const types = ACCOUNT_TYPES_FOR_PURPOSE[purpose];
  return accounts
    .filter((a) => a.AccountType !== undefined && types.includes(a.AccountType))
    .filter((a) => !(purpose === 'paymentDeposit' && a.AccountSubType === 'UndepositedFunds'))
    .sort((a, b) => accountLabel(a).localeCompare(accountLabel(b)));
}
