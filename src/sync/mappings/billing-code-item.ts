/**
 * What work codes and expense codes have in common on their way to a QBO Item: both are a
 * numbered code with a description and a rate, and both become a sold item. The two mapping
 * files (work-code-item.ts, expense-code-item.ts) choose the item type and the income account.
 *
 * - Name = "<number> <description>" — QBO item names are unique and ≤100 characters, and the
 *   firm's code numbers are unique, so the number leads and only the description is cut.
 * - Sku = the code number, so the number survives renaming the item in QBO.
 * - Description = the full description (≤4000, may contain ':').
 * - UnitPrice = rate as an exact decimal from cents.
 * - IncomeAccountRef = the account chosen on the Account Defaults tab (required).
 */
import type { QboItem, QboItemFields, QboItemType } from '../qbo/entities';
import { WarningList } from './clean-text';
import type { MappingResult } from './mapping-types';
import { MappingError } from './mapping-types';
import { MoneyError, centsToQboAmount, qboAmountToCents } from './money';

export interface BillingCodeFields {
  number: string;
  description: string;
  rateCents: number;
  active: boolean;
}

export interface BillingCodeInput extends BillingCodeFields {
  billable: boolean;
}

export interface ItemContext {
  /** QBO Account Id of the income account from Account Defaults. */
  incomeAccountId: string;
}

export interface ItemFlavour {
  type: QboItemType;
  /** "work code" / "expense code", for messages. */
  what: string;
  /** Where the user picks the income account, for the missing-account message. */
  accountLabel: string;
}

export function codeToItem(code: BillingCodeFields, ctx: ItemContext, flavour: ItemFlavour): MappingResult<QboItemFields> {
  const incomeAccountId = ctx?.incomeAccountId?.trim();
  if (!incomeAccountId) {
    throw new MappingError(
      'missing_income_account',
      `No income account is set for ${flavour.what}s. Choose "${flavour.accountLabel}" on the Account Defaults tab, then export again.`,
      'IncomeAccountRef',
    );
  }
  const w = new WarningList();
  const number = code.number.trim();
  const description = code.description.trim();
  const name = w.text([number, description].filter(Boolean).join(' '), {
    field: 'Name',
    label: `${flavour.what} name`,
    maxLength: 100,
    name: true,
  });
  if (!name) {
    throw new MappingError('missing_name', `This ${flavour.what} has neither a number nor a description.`, 'Name');
  }
  let unitPrice: number;
  try {
    unitPrice = centsToQboAmount(code.rateCents);
  } catch (e) {
    if (e instanceof MoneyError) throw new MappingError('bad_value', `The ${flavour.what} rate is not valid: ${e.message}`, 'UnitPrice');
    throw e;
  }
  const payload: QboItemFields = { Name: name, Type: flavour.type };
  const desc = w.text(description, { field: 'Description', label: 'description', maxLength: 4000 });
  if (desc) payload.Description = desc;
  const sku = w.text(number, { field: 'Sku', label: 'SKU', maxLength: 100, singleLine: true });
  if (sku) payload.Sku = sku;
  payload.UnitPrice = unitPrice;
  payload.IncomeAccountRef = { value: incomeAccountId };
  payload.Active = code.active;
  return { payload, warnings: w.items };
}

/** "110 Tax preparation" → ["110", "Tax preparation"] when the first word has a digit. */
function splitName(name: string): [string | undefined, string] {
  const m = /^(\S*\d\S*)\s+(.*)$/.exec(name);
  return m ? [m[1], m[2]] : /\d/.test(name) && !/\s/.test(name) ? [name, ''] : [undefined, name];
}

export function itemToCode(item: QboItem): BillingCodeInput {
  const name = (item.Name ?? '').trim();
  const [numberFromName, rest] = splitName(name);
  const number = item.Sku?.trim() || numberFromName || name;
  const description = item.Description?.trim() || rest || name;
  return {
    number,
    description,
    // QBO keeps unit prices to 5 decimals; OfficeTools rates are whole cents.
    rateCents: item.UnitPrice === undefined || item.UnitPrice === null ? 0 : qboAmountToCents(item.UnitPrice, 'halfAwayFromZero'),
    // An item exists in QBO to be sold: imported codes are billable.
    billable: true,
    active: item.Active !== false,
  };
}
