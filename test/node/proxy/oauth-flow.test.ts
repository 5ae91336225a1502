/**
 * The proxy against the real local sandbox (dev/qbo-sandbox): the whole code flow driven over
 * HTTP like a browser, status, relay, refresh (near expiry and on 401, single-flight),
 * rotation, disconnect, realm and origin checks, and the single use of authorization codes.
 * Intuit's token endpoint is reached through a counting pass-through so that the tests can
 * tell exactly how many exchanges and refreshes the proxy made.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSandbox, type SandboxServer } from '../../../dev/qbo-sandbox/server';
import { DEMO_REALMS, DEMO_USER } from '../../../dev/qbo-sandbox/demo-companies';
import { createProxyApp } from '../../../src/proxy/app';
import { loadProxyConfig } from '../../../src/proxy/config';
import { loadOrCreateTokenKey } from '../../../src/proxy/token-key';
import { SessionStore, sessionKeyOf, type Connection } from '../../../src/proxy/session-store';
import { BrowserLike, parseForms } from './browser-like';

const CLIENT_ID = 'proxy-test-client';
const CLIENT_SECRET = 'proxy-test-secret-7f3a9c';
const SHELL = 'http://127.0.0.1:39999';

let dir: string;
let sandbox: SandboxServer;
let proxyServer: Server;
let counter: Server;
let proxyUrl: string;
let skewMs = 0;
const grants: string[] = [];
const logLines: string[] = [];
const secretsSeen = new Set<string>();

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'proxy-flow-'));
  // The proxy's port must be known before the sandbox registers its redirect URI.
  proxyServer = createServer();
  const proxyPort = await listen(proxyServer);
  proxyUrl = `http://127.0.0.1:${proxyPort}`;
  sandbox = await createSandbox({
    dataDir: path.join(dir, 'sandbox'),
    port: 0,
    apps: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [`${proxyUrl}/auth/callback`] }],
    fresh: true,
    limits: false,
  });
  counter = createServer((req, res) => {
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
  });
  const app = createProxyApp(config, { now: () => Date.now() + skewMs, log: (l) => logLines.push(l) });
  proxyServer.on('request', (req, res) => app.handle(req, res));
});

after(async () => {
  proxyServer.closeAllConnections();
  await new Promise<void>((r) => proxyServer.close(() => r()));
  counter.closeAllConnections();
  await new Promise<void>((r) => counter.close(() => r()));
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

async function newSession(): Promise<string> {
  const res = await fetch(`${proxyUrl}/api/session`, { method: 'POST' });
  return ((await res.json()) as { sessionId: string }).sessionId;
}

interface Connected {
  sessionId: string;
  callbackUrl: string;
  /** The browser-binding cookie the proxy set when the flow started. */
  binding: string;
  html: string;
  browser: BrowserLike;
}

/** Connect → Intuit sign-in → choose company → Connect, as a user in the dialog window would. */
async function connect(realmId: string = DEMO_REALMS.us, choice: 'connect' | 'cancel' = 'connect', sessionId?: string): Promise<Connected> {
  const sid = sessionId ?? (await newSession());
  const start = await fetch(`${proxyUrl}/api/auth/start`, { method: 'POST', headers: { 'X-Session-Id': sid } });
  assert.equal(start.status, 200);
  const { url } = (await start.json()) as { url: string };
  const browser = new BrowserLike();
  const signIn = await browser.navigate(url);
  assert.ok(signIn.url.startsWith(`${sandbox.url}/connect/oauth2`), `landed on ${signIn.url}`);
  const [signInForm] = parseForms(signIn.html, signIn.url);
  const consent = await browser.submit(signInForm, { email: DEMO_USER.email, password: DEMO_USER.password }, /^Sign In$/);
  assert.equal(consent.res.status, 200, consent.html);
  const [consentForm] = parseForms(consent.html, consent.url);
  assert.ok(consentForm.radios.some((r) => r.value === realmId), 'the company is offered');
  const toCallback = await browser.submit(consentForm, { realmId }, choice === 'connect' ? /^Connect$/ : /^Cancel$/, (u) => u.startsWith(`${proxyUrl}/auth/callback`));
  const callbackUrl = toCallback.url;
  const binding = browser.cookie('127.0.0.1', 'qbo_oauth_binding') ?? '';
  const page = await browser.navigate(callbackUrl);
  return { sessionId: sid, callbackUrl, binding, html: page.html, browser };
}

