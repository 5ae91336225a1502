/**
 * The run-lease SQL itself on both back-ends (SQLite and a real PostgreSQL server): the one
 * conditional upsert leaves exactly one holder when pages race (on PostgreSQL from two pools, as
 * two proxy replicas would, also when they race to take over an expired lease), an expired lease
 * is taken over, a renewal keeps "since", a reloaded page takes over only its own user's lease of
 * its own browser (nor does anyone renew a colleague's lease by naming their page), and only
 * the holder's page releases it. The HTTP rules around it are in
 * run-leases.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FirmStore } from '../../../src/proxy/store/firm-store';
import type { AcquireRequest } from '../../../src/proxy/store/run-leases';
import { BACKENDS, openTestStore, type BackendName } from './support/backends';

const KEY = Buffer.alloc(32, 9);
const REALM = '9341450000000001';
const dana = { id: 'u-dana', name: 'Dana Whitfield' };
const sam = { id: 'u-sam', name: 'Sam Ortiz' };
const page = (instance: string, browser: string, extra: Partial<AcquireRequest> = {}): AcquireRequest => ({ instance, browser, ttlMs: 30_000, takeOverBrowser: false, ...extra });

interface Clock {
  now: number;
}

/** `count` stores over one database: two pools on PostgreSQL (two replicas); SQLite has one file per test, so one store. */
async function stores(backend: BackendName, t: { after(fn: () => Promise<void> | void): void }, clock: Clock, count: number): Promise<FirmStore[]> {
  const first = await openTestStore(backend, t, { key: KEY, now: () => clock.now });
  if (backend === 'sqlite') return [first.store];
  const more = await Promise.all(Array.from({ length: count - 1 }, async () => (await openTestStore(backend, t, { key: KEY, now: () => clock.now, databaseUrl: first.databaseUrl })).store));
  return [first.store, ...more];
}

