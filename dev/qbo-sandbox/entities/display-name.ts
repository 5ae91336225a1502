/**
 * Customer, Vendor and Employee share one DisplayName pool (QBO-FACTS §3, §8). The sandbox
 * compares case-insensitively (QuickBooks' case rule is UNCONFIRMED; stricter side).
 */
import { faults } from '../faults';
import type { JsonObject } from '../http-io';
import type { CompanyState, EntityName } from '../store/company-state';
import { nameString, optionalString } from './rules';

export function personNames(draft: JsonObject): void {
  nameString(draft, 'Title', 16);
  nameString(draft, 'GivenName', 100);
  nameString(draft, 'MiddleName', 100);
  nameString(draft, 'FamilyName', 100);
  nameString(draft, 'Suffix', 16);
  optionalString(draft, 'CompanyName', 100);
  nameString(draft, 'PrintOnCheckName', 110);
}

/** Fills DisplayName from the name parts when absent, as QuickBooks does. */
export function ensureDisplayName(draft: JsonObject, extra: string[] = []): string | undefined {
  let display = nameString(draft, 'DisplayName', 500);
  if (display === undefined || display.trim() === '') {
    const parts = ['Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix', ...extra]
      .map((f) => draft[f])
      .filter((v): v is string => typeof v === 'string' && v.trim() !== '');
    display = parts.length ? parts.join(' ') : undefined;
    if (display !== undefined) {
      if (display.length > 500) throw faults.stringTooLong('DisplayName', 500);
      draft.DisplayName = display;
    }
  }
  return display;
}

export function claimDisplayName(state: CompanyState, entity: EntityName, id: string, display: string): void {
  const owner = state.namePool.get(display.toLowerCase());
  if (owner && !(owner.entity === entity && owner.Id === id)) throw faults.duplicateName();
}
