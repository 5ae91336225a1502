/**
 * Downstream: pulls the firm's changes since this company's checkpoint, page by page, until the
 * firm says there is no more. Each page is applied in ONE IndexedDB transaction together with
 * the page's checkpoint, so a pull cut off anywhere (network, tab closed) resumes from the last
 * page applied and loses nothing; records are applied only when newer (replica-apply.ts), so a
 * page delivered twice or late is harmless.
 */
import type { QboSyncDatabase, ReplicaCollection } from '../store/schema';
import type { FirmRemote } from './firm-remote';
import { REPLICA_STORES, applyRemoteRecords } from './replica-apply';
import { readRealm, updateRealm } from './replica-meta';

export interface PullOptions {
  db: QboSyncDatabase;
  realmId: string;
  remote: FirmRemote;
  now: () => Date;
  /** Records per page. @defaultvalue 5000 */
  pageSize?: number;
  /** Called after each applied page with the collections it changed. */
  onPage?: (changed: Set<ReplicaCollection>) => void;
}

export async function pullAll(options: PullOptions): Promise<Set<ReplicaCollection>> {
  const { db, realmId, remote } = options;
  const all = new Set<ReplicaCollection>();
  let since = (await readRealm(db, realmId)).checkpoint;
  for (;;) {
    const page = await remote.pull(realmId, since, options.pageSize ?? 5000);
    // Relaxed durability: a page lost to a crash is lost with its checkpoint, and pulled again.
    const tx = db.transaction(REPLICA_STORES, 'readwrite', { durability: 'relaxed' });
    const changed = await applyRemoteRecords(tx, realmId, page.records);
    const realm = await updateRealm(tx, realmId, { checkpoint: page.checkpoint, lastSyncedAt: options.now().toISOString() });
    await tx.done;
    changed.forEach((c) => all.add(c));
    options.onPage?.(changed);
    // A firm that says "more" without moving on would loop forever: stop and let the next pull go on.
    if (!page.more || realm.checkpoint === since) break;
    since = realm.checkpoint;
  }
  return all;
}
