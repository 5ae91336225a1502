/**
 * The customer fields contact sync keeps in step, as a flat map of dotted paths
 * (`BillAddr.City`) to plain values. Flat, because the outbox and the link's `syncedFields`
 * store flat records, and because a conflict is decided per field: QBO changing the city and
 * us changing the street are not a conflict.
 *
 * Normal form, so that the two sides compare equal when they mean the same: a text field that
 * is empty or absent is '' (QBO omits cleared fields from its answers), and a country is the
 * ISO alpha-2 code OfficeTools keeps (QBO answers alpha-3 since late 2025).
 */
import type { Contact } from '../host/protocol';
import { countryFromQbo } from '../mappings/address';
import { contactToCustomer } from '../mappings/contact-customer';
import type { MappingWarning } from '../mappings/mapping-types';
import type { QboCustomer, QboCustomerFields, QboPhysicalAddress } from '../qbo/entities';

export type FieldValue = string | number | boolean | null;
export type FlatFields = Record<string, FieldValue>;

const TEXT_FIELDS = ['DisplayName', 'CompanyName', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix'] as const;
const ADDRESS_PARTS = ['Line1', 'Line2', 'City', 'CountrySubDivisionCode', 'PostalCode', 'Country'] as const;

/** Every field contact sync reads and writes, in a stable order. */
export const SYNCED_FIELDS: readonly string[] = [
  ...TEXT_FIELDS,
  'PrimaryEmailAddr.Address',
  'PrimaryPhone.FreeFormNumber',
  ...ADDRESS_PARTS.map((p) => `BillAddr.${p}`),
  'Active',
];

/** Words for the panel's conflict prompt. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  DisplayName: 'Display name',
  CompanyName: 'Company name',
  GivenName: 'First name',
  MiddleName: 'Middle name',
  FamilyName: 'Last name',
  Suffix: 'Suffix',
  'PrimaryEmailAddr.Address': 'Email',
  'PrimaryPhone.FreeFormNumber': 'Phone',
  'BillAddr.Line1': 'Address line 1',
  'BillAddr.Line2': 'Address line 2',
  'BillAddr.City': 'City',
  'BillAddr.CountrySubDivisionCode': 'State',
  'BillAddr.PostalCode': 'Postal code',
  'BillAddr.Country': 'Country',
  Active: 'Active',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

function text(value: string | undefined): string {
  return value?.trim() ?? '';
}

function country(value: string | undefined): string {
  return countryFromQbo(value) ?? '';
}

/** The synced fields of a customer payload or of a customer as QBO answers it. */
export function flattenCustomer(customer: QboCustomerFields): FlatFields {
  const out: FlatFields = {};
  for (const f of TEXT_FIELDS) out[f] = text(customer[f]);
  out['PrimaryEmailAddr.Address'] = text(customer.PrimaryEmailAddr?.Address);
  out['PrimaryPhone.FreeFormNumber'] = text(customer.PrimaryPhone?.FreeFormNumber);
  const addr: QboPhysicalAddress = customer.BillAddr ?? {};
  for (const p of ADDRESS_PARTS) out[`BillAddr.${p}`] = p === 'Country' ? country(addr.Country) : text(addr[p]);
  // QBO treats an absent Active as active.
  out.Active = customer.Active !== false;
  return out;
}

export interface ContactCustomerFields {
  fields: FlatFields;
  warnings: MappingWarning[];
}

/** What the contact looks like as a customer (throws MappingError when it has no name). */
export function contactFields(contact: Contact): ContactCustomerFields {
  const { payload, warnings } = contactToCustomer(contact);
  return { fields: flattenCustomer(payload), warnings };
}

export function customerFields(customer: QboCustomer): FlatFields {
  return flattenCustomer(customer);
}

/** The fields whose values differ (every synced field present on both sides is compared). */
export function changedFields(before: FlatFields, after: FlatFields): FlatFields {
  const out: FlatFields = {};
  for (const f of SYNCED_FIELDS) {
    if (!(f in after)) continue;
    if (before[f] !== after[f]) out[f] = after[f];
  }
  return out;
}

export function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  return (a ?? '') === (b ?? '');
}

/**
 * The body of a sparse update carrying `changes`. QBO replaces an address as a unit, so when
 * any address part changes the whole BillAddr goes, its other parts taken from `current` (what
 * QBO holds now), so that a part QBO changed is sent back unchanged, never overwritten.
 */
export function sparseBody(changes: FlatFields, current: FlatFields): QboCustomerFields {
  const body: QboCustomerFields = {};
  const str = (v: FieldValue | undefined): string => (v === null || v === undefined ? '' : String(v));
  for (const f of TEXT_FIELDS) if (f in changes) body[f] = str(changes[f]);
  if ('PrimaryEmailAddr.Address' in changes) body.PrimaryEmailAddr = { Address: str(changes['PrimaryEmailAddr.Address']) };
  if ('PrimaryPhone.FreeFormNumber' in changes) body.PrimaryPhone = { FreeFormNumber: str(changes['PrimaryPhone.FreeFormNumber']) };
  if (ADDRESS_PARTS.some((p) => `BillAddr.${p}` in changes)) {
    const addr: QboPhysicalAddress = {};
    for (const p of ADDRESS_PARTS) {
      const key = `BillAddr.${p}`;
      addr[p] = str(key in changes ? changes[key] : current[key]);
    }
    body.BillAddr = addr;
  }
  if ('Active' in changes) body.Active = changes.Active !== false;
  return body;
}

/** The body that creates a customer: every synced field that has a value. */
export function createBody(fields: FlatFields): QboCustomerFields {
  const full = sparseBody(fields, {});
  const body: QboCustomerFields = {};
  for (const f of TEXT_FIELDS) if (full[f]) body[f] = full[f];
  if (full.PrimaryEmailAddr?.Address) body.PrimaryEmailAddr = full.PrimaryEmailAddr;
  if (full.PrimaryPhone?.FreeFormNumber) body.PrimaryPhone = full.PrimaryPhone;
  if (full.BillAddr) {
    const addr: QboPhysicalAddress = {};
    for (const p of ADDRESS_PARTS) if (full.BillAddr[p]) addr[p] = full.BillAddr[p];
    if (Object.keys(addr).length > 0) body.BillAddr = addr;
  }
  if (full.Active !== undefined) body.Active = full.Active;
  return body;
}