for (const backend of BACKENDS) {
  test(`${backend}: twenty pages of two staff race for one lease: exactly one holds it and the others are told the same holder`, async (t) => {
    const clock = { now: Date.parse('2026-12-03T09:00:00Z') };
    const replicas = await stores(backend, t, clock, 2);
    const attempts = await Promise.all(
      Array.from({ length: 20 }, (_, k) => replicas[k % replicas.length].leases.acquire('firm-a', REALM, 'invoiceExport', k % 2 ? sam : dana, page(`page-race-${k}`, `browser-${k}`))),
    );
    const won = attempts.filter((a) => a.held);
    assert.equal(won.length, 1, 'one winner');
    for (const a of attempts) assert.equal(a.lease.instance, won[0].lease.instance, 'every loser is told the winner');
    const rows = await replicas[0].db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM run_leases');
    assert.equal(Number(rows[0].n), 1);
  });

  test(`${backend}: an expired lease is taken over (once, when pages race for it); before expiry it is not; a renewal keeps "since"`, async (t) => {
    const clock = { now: Date.parse('2026-12-03T09:00:00Z') };
    const replicas = await stores(backend, t, clock, 2);
    const [a] = replicas;
    const first = await a.leases.acquire('firm-a', REALM, 'paymentExport', dana, page('page-dana', 'browser-dana', { ttlMs: 10_000 }));
    assert.ok(first.held);
    clock.now += 5_000;
    const renewed = await a.leases.acquire('firm-a', REALM, 'paymentExport', dana, page('page-dana', 'browser-dana', { ttlMs: 10_000 }));
    assert.ok(renewed.held, 'the same page renews');
    assert.equal(renewed.lease.acquiredAt, first.lease.acquiredAt, 'a renewal keeps "since"');
    assert.equal(renewed.lease.expiresAt, clock.now + 10_000);
    clock.now += 9_999;
    const early = await a.leases.acquire('firm-a', REALM, 'paymentExport', sam, page('page-sam', 'browser-sam'));
    assert.equal(early.held, false, 'not before it expires');
    assert.equal(early.lease.holder.name, 'Dana Whitfield');

    clock.now += 1;
    assert.equal(await a.leases.get('firm-a', REALM, 'paymentExport'), null, 'an expired lease is not shown');
    const racers = await Promise.all(Array.from({ length: 10 }, (_, k) => replicas[k % replicas.length].leases.acquire('firm-a', REALM, 'paymentExport', k % 2 ? sam : dana, page(`page-late-${k}`, `browser-late-${k}`))));
    const won = racers.filter((r) => r.held);
    assert.equal(won.length, 1, 'one page takes the expired lease over');
    assert.equal(won[0].lease.acquiredAt, clock.now, 'a new holder starts a new "since"');
    for (const r of racers) assert.equal(r.lease.instance, won[0].lease.instance);
  });

  test(`${backend}: a reloaded page takes over only its own user's lease of its own browser, and only when it says it holds the browser's lock`, async (t) => {
    const clock = { now: Date.parse('2026-12-03T09:00:00Z') };
    const [store] = await stores(backend, t, clock, 1);
    assert.ok((await store.leases.acquire('firm-a', REALM, 'invoiceExport', dana, page('page-before-reload', 'browser-dana'))).held);
    assert.equal((await store.leases.acquire('firm-a', REALM, 'invoiceExport', dana, page('page-after-reload', 'browser-dana'))).held, false, 'without the lock: no');
    // The browser id is the page's own word; the user is the verified identity.
    const claimed = await store.leases.acquire('firm-a', REALM, 'invoiceExport', sam, page('page-sam', 'browser-dana', { takeOverBrowser: true }));
    assert.equal(claimed.held, false, "another user naming Dana's browser does not take her lease");
    assert.equal(claimed.lease.instance, 'page-before-reload');
    assert.equal((await store.leases.acquire('firm-a', REALM, 'invoiceExport', sam, page('page-before-reload', 'browser-sam'))).held, false, 'nor by naming her page (its id is shown to everyone)');
    assert.equal((await store.leases.acquire('firm-a', REALM, 'invoiceExport', dana, page('page-other-browser', 'browser-dana-laptop', { takeOverBrowser: true }))).held, false, 'her other browser: no');
    const over = await store.leases.acquire('firm-a', REALM, 'invoiceExport', dana, page('page-after-reload', 'browser-dana', { takeOverBrowser: true }));
    assert.ok(over.held);
    assert.equal(over.lease.instance, 'page-after-reload');
    assert.equal(over.lease.acquiredAt, clock.now);
  });

  test(`${backend}: only the holder's page releases the lease; another firm's lease of the same name is its own`, async (t) => {
    const clock = { now: Date.parse('2026-12-03T09:00:00Z') };
    const [store] = await stores(backend, t, clock, 1);
    assert.ok((await store.leases.acquire('firm-a', REALM, 'invoiceExport', dana, page('page-dana', 'browser-dana'))).held);
    assert.ok((await store.leases.acquire('firm-b', REALM, 'invoiceExport', sam, page('page-sam', 'browser-sam'))).held, 'another firm');
    assert.equal(await store.leases.release('firm-a', REALM, 'invoiceExport', 'page-sam', sam.id), false, 'not the holder');
    assert.equal(await store.leases.release('firm-a', REALM, 'invoiceExport', 'page-dana', sam.id), false, "naming her page is not enough: its id is shown to the whole firm");
    assert.equal(await store.leases.release('firm-b', REALM, 'invoiceExport', 'page-dana', dana.id), false, "not that firm's holder");
    assert.equal((await store.leases.get('firm-a', REALM, 'invoiceExport'))?.instance, 'page-dana');
    assert.equal(await store.leases.release('firm-a', REALM, 'invoiceExport', 'page-dana', dana.id), true);
    assert.equal(await store.leases.get('firm-a', REALM, 'invoiceExport'), null);
    assert.equal((await store.leases.get('firm-b', REALM, 'invoiceExport'))?.instance, 'page-sam', "the other firm's lease stays");
    assert.ok((await store.leases.acquire('firm-a', REALM, 'invoiceExport', sam, page('page-sam-a', 'browser-sam'))).held, 'free again');
  });
}
