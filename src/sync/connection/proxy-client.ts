/**
 * The add-in's client for the QBO Sync proxy (docs/proxy-api.md): the opaque session, the
 * connection status, the start of the sign-in and the disconnect. The proxy is same-origin with
 * the add-in's pages, so `baseUrl` is normally `location.origin`.
 *
 * A session the proxy no longer knows (its data folder was reset) is replaced once, silently:
 * the user's remedy would be "reload", and we can do that for them.
 */
import { checkCompanySupported, type CompanySupport } from './company-support';
import { parseConnectionStatus, type ConnectedStatus, type ConnectionStatus } from './connection-status';
import { ProxyError } from './proxy-error';
import type { SessionStore } from './session-store';

export { checkCompanySupported, type CompanySupport } from './company-support';
export type { ConnectedStatus, ConnectionStatus, DisconnectedStatus } from './connection-status';
export { ProxyError, isProxyError } from './proxy-error';
export { createMemorySessionStore, createStorageSessionStore, type SessionStore } from './session-store';

export interface ProxyClient {
  /** The session id, creating a session on first use. */
  ensureSession(): Promise<string>;
  status(): Promise<ConnectionStatus>;
  /** A one-time link to open in the sign-in dialog window. */
  startAuth(): Promise<{ url: string }>;
  /** Revokes the tokens at Intuit and forgets them. */
  disconnect(): Promise<void>;
  checkCompanySupported(status: Pick<ConnectedStatus, 'country' | 'companyName'>): CompanySupport;
}

export interface ProxyClientOptions {
  /** @defaultvalue globalThis.fetch */
  fetch?: typeof fetch;
}

type Method = 'GET' | 'POST';

function describeStatus(status: number): string {
  if (status >= 500) return 'The QBO Sync service had a problem. Try again in a minute; if it keeps happening, restart it.';
  return 'Reload the panel and try again.';
}

export function createProxyClient(baseUrl: string, store: SessionStore, opts: ProxyClientOptions = {}): ProxyClient {
  const base = baseUrl.replace(/\/+$/, '');
  const doFetch = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  let creating: Promise<string> | undefined;

  async function call(method: Method, path: string, sessionId?: string): Promise<unknown> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (sessionId) headers['X-Session-Id'] = sessionId;
    let res: Response;
    try {
      // The session header is the credential; cookies are not part of the contract.
      res = await doFetch(`${base}${path}`, { method, headers, credentials: 'omit', cache: 'no-store' });
    } catch {
      throw new ProxyError('network', 0, `Could not reach the QBO Sync service at ${base}. Check that it is running and try again.`);
    }
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (!res.ok) {
      const b = (typeof body === 'object' && body !== null ? body : {}) as { error?: unknown; message?: unknown };
      const code = typeof b.error === 'string' ? b.error : `http_${res.status}`;
      const message = typeof b.message === 'string' && b.message ? b.message : `The QBO Sync service answered ${res.status} to ${method} ${path}. ${describeStatus(res.status)}`;
      throw new ProxyError(code, res.status, message);
    }
    if (body === undefined) {
      throw new ProxyError('bad_response', res.status, `The QBO Sync service gave an unreadable answer to ${method} ${path}. Reload the panel and try again.`);
    }
    return body;
  }

  async function createSession(): Promise<string> {
    const body = (await call('POST', '/api/session')) as { sessionId?: unknown };
    if (typeof body.sessionId !== 'string' || !body.sessionId) {
      throw new ProxyError('bad_response', 201, 'The QBO Sync service did not return a session. Reload the panel and try again.');
    }
    store.save(body.sessionId);
    return body.sessionId;
  }

  function ensureSession(): Promise<string> {
    const known = store.load();
    if (known) return Promise.resolve(known);
    // Two callers at once must share one session, not race to create two.
    creating ??= createSession().finally(() => {
      creating = undefined;
    });
    return creating;
  }

  async function withSession(method: Method, path: string): Promise<unknown> {
    const sessionId = await ensureSession();
    try {
      return await call(method, path, sessionId);
    } catch (error) {
      if (!(error instanceof ProxyError) || error.code !== 'unknown_session') throw error;
      if (store.load() === sessionId) store.clear();
      return call(method, path, await ensureSession());
    }
  }

  return {
    ensureSession,

    async status() {
      const body = await withSession('GET', '/api/status');
      const parsed = parseConnectionStatus(body);
      if (!parsed) throw new ProxyError('bad_response', 200, 'The QBO Sync service sent a connection status this panel cannot read. Reload the panel and try again.');
      return parsed;
    },

    async startAuth() {
      const body = (await withSession('POST', '/api/auth/start')) as { url?: unknown };
      if (typeof body.url !== 'string') {
        throw new ProxyError('bad_response', 200, 'The QBO Sync service did not return a sign-in link. Try Connect again.');
      }
      // The dialog may open only pages of the add-in's own origin (host protocol: ui.openDialog).
      const url = new URL(body.url, `${base}/`);
      if (url.origin !== new URL(`${base}/`).origin) {
        throw new ProxyError('bad_response', 200, 'The QBO Sync service returned a sign-in link for another site, so it was not opened. Check ADDIN_PUBLIC_URL in its configuration.');
      }
      return { url: url.toString() };
    },

    async disconnect() {
      await withSession('POST', '/api/disconnect');
    },

    checkCompanySupported,
  };
}
