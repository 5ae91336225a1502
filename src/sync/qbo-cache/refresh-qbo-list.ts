/**
 * Reads one QuickBooks list (Customer, Employee or Item) for a Match tab from the local cache,
 * brought up to date with Change Data Capture, so a second open costs one request instead of
 * one per 1,000 rows (QBO-FACTS §5 CDC).
 *
 * 1. The lists of this company whose mark is recent enough for CDC to reach back (29 days, a
 *    day short of QBO's 30 for clock drift) are refreshed together: one `GET cdc` for all of
 *    them, since the oldest mark, in parallel with the cached rows and CompanyInfo.
 * 2. Changed rows replace cached ones; rows CDC reports `Deleted` (deleted, or merged into
 *    another) or inactive leave the list, which, like QBO's own queries, holds active rows only.
 * 3. A full read (paged query) instead, and the cache replaced, when CDC cannot reach back: no
 *    mark (never read, or dropped), a mark over 29 days old, a CDC fault (e.g. "older than fixed
 *    days"), an answer at QBO's 1,000-object cap (CDC does not page), or signs that the cache
 *    belongs to another company under the same realm id (CompanyInfo created at another time
 *    than when the list was read, QBO's clock before the mark, or a known Id with another
 *    creation time: a reset sandbox). CompanyInfo is read beside the CDC call, so a second
 *    open costs two requests.
 * 4. Before a full read a CDC call with `changedSince` = now gives QBO's own time, taken as the
 *    mark, so nothing changed during the read is missed next time. (A browser clock more than
 *    30 days behind QuickBooks' makes that probe fail; the list is then read in full each time.)
 *
 * The rows are returned as soon as they are known; the cache write finishes in the background
 * (`saved`), and a failed write only means the next open reads in full.
 */
import { isQboFaultError } from '../qbo/errors';
import type { CdcResult, QboGateway, QboRecord } from '../qbo/gateway';
import { countQuery } from '../qbo/query-builder';
import type { ListMark } from './cache-db';
import type { ListCachePort } from './list-cache-port';
import type { ListChanges } from './qbo-list-cache';

/** The lists the Match tabs show; one CDC request covers all that are cached. */
export const CACHED_LISTS = ['Customer', 'Employee', 'Item'] as const;
/** How far back a mark may be for CDC to be asked (QBO allows 30 days). */
export const CDC_REACH_MS = 29 * 24 * 3600 * 1000;

export type CacheGateway = Pick<QboGateway, 'realmId' | 'query' | 'queryAll' | 'cdc' | 'read'>;

export interface ListRead<T> {
  rows: T[];
  via: 'cdc' | 'full';
  /** Why a full read was made (absent for CDC). */
  reason?: string;
  /** QBO requests this read made. */
  requests: number;
  /** Settles when the cache holds the result: undefined, or the error that kept it from being saved. */
  saved: Promise<Error | undefined>;
}

export interface RefreshDeps {
  gateway: CacheGateway;
  cache: ListCachePort;
  /** Client clock, for the 29-day check; injectable for tests. */
  now?: () => number;
  /** A full read's rows so far, in page order, as its pages arrive (and how many QBO counted). */
  onRows?: (rows: readonly QboRecord[], total: number | undefined) => void;
}

