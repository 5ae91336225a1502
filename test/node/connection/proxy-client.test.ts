/**
 * The proxy client against a real HTTP server on 127.0.0.1 that speaks docs/firm-contract.md §2
 * (fake-identity-proxy.ts), through a real createAuthFetch: the firm's status with who connected
 * it, the start of a flow, its completion and cancellation, disconnect, and the errors.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAuthFetch, createProxyClient, ProxyError } from '../../../src/sync/connection/proxy-client';
import { fakeToken, startFakeIdentityProxy, type FakeIdentityProxy } from './fake-identity-proxy';

let proxy: FakeIdentityProxy;
const TOKEN = fakeToken('dana', 4_000_000_000);

before(async () => {
  proxy = await startFakeIdentityProxy();
});
after(() => proxy.close());
beforeEach(() => {
  proxy.calls = [];
  proxy.valid = new Set([TOKEN]);
  proxy.refusal = { code: 'identity_expired', message: 'The identity token has expired.' };
  proxy.connection = undefined;
  proxy.authUrl = undefined;
  proxy.statusBody = undefined;
  proxy.completions.clear();
  proxy.cancelled = [];
});

function client(base = proxy.base, token = TOKEN) {
  return createProxyClient(createAuthFetch({ baseUrl: base, getIdentityToken: async () => token }), base);
}

const CONNECTED = {
  realmId: '9130',
  companyName: 'Craig’s Design',
  country: 'US',
  connectedAt: '2026-12-02T10:00:00.000Z',
  connectedBy: { id: 'u-1', name: 'Dana Whitfield' },
  intuitEmail: 'dana@example.com',
  accessTokenExpiresAt: 'y',
  refreshTokenExpiresAt: 'z',
};

describe('createProxyClient', () => {
  it('reads the firm status with who connected it, sending the identity token', async () => {
    assert.deepEqual(await client().status(), { connected: false });
    proxy.connection = CONNECTED;
    assert.deepEqual(await client().status(), { connected: true, ...CONNECTED });
    assert.equal(proxy.calls.at(-1)?.authorization, `Bearer ${TOKEN}`);
    assert.ok(proxy.calls.every((c) => c.path !== '/api/session'), 'no session is ever created');
  });

  it('ignores a malformed connectedBy instead of inventing a name', async () => {
    proxy.connection = { ...CONNECTED, connectedBy: 'dana@example.com', intuitEmail: 7 };
    const status = await client().status();
    assert.equal(status.connected, true);
    if (status.connected) {
      assert.equal(status.connectedBy, undefined);
      assert.equal(status.intuitEmail, undefined);
    }
  });

  it('returns the one-time sign-in link with its flow id, and refuses a link to another site', async () => {
    assert.deepEqual(await client().startAuth(), { url: `${proxy.base}/auth/start?t=one-time`, flowId: 'flow-1' });
    proxy.authUrl = 'https://evil.example/auth/start?t=1';
    await assert.rejects(client().startAuth(), (e: unknown) => e instanceof ProxyError && e.code === 'bad_response');
  });

  it('completes a flow with its completion value and answers the new status', async () => {
    proxy.completions.set('c-1', CONNECTED);
    assert.deepEqual(await client().complete('c-1'), { connected: true, ...CONNECTED });
    assert.deepEqual(JSON.parse(proxy.calls.at(-1)?.body ?? '{}'), { completion: 'c-1' });
    await assert.rejects(
      client().complete('c-1'),
      (e: unknown) => e instanceof ProxyError && e.code === 'completion_unknown' && e.status === 400 && /Click Connect again/.test(e.message),
    );
  });

  it('cancels a flow', async () => {
    proxy.completions.set('c-2', { ...CONNECTED, country: 'CA' });
    await client().cancel('c-2');
    assert.deepEqual(proxy.cancelled, ['c-2']);
    assert.equal(proxy.connection, undefined);
  });

  it('disconnects', async () => {
    proxy.connection = CONNECTED;
    await client().disconnect();
    assert.deepEqual(await client().status(), { connected: false });
  });

  it('names what is wrong when the identity is refused even after a fresh token', async () => {
    proxy.valid.clear();
    proxy.refusal = { code: 'identity_wrong_issuer', message: 'The token was issued by http://evil.example.' };
    await assert.rejects(
      client().status(),
      (e: unknown) =>
        e instanceof ProxyError &&
        e.code === 'identity_wrong_issuer' &&
        e.message === 'OfficeTools could not confirm who you are: The token was issued by http://evil.example. Reload OfficeTools.',
    );
    assert.equal(proxy.calls.length, 2, 'one retry with a fresh token, no more');
  });

  it('rejects a malformed status instead of treating it as connected', async () => {
    proxy.statusBody = JSON.stringify({ connected: true });
    await assert.rejects(client().status(), (e: unknown) => e instanceof ProxyError && e.code === 'bad_response');
  });

  it('reports an unreachable proxy as a network error that names the address', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadBase = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await assert.rejects(client(deadBase).status(), (e: unknown) => e instanceof ProxyError && e.code === 'network' && e.status === 0 && e.message.includes(deadBase));
  });
});

describe('checkCompanySupported', () => {
  const c = client('http://127.0.0.1:1');
  it('accepts a US company', () => {
    assert.deepEqual(c.checkCompanySupported({ country: 'US', companyName: 'A' }), { ok: true });
    assert.deepEqual(c.checkCompanySupported({ country: 'usa', companyName: 'A' }), { ok: true });
  });
  it('refuses a Canadian company with the Canadian-version message', () => {
    const r = c.checkCompanySupported({ country: 'CA', companyName: 'Maple Books Ltd' });
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.match(r.reason, /^This integration does not support the Canadian version of QuickBooks Online/);
      assert.match(r.reason, /Maple Books Ltd/);
    }
  });
  it('refuses other countries by name, and a company with no country', () => {
    const gb = c.checkCompanySupported({ country: 'GB', companyName: 'Tea Ltd' });
    assert.equal(gb.ok, false);
    if (!gb.ok) assert.match(gb.reason, /United Kingdom/);
    const none = c.checkCompanySupported({ country: '', companyName: 'X' });
    assert.equal(none.ok, false);
  });
});
