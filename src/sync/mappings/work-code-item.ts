/**
 * OfficeTools work code ⇄ QBO Item of type Service (the seed: "products and services"). The
 * income account is Account Defaults' income for work codes. Shared rules: billing-code-item.ts.
 */
import type { WorkCode, WorkCodeInput } from '../host/protocol';
import type { QboItem, QboItemFields } from '../qbo/entities';
import type { BillingCodeFields, ItemContext, ItemFlavour } from './billing-code-item';
import { codeToItem, itemToCode } from './billing-code-item';
import type { EntityMapping, MappingResult } from './mapping-types';
import { diffFields } from './sparse-diff';

export type WorkCodeFields = Pick<WorkCode, 'number' | 'description' | 'rateCents' | 'active'>;

const WORK_CODE: ItemFlavour = { type: 'Service', what: 'work code', accountLabel: 'Income for work codes' };

export function workCodeToItem(code: WorkCodeFields, ctx: ItemContext): MappingResult<QboItemFields> {
  return codeToItem(code satisfies BillingCodeFields, ctx, WORK_CODE);
}

export function itemToWorkCode(item: QboItem): WorkCodeInput {
  return itemToCode(item);
}

export function changedWorkCodeFields(before: WorkCodeFields, after: WorkCodeFields, ctx: ItemContext): Partial<QboItemFields> {
  return diffFields(workCodeToItem(before, ctx).payload, workCodeToItem(after, ctx).payload);
}

export const workCodeItemMapping: EntityMapping<WorkCodeFields, WorkCodeInput, QboItem, QboItemFields, ItemContext> = {
  kind: 'workCode',
  qboEntity: 'Item',
  toQbo: workCodeToItem,
  fromQbo: itemToWorkCode,
  changedFields: changedWorkCodeFields,
};

export { workCodeToItem as toQbo, itemToWorkCode as fromQbo, changedWorkCodeFields as changedFields };
