/** Field checks shared by the entity specs; each throws the QuickBooks fault a client would get. */
import { faults } from '../faults';
import { isJsonObject, type Json, type JsonObject } from '../http-io';
import { isPlainDate } from '../pacific-time';
import type { CompanyState, EntityName } from '../store/company-state';
import { toCents } from '../money';

const FORBIDDEN_IN_NAMES = /[:\t\n\r]/;

export function optionalString(obj: JsonObject, field: string, max: number, element = field): string | undefined {
  const v = obj[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw faults.invalidValue(element, 'must be a string');
  if (v.length > max) throw faults.stringTooLong(element, max);
  return v;
}

/** Name fields may not contain ':', tab or newline (QBO-FACTS §3 Customer). */
export function nameString(obj: JsonObject, field: string, max: number, element = field): string | undefined {
  const v = optionalString(obj, field, max, element);
  if (v !== undefined && FORBIDDEN_IN_NAMES.test(v)) {
    throw faults.businessValidation(`${element} cannot contain a colon (:), a tab or a new line.`, element);
  }
  return v;
}

export function optionalBoolean(obj: JsonObject, field: string): boolean | undefined {
  const v = obj[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw faults.invalidValue(field, 'must be true or false');
  return v;
}

export function optionalNumber(obj: JsonObject, field: string, element = field): number | undefined {
  const v = obj[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  throw faults.invalidValue(element, 'must be a number');
}

/** An amount in cents; QuickBooks keeps two decimals for amounts (finer is refused here). */
export function optionalCents(obj: JsonObject, field: string, element = field): number | undefined {
  const n = optionalNumber(obj, field, element);
  if (n === undefined) return undefined;
  const cents = toCents(n);
  if (cents === undefined || Math.abs(n) >= 1e13) throw faults.businessValidation(`${element} must be an amount with at most 2 decimals and 13 integer digits.`, element);
  return cents;
}

export function optionalDate(obj: JsonObject, field: string, element = field): string | undefined {
  const v = obj[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || !isPlainDate(v)) throw faults.invalidValue(element, 'must be a date in yyyy-MM-dd form');
  return v;
}

export function optionalEnum<T extends string>(obj: JsonObject, field: string, values: readonly T[], element = field): T | undefined {
  const v = obj[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || !values.includes(v as T)) throw faults.invalidValue(element, `must be one of ${values.join(', ')}`);
  return v as T;
}

export function optionalObject(obj: JsonObject, field: string, element = field): JsonObject | undefined {
  const v = obj[field];
  if (v === undefined || v === null) return undefined;
  if (!isJsonObject(v)) throw faults.invalidValue(element, 'must be an object');
  return v;
}

/** Checks nested object keys against a known list (2010 on anything else). */
export function knownKeys(obj: JsonObject, allowed: ReadonlySet<string>, className: string): void {
  for (const key of Object.keys(obj)) if (!allowed.has(key)) throw faults.unsupportedProperty(className, key);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function emailAddr(obj: JsonObject, field: string): void {
  const v = optionalObject(obj, field);
  if (!v) return;
  knownKeys(v, new Set(['Address', 'Id']), 'EmailAddress');
  const address = optionalString(v, 'Address', 100, `${field}.Address`);
  if (address !== undefined && address !== '' && !EMAIL.test(address)) {
    throw faults.businessValidation(`Email Address does not conform to the syntax rules of RFC 822. Supplied value:${address}`, `${field}.Address`);
  }
}

export function phone(obj: JsonObject, field: string): void {
  const v = optionalObject(obj, field);
  if (!v) return;
  knownKeys(v, new Set(['FreeFormNumber', 'Id', 'DeviceType', 'CountryCode', 'AreaCode', 'ExchangeCode', 'Extension']), 'TelephoneNumber');
  optionalString(v, 'FreeFormNumber', 30, `${field}.FreeFormNumber`);
}

export function webAddr(obj: JsonObject, field: string): void {
  const v = optionalObject(obj, field);
  if (!v) return;
  knownKeys(v, new Set(['URI', 'Id']), 'WebSiteAddress');
  optionalString(v, 'URI', 1000, `${field}.URI`);
}

const ADDRESS_KEYS = new Set(['Id', 'Line1', 'Line2', 'Line3', 'Line4', 'Line5', 'City', 'Country', 'CountryCode', 'CountrySubDivisionCode', 'PostalCode', 'PostalCodeSuffix', 'Lat', 'Long', 'Tag', 'Note']);

export function address(obj: JsonObject, field: string): JsonObject | undefined {
  const v = optionalObject(obj, field);
  if (!v) return undefined;
  knownKeys(v, ADDRESS_KEYS, 'PhysicalAddress');
  for (const line of ['Line1', 'Line2', 'Line3', 'Line4', 'Line5']) optionalString(v, line, 500, `${field}.${line}`);
  optionalString(v, 'City', 255, `${field}.City`);
  optionalString(v, 'Country', 255, `${field}.Country`);
  optionalString(v, 'CountrySubDivisionCode', 255, `${field}.CountrySubDivisionCode`);
  optionalString(v, 'PostalCode', 30, `${field}.PostalCode`);
  // Addresses get an Id when stored; Lat/Long were dropped in late 2025 (QBO-FACTS §3).
  const { Lat: _lat, Long: _long, ...rest } = v;
  return rest;
}

export interface RefCheck {
  entity: EntityName;
  element: string;
  /** Refuse inactive targets (610), as QuickBooks does for new links. */
  activeOnly?: boolean;
}

/** Validates a `{value, name?}` reference and returns the target object. */
export function reference(state: CompanyState, ref: Json | undefined, check: RefCheck): JsonObject | undefined {
  if (ref === undefined || ref === null) return undefined;
  if (!isJsonObject(ref)) throw faults.invalidValue(check.element, 'must be a reference {"value": "<Id>"}');
  knownKeys(ref, new Set(['value', 'name', 'type']), 'ReferenceType');
  const value = ref.value;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) {
    // TaxCode ids on US companies are the words TAX and NON.
    if (!(check.entity === 'TaxCode' && typeof value === 'string' && value !== '')) throw faults.invalidReference(check.element);
  }
  const target = state.tables[check.entity].get(String(value));
  if (!target) throw faults.invalidReference(check.element);
  if (check.activeOnly && target.Active === false) throw faults.inactiveReference(check.element);
  return target;
}

/** A reference as QuickBooks answers it: value plus the target's current name. */
export function refOut(target: JsonObject, nameField = 'DisplayName'): JsonObject {
  const name = target[nameField] ?? target.FullyQualifiedName ?? target.Name;
  return typeof name === 'string' ? { value: String(target.Id), name } : { value: String(target.Id) };
}