function dialogMessage(html: string): Record<string, unknown> {
  const json = /var envelope = (.*);\n/.exec(html)?.[1];
  assert.ok(json, 'the callback page posts a dialogMessage');
  const envelope = JSON.parse(json) as { protocol: string; kind: string; message: Record<string, unknown> };
  assert.equal(envelope.kind, 'dialogMessage');
  return envelope.message;
}

const api = (sid: string, p: string, init: RequestInit = {}) =>
  fetch(`${proxyUrl}${p}`, { ...init, headers: { 'X-Session-Id': sid, ...(init.headers as Record<string, string> | undefined) } });

function stored(sid: string): Connection | null {
  const dataDir = path.join(dir, 'data', 'proxy');
  const store = new SessionStore(dataDir, loadOrCreateTokenKey(dataDir, null));
  return store.get(sessionKeyOf(sid) as string)?.connection ?? null;
}

async function sandboxRefresh(refreshToken: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${sandbox.url}/oauth2/v1/tokens/bearer`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function sandboxControl(p: string, body: unknown): Promise<void> {
  const res = await fetch(`${sandbox.url}/__sandbox/${p}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(res.status, 200, await res.text());
}

const count = (grant: string) => grants.filter((g) => g === grant).length;

test('the code flow connects, reports status and relays CompanyInfo', async () => {
  const before = count('authorization_code');
  const { sessionId, html } = await connect();
  assert.equal(count('authorization_code') - before, 1);
  const message = dialogMessage(html);
  assert.equal(message.status, 'connected');
  assert.equal(message.realmId, DEMO_REALMS.us);
  assert.equal(message.country, 'US');
  assert.equal(typeof message.companyName, 'string');
  assert.match(html, new RegExp(`var target = "${SHELL}";`), 'posted to the shell origin only');

  const status = (await (await api(sessionId, '/api/status')).json()) as Record<string, unknown>;
  assert.equal(status.connected, true);
  assert.equal(status.realmId, DEMO_REALMS.us);
  assert.equal(status.companyName, message.companyName);
  assert.equal(status.country, 'US');
  assert.equal(status.connectedBy, DEMO_USER.email);
  const accessExpiry = Date.parse(status.accessTokenExpiresAt as string) - Date.now();
  assert.ok(accessExpiry > 55 * 60_000 && accessExpiry <= 60 * 60_000, `access token expiry in ${accessExpiry} ms`);
  assert.ok(Date.parse(status.refreshTokenExpiresAt as string) > Date.now() + 90 * 86_400_000);
  assert.ok(!JSON.stringify(status).includes(stored(sessionId)?.tokens.accessToken ?? '??'), 'no token in the status');

  const info = await api(sessionId, `/api/qbo/v3/company/${DEMO_REALMS.us}/companyinfo/${DEMO_REALMS.us}?minorversion=75`);
  assert.equal(info.status, 200);
  assert.match(info.headers.get('content-type') ?? '', /application\/json/);
  assert.ok(info.headers.get('intuit_tid'), 'intuit_tid passes through');
  const body = (await info.json()) as { CompanyInfo: { CompanyName: string; Country: string } };
  assert.equal(body.CompanyInfo.CompanyName, message.companyName);
});

