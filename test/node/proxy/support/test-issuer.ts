/**
 * A small identity issuer for the proxy's tests: an ES256 key pair whose public half is served
 * as a JWKS on a local HTTP server (like the shell's /.well-known/jwks.json), minting tokens for
 * any firm and user, and the broken ones the proxy must refuse (expired, wrong aud, wrong iss,
 * unknown kid, tampered). It can also make its key set unreachable.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type CryptoKey } from 'jose';

export interface TestUser {
  firmId: string;
  firmName?: string;
  userId: string;
  name: string;
  role?: 'admin' | 'staff';
}

export interface MintOptions {
  audience?: string;
  issuer?: string;
  /** Seconds from now; negative for an expired token. */
  expiresIn?: number;
  /** Sign with a key the JWKS does not publish. */
  unknownKey?: boolean;
  /** Extra or overriding claims. */
  claims?: Record<string, unknown>;
}

export interface TestIssuer {
  /** The issuer origin (`iss`), also where the JWKS is served. */
  url: string;
  jwksUrl: string;
  mint(user: TestUser, options?: MintOptions): Promise<string>;
  /** Makes GET /.well-known/jwks.json answer 503 (true) or the keys again (false). */
  setDown(down: boolean): void;
  /** Signs with a new key from now on; the previous one stays published. */
  rotate(): Promise<void>;
  /** How often the JWKS was fetched. */
  fetches(): number;
  close(): Promise<void>;
}

export async function startTestIssuer(defaultAudience: string): Promise<TestIssuer> {
  let signing = await generateKeyPair('ES256', { extractable: true });
  let kid = 'test-key-1';
  const stranger = await generateKeyPair('ES256', { extractable: true });
  let published: JWK[] = [{ ...(await exportJWK(signing.publicKey)), kid, alg: 'ES256', use: 'sig' }];
  let down = false;
  let fetchCount = 0;
  const server: Server = createServer((req, res) => {
    if (req.url !== '/.well-known/jwks.json') {
      res.writeHead(404).end();
      return;
    }
    fetchCount++;
    if (down) {
      res.writeHead(503).end('down');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'max-age=300' });
    res.end(JSON.stringify({ keys: published }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    jwksUrl: `${url}/.well-known/jwks.json`,
    async mint(user, options = {}) {
      const iat = Math.floor(Date.now() / 1000);
      const key: CryptoKey = options.unknownKey ? stranger.privateKey : signing.privateKey;
      return new SignJWT({
        name: user.name,
        email: `${user.userId}@example.test`,
        role: user.role ?? 'staff',
        firm_id: user.firmId,
        firm_name: user.firmName ?? `Firm ${user.firmId}`,
        ...options.claims,
      })
        .setProtectedHeader({ alg: 'ES256', kid: options.unknownKey ? 'test-key-unknown' : kid, typ: 'JWT' })
        .setIssuer(options.issuer ?? url)
        .setAudience(options.audience ?? defaultAudience)
        .setSubject(user.userId)
        .setIssuedAt(iat)
        .setNotBefore(iat - 5)
        .setExpirationTime(iat + (options.expiresIn ?? 600))
        .setJti(Math.random().toString(36).slice(2))
        .sign(key);
    },
    async rotate() {
      signing = await generateKeyPair('ES256', { extractable: true });
      kid = `test-key-${published.length + 1}`;
      published = [{ ...(await exportJWK(signing.publicKey)), kid, alg: 'ES256', use: 'sig' }, published[0]];
    },
    setDown(value) {
      down = value;
    },
    fetches: () => fetchCount,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
