/**
 * The firm's side of replication, as the add-in sees it (docs/firm-contract.md §3 and §5).
 * The replication engine talks only to this interface, so tests swap the proxy for an in-memory
 * firm with the same rules, and the engine itself does no networking (after RxDB's
 * replication handler: changes since a checkpoint, a write with the revision it was based on,
 * and a stream that says when to pull).
 */
export { FirmConflictError, FirmRemoteError } from './firm-remote-errors';
export { createHttpFirmRemote } from './http-firm-remote';

export type FirmCollection = 'links' | 'settings' | 'documents' | 'history';
export const FIRM_COLLECTIONS: readonly FirmCollection[] = ['links', 'settings', 'documents', 'history'];

/** fetch against the proxy's origin with the identity token. */
export type { AuthFetch } from '../connection/proxy-auth';

/** One record as the firm keeps it. `rev` counts its writes; `seq` orders the realm's feed. */
export interface RemoteRecord {
  collection: FirmCollection;
  id: string;
  rev: number;
  /** Decimal string, strictly increasing per firm and realm. */
  seq: string;
  deleted: boolean;
  body: Record<string, unknown> | null;
  updatedBy: { id: string; name: string };
  updatedAt: string;
}

/** One write, with the rev the client last saw (null: none, or only a tombstone). */
export interface RemoteChange {
  collection: FirmCollection;
  id: string;
  baseRev: number | null;
  body?: Record<string, unknown>;
  deleted?: true;
}

export interface PushConflict {
  /** Position of the refused change in the push. */
  index: number;
  collection: FirmCollection;
  id: string;
  reason: 'stale' | 'unique';
  /** The firm's record with that id (null: it has none). */
  current: RemoteRecord | null;
  /** For `unique`: the live link that already has the QBO id. */
  holder?: RemoteRecord;
}

export interface PullPage {
  records: RemoteRecord[];
  checkpoint: string;
  more: boolean;
}

export interface AdoptRecord {
  collection: FirmCollection;
  id: string;
  body: Record<string, unknown>;
}

export interface AdoptResult {
  taken: number;
  notTaken: Array<{ collection: FirmCollection; id: string; reason: 'firm_has_other' | 'unique'; firm: RemoteRecord }>;
  checkpoint: string;
}

export type FirmEvent =
  | { type: 'changes'; realmId: string; checkpoint: string }
  | { type: 'connection' }
  | { type: 'open' }
  | { type: 'down' };

export interface FirmRemote {
  pull(realmId: string, since: string, limit?: number): Promise<PullPage>;
  /** Resolves with the written records, or rejects with a FirmConflictError (409) / FirmRemoteError (network, 4xx, 5xx). */
  push(realmId: string, changes: RemoteChange[]): Promise<{ records: RemoteRecord[]; checkpoint: string }>;
  adopt(realmId: string, records: AdoptRecord[]): Promise<AdoptResult>;
  /** Opens the event stream; reconnects by itself with backoff; returns close(). */
  events(listener: (e: FirmEvent) => void): () => void;
}
