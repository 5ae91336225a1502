/**
 * "Tell me when these collections of the firm's data changed": what a view needs to re-read
 * after other staff's changes were applied to the replica (docs/firm-contract.md §4,
 * ReplicationState.subscribe). The views name collections; they never see the replication.
 */
import type { FirmCollection } from '../replication/firm-remote';
import type { FirmDataCache } from './firm-data-cache';

export type WatchFirmChanges = (realmId: string, collections: readonly FirmCollection[], onChange: () => void) => () => void;

export function watchFirmChanges(cache: Pick<FirmDataCache, 'open'>): WatchFirmChanges {
  return (realmId, collections, onChange) => {
    let off: (() => void) | undefined;
    let stopped = false;
    cache.open(realmId).then(
      (data) => {
        if (stopped) return;
        off = data.replication.subscribe((e) => {
          if (e.kind === 'changes' && e.collections.some((c) => (collections as readonly string[]).includes(c))) onChange();
        });
      },
      () => undefined, // the view's own read reports the failure to open
    );
    return () => {
      stopped = true;
      off?.();
    };
  };
}
