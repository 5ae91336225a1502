/**
 * The add-in's settings for one QBO company (the `settings` store, keyed by realmId). A company
 * never seen before reads as the defaults, so callers need no "first time" branch.
 *
 * `createSettingsAccess` with a replication writer saves through to the firm (one push with
 * the rev the settings were based on; IndexedDB changes from the firm's answer). If someone
 * else saved first, the save is refused with a SettingsStoreError('conflict') and the replica
 * already shows their settings.
 */
import { FirmConflictError } from '../replication/firm-remote-errors';
import type { ReplicaWriter } from '../replication/replica-writer';
import type { QboSyncDatabase, SettingsRecord } from './schema';

/** The fields a caller may change; realmId is the key and updatedAt is stamped here. */
export type SettingsPatch = Partial<Omit<SettingsRecord, 'realmId' | 'updatedAt'>>;

export class SettingsStoreError extends Error {
  readonly code: 'invalid_realm' | 'conflict';
  constructor(message: string, code: 'invalid_realm' | 'conflict' = 'invalid_realm') {
    super(message);
    this.name = 'SettingsStoreError';
    this.code = code;
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
  const next = mergeSettings(realmId, current, patch, new Date());
  await tx.store.put(next);
  await tx.done;
  return next;
}

function mergeSettings(realmId: string, current: SettingsRecord, patch: SettingsPatch, at: Date): SettingsRecord {
  return {
    ...defaultSettings(realmId),
    ...current,
    ...patch,
    // Copies, so a caller mutating its arrays or maps later cannot change what we return.
    contactTypeIds: [...new Set(patch.contactTypeIds ?? current.contactTypeIds)],
    accountDefaults: { ...(patch.accountDefaults ?? current.accountDefaults) },
    lineItemDefaults: { ...(patch.lineItemDefaults ?? current.lineItemDefaults) },
    realmId,
    updatedAt: at.toISOString(),
  };
}

export interface SettingsAccess {
  load(): Promise<SettingsRecord>;
  save(patch: SettingsPatch): Promise<SettingsRecord>;
}

/** The settings of one company; with a writer, saves go through to the firm. */
export function createSettingsAccess(db: QboSyncDatabase, realmId: string, options: { writer?: ReplicaWriter; now?: () => Date } = {}): SettingsAccess {
  checkRealm(realmId);
  const { writer } = options;
  const now = options.now ?? (() => new Date());
  // Saves of one frame run one after another: each merges its patch into what the previous one
  // stored, so two quick saves (a switch, then a type) never send the same base twice and lose one.
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    load: () => getSettings(db, realmId),
    save: (patch) => inTurn(async () => {
      if (!writer) return saveSettings(db, realmId, patch);
      const next = mergeSettings(realmId, await getSettings(db, realmId), patch, now());
      const { realmId: _realm, ...body } = next;
      void _realm;
      try {
        await writer.write([{ collection: 'settings', id: 'settings', body: { ...body } }], { what: 'Saving the settings', whenOffline: 'queue' });
      } catch (e) {
        if (!(e instanceof FirmConflictError)) throw e;
        const who = e.conflicts[0]?.current?.updatedBy?.name || 'another staff member';
        throw new SettingsStoreError(`The settings were not saved: ${who} changed them a moment ago. Their settings are shown now; make your change again if it is still needed.`, 'conflict');
      }
      return next;
    }),
  };
}
