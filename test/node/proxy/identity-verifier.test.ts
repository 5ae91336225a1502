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
