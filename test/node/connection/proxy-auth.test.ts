/**
 * createAuthFetch against a real HTTP server on 127.0.0.1 that accepts only the tokens the test
 * names: the token cache, the bearer header, the one forced refresh after an `identity_*` 401.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createAuthFetch, tokenExpiryMs, TOKEN_REUSE_MARGIN_MS } from '../../../src/sync/connection/proxy-auth';
import { ProxyError } from '../../../src/sync/connection/proxy-error';
import { fakeToken, startFakeIdentityProxy, type FakeIdentityProxy } from './fake-identity-proxy';

let proxy: FakeIdentityProxy;

before(async () => {
  proxy = await startFakeIdentityProxy();
});
after(() => proxy.close());
beforeEach(() => {
  proxy.calls = [];
  proxy.valid.clear();
  proxy.refusal = { code: 'identity_expired', message: 'The identity token has expired.' };
});

/** A host that signs a new token per request, recording whether it was forced. */
function scriptedHost(nowSeconds: () => number, lifetime = 600) {
  const asked: boolean[] = [];
  return {
    asked,
    getIdentityToken: async (force: boolean) => {
      asked.push(force);
      const token = fakeToken(`t${asked.length}`, nowSeconds() + lifetime);
      return token;
    },
  };
}

describe('createAuthFetch', () => {
  it('sends the token as a bearer and reuses it until a minute before exp', async () => {
    let now = 1_800_000_000_000;
    const host = scriptedHost(() => Math.floor(now / 1000));
    const authFetch = createAuthFetch({ baseUrl: `${proxy.base}/`, getIdentityToken: host.getIdentityToken, now: () => now });
    proxy.valid.add(fakeToken('t1', Math.floor(now / 1000) + 600));
    const [a, b] = await Promise.all([authFetch('/api/status'), authFetch('/api/status')]);
    assert.equal(a.status, 200);
    assert.equal(b.status, 200);
    assert.deepEqual(host.asked, [false], 'two calls at once ask the host once');
    assert.equal(proxy.calls[0]?.authorization, `Bearer ${fakeToken('t1', Math.floor(now / 1000) + 600)}`);

    now += 600_000 - TOKEN_REUSE_MARGIN_MS - 1_000;
    await authFetch('/api/status');
    assert.deepEqual(host.asked, [false], 'still reused 61 s before exp');
    now += 2_000;
    proxy.valid.add(fakeToken('t2', Math.floor(now / 1000) + 600));
    const late = await authFetch('/api/status');
    assert.equal(late.status, 200);
    assert.deepEqual(host.asked, [false, false], 'a token within a minute of exp is replaced, without forcing');
  });

  it('on an identity_* 401 asks once for a forced fresh token and retries once', async () => {
    const now = 1_800_000_000_000;
    const host = scriptedHost(() => Math.floor(now / 1000));
    const authFetch = createAuthFetch({ baseUrl: proxy.base, getIdentityToken: host.getIdentityToken, now: () => now });
    // The first token is refused (say the host rotated its key); the forced one is accepted.
    proxy.valid.add(fakeToken('t2', Math.floor(now / 1000) + 600));
    const res = await authFetch('/api/echo', { method: 'POST', body: '{"x":1}', headers: { 'Content-Type': 'application/json' } });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { ok: true, body: '{"x":1}' }, 'the body is sent again on the retry');
    assert.deepEqual(host.asked, [false, true]);
    assert.equal(proxy.calls.length, 2);
    // The fresh token is now the cached one.
    await authFetch('/api/status');
    assert.deepEqual(host.asked, [false, true]);
  });

  it('answers the second identity refusal to the caller, after exactly one retry', async () => {
    const now = 1_800_000_000_000;
    const host = scriptedHost(() => Math.floor(now / 1000));
    proxy.refusal = { code: 'identity_wrong_audience', message: 'The token is for another add-in.' };
    const authFetch = createAuthFetch({ baseUrl: proxy.base, getIdentityToken: host.getIdentityToken, now: () => now });
    const res = await authFetch('/api/status');
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { error: 'identity_wrong_audience', message: 'The token is for another add-in.' });
    assert.deepEqual(host.asked, [false, true]);
    assert.equal(proxy.calls.length, 2);
  });

  it('does not refresh on a 401 that is not about identity', async () => {
    const now = 1_800_000_000_000;
    const host = scriptedHost(() => Math.floor(now / 1000));
    proxy.refusal = { code: 'not_connected', message: 'Connect first.' };
    const authFetch = createAuthFetch({ baseUrl: proxy.base, getIdentityToken: host.getIdentityToken, now: () => now });
    const res = await authFetch('/api/status');
    assert.equal(res.status, 401);
    assert.deepEqual(host.asked, [false]);
    assert.equal(proxy.calls.length, 1);
  });

  it('turns a host that cannot give a token into identity_unavailable, without calling the proxy', async () => {
    const authFetch = createAuthFetch({
      baseUrl: proxy.base,
      getIdentityToken: () => Promise.reject(new Error('Nobody is signed in.')),
    });
    await assert.rejects(
      authFetch('/api/status'),
      (e: unknown) => e instanceof ProxyError && e.code === 'identity_unavailable' && /could not confirm who you are: Nobody is signed in\./.test(e.message),
    );
    assert.equal(proxy.calls.length, 0);
  });

  it('names the address when the proxy cannot be reached', async () => {
    const authFetch = createAuthFetch({ baseUrl: 'http://127.0.0.1:9', getIdentityToken: async () => fakeToken('x', 2_000_000_000) });
    await assert.rejects(authFetch('/api/status'), (e: unknown) => e instanceof ProxyError && e.code === 'network' && e.message.includes('http://127.0.0.1:9'));
  });
});

describe('tokenExpiryMs', () => {
  it('reads exp from the payload, and nothing from a malformed token', () => {
    assert.equal(tokenExpiryMs(fakeToken('a', 1_900_000_000)), 1_900_000_000_000);
    assert.equal(tokenExpiryMs('not-a-jwt'), undefined);
    assert.equal(tokenExpiryMs('a.%%%.c'), undefined);
  });
});
