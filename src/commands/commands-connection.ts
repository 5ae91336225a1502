/**
 * The commands runtime's one connection to the firm (the counterpart of the panel's
 * panel-connection.ts): the proxy client and the QBO relay authenticated with the host's
 * identity token, and one FirmData per company shared by contact sync and the one-off export.
 * index.ts starts it once the host is known.
 */
import { createFirmDataCache, type FirmDataCache } from '../sync/connection/firm-data-cache';
import { connectToProxy } from '../sync/connection/proxy-connection';
import type { ProxyClient } from '../sync/connection/proxy-client';
import { shareFirmEvents } from '../sync/connection/shared-firm-events';
import type { HostClient } from '../sync/host/client';
import { browserIdFrom, createRunGuard, type RunGuard } from '../sync/jobs/run-guard';
import { createHttpRunLeases } from '../sync/jobs/run-lease-remote';
import type { QboGateway } from '../sync/qbo/gateway';
import { realmPacer } from '../sync/qbo/realm-pacer';
import { createHttpFirmRemote } from '../sync/replication/firm-remote';

export interface CommandsConnection {
  proxy: ProxyClient;
  firmData: FirmDataCache;
  /** The company's gateway through the proxy's relay, with the page's one pacer for it. */
  relayGateway(realmId: string): QboGateway;
  /** Told when a staff member connected or disconnected the firm's company; returns unsubscribe. */
  onConnectionChange(listener: () => void): () => void;
  /**
   * One export at a time, shared with the panel's windows: the same Web Locks (same origin) and
   * the same browser id (same localStorage) as the panel, with a page id of its own.
   */
  runs: RunGuard;
}

function pageStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // blocked by the browser: a browser id of this page only
  }
}

let current: CommandsConnection | undefined;

export function startCommandsConnection(host: Pick<HostClient, 'request' | 'getIdentityToken'>, origin: string): CommandsConnection {
  current?.firmData.closeAll();
  const conn = connectToProxy({ baseUrl: origin, getIdentityToken: (force) => host.getIdentityToken(force) });
  const remote = shareFirmEvents(createHttpFirmRemote(conn.authFetch));
  current = {
    proxy: conn.proxy,
    firmData: createFirmDataCache({ host, remote }),
    relayGateway: (realmId) => conn.relayGateway(realmId, realmPacer(realmId)),
    runs: createRunGuard({ leases: createHttpRunLeases(conn.authFetch), browserId: browserIdFrom(pageStorage()), instanceId: crypto.randomUUID() }),
    onConnectionChange: (listener) =>
      remote.events((e) => {
        if (e.type === 'connection') listener();
      }),
  };
  return current;
}

/** The page's connection; throws when index.ts has not started one (no trusted host). */
export function commandsConnection(): CommandsConnection {
  if (!current) {
    throw new Error('The commands runtime has no connection to OfficeTools: it runs only inside OfficeTools, which loads it for the add-in menu commands.');
  }
  return current;
}
