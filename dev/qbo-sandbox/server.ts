/**
 * The QuickBooks Online sandbox: Intuit's OAuth server and the Accounting API on one local
 * origin, plus test-only controls under /__sandbox/ (see README.md). Imports nothing from
 * src/: it is the referee the product is measured against.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { SandboxClock } from './clock';
import { gatewayFaultBody, type GatewayStatus } from './faults';
import { BodyTooLargeError, newIntuitTid, readBody, redirect, sendJson, sendText } from './http-io';
import { pacificTimestampMs } from './pacific-time';
import { OAuthService, SCOPES } from './oauth/oauth-service';
import { AuthorizeFlow } from './oauth/authorize-flow';
import { discoveryEndpoint, jwksEndpoint, revokeEndpoint, tokenEndpoint, userInfoEndpoint } from './oauth/oauth-routes';
import { CompanyRegistry } from './store/company-registry';
import { V3Api, predictOperation } from './api/v3-api';
import { RateLimiter } from './rate-limiter';
import { FaultInjector, type FaultAction, type RequestFacts } from './fault-injector';
import { HeldRequests } from './held-requests';
import { RequestLog, endpointOf } from './request-log';
import { buildDemoCompanies, DEMO_USER, DEMO_USER_PROFILE } from './demo-companies';
import { handleAdmin, type SandboxContext } from './admin-api';
import type { SandboxOptions, SandboxServer } from './sandbox-types';

export type { SandboxApp, SandboxLimits, SandboxOptions, SandboxServer } from './sandbox-types';
export { DEFAULT_LIMITS } from './sandbox-types';

const QBO_VERSION = '1.4.52';

export async function createSandbox(opts: SandboxOptions): Promise<SandboxServer> {
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const clock = new SandboxClock();
  const companies = new CompanyRegistry(opts.dataDir);
  const found = companies.open();
  const oauth = new OAuthService(opts.dataDir, opts.apps, clock);
  oauth.open();
  if (opts.fresh || found === 0) {
    companies.wipe();
    for (const state of buildDemoCompanies(clock.now())) companies.put(state);
    if (opts.fresh) oauth.wipe();
  }
  const user = { ...DEMO_USER, ...DEMO_USER_PROFILE };
  const ctx: SandboxContext = {
    clock,
    companies,
    oauth,
    api: new V3Api(() => clock.now()),
    limiter: new RateLimiter(opts.limits),
    faults: new FaultInjector(),
    holds: new HeldRequests(() => clock.now()),
    log: new RequestLog(),
    flow: new AuthorizeFlow(
      oauth,
      user,
      () => companies.realmIds().map((realmId) => ({ realmId, name: String(companies.get(realmId)?.state.tables.CompanyInfo.get('1')?.CompanyName ?? realmId) })),
      clock,
    ),
    initialLimits: opts.limits,
    baseUrl: '',
  };

  const server = http.createServer((req, res) => {
    handle(ctx, user, req, res).catch((err: unknown) => {
      console.error('[qbo-sandbox] request failed:', err);
      if (!res.headersSent) sendJson(res, 500, { error: 'sandbox_error', message: 'The sandbox failed on this request; see its console.' });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  // Bounded sockets, so half-open clients cannot exhaust the sandbox: headers within 10 s, a
  // request within 60 s, silence for 150 s (held requests answer within QBO's 120 s), and at
  // most 2000 sockets at once (more are dropped at accept).
  server.headersTimeout = 10_000;
  server.requestTimeout = 60_000;
  server.maxConnections = 2000;
  server.setTimeout(150_000, (socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${opts.host ?? '127.0.0.1'}:${port}`;
  ctx.baseUrl = url;
  let closed = false;
  return {
    url,
    port,
    close: async () => {
      if (closed) return;
      closed = true;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      companies.close();
      oauth.close();
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Applies injected delays, then injected failures; true when the request was answered here. */
async function injected(ctx: SandboxContext, facts: RequestFacts, res: ServerResponse, tid: string): Promise<boolean> {
  const delay = ctx.faults.take(facts, ['delay']) as Extract<FaultAction, { type: 'delay' }> | undefined;
  if (delay) await sleep(delay.ms);
  const hold = ctx.faults.take(facts, ['hold']) as Extract<FaultAction, { type: 'hold' }> | undefined;
  if (hold) {
    // Received, not yet committed; whether the client is still listening does not matter.
    const outcome = await ctx.holds.hold(hold.seconds * 1000, { operation: facts.operation ?? 'other', realmId: facts.realmId });
    if (outcome === 'timedOut') {
      // Past QuickBooks' 120 s: the request is abandoned and nothing is written.
      if (!res.destroyed) sendText(res, 504, 'text/html', '<html><body><h1>504 Gateway Time-out</h1></body></html>', { intuit_tid: tid });
      return true;
    }
  }
  const action = ctx.faults.take(facts, ['status', 'drop']);
  if (!action) return false;
  if (action.type === 'drop') {
    res.socket?.destroy();
    return true;
  }
  if (action.type === 'status') {
    const body = action.body === undefined ? defaultFaultBody(ctx, action.status) : action.body;
    if (typeof body === 'string') sendText(res, action.status, action.headers?.['Content-Type'] ?? 'text/plain', body, { ...action.headers, intuit_tid: tid });
    else sendJson(res, action.status, body, { ...action.headers, intuit_tid: tid });
    return true;
  }
  return false;
}

