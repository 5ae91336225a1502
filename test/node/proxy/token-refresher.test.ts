import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../../src/proxy/api-error';
import type { IntuitClient } from '../../../src/proxy/intuit-client';
import { IntuitError } from '../../../src/proxy/intuit-error';
import { ConnectionCache } from '../../../src/proxy/connection-cache';
import { createInProcessEventBus } from '../../../src/proxy/firm/event-bus';
import { createConnectionsRepository, type Connection, type TokenSet } from '../../../src/proxy/store/connections';
import { REFRESH_MARGIN_MS, TokenRefresher } from '../../../src/proxy/token-refresher';
import { BACKENDS, openTestStore, type BackendName } from './support/backends';

const HOUR = 3_600_000;

const FIRM = 'firm-1';

async function setup(backend: BackendName, t: { after(fn: () => Promise<void> | void): void }, refresh: (rt: string) => Promise<TokenSet>) {
  let now = 10 * HOUR;
  const { store, dir, databaseUrl } = await openTestStore(backend, t, { key: Buffer.alloc(32, 5), now: () => now });
  const connection: Connection = {
    connectionId: 'c1',
    realmId: '42',
    companyName: 'Acme',
    country: 'US',
    connectedAt: new Date(now).toISOString(),
    connectedBy: { id: 'u-1', name: 'Dana' },
    tokens: { accessToken: 'at0', refreshToken: 'rt0', accessTokenExpiresAt: now + HOUR, refreshTokenExpiresAt: now + 1000 * HOUR },
  };
  await store.connections.put(FIRM, connection);
  const calls: string[] = [];
  const intuit = {
    refresh: (rt: string) => {
      calls.push(rt);
      return refresh(rt);
    },
  } as unknown as IntuitClient;
  const refresher = new TokenRefresher(store.connections, intuit, () => now);
  return { store, databaseUrl, intuit, connections: store.connections, refresher, calls, dir, advance: (ms: number) => (now += ms), now: () => now };
}

const tokens = (n: number, at: number): TokenSet => ({ accessToken: `at${n}`, refreshToken: `rt${n}`, accessTokenExpiresAt: at + HOUR, refreshTokenExpiresAt: at + 1000 * HOUR });

