/**
 * The proxy client against a small HTTP server that speaks docs/proxy-api.md on 127.0.0.1.
 * The server is a test double of the contract, not of src/proxy, so this test pins the contract.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMemorySessionStore, createProxyClient, ProxyError } from '../../../src/sync/connection/proxy-client';

interface FakeState {
  sessions: Set<string>;
  created: number;
  connected: Map<string, { realmId: string; companyName: string; country: string }>;
  calls: Array<{ method: string; path: string; session?: string }>;
  authUrl?: string;
  statusBody?: string;
}

const state: FakeState = { sessions: new Set(), created: 0, connected: new Map(), calls: [] };
let server: http.Server;
let base = '';

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

before(async () => {
  server = http.createServer((req, res) => {
    const session = req.headers['x-session-id'];
    const sid = typeof session === 'string' ? session : undefined;
    state.calls.push({ method: req.method ?? '', path: req.url ?? '', session: sid });
    if (req.method === 'POST' && req.url === '/api/session') {
      const id = `s${++state.created}`;
      state.sessions.add(id);
      return send(res, 201, { sessionId: id });
    }
    if (!sid || !state.sessions.has(sid)) return send(res, 401, { error: 'unknown_session', message: 'Unknown session.' });
    if (req.method === 'GET' && req.url === '/api/status') {
      if (state.statusBody !== undefined) return send(res, 200, state.statusBody);
      const c = state.connected.get(sid);
      return send(res, 200, c ? { connected: true, ...c, connectedAt: 'x', accessTokenExpiresAt: 'y', refreshTokenExpiresAt: 'z' } : { connected: false });
    }
    if (req.method === 'POST' && req.url === '/api/auth/start') return send(res, 200, { url: state.authUrl ?? `${base}/auth/start?t=one-time` });
    if (req.method === 'POST' && req.url === '/api/disconnect') {
      state.connected.delete(sid);
      return send(res, 200, { connected: false });
    }
    return send(res, 500, 'not json at all');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  state.sessions.clear();
  state.created = 0;
  state.connected.clear();
  state.calls = [];
  state.authUrl = undefined;
  state.statusBody = undefined;
});

describe('createProxyClient', () => {
  it('creates one session, keeps it in the store and sends it on every call', async () => {
    const store = createMemorySessionStore();
    const client = createProxyClient(base, store);
    const [a, b] = await Promise.all([client.ensureSession(), client.ensureSession()]);
    assert.equal(a, 's1');
    assert.equal(b, 's1');
    assert.equal(state.created, 1, 'concurrent callers share one session');
    assert.equal(store.load(), 's1');
    assert.deepEqual(await client.status(), { connected: false });
    assert.equal(state.calls.at(-1)?.session, 's1');
  });

  it('reuses a stored session across clients (a reload)', async () => {
    const store = createMemorySessionStore();
    await createProxyClient(base, store).ensureSession();
    const again = createProxyClient(`${base}/`, store);
    assert.equal(await again.ensureSession(), 's1');
    assert.equal(state.created, 1);
  });

  it('reads a connected status', async () => {
    const store = createMemorySessionStore();
    const client = createProxyClient(base, store);
    const sid = await client.ensureSession();
    state.connected.set(sid, { realmId: '9130', companyName: 'Craig’s Design', country: 'US' });
    const status = await client.status();
    assert.equal(status.connected, true);
    if (status.connected) {
      assert.equal(status.realmId, '9130');
      assert.equal(status.companyName, 'Craig’s Design');
      assert.equal(status.country, 'US');
    }
  });

  it('replaces a session the proxy no longer knows, once', async () => {
    const store = createMemorySessionStore('stale');
    const client = createProxyClient(base, store);
    assert.deepEqual(await client.status(), { connected: false });
    assert.equal(store.load(), 's1');
    assert.deepEqual(
      state.calls.map((c) => `${c.method} ${c.path} ${c.session ?? '-'}`),
      ['GET /api/status stale', 'POST /api/session -', 'GET /api/status s1'],
    );
  });

  it('returns the one-time sign-in link and refuses a link to another site', async () => {
    const client = createProxyClient(base, createMemorySessionStore());
    assert.deepEqual(await client.startAuth(), { url: `${base}/auth/start?t=one-time` });
    state.authUrl = 'https://evil.example/auth/start?t=1';
    await assert.rejects(client.startAuth(), (e: unknown) => e instanceof ProxyError && e.code === 'bad_response');
  });

  it('disconnects', async () => {
    const client = createProxyClient(base, createMemorySessionStore());
    const sid = await client.ensureSession();
    state.connected.set(sid, { realmId: '1', companyName: 'A', country: 'US' });
    await client.disconnect();
    assert.deepEqual(await client.status(), { connected: false });
  });

  it('turns the proxy error body into a typed ProxyError', async () => {
    const store = createMemorySessionStore();
    const client = createProxyClient(base, store, {
      fetch: async () => new Response(JSON.stringify({ error: 'reconnect_required', message: 'Connect again.' }), { status: 401 }),
    });
    await assert.rejects(client.ensureSession(), (e: unknown) => e instanceof ProxyError && e.code === 'reconnect_required' && e.status === 401 && e.message === 'Connect again.');
  });

  it('rejects a malformed status instead of treating it as connected', async () => {
    const client = createProxyClient(base, createMemorySessionStore());
    state.statusBody = JSON.stringify({ connected: true });
    await assert.rejects(client.status(), (e: unknown) => e instanceof ProxyError && e.code === 'bad_response');
  });

  it('reports an unreachable proxy as a network error that names the address', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadBase = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const client = createProxyClient(deadBase, createMemorySessionStore());
    await assert.rejects(client.status(), (e: unknown) => e instanceof ProxyError && e.code === 'network' && e.status === 0 && e.message.includes(deadBase));
  });
});

describe('checkCompanySupported', () => {
  const client = createProxyClient('http://127.0.0.1:1', createMemorySessionStore());
  it('accepts a US company', () => {
    assert.deepEqual(client.checkCompanySupported({ country: 'US', companyName: 'A' }), { ok: true });
    assert.deepEqual(client.checkCompanySupported({ country: 'usa', companyName: 'A' }), { ok: true });
  });
  it('refuses a Canadian company with the Canadian-version message', () => {
    const r = client.checkCompanySupported({ country: 'CA', companyName: 'Maple Books Ltd' });
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.match(r.reason, /^This integration does not support the Canadian version of QuickBooks Online/);
      assert.match(r.reason, /Maple Books Ltd/);
    }
  });
  it('refuses other countries by name, and a company with no country', () => {
    const gb = client.checkCompanySupported({ country: 'GB', companyName: 'Tea Ltd' });
    assert.equal(gb.ok, false);
    if (!gb.ok) assert.match(gb.reason, /United Kingdom/);
    const none = client.checkCompanySupported({ country: '', companyName: 'X' });
    assert.equal(none.ok, false);
  });
});
