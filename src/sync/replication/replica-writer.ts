/**
 * What the stores (LinkStore, settings, the billing journal) need from replication to write
 * through to the firm: hand over the changes of one user action, and the writer pushes them
 * with the revs they were based on, then applies the firm's answer to IndexedDB in one
 * transaction. The stores keep their local checks and their public interfaces.
 */
import type { ReplicaCollection } from '../store/schema';

export interface ReplicaChange {
  collection: ReplicaCollection;
  id: string;
  /** The new body (the local record without realmId); absent with `deleted`. */
  body?: Record<string, unknown>;
  deleted?: true;
}

export interface ReplicaWriteOptions {
  /** What the user did, for messages (e.g. "Linking", "Undo"). */
  what: string;
  /**
   * When the proxy is unreachable: 'queue' applies locally (marked pending) and sends later;
   * 'refuse' throws (exports: sending without the firm's journal could duplicate documents).
   */
  whenOffline: 'queue' | 'refuse';
}

export interface ReplicaWriter {
  /**
   * One push, all or nothing. Resolves 'taken' once the firm's answer is applied locally, or
   * 'queued' when it waits offline. Rejects with FirmConflictError after applying the firm's
   * current records locally (so the replica shows the winner), or FirmRemoteError.
   */
  write(changes: readonly ReplicaChange[], options: ReplicaWriteOptions): Promise<'taken' | 'queued'>;
}
