/**
 * The edges the panel talks to, as interfaces: the OfficeTools host, the QBO Sync proxy and the
 * settings store. index.tsx builds the real ones; component tests inject fakes.
 */
import type { HostClient } from '../../sync/host/client';
import type { ProxyClient } from '../../sync/connection/proxy-client';
import type { QboSyncDatabase, SettingsRecord } from '../../sync/store/schema';
import { getSettings, saveSettings, type SettingsPatch } from '../../sync/store/settings-store';

export type PanelHost = Pick<HostClient, 'request' | 'on'>;
export type PanelProxy = Pick<ProxyClient, 'status' | 'startAuth' | 'disconnect' | 'checkCompanySupported'>;

export interface PanelSettings {
  load(realmId: string): Promise<SettingsRecord>;
  save(realmId: string, patch: SettingsPatch): Promise<SettingsRecord>;
}

/** Settings over the add-in's IndexedDB, opened on first use and then shared. */
export function createIdbPanelSettings(openDb: () => Promise<QboSyncDatabase>): PanelSettings {
  let db: Promise<QboSyncDatabase> | undefined;
  const get = (): Promise<QboSyncDatabase> => {
    // A failed open is not cached, so the next action tries again.
    db ??= openDb().catch((error: unknown) => {
      db = undefined;
      throw error;
    });
    return db;
  };
  return {
    load: async (realmId) => getSettings(await get(), realmId),
    save: async (realmId, patch) => saveSettings(await get(), realmId, patch),
  };
}
