import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadProxyConfig } from '../../../src/proxy/config';
import { IntuitClient } from '../../../src/proxy/intuit-client';
import { IntuitError } from '../../../src/proxy/intuit-error';

interface Seen {
  method: string;
  url: string;
  authorization: string;
  body: string;
  hardExpiryAsked: boolean;
}

/** A stand-in token endpoint whose answers the test scripts, recording what it was sent. */
async function fakeIntuit(answer: (seen: Seen) => { status: number; body: unknown }) {
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const s = { method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization ?? '', body, hardExpiryAsked: req.headers['x-include-refresh-token-hard-expires-in'] === 'true' };
      seen.push(s);
      const a = answer(s);
      res.writeHead(a.status, { 'Content-Type': 'application/json', intuit_tid: 'tid-1' });
      res.end(JSON.stringify(a.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, seen, close: () => new Promise<void>((r) => server.close(() => r())) };
}

const SECRET = 'S3cr3t-never-shown';

function client(origin: string, now = () => 1_700_000_000_000) {
  const config = loadProxyConfig({
    INTUIT_CLIENT_ID: 'client-1',
    INTUIT_CLIENT_SECRET: SECRET,
    INTUIT_TOKEN_URL: `${origin}/oauth2/v1/tokens/bearer`,
    INTUIT_REVOKE_URL: `${origin}/v2/oauth2/tokens/revoke`,
    INTUIT_USERINFO_URL: `${origin}/v1/openid_connect/userinfo`,
    INTUIT_AUTHORIZE_URL: `${origin}/connect/oauth2`,
    ADDIN_PORT: '4555',
  });
  return new IntuitClient(config, now);
}

async function rejection(p: Promise<unknown>): Promise<IntuitError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof IntuitError, `expected IntuitError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a rejection');
}

test('the code exchange is sent once even when Intuit answers 503', async (t) => {
  const fake = await fakeIntuit(() => ({ status: 503, body: { error: 'temporarily_unavailable' } }));
  t.after(fake.close);
  const err = await rejection(client(fake.origin).exchangeCode('AB11-the-code', '123'));
  assert.equal(fake.seen.length, 1, 'never retried');
  assert.equal(err.status, 503);
  assert.equal(err.operation, 'exchange');
  for (const leak of [SECRET, 'AB11-the-code', Buffer.from(`client-1:${SECRET}`).toString('base64')]) {
    assert.ok(!err.message.includes(leak) && !JSON.stringify(err).includes(leak), 'the error carries no secret');
  }
  const s = fake.seen[0];
  assert.equal(s.authorization, `Basic ${Buffer.from(`client-1:${SECRET}`).toString('base64')}`);
  assert.deepEqual(Object.fromEntries(new URLSearchParams(s.body)), {
    grant_type: 'authorization_code',
    code: 'AB11-the-code',
    redirect_uri: 'http://127.0.0.1:4555/auth/callback',
  });
});

test('a successful exchange gives absolute expiry times', async (t) => {
  const fake = await fakeIntuit(() => ({
    status: 200,
    body: { token_type: 'bearer', access_token: 'at1', refresh_token: 'rt1', expires_in: 3600, x_refresh_token_expires_in: 8726400 },
  }));
  t.after(fake.close);
  const tokens = await client(fake.origin, () => 1_000_000).exchangeCode('code', '123');
  assert.deepEqual(tokens, { accessToken: 'at1', refreshToken: 'rt1', accessTokenExpiresAt: 1_000_000 + 3_600_000, refreshTokenExpiresAt: 1_000_000 + 8_726_400_000 });
});

test('the refresh token ends at its hard cap when that comes before the rolling expiry, which Intuit is asked for', async (t) => {
  const fake = await fakeIntuit(() => ({
    status: 200,
    body: { access_token: 'at1', refresh_token: 'rt1', expires_in: 3600, x_refresh_token_expires_in: 8726400, x_refresh_token_hard_expires_in: 259200 },
  }));
  t.after(fake.close);
  const exchanged = await client(fake.origin, () => 1_000_000).exchangeCode('code', '123');
  assert.equal(exchanged.refreshTokenExpiresAt, 1_000_000 + 259_200_000, 'three days left of the 5-year cap');
  const refreshed = await client(fake.origin, () => 2_000_000).refresh('rt1');
  assert.equal(refreshed.refreshTokenExpiresAt, 2_000_000 + 259_200_000);
  assert.deepEqual(fake.seen.map((s) => s.hardExpiryAsked), [true, true], 'the hard cap is asked for on exchange and refresh');
});

test('refresh keeps the newest refresh token, and invalid_grant is recognisable', async (t) => {
  let rotate = true;
  const fake = await fakeIntuit((s) => {
    const rt = new URLSearchParams(s.body).get('refresh_token');
    if (rt === 'dead') return { status: 400, body: { error: 'invalid_grant', error_description: 'Incorrect or invalid refresh token.' } };
    return { status: 200, body: { access_token: 'at2', expires_in: 3600, x_refresh_token_expires_in: 100, ...(rotate ? { refresh_token: 'rt2' } : {}) } };
  });
  t.after(fake.close);
  const c = client(fake.origin, () => 0);
  assert.equal((await c.refresh('rt1')).refreshToken, 'rt2');
  rotate = false;
  assert.equal((await c.refresh('rt1')).refreshToken, 'rt1', 'no new refresh token: the one used stays current');
  const err = await rejection(c.refresh('dead'));
  assert.equal(err.code, 'invalid_grant');
  assert.equal(err.grantRejected, true);
  assert.equal(err.status, 400);
  assert.match(err.message, /connect to QuickBooks Online again/);
});

test('revoke posts the refresh token as JSON with client authentication', async (t) => {
  const fake = await fakeIntuit(() => ({ status: 200, body: {} }));
  t.after(fake.close);
  await client(fake.origin).revoke('rt-to-revoke');
  assert.equal(fake.seen[0].url, '/v2/oauth2/tokens/revoke');
  assert.deepEqual(JSON.parse(fake.seen[0].body), { token: 'rt-to-revoke' });
  assert.match(fake.seen[0].authorization, /^Basic /);
});

test('userinfo uses the access token; network failures are typed', async (t) => {
  const fake = await fakeIntuit(() => ({ status: 200, body: { email: 'owner@example.com', givenName: 'Ann' } }));
  const c = client(fake.origin);
  assert.deepEqual(await c.userInfo('at-x'), { email: 'owner@example.com', givenName: 'Ann', familyName: undefined });
  assert.equal(fake.seen[0].authorization, 'Bearer at-x');
  await fake.close();
  const err = await rejection(c.refresh('rt'));
  assert.equal(err.code, 'network');
  assert.equal(err.status, undefined);
  t.diagnostic(err.message);
});

test('the authorize URL carries the configured endpoint, redirect, scopes and state', () => {
  const url = new URL(client('http://127.0.0.1:1').authorizeUrl('state-123'));
  assert.equal(url.origin + url.pathname, 'http://127.0.0.1:1/connect/oauth2');
  assert.equal(url.searchParams.get('client_id'), 'client-1');
  assert.equal(url.searchParams.get('redirect_uri'), 'http://127.0.0.1:4555/auth/callback');
  assert.equal(url.searchParams.get('response_type'), 'code');
  assert.equal(url.searchParams.get('state'), 'state-123');
  assert.deepEqual(url.searchParams.get('scope')?.split(' '), ['com.intuit.quickbooks.accounting', 'openid', 'profile', 'email']);
  assert.ok(!url.href.includes(SECRET));
});
