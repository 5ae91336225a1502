/**
 * How the add-in reaches the QBO Sync proxy (docs/firm-contract.md §5): every call carries the
 * host's identity token as `Authorization: Bearer`. The token is kept until a minute before its
 * `exp`, so a burst of calls asks the host once; a 401 whose code starts with `identity_` (the
 * proxy refused the token: expired, rotated key, wrong audience) gets one fresh token and one
 * retry. Anything else is the caller's to read, as a plain Response.
 *
 * The payload's `exp` is decoded without checking the signature: the proxy verifies the token,
 * the add-in only needs to know when to stop reusing it.
 */
import { ProxyError } from './proxy-error';

/** fetch against the proxy's origin with the identity token; `path` starts with `/`. */
export type AuthFetch = (path: string, init?: RequestInit) => Promise<Response>;

export interface AuthFetchOptions {
  baseUrl: string;
  getIdentityToken(forceRefresh: boolean): Promise<string>;
  /** @defaultvalue globalThis.fetch */
  fetch?: typeof fetch;
  /** Milliseconds since the epoch, for the cache. @defaultvalue Date.now */
  now?: () => number;
  /** A token cache shared with the QBO relay. @defaultvalue a new one over getIdentityToken */
  tokens?: IdentityTokens;
}

/** A token is not reused this close to its expiry: a call may take a while to reach the proxy. */
export const TOKEN_REUSE_MARGIN_MS = 60_000;

/** The `exp` claim in milliseconds, or undefined when the token is not a readable JWT. */
export function tokenExpiryMs(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
    const claims: unknown = JSON.parse(atob(padded));
    const exp = typeof claims === 'object' && claims !== null ? (claims as { exp?: unknown }).exp : undefined;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** The proxy's JSON error code of a failed answer, read from a clone so the caller can still read the body. */
export async function proxyErrorCode(res: Response): Promise<string | undefined> {
  try {
    const body: unknown = await res.clone().json();
    const code = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

export function isIdentityErrorCode(code: string | undefined): boolean {
  return typeof code === 'string' && code.startsWith('identity_');
}

/** The host would not give a token: the call cannot be made for anyone. */
function identityUnavailable(error: unknown): ProxyError {
  const why = error instanceof Error && error.message ? error.message : String(error);
  return new ProxyError(
    'identity_unavailable',
    0,
    `OfficeTools could not confirm who you are: ${why} Reload OfficeTools; if this keeps happening, sign out and in again.`,
  );
}

/** The identity token, kept until a minute before its exp; shared by the AuthFetch and the QBO relay. */
export interface IdentityTokens {
  /** A token to send; `forceRefresh` skips the cache and asks the host for a newly signed one. */
  token(forceRefresh: boolean): Promise<string>;
  /** Forgets `token` if it is the cached one (the proxy refused it). */
  drop(token: string): void;
}

export function createIdentityTokens(options: Pick<AuthFetchOptions, 'getIdentityToken' | 'now'>): IdentityTokens {
  const now = options.now ?? Date.now;
  let cached: { token: string; reuseUntil: number } | undefined;
  // Callers at the same moment share one host request instead of asking for one each.
  let asking: { force: boolean; promise: Promise<string> } | undefined;

  async function ask(force: boolean): Promise<string> {
    let token: string;
    try {
      token = await options.getIdentityToken(force);
    } catch (error) {
      throw identityUnavailable(error);
    }
    const exp = tokenExpiryMs(token);
    // A token without a readable exp is used for this call only.
    cached = exp === undefined ? undefined : { token, reuseUntil: exp - TOKEN_REUSE_MARGIN_MS };
    return token;
  }

  return {
    token(force) {
      if (!force && cached && now() < cached.reuseUntil) return Promise.resolve(cached.token);
      if (asking && (asking.force || !force)) return asking.promise;
      const promise = ask(force).finally(() => {
        if (asking?.promise === promise) asking = undefined;
      });
      asking = { force, promise };
      return promise;
    },
    drop(token) {
      if (cached?.token === token) cached = undefined;
    },
  };
}

export function createAuthFetch(options: AuthFetchOptions): AuthFetch {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const tokens = options.tokens ?? createIdentityTokens(options);

  async function send(path: string, init: RequestInit | undefined, bearer: string): Promise<Response> {
    const headers = new Headers(init?.headers);
    headers.set('Authorization', `Bearer ${bearer}`);
    if (!headers.has('Accept')) headers.set('Accept', 'application/json');
    try {
      // The token is the credential; cookies are not part of the contract.
      return await doFetch(`${base}${path}`, { cache: 'no-store', ...init, headers, credentials: 'omit' });
    } catch (error) {
      if (init?.signal?.aborted) throw error;
      throw new ProxyError('network', 0, `Could not reach the QBO Sync service at ${base}. Check that it is running and try again.`);
    }
  }

  return async (path, init) => {
    const first = await tokens.token(false);
    const res = await send(path, init, first);
    if (res.status !== 401 || !isIdentityErrorCode(await proxyErrorCode(res))) return res;
    // The proxy refused the token itself: a fresh one, once. A second refusal is the caller's to show.
    tokens.drop(first);
    const fresh = await tokens.token(true);
    return send(path, init, fresh);
  };
}
