/**
 * The proxy as a request handler (no listening here, see server.ts): sessions, the OAuth code
 * flow, status, disconnect, the QBO relay and the add-in's static files. docs/proxy-api.md is
 * the contract.
 *
 * Never logged: tokens, codes, states, tickets, session ids, the client secret, Authorization
 * headers, query strings. Log lines carry the route, a status and error codes only.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './api-error';
import { renderCallbackPage, type CallbackOutcome } from './callback-page';
import { readCompanyInfo } from './company-info';
import type { ProxyConfig } from './config';
import { answerPreflight, checkOrigin } from './cors';
import { pathOf, sendError, sendJson } from './http-io';
import { IntuitClient } from './intuit-client';
import { IntuitError } from './intuit-error';
import { PendingAuthorizations } from './pending-authorizations';
import { parseRelayPath, relay } from './relay';
import { SessionStore, sessionKeyOf, type Connection } from './session-store';
import { serveStatic } from './static-files';
import { loadOrCreateTokenKey } from './token-key';
import { TokenRefresher } from './token-refresher';

export interface ProxyAppOptions {
  /** Clock in epoch ms; tests move it to reach token expiry. */
  now?: () => number;
  /** Where log lines go (default console.log). */
  log?: (line: string) => void;
}

export interface ProxyApp {
  handle(req: IncomingMessage, res: ServerResponse): void;
}