/** QBO writes times with an offset (2024-05-01T10:00:00-07:00); Date parses that shape. */
function timeMs(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

const isRemoval = (row: QboRecord): boolean => row.status === 'Deleted' || row.Active === false;

function createTime(row: QboRecord | undefined): string | undefined {
  const meta = row?.MetaData as { CreateTime?: unknown } | undefined;
  return typeof meta?.CreateTime === 'string' ? meta.CreateTime : undefined;
}

function settle(p: Promise<void>): Promise<Error | undefined> {
  return p.then(
    () => undefined,
    (e: unknown) => (e instanceof Error ? e : new Error(String(e))),
  );
}

/**
 * What tells this company from another that later got the same realm id (a reset sandbox):
 * when its CompanyInfo was created. Undefined when QBO will not say.
 */
async function companyStamp(gateway: CacheGateway): Promise<string | undefined> {
  try {
    const info = await gateway.read<QboRecord>('CompanyInfo', gateway.realmId);
    const meta = info.MetaData as { CreateTime?: unknown } | undefined;
    return typeof meta?.CreateTime === 'string' ? `${meta.CreateTime} ${String(info.CompanyName ?? '')}` : undefined;
  } catch (e) {
    if (isQboFaultError(e) && (e.kind === 'validation' || e.kind === 'notFound')) return undefined;
    throw e;
  }
}

/** The part of the Web Locks API used here (LockManager in browsers; absent in Node). */
export interface ListLocks {
  request(name: string, callback: () => Promise<void>): Promise<void>;
}

function browserLocks(): ListLocks | undefined {
  const nav = (globalThis as { navigator?: { locks?: ListLocks } }).navigator;
  return nav?.locks;
}

/**
 * One read of a list at a time per company in this browser, held until the cache has the
 * result: a page that asks while another reads (the panel fetching the list as it opens, then
 * its Integration window) waits, then finds the list cached and asks CDC only, instead of
 * reading every page a second time. The rows are handed on before the cache write ends.
 */
export function readQboList<T = QboRecord>(entity: string, deps: RefreshDeps & { locks?: ListLocks | null }): Promise<ListRead<T>> {
  const early = takeReadAhead<T>(`${deps.gateway.realmId}:${entity}`);
  if (early) return early.catch(() => readLocked<T>(entity, deps));
  return readLocked<T>(entity, deps);
}

function readLocked<T>(entity: string, deps: RefreshDeps & { locks?: ListLocks | null }): Promise<ListRead<T>> {
  const locks = deps.locks === null ? undefined : (deps.locks ?? browserLocks());
  if (!locks) return readList<T>(entity, deps);
  return new Promise<ListRead<T>>((resolve, reject) => {
    locks
      .request(`qbo-sync-qbo-list:${deps.gateway.realmId}:${entity}`, async () => {
        const read = await readList<T>(entity, deps);
        resolve(read);
        await read.saved;
      })
      .catch(reject);
  });
}

/** How long a read made ahead is kept for the reader it was made for. */
export const READ_AHEAD_KEEP_MS = 30_000;

/** The rows a read ahead has so far (a full read, page by page), for a view that shows them while the rest comes. */
export type ListProgress = (rows: readonly QboRecord[], total: number | undefined) => void;

interface ReadAhead {
  read: Promise<ListRead<unknown>>;
  doneAt?: number;
  rows?: readonly QboRecord[];
  total?: number;
  listeners: Set<ListProgress>;
}

const readsAhead = new Map<string, ReadAhead>();

/**
 * Follows the pages of a list read ahead in this page while it is under way (the listener gets
 * the rows so far at once, then at each page); nothing when no such read goes on. Returns the
 * unsubscribe function.
 */
export function watchQboListAhead(realmId: string, entity: string, listener: ListProgress): () => void {
  const ahead = readsAhead.get(`${realmId}:${entity}`);
  if (!ahead || ahead.doneAt !== undefined) return () => undefined;
  ahead.listeners.add(listener);
  if (ahead.rows) listener(ahead.rows, ahead.total);
  return () => ahead.listeners.delete(listener);
}

function takeReadAhead<T>(key: string): Promise<ListRead<T>> | undefined {
  const ahead = readsAhead.get(key);
  if (!ahead) return undefined;
  readsAhead.delete(key);
  if (ahead.doneAt !== undefined && Date.now() - ahead.doneAt > READ_AHEAD_KEEP_MS) return undefined;
  return ahead.read as Promise<ListRead<T>>;
}

/**
 * Starts reading a list ahead of the view that will show it, in the same page (a host window
 * at a Match tab starts while its code loads): the view's `readQboList` of the same list, within
 * READ_AHEAD_KEEP_MS of the end, gets this read instead of making another. Resolves when the
 * rows are known; a failure is left to the view's own read, which then reads again.
 */
export async function readQboListAhead(entity: string, deps: RefreshDeps & { locks?: ListLocks | null }): Promise<void> {
  const key = `${deps.gateway.realmId}:${entity}`;
  const listeners = new Set<ListProgress>();
  const onRows: ListProgress = (rows, total) => {
    ahead.rows = rows;
    ahead.total = total;
    for (const l of [...listeners]) l(rows, total);
  };
  const ahead: ReadAhead = { read: readLocked<QboRecord>(entity, { ...deps, onRows }), listeners };
  readsAhead.set(key, ahead);
  try {
    await ahead.read;
    ahead.doneAt = Date.now();
  } catch {
    if (readsAhead.get(key) === ahead) readsAhead.delete(key);
  } finally {
    listeners.clear();
    ahead.rows = undefined;
  }
}

async function readList<T>(entity: string, deps: RefreshDeps): Promise<ListRead<T>> {
  const { gateway, cache } = deps;
  const now = deps.now ?? Date.now;
  const realmId = gateway.realmId;
  const fresh = (await cache.marks(realmId)).filter(
    (m) => (CACHED_LISTS as readonly string[]).includes(m.entity) && now() - m.syncedAtMs < CDC_REACH_MS,
  );
  const own = fresh.find((m) => m.entity === entity);
  if (!own) return fullRead<T>(entity, deps, 'the list was not cached, or not within the 29 days CDC reaches back');

  const oldest = fresh.reduce((a, b) => (b.syncedAtMs < a.syncedAtMs ? b : a));
  let answer: CdcResult;
  let cached: { rows: QboRecord[]; mark?: ListMark };
  let company: string | undefined;
  try {
    [cached, answer, company] = await Promise.all([
      cache.read(realmId, entity),
      gateway.cdc(
        fresh.map((m) => m.entity),
        oldest.syncedAt,
      ),
      companyStamp(gateway),
    ]);
  } catch (e) {
    // A fault QBO answered (the window, an entity it will not report): read in full. Auth,
    // throttling and network failures are the caller's to show.
    if (isQboFaultError(e) && e.kind === 'validation') return fullRead<T>(entity, deps, `QuickBooks Online could not give the changes (${e.message})`, 2);
    throw e;
  }
  // Marked when asked, but the rows are gone or damaged now (another page dropped them meanwhile).
  if (!cached.mark) return fullRead<T>(entity, deps, 'the cached list could not be read back', 2);
  const answeredAt = timeMs(answer.time);
  if (answer.time === undefined || answeredAt === undefined) return fullRead<T>(entity, deps, 'the CDC answer had no time', 2);
  if (answer.mayBeTruncated) return fullRead<T>(entity, deps, 'more changes than one CDC answer holds (1,000)', 2);
  if (fresh.some((m) => m.company !== undefined && company !== undefined && m.company !== company)) {
    return fullRead<T>(entity, deps, 'QuickBooks Online reports another company under this realm id: the company was replaced', 2);
  }
  if (answeredAt < oldest.syncedAtMs - 1000) return fullRead<T>(entity, deps, "QuickBooks Online's clock is before the last read: the company was replaced", 2);

  const byId = new Map(cached.rows.map((r) => [String(r.Id), r]));
  const changes = new Map<string, ListChanges>();
  for (const m of fresh) {
    const rows = answer.entities[m.entity] ?? [];
    changes.set(m.entity, { upserts: rows.filter((r) => !isRemoval(r)), removals: rows.filter(isRemoval).map((r) => String(r.Id)) });
  }
  for (const row of answer.entities[entity] ?? []) {
    const id = String(row.Id);
    const before = byId.get(id);
    const was = createTime(before);
    const is = createTime(row);
    if (was !== undefined && is !== undefined && was !== is) {
      return fullRead<T>(entity, deps, `record ${id} has another creation time than the cached one: the company was replaced`, 2);
    }
    if (isRemoval(row)) byId.delete(id);
    else byId.set(id, row);
  }
  const saved = settle(cache.apply(realmId, changes, { syncedAt: answer.time, syncedAtMs: answeredAt, via: 'cdc', company }));
  return { rows: [...byId.values()] as T[], via: 'cdc', requests: 2, saved };
}

/**
 * Pages of a full read asked for at once: most of QBO's 10 concurrent requests, leaving room for
 * the other requests of the page (the pacer keeps all of them inside QBO's limits).
 */
export const FULL_READ_PAGES_IN_FLIGHT = 8;

async function fullRead<T>(entity: string, deps: RefreshDeps, reason: string, spent = 0): Promise<ListRead<T>> {
  const { gateway, cache } = deps;
  const now = deps.now ?? Date.now;
  let mark: Omit<ListMark, 'realmId' | 'entity'> | undefined;
  let requests = spent;
  // The count lets the pages go out together, and its answer carries QBO's time before the
  // read: any change during the read is at or after it, so it is the mark.
  const counted = await gateway.query(countQuery(entity));
  requests += 1;
  const countedAt = timeMs(counted.time);
  if (counted.time !== undefined && countedAt !== undefined) {
    mark = { syncedAt: counted.time, syncedAtMs: countedAt, via: 'full' };
  } else {
    try {
      // No time on the count: a CDC call with changedSince = now gives QBO's time instead.
      const probe = await gateway.cdc([entity], new Date(now()));
      const at = timeMs(probe.time);
      if (probe.time !== undefined && at !== undefined) mark = { syncedAt: probe.time, syncedAtMs: at, via: 'full' };
    } catch (e) {
      // Only a QBO fault (e.g. QBO's clock far ahead of this one) is survivable: the list is
      // then cached without a mark and read in full again next time.
      if (!(isQboFaultError(e) && e.kind === 'validation')) throw e;
    } finally {
      requests += 1;
    }
  }
  const pages: number[] = [];
  const sofar: QboRecord[] = [];
  const rows = await gateway.queryAll<QboRecord>(entity, undefined, {
    pageSize: 1000,
    concurrency: FULL_READ_PAGES_IN_FLIGHT,
    totalCount: counted.totalCount,
    onPage: (page, n) => {
      pages.push(n);
      if (!deps.onRows) return;
      sofar.push(...page);
      deps.onRows(sofar, counted.totalCount);
    },
  });
  requests += Math.max(1, pages.length);
  // CompanyInfo only matters to the cache: read once the pages are in, so that it does not take
  // a place in the rate windows the pages wait for.
  const save = async (): Promise<void> => {
    if (!mark) return cache.dropMarks(gateway.realmId, [entity]);
    const company = await companyStamp(gateway);
    await cache.replace(gateway.realmId, entity, rows, { ...mark, company });
  };
  if (mark) requests += 1;
  return { rows: rows as T[], via: 'full', reason, requests, saved: settle(save()) };
}
