import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { manifestOrigin } from '../../../dev/shell/addin-origins';
import { IDENTITY_KEYS_FILE, IdentityKeys } from '../../../dev/shell/identity-keys';
import { startAddinServer, type AddinServer } from './addin-server';
import { startShell, type Harness } from './harness';

type ErrorBody = { error: string; message: string };
type TokenBody = { token: string; expiresAt: string };
type Jwks = { keys: Array<Record<string, string>> };

let h: Harness;
let addin: AddinServer;

beforeEach(async () => {
  addin = await startAddinServer();
  h = await startShell({ catalog: [{ id: 'qbo-sync', manifestUrl: addin.manifestUrl }] });
});
afterEach(async () => {
  await h.dispose();
  await addin.close();
});

const as = (userId: string) => ({ 'X-OfficeTools-User': userId });

async function tokenFor(userId: string, audience = addin.origin): Promise<{ status: number; body: TokenBody & ErrorBody }> {
  return h.call<TokenBody & ErrorBody>('POST', '/api/identity/token', { audience }, as(userId));
}

/** Verifies like the proxy does: the key set fetched over HTTP (a fresh cache each time). */
function verify(token: string, options: { issuer?: string; audience?: string } = {}) {
  const jwks = createRemoteJWKSet(new URL(`${h.shell.url}/.well-known/jwks.json`));
  return jwtVerify(token, jwks, { issuer: options.issuer ?? h.shell.url, audience: options.audience ?? addin.origin, algorithms: ['ES256'] });
}

async function jwks(): Promise<Jwks> {
  return (await fetch(`${h.shell.url}/.well-known/jwks.json`)).json() as Promise<Jwks>;
}

