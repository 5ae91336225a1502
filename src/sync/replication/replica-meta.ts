/**
 * The replica's bookkeeping per QBO company (the `replicaRealms` store): the pull checkpoint,
 * when it last caught up, and whether the upgrade upload ran. The checkpoint only moves
 * forward, so a late or repeated page can never take the pull back.
 */
import type { QboSyncDatabase, ReplicaRealmRecord } from '../store/schema';
import type { ReplicaTx } from './replica-apply';

export function emptyRealm(realmId: string): ReplicaRealmRecord {
  return { realmId, checkpoint: '0' };
}

export async function readRealm(db: QboSyncDatabase, realmId: string): Promise<ReplicaRealmRecord> {
  return (await db.get('replicaRealms', realmId)) ?? emptyRealm(realmId);
}

/** Seqs are decimal strings of any length: compare them as integers. */
export function laterSeq(a: string, b: string): string {
  const x = BigInt(a || '0');
  const y = BigInt(b || '0');
  return x >= y ? a || '0' : b;
}

export async function updateRealm(tx: ReplicaTx, realmId: string, patch: Partial<Omit<ReplicaRealmRecord, 'realmId'>>): Promise<ReplicaRealmRecord> {
  const store = tx.objectStore('replicaRealms');
  const current = (await store.get(realmId)) ?? emptyRealm(realmId);
  const next: ReplicaRealmRecord = { ...current, ...patch, realmId };
  if (patch.checkpoint !== undefined) next.checkpoint = laterSeq(current.checkpoint, patch.checkpoint);
  await store.put(next);
  return next;
}
