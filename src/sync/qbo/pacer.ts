/**
 * Client-side pacing so the product itself stays inside QBO's limits per company
 * (QBO-FACTS §5: ≤10 concurrent, ≤10/s, ≤500/min, batch ≤40/min per realm and app) instead
 * of learning them from 429s. Requests are granted strictly in the order they asked, so a
 * long export cannot starve the one read the user is waiting for behind it… nor overtake it.
 *
 * Time comes from an injected clock so tests run on a fake one. One Pacer paces one realm:
 * every gateway for the same realm in the same page should share it (see `QboClientOptions`).
 */

export interface PacerLimits {
  /** Requests under way at once. */
  maxInFlight: number;
  /** Request starts in any 1 s window. */
  perSecond: number;
  /** Request starts in any 60 s window (batch calls count too). */
  perMinute: number;
  /** Batch calls in any 60 s window. */
  batchPerMinute: number;
}

/** QBO's published limits for one realm and app. */
export const QBO_LIMITS: PacerLimits = { maxInFlight: 10, perSecond: 10, perMinute: 500, batchPerMinute: 40 };

export interface PacerClock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

export const realClock: PacerClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export type PacedKind = 'request' | 'batch';

/** Call it once when the request has finished (answer or failure). */
export type PacerRelease = () => void;

interface Waiter {
  kind: PacedKind;
  grant: (release: PacerRelease) => void;
}

const SECOND = 1_000;
const MINUTE = 60_000;

export interface PacerOptions {
  /**
   * Extra milliseconds added to each window. QBO counts arrivals, we count departures: two
   * requests sent exactly a second apart can arrive less than a second apart after network
   * jitter, so a little slack keeps the server's count within the limit too. @defaultvalue 0
   */
  slackMs?: number;
}

/** Window slack every product pacer uses (see PacerOptions.slackMs): without it, arrivals bunch up and QBO answers 429. */
export const DEFAULT_PACER_SLACK_MS = 100;

export class Pacer {
  private readonly limits: PacerLimits;
  private readonly clock: PacerClock;
  private readonly queue: Waiter[] = [];
  /** Start times of granted requests in the last minute, oldest first. */
  private starts: number[] = [];
  /** Start times of granted batch calls in the last minute, oldest first. */
  private batchStarts: number[] = [];
  private running = 0;
  private holdUntilMs = 0;
  private timerPending = false;
  private readonly second: number;
  private readonly minute: number;

  constructor(limits: PacerLimits = QBO_LIMITS, clock: PacerClock = realClock, options: PacerOptions = {}) {
    const slack = options.slackMs ?? 0;
    if (!(slack >= 0)) throw new RangeError(`Pacer slackMs must be ≥ 0, got ${slack}.`);
    this.second = SECOND + slack;
    this.minute = MINUTE + slack;
    for (const [name, value] of Object.entries(limits)) {
      if (!Number.isInteger(value) || value < 1) throw new RangeError(`Pacer limit ${name} must be a positive integer, got ${value}.`);
    }
    this.limits = limits;
    this.clock = clock;
  }

  /** Requests granted and not yet released. */
  get inFlight(): number {
    return this.running;
  }

  /** Requests waiting for a slot. */
  get waiting(): number {
    return this.queue.length;
  }

  /** Waits for a slot; resolves with the function that gives it back. */
  acquire(kind: PacedKind = 'request'): Promise<PacerRelease> {
    return new Promise<PacerRelease>((grant) => {
      this.queue.push({ kind, grant });
      this.pump();
    });
  }

  /** Runs `task` inside a slot. */
  async run<T>(kind: PacedKind, task: () => Promise<T>): Promise<T> {
    const release = await this.acquire(kind);
    try {
      return await task();
    } finally {
      release();
    }
  }

  /** Grants nothing new before `untilMs` (after QBO answered 429 with Retry-After). */
  holdUntil(untilMs: number): void {
    if (untilMs > this.holdUntilMs) this.holdUntilMs = untilMs;
  }

  private prune(now: number): void {
    while (this.starts.length > 0 && now - this.starts[0] >= this.minute) this.starts.shift();
    while (this.batchStarts.length > 0 && now - this.batchStarts[0] >= this.minute) this.batchStarts.shift();
  }

  /** Milliseconds until `kind` may start (0 = now), ignoring the in-flight cap. */
  private waitFor(kind: PacedKind, now: number): number {
    let until = this.holdUntilMs;
    const { perSecond, perMinute, batchPerMinute } = this.limits;
    if (this.starts.length >= perMinute) until = Math.max(until, this.starts[this.starts.length - perMinute] + this.minute);
    // The start `perSecond` places back must be a second old before another may begin.
    if (this.starts.length >= perSecond) until = Math.max(until, this.starts[this.starts.length - perSecond] + this.second);
    if (kind === 'batch' && this.batchStarts.length >= batchPerMinute) {
      until = Math.max(until, this.batchStarts[this.batchStarts.length - batchPerMinute] + this.minute);
    }
    return Math.max(0, until - now);
  }

  private pump(): void {
    while (this.queue.length > 0) {
      if (this.running >= this.limits.maxInFlight) return; // a release will pump again
      const now = this.clock.now();
      this.prune(now);
      const head = this.queue[0];
      const wait = this.waitFor(head.kind, now);
      if (wait > 0) {
        this.wake(wait);
        return;
      }
      this.queue.shift();
      this.starts.push(now);
      if (head.kind === 'batch') this.batchStarts.push(now);
      this.running++;
      let released = false;
      head.grant(() => {
        if (released) return;
        released = true;
        this.running--;
        this.pump();
      });
    }
  }

  private wake(ms: number): void {
    if (this.timerPending) return;
    this.timerPending = true;
    void this.clock.sleep(ms).then(() => {
      this.timerPending = false;
      this.pump();
    });
  }
}
