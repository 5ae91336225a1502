/** HTTP side of Intuit's OAuth endpoints: token, revoke, userinfo, JWKS and discovery. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isJsonObject, sendJson } from '../http-io';
import type { OAuthService } from './oauth-service';
import { SCOPES } from './oauth-service';
import { OAuthProtocolError } from './oauth-errors';
import { INTUIT_ISSUER } from './id-token-signer';
import type { DemoUser } from './authorize-flow';

const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

function sendOAuthError(res: ServerResponse, err: OAuthProtocolError, tid: string): void {
  const headers: Record<string, string> = { ...NO_STORE, intuit_tid: tid };
  if (err.httpStatus === 401) headers['WWW-Authenticate'] = 'Basic realm="Intuit"';
  sendJson(res, err.httpStatus, err.toBody(), headers);
}

export function tokenEndpoint(oauth: OAuthService, req: IncomingMessage, res: ServerResponse, body: string, tid: string): string {
  try {
    const app = oauth.authenticateClient(req.headers.authorization);
    if (!/^application\/x-www-form-urlencoded/i.test(req.headers['content-type'] ?? '')) {
      throw new OAuthProtocolError('invalid_request', 'Send the token request as application/x-www-form-urlencoded.');
    }
    const form = new URLSearchParams(body);
    const withHard = String(req.headers['x-include-refresh-token-hard-expires-in'] ?? '').toLowerCase() === 'true';
    const grant = form.get('grant_type');
    let answer;
    if (grant === 'authorization_code') answer = oauth.exchangeCode(app, form.get('code') ?? undefined, form.get('redirect_uri') ?? undefined, withHard);
    else if (grant === 'refresh_token') answer = oauth.refresh(app, form.get('refresh_token') ?? undefined, withHard);
    else throw new OAuthProtocolError('unsupported_grant_type', `grant_type must be authorization_code or refresh_token${grant ? `, not ${grant}` : ''}.`);
    sendJson(res, 200, answer, { ...NO_STORE, intuit_tid: tid });
    return grant === 'refresh_token' ? 'token.refresh' : 'token.exchange';
  } catch (err) {
    if (!(err instanceof OAuthProtocolError)) throw err;
    sendOAuthError(res, err, tid);
    return 'token.error';
  }
}

export function revokeEndpoint(oauth: OAuthService, req: IncomingMessage, res: ServerResponse, body: string, tid: string): void {
  try {
    const app = oauth.authenticateClient(req.headers.authorization);
    let token: unknown;
    if (/json/i.test(req.headers['content-type'] ?? '')) {
      try {
        const parsed: unknown = JSON.parse(body);
        token = isJsonObject(parsed) ? parsed.token : undefined;
      } catch {
        throw new OAuthProtocolError('invalid_request', 'The revoke body is not valid JSON; send {"token": "<refresh or access token>"}.');
      }
    } else {
      token = new URLSearchParams(body).get('token');
    }
    if (typeof token !== 'string' || !token) throw new OAuthProtocolError('invalid_request', 'The token to revoke is missing; send {"token": "<refresh or access token>"}.');
    oauth.revoke(app, token);
    sendJson(res, 200, {}, { ...NO_STORE, intuit_tid: tid });
  } catch (err) {
    if (!(err instanceof OAuthProtocolError)) throw err;
    sendOAuthError(res, err, tid);
  }
}

export function userInfoEndpoint(oauth: OAuthService, user: DemoUser & { phoneNumber: string }, req: IncomingMessage, res: ServerResponse, tid: string): void {
  const check = oauth.checkAccess(req.headers.authorization);
  if (!check.ok) {
    sendJson(res, 401, { error: 'invalid_token', error_description: check.reason }, { 'WWW-Authenticate': 'Bearer error="invalid_token"', intuit_tid: tid });
    return;
  }
  const scopes = check.grant.scopes;
  if (!scopes.includes(SCOPES.openid)) {
    sendJson(res, 403, { error: 'insufficient_scope', error_description: 'UserInfo needs the openid scope.' }, { intuit_tid: tid });
    return;
  }
  const info: Record<string, unknown> = { sub: user.sub };
  if (scopes.includes(SCOPES.email)) Object.assign(info, { email: user.email, emailVerified: true });
  if (scopes.includes(SCOPES.profile)) Object.assign(info, { givenName: user.givenName, familyName: user.familyName });
  if (scopes.includes(SCOPES.phone)) Object.assign(info, { phoneNumber: user.phoneNumber, phoneNumberVerified: false });
  if (scopes.includes(SCOPES.address)) Object.assign(info, { address: { streetAddress: '2500 Garcia Ave', locality: 'Mountain View', region: 'CA', postalCode: '94043', country: 'US' } });
  sendJson(res, 200, info, { intuit_tid: tid });
}

export function jwksEndpoint(oauth: OAuthService, res: ServerResponse): void {
  sendJson(res, 200, { keys: [oauth.signer.jwk] });
}

export function discoveryEndpoint(base: string, res: ServerResponse): void {
  sendJson(res, 200, {
    issuer: INTUIT_ISSUER,
    authorization_endpoint: `${base}/connect/oauth2`,
    token_endpoint: `${base}/oauth2/v1/tokens/bearer`,
    userinfo_endpoint: `${base}/v1/openid_connect/userinfo`,
    revocation_endpoint: `${base}/v2/oauth2/tokens/revoke`,
    jwks_uri: `${base}/op/v1/jwks`,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: Object.values(SCOPES),
    token_endpoint_auth_methods_supported: ['client_secret_basic'],
    claims_supported: ['aud', 'exp', 'iat', 'iss', 'realmid', 'sub'],
  });
}
