/**
 * The one-time values of the connect flow, kept in the store so that a flow started on one
 * replica can continue on another (issue 11):
 *
 * - `ticket`: `POST /api/auth/start` binds one to (firm, user, flowId), so that the dialog
 *   window (which carries no identity) can start the flow for them;
 * - `state`: `GET /auth/start` sends one to Intuit with a browser binding (the cookie's digest);
 * - `code`: authorization codes seen, so a code is never exchanged twice;
 * - `completion`: the callback's result (tokens sealed, company) waiting for the same firm and
 *   user to confirm with `POST /api/auth/complete`.
 *
 * Only SHA-256 digests of the values are stored. Taking a value is one `DELETE … RETURNING`,
 * so it is single-use even when two replicas race for it.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { SqlExecutor } from './database';

export const PENDING_TTL_MS = 10 * 60 * 1000;

export type PendingKind = 'ticket' | 'state' | 'code' | 'completion';

export interface PendingOwner {
  firmId: string;
  userId: string;
  flowId: string;
}

export interface PendingEntry extends PendingOwner {
  /** Digest of the browser binding (states only). */
  bindingHash: string | null;
  /** Sealed payload (completions only). */
  sealed: string | null;
  expiresAt: number;
}

export interface PendingRepository {
  /** Stores a new random one-time value for `owner` and returns it. */
  issue(kind: PendingKind, owner: PendingOwner, extra?: { bindingHash?: string; sealed?: string }): Promise<string>;
  /** The entry, without taking it; null if unknown or expired. */
  peek(kind: PendingKind, value: string): Promise<PendingEntry | null>;
  /** Takes the entry (whatever happens next it cannot be used again); null if unknown, taken or expired. */
  take(kind: PendingKind, value: string): Promise<PendingEntry | null>;
  /** Records an authorization code; false when it was seen before (then it must not be exchanged). */
  firstUseOfCode(code: string): Promise<boolean>;
  /** How many unexpired values of `kind` the user holds (e.g. open connect links). */
  countOpen(kind: PendingKind, firmId: string, userId: string): Promise<number>;
  /** Deletes everything expired; returns the expired completions (their grants must be revoked). */
  sweep(): Promise<PendingEntry[]>;
}

export const digest = (s: string): string => createHash('sha256').update(s).digest('hex');

interface Row {
  firm_id: string;
  user_id: string;
  flow_id: string;
  binding_hash: string | null;
  sealed: string | null;
  expires_at: number | string;
}

const entry = (r: Row): PendingEntry => ({
  firmId: r.firm_id,
  userId: r.user_id,
  flowId: r.flow_id,
  bindingHash: r.binding_hash,
  sealed: r.sealed,
  expiresAt: Number(r.expires_at),
});

const COLUMNS = 'firm_id, user_id, flow_id, binding_hash, sealed, expires_at';

export function createPendingRepository(db: SqlExecutor, now: () => number = Date.now): PendingRepository {
  return {
    async issue(kind, owner, extra = {}) {
      const value = randomBytes(32).toString('base64url');
      await db.run(
        `INSERT INTO auth_pending (kind, value_hash, ${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [kind, digest(value), owner.firmId, owner.userId, owner.flowId, extra.bindingHash ?? null, extra.sealed ?? null, now() + PENDING_TTL_MS],
      );
      return value;
    },
    async peek(kind, value) {
      const [row] = await db.query<Row>(`SELECT ${COLUMNS} FROM auth_pending WHERE kind = $1 AND value_hash = $2 AND expires_at > $3`, [kind, digest(value), now()]);
      return row ? entry(row) : null;
    },
    async take(kind, value) {
      const [row] = await db.query<Row>(`DELETE FROM auth_pending WHERE kind = $1 AND value_hash = $2 RETURNING ${COLUMNS}`, [kind, digest(value)]);
      if (!row || Number(row.expires_at) <= now()) return null;
      return entry(row);
    },
    async firstUseOfCode(code) {
      const rows = await db.query(
        `INSERT INTO auth_pending (kind, value_hash, ${COLUMNS}) VALUES ('code', $1, '', '', '', NULL, NULL, $2) ON CONFLICT (kind, value_hash) DO NOTHING RETURNING value_hash`,
        [digest(code), now() + PENDING_TTL_MS],
      );
      return rows.length === 1;
    },
    async countOpen(kind, firmId, userId) {
      const [row] = await db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM auth_pending WHERE kind = $1 AND firm_id = $2 AND user_id = $3 AND expires_at > $4', [kind, firmId, userId, now()]);
      return Number(row?.n ?? 0);
    },
    async sweep() {
      const rows = await db.query<Row & { kind: string }>(`DELETE FROM auth_pending WHERE expires_at <= $1 RETURNING kind, ${COLUMNS}`, [now()]);
      return rows.filter((r) => r.kind === 'completion').map(entry);
    },
  };
}
