/**
 * The relay's connection cache (src/proxy/connection-cache.ts): one database read per firm
 * while nothing changes; a `connection` event (connect, disconnect, lapse: on PostgreSQL it
 * arrives from any replica) drops it, also when it lands during a read; entries are renewed in
 * the background past half their ttl and expire at it; the number of firms is bounded.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectionCache } from '../../../src/proxy/connection-cache';
import { createInProcessEventBus } from '../../../src/proxy/firm/event-bus';
import type { Connection } from '../../../src/proxy/store/connections';

const conn = (accessToken: string, realmId = '123'): Connection => ({
  connectionId: `c-${accessToken}`,
  realmId,
  companyName: 'Co',
  country: 'US',
  connectedAt: '2026-01-01T00:00:00Z',
  connectedBy: { id: 'u', name: 'U' },
  tokens: { accessToken, refreshToken: `r-${accessToken}`, accessTokenExpiresAt: 9e15, refreshTokenExpiresAt: 9e15 },
});

test('one read while nothing changes; a connection event makes the next call read again', async () => {
  const bus = createInProcessEventBus();
  const cache = new ConnectionCache(bus);
  let stored = conn('a');
  let reads = 0;
  const load = async () => {
    reads++;
    return stored;
  };
  for (let i = 0; i < 5; i++) assert.equal((await cache.get('f1', load))?.tokens.accessToken, 'a');
  assert.equal(reads, 1);
  stored = conn('b', '456');
  bus.publish('f1', { type: 'changes', realmId: '123', checkpoint: '1' });
  assert.equal((await cache.get('f1', load))?.realmId, '123', 'record changes do not touch the connection');
  bus.publish('f2', { type: 'connection' });
  assert.equal((await cache.get('f1', load))?.realmId, '123', "another firm's event does not either");
  bus.publish('f1', { type: 'connection' });
  assert.equal((await cache.get('f1', load))?.realmId, '456');
  assert.equal(reads, 2);
  cache.close();
});

test('a read under way when the connection changes is returned but not kept', async () => {
  const bus = createInProcessEventBus();
  const cache = new ConnectionCache(bus);
  let release: () => void = () => undefined;
  const slow = () => new Promise<Connection>((resolve) => (release = () => resolve(conn('old'))));
  const pending = cache.get('f1', slow);
  bus.publish('f1', { type: 'connection' }); // e.g. a disconnect committed on another replica
  release();
  assert.equal((await pending)?.tokens.accessToken, 'old');
  assert.equal((await cache.get('f1', async () => conn('new')))?.tokens.accessToken, 'new');
  cache.close();
});

test('entries expire after the ttl, nothing is cached for a firm without a connection, and the firms kept are bounded', async () => {
  let now = 1_000;
  const bus = createInProcessEventBus();
  const cache = new ConnectionCache(bus, { now: () => now, ttlMs: 100, maxFirms: 2 });
  let reads = 0;
  const load = (c: Connection | null) => async () => {
    reads++;
    return c;
  };
  await cache.get('f1', load(conn('a')));
  now += 49; // (past half the ttl a call would start a background renewal: the next test)
  await cache.get('f1', load(conn('a')));
  assert.equal(reads, 1);
  now += 52;
  await cache.get('f1', load(conn('a')));
  assert.equal(reads, 2, 'read again once the ttl has passed');
  assert.equal(await cache.get('none', load(null)), null);
  assert.equal(await cache.get('none', load(null)), null);
  assert.equal(reads, 4, 'not connected is never cached');
  await cache.get('f3', load(conn('c')));
  assert.equal(cache.size, 2, 'the least recently used firm was forgotten');
  cache.put('f1', conn('after-refresh'));
  assert.equal((await cache.get('f1', load(conn('x'))))?.tokens.accessToken, 'after-refresh');
  cache.close();
});

const settle = () => new Promise((r) => setImmediate(r));

test('past half its ttl an entry is still served and renewed in the background, never kept past the ttl', async () => {
  let now = 1_000;
  const cache = new ConnectionCache(createInProcessEventBus(), { now: () => now, ttlMs: 100 });
  let stored: Connection | null = conn('a');
  let failing = false;
  let reads = 0;
  const load = async () => {
    reads++;
    if (failing) throw new Error('database unreachable');
    return stored;
  };
  await cache.get('f1', load);
  now += 49;
  await cache.get('f1', load);
  assert.equal(reads, 1, 'young: no read');
  stored = conn('b');
  now += 2; // 51 ms old
  assert.equal((await cache.get('f1', load))?.tokens.accessToken, 'a', 'served at once');
  await cache.get('f1', load);
  await settle();
  assert.equal(reads, 2, 'one background read for several calls');
  assert.equal((await cache.get('f1', load))?.tokens.accessToken, 'b', 'the renewed entry');
  now += 60; // renewed at 1051, so half-aged again
  failing = true;
  assert.equal((await cache.get('f1', load))?.tokens.accessToken, 'b');
  await settle();
  assert.equal(reads, 3);
  now += 45; // past the ttl of the entry the failed read did not renew
  await assert.rejects(cache.get('f1', load), /database unreachable/, 'past the ttl the call reads itself');
  failing = false;
  assert.equal((await cache.get('f1', load))?.tokens.accessToken, 'b');
  now += 60;
  stored = null; // disconnected, and the notification was lost
  assert.equal((await cache.get('f1', load))?.tokens.accessToken, 'b');
  await settle();
  assert.equal(await cache.get('f1', async () => null), null, 'a renewal that finds no connection forgets the entry');
  cache.close();
});

test('a read under way when a refreshed connection is put is returned but not kept', async () => {
  const cache = new ConnectionCache(createInProcessEventBus());
  let release: () => void = () => undefined;
  const pending = cache.get('f1', () => new Promise<Connection>((resolve) => (release = () => resolve(conn('before-refresh')))));
  cache.put('f1', conn('refreshed'));
  release();
  assert.equal((await pending)?.tokens.accessToken, 'before-refresh');
  assert.equal((await cache.get('f1', async () => conn('db')))?.tokens.accessToken, 'refreshed');
  cache.close();
});
