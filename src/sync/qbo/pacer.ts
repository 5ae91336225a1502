/**
 * Client-side pacing so the product itself stays inside QBO's limits per company
 * (QBO-FACTS §5: ≤10 concurrent, ≤10/s, ≤500/min, batch ≤40/min per realm and app) instead
 * of learning them from 429s. Requests are granted strictly in the order they asked, so a
 * long export cannot starve the one read the user is waiting for behind it… nor overtake it.
 *
 * QBO counts a request when it ARRIVES; we only know when we let it go and when its answer
 * came back, and the arrival lies somewhere in between (the proxy looks the session up, may
 * open a new connection…). So a request stays in every window until a window's length after
 * its ANSWER, not after its start: then the next request cannot arrive inside a window the
 * server still counts, however unevenly the path delays each request. Counting from the start
 * let a slow first request of a fresh panel (arrival 100+ ms after start) and fast later ones
 * land 11 arrivals in 997 ms, which the sandbox refused with 429 — and a 429 costs 60 s.
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

/** One granted request, kept while it can still count in a window. */
interface Slot {
  kind: PacedKind;
  /** When its answer came (release); undefined while it is under way, when it counts in every window. */
  endedAt?: number;
}

const SECOND = 1_000;
const MINUTE = 60_000;

export interface PacerOptions {
  /**
   * Extra milliseconds added to each window, for clocks and timers that are not exact (windows
   * already run from each request's answer, which is never before its arrival). @defaultvalue 0
   */
  slackMs?: number;
}

/** Window slack every product pacer uses (see PacerOptions.slackMs): timer and clock rounding between us and QBO. */
export const DEFAULT_PACER_SLACK_MS = 100;

export class Pacer {
  private readonly limits: PacerLimits;
  private readonly clock: PacerClock;
  private readonly queue: Waiter[] = [];
  /** Granted requests under way or answered within the last minute, in the order granted. */
  private slots: Slot[] = [];
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
    this.slots = this.slots.filter((slot) => slot.endedAt === undefined || now - slot.endedAt < this.minute);
  }

  /**
   * When a window of `windowMs` holding at most `limit` of `slots` has room again: 0 = now,
   * Infinity = only after a release (requests under way fill it).
   */
  private static roomAt(slots: readonly Slot[], now: number, windowMs: number, limit: number): number {
    const live: number[] = [];
    for (const slot of slots) {
      const end = slot.endedAt ?? Infinity;
      if (end + windowMs > now) live.push(end);
    }
    if (live.length < limit) return 0;
    live.sort((a, b) => a - b);
    // The window has room once all but limit − 1 of the live ones have left it.
    return live[live.length - limit] + windowMs;
  }

  /** Milliseconds until `kind` may start (0 = now, Infinity = after a release), ignoring the in-flight cap. */
  private waitFor(kind: PacedKind, now: number): number {
    const { perSecond, perMinute, batchPerMinute } = this.limits;
    let until = Math.max(
      this.holdUntilMs,
      Pacer.roomAt(this.slots, now, this.second, perSecond),
      Pacer.roomAt(this.slots, now, this.minute, perMinute),
    );
    if (kind === 'batch') {
      const batches = this.slots.filter((slot) => slot.kind === 'batch');
      until = Math.max(until, Pacer.roomAt(batches, now, this.minute, batchPerMinute));
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
      if (wait === Infinity) return; // a release will pump again
      if (wait > 0) {
        this.wake(wait);
        return;
      }
      this.queue.shift();
      const slot: Slot = { kind: head.kind };
      this.slots.push(slot);
      this.running++;
      head.grant(() => {
        if (slot.endedAt !== undefined) return;
        slot.endedAt = this.clock.now();
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
