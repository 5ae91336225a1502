/**
 * Signs the identity token of docs/firm-contract.md §1: who is signed in to the shell (user, role,
 * firm) for one add-in (the audience), valid for ten minutes. The proxy verifies it against the
 * shell's JWKS; nothing here is secret but the signing key, which stays in IdentityKeys.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { HostUser } from '../../src/sync/host/protocol';
import { IDENTITY_ALG, type IdentityKeys } from './identity-keys';

/** How long a token is valid. */
export const IDENTITY_TOKEN_LIFETIME_S = 600;
/** `nbf` lies this far before `iat`, so a verifier whose clock is a little behind accepts the token. */
export const IDENTITY_NBF_SKEW_S = 5;

export interface IdentityTokenRequest {
  issuer: string;
  audience: string;
  user: HostUser;
  firmId: string;
  firmName: string;
  now?: Date;
}

export async function signIdentityToken(keys: IdentityKeys, request: IdentityTokenRequest): Promise<{ token: string; expiresAt: string }> {
  const iat = Math.floor((request.now ?? new Date()).getTime() / 1000);
  const exp = iat + IDENTITY_TOKEN_LIFETIME_S;
  const { kid, key } = await keys.signingKey();
  const token = await new SignJWT({
    name: request.user.name,
    email: request.user.email,
    role: request.user.role,
    firm_id: request.firmId,
    firm_name: request.firmName,
  })
    .setProtectedHeader({ alg: IDENTITY_ALG, kid, typ: 'JWT' })
    .setIssuer(request.issuer)
    .setAudience(request.audience)
    .setSubject(request.user.id)
    .setIssuedAt(iat)
    .setNotBefore(iat - IDENTITY_NBF_SKEW_S)
    .setExpirationTime(exp)
    .setJti(randomUUID())
    .sign(key);
  return { token, expiresAt: new Date(exp * 1000).toISOString() };
}
