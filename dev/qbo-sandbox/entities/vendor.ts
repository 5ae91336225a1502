/** Vendor: only as far as it shares the DisplayName pool with Customer and Employee (issue 3 §1). */
import { faults } from '../faults';
import type { EntitySpec } from './entity-spec';
import { claimDisplayName, ensureDisplayName, personNames } from './display-name';
import { address, emailAddr, optionalBoolean, optionalString, phone, webAddr } from './rules';
import { homeCurrencyRef } from './company-settings';

export const vendorSpec: EntitySpec = {
  name: 'Vendor',
  resource: 'vendor',
  kind: 'name',
  writable: new Set([
    'Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix', 'DisplayName', 'CompanyName', 'PrintOnCheckName', 'Active',
    'PrimaryPhone', 'AlternatePhone', 'Mobile', 'Fax', 'PrimaryEmailAddr', 'WebAddr', 'BillAddr', 'TaxIdentifier', 'AcctNum',
    'Vendor1099', 'CurrencyRef', 'TermRef', 'Notes',
  ]),
  readOnly: new Set(['Balance']),
  keepOnFullUpdate: new Set(['DisplayName', 'CurrencyRef', 'PrintOnCheckName']),
  filterable: ['Id', 'DisplayName', 'GivenName', 'MiddleName', 'FamilyName', 'CompanyName', 'PrintOnCheckName', 'PrimaryEmailAddr', 'Active', 'Balance', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'],
  finish(draft, { ctx, previous }) {
    personNames(draft);
    const display = ensureDisplayName(draft, ['CompanyName']);
    if (display === undefined) throw faults.required('DisplayName');
    if (draft.PrintOnCheckName === undefined || draft.PrintOnCheckName === null) draft.PrintOnCheckName = display.slice(0, 110);
    claimDisplayName(ctx.state, 'Vendor', String(draft.Id), display);
    for (const f of ['PrimaryPhone', 'AlternatePhone', 'Mobile', 'Fax']) phone(draft, f);
    emailAddr(draft, 'PrimaryEmailAddr');
    webAddr(draft, 'WebAddr');
    const bill = address(draft, 'BillAddr');
    if (bill) draft.BillAddr = bill;
    optionalString(draft, 'AcctNum', 100);
    optionalString(draft, 'TaxIdentifier', 20);
    optionalString(draft, 'Notes', 2000);
    optionalBoolean(draft, 'Vendor1099');
    draft.Active = optionalBoolean(draft, 'Active') ?? true;
    draft.Balance = previous?.Balance ?? 0;
    draft.CurrencyRef = previous?.CurrencyRef ?? draft.CurrencyRef ?? homeCurrencyRef(ctx.state);
    return draft;
  },
};
