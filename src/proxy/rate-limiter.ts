/**
 * Per-key request budgets (token buckets): `capacity` requests at once, refilled at
 * `perMinute`. Keys are user ids or client addresses, prefixed by the kind of endpoint. Kept in
 * the replica's memory, so bursts cost no database call; on PostgreSQL the per-minute totals are
 * also shared across replicas by shared-rate-windows.ts.
 * At most `maxKeys` buckets are kept; full buckets are dropped by `prune()`, and when the map is
 * full anyway the oldest bucket makes room.
 */
import { ApiError } from './api-error';

export interface Budget {
  /** Requests per minute, sustained. */
  perMinute: number;
  /** Requests allowed in a burst. */
  capacity: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  /** Takes one request from `key`'s budget, or throws 429 rate_limited with the seconds to wait. */
  take(key: string, budget: Budget): void {
    const now = this.now();
    const rate = budget.perMinute / 60_000;
    const bucket = this.buckets.get(key);
    let tokens = budget.capacity;
    if (bucket) {
      tokens = Math.min(budget.capacity, bucket.tokens + (now - bucket.at) * rate);
      this.buckets.delete(key); // re-inserted below, so the map stays in last-use order
    } else if (this.buckets.size >= this.maxKeys) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      const retryAfter = Math.max(1, Math.ceil((1 - tokens) / rate / 1000));
      throw new ApiError(429, 'rate_limited', `Too many requests; wait ${retryAfter} s and try again.`, { 'Retry-After': String(retryAfter) });
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
  }

  /** Drops buckets that have refilled (they hold nothing a new bucket would not). */
  prune(budgetOf: (key: string) => Budget | undefined): void {
    const now = this.now();
    for (const [key, b] of this.buckets) {
      const budget = budgetOf(key);
      if (!budget || b.tokens + ((now - b.at) * budget.perMinute) / 60_000 >= budget.capacity) this.buckets.delete(key);
    }
  }

  get size(): number {
    return this.buckets.size;
  }
}
