/**
 * The whole OAuth flow through intuit-oauth, unmodified: authorize page (sign in, company,
 * consent), code exchange, refresh rotation, userinfo, id_token validation, revoke, and
 * makeApiCall against CompanyInfo.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OAuthClient from 'intuit-oauth';
import { startHarness, TEST_APP, US, CA, type Harness } from './sandbox-harness';
import { DEMO_USER } from '../../../dev/qbo-sandbox/demo-companies';

let h: Harness;

function pointClientAt(base: string): void {
  const statics = OAuthClient as unknown as Record<string, unknown>;
  statics.authorizeEndpoint = `${base}/connect/oauth2`;
  statics.tokenEndpoint = `${base}/oauth2/v1/tokens/bearer`;
  statics.revokeEndpoint = `${base}/v2/oauth2/tokens/revoke`;
  statics.userinfo_endpoint_sandbox = `${base}/v1/openid_connect/userinfo`;
  statics.jwks_uri = `${base}/op/v1/jwks`;
  statics.environment = { sandbox: `${base}/`, production: `${base}/` };
  (statics.retryConfig as { maxRetries: number }).maxRetries = 0;
}

function newClient(): OAuthClient {
  return new OAuthClient({ clientId: TEST_APP.clientId, clientSecret: TEST_APP.clientSecret, environment: 'sandbox', redirectUri: TEST_APP.redirectUris[0] });
}

/** Walks the authorize pages like a browser and returns the final redirect URL. */
async function signInAndConsent(authorizeUrl: string, realmId: string, action: 'connect' | 'cancel' = 'connect'): Promise<URL> {
  const first = await fetch(authorizeUrl, { redirect: 'manual' });
  assert.equal(first.status, 200);
  const page = await first.text();
  assert.match(page, /<label for="email">Email<\/label>/);
  assert.match(page, /<label for="password">Password<\/label>/);
  assert.match(page, />Sign In<\/button>/);
  assert.match(page, new RegExp(DEMO_USER.email.replace('.', '\\.')), 'the sign-in page shows the sandbox hint');
  const session = /name="session" value="([^"]+)"/.exec(page)![1];
  const bad = await fetch(`${h.sandbox.url}/connect/oauth2/signin`, { method: 'POST', body: new URLSearchParams({ session, email: DEMO_USER.email, password: 'wrong' }), redirect: 'manual' });
  assert.equal(bad.status, 401);
  assert.match(await bad.text(), /not right/);
  const signedIn = await fetch(`${h.sandbox.url}/connect/oauth2/signin`, { method: 'POST', body: new URLSearchParams({ session, email: DEMO_USER.email, password: DEMO_USER.password }), redirect: 'manual' });
  const consent = await signedIn.text();
  assert.match(consent, /<legend id="company-label">Company<\/legend>/);
  assert.match(consent, /OfficeTools Workspace/);
  assert.match(consent, /Maple Leaf Bookkeeping Ltd\./);
  assert.match(consent, />Connect<\/button>/);
  assert.match(consent, />Cancel<\/button>/);
  const decided = await fetch(`${h.sandbox.url}/connect/oauth2/consent`, { method: 'POST', body: new URLSearchParams({ session, realmId, action }), redirect: 'manual' });
  assert.equal(decided.status, 302);
  return new URL(decided.headers.get('location')!);
}

before(async () => {
  h = await startHarness();
  pointClientAt(h.sandbox.url);
});
after(async () => {
  await h.stop();
});

