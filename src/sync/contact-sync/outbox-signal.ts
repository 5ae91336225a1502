/**
 * "The outbox changed": a same-origin broadcast between the add-in's pages. The panel tells the
 * commands runtime that a change was retried or a conflict answered (so it sends now, not at
 * its next timer), and the runtime tells an open panel to refresh its list. It carries no data:
 * each side reads the outbox itself.
 */
export const OUTBOX_CHANNEL = 'qbo-sync.contact-outbox';

export type OutboxSignalKind = 'changed' | 'sendNow';

export interface OutboxSignal {
  post(kind: OutboxSignalKind): void;
  subscribe(handler: (kind: OutboxSignalKind) => void): () => void;
  close(): void;
}

function isKind(value: unknown): value is OutboxSignalKind {
  return value === 'changed' || value === 'sendNow';
}

/** Over BroadcastChannel; a browser without it gets a signal that does nothing (timers still drain). */
export function createOutboxSignal(name: string = OUTBOX_CHANNEL): OutboxSignal {
  if (typeof BroadcastChannel !== 'function') {
    return { post: () => undefined, subscribe: () => () => undefined, close: () => undefined };
  }
  const channel = new BroadcastChannel(name);
  const handlers = new Set<(kind: OutboxSignalKind) => void>();
  channel.onmessage = (event: MessageEvent) => {
    const data: unknown = event.data;
    const kind = typeof data === 'object' && data !== null && 'kind' in data ? (data as { kind: unknown }).kind : undefined;
    if (!isKind(kind)) return;
    for (const h of [...handlers]) h(kind);
  };
  return {
    post: (kind) => channel.postMessage({ kind }),
    subscribe: (handler) => {
      handlers.add(handler);
      return () => {
        handlers.delete(handler);
      };
    },
    close: () => {
      handlers.clear();
      channel.close();
    },
  };
}
