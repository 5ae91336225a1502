/**
 * Sessions and the QuickBooks connection each one holds, kept in `<DATA_DIR>/proxy/sessions`.
 *
 * The add-in holds only the opaque session id. On disk a session is found by the SHA-256 of
 * that id (so the folder listing gives nobody a usable id), and its whole record is sealed
 * with AES-256-GCM. Records are cached in memory; every change is written through
 * atomically (temp file + rename) before the caller continues, so a rotated refresh token is
 * never lost to a crash.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { open, seal } from './token-cipher';

export interface TokenSet {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds. */
  accessTokenExpiresAt: number;
  /** Epoch milliseconds. */
  refreshTokenExpiresAt: number;
}

export interface Connection {
  /** Random per authorization, so a late refresh cannot overwrite a newer connection. */
  connectionId: string;
  realmId: string;
  companyName: string;
  /** CompanyInfo.Country, e.g. `US` or `CA`; empty when QBO did not say. */
  country: string;
  /** ISO timestamp. */
  connectedAt: string;
  /** Email of the Intuit user who authorized, when userinfo gave one. */
  connectedBy?: string;
  tokens: TokenSet;
}

export interface SessionRecord {
  /** ISO timestamp. */
  createdAt: string;
  connection: Connection | null;
}

/** A session id as the add-in holds it: 32 random bytes, base64url. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/** The name a session goes by inside the proxy; never the id itself. */
export function sessionKeyOf(sessionId: string): string | null {
  if (!SESSION_ID.test(sessionId)) return null;
  return createHash('sha256').update(sessionId).digest('hex');
}

export class SessionStore {
  private readonly dir: string;
  private readonly cache = new Map<string, SessionRecord>();

  constructor(
    dataDir: string,
    private readonly key: Buffer,
    private readonly onUnreadable: (sessionKey: string) => void = () => undefined,
  ) {
    this.dir = path.join(dataDir, 'sessions');
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  /** Creates and persists a new session; returns its id (the only time the id exists in the proxy). */
  create(now: Date): { sessionId: string; sessionKey: string } {
    const sessionId = newSessionId();
    const sessionKey = sessionKeyOf(sessionId) as string;
    this.write(sessionKey, { createdAt: now.toISOString(), connection: null });
    return { sessionId, sessionKey };
  }

  get(sessionKey: string): SessionRecord | null {
    const cached = this.cache.get(sessionKey);
    if (cached) return cached;
    // Unknown keys are not cached, so made-up session ids cannot grow memory.
    const record = this.read(sessionKey);
    if (record) this.cache.set(sessionKey, record);
    return record;
  }

  /** Replaces the session's connection (null forgets it). No-op for an unknown session. */
  setConnection(sessionKey: string, connection: Connection | null): void {
    const record = this.get(sessionKey);
    if (!record) return;
    this.write(sessionKey, { ...record, connection });
  }

  private file(sessionKey: string): string {
    return path.join(this.dir, `${sessionKey}.json`);
  }

  private read(sessionKey: string): SessionRecord | null {
    let text: string;
    try {
      text = readFileSync(this.file(sessionKey), 'utf8');
    } catch {
      return null;
    }
    let sealed: unknown;
    try {
      sealed = (JSON.parse(text) as { sealed?: unknown }).sealed;
    } catch {
      sealed = undefined;
    }
    const plain = typeof sealed === 'string' ? open(this.key, sealed, sessionKey) : null;
    if (plain === null) {
      // Another key (TOKEN_ENCRYPTION_KEY changed) or a damaged file: the user reconnects.
      this.onUnreadable(sessionKey);
      return null;
    }
    return JSON.parse(plain) as SessionRecord;
  }

  private write(sessionKey: string, record: SessionRecord): void {
    const file = this.file(sessionKey);
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    const body = JSON.stringify({ v: 1, sealed: seal(this.key, JSON.stringify(record), sessionKey) });
    try {
      writeFileSync(tmp, body, { mode: 0o600 });
      renameSync(tmp, file);
    } catch (err) {
      rmSync(tmp, { force: true });
      throw err;
    }
    this.cache.set(sessionKey, record);
  }
}
