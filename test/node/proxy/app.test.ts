/** The proxy over HTTP for everything that needs no Intuit: sessions, origins, static files, flow guards. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { loadProxyConfig } from '../../../src/proxy/config';
import { createProxy, type ProxyServer } from '../../../src/proxy/server';

let dir: string;
let proxy: ProxyServer;
let unconfigured: ProxyServer;
const SHELL = 'http://127.0.0.1:3999';

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'proxy-app-'));
  const staticDir = path.join(dir, 'dist', 'addin');
  mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  writeFileSync(path.join(staticDir, 'taskpane.html'), '<!doctype html><html><head><title>QuickBooks Online</title></head><body><script src="taskpane.0123abcd.js"></script></body></html>');
  writeFileSync(path.join(staticDir, 'taskpane.0123abcd.js'), 'console.log("panel")');
  writeFileSync(path.join(staticDir, '.secret'), 'HIDDEN-CONTENT');
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'assets', 'icon-16.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  writeFileSync(path.join(dir, 'manifest.xml'), '<OfficeApp><SourceLocation DefaultValue="http://localhost:3001/taskpane.html"/><IconUrl DefaultValue="http://localhost:3001/assets/icon-16.png"/></OfficeApp>');
  writeFileSync(path.join(dir, 'outside.txt'), 'OUTSIDE-CONTENT');
  const env = {
    DATA_DIR: path.join(dir, 'data'),
    SHELL_ORIGIN: SHELL,
    ADDIN_STATIC_DIR: staticDir,
    MANIFEST_PATH: path.join(dir, 'manifest.xml'),
    INTUIT_CLIENT_ID: 'id',
    INTUIT_CLIENT_SECRET: 'secret-app-test',
    SANDBOX_PORT: '1',
  };
  const quiet = { log: () => undefined };
  proxy = await createProxy({ ...loadProxyConfig(env), port: 0 }, quiet);
  const { INTUIT_CLIENT_ID: _i, INTUIT_CLIENT_SECRET: _s, ...noCreds } = env;
  unconfigured = await createProxy({ ...loadProxyConfig({ ...noCreds, DATA_DIR: path.join(dir, 'data2') }), port: 0 }, quiet);
});

after(async () => {
  await proxy.close();
  await unconfigured.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Sends the path exactly as written (fetch would normalise dot segments away). */
