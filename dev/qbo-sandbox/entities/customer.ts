/** Customer (QBO-FACTS §3 Customer). */
import { faults } from '../faults';
import type { JsonObject } from '../http-io';
import { fromCents } from '../money';
import type { EntitySpec } from './entity-spec';
import { claimDisplayName, ensureDisplayName, personNames } from './display-name';
import { address, emailAddr, optionalBoolean, optionalCents, optionalDate, optionalEnum, optionalString, phone, reference, refOut, webAddr } from './rules';
import { homeCurrencyRef } from './company-settings';

const WRITABLE = [
  'Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix', 'DisplayName', 'CompanyName', 'PrintOnCheckName', 'Active',
  'PrimaryPhone', 'AlternatePhone', 'Mobile', 'Fax', 'PrimaryEmailAddr', 'WebAddr', 'BillAddr', 'ShipAddr', 'Notes',
  'Job', 'ParentRef', 'BillWithParent', 'Taxable', 'DefaultTaxCodeRef', 'SalesTermRef', 'PaymentMethodRef',
  'PreferredDeliveryMethod', 'ResaleNum', 'CurrencyRef', 'OpenBalanceDate', 'ARAccountRef', 'TaxExemptionReasonId',
  'PrimaryTaxIdentifier', 'BusinessNumber', 'CustomerTypeRef', 'Balance',
];

export const customerSpec: EntitySpec = {
  name: 'Customer',
  resource: 'customer',
  kind: 'name',
  writable: new Set(WRITABLE),
  readOnly: new Set(['FullyQualifiedName', 'Level', 'BalanceWithJobs', 'IsProject', 'V4IDPseudonym']),
  createOnly: new Set(['Balance', 'OpenBalanceDate']),
  keepOnFullUpdate: new Set(['DisplayName', 'CurrencyRef', 'Balance', 'OpenBalanceDate', 'PrintOnCheckName']),
  filterable: ['Id', 'DisplayName', 'GivenName', 'MiddleName', 'FamilyName', 'CompanyName', 'FullyQualifiedName', 'PrintOnCheckName', 'PrimaryEmailAddr', 'Active', 'Balance', 'Job', 'ParentRef', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'],
  finish(draft, { ctx, previous }) {
    personNames(draft);
    const display = ensureDisplayName(draft, ['CompanyName']);
    if (display === undefined) throw faults.required('DisplayName');
    if (draft.PrintOnCheckName === undefined || draft.PrintOnCheckName === null) draft.PrintOnCheckName = display.slice(0, 110);
    claimDisplayName(ctx.state, 'Customer', String(draft.Id), display);
    optionalString(draft, 'Notes', 2000);
    optionalString(draft, 'ResaleNum', 16);
    for (const f of ['PrimaryPhone', 'AlternatePhone', 'Mobile', 'Fax']) phone(draft, f);
    emailAddr(draft, 'PrimaryEmailAddr');
    webAddr(draft, 'WebAddr');
    for (const f of ['BillAddr', 'ShipAddr']) {
      const a = address(draft, f);
      if (a) draft[f] = { Id: String(previousAddressId(previous, f) ?? nextAddressId(ctx.state.tables.Customer.size)), ...a };
    }
    draft.Active = optionalBoolean(draft, 'Active') ?? true;
    optionalBoolean(draft, 'Taxable');
    optionalBoolean(draft, 'BillWithParent');
    optionalEnum(draft, 'PreferredDeliveryMethod', ['Print', 'Email', 'None']);
    optionalDate(draft, 'OpenBalanceDate');
    if (draft.DefaultTaxCodeRef) draft.DefaultTaxCodeRef = refOut(reference(ctx.state, draft.DefaultTaxCodeRef, { entity: 'TaxCode', element: 'DefaultTaxCodeRef' }) as JsonObject, 'Name');
    if (draft.PaymentMethodRef) draft.PaymentMethodRef = refOut(reference(ctx.state, draft.PaymentMethodRef, { entity: 'PaymentMethod', element: 'PaymentMethodRef', activeOnly: true }) as JsonObject, 'Name');
    if (draft.ARAccountRef) draft.ARAccountRef = refOut(reference(ctx.state, draft.ARAccountRef, { entity: 'Account', element: 'ARAccountRef', activeOnly: true }) as JsonObject, 'Name');

    // Jobs (sub-customers): at most 4 levels under the top customer; FullyQualifiedName A:B.
    const parent = reference(ctx.state, draft.ParentRef, { entity: 'Customer', element: 'ParentRef', activeOnly: true });
    if (parent) {
      if (String(parent.Id) === String(draft.Id)) throw faults.businessValidation('A customer cannot be its own parent.', 'ParentRef');
      const level = Number(parent.Level ?? 0) + 1;
      if (level > 4) throw faults.businessValidation('Sub-customers can be nested at most 4 levels deep.', 'ParentRef');
      draft.ParentRef = refOut(parent);
      draft.Job = true;
      draft.Level = level;
      draft.FullyQualifiedName = `${String(parent.FullyQualifiedName)}:${display}`;
      draft.BillWithParent = draft.BillWithParent ?? false;
    } else {
      draft.Job = false;
      draft.Level = 0;
      draft.FullyQualifiedName = display;
      delete draft.ParentRef;
      draft.BillWithParent = false;
    }

    const opening = previous ? Number(previous.Balance ?? 0) : fromCents(optionalCents(draft, 'Balance') ?? 0);
    draft.Balance = opening;
    draft.BalanceWithJobs = opening;
    draft.CurrencyRef = previous?.CurrencyRef ?? draft.CurrencyRef ?? homeCurrencyRef(ctx.state);
    draft.Taxable = draft.Taxable ?? false;

    if (draft.Active === false && previous && previous.Active !== false) {
      const open = Math.round(opening * 100) + (ctx.state.receivable.get(String(draft.Id)) ?? 0);
      if (open !== 0) {
        // QuickBooks refuses to make a customer with an open balance inactive (code UNCONFIRMED; 6000 used).
        throw faults.businessValidation('Delete List Has Balance Error: you cannot make a customer with an open balance inactive. Settle or adjust its balance first.', 'Active');
      }
    }
    return draft;
  },
  present(obj, state) {
    const open = state.receivable.get(String(obj.Id)) ?? 0;
    if (open === 0) return obj;
    const balance = fromCents(Math.round(Number(obj.Balance ?? 0) * 100) + open);
    return { ...obj, Balance: balance, BalanceWithJobs: balance };
  },
  computed: {
    Balance: (obj, state) => fromCents(Math.round(Number(obj.Balance ?? 0) * 100) + (state.receivable.get(String(obj.Id)) ?? 0)),
  },
};

function previousAddressId(previous: JsonObject | undefined, field: string): string | undefined {
  const a = previous?.[field];
  return a && typeof a === 'object' && !Array.isArray(a) && typeof a.Id === 'string' ? a.Id : undefined;
}

function nextAddressId(seed: number): number {
  return seed * 2 + 1000;
}
