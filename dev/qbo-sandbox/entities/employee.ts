/** Employee (QBO-FACTS §3 Employee): GivenName or FamilyName required; SSN answered masked. */
import { faults } from '../faults';
import type { EntitySpec } from './entity-spec';
import { claimDisplayName, ensureDisplayName, personNames } from './display-name';
import { address, emailAddr, optionalBoolean, optionalDate, optionalEnum, optionalNumber, optionalString, phone } from './rules';

export const employeeSpec: EntitySpec = {
  name: 'Employee',
  resource: 'employee',
  kind: 'name',
  writable: new Set([
    'Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix', 'DisplayName', 'PrintOnCheckName', 'Active', 'PrimaryPhone',
    'Mobile', 'PrimaryEmailAddr', 'EmployeeNumber', 'SSN', 'PrimaryAddr', 'BillableTime', 'BillRate', 'HiredDate',
    'ReleasedDate', 'BirthDate', 'Gender', 'CostRate', 'Organization',
  ]),
  readOnly: new Set(['V4IDPseudonym']),
  keepOnFullUpdate: new Set(['DisplayName', 'PrintOnCheckName']),
  filterable: ['Id', 'DisplayName', 'GivenName', 'MiddleName', 'FamilyName', 'PrintOnCheckName', 'PrimaryEmailAddr', 'EmployeeNumber', 'Active', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'],
  finish(draft, { ctx, previous }) {
    personNames(draft);
    const given = draft.GivenName;
    const family = draft.FamilyName;
    if ((typeof given !== 'string' || !given.trim()) && (typeof family !== 'string' || !family.trim())) throw faults.required('GivenName or FamilyName');
    const display = ensureDisplayName(draft) as string;
    if (draft.PrintOnCheckName === undefined || draft.PrintOnCheckName === null) draft.PrintOnCheckName = display.slice(0, 110);
    claimDisplayName(ctx.state, 'Employee', String(draft.Id), display);
    phone(draft, 'PrimaryPhone');
    phone(draft, 'Mobile');
    emailAddr(draft, 'PrimaryEmailAddr');
    const addr = address(draft, 'PrimaryAddr');
    if (addr) draft.PrimaryAddr = addr;
    optionalString(draft, 'EmployeeNumber', 100);
    for (const d of ['HiredDate', 'ReleasedDate', 'BirthDate']) optionalDate(draft, d);
    optionalEnum(draft, 'Gender', ['Male', 'Female']);
    optionalNumber(draft, 'BillRate');
    optionalNumber(draft, 'CostRate');
    optionalBoolean(draft, 'BillableTime');
    const ssn = optionalString(draft, 'SSN', 20);
    // QuickBooks never answers the SSN itself, only its mask.
    if (ssn !== undefined) draft.SSN = ssn === '' ? '' : 'XXX-XX-XXXX';
    else if (previous?.SSN && !('SSN' in draft)) draft.SSN = previous.SSN;
    draft.Active = optionalBoolean(draft, 'Active') ?? true;
    draft.BillableTime = draft.BillableTime ?? false;
    return draft;
  },
};
