/**
 * Durable OAuth grants and tokens. Only SHA-256 hashes of tokens are kept, so the data
 * folder never holds a usable token. One grant = one consent (app × company × user);
 * revoking any of its tokens ends the grant, as Intuit does.
 */
import { createHash } from 'node:crypto';
import type { DurableCodec } from '../store/durable-log';

export interface Grant {
  grantId: string;
  clientId: string;
  realmId: string;
  scopes: string[];
  userSub: string;
  createdAt: number;
  hardExpiresAt: number;
  revoked: boolean;
}

export interface AccessRecord {
  grantId: string;
  expiresAt: number;
}

export interface RefreshRecord {
  grantId: string;
  expiresAt: number;
  /** The refresh token this one replaced; it dies once this one is used. */
  parent?: string;
  /** The newest token issued in exchange for this one, not yet used. */
  successor?: string;
  dead: boolean;
}

export interface TokenState {
  grants: Map<string, Grant>;
  access: Map<string, AccessRecord>;
  refresh: Map<string, RefreshRecord>;
}

export type TokenEntry =
  | { t: 'grant'; grant: Grant; access: [string, AccessRecord]; refresh: [string, RefreshRecord] }
  | { t: 'rotate'; used: string; access: [string, AccessRecord]; refresh: [string, RefreshRecord] }
  | { t: 'revoke'; grantId: string }
  | { t: 'expire'; grantId?: string; realmId?: string; kind: 'access' | 'refresh' | 'both' };

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

function applyEntry(state: TokenState, entry: TokenEntry): void {
  switch (entry.t) {
    case 'grant':
      state.grants.set(entry.grant.grantId, entry.grant);
      state.access.set(...entry.access);
      state.refresh.set(...entry.refresh);
      return;
    case 'rotate': {
      const used = state.refresh.get(entry.used);
      if (used) {
        if (used.parent) {
          const parent = state.refresh.get(used.parent);
          if (parent) parent.dead = true;
        }
        if (used.successor) {
          const stale = state.refresh.get(used.successor);
          if (stale) stale.dead = true;
        }
        used.successor = entry.refresh[0];
      }
      state.access.set(...entry.access);
      state.refresh.set(...entry.refresh);
      return;
    }
    case 'revoke': {
      const grant = state.grants.get(entry.grantId);
      if (grant) grant.revoked = true;
      return;
    }
    case 'expire': {
      const grants = new Set(
        [...state.grants.values()]
          .filter((g) => (entry.grantId ? g.grantId === entry.grantId : true) && (entry.realmId ? g.realmId === entry.realmId : true))
          .map((g) => g.grantId),
      );
      if (entry.kind !== 'refresh') for (const rec of state.access.values()) if (grants.has(rec.grantId)) rec.expiresAt = 0;
      if (entry.kind !== 'access') for (const rec of state.refresh.values()) if (grants.has(rec.grantId)) rec.expiresAt = 0;
      return;
    }
  }
}

interface TokenSnapshot {
  grants: Grant[];
  access: Array<[string, AccessRecord]>;
  refresh: Array<[string, RefreshRecord]>;
}

export function tokenCodec(nowMs: () => number): DurableCodec<TokenState, TokenEntry> {
  return {
    empty: () => ({ grants: new Map(), access: new Map(), refresh: new Map() }),
    apply: applyEntry,
    toSnapshot: (state): TokenSnapshot => {
      // Compaction drops what can never be used again.
      const now = nowMs();
      const live = new Set([...state.grants.values()].filter((g) => !g.revoked && g.hardExpiresAt > now).map((g) => g.grantId));
      return {
        grants: [...state.grants.values()].filter((g) => live.has(g.grantId)),
        access: [...state.access].filter(([, r]) => live.has(r.grantId) && r.expiresAt > now),
        refresh: [...state.refresh].filter(([, r]) => live.has(r.grantId) && !r.dead && r.expiresAt > now),
      };
    },
    fromSnapshot: (raw) => {
      const snap = raw as TokenSnapshot;
      return {
        grants: new Map(snap.grants.map((g) => [g.grantId, g])),
        access: new Map(snap.access),
        refresh: new Map(snap.refresh),
      };
    },
  };
}
