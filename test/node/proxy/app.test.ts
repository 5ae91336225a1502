/** The proxy over HTTP for everything that needs no Intuit: identity, origins, static files, flow guards. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { loadProxyConfig } from '../../../src/proxy/config';
import { createProxy, type ProxyServer } from '../../../src/proxy/server';
import { startTestIssuer, type TestIssuer, type TestUser } from './support/test-issuer';

let dir: string;
let proxy: ProxyServer;
let unconfigured: ProxyServer;
let issuer: TestIssuer;
const SHELL = 'http://127.0.0.1:3999';
const AUDIENCE = 'http://addin.test';
const dana: TestUser = { firmId: 'firm-a', userId: 'u-dana', name: 'Dana Whitfield', role: 'admin' };

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'proxy-app-'));
  issuer = await startTestIssuer(AUDIENCE);
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
    IDENTITY_ISSUER: issuer.url,
    IDENTITY_AUDIENCE: AUDIENCE,
    // Rate limits have their own tests (limits.test.ts); these call far faster than a person.
    PROXY_LIMITS: 'off',
  };
  const quiet = { log: () => undefined };
  proxy = await createProxy({ ...loadProxyConfig(env), port: 0 }, quiet);
  const { INTUIT_CLIENT_ID: _i, INTUIT_CLIENT_SECRET: _s, ...noCreds } = env;
  unconfigured = await createProxy({ ...loadProxyConfig({ ...noCreds, DATA_DIR: path.join(dir, 'data2') }), port: 0 }, quiet);
});

after(async () => {
  await proxy.close();
  await unconfigured.close();
  await issuer.close();
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

const bearer = async (user: TestUser = dana, options = {}) => ({ Authorization: `Bearer ${await issuer.mint(user, options)}` });

async function errorOf(res: Response): Promise<string> {
  return ((await res.json()) as { error: string }).error;
}

test('an identified caller of a new firm is not connected', async () => {
  const ok = await fetch(`${proxy.url}/api/status`, { headers: await bearer() });
  assert.equal(ok.status, 200);
  assert.deepEqual(await ok.json(), { connected: false });
});

test('every identity failure has its code', async () => {
  const cases: Array<[string, Record<string, string>, string]> = [
    ['no header', {}, 'identity_missing'],
    ['not bearer', { Authorization: 'Basic abc' }, 'identity_invalid'],
    ['not a JWT', { Authorization: 'Bearer nonsense' }, 'identity_invalid'],
    ['expired', await bearer(dana, { expiresIn: -60 }), 'identity_expired'],
    ['wrong audience', await bearer(dana, { audience: 'http://127.0.0.1:9' }), 'identity_wrong_audience'],
    ['wrong issuer', await bearer(dana, { issuer: 'http://127.0.0.1:8' }), 'identity_wrong_issuer'],
    ['unknown kid', await bearer(dana, { unknownKey: true }), 'identity_invalid'],
    ['no firm', await bearer(dana, { claims: { firm_id: undefined } }), 'identity_invalid'],
    ['bad firm id', await bearer(dana, { claims: { firm_id: '../other' } }), 'identity_invalid'],
    ['bad role', await bearer(dana, { claims: { role: 'root' } }), 'identity_invalid'],
  ];
  const good = await issuer.mint(dana);
  const [h, p, sig] = good.split('.');
  const tampered = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), firm_id: 'firm-b' })).toString('base64url')}.${sig}`;
  cases.push(['tampered claims', { Authorization: `Bearer ${tampered}` }, 'identity_invalid']);
  for (const [name, headers, code] of cases) {
    for (const p of ['/api/status', '/api/qbo/v3/company/1/companyinfo/1', '/api/firm/1/changes', '/api/events']) {
      const res = await fetch(`${proxy.url}${p}`, { headers });
      assert.equal(res.status, 401, `${name} ${p}`);
      const body = (await res.json()) as { error: string; message: string };
      assert.equal(body.error, code, `${name} ${p}`);
      assert.ok(body.message.length > 20);
    }
  }
  for (const p of ['/api/session', '/api/auth/start', '/api/disconnect', '/api/auth/complete']) {
    assert.equal((await fetch(`${proxy.url}${p}`, { method: 'POST' })).status, 401, `${p} needs an identity`);
  }
});

test('verified tokens are cached; an unreachable key set is identity_unavailable', async () => {
  const token = await issuer.mint({ ...dana, userId: 'u-cache' });
  const before = issuer.fetches();
  for (let i = 0; i < 5; i++) assert.equal((await fetch(`${proxy.url}/api/status`, { headers: { Authorization: `Bearer ${token}` } })).status, 200);
  assert.ok(issuer.fetches() - before <= 1, 'the key set is not fetched per call');

  // A fresh proxy that has never seen the keys, while the host is down.
  issuer.setDown(true);
  const cold = await createProxy({ ...loadProxyConfig({ DATA_DIR: path.join(dir, 'data3'), SANDBOX_PORT: '1', IDENTITY_ISSUER: issuer.url, IDENTITY_AUDIENCE: AUDIENCE }), port: 0 }, { log: () => undefined });
  try {
    const res = await fetch(`${cold.url}/api/status`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(res.status, 503);
    assert.equal(await errorOf(res), 'identity_unavailable');
  } finally {
    issuer.setDown(false);
    await cold.close();
  }
  // The warm proxy still answers from its cache of verified tokens.
  assert.equal((await fetch(`${proxy.url}/api/status`, { headers: { Authorization: `Bearer ${token}` } })).status, 200);
});

test('anonymous sessions are gone', async () => {
  const res = await fetch(`${proxy.url}/api/session`, { method: 'POST', headers: await bearer() });
  assert.equal(res.status, 404);
});

test('the relay needs a connected firm', async () => {
  const headers = await bearer();
  const res = await fetch(`${proxy.url}/api/qbo/v3/company/123/companyinfo/123`, { headers });
  assert.equal(res.status, 401);
  assert.equal(await errorOf(res), 'not_connected');
  for (const p of ['/api/qbo/v3/company/123/%2e%2e/456/customer', '/api/qbo/v3/company/123/../456/customer']) {
    const bad = await rawGet(proxy.url, p, headers);
    assert.equal(bad.status, 400, p);
    assert.equal((JSON.parse(bad.body) as { error: string }).error, 'bad_request');
  }
});

test('only the add-in origin gets CORS; any other origin is refused', async () => {
  const auth = await bearer();
  const own = await fetch(`${proxy.url}/api/status`, { headers: { ...auth, Origin: proxy.url } });
  assert.equal(own.status, 200);
  assert.equal(own.headers.get('access-control-allow-origin'), proxy.url);

  const pre = await fetch(`${proxy.url}/api/qbo/v3/company/1/query`, {
    method: 'OPTIONS',
    headers: { Origin: proxy.url, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization, content-type' },
  });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get('access-control-allow-origin'), proxy.url);
  assert.match(pre.headers.get('access-control-allow-headers') ?? '', /Authorization/);

  for (const origin of [SHELL, 'https://evil.example', 'null']) {
    for (const [method, p] of [['GET', '/api/status'], ['POST', '/api/auth/start'], ['OPTIONS', '/api/status'], ['POST', '/api/disconnect'], ['GET', '/api/events']] as const) {
      const res = await fetch(`${proxy.url}${p}`, { method, headers: { Origin: origin, ...auth } });
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
  assert.ok((res.headers.get('content-security-policy') ?? '').split('; ').includes(`frame-ancestors 'self' ${SHELL}`));
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

test('the sign-in start link is single-use, names a flow and is never framed', async () => {
  const start = await fetch(`${proxy.url}/api/auth/start`, { method: 'POST', headers: await bearer() });
  assert.equal(start.status, 200);
  const { url, flowId } = (await start.json()) as { url: string; flowId: string };
  assert.match(flowId, /^[A-Za-z0-9_-]{16,}$/);
  assert.ok(url.startsWith(`${proxy.url}/auth/start?t=`));
  const first = await fetch(url, { redirect: 'manual' });
  assert.equal(first.status, 302);
  assert.equal(first.headers.get('content-security-policy'), "frame-ancestors 'none'");
  assert.equal(first.headers.get('x-content-type-options'), 'nosniff');
  const location = new URL(first.headers.get('location') ?? '');
  assert.equal(`${location.origin}${location.pathname}`, 'http://127.0.0.1:1/connect/oauth2');
  assert.equal(location.searchParams.get('redirect_uri'), `${proxy.url}/auth/callback`);
  assert.match(location.searchParams.get('state') ?? '', /^[A-Za-z0-9_-]{43}$/);
  assert.match(first.headers.get('set-cookie') ?? '', /^qbo_oauth_binding=[A-Za-z0-9_-]{43}; Path=\/auth\/callback; HttpOnly; SameSite=Lax/);
  assert.ok(!location.href.includes('secret-app-test'));
  const again = await fetch(url, { redirect: 'manual' });
  assert.equal(again.status, 400);
  assert.match(await again.text(), /expired or was already used/);
  assert.equal(again.headers.get('content-security-policy'), "frame-ancestors 'none'");
});

test('a callback without a state the proxy issued exchanges nothing', async () => {
  const res = await fetch(`${proxy.url}/auth/callback?code=AB11x&state=forged&realmId=123`);
  assert.equal(res.status, 400);
  const html = await res.text();
  assert.match(html, /"kind":"dialogMessage","message":\{"status":"error"/);
  assert.match(html, /expired or was already completed/);
});

test('without app credentials the flow says how to configure them', async () => {
  const res = await fetch(`${unconfigured.url}/api/auth/start`, { method: 'POST', headers: await bearer() });
  assert.equal(res.status, 503);
  const body = (await res.json()) as { error: string; message: string };
  assert.equal(body.error, 'oauth_not_configured');
  assert.match(body.message, /INTUIT_CLIENT_ID and INTUIT_CLIENT_SECRET/);
});

test('completing or cancelling needs a completion value', async () => {
  for (const p of ['/api/auth/complete', '/api/auth/cancel']) {
    for (const body of ['{}', '{"completion":5}', `{"completion":"${'x'.repeat(43)}"}`]) {
      const res = await fetch(`${proxy.url}${p}`, { method: 'POST', headers: { ...(await bearer()), 'Content-Type': 'application/json' }, body });
      assert.equal(res.status, 400, `${p} ${body}`);
      assert.equal(await errorOf(res), 'completion_unknown');
    }
  }
});
