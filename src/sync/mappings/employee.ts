/**
 * OfficeTools employee ⇄ QBO Employee.
 *
 * Decisions (QBO-FACTS §3): name parts go to GivenName/MiddleName/FamilyName/Suffix, cleaned
 * like customer names; DisplayName is "First Last" (plus the suffix), set explicitly so it is
 * the same name the Match tab shows and the one a 6240 clash refers to (Employee shares the
 * DisplayName pool with Customer and Vendor). Hired date passes as `YYYY-MM-DD`. Initials
 * have no QBO field and stay in OfficeTools.
 */
import type { Employee, EmployeeInput } from '../host/protocol';
import type { QboEmployee, QboEmployeeFields } from '../qbo/entities';
import { WarningList } from './clean-text';
import { emailPhoneToQbo } from './email-phone';
import type { EntityMapping, MappingResult } from './mapping-types';
import { MappingError } from './mapping-types';
import { diffFields } from './sparse-diff';

export type EmployeeFields = Pick<
  Employee,
  'firstName' | 'middleName' | 'lastName' | 'suffix' | 'email' | 'phone' | 'hiredDate' | 'active'
>;

export type EmployeeContext = Record<string, never>;

const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function employeeToQbo(employee: EmployeeFields, _ctx?: EmployeeContext): MappingResult<QboEmployeeFields> {
  const w = new WarningList();
  const payload: QboEmployeeFields = {};
  const given = w.text(employee.firstName, { field: 'GivenName', label: 'first name', maxLength: 100, name: true });
  const middle = w.text(employee.middleName, { field: 'MiddleName', label: 'middle name', maxLength: 100, name: true });
  const family = w.text(employee.lastName, { field: 'FamilyName', label: 'last name', maxLength: 100, name: true });
  const suffix = w.text(employee.suffix, { field: 'Suffix', label: 'suffix', maxLength: 16, name: true });
  if (!given && !family) {
    throw new MappingError(
      'missing_name',
      'This employee has no first or last name. Enter one in OfficeTools, then export it.',
      'GivenName',
    );
  }
  if (given) payload.GivenName = given;
  if (middle) payload.MiddleName = middle;
  if (family) payload.FamilyName = family;
  if (suffix) payload.Suffix = suffix;
  payload.DisplayName = [given, family, suffix].filter(Boolean).join(' ');

  Object.assign(payload, emailPhoneToQbo(employee.email, employee.phone, w));
  if (employee.hiredDate) {
    if (!PLAIN_DATE.test(employee.hiredDate)) {
      throw new MappingError('bad_value', `The hired date "${employee.hiredDate}" is not a YYYY-MM-DD date.`, 'HiredDate');
    }
    payload.HiredDate = employee.hiredDate;
  }
  payload.Active = employee.active;
  return { payload, warnings: w.items };
}

function text(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}

export function employeeFromQbo(employee: QboEmployee): EmployeeInput {
  let first = text(employee.GivenName);
  let last = text(employee.FamilyName);
  if (!first && !last) {
    // Only a DisplayName: its last word is the family name.
    const display = text(employee.DisplayName) ?? '';
    const cut = display.lastIndexOf(' ');
    first = cut > 0 ? display.slice(0, cut) : undefined;
    last = cut > 0 ? display.slice(cut + 1) : display;
  }
  const out: EmployeeInput = { firstName: first ?? '', lastName: last ?? '', active: employee.Active !== false };
  const set = <K extends keyof EmployeeInput>(key: K, value: EmployeeInput[K] | undefined) => {
    if (value !== undefined) out[key] = value;
  };
  set('middleName', text(employee.MiddleName));
  set('suffix', text(employee.Suffix));
  set('email', text(employee.PrimaryEmailAddr?.Address));
  set('phone', text(employee.PrimaryPhone?.FreeFormNumber));
  // QBO may answer a date-time; OfficeTools keeps the date.
  set('hiredDate', employee.HiredDate ? employee.HiredDate.slice(0, 10) : undefined);
  return out;
}

export function changedEmployeeFields(before: EmployeeFields, after: EmployeeFields): Partial<QboEmployeeFields> {
  return diffFields(employeeToQbo(before).payload, employeeToQbo(after).payload);
}

export const employeeMapping: EntityMapping<EmployeeFields, EmployeeInput, QboEmployee, QboEmployeeFields, EmployeeContext | undefined> = {
  kind: 'employee',
  qboEntity: 'Employee',
  toQbo: employeeToQbo,
  fromQbo: employeeFromQbo,
  changedFields: changedEmployeeFields,
};

export { employeeToQbo as toQbo, employeeFromQbo as fromQbo, changedEmployeeFields as changedFields };
