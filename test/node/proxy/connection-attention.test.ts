/**
 * GET /api/status says when the firm's connection needs attention (issue 14, point 7), against
 * the real sandbox: the refresh token runs out within 7 days, Intuit revoked the grant (seen as
 * invalid_grant by a relay call; every staff member of the firm sees it, another firm does not),
 * its life ran out, and a reconnect to another company than the firm's data belongs to (also
 * across a Disconnect), until someone keeps the new company or goes back to the old one.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_REALMS } from '../../../dev/qbo-sandbox/demo-companies';
import { REFRESH_WARNING_MS } from '../../../src/proxy/connect-flow';
import { CLIENT_ID, CLIENT_SECRET, startHarness, type Harness } from './support/proxy-harness';
import type { TestUser } from './support/test-issuer';

let h: Harness;
let firmCount = 0;

before(async () => {
  h = await startHarness();
});

after(async () => {
  await h?.close();
});

function newFirm(): { dana: TestUser; lee: TestUser } {
  const firmId = `attention-firm-${++firmCount}`;
  return {
    dana: { firmId, userId: `u-dana-${firmCount}`, name: 'Dana Whitfield', role: 'admin' },
    lee: { firmId, userId: `u-lee-${firmCount}`, name: 'Lee Ortega' },
  };
}

type Status = { connected: boolean; realmId?: string; refreshTokenExpiresAt?: string; attention?: Array<Record<string, unknown>> };

async function status(user: TestUser): Promise<Status> {
  const res = await h.api(user, '/api/status');
  assert.equal(res.status, 200);
  return (await res.json()) as Status;
}

const companyInfo = (realm: string = DEMO_REALMS.us) => `/api/qbo/v3/company/${realm}/companyinfo/${realm}?minorversion=75`;

/** Revokes the firm's grant at the sandbox, as Apps > Disconnect in QuickBooks Online would. */
async function revokeAtIntuit(firmId: string): Promise<void> {
  const stored = await h.stored(firmId);
  assert.ok(stored, 'the firm is connected');
  const res = await fetch(`${h.sandbox.url}/v2/oauth2/tokens/revoke`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ token: stored.tokens.refreshToken }),
  });
  assert.equal(res.status, 200);
}

test('a fresh connection needs no attention', async () => {
  const { dana } = newFirm();
  const connected = await h.connect(dana);
  assert.equal(connected.connected, true);
  assert.equal(connected.attention, undefined);
  assert.equal((await status(dana)).attention, undefined);
});

test('the refresh token running out within 7 days is said, with when; once it has run out the connection shows as lapsed', async () => {
  const { dana } = newFirm();
  await h.connect(dana);
  const expiresAt = Date.parse(String((await status(dana)).refreshTokenExpiresAt));
  try {
    h.setSkew(expiresAt - Date.now() - REFRESH_WARNING_MS - 60_000);
    assert.equal((await status(dana)).attention, undefined, 'eight days before: nothing yet');
    h.setSkew(expiresAt - Date.now() - 6 * 86_400_000);
    const soon = await status(dana);
    assert.equal(soon.connected, true);
    assert.deepEqual(soon.attention, [{ kind: 'refreshExpiring', expiresAt: new Date(expiresAt).toISOString() }]);
    h.setSkew(expiresAt - Date.now() + 60_000);
    const over = await status(dana);
    assert.equal(over.connected, false);
    assert.deepEqual(over.attention, [{ kind: 'lapsed', reason: 'expired', realmId: DEMO_REALMS.us, companyName: 'OfficeTools Workspace', at: new Date(expiresAt).toISOString() }]);
    // The next call finds the same and forgets the connection; the status stays as it was.
    const relayed = await h.api(dana, companyInfo(), { headers: { Accept: 'application/json' } });
    assert.equal(relayed.status, 401);
    assert.equal(((await relayed.json()) as { error: string }).error, 'reconnect_required');
    assert.equal(await h.stored(dana.firmId), null);
    const after = await status(dana);
    assert.equal(after.connected, false);
    assert.equal(after.attention?.[0]?.kind, 'lapsed');
    assert.equal(after.attention?.[0]?.reason, 'expired');
  } finally {
    h.setSkew(0);
  }
});

