/**
 * Signs OpenID id_tokens (RS256) the way Intuit does, so clients' validateIdToken works:
 * issuer is Intuit's fixed value (intuit-oauth compares it literally) and the public key is
 * published as a JWKS on the sandbox's /op/v1/jwks. The private key stays in the data folder
 * (mode 0600), never in the repo.
 */
import { createHash, randomBytes, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const INTUIT_ISSUER = 'https://oauth.platform.intuit.com/op/v1';

export interface Jwk {
  kty: string;
  n: string;
  e: string;
  kid: string;
  alg: 'RS256';
  use: 'sig';
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export class IdTokenSigner {
  private readonly privateKey: KeyObject;
  readonly jwk: Jwk;

  constructor(dir: string) {
    const file = path.join(dir, 'id-token-key.pem');
    if (fs.existsSync(file)) {
      this.privateKey = createPrivateKey(fs.readFileSync(file, 'utf8'));
    } else {
      fs.mkdirSync(dir, { recursive: true });
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      fs.writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
      this.privateKey = privateKey;
    }
    const pub = createPublicKey(this.privateKey).export({ format: 'jwk' });
    const digest = createHash('sha256').update(String(pub.n)).digest('hex');
    // intuit-oauth decodes JWT parts with atob(), which rejects base64url's '-' and '_': pick
    // a kid (and below, a jti) whose encoding avoids them so its validateIdToken works.
    let kid = digest.slice(0, 16);
    for (let i = 1; i < 48 && /[-_]/.test(encode({ alg: 'RS256', kid })); i++) kid = digest.slice(i, i + 16);
    this.jwk = { kty: String(pub.kty), n: String(pub.n), e: String(pub.e), kid, alg: 'RS256', use: 'sig' };
  }

  sign(claims: Record<string, unknown>): string {
    const header = encode({ alg: 'RS256', kid: this.jwk.kid });
    let payload = encode(claims);
    for (let i = 0; /[-_]/.test(payload) && i < 64; i++) payload = encode({ ...claims, jti: randomBytes(12).toString('hex') });
    const signature = sign('sha256', Buffer.from(`${header}.${payload}`), this.privateKey).toString('base64url');
    return `${header}.${payload}.${signature}`;
  }
}
