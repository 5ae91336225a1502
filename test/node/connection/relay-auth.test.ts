/**
 * The QBO relay gateway of connectToProxy against a real HTTP server on 127.0.0.1: it carries
 * the identity token, picks up a token renewed mid-run, retries an identity refusal once with a
 * fresh token (not counted as QuickBooks' 401), and leaves QuickBooks' own 401 as it was.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connectToProxy } from '../../../src/sync/connection/proxy-connection';
import { QboAuthError } from '../../../src/sync/qbo/errors';
import { Pacer, QBO_LIMITS } from '../../../src/sync/qbo/pacer';
import { fakeToken, startFakeIdentityProxy, type FakeIdentityProxy } from './fake-identity-proxy';

let proxy: FakeIdentityProxy;

before(async () => {
  proxy = await startFakeIdentityProxy();
});
after(() => proxy.close());
beforeEach(() => {
  proxy.calls = [];
  proxy.valid.clear();
  proxy.qboUnauthorized = false;
});

function connection(now: () => number) {
  const asked: boolean[] = [];
  const conn = connectToProxy({
    baseUrl: proxy.base,
    now,
    getIdentityToken: async (force) => {
      asked.push(force);
      return fakeToken(`t${asked.length}`, Math.floor(now() / 1000) + 600);
    },
  });
  return { conn, asked };
}

const pacer = () => new Pacer(QBO_LIMITS, { now: Date.now, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });

describe('connectToProxy relay gateway', () => {
  it('sends the identity token and shares its cache with the proxy client', async () => {
    const now = 1_800_000_000_000;
    const { conn, asked } = connection(() => now);
    proxy.valid.add(fakeToken('t1', 1_800_000_600));
    const customer = await conn.relayGateway('9130', pacer()).read<{ Id: string }>('Customer', '58');
    assert.equal(customer.Id, '58');
    await conn.proxy.status();
    assert.deepEqual(asked, [false], 'one host request for the relay call and the status call');
    assert.match(proxy.calls[0]?.path ?? '', /^\/api\/qbo\/v3\/company\/9130\/customer\/58\?/);
    assert.equal(proxy.calls[0]?.authorization, `Bearer ${fakeToken('t1', 1_800_000_600)}`);
  });

  it('uses a token renewed mid-run on the next request of the same gateway', async () => {
    let now = 1_800_000_000_000;
    const { conn } = connection(() => now);
    proxy.valid.add(fakeToken('t1', 1_800_000_600));
    const gateway = conn.relayGateway('9130', pacer());
    await gateway.read('Customer', '58');
    now += 545_000; // within a minute of the first token's exp
    proxy.valid.add(fakeToken('t2', 1_800_001_145));
    await gateway.read('Customer', '58');
    assert.equal(proxy.calls[1]?.authorization, `Bearer ${fakeToken('t2', 1_800_001_145)}`);
  });

  it('retries an identity refusal once with a forced fresh token', async () => {
    const now = 1_800_000_000_000;
    const { conn, asked } = connection(() => now);
    // t1 is refused (the host rotated keys); the forced t2 is accepted.
    proxy.valid.add(fakeToken('t2', 1_800_000_600));
    const customer = await conn.relayGateway('9130', pacer()).read<{ Id: string }>('Customer', '58');
    assert.equal(customer.Id, '58');
    assert.deepEqual(asked, [false, true]);
    assert.equal(proxy.calls.length, 2);
  });

  it('gives up after the second identity refusal, with the proxy code', async () => {
    const now = 1_800_000_000_000;
    const { conn, asked } = connection(() => now);
    await assert.rejects(conn.relayGateway('9130', pacer()).read('Customer', '58'), (e: unknown) => e instanceof QboAuthError && e.code === 'identity_expired');
    assert.deepEqual(asked, [false, true]);
    assert.equal(proxy.calls.length, 2);
  });

  it("leaves QuickBooks' own 401 alone: no new identity is asked for", async () => {
    const now = 1_800_000_000_000;
    const { conn, asked } = connection(() => now);
    proxy.valid.add(fakeToken('t1', 1_800_000_600));
    proxy.qboUnauthorized = true;
    await assert.rejects(conn.relayGateway('9130', pacer()).read('Customer', '58'), (e: unknown) => e instanceof QboAuthError && e.code === '3200');
    assert.deepEqual(asked, [false]);
  });
});
