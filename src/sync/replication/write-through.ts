/**
 * Upstream: the ReplicaWriter the stores write through. One user action is one push, with the
 * rev each record was based on; only the firm's answer is applied locally (in one IndexedDB
 * transaction), so a refused write changes nothing but the replica catching up:
 * 1. If writes are still queued from an offline spell, send them first (order is kept).
 * 2. Read the base revs (no network inside the transaction), push.
 * 3. Taken: apply the written records. Conflict (409): apply the firm's current records and
 *    the holders of taken QBO ids, then rethrow for the store to word it.
 * 4. Unreachable: queue it (links, settings, history) or refuse it (the billing journal).
 */
import { FirmConflictError, FirmRemoteError } from './firm-remote-errors';
import { countPending, enqueueWrite, flushPending } from './pending-queue';
import { REPLICA_STORES, applyRemoteRecords, baseRevs } from './replica-apply';
import type { ReplicaContext } from './replica-context';
import type { ReplicaChange, ReplicaWriteOptions, ReplicaWriter } from './replica-writer';

export function createReplicaWriter(ctx: ReplicaContext): ReplicaWriter {
  const { db, realmId, remote } = ctx;

  async function queueOrRefuse(changes: readonly ReplicaChange[], options: ReplicaWriteOptions, error: FirmRemoteError): Promise<'queued'> {
    if (options.whenOffline === 'refuse') throw error;
    await enqueueWrite(ctx, changes, options.what);
    return 'queued';
  }

  return {
    async write(changes, options) {
      if (changes.length === 0) return 'taken';
      if ((await countPending(ctx)) > 0) {
        try {
          await flushPending(ctx);
        } catch (e) {
          if (e instanceof FirmRemoteError && e.offline) {
            ctx.reachable(false);
            return queueOrRefuse(changes, options, e);
          }
          throw e;
        }
      }
      const read = db.transaction(REPLICA_STORES, 'readwrite');
      const bases = await baseRevs(read, realmId, changes);
      await read.done;
      try {
        const answer = await remote.push(realmId, changes.map((c, i) => ({ ...c, baseRev: bases[i] })));
        ctx.reachable(true);
        const tx = db.transaction(REPLICA_STORES, 'readwrite');
        const written = await applyRemoteRecords(tx, realmId, answer.records);
        await tx.done;
        ctx.wrote(written);
        return 'taken';
      } catch (e) {
        if (e instanceof FirmConflictError) {
          ctx.reachable(true);
          const firm = e.conflicts.flatMap((c) => [c.current, c.holder]).filter((r) => r != null);
          const tx = db.transaction(REPLICA_STORES, 'readwrite');
          const changed = await applyRemoteRecords(tx, realmId, firm);
          await tx.done;
          ctx.changed(changed);
          throw e;
        }
        if (e instanceof FirmRemoteError && e.offline) {
          ctx.reachable(false);
          return queueOrRefuse(changes, options, e);
        }
        throw e;
      }
    },
  };
}
