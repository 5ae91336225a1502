/**
 * The add-in's client for the QBO Sync proxy (docs/firm-contract.md §2): the firm's connection
 * status, the start of the sign-in, its completion or cancellation, and the disconnect. Every
 * call goes through an AuthFetch, which carries the signed-in user's identity token; the
 * connection belongs to the firm, so there is no session of our own to keep.
 */
import { checkCompanySupported, type CompanySupport } from './company-support';
import { parseConnectionStatus, type ConnectedStatus, type ConnectionStatus } from './connection-status';
import type { AuthFetch } from './proxy-auth';
import { ProxyError } from './proxy-error';

export { checkCompanySupported, type CompanySupport } from './company-support';
export type { ConnectedBy, ConnectedStatus, ConnectionAttention, ConnectionStatus, DisconnectedStatus } from './connection-status';
export { createAuthFetch, type AuthFetch } from './proxy-auth';
export { ProxyError, isProxyError } from './proxy-error';

export interface ProxyClient {
  status(): Promise<ConnectionStatus>;
  /** A one-time link to open in the sign-in dialog window, and the flow it belongs to. */
  startAuth(): Promise<{ url: string; flowId: string }>;
  /** Attaches the company the sign-in authorized to the firm; answers the new status. */
  complete(completion: string): Promise<ConnectionStatus>;
  /** Drops the authorization the sign-in produced (a company this integration refuses). */
  cancel(completion: string): Promise<void>;
  /** Revokes the firm's tokens at Intuit and forgets them. */
  disconnect(): Promise<void>;
  /** The firm keeps the company it reconnected to: the "company changed" attention ends. */
  keepCompany(): Promise<ConnectionStatus>;
  checkCompanySupported(status: Pick<ConnectedStatus, 'country' | 'companyName'>): CompanySupport;
}

type Method = 'GET' | 'POST';

function describeStatus(status: number): string {
  if (status >= 500) return 'The QBO Sync service had a problem. Try again in a minute; if it keeps happening, restart it.';
  return 'Reload the panel and try again.';
}

/** The identity was refused even with a fresh token: say so in the words the panel shows. */
function identityMessage(message: string): string {
  return `OfficeTools could not confirm who you are: ${message} Reload OfficeTools.`;
}

/** `baseUrl` is only for checking that the sign-in link stays on the add-in's own origin. */
export function createProxyClient(authFetch: AuthFetch, baseUrl: string): ProxyClient {
  const base = baseUrl.replace(/\/+$/, '');

  async function call(method: Method, path: string, body?: unknown): Promise<unknown> {
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { 'Content-Type': 'application/json' };
    }
    const res = await authFetch(path, init);
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!res.ok) {
      const b = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as { error?: unknown; message?: unknown };
      const code = typeof b.error === 'string' ? b.error : `http_${res.status}`;
      const given = typeof b.message === 'string' && b.message ? b.message : undefined;
      let message = given ?? `The QBO Sync service answered ${res.status} to ${method} ${path}. ${describeStatus(res.status)}`;
      if (code.startsWith('identity_')) message = identityMessage(given ?? `the QBO Sync service refused the identity (${code}).`);
      throw new ProxyError(code, res.status, message);
    }
    if (parsed === undefined) {
      throw new ProxyError('bad_response', res.status, `The QBO Sync service gave an unreadable answer to ${method} ${path}. Reload the panel and try again.`);
    }
    return parsed;
  }

  function readStatus(body: unknown): ConnectionStatus {
    const parsed = parseConnectionStatus(body);
    if (!parsed) throw new ProxyError('bad_response', 200, 'The QBO Sync service sent a connection status this panel cannot read. Reload the panel and try again.');
    return parsed;
  }

  return {
    async status() {
      return readStatus(await call('GET', '/api/status'));
    },

    async startAuth() {
      const body = (await call('POST', '/api/auth/start')) as { url?: unknown; flowId?: unknown };
      if (typeof body.url !== 'string' || typeof body.flowId !== 'string' || !body.flowId) {
        throw new ProxyError('bad_response', 200, 'The QBO Sync service did not return a sign-in link. Try Connect again.');
      }
      // The dialog may open only pages of the add-in's own origin (host protocol: ui.openDialog).
      const url = new URL(body.url, `${base}/`);
      if (url.origin !== new URL(`${base}/`).origin) {
        throw new ProxyError('bad_response', 200, 'The QBO Sync service returned a sign-in link for another site, so it was not opened. Check ADDIN_PUBLIC_URL in its configuration.');
      }
      return { url: url.toString(), flowId: body.flowId };
    },

    async complete(completion) {
      return readStatus(await call('POST', '/api/auth/complete', { completion }));
    },

    async cancel(completion) {
      await call('POST', '/api/auth/cancel', { completion });
    },

    async disconnect() {
      await call('POST', '/api/disconnect');
    },

    async keepCompany() {
      return readStatus(await call('POST', '/api/connection/keep-company'));
    },

    checkCompanySupported,
  };
}
