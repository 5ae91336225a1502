/**
 * The replication of one QBO company, as the panel sees it: a status, change events, and
 * pullNow. One sync run at a time does, in order: the upgrade upload (once), the offline queue,
 * then the pull; concurrent pullNow calls share the run, and a push-channel event during a
 * run asks for one more run after it, so no change announced mid-run is missed.
 *
 * Status: 'offline' when the firm could not be reached last time we asked (the replica shows
 * the last known state), 'syncing' while a run goes, before the first answer, or while the
 * push channel is down, 'live' when in step and the push channel is not known to be down.
 */
import type { QboSyncDatabase, ReplicaCollection } from '../store/schema';
import { adoptLocalData } from './adopt';
import type { NotTakenItem } from './describe-conflict';
import type { FirmEvent, FirmRemote } from './firm-remote';
import { FirmRemoteError } from './firm-remote-errors';
import { countPending, flushPending } from './pending-queue';
import { DEFAULT_PULL_PAGE, pullAll } from './pull';
import type { ReplicaContext } from './replica-context';
import { REPLICA_STORES } from './replica-apply';
import { readRealm, updateRealm } from './replica-meta';
import { joinReplicaPeers, type OpenPeerChannel } from './replica-peers';
import type { EarlyLinks } from './early-links';
import { createReplicaWriter } from './write-through';
import type { ReplicaWriter } from './replica-writer';

export type ReplicationMode = 'live' | 'syncing' | 'offline';

export interface ReplicationStatus {
  mode: ReplicationMode;
  lastSyncedAt?: string;
  pendingWrites: number;
  notTaken: NotTakenItem[];
}

export type ReplicationEvent = { kind: 'changes'; collections: string[] } | { kind: 'status' };

export interface ReplicationState {
  /** 'live' (in step, push channel open), 'syncing', 'offline' (showing the last known state). */
  status(): ReplicationStatus;
  /** Called after others' changes were applied locally, and on status changes. Returns unsubscribe. */
  subscribe(listener: (e: ReplicationEvent) => void): () => void;
  /** Pull now (the panel calls it on open; the push channel calls it on events). */
  pullNow(): Promise<void>;
  /** Forgets the not-taken items once the user has read them (they are kept across reloads until then). */
  dismissNotTaken(): Promise<void>;
}

export interface Replication {
  state: ReplicationState;
  writer: ReplicaWriter;
  /** Reads the saved status and opens the push channel. */
  start(): Promise<void>;
  close(): void;
}

export interface ReplicationOptions {
  db: QboSyncDatabase;
  realmId: string;
  remote: FirmRemote;
  now: () => Date;
  /** Wait after a `changes` event before pulling, to gather a burst. @defaultvalue 50 */
  debounceMs?: number;
  /** Records per pull page. @defaultvalue DEFAULT_PULL_PAGE (pull.ts) */
  pageSize?: number;
  /**
   * Serialises sync runs of the same replica across the pages of this browser (the panel and
   * its host windows each open the firm's data). @defaultvalue navigator.locks when the browser has it
   */
  locks?: ReplicaLocks;
  /**
   * How the pages of this browser that share the replica tell each other what they changed
   * (replica-peers.ts). @defaultvalue BroadcastChannel when the browser has it
   */
  peers?: OpenPeerChannel;
  /**
   * Where the opening run's pull, when it is a first pull (a replica without links), keeps the
   * links it received until they are all written (early-links.ts). Ended when that run ends.
   */
  firstPull?: EarlyLinks;
}

/** The part of the Web Locks API used here (LockManager in browsers; absent in Node). */
export interface ReplicaLocks {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
  /** Which locks are held (LockManager.query); absent: not known. */
  query?(): Promise<{ held?: Array<{ name?: string }> }>;
}

function browserLocks(): ReplicaLocks | undefined {
  const nav = (globalThis as { navigator?: { locks?: ReplicaLocks } }).navigator;
  return nav?.locks;
}

/** How long a dropped push channel may take to come back before the firm is checked. */
const DOWN_CHECK_MS = 1000;
/** Not-taken items kept per company (the newest). */
const MAX_NOT_TAKEN = 500;

