/**
 * Change notifications for open event streams. In process for now; issue 11 puts PostgreSQL's
 * LISTEN/NOTIFY behind the same interface so that a push on one replica reaches streams on all.
 */
export type FirmEvent = { type: 'changes'; realmId: string; checkpoint: string } | { type: 'connection' };

export interface FirmEventBus {
  publish(firmId: string, event: FirmEvent): void;
  /** Returns unsubscribe. */
  subscribe(firmId: string, listener: (event: FirmEvent) => void): () => void;
}

export function createInProcessEventBus(): FirmEventBus {
  const listeners = new Map<string, Set<(event: FirmEvent) => void>>();
  return {
    publish(firmId, event) {
      for (const listener of [...(listeners.get(firmId) ?? [])]) {
        try {
          listener(event);
        } catch {
          // One broken stream must not keep the others from hearing about the change.
        }
      }
    },
    subscribe(firmId, listener) {
      let set = listeners.get(firmId);
      if (!set) listeners.set(firmId, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(firmId) === set) listeners.delete(firmId);
      };
    },
  };
}
