/**
 * The proxy against the real local sandbox (dev/qbo-sandbox) and a test identity issuer, over
 * real HTTP. Intuit's token endpoint is reached through a counting pass-through so that tests
 * can tell exactly how many exchanges and refreshes the proxy made and which secrets went by.
 * The proxy can be restarted on the same port and data folder.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSandbox, type SandboxServer } from '../../../../dev/qbo-sandbox/server';
import { DEMO_REALMS, DEMO_USER } from '../../../../dev/qbo-sandbox/demo-companies';
import { createProxyApp, type ProxyApp } from '../../../../src/proxy/app';
import { loadProxyConfig, type ProxyConfig } from '../../../../src/proxy/config';
import { createConnectionsRepository, type Connection } from '../../../../src/proxy/store/connections';
import { openSqliteDatabase } from '../../../../src/proxy/store/sqlite-database';
import { loadOrCreateTokenKey } from '../../../../src/proxy/token-key';
import { BrowserLike, parseForms } from '../browser-like';
import { startTestIssuer, type TestIssuer, type TestUser } from './test-issuer';

export const CLIENT_ID = 'proxy-test-client';
export const CLIENT_SECRET = 'proxy-test-secret-7f3a9c';
export const SHELL = 'http://127.0.0.1:39999';
export const AUDIENCE = 'http://addin.test';

export interface FlowResult {
  callbackUrl: string;
  binding: string;
  html: string;
  browser: BrowserLike;
}

export interface Harness {
  dir: string;
  sandbox: SandboxServer;
  issuer: TestIssuer;
  proxyUrl: string;
  config: ProxyConfig;
  app(): ProxyApp;
  grants: string[];
  logLines: string[];
  secretsSeen: Set<string>;
  /** Refresh tokens the token endpoint handed out, in order. */
  refreshTokensIssued: string[];
  setSkew(ms: number): void;
  /** fetch against the proxy as `user` (a fresh identity token each call unless `token` is given). */
  api(user: TestUser, p: string, init?: RequestInit & { token?: string }): Promise<Response>;
  /** POST /api/auth/start as `user`: the link and flowId. */
  start(user: TestUser): Promise<{ url: string; flowId: string }>;
  /** Drives a start link through sign-in and consent in a browser, up to the callback page. */
  signIn(url: string, realmId?: string, choice?: 'connect' | 'cancel', browser?: BrowserLike): Promise<FlowResult>;
  /** start + signIn + complete as `user`: the status the proxy answered. */
  connect(user: TestUser, realmId?: string): Promise<Record<string, unknown>>;
  /** The firm's connection as stored (decrypted with the proxy's key). */
  stored(firmId: string): Promise<Connection | null>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export function dialogMessage(html: string): Record<string, unknown> {
  const json = /var envelope = (.*);\n/.exec(html)?.[1];
  assert.ok(json, 'the callback page posts a dialogMessage');
  const envelope = JSON.parse(json) as { protocol: string; kind: string; message: Record<string, unknown> };
  assert.equal(envelope.kind, 'dialogMessage');
  return envelope.message;
}

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

