/**
 * One run at a time (issue 14, point 10): before a Match-tab export or import, a Time & Billing
 * export, the one-off export command (or the resume of any of them) a page takes two locks, and
 * holds both until the run ends:
 *
 * 1. this browser's Web Lock for the run (navigator.locks, `ifAvailable`): another tab, window or
 *    the commands runtime of the same browser is refused at once, and a reload or a crash frees
 *    it with the page;
 * 2. the firm's run lease at the proxy (run-lease-remote.ts), renewed while the run lasts: other
 *    staff and other browsers are refused, and a page that died holds it only until it expires.
 *    Holding the browser lock proves that no other page of this browser runs it, so a lease left
 *    by this browser's previous page (a reload) is taken over at once — by the same user only
 *    (the proxy checks the identity, since the browser id is the page's word). A lease held in
 *    another browser, even the same user's, is waited out: that page may really be running.
 *
 * A refused page is told who runs it and since when; `watch` tells it when the run is over.
 */
import type { RunLeaseHolder, RunLeaseRemote } from './run-lease-remote';

/** The part of the Web Locks API used here (LockManager in browsers; absent in Node). */
export interface BrowserLocks {
  request(name: string, options: { ifAvailable: true }, callback: (lock: unknown) => Promise<void> | void): Promise<unknown>;
}

export interface RunGuardOptions {
  leases: RunLeaseRemote;
  /** @defaultvalue navigator.locks when the browser has it */
  locks?: BrowserLocks;
  /** This browser (kept across reloads, e.g. in localStorage). */
  browserId: string;
  /** This page. */
  instanceId: string;
  /** Lease time; renewed every third of it. @defaultvalue 30 000 */
  ttlMs?: number;
  /** How often `watch` asks whether the run is over. @defaultvalue 3 000 */
  pollMs?: number;
}

export interface RunHolder {
  /** Who runs it; "another window" when only this browser's lock says so. */
  name: string;
  /** ISO time, when known. */
  since?: string;
  /** A window of this browser (not another computer). */
  sameBrowser: boolean;
}

export type RunTicket =
  | { ok: true; release(): Promise<void>; /** Set when a renewal found the lease taken (the page stalled past its expiry). */ lost(): boolean }
  | { ok: false; holder: RunHolder };

export interface RunGuard {
  acquire(realmId: string, name: string): Promise<RunTicket>;
  /** Who runs it now, or null. */
  holder(realmId: string, name: string): Promise<RunHolder | null>;
  /** Calls `onOver` once the run is no longer held by anyone; returns stop. */
  watch(realmId: string, name: string, onOver: () => void): () => void;
}

function defaultLocks(): BrowserLocks | undefined {
  const nav = (globalThis as { navigator?: { locks?: BrowserLocks } }).navigator;
  return nav?.locks;
}

/**
 * Takes the browser lock if free: resolves with its release (which resolves once the lock is
 * free again, so a next request sees it free), or null when another page holds it.
 */
function tryBrowserLock(locks: BrowserLocks, name: string): Promise<(() => Promise<void>) | null> {
  return new Promise((resolve, reject) => {
    // The callback runs later (the Web Locks API calls it asynchronously), after `request` is set.
    const request: Promise<unknown> = locks
      .request(name, { ifAvailable: true }, (lock) => {
        if (!lock) {
          resolve(null);
          return undefined;
        }
        return new Promise<void>((done) =>
          resolve(async () => {
            done();
            await request.catch(() => undefined);
          }),
        );
      })
      .catch((e: unknown) => {
        reject(e);
      });
  });
}

function holderOf(lease: RunLeaseHolder): RunHolder {
  return { name: lease.holder.name, since: lease.acquiredAt, sameBrowser: lease.sameBrowser };
}

export function createRunGuard(options: RunGuardOptions): RunGuard {
  const { leases, browserId, instanceId } = options;
  const locks = options.locks ?? defaultLocks();
  const ttlMs = options.ttlMs ?? 30_000;
  const pollMs = options.pollMs ?? 3_000;
  const lockName = (realmId: string, name: string) => `qbo-sync:${realmId}:${name}`;

  async function holder(realmId: string, name: string): Promise<RunHolder | null> {
    const lease = await leases.get(realmId, name, browserId);
    if (lease) return holderOf(lease);
    if (!locks) return null;
    // No firm lease but this browser's lock is held: a page of this browser is starting or ending it.
    const free = await tryBrowserLock(locks, lockName(realmId, name));
    if (free) {
      await free();
      return null;
    }
    return { name: 'Another window of this browser', sameBrowser: true };
  }

  return {
    holder,
    async acquire(realmId, name) {
      const unlock = locks ? await tryBrowserLock(locks, lockName(realmId, name)) : async () => undefined;
      if (!unlock) {
        const lease = await leases.get(realmId, name, browserId).catch(() => null);
        return { ok: false, holder: lease ? holderOf(lease) : { name: 'Another window of this browser', sameBrowser: true } };
      }
      const request = { instance: instanceId, browser: browserId, ttlMs, takeOverBrowser: locks !== undefined };
      let taken;
      try {
        taken = await leases.take(realmId, name, request);
      } catch (e) {
        await unlock();
        throw e;
      }
      if (!taken.held) {
        await unlock();
        return { ok: false, holder: holderOf(taken.lease) };
      }
      let lost = false;
      let renewing: Promise<void> = Promise.resolve();
      const timer = setInterval(() => {
        renewing = renewing
          .then(() => leases.take(realmId, name, request))
          .then((again) => {
            if (!again.held) lost = true;
          })
          .catch(() => undefined); // a missed renewal is retried at the next tick; the lease outlives two of them
      }, Math.max(1000, Math.floor(ttlMs / 3)));
      let released = false;
      return {
        ok: true,
        lost: () => lost,
        async release() {
          if (released) return;
          released = true;
          clearInterval(timer);
          await renewing;
          try {
            await leases.release(realmId, name, instanceId);
          } catch {
            // Unreachable now: the lease expires by itself within ttlMs.
          } finally {
            await unlock();
          }
        },
      };
    },
    watch(realmId, name, onOver) {
      let stopped = false;
      const tick = async () => {
        if (stopped) return;
        let now: RunHolder | null | undefined;
        try {
          now = await holder(realmId, name);
        } catch {
          now = undefined; // unknown: ask again
        }
        if (stopped) return;
        if (now === null) {
          stopped = true;
          onOver();
          return;
        }
        setTimeout(() => void tick(), pollMs);
      };
      setTimeout(() => void tick(), pollMs);
      return () => {
        stopped = true;
      };
    },
  };
}

/** This browser's id, kept in `storage` across reloads (a fresh one per page without storage). */
export function browserIdFrom(storage: Pick<Storage, 'getItem' | 'setItem'> | undefined): string {
  const key = 'qbo-sync.browser-id';
  try {
    const known = storage?.getItem(key);
    if (known && /^[A-Za-z0-9_-]{8,80}$/.test(known)) return known;
    const made = crypto.randomUUID();
    storage?.setItem(key, made);
    return made;
  } catch {
    return crypto.randomUUID();
  }
}
