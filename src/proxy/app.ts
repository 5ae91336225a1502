/**
 * The proxy as a request handler (no listening here, see server.ts): identity on every /api/*
 * call, the firm's QuickBooks connection (connect flow, status, disconnect, relay), the firm's
 * records and their event stream, and the add-in's static files. docs/proxy-api.md is the
 * contract.
 *
 * Never logged: tokens (identity or Intuit), codes, states, tickets, completions, the client
 * secret, Authorization headers, query strings. Log lines carry the route, a status and error
 * codes only.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './api-error';
import type { ProxyConfig } from './config';
import { createConnectFlow } from './connect-flow';
import { answerPreflight, checkOrigin } from './cors';
import { createInProcessEventBus, type FirmEventBus } from './firm/event-bus';
import { createPostgresEventBus } from './firm/postgres-event-bus';
import { openEventStream } from './firm/event-stream';
import { handleLease, parseLeasePath } from './firm/lease-routes';
import { handleRecords, parseRecordsPath } from './firm/records-routes';
import { pathOf, readJson, sendError, sendJson } from './http-io';
import { createIdentityVerifier, type IdentityVerifier } from './identity/identity-verifier';
import { IntuitClient } from './intuit-client';
import { IntuitError } from './intuit-error';
import { parseRelayPath, relay } from './relay';
import { RateLimiter, type Budget } from './rate-limiter';
import { SharedRateWindows } from './shared-rate-windows';
import { ConnectionCache } from './connection-cache';
import { serveStatic } from './static-files';
import { openFirmStore } from './store/firm-store';
import { loadOrCreateTokenKey } from './token-key';
import { TokenRefresher } from './token-refresher';
import { createUpstream } from './upstream';

export interface ProxyAppOptions {
  /** Clock in epoch ms for Intuit token expiry and pending values; tests move it. Identity tokens always use real time. */
  now?: () => number;
  /** Where log lines go (default console.log). */
  log?: (line: string) => void;
  /** Change notifications (default: in process). */
  bus?: FirmEventBus;
  /** How often expired pending authorizations are swept (default 60 s). */
  sweepIntervalMs?: number;
  /** Interval of the event stream's `: ping` comments (default 15 s). */
  eventPingMs?: number;
  /** Replaces the JWKS-backed verifier (never needed outside tests of the verifier itself). */
  identity?: IdentityVerifier;
  /** How often a replica on PostgreSQL shares its rate-limit counts (default 1 s). */
  rateFlushMs?: number;
}

export interface ProxyApp {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Runs the pending-authorization sweep now (the timer runs it every minute). */
  sweep(): Promise<number>;
  /** Stops the sweep timer and closes the store. */
  close(): Promise<void>;
}

const SMALL_JSON_BYTES = 64 * 1024;