test('the relay passes queries, statuses and bodies through unchanged', async () => {
  const { sessionId } = await connect();
  const tokens = stored(sessionId)?.tokens;
  assert.ok(tokens);
  const direct = (p: string, init: RequestInit = {}) =>
    fetch(`${sandbox.url}${p}`, { ...init, headers: { Authorization: `Bearer ${tokens.accessToken}`, Accept: 'application/json', ...(init.headers as Record<string, string> | undefined) } });
  const strip = (text: string) => text.replace(/"time":"[^"]*"/g, '"time":"…"');

  const q = `/v3/company/${DEMO_REALMS.us}/query?query=${encodeURIComponent("select * from Customer where DisplayName LIKE 'B%' maxresults 3")}&minorversion=75`;
  const viaProxy = await api(sessionId, `/api/qbo${q}`, { headers: { Accept: 'application/json' } });
  const viaSandbox = await direct(q);
  assert.equal(viaProxy.status, 200);
  assert.equal(strip(await viaProxy.text()), strip(await viaSandbox.text()));

  const post = await api(sessionId, `/api/qbo/v3/company/${DEMO_REALMS.us}/query`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/text', Accept: 'application/json' },
    body: 'select count(*) from Customer',
  });
  assert.equal(post.status, 200);
  assert.equal(typeof ((await post.json()) as { QueryResponse: { totalCount: number } }).QueryResponse.totalCount, 'number');

  const badQuery = `/v3/company/${DEMO_REALMS.us}/query?query=${encodeURIComponent('selec nonsense')}`;
  const fault = await api(sessionId, `/api/qbo${badQuery}`, { headers: { Accept: 'application/json' } });
  const faultDirect = await direct(badQuery);
  assert.equal(fault.status, faultDirect.status);
  assert.equal(fault.status, 400);
  assert.equal(strip(await fault.text()), strip(await faultDirect.text()));

  const created = await api(sessionId, `/api/qbo/v3/company/${DEMO_REALMS.us}/customer?minorversion=75`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ DisplayName: `Proxy Relay Test ${Date.now()}` }),
  });
  assert.equal(created.status, 200);
  assert.match(((await created.json()) as { Customer: { Id: string } }).Customer.Id, /^\d+$/);
});