test('a grant revoked at Intuit: the next call meets invalid_grant, and every staff member of the firm (only) sees "revoked" until someone reconnects', async () => {
  const { dana, lee } = newFirm();
  const { dana: stranger } = newFirm();
  await h.connect(dana);
  await h.connect(stranger);
  await revokeAtIntuit(dana.firmId);
  const refreshes = h.grants.filter((g) => g === 'refresh_token').length;
  const relayed = await h.api(lee, companyInfo(), { headers: { Accept: 'application/json' } });
  assert.equal(relayed.status, 401);
  assert.equal(((await relayed.json()) as { error: string }).error, 'reconnect_required');
  assert.equal(h.grants.filter((g) => g === 'refresh_token').length, refreshes + 1, 'one refresh was tried, and refused');

  const seen = await status(dana);
  assert.equal(seen.connected, false);
  assert.equal(seen.attention?.length, 1);
  const lapse = seen.attention?.[0] ?? {};
  assert.equal(lapse.kind, 'lapsed');
  assert.equal(lapse.reason, 'revoked');
  assert.equal(lapse.realmId, DEMO_REALMS.us);
  assert.equal(lapse.companyName, 'OfficeTools Workspace');
  assert.ok(Math.abs(Date.parse(String(lapse.at)) - Date.now()) < 60_000);
  assert.deepEqual(await status(lee), seen, 'the colleague sees the same');
  const other = await status(stranger);
  assert.equal(other.connected, true);
  assert.equal(other.attention, undefined, 'another firm is not concerned');
  assert.match(h.logLines.join('\n'), /lapsed \(revoked\)/);
  const feed = await h.api(lee, `/api/firm/${DEMO_REALMS.us}/changes?since=0`);
  const records = ((await feed.json()) as { records: Array<{ collection: string; body: Record<string, unknown> }> }).records;
  const lapseLine = records.find((r) => r.collection === 'history' && r.body.what === 'connection lapsed')?.body;
  assert.ok(lapseLine, 'the lapse is in the company history');
  assert.equal(lapseLine.who, 'QuickBooks Online');
  assert.equal(lapseLine.result, 'failed');
  assert.equal(lapseLine.kind, 'disconnect');
  assert.equal(lapseLine.errorCode, 'revoked');
  assert.match(String(lapseLine.detail), /stopped accepting the connection to OfficeTools Workspace/);
  assert.doesNotMatch(h.logLines.join('\n'), new RegExp(dana.firmId));

  const again = await h.connect(lee);
  assert.equal(again.connected, true);
  assert.equal(again.attention, undefined, 'reconnecting the same company ends it');
  assert.equal((await status(dana)).attention, undefined);
});

test('Disconnect on a lapsed connection clears the notice', async () => {
  const { dana } = newFirm();
  await h.connect(dana);
  await revokeAtIntuit(dana.firmId);
  await h.api(dana, companyInfo(), { headers: { Accept: 'application/json' } });
  assert.equal((await status(dana)).attention?.[0]?.kind, 'lapsed');
  const res = await h.api(dana, '/api/disconnect', { method: 'POST' });
  assert.equal(res.status, 200);
  assert.deepEqual(await status(dana), { connected: false });
});

