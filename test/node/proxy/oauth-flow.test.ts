/**
 * The proxy against the real local sandbox, as firms and their staff (identity tokens from a
 * test issuer): the code flow completed by the identity that started it, status with who
 * connected, the firm's connection shared by its staff, relay, refresh (near expiry and on
 * 401, single-flight), rotation, disconnect with history, realm and origin checks, the single
 * use of authorization codes, and the connect-link hijack refused.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_REALMS, DEMO_USER } from '../../../dev/qbo-sandbox/demo-companies';
import { BrowserLike, parseForms } from './browser-like';
import { CLIENT_ID, CLIENT_SECRET, SHELL, dialogMessage, startHarness, type Harness } from './support/proxy-harness';
import type { TestUser } from './support/test-issuer';

let h: Harness;
let firmCount = 0;

before(async () => {
  h = await startHarness();
});

after(async () => {
  await h?.close();
});

/** A new firm with two staff members, so tests do not share connections. */
function newFirm(): { dana: TestUser; lee: TestUser } {
  const firmId = `firm-${++firmCount}`;
  return {
    dana: { firmId, userId: `u-dana-${firmCount}`, name: 'Dana Whitfield', role: 'admin' },
    lee: { firmId, userId: `u-lee-${firmCount}`, name: 'Lee Ortega' },
  };
}

const json = async (res: Response): Promise<Record<string, unknown>> => (await res.json()) as Record<string, unknown>;
const count = (grant: string) => h.grants.filter((g) => g === grant).length;
const companyInfo = (realm: string = DEMO_REALMS.us) => `/api/qbo/v3/company/${realm}/companyinfo/${realm}?minorversion=75`;
const post = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

async function pullAll(user: TestUser, realm: string = DEMO_REALMS.us): Promise<Array<Record<string, unknown>>> {
  const res = await h.api(user, `/api/firm/${realm}/changes?since=0`);
  assert.equal(res.status, 200);
  return ((await res.json()) as { records: Array<Record<string, unknown>> }).records;
}

async function sandboxRefresh(refreshToken: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${h.sandbox.url}/oauth2/v1/tokens/bearer`, {
    method: 'POST',
    headers: {
      Authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function sandboxControl(p: string, body: unknown): Promise<void> {
  const res = await fetch(`${h.sandbox.url}/__sandbox/${p}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(res.status, 200, await res.text());
}

