/**
 * OfficeTools address ⇄ QBO PhysicalAddress. OfficeTools keeps ISO-3166 alpha-2 country codes;
 * QBO takes free text and, since late 2025, answers ISO alpha-3 (`USA`, QBO-FACTS §3), so
 * known alpha-3 codes and names are read back as alpha-2.
 */
import type { Address } from '../host/protocol';
import type { QboPhysicalAddress } from '../qbo/entities';
import type { WarningList } from './clean-text';

const TO_ALPHA2: Record<string, string> = {
  USA: 'US',
  'UNITED STATES': 'US',
  'UNITED STATES OF AMERICA': 'US',
  CAN: 'CA',
  CANADA: 'CA',
  GBR: 'GB',
  'UNITED KINGDOM': 'GB',
  AUS: 'AU',
  AUSTRALIA: 'AU',
  MEX: 'MX',
  MEXICO: 'MX',
  IND: 'IN',
  INDIA: 'IN',
  IRL: 'IE',
  IRELAND: 'IE',
  NZL: 'NZ',
  'NEW ZEALAND': 'NZ',
  FRA: 'FR',
  FRANCE: 'FR',
  DEU: 'DE',
  GERMANY: 'DE',
};

/** A QBO country (alpha-2, alpha-3 or name) as OfficeTools keeps it. */
export function countryFromQbo(country: string | undefined): string | undefined {
  if (!country) return undefined;
  const key = country.trim().toUpperCase();
  if (key === '') return undefined;
  return TO_ALPHA2[key] ?? country.trim();
}

export function addressToQbo(address: Address | undefined, warnings: WarningList): QboPhysicalAddress | undefined {
  if (!address) return undefined;
  const line = (value: string | undefined, field: string, label: string, maxLength: number) =>
    warnings.text(value, { field: `BillAddr.${field}`, label, maxLength, singleLine: true });
  const out: QboPhysicalAddress = {};
  const set = (key: keyof QboPhysicalAddress, value: string | undefined) => {
    if (value !== undefined) out[key] = value;
  };
  set('Line1', line(address.line1, 'Line1', 'address line 1', 500));
  set('Line2', line(address.line2, 'Line2', 'address line 2', 500));
  set('City', line(address.city, 'City', 'city', 255));
  set('CountrySubDivisionCode', line(address.state, 'CountrySubDivisionCode', 'state', 255));
  set('PostalCode', line(address.postalCode, 'PostalCode', 'postal code', 30));
  set('Country', line(address.country, 'Country', 'country', 255));
  return Object.keys(out).length > 0 ? out : undefined;
}

export function addressFromQbo(addr: QboPhysicalAddress | undefined): Address | undefined {
  if (!addr) return undefined;
  const out: Address = {};
  const set = (key: keyof Address, value: string | undefined) => {
    const v = value?.trim();
    if (v) out[key] = v;
  };
  set('line1', addr.Line1);
  set('line2', addr.Line2);
  set('city', addr.City);
  set('state', addr.CountrySubDivisionCode);
  set('postalCode', addr.PostalCode);
  set('country', countryFromQbo(addr.Country));
  return Object.keys(out).length > 0 ? out : undefined;
}