test('reconnecting to another company is said until someone keeps it; going back to the first company ends it', async () => {
  const { dana, lee } = newFirm();
  await h.connect(dana, DEMO_REALMS.us);
  const switched = await h.connect(lee, DEMO_REALMS.ca);
  assert.equal(switched.realmId, DEMO_REALMS.ca);
  const change = (switched.attention as Array<Record<string, unknown>>)[0];
  assert.equal(change.kind, 'companyChanged');
  assert.equal(change.previousRealmId, DEMO_REALMS.us);
  assert.equal(change.previousCompanyName, 'OfficeTools Workspace');
  assert.deepEqual(change.by, { id: lee.userId, name: 'Lee Ortega' });
  assert.deepEqual((await status(dana)).attention, switched.attention);

  const back = await h.connect(dana, DEMO_REALMS.us);
  assert.equal(back.attention, undefined, 'back on the company the data belongs to');

  await h.connect(dana, DEMO_REALMS.ca);
  assert.equal((await status(dana)).attention?.[0]?.kind, 'companyChanged');
  const kept = await h.api(lee, '/api/connection/keep-company', { method: 'POST' });
  assert.equal(kept.status, 200);
  const keptBody = (await kept.json()) as Status;
  assert.equal(keptBody.realmId, DEMO_REALMS.ca);
  assert.equal(keptBody.attention, undefined);
  assert.equal((await status(dana)).attention, undefined);
  const history = await h.api(lee, `/api/firm/${DEMO_REALMS.ca}/changes?since=0`);
  const records = ((await history.json()) as { records: Array<{ collection: string; body: { what?: string; detail?: string } }> }).records;
  const confirmed = records.find((r) => r.collection === 'history' && r.body.what === 'company change confirmed');
  assert.equal(confirmed?.body.detail, 'Kept Maple Leaf Bookkeeping Ltd. instead of OfficeTools Workspace');
});

test('a company change is seen across a Disconnect', async () => {
  const { dana } = newFirm();
  await h.connect(dana, DEMO_REALMS.us);
  assert.equal((await h.api(dana, '/api/disconnect', { method: 'POST' })).status, 200);
  const next = await h.connect(dana, DEMO_REALMS.ca);
  const change = (next.attention as Array<Record<string, unknown>>)[0];
  assert.equal(change.kind, 'companyChanged');
  assert.equal(change.previousRealmId, DEMO_REALMS.us);
});

test('keep-company without a connection is refused with what to do', async () => {
  const { dana } = newFirm();
  const res = await h.api(dana, '/api/connection/keep-company', { method: 'POST' });
  assert.equal(res.status, 409);
  const body = (await res.json()) as { error: string; message: string };
  assert.equal(body.error, 'not_connected');
  assert.match(body.message, /Connect first/);
});

test('a connection in daily use nears its 5-year hard cap: the status warns within 7 days of it (runs last: it moves the sandbox clock)', async () => {
  const { dana } = newFirm();
  await h.connect(dana);
  const clock = (body: Record<string, unknown>) =>
    fetch(`${h.sandbox.url}/__sandbox/clock`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const day = 86_400;
  try {
    // Used every 90 days (each call refreshes, rolling the 101-day expiry on) until 4 days
    // before the grant's 5-year cap; the proxy's clock moves along with Intuit's.
    let moved = 0;
    const capDays = 5 * 365;
    while (moved < capDays - 4) {
      const step = Math.min(90, capDays - 4 - moved);
      moved += step;
      assert.equal((await clock({ advanceSeconds: step * day })).status, 200);
      h.setSkew(moved * day * 1000);
      const relayed = await h.api(dana, companyInfo(), { headers: { Accept: 'application/json' } });
      assert.equal(relayed.status, 200, `call on day ${moved}`);
      const s = await status(dana);
      if (moved < capDays - 7) assert.equal(s.attention, undefined, `no warning on day ${moved}`);
    }
    const near = await status(dana);
    assert.equal(near.connected, true);
    assert.equal(near.attention?.[0]?.kind, 'refreshExpiring');
    const left = Date.parse(String(near.attention?.[0]?.expiresAt)) - (Date.now() + moved * day * 1000);
    assert.ok(left > 3 * day * 1000 && left <= 4 * day * 1000 + 60_000, `about 4 days left, got ${left / 86_400_000} days`);
  } finally {
    h.setSkew(0);
    await clock({ reset: true });
  }
});