function rawGet(base: string, rawPath: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(base);
    const req = request({ host: u.hostname, port: u.port, path: rawPath, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function newSession(base = proxy.url): Promise<string> {
  const res = await fetch(`${base}/api/session`, { method: 'POST' });
  assert.equal(res.status, 201);
  const { sessionId } = (await res.json()) as { sessionId: string };
  assert.match(sessionId, /^[A-Za-z0-9_-]{43}$/);
  return sessionId;
}

test('a new session is not connected; unknown sessions are refused', async () => {
  const sessionId = await newSession();
  const ok = await fetch(`${proxy.url}/api/status`, { headers: { 'X-Session-Id': sessionId } });
  assert.equal(ok.status, 200);
  assert.deepEqual(await ok.json(), { connected: false });
  const variants: Record<string, string>[] = [{}, { 'X-Session-Id': 'x'.repeat(43) }, { 'X-Session-Id': 'nonsense' }];
  for (const headers of variants) {
    const res = await fetch(`${proxy.url}/api/status`, { headers });
    assert.equal(res.status, 401);
    const body = (await res.json()) as { error: string; message: string };
    assert.equal(body.error, 'unknown_session');
    assert.match(body.message, /POST \/api\/session/);
  }
});

test('the relay needs a connected session', async () => {
  const sessionId = await newSession();
  const res = await fetch(`${proxy.url}/api/qbo/v3/company/123/companyinfo/123`, { headers: { 'X-Session-Id': sessionId } });
  assert.equal(res.status, 401);
  assert.equal(((await res.json()) as { error: string }).error, 'not_connected');
  for (const p of ['/api/qbo/v3/company/123/%2e%2e/456/customer', '/api/qbo/v3/company/123/../456/customer']) {
    const bad = await rawGet(proxy.url, p, { 'X-Session-Id': sessionId });
    assert.equal(bad.status, 400, p);
    assert.equal((JSON.parse(bad.body) as { error: string }).error, 'bad_request');
  }
});

test('only the add-in origin gets CORS; any other origin is refused', async () => {
  const sessionId = await newSession();
  const own = await fetch(`${proxy.url}/api/status`, { headers: { 'X-Session-Id': sessionId, Origin: proxy.url } });
  assert.equal(own.status, 200);
  assert.equal(own.headers.get('access-control-allow-origin'), proxy.url);

  const pre = await fetch(`${proxy.url}/api/qbo/v3/company/1/query`, {
    method: 'OPTIONS',
    headers: { Origin: proxy.url, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'x-session-id, content-type' },
  });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get('access-control-allow-origin'), proxy.url);
  assert.match(pre.headers.get('access-control-allow-headers') ?? '', /X-Session-Id/);

  for (const origin of [SHELL, 'https://evil.example', 'null']) {
    for (const [method, p] of [['GET', '/api/status'], ['POST', '/api/session'], ['OPTIONS', '/api/status'], ['POST', '/api/disconnect']] as const) {
      const res = await fetch(`${proxy.url}${p}`, { method, headers: { Origin: origin, 'X-Session-Id': sessionId } });
      assert.equal(res.status, 403, `${method} ${p} from ${origin}`);
      assert.equal(res.headers.get('access-control-allow-origin'), null);
      assert.equal(((await res.json()) as { error: string }).error, 'forbidden_origin');
    }
  }
});

test('add-in pages carry the shell origin and may be framed only by it', async () => {
  const res = await fetch(`${proxy.url}/taskpane.html`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
  assert.equal(res.headers.get('content-security-policy'), `frame-ancestors 'self' ${SHELL}`);
  assert.match(await res.text(), new RegExp(`<head><meta name="officetools-host-origins" content="${SHELL}"><title>`));
  const js = await fetch(`${proxy.url}/taskpane.0123abcd.js`);
  assert.equal(await js.text(), 'console.log("panel")');
  assert.match(js.headers.get('cache-control') ?? '', /immutable/);
  const icon = await fetch(`${proxy.url}/assets/icon-16.png`);
  assert.equal(icon.status, 200);
  assert.equal(icon.headers.get('content-type'), 'image/png');
});

test('the manifest points at the public URL', async () => {
  const res = await fetch(`${proxy.url}/manifest.xml`);
  assert.equal(res.status, 200);
  const xml = await res.text();
  assert.ok(!xml.includes('localhost:3001'));
  assert.ok(xml.includes(`DefaultValue="${proxy.url}/taskpane.html"`));
  assert.ok(xml.includes(`DefaultValue="${proxy.url}/assets/icon-16.png"`));
});

test('nothing outside the add-in folder and no dotfile is served', async () => {
  for (const p of ['/.secret', '/../outside.txt', '/%2e%2e/outside.txt', '/assets/..%2f..%2foutside.txt', '/missing.js', '/commands.html']) {
    const res = await rawGet(proxy.url, p);
    assert.equal(res.status, 404, p);
    assert.ok(!res.body.includes('HIDDEN-CONTENT') && !res.body.includes('OUTSIDE-CONTENT'), p);
  }
  const missing = await fetch(`${proxy.url}/commands.html`);
  assert.match(((await missing.json()) as { message: string }).message, /npm run build/);
  assert.equal((await fetch(`${proxy.url}/taskpane.html`, { method: 'POST' })).status, 405);
});

test('the sign-in start link is single-use and bound to the session', async () => {
  const sessionId = await newSession();
  const start = await fetch(`${proxy.url}/api/auth/start`, { method: 'POST', headers: { 'X-Session-Id': sessionId } });
  assert.equal(start.status, 200);
  const { url } = (await start.json()) as { url: string };
  assert.ok(url.startsWith(`${proxy.url}/auth/start?t=`));
  const first = await fetch(url, { redirect: 'manual' });
  assert.equal(first.status, 302);
  const location = new URL(first.headers.get('location') ?? '');
  assert.equal(`${location.origin}${location.pathname}`, 'http://127.0.0.1:1/connect/oauth2');
  assert.equal(location.searchParams.get('redirect_uri'), `${proxy.url}/auth/callback`);
  assert.match(location.searchParams.get('state') ?? '', /^[A-Za-z0-9_-]{43}$/);
  assert.match(first.headers.get('set-cookie') ?? '', /^qbo_oauth_binding=[A-Za-z0-9_-]{43}; Path=\/auth\/callback; HttpOnly; SameSite=Lax/);
  assert.ok(!location.href.includes('secret-app-test'));
  const again = await fetch(url, { redirect: 'manual' });
  assert.equal(again.status, 400);
  assert.match(await again.text(), /expired or was already used/);
});

test('a callback without a state the proxy issued exchanges nothing', async () => {
  const res = await fetch(`${proxy.url}/auth/callback?code=AB11x&state=forged&realmId=123`);
  assert.equal(res.status, 400);
  const html = await res.text();
  assert.match(html, /"kind":"dialogMessage","message":\{"status":"error"/);
  assert.match(html, /expired or was already completed/);
});

test('without app credentials the flow says how to configure them', async () => {
  const sessionId = await newSession(unconfigured.url);
  const res = await fetch(`${unconfigured.url}/api/auth/start`, { method: 'POST', headers: { 'X-Session-Id': sessionId } });
  assert.equal(res.status, 503);
  const body = (await res.json()) as { error: string; message: string };
  assert.equal(body.error, 'oauth_not_configured');
  assert.match(body.message, /INTUIT_CLIENT_ID and INTUIT_CLIENT_SECRET/);
});

test('sessions survive a restart of the proxy', async () => {
  const sessionId = await newSession();
  const config = { ...loadProxyConfig({ DATA_DIR: path.join(dir, 'data'), SANDBOX_PORT: '1' }), port: 0 };
  const second = await createProxy(config, { log: () => undefined });
  try {
    const res = await fetch(`${second.url}/api/status`, { headers: { 'X-Session-Id': sessionId } });
    assert.equal(res.status, 200);
  } finally {
    await second.close();
  }
});
