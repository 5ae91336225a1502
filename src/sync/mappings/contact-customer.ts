/**
 * OfficeTools contact ⇄ QBO Customer.
 *
 * Decisions (QBO-FACTS §3):
 * - A business sends CompanyName and DisplayName = the company name; its contact person, if
 *   any, goes to GivenName/MiddleName/FamilyName/Suffix.
 * - An individual sends the name parts and DisplayName "First M. Last" (the middle name or
 *   initial and the suffix when there are, "John Q. Smith Jr.", so that "Larry D. Adams" and
 *   "Larry Adams", or father and son, do not collide on QBO's one DisplayName pool shared with
 *   vendors and employees). No CompanyName.
 * - The OfficeTools account number is NOT sent. QBO's Customer has no account-number field
 *   (AcctNum belongs to Vendor and Account; an unknown property is refused with 2010), and
 *   ResaleNum (a sales-tax resale certificate) or Notes (the bookkeeper's own text, which a
 *   later update would overwrite) would misuse fields that mean something else. The link
 *   store, not a field in QBO, ties a customer to its contact.
 * - Names lose ':' (→ '-'), tabs and line breaks, and are cut to QBO's limits; the user is told.
 *   An email QBO would refuse (no '@' or '.') is left out, with a warning.
 * - From QBO: a customer with a CompanyName is a business; one with only person names is an
 *   individual; one with neither is a business named by its DisplayName. The OfficeTools
 *   display name and the contact type are OfficeTools' to decide, so neither is returned.
 */
import type { Contact, ContactInput } from '../host/protocol';
import type { QboCustomer, QboCustomerFields } from '../qbo/entities';
import { addressFromQbo, addressToQbo } from './address';
import { WarningList } from './clean-text';
import { emailPhoneToQbo } from './email-phone';
import type { EntityMapping, MappingResult } from './mapping-types';
import { MappingError } from './mapping-types';
import { diffFields } from './sparse-diff';

/** What the mapping reads of a contact (a Contact or a ContactInput both fit). */
export type ContactFields = Pick<
  Contact,
  'kind' | 'companyName' | 'firstName' | 'middleName' | 'lastName' | 'suffix' | 'email' | 'phone' | 'address' | 'active'
> & { displayName?: string };

/** A contact to create in OfficeTools from a customer; the caller adds the contact type. */
export type ContactDraft = Omit<ContactInput, 'typeId' | 'displayName'>;

export type CustomerContext = Record<string, never>;

/** QBO needs '@' and '.' in an email address. */

function joinName(...parts: Array<string | undefined>): string {
  return parts
    .map((p) => p?.trim())
    .filter((p): p is string => Boolean(p))
    .join(' ');
}

export function contactToCustomer(contact: ContactFields, _ctx?: CustomerContext): MappingResult<QboCustomerFields> {
  const w = new WarningList();
  const payload: QboCustomerFields = {};
  const given = w.text(contact.firstName, { field: 'GivenName', label: 'first name', maxLength: 100, name: true });
  const middle = w.text(contact.middleName, { field: 'MiddleName', label: 'middle name', maxLength: 100, name: true });
  const family = w.text(contact.lastName, { field: 'FamilyName', label: 'last name', maxLength: 100, name: true });
  const suffix = w.text(contact.suffix, { field: 'Suffix', label: 'suffix', maxLength: 16, name: true });

  let display: string;
  if (contact.kind === 'business') {
    const source = contact.companyName?.trim() ? contact.companyName : contact.displayName;
    // Cleaned once under the DisplayName limit; CompanyName's shorter limit may cut it further.
    const name = w.text(source, { field: 'DisplayName', label: 'company name', maxLength: 500, name: true });
    if (!name) {
      throw new MappingError(
        'missing_name',
        'This business contact has no company name. Enter one in OfficeTools, then export it.',
        'CompanyName',
      );
    }
    display = name;
    payload.CompanyName =
      name.length > 100 ? (w.text(name, { field: 'CompanyName', label: 'company name', maxLength: 100 }) ?? name) : name;
  } else {
    const person = joinName(given, middle && /^\p{L}$/u.test(middle) ? `${middle}.` : middle, family, suffix);
    if (!person) {
      throw new MappingError(
        'missing_name',
        'This contact has no first or last name. Enter one in OfficeTools, then export it.',
        'DisplayName',
      );
    }
    display = person.length > 500 ? person.slice(0, 500).trimEnd() : person;
  }
  if (given) payload.GivenName = given;
  if (middle) payload.MiddleName = middle;
  if (family) payload.FamilyName = family;
  if (suffix) payload.Suffix = suffix;
  payload.DisplayName = display;

  Object.assign(payload, emailPhoneToQbo(contact.email, contact.phone, w));
  const address = addressToQbo(contact.address, w);
  if (address) payload.BillAddr = address;
  payload.Active = contact.active;
  return { payload, warnings: w.items };
}

function text(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}

export function customerToContact(customer: QboCustomer): ContactDraft {
  const company = text(customer.CompanyName);
  const given = text(customer.GivenName);
  const family = text(customer.FamilyName);
  const kind: ContactDraft['kind'] = company || !(given || family) ? 'business' : 'individual';
  const draft: ContactDraft = { kind, active: customer.Active !== false };
  const set = <K extends keyof ContactDraft>(key: K, value: ContactDraft[K] | undefined) => {
    if (value !== undefined) draft[key] = value;
  };
  set('companyName', kind === 'business' ? (company ?? text(customer.DisplayName)) : undefined);
  set('firstName', given);
  set('middleName', text(customer.MiddleName));
  set('lastName', family);
  set('suffix', text(customer.Suffix));
  set('email', text(customer.PrimaryEmailAddr?.Address));
  set('phone', text(customer.PrimaryPhone?.FreeFormNumber));
  set('address', addressFromQbo(customer.BillAddr));
  return draft;
}

export function changedCustomerFields(before: ContactFields, after: ContactFields): Partial<QboCustomerFields> {
  return diffFields(contactToCustomer(before).payload, contactToCustomer(after).payload);
}

export const contactCustomerMapping: EntityMapping<ContactFields, ContactDraft, QboCustomer, QboCustomerFields, CustomerContext | undefined> = {
  kind: 'contact',
  qboEntity: 'Customer',
  toQbo: contactToCustomer,
  fromQbo: customerToContact,
  changedFields: changedCustomerFields,
};

export { contactToCustomer as toQbo, customerToContact as fromQbo, changedCustomerFields as changedFields };
