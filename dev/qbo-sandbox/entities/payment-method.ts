/** PaymentMethod (QBO-FACTS §3): Name ≤31, Type CREDIT_CARD | NON_CREDIT_CARD. */
import { faults } from '../faults';
import type { EntitySpec } from './entity-spec';
import { nameString, optionalBoolean, optionalEnum } from './rules';

export const paymentMethodSpec: EntitySpec = {
  name: 'PaymentMethod',
  resource: 'paymentmethod',
  kind: 'name',
  writable: new Set(['Name', 'Type', 'Active']),
  readOnly: new Set([]),
  filterable: ['Id', 'Name', 'Type', 'Active', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'],
  finish(draft, { ctx }) {
    const name = nameString(draft, 'Name', 31);
    if (!name?.trim()) throw faults.required('Name');
    // Unique names among payment methods (QuickBooks' rule UNCONFIRMED; stricter side).
    for (const other of ctx.state.tables.PaymentMethod.values()) {
      if (String(other.Id) !== String(draft.Id) && String(other.Name).toLowerCase() === name.toLowerCase()) throw faults.duplicateName();
    }
    draft.Type = optionalEnum(draft, 'Type', ['CREDIT_CARD', 'NON_CREDIT_CARD']) ?? 'NON_CREDIT_CARD';
    draft.Active = optionalBoolean(draft, 'Active') ?? true;
    return draft;
  },
};
