/**
 * Downstream: pulls the firm's changes since this company's checkpoint, page by page, until the
 * firm says there is no more. Each page is applied in ONE IndexedDB transaction together with
 * the page's checkpoint, so a pull cut off anywhere (network, tab closed) resumes from the last
 * page applied and loses nothing; records are applied only when newer (replica-apply.ts), so a
 * page delivered twice or late is harmless.
 *
 * Speed (a first open takes in 20,000 links): pages are large, the next page is asked for while
 * the current one is applied (in slices, see APPLY_SLICE), and a pull that starts on a replica without links keeps the
 * links it applies in memory (LinkHolders), so no page reads back what earlier pages wrote.
 */
import type { QboSyncDatabase, ReplicaCollection } from '../store/schema';
import type { FirmRemote, PullPage } from './firm-remote';
import { LinkHolders, REPLICA_STORES, applyRemoteRecords } from './replica-apply';
import { readRealm, updateRealm } from './replica-meta';

/** The most the proxy hands out per page (docs/firm-contract.md §3). */
export const DEFAULT_PULL_PAGE = 10_000;

export interface PullOptions {
  db: QboSyncDatabase;
  realmId: string;
  remote: FirmRemote;
  now: () => Date;
  /** Records per page. @defaultvalue DEFAULT_PULL_PAGE */
  pageSize?: number;
  /** Called after each applied page with the collections it changed. */
  onPage?: (changed: Set<ReplicaCollection>) => void;
}

/**
 * Records per transaction. A page is applied in slices, each with the seq of its last record as
 * its checkpoint (the feed is ordered by seq, so that is where a cut-off pull resumes): one
 * transaction of 10,000 puts holds the browser's IndexedDB for a second or more, and the other
 * reads of the page opening meanwhile (the QBO list cache) would wait behind it.
 */
const APPLY_SLICE = 2_500;

function slices(page: PullPage): PullPage[] {
  if (page.records.length <= APPLY_SLICE) return [page];
  const out: PullPage[] = [];
  for (let i = 0; i < page.records.length; i += APPLY_SLICE) {
    const records = page.records.slice(i, i + APPLY_SLICE);
    const last = i + APPLY_SLICE >= page.records.length;
    out.push({ records, checkpoint: last ? page.checkpoint : records[records.length - 1].seq, more: last ? page.more : true });
  }
  return out;
}

/** One page (or slice of one) and its checkpoint, in one transaction. */
async function applyPage(options: PullOptions, page: PullPage, holders: LinkHolders | undefined): Promise<Set<ReplicaCollection>> {
  const { db, realmId } = options;
  // Relaxed durability: a page lost to a crash is lost with its checkpoint, and pulled again.
  const tx = db.transaction(REPLICA_STORES, 'readwrite', { durability: 'relaxed' });
  const changed = await applyRemoteRecords(tx, realmId, page.records, { holders });
  await updateRealm(tx, realmId, { checkpoint: page.checkpoint, lastSyncedAt: options.now().toISOString() });
  await tx.done;
  return changed;
}

export async function pullAll(options: PullOptions): Promise<Set<ReplicaCollection>> {
  const { db, realmId, remote } = options;
  const pageSize = options.pageSize ?? DEFAULT_PULL_PAGE;
  const all = new Set<ReplicaCollection>();
  let since = (await readRealm(db, realmId)).checkpoint;
  // Nothing local yet: every link this pull meets is one it applied itself.
  let holders = since === '0' && (await db.count('links', IDBKeyRange.bound([realmId], [realmId, []]))) === 0 ? new LinkHolders() : undefined;
  let next: Promise<PullPage> | undefined = remote.pull(realmId, since, pageSize);
  while (next) {
    const page: PullPage = await next;
    // A firm that says "more" without moving on would loop forever: stop and let the next pull go on.
    const more = page.more && page.checkpoint !== since;
    next = more ? remote.pull(realmId, page.checkpoint, pageSize) : undefined;
    // If the page fails, the prefetched one is dropped with the error of the page.
    next?.catch(() => undefined);
    for (const part of slices(page)) {
      let changed: Set<ReplicaCollection>;
      try {
        changed = await applyPage(options, part, holders);
      } catch (e) {
        if (!holders) throw e;
        // Another page of this browser (the background runtime) may have applied links the
        // in-memory view does not know: apply again reading the stored links, and from now on.
        holders = undefined;
        changed = await applyPage(options, part, holders);
      }
      changed.forEach((c) => all.add(c));
      options.onPage?.(changed);
    }
    since = page.checkpoint;
  }
  return all;
}
