/**
 * The Intuit client secret must never reach the browser: start the proxy with a distinctive
 * secret and fetch every file it serves from the built add-in, plus the pages, the manifest
 * and the API answers a browser sees; the secret (raw, base64, or inside a Basic header) must
 * be in none of them, nor anywhere under dist/ on disk.
 *
 * Uses the existing dist/addin (the e2e stage builds first); builds it when missing, with the
 * secret in the build's environment so that a bundler plugin copying env vars would be caught.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadProxyConfig } from '../../src/proxy/config';
import { createProxy, type ProxyServer } from '../../src/proxy/server';
import { startTestIssuer, type TestIssuer } from '../node/proxy/support/test-issuer';

const root = path.resolve(__dirname, '../..');
const distAddin = path.join(root, 'dist', 'addin');
const CLIENT_ID = 'e2e-client-id';
const SECRET = `qbo-client-secret-${randomBytes(16).toString('hex')}`;
const FORMS = [SECRET, Buffer.from(SECRET).toString('base64'), Buffer.from(`${CLIENT_ID}:${SECRET}`).toString('base64'), encodeURIComponent(SECRET)];

let proxy: ProxyServer;
let dataDir: string;
let issuer: TestIssuer;

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full));
    else out.push(full);
  }
  return out;
}

function assertNoSecret(what: string, body: Buffer | string): void {
  const text = typeof body === 'string' ? body : body.toString('latin1');
  for (const form of FORMS) assert.ok(!text.includes(form), `the client secret appears in ${what}`);
}

before(async () => {
  if (!existsSync(path.join(distAddin, 'taskpane.html'))) {
    const r = spawnSync('npx', ['webpack', '--mode', 'production', '--config-name', 'addin'], {
      cwd: root,
      env: { ...process.env, INTUIT_CLIENT_ID: CLIENT_ID, INTUIT_CLIENT_SECRET: SECRET },
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, `building the add-in failed:\n${r.stdout}\n${r.stderr}`);
  }
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'proxy-secret-e2e-'));
  issuer = await startTestIssuer('http://addin.test');
  const config = loadProxyConfig({
    DATA_DIR: dataDir,
    INTUIT_CLIENT_ID: CLIENT_ID,
    INTUIT_CLIENT_SECRET: SECRET,
    ADDIN_STATIC_DIR: distAddin,
    MANIFEST_PATH: path.join(root, 'manifest.xml'),
    SANDBOX_PORT: '1',
    IDENTITY_ISSUER: issuer.url,
    IDENTITY_AUDIENCE: 'http://addin.test',
  });
  proxy = await createProxy({ ...config, port: 0 }, { log: () => undefined });
});

after(async () => {
  await proxy?.close();
  await issuer?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('no file the proxy serves contains the client secret', async () => {
  const served = filesUnder(distAddin).map((f) => `/${path.relative(distAddin, f).split(path.sep).join('/')}`);
  const paths = [...new Set([...served, '/taskpane.html', '/commands.html', '/manifest.xml'])];
  let checked = 0;
  for (const p of paths) {
    if (p.split('/').some((s) => s.startsWith('.'))) continue; // dotfiles are never served
    const res = await fetch(`${proxy.url}${p}`);
    assert.equal(res.status, 200, `GET ${p}`);
    assertNoSecret(p, Buffer.from(await res.arrayBuffer()));
    checked++;
  }
  assert.ok(checked >= 4, `expected the pages, the manifest and at least one script, checked ${checked}`);
});

test('no API answer a browser can see contains the client secret', async () => {
  const headers = { Authorization: `Bearer ${await issuer.mint({ firmId: 'firm-e2e', userId: 'u-1', name: 'Pat Lee' })}` };
  const start = await fetch(`${proxy.url}/api/auth/start`, { method: 'POST', headers });
  const startText = await start.text();
  assertNoSecret('POST /api/auth/start', startText);
  const redirect = await fetch((JSON.parse(startText) as { url: string }).url, { redirect: 'manual' });
  assert.equal(redirect.status, 302);
  assertNoSecret('the redirect to Intuit', `${redirect.headers.get('location')}\n${redirect.headers.get('set-cookie')}\n${await redirect.text()}`);
  for (const [method, p] of [['GET', '/api/status'], ['POST', '/api/disconnect'], ['GET', '/auth/callback?state=x&code=y&realmId=1']] as const) {
    const res = await fetch(`${proxy.url}${p}`, { method, headers });
    assertNoSecret(`${method} ${p}`, `${JSON.stringify([...res.headers])}\n${await res.text()}`);
  }
});

test('no file under dist/ on disk contains the client secret', () => {
  const files = filesUnder(path.join(root, 'dist'));
  assert.ok(files.length > 0);
  for (const f of files) assertNoSecret(path.relative(root, f), readFileSync(f));
});
