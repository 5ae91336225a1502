/**
 * What differs between the four Match tabs, for the engine: which OfficeTools list and which
 * QBO entity face each other, how each side is named and handed to automatch, and which
 * mapping carries an entity across. The jobs and the generic Match tab are written once
 * against `MatchSpec`; the four specs below are the only per-kind code.
 */
import type {
  AccountPurpose,
  Contact,
  ContactInput,
  Employee,
  EmployeeInput,
  ExpenseCode,
  ExpenseCodeInput,
  WorkCode,
  WorkCodeInput,
} from '../host/protocol';
import { contactToCustomer, customerToContact } from '../mappings/contact-customer';
import { employeeFromQbo, employeeToQbo } from '../mappings/employee';
import { expenseCodeToItem, itemToExpenseCode } from '../mappings/expense-code-item';
import type { MappingResult } from '../mappings/mapping-types';
import { MappingError } from '../mappings/mapping-types';
import { itemToWorkCode, workCodeToItem } from '../mappings/work-code-item';
import type { MatchEntity, MatchKind } from '../match/types';
import type { QboCustomer, QboEmployee, QboItem, QboStored } from '../qbo/entities';
import type { LinkKind } from '../store/schema';
import type { JobHost } from './job-ports';

/** How the user calls the entities of each side, singular and plural. */
export interface EntityWords {
  ot: string;
  otPlural: string;
  qbo: string;
  qboPlural: string;
}

/** What an export needs besides the entity: the QBO accounts chosen on Account Defaults. */
export interface ExportContext {
  qboAccountByPurpose: Partial<Record<AccountPurpose, string>>;
}

/** What an import needs besides the QBO entity: the contact type new contacts get. */
export interface ImportContext {
  contactTypeId?: string;
}

/** The part of a create body that QBO keeps unique (and names in a 6240 answer). */
export type ExportBody = { DisplayName?: string; Name?: string };

export interface MatchSpec<OT extends { id: string }, Q extends QboStored, Input> {
  kind: LinkKind;
  matchKind: MatchKind;
  qboEntity: 'Customer' | 'Employee' | 'Item';
  /** The QBO field that must be unique: DisplayName for people, Name for items. */
  uniqueField: 'DisplayName' | 'Name';
  words: EntityWords;
  listOt(host: JobHost): Promise<OT[]>;
  /** Which QBO rows belong on this tab (items: only the ones that can be sold). */
  acceptsQbo(q: Q): boolean;
  otName(e: OT): string;
  qboName(q: Q): string;
  otToMatch(e: OT): MatchEntity;
  qboToMatch(q: Q): MatchEntity;
  toQbo(e: OT, ctx: ExportContext): MappingResult<ExportBody>;
  fromQbo(q: Q, ctx: ImportContext): Input;
  createOt(host: JobHost, input: Input): Promise<OT>;
}

function defined<T extends object>(o: T): T {
  for (const key of Object.keys(o) as Array<keyof T>) if (o[key] === undefined) delete o[key];
  return o;
}

export const contactSpec: MatchSpec<Contact, QboCustomer, ContactInput> = {
  kind: 'contact',
  matchKind: 'contacts',
  qboEntity: 'Customer',
  uniqueField: 'DisplayName',
  words: { ot: 'contact', otPlural: 'contacts', qbo: 'customer', qboPlural: 'customers' },
  listOt: (host) => host.request('contacts.list', {}),
  // Sub-customers (jobs) are projects under a client, not clients of their own.
  acceptsQbo: (q) => q.Job !== true,
  otName: (e) => e.displayName,
  qboName: (q) => q.DisplayName ?? q.CompanyName ?? `Customer ${q.Id}`,
  otToMatch: (e) =>
    defined({
      id: e.id,
      name: e.displayName,
      email: e.email,
      phone: e.phone,
      accountNumber: e.accountNumber,
      companyName: e.kind === 'business' ? e.companyName : undefined,
      firstName: e.firstName,
      middleName: e.middleName,
      lastName: e.lastName,
      suffix: e.suffix,
      city: e.address?.city,
    }),
  qboToMatch: (q) =>
    defined({
      id: q.Id,
      name: q.DisplayName ?? q.CompanyName ?? '',
      email: q.PrimaryEmailAddr?.Address,
      phone: q.PrimaryPhone?.FreeFormNumber,
      companyName: q.CompanyName,
      firstName: q.GivenName,
      middleName: q.MiddleName,
      lastName: q.FamilyName,
      suffix: q.Suffix,
      city: q.BillAddr?.City,
    }),
  toQbo: (e) => contactToCustomer(e),
  fromQbo: (q, ctx) => {
    if (!ctx.contactTypeId) {
      throw new MappingError('bad_value', 'Choose the contact type that imported customers get in OfficeTools, then import again.');
    }
    return { ...customerToContact(q), typeId: ctx.contactTypeId };
  },
  createOt: (host, input) => host.request('contacts.create', { input }),
};