describe('identity keys and JWKS', () => {
  test('the JWKS serves the public key only, cacheable for five minutes, readable from any origin', async () => {
    const res = await fetch(`${h.shell.url}/.well-known/jwks.json`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'max-age=300');
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const body = (await res.json()) as Jwks;
    assert.equal(body.keys.length, 1);
    const [key] = body.keys;
    assert.deepEqual(Object.keys(key).sort(), ['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
    assert.deepEqual([key.kty, key.crv, key.alg, key.use], ['EC', 'P-256', 'ES256', 'sig']);
    assert.equal((await fetch(`${h.shell.url}/.well-known/jwks.json`, { method: 'POST' })).status, 405);
  });

  test('keys survive a restart in a file only the owner can read', async () => {
    await h.call('PUT', '/api/users/u-pat/addins/qbo-sync', undefined, as('u-pat'));
    const before = await jwks();
    const issued = await tokenFor('u-pat');
    assert.equal(issued.status, 200);
    const issuer = h.shell.url;
    await h.restart();
    assert.deepEqual(await jwks(), before);
    assert.equal(statSync(path.join(h.dataDir, IDENTITY_KEYS_FILE)).mode & 0o777, 0o600);
    // The restarted shell listens on another ephemeral port; the token names the first one.
    const { payload } = await verify(issued.body.token, { issuer });
    assert.equal(payload.sub, 'u-pat');
  });

  test('a retired key stays published for its lifetime, then drops out', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'shell-keys-'));
    try {
      let now = new Date('2026-12-02T10:00:00.000Z');
      const keys = await IdentityKeys.open(dir, { retiredKeyLifetimeMs: 20 * 60_000, now: () => now });
      const first = keys.currentKid;
      const second = await keys.rotate();
      assert.notEqual(second, first);
      assert.deepEqual(keys.jwks().keys.map((k) => k.kid), [second, first]);
      now = new Date('2026-12-02T10:19:59.000Z');
      assert.deepEqual(keys.jwks().keys.map((k) => k.kid), [second, first]);
      now = new Date('2026-12-02T10:20:00.000Z');
      assert.deepEqual(keys.jwks().keys.map((k) => k.kid), [second]);
      const third = await keys.rotate();
      const reopened = await IdentityKeys.open(dir, { retiredKeyLifetimeMs: 20 * 60_000, now: () => now });
      assert.deepEqual(reopened.jwks().keys.map((k) => k.kid), [third, second], 'the expired first key is pruned at the next rotation');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('identity tokens', () => {
  test('a token names the signed-in user, role and firm, for the add-in, for ten minutes, verified over HTTP', async () => {
    await h.call('PUT', '/api/users/u-sam/addins/qbo-sync', undefined, as('u-sam'));
    const started = Math.floor(Date.now() / 1000);
    const issued = await tokenFor('u-sam');
    assert.equal(issued.status, 200);
    const { payload, protectedHeader } = await verify(issued.body.token);
    assert.deepEqual(protectedHeader, { alg: 'ES256', kid: (await jwks()).keys[0].kid, typ: 'JWT' });
    assert.equal(payload.iss, h.shell.url);
    assert.equal(payload.aud, addin.origin);
    assert.equal(payload.sub, 'u-sam');
    assert.equal(payload.name, 'Sam Ortiz');
    assert.equal(payload.email, 'sam@firm.test');
    assert.equal(payload.role, 'staff');
    assert.equal(payload.firm_id, 'firm-demo');
    assert.equal(payload.firm_name, 'Hartwell & Lee CPAs');
    const iat = payload.iat as number;
    assert.ok(iat >= started - 1 && iat <= started + 5);
    assert.equal(payload.nbf, iat - 5);
    assert.equal(payload.exp, iat + 600);
    assert.equal(issued.body.expiresAt, new Date((payload.exp as number) * 1000).toISOString());
    assert.match(payload.jti as string, /^[0-9a-f-]{36}$/);
    const again = await tokenFor('u-sam');
    assert.notEqual((await verify(again.body.token)).payload.jti, payload.jti, 'every token has its own jti');
    await assert.rejects(verify(issued.body.token, { audience: 'http://127.0.0.1:1' }), /aud/);
  });

  test('the issuer is the origin the browser used, unless configured', async () => {
    await h.call('PUT', '/api/users/u-pat/addins/qbo-sync', undefined, as('u-pat'));
    const viaLocalhost = await fetch(h.shell.url.replace('127.0.0.1', 'localhost') + '/api/identity/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...as('u-pat') },
      body: JSON.stringify({ audience: addin.origin }),
    });
    const localToken = ((await viaLocalhost.json()) as TokenBody).token;
    await verify(localToken, { issuer: h.shell.url.replace('127.0.0.1', 'localhost') });
    await h.restart({ identityIssuer: 'https://officetools.example' });
    const issued = await tokenFor('u-pat');
    assert.equal((await verify(issued.body.token, { issuer: 'https://officetools.example' })).payload.iss, 'https://officetools.example');
  });

  test('rotation: a token signed before still verifies, new tokens carry the new kid', async () => {
    await h.call('PUT', '/api/users/u-pat/addins/qbo-sync', undefined, as('u-pat'));
    const before = await tokenFor('u-pat');
    const oldKid = decodeProtectedHeader(before.body.token).kid;
    const rotated = await h.call<{ kid: string }>('POST', '/__shell/identity/rotate');
    assert.equal(rotated.status, 200);
    assert.notEqual(rotated.body.kid, oldKid);
    assert.deepEqual((await jwks()).keys.map((k) => k.kid), [rotated.body.kid, oldKid]);
    assert.equal((await verify(before.body.token)).payload.sub, 'u-pat');
    const after = await tokenFor('u-pat');
    assert.equal(decodeProtectedHeader(after.body.token).kid, rotated.body.kid);
    await verify(after.body.token);
    const foreign = await h.call<ErrorBody>('POST', '/__shell/identity/rotate', undefined, { Origin: 'http://evil.example' });
    assert.equal(foreign.status, 403);
  });

  test('the key rotates on its own at the configured interval', async () => {
    const first = (await jwks()).keys[0].kid;
    await h.restart({ identityRotationMs: 100 });
    const until = Date.now() + 3000;
    let kids = (await jwks()).keys.map((k) => k.kid);
    while (kids[0] === first && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
      kids = (await jwks()).keys.map((k) => k.kid);
    }
    assert.notEqual(kids[0], first);
    assert.ok(kids.includes(first), 'the replaced key is still published');
  });

  test('no token for an add-in the user has not installed, a bad audience, an unknown user or a foreign page', async () => {
    const notInstalled = await tokenFor('u-pat');
    assert.equal(notInstalled.status, 403);
    assert.equal(notInstalled.body.error, 'audience_not_installed');
    assert.match(notInstalled.body.message, /Pat Lee has no add-in installed at http:\/\/127\.0\.0\.1:\d+/);
    await h.call('PUT', '/api/users/u-pat/addins/qbo-sync', undefined, as('u-pat'));
    const otherOrigin = await tokenFor('u-pat', 'http://127.0.0.1:1');
    assert.equal(otherOrigin.status, 403);
    assert.equal(otherOrigin.body.error, 'audience_not_installed');
    const samHasNone = await tokenFor('u-sam');
    assert.equal(samHasNone.status, 403, 'installs are per user');
    for (const audience of [`${addin.origin}/`, `${addin.origin}/taskpane.html`, 'ftp://127.0.0.1', 'not a url', '', 42]) {
      const r = await h.call<ErrorBody>('POST', '/api/identity/token', { audience }, as('u-pat'));
      assert.equal(r.status, 400, JSON.stringify(audience));
      assert.equal(r.body.error, 'invalid_input');
    }
    assert.equal((await h.call<ErrorBody>('POST', '/api/identity/token', { audience: addin.origin, extra: 1 }, as('u-pat'))).status, 400);
    const nobody = await tokenFor('u-nobody');
    assert.equal(nobody.status, 401);
    assert.equal(nobody.body.error, 'unknown_user');
    const foreign = await h.call<ErrorBody>('POST', '/api/identity/token', { audience: addin.origin }, { ...as('u-pat'), Origin: addin.origin });
    assert.equal(foreign.status, 403);
    assert.equal(foreign.body.error, 'forbidden_origin');
    assert.equal((await h.call('POST', '/api/identity/token', { audience: addin.origin }, { ...as('u-pat'), Origin: h.shell.url })).status, 200);
  });

  test('an add-in server that is down means no token, with a message saying why', async () => {
    await h.call('PUT', '/api/users/u-pat/addins/qbo-sync', undefined, as('u-pat'));
    await addin.close();
    const r = await tokenFor('u-pat');
    assert.equal(r.status, 502);
    assert.equal(r.body.error, 'manifest_unavailable');
  });
});

test('manifestOrigin reads DefaultSettings/SourceLocation', () => {
  const xml = (v: string) => `<OfficeApp><DefaultSettings><SourceLocation DefaultValue="${v}"/></DefaultSettings></OfficeApp>`;
  assert.equal(manifestOrigin(xml('https://addin.example:8443/taskpane.html?a=1&amp;b=2'), 'x'), 'https://addin.example:8443');
  assert.throws(() => manifestOrigin(xml('javascript:alert(1)'), 'x'), /not an http\(s\) URL/);
  assert.throws(() => manifestOrigin('<OfficeApp/>', 'x'), /no DefaultSettings\/SourceLocation/);
});
