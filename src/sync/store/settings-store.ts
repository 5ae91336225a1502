/**
 * The add-in's settings for one QBO company (the `settings` store, keyed by realmId). A company
 * never seen before reads as the defaults, so callers need no "first time" branch.
 */
import type { QboSyncDatabase, SettingsRecord } from './schema';

/** The fields a caller may change; realmId is the key and updatedAt is stamped here. */
export type SettingsPatch = Partial<Omit<SettingsRecord, 'realmId' | 'updatedAt'>>;

export class SettingsStoreError extends Error {
  readonly code: 'invalid_realm';
  constructor(message: string) {
    super(message);
    this.name = 'SettingsStoreError';
    this.code = 'invalid_realm';
  }
}

function checkRealm(realmId: string): void {
  if (typeof realmId !== 'string' || realmId.trim() === '') {
    throw new SettingsStoreError('Settings belong to a QuickBooks Online company, but no company id was given. Connect to QuickBooks Online first.');
  }
}

/** The settings of a company nobody has configured yet: contact sync off, nothing mapped. */
export function defaultSettings(realmId: string): SettingsRecord {
  return {
    realmId,
    contactSyncEnabled: false,
    contactTypeIds: [],
    accountDefaults: {},
    lineItemDefaults: {},
    depositAccountId: '',
    updatedAt: '',
  };
}

export async function getSettings(db: QboSyncDatabase, realmId: string): Promise<SettingsRecord> {
  checkRealm(realmId);
  const found = await db.get('settings', realmId);
  // Fill fields a future migration might add, so a record written by an older add-in still reads whole.
  return found ? { ...defaultSettings(realmId), ...found } : defaultSettings(realmId);
}

/** Merges `patch` into the stored settings in one transaction and returns what was stored. */
export async function saveSettings(db: QboSyncDatabase, realmId: string, patch: SettingsPatch): Promise<SettingsRecord> {
  checkRealm(realmId);
  const tx = db.transaction('settings', 'readwrite');
  const current = (await tx.store.get(realmId)) ?? defaultSettings(realmId);
  const next: SettingsRecord = {
    ...defaultSettings(realmId),
    ...current,
    ...patch,
    // Copies, so a caller mutating its arrays or maps later cannot change what we return.
    contactTypeIds: [...new Set(patch.contactTypeIds ?? current.contactTypeIds)],
    accountDefaults: { ...(patch.accountDefaults ?? current.accountDefaults) },
    lineItemDefaults: { ...(patch.lineItemDefaults ?? current.lineItemDefaults) },
    realmId,
    updatedAt: new Date().toISOString(),
  };
  await tx.store.put(next);
  await tx.done;
  return next;
}