describe('OAuth through intuit-oauth 4.2.5', () => {
  it('connects, calls the API, refreshes with rotation, reads userinfo, validates the id_token and revokes', async () => {
    const client = newClient();
    const authorizeUrl = client.authorizeUri({ scope: [OAuthClient.scopes.Accounting, OAuthClient.scopes.OpenId, OAuthClient.scopes.Email, OAuthClient.scopes.Profile], state: 'csrf-123' });
    const back = await signInAndConsent(authorizeUrl, US);
    assert.equal(back.origin + back.pathname, TEST_APP.redirectUris[0]);
    assert.equal(back.searchParams.get('state'), 'csrf-123');
    assert.equal(back.searchParams.get('realmId'), US);
    const code = back.searchParams.get('code')!;
    assert.ok(code.length > 20 && code.length <= 512);

    const created = await client.createToken(back.toString());
    const token = created.getJson();
    assert.equal(token.token_type, 'bearer');
    assert.equal(token.expires_in, 3600);
    assert.ok(token.x_refresh_token_expires_in > 8_000_000);
    assert.equal(client.getToken().realmId, US);
    assert.ok(client.isAccessTokenValid());

    const info = await client.makeApiCall({ url: `v3/company/${US}/companyinfo/${US}?minorversion=75` });
    const company = (info.json as { CompanyInfo: { CompanyName: string; Country: string } }).CompanyInfo;
    assert.equal(company.CompanyName, 'OfficeTools Workspace');
    assert.equal(company.Country, 'US');
    assert.ok(info.headers.intuit_tid);

    assert.equal(await client.validateIdToken(), true);
    const user = await client.getUserInfo();
    assert.equal(user.getJson().email, DEMO_USER.email);

    const firstRefresh = token.refresh_token;
    await client.refresh();
    const second = client.getToken().refresh_token;
    assert.notEqual(second, firstRefresh, 'refresh tokens rotate');
    // Until the new refresh token is used, the old one still works (lost-answer retry)…
    const retry = newClient();
    await retry.refreshUsingToken(firstRefresh);
    const third = retry.getToken().refresh_token;
    // …and once the newest is used, every older one is dead.
    await retry.refreshUsingToken(third);
    await assert.rejects(newClient().refreshUsingToken(firstRefresh), (e: Error & { error?: string }) => e.error === 'invalid_grant');
    await assert.rejects(newClient().refreshUsingToken(second), (e: Error & { error?: string }) => e.error === 'invalid_grant', 'the sibling issued for the superseded token was replaced');

    await retry.revoke({ refresh_token: retry.getToken().refresh_token });
    const afterRevoke = await fetch(`${h.sandbox.url}/v3/company/${US}/companyinfo/${US}`, { headers: { Authorization: `Bearer ${client.getToken().access_token}`, Accept: 'application/json' } });
    assert.equal(afterRevoke.status, 401, 'revoking the grant ends its access tokens too');
    const body = (await afterRevoke.json()) as { fault: { error: Array<{ code: string }>; type: string } };
    assert.equal(body.fault.error[0].code, '3200');
    assert.equal(body.fault.type, 'AUTHENTICATION');
  });

  it('codes are single-use: a second exchange fails with invalid_grant and revokes the first tokens', async () => {
    const client = newClient();
    const back = await signInAndConsent(client.authorizeUri({ scope: [OAuthClient.scopes.Accounting], state: 's2' }), CA);
    assert.equal(back.searchParams.get('realmId'), CA);
    await client.createToken(back.toString());
    const access = client.getToken().access_token;
    const info = await client.makeApiCall({ url: `v3/company/${CA}/companyinfo/${CA}` });
    assert.equal((info.json as { CompanyInfo: { Country: string; CompanyName: string } }).CompanyInfo.Country, 'CA');
    await assert.rejects(newClient().createToken(back.toString()), (e: Error & { error?: string }) => e.error === 'invalid_grant');
    const res = await fetch(`${h.sandbox.url}/v3/company/${CA}/preferences`, { headers: { Authorization: `Bearer ${access}` } });
    assert.equal(res.status, 401);
  });

  it('Cancel redirects with error=access_denied and the state', async () => {
    const back = await signInAndConsent(newClient().authorizeUri({ scope: [OAuthClient.scopes.Accounting], state: 'deny-me' }), US, 'cancel');
    assert.equal(back.searchParams.get('error'), 'access_denied');
    assert.equal(back.searchParams.get('state'), 'deny-me');
    assert.equal(back.searchParams.get('code'), null);
  });

  it('unknown client_id or unregistered redirect_uri shows an error page and does not redirect', async () => {
    const unknown = await fetch(`${h.sandbox.url}/connect/oauth2?client_id=nope&response_type=code&scope=com.intuit.quickbooks.accounting&redirect_uri=${encodeURIComponent(TEST_APP.redirectUris[0])}&state=x`, { redirect: 'manual' });
    assert.equal(unknown.status, 400);
    assert.match(await unknown.text(), /not registered/);
    const badRedirect = await fetch(`${h.sandbox.url}/connect/oauth2?client_id=${TEST_APP.clientId}&response_type=code&scope=com.intuit.quickbooks.accounting&redirect_uri=${encodeURIComponent('http://evil.example/cb')}&state=x`, { redirect: 'manual' });
    assert.equal(badRedirect.status, 400);
    assert.equal(badRedirect.headers.get('location'), null);
  });

  it('token endpoint: wrong secret is invalid_client (401), unknown grant type is unsupported_grant_type', async () => {
    const wrong = await fetch(`${h.sandbox.url}/oauth2/v1/tokens/bearer`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${TEST_APP.clientId}:nope`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: 'grant_type=refresh_token&refresh_token=x',
    });
    assert.equal(wrong.status, 401);
    assert.equal(((await wrong.json()) as { error: string }).error, 'invalid_client');
    const grant = await fetch(`${h.sandbox.url}/oauth2/v1/tokens/bearer`, {
      method: 'POST',
      headers: { Authorization: `Basic ${Buffer.from(`${TEST_APP.clientId}:${TEST_APP.clientSecret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=password&username=a',
    });
    assert.equal(grant.status, 400);
    assert.equal(((await grant.json()) as { error: string }).error, 'unsupported_grant_type');
  });

  it('an expired access token gets the gateway 401; a token for another company gets 403', async () => {
    const t = await h.mint(US);
    await h.admin('POST', 'tokens/expire', { realmId: US, kind: 'access' });
    const expired = await h.api('GET', 'preferences', undefined, { token: t.access_token });
    assert.equal(expired.status, 401);
    assert.match(JSON.stringify(expired.json), /AuthenticationFailed; errorCode=003200; statusCode=401/);
    const ca = await h.mint(CA);
    const cross = await h.api('GET', 'preferences', undefined, { token: ca.access_token, realm: US });
    assert.equal(cross.status, 403);
    assert.equal((cross.json.fault as { error: Array<{ code: string }> }).error[0].code, '3100');
  });
});
