/**
 * The shell's identity signing keys (ES256, P-256): the current key signs tokens; keys retired
 * by a rotation stay published in the JWKS until every token they signed has expired (token
 * lifetime + a margin for clock skew and caches), so a rotation never breaks a token in flight.
 *
 * Kept in `<dataDir>/identity-keys.json` with mode 0600 (it holds private keys), written
 * atomically so a crash never leaves half a key file; the private keys never leave this process.
 */
import path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { readJsonFile, writeJsonAtomically } from './atomic-json-file';

export const IDENTITY_KEYS_FILE = 'identity-keys.json';
export const IDENTITY_ALG = 'ES256' as const;
const KEY_FILE_FORMAT = 1 as const;

interface StoredKey {
  kid: string;
  createdAt: string;
  /** When a rotation replaced it; absent on the current key. */
  retiredAt?: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

interface KeyFile {
  format: typeof KEY_FILE_FORMAT;
  current: StoredKey;
  previous: StoredKey[];
}

/** A public key as published at /.well-known/jwks.json. */
export interface PublicJwk extends JWK {
  kid: string;
  alg: typeof IDENTITY_ALG;
  use: 'sig';
}

export interface IdentityKeysOptions {
  /** How long a retired key stays published: at least the token lifetime plus a margin. */
  retiredKeyLifetimeMs: number;
  now?: () => Date;
}

function isStoredKey(v: unknown): v is StoredKey {
  if (typeof v !== 'object' || v === null) return false;
  const k = v as Partial<StoredKey>;
  return typeof k.kid === 'string' && typeof k.createdAt === 'string' && typeof k.privateJwk === 'object' && typeof k.publicJwk === 'object';
}

function isKeyFile(v: unknown): v is KeyFile {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Partial<KeyFile>;
  return f.format === KEY_FILE_FORMAT && isStoredKey(f.current) && Array.isArray(f.previous) && f.previous.every(isStoredKey);
}


async function newKey(now: Date): Promise<StoredKey> {
  const { privateKey, publicKey } = await generateKeyPair(IDENTITY_ALG, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  return { kid: await calculateJwkThumbprint(publicJwk), createdAt: now.toISOString(), privateJwk: await exportJWK(privateKey), publicJwk };
}

export class IdentityKeys {
  private signing: { kid: string; key: CryptoKey } | undefined;
  /** Rotations run one at a time, so two never race on the file. */
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly file: string,
    private data: KeyFile,
    private readonly opts: IdentityKeysOptions,
  ) {}

  /** Loads the key file, or creates a first key when there is none. */
  static async open(dataDir: string, opts: IdentityKeysOptions): Promise<IdentityKeys> {
    const file = path.join(dataDir, IDENTITY_KEYS_FILE);
    const existing = await readJsonFile(file);
    if (existing !== undefined && !isKeyFile(existing)) {
      throw new Error(`${file} is not an identity key file of format ${KEY_FILE_FORMAT}. Move it away; the shell then makes a new key (tokens it signed before stop verifying).`);
    }
    const now = (opts.now ?? (() => new Date()))();
    const keys = new IdentityKeys(file, existing ?? { format: KEY_FILE_FORMAT, current: await newKey(now), previous: [] }, opts);
    if (existing === undefined) await writeJsonAtomically(file, keys.data, 0o600);
    return keys;
  }

  private now(): Date {
    return (this.opts.now ?? (() => new Date()))();
  }

  get currentKid(): string {
    return this.data.current.kid;
  }

  /** When the current key was made (automatic rotation compares it with the interval). */
  get currentCreatedAt(): Date {
    return new Date(this.data.current.createdAt);
  }

  /** The current private key, for signing. */
  async signingKey(): Promise<{ kid: string; key: CryptoKey }> {
    const current = this.data.current;
    if (this.signing?.kid !== current.kid) {
      this.signing = { kid: current.kid, key: (await importJWK(current.privateJwk, IDENTITY_ALG)) as CryptoKey };
    }
    return this.signing;
  }

  private stillPublished(key: StoredKey, now: Date): boolean {
    return key.retiredAt !== undefined && now.getTime() - Date.parse(key.retiredAt) < this.opts.retiredKeyLifetimeMs;
  }

  /** The public keys: the current one first, then retired ones whose tokens may still be alive. */
  jwks(): { keys: PublicJwk[] } {
    const now = this.now();
    const published = [this.data.current, ...this.data.previous.filter((k) => this.stillPublished(k, now))];
    return { keys: published.map((k) => ({ kty: k.publicJwk.kty, crv: k.publicJwk.crv, x: k.publicJwk.x, y: k.publicJwk.y, kid: k.kid, alg: IDENTITY_ALG, use: 'sig' })) };
  }

  /** Makes a new current key; the old one stays published for `retiredKeyLifetimeMs`. Returns the new kid. */
  rotate(): Promise<string> {
    const run = this.chain.then(async () => {
      const now = this.now();
      const retired = { ...this.data.current, retiredAt: now.toISOString() };
      const next: KeyFile = {
        format: KEY_FILE_FORMAT,
        current: await newKey(now),
        previous: [retired, ...this.data.previous].filter((k) => this.stillPublished(k, now)),
      };
      await writeJsonAtomically(this.file, next, 0o600);
      this.data = next;
      return next.current.kid;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }
}