export async function createProxyApp(config: ProxyConfig, options: ProxyAppOptions = {}): Promise<ProxyApp> {
  const now = options.now ?? Date.now;
  const log = options.log ?? ((line: string) => console.log(`[proxy] ${line}`));
  const key = loadOrCreateTokenKey(config.dataDir, config.tokenKey);
  const store = await openFirmStore({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    poolMax: config.databasePoolMax,
    onDatabaseError: (err) => log(`database connection error: ${err.message}`),
    key,
    now,
    onUnreadable: () => log("a firm's stored tokens could not be decrypted (different TOKEN_ENCRYPTION_KEY?); the firm must reconnect"),
  });
  const identity = options.identity ?? createIdentityVerifier({ issuer: config.identityIssuer, audience: config.identityAudience, jwksUrl: config.identityJwksUrl });
  // With PostgreSQL, notifications go through LISTEN/NOTIFY so streams on every replica hear them.
  const ownBus = options.bus ? null : config.databaseUrl ? createPostgresEventBus(config.databaseUrl, log) : null;
  if (ownBus) {
    try {
      await ownBus.ready;
    } catch (err) {
      await ownBus.close();
      await store.close();
      throw err;
    }
  }
  const bus = options.bus ?? ownBus ?? createInProcessEventBus();
  const publicHost = new URL(config.publicUrl).host.toLowerCase();
  const limiter = new RateLimiter(Date.now);
  const limits = config.limits;
  const budgets: Record<string, Budget> = { 'auth:a': limits.authPerAddress, 'auth:u': limits.authPerUser, 'data:a': limits.dataPerAddress, 'data:u': limits.dataPerUser };
  const budgetOfKey = (key: string): Budget | undefined => budgets[key.slice(0, 6)];
  const AUTH_PATHS = new Set(['/auth/start', '/auth/callback', '/api/auth/start', '/api/auth/complete', '/api/auth/cancel']);
  const kindOf = (path: string): 'auth' | 'data' | null => (AUTH_PATHS.has(path) ? 'auth' : path === '/api' || path.startsWith('/api/') ? 'data' : null);
  const addressOf = (req: IncomingMessage): string => {
    if (limits.trustForwarded) {
      const forwarded = String(req.headers['x-forwarded-for'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      if (forwarded.length) return forwarded[forwarded.length - 1];
    }
    return req.socket.remoteAddress ?? 'unknown';
  };
  // On PostgreSQL the per-minute budgets are also counted across replicas (shared-rate-windows.ts);
  // the replica's own buckets still shape bursts.
  const shared =
    limits.rateLimits && store.db.dialect === 'postgres'
      ? new SharedRateWindows(store.db, { flushMs: options.rateFlushMs, onError: (err) => log(`rate-limit counts could not be shared (each replica limits alone until the database answers): ${err.message}`) })
      : null;
  const limit = (kind: 'auth' | 'data' | null, who: 'a' | 'u', id: string): void => {
    if (!limits.rateLimits || kind === null) return;
    const key = `${kind}:${who}:${id}`;
    const budget = budgets[key.slice(0, 6)];
    limiter.take(key, budget);
    shared?.take(key, budget.perMinute);
  };
  const intuit = new IntuitClient(config, now);
  // A grant Intuit stopped accepting is remembered for every staff member's panel, recorded and told now
  // (the flow is built next; the refresher calls back only on a later request).
  // Each relayed call finds its firm's connection in memory (connection-cache.ts says why that
  // stays correct across replicas).
  const connectionCache = new ConnectionCache(bus);
  const refresher = new TokenRefresher(store.connections, intuit, now, (firmId, lost, reason) => flow.lapsed(firmId, lost, reason), connectionCache);
  const flow = createConnectFlow({ config, store, key, intuit, refresher, bus, now, log });
  const upstream = createUpstream(config.endpoints.apiBase);

  const only = (method: string, expected: string, path: string): void => {
    if (method !== expected) throw new ApiError(405, 'method_not_allowed', `Use ${expected} ${path}.`);
  };

  async function api(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    checkOrigin(req, res, config.publicUrl);
    const method = req.method ?? 'GET';
    if (method === 'OPTIONS') return answerPreflight(res);
    const caller = await identity.verify(req.headers.authorization);
    limit(kindOf(path), 'u', `${caller.firmId}/${caller.userId}`);

    if (path.startsWith('/api/qbo/')) {
      const target = parseRelayPath(req.url ?? '');
      if (!target) {
        throw new ApiError(400, 'bad_request', 'Relayed paths look like /api/qbo/v3/company/{realmId}/{entity}…, without empty, "." or ".." segments or encoded slashes.');
      }
      return relay(req, res, target, caller.firmId, { connections: store.connections, refresher, upstream });
    }
    const records = parseRecordsPath(path);
    if (records) return handleRecords(req, res, records, caller, { records: store.records, bus });
    const lease = parseLeasePath(path);
    if (lease) return handleLease(req, res, lease, caller, { leases: store.leases, now });
    switch (path) {
      case '/api/status':
        only(method, 'GET', path);
        return sendJson(res, 200, await flow.status(caller));
      case '/api/events':
        only(method, 'GET', path);
        return openEventStream(req, res, caller, bus, Date.now, options.eventPingMs);
      case '/api/auth/start':
        only(method, 'POST', path);
        return sendJson(res, 200, await flow.start(caller));
      case '/api/auth/complete':
        only(method, 'POST', path);
        return sendJson(res, 200, await flow.complete(caller, await readJson(req, SMALL_JSON_BYTES)));
      case '/api/auth/cancel':
        only(method, 'POST', path);
        return sendJson(res, 200, await flow.cancel(caller, await readJson(req, SMALL_JSON_BYTES)));
      case '/api/connection/keep-company':
        only(method, 'POST', path);
        return sendJson(res, 200, await flow.keepCompany(caller));
      case '/api/disconnect':
        only(method, 'POST', path);
        return sendJson(res, 200, await flow.disconnect(caller));
      default:
        throw new ApiError(404, 'not_found', `No API route ${method} ${path}. See docs/proxy-api.md.`);
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = pathOf(req);
    // Health checks come from the balancer, which addresses replicas by their own address.
    if (path === '/healthz') return sendJson(res, 200, { ok: true });
    if (path === '/readyz') {
      try {
        await store.db.query('SELECT 1 AS one');
      } catch {
        throw new ApiError(503, 'database_unavailable', 'The proxy cannot reach its database. Check DATABASE_URL and that the database is up.');
      }
      return sendJson(res, 200, { ok: true, database: store.db.dialect });
    }
    // Pages, cookies and redirects are built for the public origin: any other Host (DNS
    // rebinding, a stray vhost) is refused.
    if ((req.headers.host ?? '').toLowerCase() !== publicHost) {
      throw new ApiError(421, 'wrong_host', `This proxy answers for ${publicHost} only. Use its public address (ADDIN_PUBLIC_URL).`);
    }
    // Per address before any work (identity, database); per user once the caller is known.
    limit(kindOf(path), 'a', addressOf(req));
    if (path === '/api' || path.startsWith('/api/')) return api(req, res, path);
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') throw new ApiError(405, 'method_not_allowed', `${method} ${path} is not supported.`);
    const url = new URL(req.url ?? '/', 'http://proxy.invalid');
    if (path === '/auth/start') return flow.startPage(res, url);
    if (path === '/auth/callback') return flow.callback(req, res, url);
    if (await serveStatic(req, res, path, config)) return;
    const hint = path === '/taskpane.html' || path === '/commands.html' ? ` The add-in is not built in ${config.staticDir}: run npm run build.` : '';
    throw new ApiError(404, 'not_found', `Nothing is served at ${path}.${hint}`);
  }

  const sweep = async (): Promise<number> => {
    try {
      return await flow.sweep();
    } catch (err) {
      log(`sweep failed: ${(err as Error)?.name}: ${(err as Error)?.message}`);
      return 0;
    }
  };
  const sweeper = setInterval(() => {
    void sweep();
    limiter.prune(budgetOfKey);
  }, options.sweepIntervalMs ?? 60_000);
  sweeper.unref();

  return {
    sweep,
    async close() {
      clearInterval(sweeper);
      await shared?.close();
      connectionCache.close();
      upstream.close();
      await ownBus?.close();
      await store.close();
    },
    handle(req, res) {
      // Every answer, including errors and streams, is never content-sniffed.
      res.setHeader('X-Content-Type-Options', 'nosniff');
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
