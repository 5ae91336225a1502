/**
 * One FirmData per QBO company per page (docs/firm-contract.md §4): every view, job and service
 * of the page reads and writes the firm's data through it, so they share one replica, one
 * pull loop and one queue of pending writes, and none of them knows where the data came from.
 * A failed open is not kept, so the next use tries again.
 */
import type { HostClient } from '../host/client';
import type { FirmRemote } from '../replication/firm-remote';
import type { FirmData, openFirmData } from '../replication/open-firm-data';

export type OpenFirmData = typeof openFirmData;

/**
 * The replica's code (pull, adopt, pending queue, journals) is fetched on the first open, so a
 * page can paint before it arrives (issue 12, load budget).
 */
const openOnDemand: OpenFirmData = async (options) => (await import(/* webpackChunkName: "firm-data" */ '../replication/open-firm-data')).openFirmData(options);

export interface FirmDataCache {
  /** The company's FirmData, opened on first use. */
  open(realmId: string): Promise<FirmData>;
  /** The FirmData of this company if it is already open (for views that only listen). */
  peek(realmId: string): FirmData | undefined;
  closeAll(): void;
}

export interface FirmDataCacheOptions {
  /** Who writes: the signed-in OfficeTools user (host.info). */
  host: Pick<HostClient, 'request'>;
  remote: FirmRemote;
  /** @defaultvalue openFirmData */
  open?: OpenFirmData;
  /** The IndexedDB database name (tests). */
  dbName?: string;
}

export function createFirmDataCache(options: FirmDataCacheOptions): FirmDataCache {
  const open = options.open ?? openOnDemand;
  const opening = new Map<string, Promise<FirmData>>();
  const opened = new Map<string, FirmData>();
  // closeAll while an open is under way: that open must not leave a database connection behind.
  let generation = 0;

  async function start(realmId: string): Promise<FirmData> {
    const started = generation;
    const info = await options.host.request('host.info', {});
    const user = { id: info.user.id, name: info.user.name || info.user.email || info.user.id };
    const data = await open({ realmId, user, remote: options.remote, dbName: options.dbName });
    if (started !== generation) {
      data.close();
      throw new Error("The firm's data was closed while it was being opened (the page is shutting down or reconnecting). Try again.");
    }
    opened.set(realmId, data);
    return data;
  }

  return {
    open(realmId) {
      let promise = opening.get(realmId);
      if (!promise) {
        promise = start(realmId).catch((error: unknown) => {
          opening.delete(realmId);
          throw error;
        });
        opening.set(realmId, promise);
      }
      return promise;
    },
    peek: (realmId) => opened.get(realmId),
    closeAll() {
      generation++;
      for (const data of opened.values()) data.close();
      opened.clear();
      opening.clear();
    },
  };
}