const BINDING_COOKIE = 'qbo_oauth_binding';
const REALM_ID = /^[A-Za-z0-9_-]{1,64}$/;

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function createProxyApp(config: ProxyConfig, options: ProxyAppOptions = {}): ProxyApp {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.log(`[proxy] ${line}`));
  const key = loadOrCreateTokenKey(config.dataDir, config.tokenKey);
  const store = new SessionStore(config.dataDir, key, () => log('a stored session could not be decrypted (different TOKEN_ENCRYPTION_KEY?); it is treated as unknown'));
  const intuit = new IntuitClient(config, now);
  const refresher = new TokenRefresher(store, intuit, now);
  const pending = new PendingAuthorizations(now);
  const secureCookie = config.publicUrl.startsWith('https:') ? '; Secure' : '';

  const sessionOf = (req: IncomingMessage): string => {
    const header = req.headers['x-session-id'];
    const key = typeof header === 'string' ? sessionKeyOf(header) : null;
    if (!key || !store.get(key)) {
      throw new ApiError(401, 'unknown_session', 'Unknown or missing session (X-Session-Id). Create one with POST /api/session and send it with every call.');
    }
    return key;
  };

  const statusBody = (connection: Connection | null): Record<string, unknown> =>
    connection
      ? {
          connected: true,
          realmId: connection.realmId,
          companyName: connection.companyName,
          country: connection.country,
          connectedAt: connection.connectedAt,
          accessTokenExpiresAt: new Date(connection.tokens.accessTokenExpiresAt).toISOString(),
          refreshTokenExpiresAt: new Date(connection.tokens.refreshTokenExpiresAt).toISOString(),
          ...(connection.connectedBy ? { connectedBy: connection.connectedBy } : {}),
        }
      : { connected: false };

  /** Revokes at Intuit; false when Intuit could not be asked (the grant may still be live there). */
  const revoke = async (refreshToken: string): Promise<boolean> => {
    try {
      await intuit.revoke(refreshToken);
      return true;
    } catch (err) {
      const e = err as IntuitError;
      log(`revoke failed: ${e.code}${e.status ? ` (HTTP ${e.status})` : ''}`);
      // A 400 means Intuit no longer knows the token: nothing is left to revoke.
      return e.status === 400;
    }
  };

  async function api(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    checkOrigin(req, res, config.publicUrl);
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') return answerPreflight(res);

    if (path === '/api/session') {
      if (method !== 'POST') throw new ApiError(405, 'method_not_allowed', 'Use POST /api/session.');
      const { sessionId } = store.create(new Date(now()));
      return sendJson(res, 201, { sessionId });
    }
    if (path.startsWith('/api/qbo/')) {
      const target = parseRelayPath(req.url ?? '');
      if (!target) {
        throw new ApiError(400, 'bad_request', 'Relayed paths look like /api/qbo/v3/company/{realmId}/{entity}…, without empty, "." or ".." segments or encoded slashes.');
      }
      const sessionKey = sessionOf(req);
      return relay(req, res, target, sessionKey, { store, refresher, apiBase: config.endpoints.apiBase });
    }
    if (path === '/api/status') {
      if (method !== 'GET') throw new ApiError(405, 'method_not_allowed', 'Use GET /api/status.');
      const sessionKey = sessionOf(req);
      return sendJson(res, 200, statusBody(store.get(sessionKey)?.connection ?? null));
    }
    if (path === '/api/auth/start') {
      if (method !== 'POST') throw new ApiError(405, 'method_not_allowed', 'Use POST /api/auth/start.');
      const sessionKey = sessionOf(req);
      if (!intuit.configured) {
        throw new ApiError(503, 'oauth_not_configured', 'The proxy has no Intuit app credentials. Set INTUIT_CLIENT_ID and INTUIT_CLIENT_SECRET (npm start does this for the local sandbox) and restart.');
      }
      const ticket = pending.issueTicket(sessionKey);
      return sendJson(res, 200, { url: `${config.publicUrl}/auth/start?t=${ticket}` });
    }
    if (path === '/api/disconnect') {
      if (method !== 'POST') throw new ApiError(405, 'method_not_allowed', 'Use POST /api/disconnect.');
      const sessionKey = sessionOf(req);
      await refresher.settled(sessionKey);
      const connection = store.get(sessionKey)?.connection;
      if (!connection) return sendJson(res, 200, { connected: false, revoked: true });
      const revoked = await revoke(connection.tokens.refreshToken);
      store.setConnection(sessionKey, null);
      log(`disconnected realm ${connection.realmId}${revoked ? '' : ' (Intuit could not be reached to revoke)'}`);
      return sendJson(res, 200, {
        connected: false,
        revoked,
        ...(revoked ? {} : { message: 'Disconnected here, but Intuit could not be reached to revoke access. Remove the app in QuickBooks Online (Apps > My apps) to be sure.' }),
      });
    }
    throw new ApiError(404, 'not_found', `No API route ${method} ${path}. See docs/proxy-api.md.`);
  }

  function page(res: ServerResponse, status: number, outcome: CallbackOutcome, headers: Record<string, string> = {}): void {
    const html = renderCallbackPage(outcome, config.shellOrigin);
    res.writeHead(status, {
      ...headers,
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': Buffer.byteLength(html),
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(html);
  }

  function authStart(res: ServerResponse, url: URL): void {
    const sessionKey = pending.redeemTicket(url.searchParams.get('t') ?? '');
    if (!sessionKey || !store.get(sessionKey)) {
      return page(res, 400, { status: 'error', message: 'This connect link has expired or was already used. Close this window and click Connect to QuickBooks Online again.' });
    }
    const { state, browserBinding } = pending.issueState(sessionKey);
    const location = intuit.authorizeUrl(state);
    res.writeHead(302, {
      Location: location,
      'Set-Cookie': `${BINDING_COOKIE}=${browserBinding}; Path=/auth/callback; HttpOnly; SameSite=Lax; Max-Age=600${secureCookie}`,
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    });
    res.end();
  }

  async function authCallback(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const clearCookie = { 'Set-Cookie': `${BINDING_COOKIE}=; Path=/auth/callback; HttpOnly; SameSite=Lax; Max-Age=0${secureCookie}` };
    const fail = (message: string) => page(res, 400, { status: 'error', message }, clearCookie);
    const q = url.searchParams;
    const grant = pending.consumeState(q.get('state') ?? '');
    if (!grant) return fail('This sign-in has expired or was already completed. Close this window and click Connect to QuickBooks Online again.');
    if (cookie(req, BINDING_COOKIE) !== grant.browserBinding) {
      return fail('This sign-in was not started in this browser window. Close this window and click Connect to QuickBooks Online again.');
    }
    const error = q.get('error');
    if (error) {
      if (error === 'access_denied') return page(res, 200, { status: 'denied' }, clearCookie);
      const safe = /^[a-z_]{1,40}$/.test(error) ? error : 'unknown_error';
      return fail(`Intuit did not authorize the connection (${safe}). Click Connect to QuickBooks Online to try again.`);
    }
    const code = q.get('code') ?? '';
    const realmId = q.get('realmId') ?? '';
    if (!code || !REALM_ID.test(realmId)) return fail('Intuit sent back no authorization code or company. Click Connect to QuickBooks Online to try again.');
    if (!pending.firstUseOfCode(code)) return fail('This authorization code was already used. Click Connect to QuickBooks Online to try again.');
    if (!store.get(grant.sessionKey)) return fail('The session that started this sign-in no longer exists. Reload the panel and connect again.');

    let tokens;
    try {
      tokens = await intuit.exchangeCode(code, realmId);
    } catch (err) {
      const e = err instanceof IntuitError ? err : new IntuitError('exchange', 'unknown', undefined, 'Exchanging the authorization code failed. Connect again.');
      log(`code exchange failed: ${e.code}${e.status ? ` (HTTP ${e.status})` : ''}`);
      return fail(e.message);
    }
    let company;
    try {
      company = await readCompanyInfo(config.endpoints.apiBase, realmId, tokens.accessToken);
    } catch (err) {
      const e = err as IntuitError;
      log(`companyinfo after connect failed: ${e.code}`);
      await revoke(tokens.refreshToken);
      return fail(e.message);
    }
    let connectedBy: string | undefined;
    try {
      connectedBy = (await intuit.userInfo(tokens.accessToken)).email;
    } catch {
      // Who connected is a nicety for the status; the connection works without it.
    }

    await refresher.settled(grant.sessionKey);
    const previous = store.get(grant.sessionKey)?.connection;
    if (previous && previous.realmId !== realmId) {
      // Switching companies: the old grant would otherwise stay live at Intuit with no owner.
      await revoke(previous.tokens.refreshToken);
    }
    store.setConnection(grant.sessionKey, {
      connectionId: randomBytes(12).toString('hex'),
      realmId,
      companyName: company.companyName,
      country: company.country,
      connectedAt: new Date(now()).toISOString(),
      ...(connectedBy ? { connectedBy } : {}),
      tokens,
    });
    log(`connected realm ${realmId} (${company.country || 'country unknown'})`);
    page(res, 200, { status: 'connected', realmId, companyName: company.companyName, country: company.country }, clearCookie);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = pathOf(req);
    if (path === '/api' || path.startsWith('/api/')) return api(req, res, path);
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') throw new ApiError(405, 'method_not_allowed', `${method} ${path} is not supported.`);
    const url = new URL(req.url ?? '/', 'http://proxy.invalid');
    if (path === '/auth/start') return authStart(res, url);
    if (path === '/auth/callback') return authCallback(req, res, url);
    if (await serveStatic(req, res, path, config)) return;
    const hint = path === '/taskpane.html' || path === '/commands.html' ? ` The add-in is not built in ${config.staticDir}: run npm run build.` : '';
    throw new ApiError(404, 'not_found', `Nothing is served at ${path}.${hint}`);
  }

  return {
    handle(req, res) {
      route(req, res).catch((err: unknown) => {
        const apiError =
          err instanceof ApiError
            ? err
            : err instanceof IntuitError
              ? new ApiError(502, 'upstream_unavailable', err.message)
              : new ApiError(500, 'internal_error', 'The proxy failed unexpectedly; see its log. Try again.');
        if (apiError.status >= 500) {
          log(`${req.method} ${pathOf(req)} -> ${apiError.status} ${apiError.code}${err instanceof ApiError || err instanceof IntuitError ? '' : `: ${(err as Error)?.name}: ${(err as Error)?.message}`}`);
        }
        if (res.headersSent) {
          res.destroy();
          return;
        }
        sendError(res, apiError);
      });
    },
  };
}
