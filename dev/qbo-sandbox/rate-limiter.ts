/**
 * QuickBooks' throttles (QBO-FACTS §5 [LIM][B16]): requests per minute per company,
 * per second per company+app, requests in flight per company+app, and batch calls per
 * minute. Windows slide on the sandbox clock, so a faster clock empties them sooner.
 */
import { DEFAULT_LIMITS, type SandboxLimits } from './sandbox-types';

class SlidingWindow {
  private readonly hits = new Map<string, number[]>();

  /** Records a hit if fewer than `limit` happened in the window; false when full. */
  tryHit(key: string, now: number, windowMs: number, limit: number): boolean {
    const list = this.hits.get(key) ?? [];
    let drop = 0;
    while (drop < list.length && list[drop] <= now - windowMs) drop++;
    const live = drop ? list.slice(drop) : list;
    if (live.length >= limit) {
      this.hits.set(key, live);
      return false;
    }
    live.push(now);
    this.hits.set(key, live);
    return true;
  }

  clear(): void {
    this.hits.clear();
  }
}

export interface Admission {
  ok: boolean;
  /** Which limit refused the request (for the 429 detail). */
  reason?: string;
  release(): void;
}

export class RateLimiter {
  private limits: SandboxLimits | false;
  private readonly minute = new SlidingWindow();
  private readonly second = new SlidingWindow();
  private readonly batches = new SlidingWindow();
  private readonly inFlight = new Map<string, number>();

  constructor(limits: Partial<SandboxLimits> | false | undefined) {
    this.limits = limits === false ? false : { ...DEFAULT_LIMITS, ...(limits ?? {}) };
  }

  configure(limits: Partial<SandboxLimits> | false): void {
    this.limits = limits === false ? false : { ...DEFAULT_LIMITS, ...limits };
  }

  current(): SandboxLimits | false {
    return this.limits;
  }

  reset(): void {
    this.minute.clear();
    this.second.clear();
    this.batches.clear();
    this.inFlight.clear();
  }

  admit(realmId: string, clientId: string, isBatch: boolean, now: number): Admission {
    const noop = () => undefined;
    const limits = this.limits;
    if (!limits) return { ok: true, release: noop };
    const app = `${realmId}|${clientId}`;
    const flying = this.inFlight.get(app) ?? 0;
    if (flying >= limits.concurrentPerApp) return { ok: false, reason: `more than ${limits.concurrentPerApp} concurrent requests for this company and app`, release: noop };
    if (!this.second.tryHit(app, now, 1000, limits.perAppPerSecond)) return { ok: false, reason: `more than ${limits.perAppPerSecond} requests a second for this company and app`, release: noop };
    if (!this.minute.tryHit(realmId, now, 60000, limits.perRealmPerMinute)) return { ok: false, reason: `more than ${limits.perRealmPerMinute} requests a minute for this company`, release: noop };
    if (isBatch) {
      if (!this.batches.tryHit(app, now, 60000, limits.batchPerAppPerMinute)) return { ok: false, reason: `more than ${limits.batchPerAppPerMinute} batch requests a minute for this company and app`, release: noop };
      if (!this.batches.tryHit(`realm:${realmId}`, now, 60000, limits.batchPerRealmPerMinute)) return { ok: false, reason: `more than ${limits.batchPerRealmPerMinute} batch requests a minute for this company`, release: noop };
    }
    this.inFlight.set(app, flying + 1);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.inFlight.set(app, Math.max(0, (this.inFlight.get(app) ?? 1) - 1));
      },
    };
  }
}
