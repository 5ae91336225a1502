/**
 * The key that encrypts tokens at rest: TOKEN_ENCRYPTION_KEY when given, otherwise a random key
 * generated once into `<DATA_DIR>/proxy/token-key` (mode 0600) so that a plain `npm start`
 * needs no configuration and tokens survive a restart.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseTokenKey, TOKEN_KEY_BYTES } from './token-cipher';

export class TokenKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenKeyError';
  }
}

export const TOKEN_KEY_FILE = 'token-key';

export function loadOrCreateTokenKey(dataDir: string, configured: Buffer | null): Buffer {
  if (configured) return configured;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, TOKEN_KEY_FILE);
  let text: string | null = null;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new TokenKeyError(`Cannot read the token key ${file}: ${(err as Error).message}. Fix its permissions or set TOKEN_ENCRYPTION_KEY.`);
    }
  }
  if (text !== null) {
    const key = parseTokenKey(text);
    if (!key) {
      throw new TokenKeyError(
        `The token key ${file} is not 32 bytes of base64 or hex. Restore it, or delete it (stored connections are then lost and users reconnect).`,
      );
    }
    return key;
  }
  const key = randomBytes(TOKEN_KEY_BYTES);
  try {
    // 'wx' fails if another process created the file in the meantime; then read theirs.
    writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateTokenKey(dataDir, null);
    throw new TokenKeyError(`Cannot create the token key ${file}: ${(err as Error).message}. Make DATA_DIR writable or set TOKEN_ENCRYPTION_KEY.`);
  }
  chmodSync(file, 0o600);
  return key;
}