test('a staff member connects; the callback parks the tokens until the same identity completes', async () => {
  const { dana, lee } = newFirm();
  const before = count('authorization_code');
  const { url, flowId } = await h.start(dana);
  assert.ok(url.startsWith(`${h.proxyUrl}/auth/start?t=`));
  const { html } = await h.signIn(url);
  assert.equal(count('authorization_code') - before, 1);
  const message = dialogMessage(html);
  assert.equal(message.status, 'authorized');
  assert.equal(message.flowId, flowId);
  assert.equal(message.realmId, DEMO_REALMS.us);
  assert.equal(message.country, 'US');
  assert.match(String(message.completion), /^[A-Za-z0-9_-]{43}$/);
  assert.match(html, new RegExp(`var target = "${SHELL}";`), 'posted to the shell origin only');
  assert.deepEqual(await json(await h.api(dana, '/api/status')), { connected: false }, 'nothing is attached before completion');

  // Lee is of the same firm but did not start this flow.
  const notLee = await h.api(lee, '/api/auth/complete', post({ completion: message.completion }));
  assert.equal(notLee.status, 403);
  assert.equal((await json(notLee)).error, 'flow_not_yours');

  const done = await h.api(dana, '/api/auth/complete', post({ completion: message.completion }));
  assert.equal(done.status, 200);
  const status = await json(done);
  assert.equal(status.connected, true);
  assert.deepEqual(status.connectedBy, { id: dana.userId, name: dana.name });
  assert.equal(status.intuitEmail, DEMO_USER.email);
  assert.equal(status.companyName, message.companyName);
  const accessExpiry = Date.parse(status.accessTokenExpiresAt as string) - Date.now();
  assert.ok(accessExpiry > 55 * 60_000 && accessExpiry <= 60 * 60_000, `access token expiry in ${accessExpiry} ms`);
  assert.ok(Date.parse(status.refreshTokenExpiresAt as string) > Date.now() + 90 * 86_400_000);

  const again = await h.api(dana, '/api/auth/complete', post({ completion: message.completion }));
  assert.equal(again.status, 400);
  assert.equal((await json(again)).error, 'completion_unknown');

  // The other staff member sees the same connection and can use it.
  const leeStatus = await json(await h.api(lee, '/api/status'));
  assert.deepEqual(leeStatus, status);
  assert.ok(!JSON.stringify(leeStatus).includes((await h.stored(dana.firmId))?.tokens.accessToken ?? '??'), 'no token in the status');
  const info = await h.api(lee, companyInfo());
  assert.equal(info.status, 200);
  assert.ok(info.headers.get('intuit_tid'), 'intuit_tid passes through');
  assert.equal(((await info.json()) as { CompanyInfo: { CompanyName: string } }).CompanyInfo.CompanyName, message.companyName);

  // The connect is in the firm's replicated history, with who.
  const history = (await pullAll(lee)).filter((r) => r.collection === 'history');
  assert.equal(history.length, 1);
  const entry = history[0].body as Record<string, unknown>;
  assert.equal(entry.what, 'connected');
  assert.equal(entry.who, dana.name);
  assert.deepEqual(history[0].updatedBy, { id: dana.userId, name: dana.name });
});

test('another firm sees no connection and cannot reach this firm\'s company', async () => {
  const { dana } = newFirm();
  const other = newFirm().dana;
  await h.connect(dana);
  assert.deepEqual(await json(await h.api(other, '/api/status')), { connected: false });
  const relay = await h.api(other, companyInfo());
  assert.equal(relay.status, 401);
  assert.equal((await json(relay)).error, 'not_connected');
  assert.deepEqual(await pullAll(other), []);
  // Disconnecting the other firm leaves this one alone.
  assert.equal((await h.api(other, '/api/disconnect', { method: 'POST' })).status, 200);
  assert.equal((await h.api(dana, companyInfo())).status, 200);
});

test('hijack: a link started by firm X and completed in a victim\'s browser connects nothing', async () => {
  const attacker: TestUser = { firmId: 'firm-x', userId: 'u-mallory', name: 'Mallory' };
  const victim: TestUser = { firmId: 'firm-victim', userId: 'u-vic', name: 'Victor' };
  const exchangesBefore = count('authorization_code');
  // The attacker starts a flow with plain HTTP (curl-like) and sends the link to the victim.
  const { url } = await h.start(attacker);
  const victimBrowser = new BrowserLike();
  const { html } = await h.signIn(url, DEMO_REALMS.us, 'connect', victimBrowser);
  assert.equal(count('authorization_code') - exchangesBefore, 1);
  const message = dialogMessage(html);
  assert.equal(message.status, 'authorized');
  // The completion went to the shell (and the victim's add-in) only; firm X is not connected.
  assert.deepEqual(await json(await h.api(attacker, '/api/status')), { connected: false });
  const relay = await h.api(attacker, companyInfo());
  assert.equal(relay.status, 401);
  assert.equal((await json(relay)).error, 'not_connected');
  // Guessing a completion gets nothing.
  const guessed = await h.api(attacker, '/api/auth/complete', post({ completion: 'A'.repeat(43) }));
  assert.equal(guessed.status, 400);
  assert.equal((await json(guessed)).error, 'completion_unknown');
  // The victim's add-in cannot complete it either (it is not the victim's flow)…
  const victimTry = await h.api(victim, '/api/auth/complete', post({ completion: message.completion }));
  assert.equal(victimTry.status, 403);
  assert.equal((await json(victimTry)).error, 'flow_not_yours');
  assert.deepEqual(await json(await h.api(victim, '/api/status')), { connected: false });
  // … and cancels nothing of anyone else's; the grant is revoked when the completion is swept.
  const cancelTry = await h.api(victim, '/api/auth/cancel', post({ completion: message.completion }));
  assert.equal(cancelTry.status, 403);
  assert.deepEqual(await json(await h.api(attacker, '/api/status')), { connected: false });
});

