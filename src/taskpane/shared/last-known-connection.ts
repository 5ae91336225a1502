/**
 * The firm's connection as the QBO Sync service last reported it to this browser, so that the
 * panel still opens on the firm's data (its IndexedDB replica) when the service is briefly
 * unreachable, marked as the last known state (issue: "Offline and errors"). Kept per firm and
 * user in localStorage: a company name and id, never a credential. Only a connection this
 * integration can serve is remembered; a refusal or a disconnect forgets it.
 */
import { checkCompanySupported } from '../../sync/connection/company-support';
import type { ConnectedStatus, ConnectionStatus } from '../../sync/connection/connection-status';
import { ProxyError } from '../../sync/connection/proxy-error';

const KEY_PREFIX = 'qbo-sync.last-connection.';

/** The service itself could not be reached (or its front answered that it is down). */
function unreachable(error: unknown): boolean {
  return error instanceof ProxyError && (error.code === 'network' || error.status === 502 || error.status === 503 || error.status === 504);
}

function read(storage: Storage, key: string): ConnectedStatus | undefined {
  try {
    const value: unknown = JSON.parse(storage.getItem(key) ?? 'null');
    if (typeof value !== 'object' || value === null) return undefined;
    const v = value as Partial<ConnectedStatus>;
    if (v.connected !== true || typeof v.realmId !== 'string' || !/^\d+$/.test(v.realmId) || typeof v.companyName !== 'string') return undefined;
    return v as ConnectedStatus;
  } catch {
    return undefined;
  }
}

/**
 * Wraps `status`: a fresh answer is remembered under `key()` (the firm and user); when the
 * service cannot be reached, the remembered connection is answered with `lastKnown: true`,
 * and without one the failure is passed on.
 */
export function withLastKnownConnection(status: () => Promise<ConnectionStatus>, storage: Storage | undefined, key: () => Promise<string>): () => Promise<ConnectionStatus> {
  return async () => {
    try {
      const fresh = await status();
      if (storage) {
        const k = KEY_PREFIX + (await key());
        try {
          if (fresh.connected && checkCompanySupported(fresh).ok) storage.setItem(k, JSON.stringify({ ...fresh, lastKnown: undefined }));
          else storage.removeItem(k);
        } catch {
          // Storage full or blocked: the panel only loses its offline fallback.
        }
      }
      return fresh;
    } catch (error) {
      if (!storage || !unreachable(error)) throw error;
      let remembered: ConnectedStatus | undefined;
      try {
        remembered = read(storage, KEY_PREFIX + (await key()));
      } catch {
        remembered = undefined;
      }
      if (!remembered) throw error;
      return { ...remembered, lastKnown: true };
    }
  };
}
