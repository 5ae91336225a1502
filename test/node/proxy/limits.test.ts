/**
 * Limits that hold under abuse (issue 11 point 4) and production safety (point 5), against the
 * real server: a cap on concurrent sockets, header and idle timeouts, per-user and per-address
 * rate limits answered 429 with Retry-After, connect links capped per user, nosniff on every
 * answer, a foreign Host refused, and the health endpoints.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { loadProxyConfig } from '../../../src/proxy/config';
import { createProxy, type ProxyServer } from '../../../src/proxy/server';
import { startHarness, type Harness } from './support/proxy-harness';
import { startTestIssuer, type TestIssuer } from './support/test-issuer';

const AUDIENCE = 'http://addin.test';

async function withProxy(t: { after(fn: () => Promise<void>): void }, env: NodeJS.ProcessEnv): Promise<{ proxy: ProxyServer; issuer: TestIssuer }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'proxy-limits-'));
  const issuer = await startTestIssuer(AUDIENCE);
  const proxy = await createProxy({ ...loadProxyConfig({ DATA_DIR: dir, SANDBOX_PORT: '1', IDENTITY_ISSUER: issuer.url, IDENTITY_AUDIENCE: AUDIENCE, ...env }), port: 0 }, { log: () => undefined });
  t.after(async () => {
    await proxy.close();
    await issuer.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { proxy, issuer };
}

function openSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
    // Read (and drop) whatever comes, so the server's close is seen.
    s.resume();
  });
}

const closed = (s: Socket): Promise<number> => {
  const started = Date.now();
  return new Promise((resolve) => {
    if (s.destroyed) return resolve(0);
    s.once('close', () => resolve(Date.now() - started));
  });
};

test('a socket that sends half its headers, or nothing, is closed; past the cap new sockets are refused at once', async (t) => {
  const { proxy } = await withProxy(t, { PROXY_HEADERS_TIMEOUT_MS: '1000', PROXY_IDLE_TIMEOUT_MS: '1500', PROXY_MAX_CONNECTIONS: '10' });
  const half = await openSocket(proxy.port);
  half.on('error', () => undefined);
  half.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
  const silent = await openSocket(proxy.port);
  silent.on('error', () => undefined);
  const [halfMs, silentMs] = await Promise.all([closed(half), closed(silent)]);
  assert.ok(halfMs < 4000, `half-sent headers closed after ${halfMs} ms`);
  assert.ok(silentMs < 4000, `a silent socket closed after ${silentMs} ms`);

  const held = await Promise.all(Array.from({ length: 10 }, () => openSocket(proxy.port)));
  for (const s of held) s.on('error', () => undefined);
  const extra = await openSocket(proxy.port);
  extra.on('error', () => undefined);
  assert.ok((await closed(extra)) < 1000, 'the 11th socket is dropped at once');
  for (const s of held) s.destroy();
  await new Promise((r) => setTimeout(r, 100));
  const res = await fetch(`${proxy.url}/healthz`);
  assert.equal(res.status, 200, 'served again once the flood is gone');
});

test('health endpoints, nosniff on every answer, and a foreign Host refused', async (t) => {
  const { proxy } = await withProxy(t, {});
  const health = await fetch(`${proxy.url}/healthz`);
  assert.equal(health.status, 200);
  assert.equal(health.headers.get('x-content-type-options'), 'nosniff');
  const ready = await fetch(`${proxy.url}/readyz`);
  assert.deepEqual(await ready.json(), { ok: true, database: 'sqlite' });
  for (const p of ['/api/status', '/nothing-here', '/auth/start']) {
    const res = await fetch(`${proxy.url}${p}`);
    assert.ok(res.status >= 400, p);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', p);
  }
  // fetch cannot forge Host; a raw request can.
  const s = await openSocket(proxy.port);
  s.write('GET /api/status HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n');
  let answer = '';
  s.on('data', (d: Buffer) => (answer += d.toString()));
  s.write('');
  await closed(s);
  assert.match(answer, /^HTTP\/1\.1 421 /);
  assert.match(answer, /wrong_host/);
  assert.match(answer, /X-Content-Type-Options: nosniff/i);
});

test('rate limits per user and per address answer 429 with Retry-After; other users keep their budget', async (t) => {
  const { proxy, issuer } = await withProxy(t, { RATE_DATA_PER_MINUTE: '6', RATE_AUTH_PER_MINUTE: '6', RATE_ADDRESS_FACTOR: '20' });
  const call = async (userId: string, p: string, init: RequestInit = {}) =>
    fetch(`${proxy.url}${p}`, { ...init, headers: { Authorization: `Bearer ${await issuer.mint({ firmId: 'f1', userId, name: userId })}`, ...(init.headers as Record<string, string>) } });
  // Per user: a burst of 5, then 429.
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) statuses.push((await call('u1', '/api/status')).status);
  assert.deepEqual(statuses.slice(0, 5).map((s) => s !== 429), [true, true, true, true, true]);
  const limited = await call('u1', '/api/status');
  assert.equal(limited.status, 429);
  assert.ok(Number(limited.headers.get('retry-after')) >= 1, 'Retry-After in seconds');
  assert.equal(((await limited.json()) as { error: string }).error, 'rate_limited');
  assert.notEqual((await call('u2', '/api/status')).status, 429, 'another user has a budget of their own');
  // Auth endpoints have their own budget, per user too.
  for (let i = 0; i < 5; i++) assert.notEqual((await call('u3', '/api/auth/cancel', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status, 429);
  assert.equal((await call('u3', '/api/auth/cancel', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status, 429);
  // Per address: many users from one address share 20 x 6 per minute (a burst of 20).
  let addressLimited = 0;
  for (let i = 0; i < 30; i++) if ((await call(`many-${i}`, '/api/status')).status === 429) addressLimited++;
  assert.ok(addressLimited > 0, 'one address cannot mint budget by switching users');
  // Anonymous floods on the dialog endpoints are limited by address alone.
  let anonymous = 0;
  for (let i = 0; i < 30; i++) if ((await fetch(`${proxy.url}/auth/start?t=x`)).status === 429) anonymous++;
  assert.ok(anonymous > 0);
});

test('connect links are limited per user; they free up when used', async (t) => {
  const h: Harness = await startHarness({ env: { CONNECT_LINKS_PER_USER: '2' } });
  t.after(() => h.close());
  const dana = { firmId: 'f1', userId: 'dana', name: 'Dana' };
  await h.start(dana);
  const second = await h.start(dana);
  const third = await h.api(dana, '/api/auth/start', { method: 'POST' });
  assert.equal(third.status, 429);
  assert.equal(((await third.json()) as { error: string }).error, 'too_many_links');
  assert.ok(third.headers.get('retry-after'));
  assert.equal((await h.api({ ...dana, userId: 'lee' }, '/api/auth/start', { method: 'POST' })).status, 200, 'per user');
  // Opening a link in the dialog takes its ticket: room for a new one.
  await h.signIn(second.url);
  assert.equal((await h.api(dana, '/api/auth/start', { method: 'POST' })).status, 200);
});
