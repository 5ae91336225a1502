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
 * Such a first pull also fetches every page without waiting for the writes, and hands them to
 * `firstPull` as they arrive, so the links can be read long before they are all in IndexedDB.
 */
import type { QboSyncDatabase, ReplicaCollection } from '../store/schema';
import type { FirstPullSink } from './early-links';
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
  /**
   * Told of every page as it arrives when the pull starts on a replica without links (a first
   * pull), so that its links can be read before they are all written (early-links.ts).
   */
  firstPull?: FirstPullSink;
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

type Fed = { page: PullPage } | { error: unknown } | { end: true };

/**
 * The pages of one pull, in order. Normally one page is fetched while the one before it is
 * applied; on a first pull with a sink every page is fetched as soon as the one before it
 * arrived (each needs the previous checkpoint), and shown to the sink before it is applied.
 */
function pageFeed(fetch: (since: string) => Promise<PullPage>, since: string, sink: FirstPullSink | undefined) {
  const queue: Fed[] = [];
  let wake: (() => void) | undefined;
  let drained: (() => void) | undefined;
  let stopped = false;
  const put = (item: Fed) => {
    queue.push(item);
    wake?.();
  };
  void (async () => {
    let at = since;
    try {
      for (;;) {
        const page = await fetch(at);
        if (stopped) return;
        // A firm that says "more" without moving on would loop forever: stop and let the next pull go on.
        const more = page.more && page.checkpoint !== at;
        sink?.page(page.records);
        put({ page });
        if (!more) {
          sink?.complete();
          put({ end: true });
          return;
        }
        at = page.checkpoint;
        if (!sink && queue.length > 0) await new Promise<void>((resolve) => (drained = resolve));
        if (stopped) return;
      }
    } catch (error) {
      put({ error });
    }
  })();
  return {
    async next(): Promise<PullPage | undefined> {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      const item = queue.shift() as Fed;
      if (queue.length === 0) {
        drained?.();
        drained = undefined;
      }
      if ('error' in item) throw item.error;
      return 'page' in item ? item.page : undefined;
    },
    stop(): void {
      stopped = true;
      drained?.();
    },
  };
}

export async function pullAll(options: PullOptions): Promise<Set<ReplicaCollection>> {
  const { db, realmId, remote } = options;
  const pageSize = options.pageSize ?? DEFAULT_PULL_PAGE;
  const all = new Set<ReplicaCollection>();
  const since = (await readRealm(db, realmId)).checkpoint;
  // Nothing local yet: every link this pull meets is one it applied itself.
  let holders = since === '0' && (await db.count('links', IDBKeyRange.bound([realmId], [realmId, []]))) === 0 ? new LinkHolders() : undefined;
  // Only such a pull knows every link from its pages alone (early-links.ts).
  const feed = pageFeed((at) => remote.pull(realmId, at, pageSize), since, holders ? options.firstPull : undefined);
  try {
    for (let page = await feed.next(); page; page = await feed.next()) {
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
    }
  } finally {
    feed.stop();
  }
  return all;
}
