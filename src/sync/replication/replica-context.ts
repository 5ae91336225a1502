/**
 * What the replication steps (pull, write-through, pending queue, adopt) share for one QBO
 * company: the database, the firm, a clock, and the callbacks through which they report to
 * the replication state (reachability, changed collections, writes or uploads not taken).
 */
import type { QboSyncDatabase, ReplicaCollection } from '../store/schema';
import type { NotTakenItem } from './describe-conflict';
import type { FirmRemote } from './firm-remote';

export interface ReplicaContext {
  db: QboSyncDatabase;
  realmId: string;
  remote: FirmRemote;
  now: () => Date;
  /** The firm answered (true) or could not be reached (false). */
  reachable(ok: boolean): void;
  /** Local data of these collections changed because of the firm (others' changes, winners): this page's views and the other pages of the browser hear it. */
  changed(collections: Iterable<ReplicaCollection>): void;
  /** This page wrote these collections itself (a write the firm took): only the other pages of the browser need to hear it. */
  wrote(collections: Iterable<ReplicaCollection>): void;
  /** The pending queue grew or shrank. */
  pendingChanged(): void;
  notTaken(items: NotTakenItem[]): void;
}