export const employeeSpec: MatchSpec<Employee, QboEmployee, EmployeeInput> = {
  kind: 'employee',
  matchKind: 'employees',
  qboEntity: 'Employee',
  uniqueField: 'DisplayName',
  words: { ot: 'employee', otPlural: 'employees', qbo: 'employee', qboPlural: 'employees' },
  listOt: (host) => host.request('employees.list', {}),
  acceptsQbo: () => true,
  otName: (e) => [e.firstName, e.middleName, e.lastName, e.suffix].filter(Boolean).join(' '),
  qboName: (q) => q.DisplayName ?? ([q.GivenName, q.FamilyName].filter(Boolean).join(' ') || `Employee ${q.Id}`),
  otToMatch: (e) =>
    defined({
      id: e.id,
      name: [e.firstName, e.middleName, e.lastName, e.suffix].filter(Boolean).join(' '),
      email: e.email,
      phone: e.phone,
      firstName: e.firstName,
      middleName: e.middleName,
      lastName: e.lastName,
      suffix: e.suffix,
    }),
  qboToMatch: (q) =>
    defined({
      id: q.Id,
      name: q.DisplayName ?? [q.GivenName, q.FamilyName].filter(Boolean).join(' '),
      email: q.PrimaryEmailAddr?.Address,
      phone: q.PrimaryPhone?.FreeFormNumber,
      firstName: q.GivenName,
      middleName: q.MiddleName,
      lastName: q.FamilyName,
      suffix: q.Suffix,
    }),
  toQbo: (e) => employeeToQbo(e),
  fromQbo: (q) => employeeFromQbo(q),
  createOt: (host, input) => host.request('employees.create', { input }),
};

const SELLABLE = new Set(['Service', 'NonInventory', 'Inventory']);
const codeName = (e: { number: string; description: string }): string => [e.number, e.description].filter(Boolean).join(' ');

export const workCodeSpec: MatchSpec<WorkCode, QboItem, WorkCodeInput> = {
  kind: 'workCode',
  matchKind: 'items',
  qboEntity: 'Item',
  uniqueField: 'Name',
  words: { ot: 'work code', otPlural: 'work codes', qbo: 'product or service', qboPlural: 'products and services' },
  listOt: (host) => host.request('workCodes.list', {}),
  acceptsQbo: (q) => q.Type === undefined || SELLABLE.has(q.Type),
  otName: codeName,
  qboName: (q) => q.FullyQualifiedName ?? q.Name ?? `Item ${q.Id}`,
  otToMatch: (e) => ({ id: e.id, name: codeName(e), code: e.number }),
  qboToMatch: (q) => defined({ id: q.Id, name: q.FullyQualifiedName ?? q.Name ?? '', code: q.Sku }),
  toQbo: (e, ctx) => workCodeToItem(e, { incomeAccountId: ctx.qboAccountByPurpose.workCodeIncome ?? '' }),
  fromQbo: (q) => itemToWorkCode(q),
  createOt: (host, input) => host.request('workCodes.create', { input }),
};

export const expenseCodeSpec: MatchSpec<ExpenseCode, QboItem, ExpenseCodeInput> = {
  kind: 'expenseCode',
  matchKind: 'items',
  qboEntity: 'Item',
  uniqueField: 'Name',
  words: { ot: 'expense code', otPlural: 'expense codes', qbo: 'item', qboPlural: 'items' },
  listOt: (host) => host.request('expenseCodes.list', {}),
  acceptsQbo: (q) => q.Type === undefined || SELLABLE.has(q.Type),
  otName: codeName,
  qboName: (q) => q.FullyQualifiedName ?? q.Name ?? `Item ${q.Id}`,
  otToMatch: (e) => ({ id: e.id, name: codeName(e), code: e.number }),
  qboToMatch: (q) => defined({ id: q.Id, name: q.FullyQualifiedName ?? q.Name ?? '', code: q.Sku }),
  toQbo: (e, ctx) => expenseCodeToItem(e, { incomeAccountId: ctx.qboAccountByPurpose.expenseCodeIncome ?? '' }),
  fromQbo: (q) => itemToExpenseCode(q),
  createOt: (host, input) => host.request('expenseCodes.create', { input }),
};

/** The other kind that links QBO Items: an item linked as a work code is not offered as an expense code. */
export function siblingItemKind(kind: LinkKind): LinkKind | undefined {
  return kind === 'workCode' ? 'expenseCode' : kind === 'expenseCode' ? 'workCode' : undefined;
}