test('cancel revokes the parked grant; an unredeemed completion is revoked when swept', async () => {
  const { dana } = newFirm();
  const first = await h.start(dana);
  const message = dialogMessage((await h.signIn(first.url)).html);
  const cancelledRefreshToken = h.refreshTokensIssued[h.refreshTokensIssued.length - 1];
  const cancelled = await h.api(dana, '/api/auth/cancel', post({ completion: message.completion }));
  assert.equal(cancelled.status, 200);
  assert.deepEqual(await json(cancelled), { cancelled: true });
  assert.equal((await sandboxRefresh(cancelledRefreshToken)).status, 400, 'the cancelled grant is revoked at Intuit');
  const late = await h.api(dana, '/api/auth/complete', post({ completion: message.completion }));
  assert.equal(late.status, 400);
  assert.deepEqual(await json(await h.api(dana, '/api/status')), { connected: false });

  const second = await h.start(dana);
  const parked = dialogMessage((await h.signIn(second.url)).html);
  const parkedRefreshToken = h.refreshTokensIssued[h.refreshTokensIssued.length - 1];
  h.setSkew(11 * 60_000);
  try {
    const swept = await h.app().sweep();
    assert.ok(swept >= 1, `swept ${swept}`);
  } finally {
    h.setSkew(0);
  }
  const res = await h.api(dana, '/api/auth/complete', post({ completion: parked.completion }));
  assert.equal(res.status, 400);
  assert.equal((await json(res)).error, 'completion_unknown');
  // The grant made for the parked completion no longer works at Intuit.
  const old = await sandboxRefresh(parkedRefreshToken);
  assert.equal(old.status, 400);
  assert.equal(old.body.error, 'invalid_grant');
  assert.ok(h.logLines.some((l) => /swept \d+ unredeemed authorization/.test(l)));
});

