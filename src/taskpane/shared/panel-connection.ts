/**
 * The panel frame's one connection to the firm: the proxy client and the QBO relay, both
 * authenticated with the host's identity token, and one FirmData per company (links, settings,
 * journal, history) built over the proxy's firm API. index.tsx starts it once; the views' default
 * dependencies (Match tabs, billing, link files, Sync History) take it from here, so every
 * window of the panel shares one replica and one event stream.
 */
import { createFirmDataCache, type FirmDataCache, type OpenFirmData } from '../../sync/connection/firm-data-cache';
import { watchFirmChanges, type WatchFirmChanges } from '../../sync/connection/firm-change-watch';
import { connectToProxy } from '../../sync/connection/proxy-connection';
import { shareFirmEvents } from '../../sync/connection/shared-firm-events';
import type { HostClient } from '../../sync/host/client';
import type { QboGateway } from '../../sync/qbo/gateway';
import { realmPacer } from '../../sync/qbo/realm-pacer';
import { createHttpFirmRemote } from '../../sync/replication/firm-remote';
import { browserIdFrom, createRunGuard, type RunGuard } from '../../sync/jobs/run-guard';
import { createHttpRunLeases } from '../../sync/jobs/run-lease-remote';
import { withLastKnownConnection } from './last-known-connection';
import { createFirmPanelSettings, type PanelProxy, type PanelSettings } from './panel-services';

export interface PanelConnection {
  proxy: PanelProxy;
  settings: PanelSettings;
  firmData: FirmDataCache;
  watch: WatchFirmChanges;
  /** The company's gateway through the proxy's relay, paced with the frame's one pacer for it. */
  relayGateway(realmId: string): QboGateway;
  /** One Match-tab run at a time: this browser's Web Lock and the firm's run lease. */
  runs: RunGuard;
}

export class PanelConnectionError extends Error {
  readonly code = 'not_started';
  constructor() {
    super('This panel has no connection to OfficeTools. Close this window and open the panel again from the OfficeTools menu.');
    this.name = 'PanelConnectionError';
  }
}

let current: PanelConnection | undefined;

export interface PanelConnectionOptions {
  /** The proxy's origin. @defaultvalue window.location.origin */
  origin?: string;
  /** @defaultvalue openFirmData */
  openFirmData?: OpenFirmData;
  /** The replica's IndexedDB name (tests). */
  dbName?: string;
  /** Where the last known connection is kept. @defaultvalue window.localStorage, when the browser allows it */
  storage?: Storage;
}

function pageStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // blocked by the browser: no offline fallback
  }
}

export function startPanelConnection(host: Pick<HostClient, 'request' | 'getIdentityToken'>, options: PanelConnectionOptions = {}): PanelConnection {
  current?.firmData.closeAll();
  const conn = connectToProxy({ baseUrl: options.origin ?? window.location.origin, getIdentityToken: (force) => host.getIdentityToken(force) });
  const remote = shareFirmEvents(createHttpFirmRemote(conn.authFetch));
  const firmData = createFirmDataCache({ host, remote, open: options.openFirmData, dbName: options.dbName });
  const status = withLastKnownConnection(() => conn.proxy.status(), options.storage ?? pageStorage(), async () => {
    const info = await host.request('host.info', {});
    return `${info.firmId}.${info.user.id}`;
  });
  const proxy: PanelProxy = {
    status,
    startAuth: () => conn.proxy.startAuth(),
    complete: (completion) => conn.proxy.complete(completion),
    cancel: (completion) => conn.proxy.cancel(completion),
    disconnect: () => conn.proxy.disconnect(),
    keepCompany: () => conn.proxy.keepCompany(),
    checkCompanySupported: (status) => conn.proxy.checkCompanySupported(status),
    onConnectionChange: (listener) => {
      // Also when the service is back after being unreachable: a last known status is then replaced.
      let down = false;
      return remote.events((e) => {
        if (e.type === 'down') down = true;
        if (e.type === 'connection' || (e.type === 'open' && down)) {
          down = false;
          listener();
        }
      });
    },
  };
  current = {
    proxy,
    settings: createFirmPanelSettings(firmData),
    firmData,
    watch: watchFirmChanges(firmData),
    relayGateway: (realmId) => conn.relayGateway(realmId, realmPacer(realmId)),
    runs: createRunGuard({ leases: createHttpRunLeases(conn.authFetch), browserId: browserIdFrom(options.storage ?? pageStorage()), instanceId: crypto.randomUUID() }),
  };
  return current;
}

/** The frame's connection; throws a PanelConnectionError when index.tsx has not started one. */
export function panelConnection(): PanelConnection {
  if (!current) throw new PanelConnectionError();
  return current;
}