function defaultFaultBody(ctx: SandboxContext, status: number): unknown {
  if (status === 401 || status === 403 || status === 429) return gatewayFaultBody(status, 'Injected by /__sandbox/faults.', ctx.clock.now());
  if (status >= 500) {
    return { Fault: { Error: [{ Message: 'An application error has occurred while processing your request', Detail: 'System Failure Error: injected by /__sandbox/faults', code: '10000', element: '' }], type: 'SystemFault' }, time: pacificTimestampMs(ctx.clock.now()) };
  }
  return { Fault: { Error: [{ Message: 'Injected fault', Detail: 'Injected by /__sandbox/faults.', code: '6000', element: '' }], type: 'ValidationFault' }, time: pacificTimestampMs(ctx.clock.now()) };
}

async function handle(ctx: SandboxContext, user: typeof DEMO_USER & typeof DEMO_USER_PROFILE, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const url = new URL(req.url ?? '/', 'http://sandbox.local');
  const path = url.pathname;
  const method = (req.method ?? 'GET').toUpperCase();
  let body: string;
  try {
    body = await readBody(req);
  } catch (err) {
    if (err instanceof BodyTooLargeError) sendJson(res, 413, { error: 'request_too_large', message: err.message });
    return;
  }

  if (path.startsWith('/__sandbox/')) {
    await handleAdmin(ctx, method, path, url.searchParams, body, res);
    return;
  }

  const tid = newIntuitTid();
  const facts: RequestFacts = { method, path };
  let operation = 'other';
  res.on('close', () => {
    ctx.log.add({ at: new Date(ctx.clock.now()).toISOString(), method, endpoint: endpointOf(path), realmId: facts.realmId, operation, status: res.headersSent ? res.statusCode : 0, ms: Math.round((performance.now() - started) * 100) / 100 });
  });

  const v3 = /^\/v3\/company\/([^/]+)\/(.*)$/.exec(path);
  if (v3) {
    const realmId = decodeURIComponent(v3[1]);
    const segments = v3[2].split('/').filter(Boolean).map(decodeURIComponent);
    facts.realmId = realmId;
    operation = predictOperation(method, segments, url.searchParams, body);
    facts.operation = operation;
    const headers = { intuit_tid: tid, 'QBO-Version': QBO_VERSION };
    const gateway = (status: GatewayStatus, detail: string) => sendJson(res, status, gatewayFaultBody(status, detail, ctx.clock.now()), headers);
    const access = ctx.oauth.checkAccess(req.headers.authorization);
    if (!access.ok) return gateway(401, access.reason);
    const company = ctx.companies.get(realmId);
    if (access.grant.realmId !== realmId || !company) return gateway(403, 'The token is not authorized for this company (realmId).');
    if (!access.grant.scopes.includes(SCOPES.accounting)) return gateway(403, 'The token lacks the com.intuit.quickbooks.accounting scope.');
    const admission = ctx.limiter.admit(realmId, access.grant.clientId, segments[0]?.toLowerCase() === 'batch', ctx.clock.now());
    if (!admission.ok) {
      operation = `${operation}.throttled`;
      return gateway(429, `The request limit was reached.  Try again later. (${admission.reason})`);
    }
    res.on('close', admission.release);
    if (await injected(ctx, facts, res, tid)) return;
    const answer = ctx.api.handle(company, { method, segments, params: url.searchParams, body, contentType: req.headers['content-type'] ?? '' });
    operation = answer.operation;
    if (answer.committed && ctx.faults.take({ ...facts, operation }, ['drop-after-commit'])) {
      // The write is on disk; the client never hears about it.
      res.socket?.destroy();
      return;
    }
    sendText(res, answer.status, 'application/json;charset=UTF-8', answer.body, headers);
    return;
  }

  if (method === 'POST' && path === '/oauth2/v1/tokens/bearer') {
    operation = new URLSearchParams(body).get('grant_type') === 'refresh_token' ? 'token.refresh' : 'token.exchange';
    facts.operation = operation;
    if (await injected(ctx, facts, res, tid)) return;
    operation = tokenEndpoint(ctx.oauth, req, res, body, tid);
    return;
  }
  facts.operation = operation = routeName(method, path);
  if (await injected(ctx, facts, res, tid)) return;
  if (method === 'GET' && path === '/connect/oauth2') return flowAnswer(res, ctx.flow.start(url.searchParams));
  if (method === 'POST' && path === '/connect/oauth2/signin') return flowAnswer(res, ctx.flow.signIn(new URLSearchParams(body)));
  if (method === 'POST' && path === '/connect/oauth2/consent') return flowAnswer(res, ctx.flow.decide(new URLSearchParams(body)));
  if (method === 'POST' && path === '/v2/oauth2/tokens/revoke') return revokeEndpoint(ctx.oauth, req, res, body, tid);
  if (method === 'GET' && path === '/v1/openid_connect/userinfo') return userInfoEndpoint(ctx.oauth, user, req, res, tid);
  if (method === 'GET' && path === '/op/v1/jwks') return jwksEndpoint(ctx.oauth, res);
  if (method === 'GET' && /^\/\.well-known\/openid_(sandbox_)?configuration\/?$/.test(path)) return discoveryEndpoint(ctx.baseUrl, res);
  if (method === 'GET' && path === '/') {
    sendJson(res, 200, { name: 'QuickBooks Online sandbox', realms: ctx.companies.realmIds(), docs: 'dev/qbo-sandbox/README.md' });
    return;
  }
  sendJson(res, 404, { error: 'not_found', message: `No sandbox route for ${method} ${path}. See dev/qbo-sandbox/README.md for the routes.` });
}

function routeName(method: string, path: string): string {
  if (path.startsWith('/connect/oauth2')) return 'authorize';
  if (path === '/v2/oauth2/tokens/revoke') return 'token.revoke';
  if (path === '/v1/openid_connect/userinfo') return 'userinfo';
  return `${method.toLowerCase()}.${path}`;
}

function flowAnswer(res: ServerResponse, result: ReturnType<AuthorizeFlow['start']>): void {
  if (result.kind === 'redirect') redirect(res, result.location);
  else sendText(res, result.status, 'text/html; charset=utf-8', result.html, { 'Cache-Control': 'no-store', 'X-Frame-Options': 'DENY' });
}
