/**
 * One event stream per page, however many listen: the replication of each company and the
 * Integrations view (which follows `connection` events) share it, so a panel holds one
 * long-lived request to the proxy instead of one per listener. The stream opens with the first
 * listener and closes with the last.
 */
import type { FirmEvent, FirmRemote } from '../replication/firm-remote';

export function shareFirmEvents(remote: FirmRemote): FirmRemote {
  const listeners = new Set<(e: FirmEvent) => void>();
  let close: (() => void) | undefined;

  function fanOut(event: FirmEvent): void {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        // One listener's failure must not starve the others of the event.
        setTimeout(() => {
          throw error;
        });
      }
    }
  }

  return {
    pull: (realmId, since, limit) => remote.pull(realmId, since, limit),
    push: (realmId, changes) => remote.push(realmId, changes),
    adopt: (realmId, records) => remote.adopt(realmId, records),
    events(listener) {
      listeners.add(listener);
      close ??= remote.events(fanOut);
      let done = false;
      return () => {
        if (done) return;
        done = true;
        listeners.delete(listener);
        if (listeners.size === 0 && close) {
          close();
          close = undefined;
        }
      };
    },
  };
}
