/**
 * One run at a time across staff (issue 14, point 10): the proxy's run leases over real HTTP
 * with identity tokens. Two staff racing for the same export: exactly one holds it and the other
 * is told who and since when; renewals, release, expiry, a reloaded page of the same browser,
 * and another firm's lease of the same name.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startHarness, type Harness } from './support/proxy-harness';
import type { TestUser } from './support/test-issuer';

const REALM = '9341450000000001';
const dana: TestUser = { firmId: 'firm-a', firmName: 'Hartwell & Lee', userId: 'u-dana', name: 'Dana Whitfield', role: 'staff' };
const sam: TestUser = { firmId: 'firm-a', firmName: 'Hartwell & Lee', userId: 'u-sam', name: 'Sam Ortiz', role: 'staff' };
const carmen: TestUser = { firmId: 'firm-b', firmName: 'Ortiz Tax Group', userId: 'u-carmen', name: 'Carmen Ortiz', role: 'admin' };

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.close());
beforeEach(() => h.setSkew(0));

interface LeaseAnswer {
  status: number;
  body: { lease: { holder: { id: string; name: string }; instance: string; sameBrowser: boolean; acquiredAt: string; expiresAt: string } | null; message?: string; error?: string };
}

async function take(user: TestUser, name: string, instance: string, browser: string, extra: Record<string, unknown> = {}): Promise<LeaseAnswer> {
  const res = await h.api(user, `/api/firm/${REALM}/leases/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ instance, browser, ...extra }) });
  return { status: res.status, body: (await res.json()) as LeaseAnswer['body'] };
}

async function look(user: TestUser, name: string): Promise<LeaseAnswer['body']['lease']> {
  const res = await h.api(user, `/api/firm/${REALM}/leases/${name}`);
  assert.equal(res.status, 200);
  return ((await res.json()) as LeaseAnswer['body']).lease;
}

async function release(user: TestUser, name: string, instance: string): Promise<boolean> {
  const res = await h.api(user, `/api/firm/${REALM}/leases/${name}?instance=${instance}`, { method: 'DELETE' });
  assert.equal(res.status, 200);
  return ((await res.json()) as { released: boolean }).released;
}

describe('run leases at the proxy', () => {
  it('ten pages of two staff race for one export: exactly one holds it, the others are told who and since when', async () => {
    const attempts = await Promise.all(Array.from({ length: 10 }, (_, k) => take(k % 2 ? sam : dana, 'contactExport', `page-race-${k}`, `browser-${k}`)));
    const won = attempts.filter((a) => a.status === 200);
    const lost = attempts.filter((a) => a.status === 409);
    assert.equal(won.length, 1, 'exactly one page holds the lease');
    assert.equal(lost.length, 9);
    const holder = won[0].body.lease;
    assert.ok(holder);
    for (const l of lost) {
      assert.equal(l.body.error, 'lease_held');
      assert.equal(l.body.lease?.instance, holder.instance, 'everyone is told the same holder');
      assert.match(l.body.message ?? '', new RegExp(`^${holder.holder.name} is running this since `));
    }
    const seen = await look(sam, 'contactExport');
    assert.equal(seen?.instance, holder.instance);
    assert.ok(await release(holder.holder.id === dana.userId ? dana : sam, 'contactExport', holder.instance));
    assert.equal(await look(sam, 'contactExport'), null);
  });

  it('the holder renews and keeps its start time; others wait until it is released', async () => {
    const first = await take(dana, 'employeeExport', 'page-dana-1', 'browser-dana');
    assert.equal(first.status, 200);
    const renewed = await take(dana, 'employeeExport', 'page-dana-1', 'browser-dana');
    assert.equal(renewed.status, 200);
    assert.equal(renewed.body.lease?.acquiredAt, first.body.lease?.acquiredAt, 'a renewal keeps "since"');
    assert.ok(Date.parse(renewed.body.lease?.expiresAt ?? '') >= Date.parse(first.body.lease?.expiresAt ?? ''));
    assert.equal((await take(sam, 'employeeExport', 'page-sam-1', 'browser-sam')).status, 409);
    assert.equal(await release(sam, 'employeeExport', 'page-sam-1'), false, 'nobody releases a lease that is not theirs');
    assert.equal(await release(sam, 'employeeExport', 'page-dana-1'), false, "nor by naming the holder's page, which the whole firm is shown");
    assert.ok(await release(dana, 'employeeExport', 'page-dana-1'));
    assert.equal((await take(sam, 'employeeExport', 'page-sam-1', 'browser-sam')).status, 200);
    await release(sam, 'employeeExport', 'page-sam-1');
  });

  it('a lease whose page stopped renewing expires, and then another staff member takes it', async () => {
    assert.equal((await take(dana, 'workCodeExport', 'page-dana-2', 'browser-dana', { ttlMs: 5000 })).status, 200);
    assert.equal((await take(sam, 'workCodeExport', 'page-sam-2', 'browser-sam')).status, 409);
    h.setSkew(6000);
    assert.equal(await look(sam, 'workCodeExport'), null, 'expired leases are not shown');
    const taken = await take(sam, 'workCodeExport', 'page-sam-2', 'browser-sam');
    assert.equal(taken.status, 200);
    assert.equal(taken.body.lease?.holder.name, 'Sam Ortiz');
  });

  it("a reloaded page takes over its own browser's lease only when it says it holds the browser's lock", async () => {
    assert.equal((await take(dana, 'expenseCodeExport', 'page-before-reload', 'browser-dana-3')).status, 200);
    const plain = await take(dana, 'expenseCodeExport', 'page-after-reload', 'browser-dana-3');
    assert.equal(plain.status, 409);
    assert.equal(plain.body.lease?.sameBrowser, true, 'the holder is in this browser');
    assert.equal((await take(sam, 'expenseCodeExport', 'page-sam-3', 'browser-sam-3', { takeOverBrowser: true })).status, 409, 'another browser cannot take over');
    const over = await take(dana, 'expenseCodeExport', 'page-after-reload', 'browser-dana-3', { takeOverBrowser: true });
    assert.equal(over.status, 200);
    assert.equal(over.body.lease?.instance, 'page-after-reload');
  });

  it("another firm's lease of the same name is its own", async () => {
    assert.equal((await take(dana, 'contactImport', 'page-dana-4', 'browser-dana')).status, 200);
    assert.equal((await take(carmen, 'contactImport', 'page-carmen-4', 'browser-carmen')).status, 200);
    assert.equal((await look(carmen, 'contactImport'))?.holder.name, 'Carmen Ortiz');
  });

  it('refuses malformed names, instances and times', async () => {
    assert.equal((await h.api(dana, `/api/firm/${REALM}/leases/bad name`)).status, 400);
    assert.equal((await take(dana, 'contactExport', 'x', 'browser-dana')).status, 400);
    assert.equal((await take(dana, 'contactExport', 'page-dana-5', 'browser-dana', { ttlMs: 10 })).status, 400);
  });
});
