/**
 * Intuit's OAuth 2.0 server, as the product meets it: single-use authorization codes,
 * bearer tokens (1 h), rotating refresh tokens (rolling 101 days, 5-year hard cap),
 * revocation per grant, and access-token checks for the API gateway.
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import type { SandboxApp } from '../sandbox-types';
import type { SandboxClock } from '../clock';
import { DurableLog } from '../store/durable-log';
import { hashToken, tokenCodec, type Grant, type TokenEntry, type TokenState } from './token-state';
import { OAuthProtocolError } from './oauth-errors';
import { IdTokenSigner, INTUIT_ISSUER } from './id-token-signer';

export const ACCESS_TOKEN_SECONDS = 3600;
export const REFRESH_TOKEN_SECONDS = 8726400;
export const REFRESH_HARD_SECONDS = 5 * 365 * 24 * 3600;
/** Intuit's codes are short-lived; 5 minutes is the sandbox's (UNCONFIRMED) choice. */
export const AUTH_CODE_SECONDS = 300;

export const SCOPES = {
  accounting: 'com.intuit.quickbooks.accounting',
  payment: 'com.intuit.quickbooks.payment',
  openid: 'openid',
  profile: 'profile',
  email: 'email',
  phone: 'phone',
  address: 'address',
} as const;
const KNOWN_SCOPES: ReadonlySet<string> = new Set(Object.values(SCOPES));

export interface TokenResponse {
  token_type: 'bearer';
  access_token: string;
  refresh_token: string;
  expires_in: number;
  x_refresh_token_expires_in: number;
  x_refresh_token_hard_expires_in?: number;
  id_token?: string;
}

interface AuthCode {
  clientId: string;
  redirectUri: string;
  realmId: string;
  scopes: string[];
  userSub: string;
  expiresAt: number;
  /** Set once exchanged: a replay revokes what the first exchange issued (RFC 6749 §4.1.2). */
  grantId?: string;
}

export type AccessCheck = { ok: true; grant: Grant } | { ok: false; reason: string };

export class OAuthService {
  private readonly apps = new Map<string, SandboxApp>();
  private readonly codes = new Map<string, AuthCode>();
  private readonly log: DurableLog<TokenState, TokenEntry>;
  readonly signer: IdTokenSigner;

  constructor(
    dataDir: string,
    apps: SandboxApp[],
    private readonly clock: SandboxClock,
  ) {
    for (const app of apps) this.apps.set(app.clientId, app);
    this.log = new DurableLog(path.join(dataDir, 'oauth'), tokenCodec(() => clock.now()));
    this.signer = new IdTokenSigner(path.join(dataDir, 'oauth'));
  }

  open(): void {
    this.log.open();
  }

  close(): void {
    this.log.close();
  }

  /** Forget every grant and code (sandbox reset). */
  wipe(): void {
    this.codes.clear();
    this.log.replace({ grants: new Map(), access: new Map(), refresh: new Map() });
  }

  app(clientId: string): SandboxApp | undefined {
    return this.apps.get(clientId);
  }

  firstApp(): SandboxApp | undefined {
    return this.apps.values().next().value;
  }

