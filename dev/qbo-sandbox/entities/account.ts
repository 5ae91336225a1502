/** Account (QBO-FACTS §3 Account): AccountType / AccountSubType, Classification computed. */
import { faults } from '../faults';
import type { JsonObject } from '../http-io';
import type { EntitySpec } from './entity-spec';
import { companyCountry, homeCurrencyRef } from './company-settings';
import { optionalBoolean, optionalEnum, optionalString, reference, refOut } from './rules';

export const ACCOUNT_TYPES = {
  Bank: 'Asset',
  'Accounts Receivable': 'Asset',
  'Other Current Asset': 'Asset',
  'Fixed Asset': 'Asset',
  'Other Asset': 'Asset',
  'Accounts Payable': 'Liability',
  'Credit Card': 'Liability',
  'Other Current Liability': 'Liability',
  'Long Term Liability': 'Liability',
  Equity: 'Equity',
  Income: 'Revenue',
  'Cost of Goods Sold': 'Expense',
  Expense: 'Expense',
  'Other Income': 'Revenue',
  'Other Expense': 'Expense',
} as const;
export type AccountType = keyof typeof ACCOUNT_TYPES;

/** The sub-types the sandbox knows, with the AccountType each belongs to. */
export const ACCOUNT_SUBTYPES: Record<string, AccountType> = {
  Checking: 'Bank',
  Savings: 'Bank',
  CashOnHand: 'Bank',
  MoneyMarket: 'Bank',
  AccountsReceivable: 'Accounts Receivable',
  UndepositedFunds: 'Other Current Asset',
  OtherCurrentAssets: 'Other Current Asset',
  PrepaidExpenses: 'Other Current Asset',
  Inventory: 'Other Current Asset',
  FurnitureAndFixtures: 'Fixed Asset',
  MachineryAndEquipment: 'Fixed Asset',
  OtherLongTermAssets: 'Other Asset',
  AccountsPayable: 'Accounts Payable',
  CreditCard: 'Credit Card',
  SalesTaxPayable: 'Other Current Liability',
  OtherCurrentLiabilities: 'Other Current Liability',
  GlobalTaxPayable: 'Other Current Liability',
  NotesPayable: 'Long Term Liability',
  OpeningBalanceEquity: 'Equity',
  RetainedEarnings: 'Equity',
  OwnersEquity: 'Equity',
  ServiceFeeIncome: 'Income',
  SalesOfProductIncome: 'Income',
  DiscountsRefundsGiven: 'Income',
  OtherPrimaryIncome: 'Income',
  UnappliedCashPaymentIncome: 'Income',
  SuppliesMaterialsCogs: 'Cost of Goods Sold',
  CostOfLaborCos: 'Cost of Goods Sold',
  AdvertisingPromotional: 'Expense',
  OfficeGeneralAdministrativeExpenses: 'Expense',
  Travel: 'Expense',
  BankCharges: 'Expense',
  OtherMiscellaneousServiceCost: 'Expense',
  InterestEarned: 'Other Income',
  OtherMiscellaneousIncome: 'Other Income',
  FinanceCosts: 'Other Expense',
  OtherMiscellaneousExpense: 'Other Expense',
};

const NO_SUB_ACCOUNTS = new Set(['UndepositedFunds', 'RetainedEarnings', 'OpeningBalanceEquity']);

export const accountSpec: EntitySpec = {
  name: 'Account',
  resource: 'account',
  kind: 'name',
  writable: new Set(['Name', 'AcctNum', 'Description', 'Active', 'AccountType', 'AccountSubType', 'SubAccount', 'ParentRef', 'CurrencyRef', 'TaxCodeRef']),
  readOnly: new Set(['FullyQualifiedName', 'Classification', 'CurrentBalance', 'CurrentBalanceWithSubAccounts']),
  keepOnFullUpdate: new Set(['CurrencyRef']),
  filterable: ['Id', 'Name', 'AcctNum', 'AccountType', 'AccountSubType', 'Classification', 'FullyQualifiedName', 'Active', 'SubAccount', 'CurrentBalance', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'],
  finish(draft, { ctx, previous }) {
    const name = optionalString(draft, 'Name', 100);
    if (!name?.trim()) throw faults.required('Name');
    if (/[":]/.test(name)) throw faults.businessValidation('Account Name cannot contain double quotes (") or colons (:).', 'Name');
    const maxAcctNum = companyCountry(ctx.state) === 'US' || companyCountry(ctx.state) === 'GB' ? 7 : 20;
    const acctNum = optionalString(draft, 'AcctNum', maxAcctNum);
    if (acctNum?.includes(':')) throw faults.businessValidation('Account number cannot contain a colon (:).', 'AcctNum');
    optionalString(draft, 'Description', 100);
    let type = optionalEnum(draft, 'AccountType', Object.keys(ACCOUNT_TYPES) as AccountType[]);
    const sub = draft.AccountSubType;
    if (sub !== undefined && sub !== null) {
      if (typeof sub !== 'string' || !(sub in ACCOUNT_SUBTYPES)) throw faults.invalidValue('AccountSubType', `${String(sub)} is not a known account sub-type`);
      const implied = ACCOUNT_SUBTYPES[sub];
      if (type && type !== implied) throw faults.businessValidation(`AccountSubType ${sub} belongs to AccountType ${implied}, not ${type}.`, 'AccountSubType');
      type = implied;
    }
    if (!type) throw faults.required('AccountType');
    draft.AccountType = type;
    draft.Classification = ACCOUNT_TYPES[type];
    const parent = reference(ctx.state, draft.ParentRef, { entity: 'Account', element: 'ParentRef', activeOnly: true });
    if (parent) {
      if (typeof draft.AccountSubType === 'string' && NO_SUB_ACCOUNTS.has(draft.AccountSubType)) throw faults.businessValidation(`${draft.AccountSubType} accounts cannot be sub-accounts.`, 'ParentRef');
      if (parent.AccountType !== type) throw faults.businessValidation('A sub-account must have the same account type as its parent.', 'ParentRef');
      draft.ParentRef = refOut(parent, 'Name');
      draft.SubAccount = true;
      draft.FullyQualifiedName = `${String(parent.FullyQualifiedName)}:${name}`;
    } else {
      delete draft.ParentRef;
      draft.SubAccount = false;
      draft.FullyQualifiedName = name;
    }
    const fqn = String(draft.FullyQualifiedName).toLowerCase();
    const owner = ctx.state.accountNames.get(fqn);
    if (owner && owner !== String(draft.Id)) throw faults.duplicateAccountName();
    draft.Active = optionalBoolean(draft, 'Active') ?? true;
    draft.CurrentBalance = previous?.CurrentBalance ?? 0;
    draft.CurrentBalanceWithSubAccounts = previous?.CurrentBalanceWithSubAccounts ?? 0;
    draft.CurrencyRef = previous?.CurrencyRef ?? draft.CurrencyRef ?? homeCurrencyRef(ctx.state);
    return draft;
  },
};

export function accountSubType(account: JsonObject): string | undefined {
  return typeof account.AccountSubType === 'string' ? account.AccountSubType : undefined;
}