test('the relay passes queries, statuses and bodies through unchanged', async () => {
  const { dana } = newFirm();
  await h.connect(dana);
  const tokens = (await h.stored(dana.firmId))?.tokens;
  assert.ok(tokens);
  const direct = (p: string, init: RequestInit = {}) =>
    fetch(`${h.sandbox.url}${p}`, { ...init, headers: { Authorization: `Bearer ${tokens.accessToken}`, Accept: 'application/json', ...(init.headers as Record<string, string> | undefined) } });
  const strip = (text: string) => text.replace(/"time":"[^"]*"/g, '"time":"…"');

  const q = `/v3/company/${DEMO_REALMS.us}/query?query=${encodeURIComponent("select * from Customer where DisplayName LIKE 'B%' maxresults 3")}&minorversion=75`;
  const viaProxy = await h.api(dana, `/api/qbo${q}`, { headers: { Accept: 'application/json' } });
  const viaSandbox = await direct(q);
  assert.equal(viaProxy.status, 200);
  assert.equal(strip(await viaProxy.text()), strip(await viaSandbox.text()));
  assert.equal(viaProxy.headers.get('content-length'), viaSandbox.headers.get('content-length'), 'small answers are sent whole, with their length');

  // A large answer is streamed rather than buffered (relay.ts), and arrives the same: enough
  // customers (created through the relay, 30 to a batch) for a page over 64 KB.
  const stamp = Date.now();
  for (let b = 0; b < 5; b++) {
    const items = Array.from({ length: 30 }, (_, i) => ({ bId: String(i), operation: 'create', Customer: { DisplayName: `Relay Stream ${stamp} ${b}-${i}` } }));
    const batch = await h.api(dana, `/api/qbo/v3/company/${DEMO_REALMS.us}/batch?minorversion=75`, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify({ BatchItemRequest: items }) });
    assert.equal(batch.status, 200, await batch.text());
  }
  const big = `/v3/company/${DEMO_REALMS.us}/query?query=${encodeURIComponent('select * from Customer maxresults 1000')}&minorversion=75`;
  const bigViaProxy = await h.api(dana, `/api/qbo${big}`, { headers: { Accept: 'application/json' } });
  const bigText = await bigViaProxy.text();
  assert.equal(bigViaProxy.status, 200);
  assert.ok(bigText.length > 64 * 1024, `the answer is large enough to be streamed (${bigText.length} bytes)`);
  assert.equal(strip(bigText), strip(await (await direct(big)).text()));

  const badQuery = `/v3/company/${DEMO_REALMS.us}/query?query=${encodeURIComponent('selec nonsense')}`;
  const fault = await h.api(dana, `/api/qbo${badQuery}`, { headers: { Accept: 'application/json' } });
  const faultDirect = await direct(badQuery);
  assert.equal(fault.status, 400);
  assert.equal(fault.status, faultDirect.status);
  assert.equal(strip(await fault.text()), strip(await faultDirect.text()));

  const created = await h.api(dana, `/api/qbo/v3/company/${DEMO_REALMS.us}/customer?minorversion=75`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ DisplayName: `Proxy Relay Test ${Date.now()}` }),
  });
  assert.equal(created.status, 200);
  assert.match(((await created.json()) as { Customer: { Id: string } }).Customer.Id, /^\d+$/);
});