  /** HTTP Basic client authentication, the only method Intuit's token endpoint offers. */
  authenticateClient(authorization: string | undefined): SandboxApp {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
    if (!match) throw new OAuthProtocolError('invalid_client', 'Client authentication failed: send Authorization: Basic base64(client_id:client_secret).');
    const decoded = Buffer.from(match[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const clientId = colon >= 0 ? decoded.slice(0, colon) : decoded;
    const secret = colon >= 0 ? decoded.slice(colon + 1) : '';
    const app = this.apps.get(clientId);
    if (!app || !sameSecret(app.clientSecret, secret)) throw new OAuthProtocolError('invalid_client', 'Client authentication failed: unknown client_id or wrong client_secret.');
    return app;
  }

  parseScopes(scope: string | undefined): string[] | undefined {
    const scopes = (scope ?? '').split(/[\s+]+/).filter(Boolean);
    if (scopes.length === 0 || scopes.some((s) => !KNOWN_SCOPES.has(s))) return undefined;
    return [...new Set(scopes)];
  }

  issueCode(input: Omit<AuthCode, 'expiresAt' | 'grantId'>): string {
    const code = `AB11${this.clock.now()}${randomBytes(24).toString('base64url')}`;
    this.codes.set(code, { ...input, expiresAt: this.clock.now() + AUTH_CODE_SECONDS * 1000 });
    return code;
  }

  exchangeCode(app: SandboxApp, code: string | undefined, redirectUri: string | undefined, withHardExpiry: boolean): TokenResponse {
    if (!code) throw new OAuthProtocolError('invalid_request', 'The code parameter is missing.');
    if (!redirectUri) throw new OAuthProtocolError('invalid_request', 'The redirect_uri parameter is missing.');
    const record = this.codes.get(code);
    if (!record) throw new OAuthProtocolError('invalid_grant', 'The authorization code is invalid or was not issued to this client.');
    if (record.grantId) {
      // A code used twice means it leaked or a client retried: end everything it issued.
      this.revokeGrant(record.grantId);
      throw new OAuthProtocolError('invalid_grant', 'The authorization code has already been used; the tokens it produced are revoked. Start the sign-in again.');
    }
    if (record.clientId !== app.clientId) throw new OAuthProtocolError('invalid_grant', 'The authorization code was issued to another client.');
    if (record.redirectUri !== redirectUri) throw new OAuthProtocolError('invalid_grant', 'redirect_uri does not match the one used on the authorize request.');
    if (record.expiresAt <= this.clock.now()) throw new OAuthProtocolError('invalid_grant', 'The authorization code has expired; start the sign-in again.');
    const grant: Grant = {
      grantId: randomUUID(),
      clientId: app.clientId,
      realmId: record.realmId,
      scopes: record.scopes,
      userSub: record.userSub,
      createdAt: this.clock.now(),
      hardExpiresAt: this.clock.now() + REFRESH_HARD_SECONDS * 1000,
      revoked: false,
    };
    record.grantId = grant.grantId;
    return this.startGrant(grant, withHardExpiry);
  }

  /** Tokens without the browser dance, for tests (/__sandbox/tokens). */
  mint(app: SandboxApp, realmId: string, scopes: string[], userSub: string): TokenResponse {
    const now = this.clock.now();
    return this.startGrant(
      { grantId: randomUUID(), clientId: app.clientId, realmId, scopes, userSub, createdAt: now, hardExpiresAt: now + REFRESH_HARD_SECONDS * 1000, revoked: false },
      true,
    );
  }

  refresh(app: SandboxApp, refreshToken: string | undefined, withHardExpiry: boolean): TokenResponse {
    if (!refreshToken) throw new OAuthProtocolError('invalid_request', 'The refresh_token parameter is missing.');
    const hash = hashToken(refreshToken);
    const state = this.log.state;
    const record = state.refresh.get(hash);
    const grant = record && state.grants.get(record.grantId);
    const now = this.clock.now();
    if (!record || !grant || grant.clientId !== app.clientId) throw new OAuthProtocolError('invalid_grant', 'Incorrect or invalid refresh token.');
    if (grant.revoked) throw new OAuthProtocolError('invalid_grant', 'The refresh token was revoked; the user must connect again.');
    if (record.dead) throw new OAuthProtocolError('invalid_grant', 'This refresh token was replaced by a newer one that has been used; always keep the latest refresh_token.');
    if (record.expiresAt <= now || grant.hardExpiresAt <= now) throw new OAuthProtocolError('invalid_grant', 'The refresh token has expired; the user must connect again.');
    const access = newAccessToken();
    const next = newRefreshToken(now);
    const refreshExpires = Math.min(now + REFRESH_TOKEN_SECONDS * 1000, grant.hardExpiresAt);
    this.log.commit({
      t: 'rotate',
      used: hash,
      access: [hashToken(access), { grantId: grant.grantId, expiresAt: now + ACCESS_TOKEN_SECONDS * 1000 }],
      refresh: [hashToken(next), { grantId: grant.grantId, expiresAt: refreshExpires, parent: hash, dead: false }],
    });
    return this.answer(grant, access, next, refreshExpires, withHardExpiry);
  }

  /** Revokes the grant behind an access or refresh token. Unknown tokens are ignored (RFC 7009). */
  revoke(app: SandboxApp, token: string): void {
    const hash = hashToken(token);
    const state = this.log.state;
    const grantId = state.refresh.get(hash)?.grantId ?? state.access.get(hash)?.grantId;
    const grant = grantId ? state.grants.get(grantId) : undefined;
    if (grant && grant.clientId === app.clientId && !grant.revoked) this.revokeGrant(grant.grantId);
  }

  checkAccess(authorization: string | undefined): AccessCheck {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) return { ok: false, reason: 'Authorization header with a Bearer token is missing.' };
    const state = this.log.state;
    const record = state.access.get(hashToken(match[1]));
    const grant = record && state.grants.get(record.grantId);
    if (!record || !grant) return { ok: false, reason: 'Token invalid: the access token is not recognised.' };
    if (grant.revoked) return { ok: false, reason: 'Token revoked: the connection was revoked; connect again.' };
    if (record.expiresAt <= this.clock.now()) return { ok: false, reason: 'Token expired: refresh the access token.' };
    if (!this.apps.has(grant.clientId)) return { ok: false, reason: 'Token invalid: the app that obtained it is no longer registered.' };
    return { ok: true, grant };
  }

  expire(filter: { realmId?: string; kind: 'access' | 'refresh' | 'both' }): void {
    this.log.commit({ t: 'expire', realmId: filter.realmId, kind: filter.kind });
  }

  private revokeGrant(grantId: string): void {
    this.log.commit({ t: 'revoke', grantId });
  }

  private startGrant(grant: Grant, withHardExpiry: boolean): TokenResponse {
    const now = this.clock.now();
    const access = newAccessToken();
    const refresh = newRefreshToken(now);
    const refreshExpires = Math.min(now + REFRESH_TOKEN_SECONDS * 1000, grant.hardExpiresAt);
    this.log.commit({
      t: 'grant',
      grant,
      access: [hashToken(access), { grantId: grant.grantId, expiresAt: now + ACCESS_TOKEN_SECONDS * 1000 }],
      refresh: [hashToken(refresh), { grantId: grant.grantId, expiresAt: refreshExpires, dead: false }],
    });
    return this.answer(grant, access, refresh, refreshExpires, withHardExpiry);
  }

  private answer(grant: Grant, access: string, refresh: string, refreshExpires: number, withHardExpiry: boolean): TokenResponse {
    const now = this.clock.now();
    const body: TokenResponse = {
      token_type: 'bearer',
      access_token: access,
      refresh_token: refresh,
      expires_in: ACCESS_TOKEN_SECONDS,
      x_refresh_token_expires_in: Math.floor((refreshExpires - now) / 1000),
    };
    if (withHardExpiry) body.x_refresh_token_hard_expires_in = Math.floor((grant.hardExpiresAt - now) / 1000);
    if (grant.scopes.includes(SCOPES.openid)) {
      const iat = Math.floor(now / 1000);
      body.id_token = this.signer.sign({
        sub: grant.userSub,
        aud: [grant.clientId],
        realmid: grant.realmId,
        auth_time: Math.floor(grant.createdAt / 1000),
        iss: INTUIT_ISSUER,
        exp: iat + ACCESS_TOKEN_SECONDS,
        iat,
      });
    }
    return body;
  }
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function newAccessToken(): string {
  // Real access tokens are opaque JWE strings of ~1 KB; only opacity matters to clients.
  return `eyJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiYWxnIjoiZGlyIn0..${randomBytes(96).toString('base64url')}`;
}

function newRefreshToken(now: number): string {
  return `AB11${Math.floor(now / 1000) + REFRESH_TOKEN_SECONDS}${randomBytes(27).toString('base64url')}`;
}
