/**
 * OfficeTools expense code ⇄ QBO Item of type NonInventory.
 *
 * Decision: NonInventory, not Service. Expense codes are reimbursable costs passed on to the
 * client (copies, postage, filing fees): things bought and re-billed, which is what QBO's
 * non-inventory type is for, while Service is labour. The distinct type also lets the Match
 * tabs and automatch tell expense items from work items in QBO. The income account is Account
 * Defaults' income for expense codes (reimbursable expense income), so re-billed costs do not
 * land in service income. Importing accepts an item of any type. Shared rules:
 * billing-code-item.ts.
 */
import type { ExpenseCode, ExpenseCodeInput } from '../host/protocol';
import type { QboItem, QboItemFields } from '../qbo/entities';
import type { BillingCodeFields, ItemContext, ItemFlavour } from './billing-code-item';
import { codeToItem, itemToCode } from './billing-code-item';
import type { EntityMapping, MappingResult } from './mapping-types';
import { diffFields } from './sparse-diff';

export type ExpenseCodeFields = Pick<ExpenseCode, 'number' | 'description' | 'rateCents' | 'active'>;

const EXPENSE_CODE: ItemFlavour = { type: 'NonInventory', what: 'expense code', accountLabel: 'Income for expense codes' };

export function expenseCodeToItem(code: ExpenseCodeFields, ctx: ItemContext): MappingResult<QboItemFields> {
  return codeToItem(code satisfies BillingCodeFields, ctx, EXPENSE_CODE);
}

export function itemToExpenseCode(item: QboItem): ExpenseCodeInput {
  return itemToCode(item);
}

export function changedExpenseCodeFields(
  before: ExpenseCodeFields,
  after: ExpenseCodeFields,
  ctx: ItemContext,
): Partial<QboItemFields> {
  return diffFields(expenseCodeToItem(before, ctx).payload, expenseCodeToItem(after, ctx).payload);
}

export const expenseCodeItemMapping: EntityMapping<ExpenseCodeFields, ExpenseCodeInput, QboItem, QboItemFields, ItemContext> = {
  kind: 'expenseCode',
  qboEntity: 'Item',
  toQbo: expenseCodeToItem,
  fromQbo: itemToExpenseCode,
  changedFields: changedExpenseCodeFields,
};

export { expenseCodeToItem as toQbo, itemToExpenseCode as fromQbo, changedExpenseCodeFields as changedFields };
