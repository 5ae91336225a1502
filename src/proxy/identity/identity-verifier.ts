/**
 * Verifies the host's identity token on every /api/* call: an ES256 JWT signed by the host,
 * checked with `jose` against the host's published key set (cached by jose, refetched on an
 * unknown kid at most once per cooldown), for the configured issuer and audience, with a few
 * seconds of clock tolerance. Tokens that passed are remembered by their exact text until their
 * `exp` (a bounded map, least recently used forgotten first), so a busy panel's relay calls do
 * not pay for a signature check each. That stays correct on every replica and across key
 * rotations: a JWT carries all it asserts, the text of one that verified cannot verify
 * differently later, and no cached verification outlives the token's own expiry. Only tokens
 * that passed every check (signature, algorithm, issuer, audience, expiry, claims) are cached,
 * and each verifier checks for one issuer and audience only, so a token for another add-in or
 * host is never answered from the cache. The key is the token itself rather than a digest of it:
 * hashing every call cost more than the lookup it saves, and only host-signed tokens (of the
 * host's size) get in.
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { ApiError, type ApiErrorCode } from '../api-error';
import { FIRM_ID, type Identity } from './identity';

export const CLOCK_TOLERANCE_S = 5;
export const MAX_CACHED_TOKENS = 10_000;

export interface IdentityVerifierOptions {
  issuer: string;
  audience: string;
  jwksUrl: string;
  /** Real time by default; the identity clock is not the one tests move for Intuit tokens. */
  now?: () => number;
  /** Least time between two key-set fetches caused by unknown kids (default 10 s). */
  cooldownMs?: number;
  /** Verified tokens remembered at once (default MAX_CACHED_TOKENS). */
  maxCachedTokens?: number;
}

export interface IdentityVerifier {
  /** The caller's identity from an `Authorization` header value; throws ApiError 401/503. */
  verify(authorization: string | undefined): Promise<Identity>;
}

const fail = (code: ApiErrorCode, message: string): ApiError => new ApiError(code === 'identity_unavailable' ? 503 : 401, code, message);

const ASK_AGAIN = 'Ask the host for a new identity token (getIdentityToken with forceRefresh) and try again.';

function identityOf(payload: JWTPayload): Identity {
  const str = (k: string): string | undefined => (typeof payload[k] === 'string' && payload[k] ? (payload[k] as string) : undefined);
  const firmId = str('firm_id');
  const userId = str('sub');
  const role = str('role');
  if (!firmId || !FIRM_ID.test(firmId) || !userId || userId.length > 200 || (role !== 'admin' && role !== 'staff') || typeof payload.exp !== 'number') {
    throw fail('identity_invalid', `The identity token lacks a valid firm_id, sub, role or exp claim. ${ASK_AGAIN}`);
  }
  return {
    firmId,
    firmName: (str('firm_name') ?? firmId).slice(0, 200),
    userId,
    name: (str('name') ?? userId).slice(0, 200),
    role,
    expiresAt: payload.exp * 1000,
  };
}

function mapError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof errors.JWTExpired) return fail('identity_expired', `The identity token has expired. ${ASK_AGAIN}`);
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'aud') return fail('identity_wrong_audience', 'The identity token was issued for another add-in (aud). Check that the host asks for a token for this add-in\'s origin (ADDIN_PUBLIC_URL / IDENTITY_AUDIENCE).');
    if (err.claim === 'iss') return fail('identity_wrong_issuer', 'The identity token comes from another host (iss). Check IDENTITY_ISSUER against the host\'s origin.');
    return fail('identity_invalid', `The identity token's ${err.claim} claim is not acceptable (${err.reason}). ${ASK_AGAIN}`);
  }
  if (err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid || !(err instanceof errors.JOSEError) || err.code === 'ERR_JOSE_GENERIC') {
    // jose could not fetch or read the key set (network, non-200, not JSON): nothing the caller did.
    return fail('identity_unavailable', "The host's signing keys could not be fetched (IDENTITY_JWKS_URL). Check that the host is running and try again in a minute.");
  }
  return fail('identity_invalid', `The identity token is malformed or its signature does not verify (unknown key or tampered). ${ASK_AGAIN}`);
}

export function createIdentityVerifier(options: IdentityVerifierOptions): IdentityVerifier {
  const now = options.now ?? Date.now;
  const keys = createRemoteJWKSet(new URL(options.jwksUrl), {
    timeoutDuration: 5_000,
    // After the host rotates its key, tokens with the new kid fail at most this long.
    cooldownDuration: options.cooldownMs ?? 10_000,
    cacheMaxAge: 10 * 60_000,
  });
  const maxCached = options.maxCachedTokens ?? MAX_CACHED_TOKENS;
  const verified = new Map<string, Identity>();

  const remember = (token: string, identity: Identity): void => {
    if (verified.size >= maxCached) {
      // Drop expired entries; if that frees nothing, the least recently used (first in the map).
      const t = now();
      for (const [k, v] of verified) if (v.expiresAt <= t) verified.delete(k);
      if (verified.size >= maxCached) verified.delete(verified.keys().next().value as string);
    }
    verified.set(token, identity);
  };

  return {
    async verify(authorization) {
      const m = /^Bearer ([A-Za-z0-9_.-]{1,8192})$/.exec(authorization ?? '');
      if (!authorization) throw fail('identity_missing', 'This call needs the header Authorization: Bearer <identity token> from the host (getIdentityToken).');
      if (!m) throw fail('identity_invalid', `The Authorization header is not "Bearer <JWT>". ${ASK_AGAIN}`);
      const token = m[1];
      const cached = verified.get(token);
      if (cached) {
        verified.delete(token);
        if (cached.expiresAt <= now()) throw fail('identity_expired', `The identity token has expired. ${ASK_AGAIN}`);
        verified.set(token, cached); // now the most recently used
        return cached;
      }
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          algorithms: ['ES256'],
          issuer: options.issuer,
          audience: options.audience,
          clockTolerance: CLOCK_TOLERANCE_S,
          requiredClaims: ['exp', 'sub'],
          currentDate: new Date(now()),
        }));
      } catch (err) {
        throw mapError(err);
      }
      const identity = identityOf(payload);
      remember(token, identity);
      return identity;
    },
  };
}