export async function startHarness(options: { sweepIntervalMs?: number; eventPingMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<Harness> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'proxy-firm-'));
  const issuer = await startTestIssuer(AUDIENCE);
  const grants: string[] = [];
  const logLines: string[] = [];
  const secretsSeen = new Set<string>();
  const refreshTokensIssued: string[] = [];
  let skewMs = 0;
  // The proxy's port must be known before the sandbox registers its redirect URI.
  const proxyServer = createServer();
  const proxyPort = await listen(proxyServer);
  const proxyUrl = `http://127.0.0.1:${proxyPort}`;
  const sandbox = await createSandbox({
    dataDir: path.join(dir, 'sandbox'),
    port: 0,
    apps: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [`${proxyUrl}/auth/callback`] }],
    fresh: true,
    limits: false,
  });
  const counter = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const form = new URLSearchParams(body);
      grants.push(form.get('grant_type') ?? '?');
      for (const k of ['code', 'refresh_token']) if (form.get(k)) secretsSeen.add(form.get(k) as string);
      const headers: Record<string, string> = {};
      for (const h of ['authorization', 'content-type', 'accept']) if (typeof req.headers[h] === 'string') headers[h] = req.headers[h] as string;
      fetch(`${sandbox.url}${req.url}`, { method: req.method, headers, body })
        .then(async (r) => {
          const text = await r.text();
          try {
            const json = JSON.parse(text) as Record<string, unknown>;
            for (const k of ['access_token', 'refresh_token', 'id_token']) if (typeof json[k] === 'string') secretsSeen.add(json[k] as string);
            if (typeof json.refresh_token === 'string') refreshTokensIssued.push(json.refresh_token);
          } catch {
            // not JSON: nothing to remember
          }
          res.writeHead(r.status, { 'Content-Type': r.headers.get('content-type') ?? 'application/json' });
          res.end(text);
        })
        .catch(() => {
          res.writeHead(502);
          res.end();
        });
    });
  });
  const counterPort = await listen(counter);
  const config = loadProxyConfig({
    ADDIN_PORT: String(proxyPort),
    SHELL_ORIGIN: SHELL,
    SANDBOX_PORT: String(sandbox.port),
    INTUIT_TOKEN_URL: `http://127.0.0.1:${counterPort}/oauth2/v1/tokens/bearer`,
    INTUIT_CLIENT_ID: CLIENT_ID,
    INTUIT_CLIENT_SECRET: CLIENT_SECRET,
    DATA_DIR: path.join(dir, 'data'),
    IDENTITY_ISSUER: issuer.url,
    IDENTITY_AUDIENCE: AUDIENCE,
    // Rate limits have their own tests (limits.test.ts); these call far faster than a person.
    PROXY_LIMITS: 'off',
    ...options.env,
  });
  const makeApp = () => createProxyApp(config, { now: () => Date.now() + skewMs, log: (l) => logLines.push(l), sweepIntervalMs: options.sweepIntervalMs, eventPingMs: options.eventPingMs });
  let app = await makeApp();
  proxyServer.on('request', (req, res) => app.handle(req, res));

  const api: Harness['api'] = async (user, p, init = {}) => {
    const { token, ...rest } = init;
    const auth = token ?? (await issuer.mint(user));
    return fetch(`${proxyUrl}${p}`, { ...rest, headers: { Authorization: `Bearer ${auth}`, ...(rest.headers as Record<string, string> | undefined) } });
  };

  const signIn: Harness['signIn'] = async (url, realmId = DEMO_REALMS.us, choice = 'connect', browser = new BrowserLike()) => {
    const page1 = await browser.navigate(url);
    assert.ok(page1.url.startsWith(`${sandbox.url}/connect/oauth2`), `landed on ${page1.url}`);
    const [signInForm] = parseForms(page1.html, page1.url);
    const consent = await browser.submit(signInForm, { email: DEMO_USER.email, password: DEMO_USER.password }, /^Sign In$/);
    assert.equal(consent.res.status, 200, consent.html);
    const [consentForm] = parseForms(consent.html, consent.url);
    assert.ok(consentForm.radios.some((r) => r.value === realmId), 'the company is offered');
    const toCallback = await browser.submit(consentForm, { realmId }, choice === 'connect' ? /^Connect$/ : /^Cancel$/, (u) => u.startsWith(`${proxyUrl}/auth/callback`));
    const binding = browser.cookie('127.0.0.1', 'qbo_oauth_binding') ?? '';
    const page = await browser.navigate(toCallback.url);
    return { callbackUrl: toCallback.url, binding, html: page.html, browser };
  };

  const start: Harness['start'] = async (user) => {
    const res = await api(user, '/api/auth/start', { method: 'POST' });
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json()) as { url: string; flowId: string };
  };

  return {
    dir,
    sandbox,
    issuer,
    proxyUrl,
    config,
    app: () => app,
    grants,
    logLines,
    secretsSeen,
    refreshTokensIssued,
    setSkew: (ms) => (skewMs = ms),
    api,
    start,
    signIn,
    async connect(user, realmId = DEMO_REALMS.us) {
      const { url, flowId } = await start(user);
      const { html } = await signIn(url, realmId);
      const message = dialogMessage(html);
      assert.equal(message.status, 'authorized', JSON.stringify(message));
      assert.equal(message.flowId, flowId);
      const res = await api(user, '/api/auth/complete', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ completion: message.completion }) });
      assert.equal(res.status, 200, await res.clone().text());
      return (await res.json()) as Record<string, unknown>;
    },
    async stored(firmId) {
      const dataDir = path.join(dir, 'data', 'proxy');
      const db = openSqliteDatabase(path.join(dataDir, 'firm.db'));
      try {
        return await createConnectionsRepository(db, loadOrCreateTokenKey(dataDir, null)).get(firmId);
      } finally {
        await db.close();
      }
    },
    async restart() {
      await app.close();
      app = await makeApp();
    },
    async close() {
      proxyServer.closeAllConnections();
      await new Promise<void>((r) => proxyServer.close(() => r()));
      await app.close();
      counter.closeAllConnections();
      await new Promise<void>((r) => counter.close(() => r()));
      await sandbox.close();
      await issuer.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