test('another realm is refused, and so is a foreign origin', async () => {
  const { sessionId } = await connect();
  const other = await api(sessionId, `/api/qbo/v3/company/${DEMO_REALMS.ca}/companyinfo/${DEMO_REALMS.ca}`);
  assert.equal(other.status, 403);
  assert.equal(((await other.json()) as { error: string }).error, 'realm_mismatch');
  const escape = await new Promise<number>((resolve, reject) => {
    const u = new URL(proxyUrl);
    const req = request({ host: u.hostname, port: u.port, path: `/api/qbo/v3/company/${DEMO_REALMS.us}/../${DEMO_REALMS.ca}/companyinfo/${DEMO_REALMS.ca}`, headers: { 'X-Session-Id': sessionId } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
  assert.equal(escape, 400);
  const foreign = await api(sessionId, `/api/qbo/v3/company/${DEMO_REALMS.us}/companyinfo/${DEMO_REALMS.us}`, { headers: { Origin: 'http://127.0.0.1:1' } });
  assert.equal(foreign.status, 403);
  assert.equal(foreign.headers.get('access-control-allow-origin'), null);
  const own = await api(sessionId, `/api/qbo/v3/company/${DEMO_REALMS.us}/companyinfo/${DEMO_REALMS.us}`, { headers: { Origin: proxyUrl } });
  assert.equal(own.status, 200);
  assert.equal(own.headers.get('access-control-allow-origin'), proxyUrl);
  assert.match(own.headers.get('access-control-expose-headers') ?? '', /intuit_tid/);
});

test('near expiry the token is refreshed first, and the rotated refresh token is stored', async () => {
  const { sessionId } = await connect();
  const first = stored(sessionId)?.tokens;
  assert.ok(first);
  const refreshesBefore = count('refresh_token');
  const path1 = `/api/qbo/v3/company/${DEMO_REALMS.us}/companyinfo/${DEMO_REALMS.us}`;
  assert.equal((await api(sessionId, path1)).status, 200);
  assert.equal(count('refresh_token'), refreshesBefore, 'a fresh token is not refreshed');

  skewMs = 56 * 60_000; // the proxy now sees 4 minutes left
  try {
    assert.equal((await api(sessionId, path1)).status, 200);
    assert.equal(count('refresh_token'), refreshesBefore + 1);
    const second = stored(sessionId)?.tokens;
    assert.ok(second);
    assert.notEqual(second.accessToken, first.accessToken);
    assert.notEqual(second.refreshToken, first.refreshToken, 'the newest refresh token is kept');
    assert.equal((await api(sessionId, path1)).status, 200);
    assert.equal(count('refresh_token'), refreshesBefore + 1, 'the new token is fresh again');

    skewMs += 56 * 60_000;
    assert.equal((await api(sessionId, path1)).status, 200);
    const third = stored(sessionId)?.tokens;
    assert.ok(third);
    assert.notEqual(third.refreshToken, second.refreshToken);
    // The first refresh token was superseded by one that has since been used: Intuit refuses it.
    const old = await sandboxRefresh(first.refreshToken);
    assert.equal(old.status, 400);
    assert.equal(old.body.error, 'invalid_grant');
  } finally {
    skewMs = 0;
  }
});

test('on 401 exactly one refresh serves five concurrent calls', async () => {
  const { sessionId } = await connect();
  const before = stored(sessionId)?.tokens;
  assert.ok(before);
  await sandboxControl('tokens/expire', { realmId: DEMO_REALMS.us, kind: 'access' });
  const refreshesBefore = count('refresh_token');
  const p = `/api/qbo/v3/company/${DEMO_REALMS.us}/companyinfo/${DEMO_REALMS.us}`;
  const results = await Promise.all(Array.from({ length: 5 }, () => api(sessionId, p)));
  assert.deepEqual(results.map((r) => r.status), [200, 200, 200, 200, 200]);
  for (const r of results) assert.ok(((await r.json()) as { CompanyInfo?: unknown }).CompanyInfo);
  assert.equal(count('refresh_token') - refreshesBefore, 1);
  const after = stored(sessionId)?.tokens;
  assert.ok(after);
  assert.notEqual(after.accessToken, before.accessToken);
  assert.notEqual(after.refreshToken, before.refreshToken);
});

test('a refresh token Intuit no longer accepts ends the connection with reconnect_required', async () => {
  const { sessionId } = await connect();
  await sandboxControl('tokens/expire', { realmId: DEMO_REALMS.us, kind: 'both' });
  const res = await api(sessionId, `/api/qbo/v3/company/${DEMO_REALMS.us}/companyinfo/${DEMO_REALMS.us}`);
  assert.equal(res.status, 401);
  const body = (await res.json()) as { error: string; message: string };
  assert.equal(body.error, 'reconnect_required');
  assert.match(body.message, /Connect to QuickBooks Online again/);
  assert.deepEqual(await (await api(sessionId, '/api/status')).json(), { connected: false });
});

test('disconnect revokes at Intuit and forgets the tokens', async () => {
  const { sessionId } = await connect();
  const tokens = stored(sessionId)?.tokens;
  assert.ok(tokens);
  const res = await api(sessionId, '/api/disconnect', { method: 'POST' });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { connected: false, revoked: true });
  assert.equal(stored(sessionId), null);
  assert.deepEqual(await (await api(sessionId, '/api/status')).json(), { connected: false });
  const old = await sandboxRefresh(tokens.refreshToken);
  assert.equal(old.status, 400, 'the old refresh token no longer works at Intuit');
  assert.equal(old.body.error, 'invalid_grant');
  const relay = await api(sessionId, `/api/qbo/v3/company/${DEMO_REALMS.us}/companyinfo/${DEMO_REALMS.us}`);
  assert.equal(relay.status, 401);
  assert.equal(((await relay.json()) as { error: string }).error, 'not_connected');

  // Reconnecting the same session works after a disconnect.
  const again = await connect(DEMO_REALMS.us, 'connect', sessionId);
  assert.equal(dialogMessage(again.html).status, 'connected');
});

test('an authorization code is never exchanged twice', async () => {
  const exchangesBefore = count('authorization_code');
  const { sessionId, callbackUrl, binding, browser } = await connect();
  assert.equal(count('authorization_code') - exchangesBefore, 1);
  assert.match(binding, /^[A-Za-z0-9_-]{43}$/);
  // The same callback again: from the same browser, from another one, and with the original
  // binding cookie put back (so that only the used state and code stand in the way).
  for (const b of [browser, new BrowserLike()]) {
    const replay = await b.navigate(callbackUrl);
    assert.equal(replay.res.status, 400);
    assert.equal(dialogMessage(replay.html).status, 'error');
  }
  const withCookie = await fetch(callbackUrl, { headers: { Cookie: `qbo_oauth_binding=${binding}` } });
  assert.equal(withCookie.status, 400);
  assert.equal(dialogMessage(await withCookie.text()).status, 'error');
  assert.equal(count('authorization_code') - exchangesBefore, 1, 'the replay reached no token endpoint');
  // The sandbox revokes a grant whose code is presented twice: the connection still working
  // proves it was not.
  const res = await api(sessionId, `/api/qbo/v3/company/${DEMO_REALMS.us}/companyinfo/${DEMO_REALMS.us}`);
  assert.equal(res.status, 200);
});

test('a callback from another browser than the one that started is refused', async () => {
  const sid = await newSession();
  const { url } = (await (await api(sid, '/api/auth/start', { method: 'POST' })).json()) as { url: string };
  const starter = new BrowserLike();
  const signIn = await starter.navigate(url);
  const consent = await starter.submit(parseForms(signIn.html, signIn.url)[0], { email: DEMO_USER.email, password: DEMO_USER.password }, /^Sign In$/);
  const exchangesBefore = count('authorization_code');
  const stop = await starter.submit(parseForms(consent.html, consent.url)[0], { realmId: DEMO_REALMS.us }, /^Connect$/, (u) => u.startsWith(`${proxyUrl}/auth/callback`));
  const page = await new BrowserLike().navigate(stop.url);
  assert.equal(page.res.status, 400);
  assert.match(String(dialogMessage(page.html).message), /not started in this browser/);
  assert.equal(count('authorization_code'), exchangesBefore);
  assert.deepEqual(await (await api(sid, '/api/status')).json(), { connected: false });
});

test('Cancel on the consent page reports denied and connects nothing', async () => {
  const exchangesBefore = count('authorization_code');
  const { sessionId, html } = await connect(DEMO_REALMS.us, 'cancel');
  assert.deepEqual(dialogMessage(html), { status: 'denied' });
  assert.equal(count('authorization_code'), exchangesBefore);
  assert.deepEqual(await (await api(sessionId, '/api/status')).json(), { connected: false });
});

test('the Canadian company connects and reports its country', async () => {
  const { sessionId, html } = await connect(DEMO_REALMS.ca);
  assert.equal(dialogMessage(html).country, 'CA');
  const status = (await (await api(sessionId, '/api/status')).json()) as { country: string; realmId: string };
  assert.equal(status.country, 'CA');
  assert.equal(status.realmId, DEMO_REALMS.ca);
});

test('no token, code or secret ever reached the log', () => {
  assert.ok(secretsSeen.size > 10, 'the tests saw tokens and codes to look for');
  assert.ok(logLines.length > 0);
  const all = logLines.join('\n');
  for (const s of [...secretsSeen, CLIENT_SECRET, Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')]) {
    assert.ok(!all.includes(s), 'a secret value appears in the proxy log');
  }
});