test('another realm is refused, and so is a foreign origin', async () => {
  const { dana } = newFirm();
  await h.connect(dana);
  const other = await h.api(dana, companyInfo(DEMO_REALMS.ca));
  assert.equal(other.status, 403);
  assert.equal((await json(other)).error, 'realm_mismatch');
  const token = await h.issuer.mint(dana);
  const escape = await new Promise<number>((resolve, reject) => {
    const u = new URL(h.proxyUrl);
    const req = request({ host: u.hostname, port: u.port, path: `/api/qbo/v3/company/${DEMO_REALMS.us}/../${DEMO_REALMS.ca}/companyinfo/${DEMO_REALMS.ca}`, headers: { Authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
  assert.equal(escape, 400);
  const foreign = await h.api(dana, companyInfo(), { headers: { Origin: 'http://127.0.0.1:1' } });
  assert.equal(foreign.status, 403);
  assert.equal(foreign.headers.get('access-control-allow-origin'), null);
  const own = await h.api(dana, companyInfo(), { headers: { Origin: h.proxyUrl } });
  assert.equal(own.status, 200);
  assert.equal(own.headers.get('access-control-allow-origin'), h.proxyUrl);
});

test('near expiry the token is refreshed first, and the rotated refresh token is stored', async () => {
  const { dana, lee } = newFirm();
  await h.connect(dana);
  const first = (await h.stored(dana.firmId))?.tokens;
  assert.ok(first);
  const refreshesBefore = count('refresh_token');
  assert.equal((await h.api(dana, companyInfo())).status, 200);
  assert.equal(count('refresh_token'), refreshesBefore, 'a fresh token is not refreshed');
  h.setSkew(56 * 60_000); // the proxy now sees 4 minutes left
  try {
    assert.equal((await h.api(lee, companyInfo())).status, 200);
    assert.equal(count('refresh_token'), refreshesBefore + 1);
    const second = (await h.stored(dana.firmId))?.tokens;
    assert.ok(second);
    assert.notEqual(second.accessToken, first.accessToken);
    assert.notEqual(second.refreshToken, first.refreshToken, 'the newest refresh token is kept');
    assert.equal((await h.api(dana, companyInfo())).status, 200);
    assert.equal(count('refresh_token'), refreshesBefore + 1, 'the new token is fresh again');
    h.setSkew(112 * 60_000);
    assert.equal((await h.api(dana, companyInfo())).status, 200);
    const third = (await h.stored(dana.firmId))?.tokens;
    assert.ok(third);
    assert.notEqual(third.refreshToken, second.refreshToken);
    // The first refresh token was superseded by one that has since been used: Intuit refuses it.
    const old = await sandboxRefresh(first.refreshToken);
    assert.equal(old.status, 400);
    assert.equal(old.body.error, 'invalid_grant');
  } finally {
    h.setSkew(0);
  }
});

test('on 401 exactly one refresh serves five concurrent calls of two staff members', async () => {
  const { dana, lee } = newFirm();
  await h.connect(dana);
  const before = (await h.stored(dana.firmId))?.tokens;
  assert.ok(before);
  await sandboxControl('tokens/expire', { realmId: DEMO_REALMS.us, kind: 'access' });
  const refreshesBefore = count('refresh_token');
  const results = await Promise.all([dana, lee, dana, lee, dana].map((u) => h.api(u, companyInfo())));
  assert.deepEqual(results.map((r) => r.status), [200, 200, 200, 200, 200]);
  assert.equal(count('refresh_token') - refreshesBefore, 1);
  const after = (await h.stored(dana.firmId))?.tokens;
  assert.ok(after);
  assert.notEqual(after.refreshToken, before.refreshToken);
});

test('a refresh token Intuit no longer accepts ends the connection with reconnect_required', async () => {
  const { dana } = newFirm();
  await h.connect(dana);
  await sandboxControl('tokens/expire', { realmId: DEMO_REALMS.us, kind: 'both' });
  const res = await h.api(dana, companyInfo());
  assert.equal(res.status, 401);
  const body = await json(res);
  assert.equal(body.error, 'reconnect_required');
  assert.match(String(body.message), /Connect to QuickBooks Online again/);
  // Forgotten, and remembered as lapsed so that every panel can offer Reconnect (connection-attention.test.ts).
  const after = await json(await h.api(dana, '/api/status'));
  assert.equal(after.connected, false);
  assert.equal((after.attention as Array<{ kind: string; reason: string }>)[0]?.reason, 'revoked');
});

test('disconnect by another staff member revokes at Intuit, forgets the tokens and records who', async () => {
  const { dana, lee } = newFirm();
  await h.connect(dana);
  const tokens = (await h.stored(dana.firmId))?.tokens;
  assert.ok(tokens);
  const res = await h.api(lee, '/api/disconnect', { method: 'POST' });
  assert.equal(res.status, 200);
  assert.deepEqual(await json(res), { connected: false, revoked: true });
  assert.equal(await h.stored(dana.firmId), null);
  assert.deepEqual(await json(await h.api(dana, '/api/status')), { connected: false });
  const old = await sandboxRefresh(tokens.refreshToken);
  assert.equal(old.status, 400, 'the old refresh token no longer works at Intuit');
  const relay = await h.api(dana, companyInfo());
  assert.equal(relay.status, 401);
  assert.equal((await json(relay)).error, 'not_connected');
  const history = (await pullAll(dana)).filter((r) => r.collection === 'history').map((r) => r.body as Record<string, unknown>);
  assert.deepEqual(history.map((e) => [e.what, e.who]), [['connected', dana.name], ['disconnected', lee.name]]);
  // Reconnecting after a disconnect works.
  assert.equal((await h.connect(lee)).connected, true);
});

test('an authorization code is never exchanged twice', async () => {
  const { dana } = newFirm();
  const exchangesBefore = count('authorization_code');
  const { url } = await h.start(dana);
  const { callbackUrl, binding, browser, html } = await h.signIn(url);
  assert.equal(count('authorization_code') - exchangesBefore, 1);
  assert.match(binding, /^[A-Za-z0-9_-]{43}$/);
  for (const b of [browser, new BrowserLike()]) {
    const replay = await b.navigate(callbackUrl);
    assert.equal(replay.res.status, 400);
    assert.equal(dialogMessage(replay.html).status, 'error');
  }
  const withCookie = await fetch(callbackUrl, { headers: { Cookie: `qbo_oauth_binding=${binding}` } });
  assert.equal(withCookie.status, 400);
  assert.equal(withCookie.headers.get('content-security-policy'), "frame-ancestors 'none'");
  assert.equal(withCookie.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(count('authorization_code') - exchangesBefore, 1, 'the replay reached no token endpoint');
  const done = await h.api(dana, '/api/auth/complete', post({ completion: dialogMessage(html).completion }));
  assert.equal(done.status, 200);
  assert.equal((await h.api(dana, companyInfo())).status, 200);
});

test('a callback from another browser than the one that started is refused', async () => {
  const { dana } = newFirm();
  const { url } = await h.start(dana);
  const starter = new BrowserLike();
  const signIn = await starter.navigate(url);
  const consent = await starter.submit(parseForms(signIn.html, signIn.url)[0], { email: DEMO_USER.email, password: DEMO_USER.password }, /^Sign In$/);
  const exchangesBefore = count('authorization_code');
  const stop = await starter.submit(parseForms(consent.html, consent.url)[0], { realmId: DEMO_REALMS.us }, /^Connect$/, (u) => u.startsWith(`${h.proxyUrl}/auth/callback`));
  const page = await new BrowserLike().navigate(stop.url);
  assert.equal(page.res.status, 400);
  assert.match(String(dialogMessage(page.html).message), /not started in this browser/);
  assert.equal(count('authorization_code'), exchangesBefore);
  assert.deepEqual(await json(await h.api(dana, '/api/status')), { connected: false });
});

test('Cancel on the consent page reports denied and connects nothing', async () => {
  const { dana } = newFirm();
  const exchangesBefore = count('authorization_code');
  const { url } = await h.start(dana);
  const { html } = await h.signIn(url, DEMO_REALMS.us, 'cancel');
  assert.deepEqual(dialogMessage(html), { status: 'denied' });
  assert.equal(count('authorization_code'), exchangesBefore);
  assert.deepEqual(await json(await h.api(dana, '/api/status')), { connected: false });
});

test('the Canadian company connects and reports its country', async () => {
  const { dana } = newFirm();
  const status = await h.connect(dana, DEMO_REALMS.ca);
  assert.equal(status.country, 'CA');
  assert.equal(status.realmId, DEMO_REALMS.ca);
});

test('a restart keeps the connection; the database holds no token in clear', async () => {
  const { dana, lee } = newFirm();
  await h.connect(dana);
  const tokens = (await h.stored(dana.firmId))?.tokens;
  assert.ok(tokens);
  await h.restart();
  assert.equal((await json(await h.api(lee, '/api/status'))).connected, true);
  assert.equal((await h.api(lee, companyInfo())).status, 200);
  const dataDir = path.join(h.dir, 'data', 'proxy');
  for (const file of ['firm.db', 'firm.db-wal']) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path.join(dataDir, file));
    } catch {
      continue;
    }
    for (const secret of [tokens.refreshToken, tokens.accessToken]) assert.ok(!bytes.includes(Buffer.from(secret)), `${file} holds a token in clear`);
  }
});

test('no token, code or secret ever reached the log', () => {
  assert.ok(h.secretsSeen.size > 10, 'the tests saw tokens and codes to look for');
  assert.ok(h.logLines.length > 0);
  const all = h.logLines.join('\n');
  for (const s of [...h.secretsSeen, CLIENT_SECRET, Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')]) {
    assert.ok(!all.includes(s), 'a secret value appears in the proxy log');
  }
});
