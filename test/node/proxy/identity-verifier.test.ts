/**
 * The identity verifier against a test issuer's real JWKS endpoint: claims become the
 * identity, verified tokens are served from the cache until they expire, and a token whose
 * key the verifier has not seen yet (a rotation) is accepted after one refetch; outages and
 * other algorithms are refused with their codes.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../../src/proxy/api-error';
import { createIdentityVerifier } from '../../../src/proxy/identity/identity-verifier';
import { startTestIssuer, type TestIssuer } from './support/test-issuer';

const AUDIENCE = 'http://addin.test';
let issuer: TestIssuer;

before(async () => {
  issuer = await startTestIssuer(AUDIENCE);
});

after(async () => {
  await issuer.close();
});

const user = { firmId: 'firm-a', firmName: 'Whitfield & Ortega', userId: 'u-1', name: 'Dana Whitfield', role: 'admin' as const };

test('the claims become the identity; the key set is fetched once for many tokens', async () => {
  const verifier = createIdentityVerifier({ issuer: issuer.url, audience: AUDIENCE, jwksUrl: issuer.jwksUrl });
  const before = issuer.fetches();
  const token = await issuer.mint(user);
  const identity = await verifier.verify(`Bearer ${token}`);
  const { expiresAt, ...rest } = identity;
  assert.deepEqual(rest, { firmId: 'firm-a', firmName: 'Whitfield & Ortega', userId: 'u-1', name: 'Dana Whitfield', role: 'admin' });
  assert.ok(Math.abs(expiresAt - (Date.now() + 600_000)) < 5_000);
  for (let i = 0; i < 5; i++) await verifier.verify(`Bearer ${await issuer.mint({ ...user, userId: `u-${i + 2}` })}`);
  assert.equal(issuer.fetches() - before, 1);
});

test('a cached token still expires', async () => {
  let now = Date.now();
  const verifier = createIdentityVerifier({ issuer: issuer.url, audience: AUDIENCE, jwksUrl: issuer.jwksUrl, now: () => now });
  const token = await issuer.mint(user, { expiresIn: 60 });
  await verifier.verify(`Bearer ${token}`);
  now += 61_000;
  await assert.rejects(verifier.verify(`Bearer ${token}`), (e: unknown) => e instanceof ApiError && e.code === 'identity_expired' && e.status === 401);
});

test('within the clock tolerance a just-expired token passes; beyond it, it does not', async () => {
  const verifier = createIdentityVerifier({ issuer: issuer.url, audience: AUDIENCE, jwksUrl: issuer.jwksUrl });
  await verifier.verify(`Bearer ${await issuer.mint(user, { expiresIn: -2 })}`);
  await assert.rejects(verifier.verify(`Bearer ${await issuer.mint(user, { expiresIn: -30 })}`), (e: unknown) => e instanceof ApiError && e.code === 'identity_expired');
});

test('an unreachable key set is identity_unavailable, then works once the host is back', async () => {
  const verifier = createIdentityVerifier({ issuer: issuer.url, audience: AUDIENCE, jwksUrl: issuer.jwksUrl });
  issuer.setDown(true);
  try {
    await assert.rejects(verifier.verify(`Bearer ${await issuer.mint(user)}`), (e: unknown) => e instanceof ApiError && e.code === 'identity_unavailable' && e.status === 503);
  } finally {
    issuer.setDown(false);
  }
  assert.equal((await verifier.verify(`Bearer ${await issuer.mint(user)}`)).firmId, 'firm-a');
  const nowhere = createIdentityVerifier({ issuer: issuer.url, audience: AUDIENCE, jwksUrl: 'http://127.0.0.1:1/.well-known/jwks.json' });
  await assert.rejects(nowhere.verify(`Bearer ${await issuer.mint(user)}`), (e: unknown) => e instanceof ApiError && e.code === 'identity_unavailable');
});

test('only ES256 is accepted', async () => {
  const verifier = createIdentityVerifier({ issuer: issuer.url, audience: AUDIENCE, jwksUrl: issuer.jwksUrl });
  const [, payload] = (await issuer.mint(user)).split('.');
  const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
  await assert.rejects(verifier.verify(`Bearer ${none}`), (e: unknown) => e instanceof ApiError && e.code === 'identity_invalid');
  const hs = `${Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'test-key-1' })).toString('base64url')}.${payload}.c2lnbmF0dXJl`;
  await assert.rejects(verifier.verify(`Bearer ${hs}`), (e: unknown) => e instanceof ApiError && e.code === 'identity_invalid');
});

test('after the host rotates its key, tokens of both keys verify (one refetch after the cooldown)', async () => {
  const verifier = createIdentityVerifier({ issuer: issuer.url, audience: AUDIENCE, jwksUrl: issuer.jwksUrl, cooldownMs: 200 });
  const old = await issuer.mint(user);
  await verifier.verify(`Bearer ${old}`);
  const fetched = issuer.fetches();
  await issuer.rotate();
  await new Promise((r) => setTimeout(r, 250));
  const fresh = await issuer.mint({ ...user, userId: 'u-after-rotation' });
  assert.equal((await verifier.verify(`Bearer ${fresh}`)).userId, 'u-after-rotation');
  assert.equal(issuer.fetches() - fetched, 1, 'one refetch for the new kid');
  assert.equal((await verifier.verify(`Bearer ${await issuer.mint(user)}`)).userId, 'u-1');
  // A token signed with the previous key, still in flight, verifies too.
  const other = createIdentityVerifier({ issuer: issuer.url, audience: AUDIENCE, jwksUrl: issuer.jwksUrl });
  assert.equal((await other.verify(`Bearer ${old}`)).userId, 'u-1');
});

const rejectsWith = (code: string) => (e: unknown) => e instanceof ApiError && e.code === code && e.status === 401;

test('the cache never answers for a token that did not verify: another audience or issuer, a changed signature', async () => {
  const verifier = createIdentityVerifier({ issuer: issuer.url, audience: AUDIENCE, jwksUrl: issuer.jwksUrl });
  const good = await issuer.mint(user);
  assert.equal((await verifier.verify(`Bearer ${good}`)).firmId, 'firm-a');
  assert.equal((await verifier.verify(`Bearer ${good}`)).firmId, 'firm-a', 'now from the cache');
  // Same firm and user, only the claim at fault differs: each is checked, never matched to the cached one.
  await assert.rejects(verifier.verify(`Bearer ${await issuer.mint(user, { audience: 'http://other-addin.test' })}`), rejectsWith('identity_wrong_audience'));
  await assert.rejects(verifier.verify(`Bearer ${await issuer.mint(user, { issuer: 'http://other-host.test' })}`), rejectsWith('identity_wrong_issuer'));
  // The cached token's own text with another signature.
  const [header, payload, signature] = good.split('.');
  const forged = `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
  await assert.rejects(verifier.verify(`Bearer ${forged}`), rejectsWith('identity_invalid'));
  // A verifier for another add-in never sees this one's verifications: its cache is its own.
  const otherAddin = createIdentityVerifier({ issuer: issuer.url, audience: 'http://other-addin.test', jwksUrl: issuer.jwksUrl });
  await assert.rejects(otherAddin.verify(`Bearer ${good}`), rejectsWith('identity_wrong_audience'));
  await assert.rejects(otherAddin.verify(`Bearer ${good}`), rejectsWith('identity_wrong_audience'));
});

test('cached tokens of many firms each answer with their own firm', async () => {
  const verifier = createIdentityVerifier({ issuer: issuer.url, audience: AUDIENCE, jwksUrl: issuer.jwksUrl, maxCachedTokens: 4 });
  const firms = Array.from({ length: 6 }, (_, i) => ({ ...user, firmId: `firm-${i}`, userId: `u-${i % 2}` }));
  const tokens = await Promise.all(firms.map((f) => issuer.mint(f)));
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < tokens.length; i++) {
      const identity = await verifier.verify(`Bearer ${tokens[i]}`);
      assert.equal(identity.firmId, `firm-${i}`);
      assert.equal(identity.userId, `u-${i % 2}`);
    }
  }
});

test('a cached verification ends at the token\'s exp, and the least recently used token is forgotten first', async () => {
  let now = Date.now();
  const verifier = createIdentityVerifier({ issuer: issuer.url, audience: AUDIENCE, jwksUrl: issuer.jwksUrl, now: () => now, maxCachedTokens: 2 });
  const [t1, t2, t3] = await Promise.all([1, 2, 3].map((i) => issuer.mint({ ...user, userId: `u-${i}` }, { expiresIn: 60 })));
  const exp = (await verifier.verify(`Bearer ${t1}`)).expiresAt;
  await verifier.verify(`Bearer ${t2}`);
  await verifier.verify(`Bearer ${t1}`); // t1 used again: t2 is now the least recently used
  await verifier.verify(`Bearer ${t3}`); // the cache holds two: t2 goes
  // Just past exp, inside jose's clock tolerance: a token verified again passes, a cached one
  // is refused (a cached verification never outlives exp). So this tells which one was kept.
  now = exp + 2_000;
  await assert.rejects(verifier.verify(`Bearer ${t1}`), rejectsWith('identity_expired'));
  assert.equal((await verifier.verify(`Bearer ${t2}`)).userId, 'u-2', 'forgotten, so verified afresh');
  await assert.rejects(verifier.verify(`Bearer ${t3}`), rejectsWith('identity_expired'));
  now = exp + 30_000;
  await assert.rejects(verifier.verify(`Bearer ${t2}`), rejectsWith('identity_expired'));
});
