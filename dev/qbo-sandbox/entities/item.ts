/**
 * Item (QBO-FACTS §3 Item), Service and NonInventory only. Type must be sent and
 * IncomeAccountRef is required (the practical minimum is UNCONFIRMED; stricter side).
 */
import { faults } from '../faults';
import type { EntitySpec } from './entity-spec';
import { nameString, optionalBoolean, optionalNumber, optionalString, reference, refOut } from './rules';

export const itemSpec: EntitySpec = {
  name: 'Item',
  resource: 'item',
  kind: 'name',
  writable: new Set([
    'Name', 'Type', 'Description', 'PurchaseDesc', 'Sku', 'UnitPrice', 'PurchaseCost', 'Taxable', 'Active', 'SubItem',
    'ParentRef', 'IncomeAccountRef', 'ExpenseAccountRef', 'SalesTaxCodeRef', 'PurchaseTaxCodeRef', 'TrackQtyOnHand',
    'SalesTaxIncluded', 'PurchaseTaxIncluded', 'ClassRef',
  ]),
  readOnly: new Set(['FullyQualifiedName', 'Level', 'QtyOnHand']),
  filterable: ['Id', 'Name', 'Type', 'Sku', 'Active', 'FullyQualifiedName', 'Taxable', 'UnitPrice', 'IncomeAccountRef', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'],
  finish(draft, { ctx }) {
    const name = nameString(draft, 'Name', 100);
    if (!name?.trim()) throw faults.required('Name');
    const type = draft.Type;
    if (type === undefined || type === null) throw faults.required('Type');
    if (type !== 'Service' && type !== 'NonInventory') {
      throw faults.businessValidation(`Item Type ${String(type)} is not available in this sandbox; use Service or NonInventory.`, 'Type');
    }
    if (draft.TrackQtyOnHand === true) throw faults.businessValidation('TrackQtyOnHand applies only to Inventory items.', 'TrackQtyOnHand');
    optionalString(draft, 'Description', 4000);
    optionalString(draft, 'PurchaseDesc', 1000);
    optionalString(draft, 'Sku', 100);
    optionalNumber(draft, 'UnitPrice');
    optionalNumber(draft, 'PurchaseCost');
    optionalBoolean(draft, 'Taxable');
    if (draft.IncomeAccountRef === undefined || draft.IncomeAccountRef === null) throw faults.required('IncomeAccountRef');
    draft.IncomeAccountRef = refOut(reference(ctx.state, draft.IncomeAccountRef, { entity: 'Account', element: 'IncomeAccountRef', activeOnly: true })!, 'Name');
    if (draft.ExpenseAccountRef) draft.ExpenseAccountRef = refOut(reference(ctx.state, draft.ExpenseAccountRef, { entity: 'Account', element: 'ExpenseAccountRef', activeOnly: true })!, 'Name');
    if (draft.SalesTaxCodeRef) draft.SalesTaxCodeRef = refOut(reference(ctx.state, draft.SalesTaxCodeRef, { entity: 'TaxCode', element: 'SalesTaxCodeRef' })!, 'Name');
    const parent = reference(ctx.state, draft.ParentRef, { entity: 'Item', element: 'ParentRef', activeOnly: true });
    if (parent) {
      draft.ParentRef = refOut(parent, 'Name');
      draft.SubItem = true;
      draft.Level = Number(parent.Level ?? 0) + 1;
      draft.FullyQualifiedName = `${String(parent.FullyQualifiedName)}:${name}`;
    } else {
      delete draft.ParentRef;
      draft.SubItem = false;
      draft.Level = 0;
      draft.FullyQualifiedName = name;
    }
    const owner = ctx.state.itemNames.get(String(draft.FullyQualifiedName).toLowerCase());
    if (owner && owner !== String(draft.Id)) throw faults.duplicateItemName();
    draft.Active = optionalBoolean(draft, 'Active') ?? true;
    draft.Taxable = draft.Taxable ?? false;
    draft.UnitPrice = draft.UnitPrice ?? 0;
    draft.TrackQtyOnHand = false;
    return draft;
  },
};
