/**
 * Per-minute request budgets that hold across replicas (PostgreSQL only): each key's requests
 * are counted in fixed one-minute windows in the table `rate_windows`, summed over every
 * replica, without a database round trip per request.
 *
 * How:
 * 1. `take(key)` decides at once from what this replica knows: the key's total for the current
 *    minute as of its last flush (every replica's requests) plus the requests it admitted since.
 *    At or over the budget: 429 with Retry-After = seconds to the next minute.
 * 2. Every `flushMs` (default 1 s) one statement adds this replica's new counts to the table
 *    (`INSERT … ON CONFLICT DO UPDATE SET count = count + excluded.count RETURNING count`) and
 *    learns those keys' new totals; a second reads the totals of the other keys this replica
 *    saw this minute (what the other replicas admitted). Two statements a second per replica,
 *    whatever the request rate.
 * 3. Windows older than the previous minute are deleted once a minute.
 *
 * Error bound: until its next flush a replica does not see the others' newest requests, so a
 * minute's total may pass the budget by what the replicas admit within one flush interval;
 * the per-replica token bucket (rate-limiter.ts) caps that at about one burst per replica.
 * Fixed windows also let a client spend one budget at the end of a minute and the next at the
 * start of the following one. If the database cannot be reached the counts wait for the next
 * flush and each replica's own bucket still limits (fail open: a limit must not take the
 * service down with the database).
 */
import { ApiError } from './api-error';
import type { Database } from './store/database';

const WINDOW_MS = 60_000;
/** Rows per upsert statement (PostgreSQL allows 65,535 parameters; 3 per row). */
const ROWS_PER_STATEMENT = 1000;
/** Keys tracked at once; past this, new keys are limited by each replica's own bucket only. */
const MAX_KEYS = 100_000;

interface KeyWindow {
  window: number;
  /** Every replica's requests in `window`, as of the last flush. */
  total: number;
  /** Admitted here since the last flush. */
  pending: number;
}

export interface SharedRateWindowsOptions {
  now?: () => number;
  /** @defaultvalue 1000 */
  flushMs?: number;
  /** The first failed flush after a good one (the counts are kept for the next). */
  onError?: (err: Error) => void;
}

export class SharedRateWindows {
  private readonly keys = new Map<string, KeyWindow>();
  private readonly now: () => number;
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> | null = null;
  private lastSweptWindow = 0;
  private failing = false;

  constructor(
    private readonly db: Database,
    private readonly options: SharedRateWindowsOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.timer = setInterval(() => void this.flush(), options.flushMs ?? 1000);
    this.timer.unref();
  }

  /** Counts one request against `key`'s per-minute budget, or throws 429 rate_limited. */
  take(key: string, perMinute: number): void {
    const now = this.now();
    const window = Math.floor(now / WINDOW_MS) * WINDOW_MS;
    let w = this.keys.get(key);
    if (!w && this.keys.size >= MAX_KEYS) return;
    if (!w || w.window !== window) {
      // A new minute: the old window's unflushed count no longer limits anything.
      w = { window, total: 0, pending: 0 };
      this.keys.set(key, w);
    }
    if (w.total + w.pending >= perMinute) {
      const retryAfter = Math.max(1, Math.ceil((window + WINDOW_MS - now) / 1000));
      throw new ApiError(429, 'rate_limited', `Too many requests; wait ${retryAfter} s and try again.`, { 'Retry-After': String(retryAfter) });
    }
    w.pending++;
  }

  /** Adds this replica's new counts to the shared table and reads back each key's total. */
  flush(): Promise<void> {
    this.flushing ??= this.flushOnce().finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async flushOnce(): Promise<void> {
    const current = Math.floor(this.now() / WINDOW_MS) * WINDOW_MS;
    const batch: Array<[string, KeyWindow, number]> = [];
    const idle: string[] = [];
    for (const [key, w] of this.keys) {
      if (w.window < current && w.pending === 0) this.keys.delete(key);
      else if (w.pending > 0) batch.push([key, w, w.pending]);
      else idle.push(key);
    }
    try {
      for (let i = 0; i < batch.length; i += ROWS_PER_STATEMENT) {
        const rows = batch.slice(i, i + ROWS_PER_STATEMENT);
        const params = rows.flatMap(([key, w, n]) => [key, w.window, n]);
        const values = rows.map((_, j) => `($${3 * j + 1}, $${3 * j + 2}, $${3 * j + 3})`).join(', ');
        const totals = await this.db.query<{ limit_key: string; window_start: string | number; count: string | number }>(
          `INSERT INTO rate_windows (limit_key, window_start, count) VALUES ${values}
           ON CONFLICT (limit_key, window_start) DO UPDATE SET count = rate_windows.count + excluded.count
           RETURNING limit_key, window_start, count`,
          params,
        );
        for (const [, w, n] of rows) w.pending -= n; // requests admitted during the statement stay pending
        for (const t of totals) {
          const w = this.keys.get(t.limit_key);
          if (w && w.window === Number(t.window_start)) w.total = Number(t.count);
        }
      }
      // Keys this replica admitted nothing for since the last flush: read what the others did.
      for (let i = 0; i < idle.length; i += ROWS_PER_STATEMENT) {
        const keys = idle.slice(i, i + ROWS_PER_STATEMENT);
        const totals = await this.db.query<{ limit_key: string; count: string | number }>(
          `SELECT limit_key, count FROM rate_windows WHERE window_start = $1 AND limit_key IN (${keys.map((_, j) => `$${j + 2}`).join(', ')})`,
          [current, ...keys],
        );
        for (const t of totals) {
          const w = this.keys.get(t.limit_key);
          if (w && w.window === current) w.total = Math.max(w.total, Number(t.count));
        }
      }
      if (current > this.lastSweptWindow) {
        await this.db.run('DELETE FROM rate_windows WHERE window_start < $1', [current - WINDOW_MS]);
        this.lastSweptWindow = current;
      }
      this.failing = false;
    } catch (err) {
      if (!this.failing) this.options.onError?.(err as Error);
      this.failing = true;
    }
  }

  /** Stops flushing after one last flush. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  get size(): number {
    return this.keys.size;
  }
}
