/**
 * Where the add-in keeps its opaque proxy session id. The id is a bearer credential for the
 * proxy, so it lives only in the add-in origin's own storage (localStorage is per origin, and
 * the panel and the commands runtime share it) and is never logged or sent to the host.
 */
export interface SessionStore {
  load(): string | undefined;
  save(sessionId: string): void;
  clear(): void;
}

export const SESSION_STORAGE_KEY = 'qbo-sync.proxy-session';

/** A store over a Web Storage area (normally `window.localStorage`). */
export function createStorageSessionStore(storage: Storage, key: string = SESSION_STORAGE_KEY): SessionStore {
  return {
    load: () => storage.getItem(key) ?? undefined,
    save: (sessionId) => storage.setItem(key, sessionId),
    clear: () => storage.removeItem(key),
  };
}

/** A store that lives as long as the page: for tests, and when storage is blocked. */
export function createMemorySessionStore(initial?: string): SessionStore {
  let value = initial;
  return {
    load: () => value,
    save: (sessionId) => {
      value = sessionId;
    },
    clear: () => {
      value = undefined;
    },
  };
}
