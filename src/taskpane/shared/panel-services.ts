/**
 * The edges the panel talks to, as interfaces: the OfficeTools host, the QBO Sync proxy and the
 * firm's settings. panel-connection.ts builds the real ones; component tests inject their own.
 */
import type { HostClient } from '../../sync/host/client';
import type { ProxyClient } from '../../sync/connection/proxy-client';
import type { FirmData } from '../../sync/replication/open-firm-data';
import type { SettingsRecord } from '../../sync/store/schema';
import type { SettingsPatch } from '../../sync/store/settings-store';

export type PanelHost = Pick<HostClient, 'request' | 'on'>;
export type PanelProxy = Pick<ProxyClient, 'status' | 'startAuth' | 'complete' | 'cancel' | 'disconnect' | 'checkCompanySupported'> & Partial<Pick<ProxyClient, 'keepCompany'>> & {
  /**
   * Told when the firm's connection changed elsewhere (another staff member connected or
   * disconnected: the proxy's `connection` event). Returns unsubscribe. Absent: nothing tells.
   */
  onConnectionChange?(listener: () => void): () => void;
};

export interface PanelSettings {
  load(realmId: string): Promise<SettingsRecord>;
  save(realmId: string, patch: SettingsPatch): Promise<SettingsRecord>;
  /** Told when other staff changed this company's settings. Returns unsubscribe. Absent: nothing tells. */
  subscribe?(realmId: string, onChange: () => void): () => void;
}

/** The firm's settings of each company, through its FirmData (read locally, written through to the proxy). */
export function createFirmPanelSettings(firm: { open(realmId: string): Promise<Pick<FirmData, 'settings' | 'replication'>> }): PanelSettings {
  // One save at a time per company: a save merges its patch into the stored settings, so a
  // second save started before the first is stored would merge into the old values and undo it
  // (a quick click on the switch right after closing the contact types window).
  const queues = new Map<string, Promise<unknown>>();
  return {
    load: async (realmId) => (await firm.open(realmId)).settings.load(),
    save(realmId, patch) {
      const run = (queues.get(realmId) ?? Promise.resolve())
        .catch(() => undefined)
        .then(async () => (await firm.open(realmId)).settings.save(patch));
      queues.set(realmId, run);
      return run;
    },
    subscribe(realmId, onChange) {
      let off: (() => void) | undefined;
      let stopped = false;
      firm.open(realmId).then(
        (data) => {
          if (stopped) return;
          off = data.replication.subscribe((e) => {
            if (e.kind === 'changes' && e.collections.includes('settings')) onChange();
          });
        },
        () => undefined, // load() reports the failure to open
      );
      return () => {
        stopped = true;
        off?.();
      };
    },
  };
}