export function createReplication(options: ReplicationOptions): Replication {
  const { db, realmId, remote, now } = options;
  const listeners = new Set<(e: ReplicationEvent) => void>();
  let reachable: boolean | undefined;
  // Known down after a 'down' until the next 'open'. Not "open until told": a page that shares
  // one stream among listeners gives a late listener no 'open' of its own.
  let streamDown = false;
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;
  let lastSyncedAt: string | undefined;
  let pendingWrites = 0;
  let notTaken: NotTakenItem[] = [];
  let stopEvents: (() => void) | undefined;
  let debounce: ReturnType<typeof setTimeout> | undefined;

  function emit(e: ReplicationEvent): void {
    for (const l of [...listeners]) {
      try {
        l(e);
      } catch (error) {
        // A broken listener must not stop replication; it still surfaces as an uncaught error.
        setTimeout(() => {
          throw error;
        });
      }
    }
  }

  // The same scope as the lock below: one database, one company.
  const peers = joinReplicaPeers(`qbo-sync-replica:${db.name}:${realmId}`, (collections) => {
    if (!closed) emit({ kind: 'changes', collections });
  }, options.peers);

  const ctx: ReplicaContext = {
    db,
    realmId,
    remote,
    now,
    reachable(ok) {
      if (reachable === ok) return;
      reachable = ok;
      emit({ kind: 'status' });
    },
    changed(collections: Iterable<ReplicaCollection>) {
      const list = [...new Set(collections)];
      if (list.length === 0) return;
      emit({ kind: 'changes', collections: list });
      peers.announce(list);
    },
    wrote(collections: Iterable<ReplicaCollection>) {
      peers.announce([...new Set(collections)]);
    },
    pendingChanged() {
      void countPending(ctx).then((n) => {
        if (n === pendingWrites) return;
        pendingWrites = n;
        emit({ kind: 'status' });
      });
    },
    notTaken(items) {
      notTaken = [...notTaken, ...items].slice(-MAX_NOT_TAKEN);
      emit({ kind: 'status' });
      // Kept with the company, so a page that did not see them happen (the panel, when the
      // background runtime ran the upgrade) still lists them.
      // If the database closed meanwhile (page shutting down), the items live on in memory only.
      saveNotTaken().catch(() => undefined);
    },
  };

  async function saveNotTaken(): Promise<void> {
    const tx = db.transaction(REPLICA_STORES, 'readwrite');
    await updateRealm(tx, realmId, { notTaken });
    await tx.done;
  }

  const locks = options.locks ?? browserLocks();
  const lockName = `qbo-sync-replica:${db.name}:${realmId}`;
  /** Held by the page whose run pulls the replica from nothing. */
  const firstPullLock = `${lockName}:first-pull`;

  let opening = true;

  /**
   * The first run (the one that opens the replica) waits for any run of the same replica in
   * another page of this browser: a host window opening while the panel pulls the firm's 20,000
   * links then asks only for what came after that pull, instead of fetching and writing the same
   * records into the same IndexedDB a second time. Later runs (a change announced, a reconnect)
   * are small and go at once.
   */
  function run(): Promise<void> {
    const first = opening;
    opening = false;
    const early = first ? options.firstPull : undefined;
    const go = () =>
      runNow(early).finally(() => {
        if (!early?.serving) return early?.end();
        // Read from memory until now (pulled while another page wrote): the views read IndexedDB again.
        early.end();
        ctx.changed(['links']);
      });
    if (!first || !locks) return go();
    return (async () => {
      // Another page of this browser runs the replica's first pull (the panel, as its window
      // opens): its 20,000 links reach IndexedDB seconds from now. Meanwhile this page reads the
      // firm's pages into memory only, so its views need not wait for those writes.
      if (early && (await lockHeld(locks, firstPullLock))) void pullIntoMemory(early);
      return locks.request(lockName, async () => {
        // A replica never pulled: say so to the other pages for as long as this run goes.
        if ((await readRealm(db, realmId)).checkpoint === '0') return locks.request(firstPullLock, go);
        return go();
      });
    })();
  }

  async function lockHeld(l: ReplicaLocks, name: string): Promise<boolean> {
    try {
      return (await l.query?.())?.held?.some((h) => h.name === name) === true;
    } catch {
      return false;
    }
  }

  /** The firm's pages from the start, into `early` only (the page that holds the lock writes them). */
  async function pullIntoMemory(early: EarlyLinks): Promise<void> {
    try {
      // Writes made offline here are not at the firm yet: memory alone would hide them.
      if ((await countPending(ctx)) > 0) return early.end();
      let since = '0';
      for (;;) {
        const page = await remote.pull(realmId, since, options.pageSize ?? DEFAULT_PULL_PAGE);
        early.page(page.records);
        if (!page.more || page.checkpoint === since) return early.complete();
        since = page.checkpoint;
      }
    } catch {
      // The run that waits for the lock reads the replica as usual.
    }
  }

  async function runNow(early: EarlyLinks | undefined): Promise<void> {
    // Closed while waiting for another page's run: nothing to do (the database is closed too).
    if (closed) return;
    emit({ kind: 'status' });
    // While the first pull's links are read from memory, the views have them all already: the
    // collections its slices change are told once, when the writes are over.
    const held = new Set<ReplicaCollection>();
    const onPage = (changed: Set<ReplicaCollection>) => {
      if (early?.serving) changed.forEach((c) => held.add(c));
      else ctx.changed(changed);
    };
    try {
      await adoptLocalData(ctx);
      await flushPending(ctx);
      await pullAll({ db, realmId, remote, now, pageSize: options.pageSize, onPage, firstPull: early });
      ctx.reachable(true);
      lastSyncedAt = (await readRealm(db, realmId)).lastSyncedAt;
    } catch (e) {
      if (e instanceof FirmRemoteError && e.offline) {
        ctx.reachable(false);
        return;
      }
      throw e;
    } finally {
      pendingWrites = await countPending(ctx);
      if (held.size > 0) {
        // Reads leave the memory first: whoever re-reads now reads IndexedDB.
        early?.end();
        ctx.changed(held);
      }
    }
  }

  function pullNow(): Promise<void> {
    if (closed) return Promise.resolve();
    if (running) return running;
    running = run().finally(() => {
      running = undefined;
      openEvents();
      emit({ kind: 'status' });
      if (again && !closed) {
        again = false;
        void pullNow().catch(() => undefined);
      }
    });
    return running;
  }

  function requestPull(delayMs: number): void {
    if (debounce) clearTimeout(debounce);
    debounce = setTimeout(() => {
      debounce = undefined;
      if (running) again = true;
      // Errors other than "unreachable" reach the panel through the status and the next pullNow.
      else void pullNow().catch(() => undefined);
    }, delayMs);
  }

  let eventsWanted = false;
  /**
   * Opens the push channel after the opening run got its answers (every page of a first pull
   * arrived, or the run ended): the stream holds one of the browser's six connections to the
   * add-in's origin for good, and while the tab opens those carry the firm's pages, QuickBooks'
   * pages and the tab's code. Nothing is missed: the channel's `open` asks for a pull.
   */
  function openEvents(): void {
    if (!eventsWanted || stopEvents || closed) return;
    stopEvents = remote.events(onEvent);
  }

  function onEvent(e: FirmEvent): void {
    if (closed) return;
    if (e.type === 'open') {
      streamDown = false;
      emit({ kind: 'status' });
      requestPull(0); // catch up after the gap, and send what waited offline
    } else if (e.type === 'down') {
      if (!streamDown) {
        streamDown = true;
        emit({ kind: 'status' });
      }
      // The stream dropped: unless it is back within a second (a token's normal end), find out
      // whether the firm can still be reached, so the status says 'offline' when it cannot.
      requestPull(DOWN_CHECK_MS);
    } else if (e.type === 'changes' && e.realmId === realmId) {
      requestPull(options.debounceMs ?? 50);
    }
  }

  return {
    writer: createReplicaWriter(ctx),
    async start() {
      const realm = await readRealm(db, realmId);
      lastSyncedAt = realm.lastSyncedAt;
      notTaken = [...(realm.notTaken ?? [])];
      pendingWrites = await countPending(ctx);
      eventsWanted = true;
      // The push channel opens once the opening run has its answers (see openEvents).
      void options.firstPull?.received.then((complete) => complete && openEvents());
    },
    close() {
      closed = true;
      if (debounce) clearTimeout(debounce);
      stopEvents?.();
      peers.close();
      listeners.clear();
    },
    state: {
      status() {
        const mode: ReplicationMode = reachable === false ? 'offline' : running || streamDown || reachable === undefined ? 'syncing' : 'live';
        const s: ReplicationStatus = { mode, pendingWrites, notTaken: [...notTaken] };
        if (lastSyncedAt) s.lastSyncedAt = lastSyncedAt;
        return s;
      },
      subscribe(listener) {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      pullNow,
      async dismissNotTaken() {
        notTaken = [];
        await saveNotTaken();
        emit({ kind: 'status' });
      },
    },
  };
}