for (const backend of BACKENDS) {
test(`${backend}: a fresh token is used as is; within five minutes of expiry it is refreshed and the rotation stored`, async (t) => {
  const s = await setup(backend, t, async () => tokens(1, s.now()));
  assert.equal((await s.refresher.fresh(FIRM)).tokens.accessToken, 'at0');
  assert.equal(s.calls.length, 0);
  s.advance(HOUR - REFRESH_MARGIN_MS + 1);
  const c = await s.refresher.fresh(FIRM);
  assert.equal(c.tokens.accessToken, 'at1');
  assert.deepEqual(s.calls, ['rt0']);
  assert.equal((await createConnectionsRepository(s.store.db, Buffer.alloc(32, 5)).get(FIRM))?.tokens.refreshToken, 'rt1', 'the newest refresh token is stored');
});

test(`${backend}: five callers rejected with the same token cause exactly one refresh`, async (t) => {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  const s = await setup(backend, t, async () => {
    await gate;
    return tokens(1, s.now());
  });
  const waiting = Array.from({ length: 5 }, () => s.refresher.afterRejected(FIRM, 'at0'));
  release();
  const results = await Promise.all(waiting);
  assert.deepEqual(results.map((c) => c.tokens.accessToken), ['at1', 'at1', 'at1', 'at1', 'at1']);
  assert.equal(s.calls.length, 1);
  // A straggler still holding the old token takes the new one without another refresh.
  assert.equal((await s.refresher.afterRejected(FIRM, 'at0')).tokens.accessToken, 'at1');
  assert.equal(s.calls.length, 1);
  // The new token rejected in turn: one more refresh, from the rotated refresh token.
  await s.refresher.afterRejected(FIRM, 'at1');
  assert.deepEqual(s.calls, ['rt0', 'rt1']);
});

test(`${backend}: with a cache, a token stored by another replica is used until rejected; then the stored one, then a refresh`, async (t) => {
  const s = await setup(backend, t, async () => tokens(2, s.now()));
  const cache = new ConnectionCache(createInProcessEventBus());
  t.after(() => cache.close());
  const cached = new TokenRefresher(s.connections, s.intuit, s.now, async () => undefined, cache);
  assert.equal((await cached.fresh(FIRM)).tokens.accessToken, 'at0');
  // Another replica refreshed: the store holds at1; this one still has at0 in memory (no event).
  await s.connections.updateTokens(FIRM, 'c1', tokens(1, s.now()));
  assert.equal((await cached.fresh(FIRM)).tokens.accessToken, 'at0', 'no database read while cached');
  // QBO rejects at0: the stored at1 comes back, not from a refresh, and is cached.
  const stored = await cached.replaceRejected(FIRM, 'at0');
  assert.deepEqual([stored.connection.tokens.accessToken, stored.refreshed], ['at1', false]);
  assert.equal((await cached.fresh(FIRM)).tokens.accessToken, 'at1');
  // at1 had expired meanwhile and is rejected too: now a refresh, from the stored rt1.
  const refreshed = await cached.replaceRejected(FIRM, 'at1');
  assert.deepEqual([refreshed.connection.tokens.accessToken, refreshed.refreshed], ['at2', true]);
  assert.deepEqual(s.calls, ['rt1']);
  assert.equal((await cached.fresh(FIRM)).tokens.accessToken, 'at2', 'the refreshed connection is cached');
});

test(`${backend}: a refused refresh token forgets the connection and asks for a reconnect`, async (t) => {
  const s = await setup(backend, t, async () => {
    throw new IntuitError('refresh', 'invalid_grant', 400, 'refused');
  });
  await assert.rejects(s.refresher.afterRejected(FIRM, 'at0'), (e: unknown) => e instanceof ApiError && e.code === 'reconnect_required' && e.status === 401);
  assert.equal(await s.connections.get(FIRM), null);
  await assert.rejects(s.refresher.fresh(FIRM), (e: unknown) => e instanceof ApiError && e.code === 'not_connected');
});

test(`${backend}: Intuit being down keeps the connection and says so`, async (t) => {
  const s = await setup(backend, t, async () => {
    throw new IntuitError('refresh', 'network', undefined, 'Could not reach Intuit while refreshing the access token.');
  });
  await assert.rejects(s.refresher.afterRejected(FIRM, 'at0'), (e: unknown) => e instanceof ApiError && e.code === 'upstream_unavailable' && e.status === 502);
  assert.equal((await s.connections.get(FIRM))?.tokens.refreshToken, 'rt0');
});

test(`${backend}: an expired refresh token is not even sent`, async (t) => {
  const s = await setup(backend, t, async () => tokens(1, s.now()));
  s.advance(1001 * HOUR);
  await assert.rejects(s.refresher.fresh(FIRM), (e: unknown) => e instanceof ApiError && e.code === 'reconnect_required');
  assert.equal(s.calls.length, 0);
});

test(`${backend}: a refresh that finishes after a disconnect does not bring the connection back`, async (t) => {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  const s = await setup(backend, t, async () => {
    await gate;
    return tokens(1, s.now());
  });
  const pending = s.refresher.afterRejected(FIRM, 'at0');
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(await s.connections.remove(FIRM, 'c1'), true);
  release();
  await assert.rejects(pending, (e: unknown) => e instanceof ApiError && e.code === 'not_connected');
  assert.equal(await s.connections.get(FIRM), null);
});
}

test('postgres: three replicas rejected with the same token at once cause exactly one refresh, and all use its result', async (t) => {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  let issued = 0;
  const s = await setup('postgres', t, async () => {
    await gate;
    return tokens(++issued, s.now());
  });
  // Two more "replicas": their own pools (sessions) on the same database, their own refreshers.
  const others = await Promise.all(
    [1, 2].map(async () => (await openTestStore('postgres', t, { key: Buffer.alloc(32, 5), now: s.now, databaseUrl: s.databaseUrl })).store),
  );
  const refreshers = [s.refresher, ...others.map((o) => new TokenRefresher(o.connections, s.intuit, s.now))];
  const waiting = refreshers.flatMap((r) => [r.afterRejected(FIRM, 'at0'), r.afterRejected(FIRM, 'at0')]);
  await new Promise((r) => setTimeout(r, 200));
  release();
  const results = await Promise.all(waiting);
  assert.deepEqual(new Set(results.map((c) => c.tokens.accessToken)), new Set(['at1']));
  assert.deepEqual(s.calls, ['rt0'], 'one refresh across the replicas, from the stored refresh token');
  for (const o of others) assert.equal((await o.connections.get(FIRM))?.tokens.refreshToken, 'rt1');
  // Preemptive refreshes near expiry on every replica at once: still one.
  s.advance(HOUR - REFRESH_MARGIN_MS + 1);
  const fresh = await Promise.all(refreshers.map((r) => r.fresh(FIRM)));
  assert.deepEqual(new Set(fresh.map((c) => c.tokens.refreshToken)), new Set(['rt2']));
  assert.deepEqual(s.calls, ['rt0', 'rt1']);
});
