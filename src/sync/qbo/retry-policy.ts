/**
 * When the gateway tries a request again, written as data so that it can be read, tested and
 * tuned in one place (STYLE rule 7). `decideRetry` is the only logic: a pure function of the
 * policy, the attempt number, what happened and a random number for jitter.
 *
 * Writes are POSTs. QBO de-duplicates a POST by its `requestid` (QBO-FACTS §1), so a POST is
 * tried again only when it carries one, and the gateway resends the very same id. Reads
 * (GET, and the POST /query) may always be tried again.
 */

export interface RetryPolicy {
  /** Total tries including the first. */
  maxAttempts: number;
  throttle: {
    /** Statuses that mean "slow down". */
    statuses: readonly number[];
    /** Wait when the answer has no usable Retry-After (QBO-FACTS §4: wait ~60 s). */
    defaultWaitMs: number;
    /** Never wait longer than this for one Retry-After, whatever the server says. */
    maxWaitMs: number;
  };
  backoff: {
    /** Statuses worth another try after a pause. */
    statuses: readonly number[];
    /** Also retry when no answer came (connection refused/reset, timeout). */
    networkErrors: boolean;
    /** Delay before the 2nd try; doubles (× factor) for each further try. */
    baseMs: number;
    factor: number;
    /** Cap on a single delay. */
    maxMs: number;
    /**
     * 'full': uniform in [0, delay]; 'equal': delay/2 + uniform in [0, delay/2]; 'none'.
     * Jitter keeps many clients from retrying in lockstep.
     */
    jitter: 'full' | 'equal' | 'none';
  };
  /** Whether a POST may be retried: only with a requestid, or never. */
  writes: 'withRequestId' | 'never';
  /** Fault codes that are retried like a 5xx even when they arrive with another status. */
  transientCodes: readonly string[];
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  throttle: { statuses: [429], defaultWaitMs: 60_000, maxWaitMs: 5 * 60_000 },
  backoff: {
    statuses: [500, 502, 503, 504],
    networkErrors: true,
    baseMs: 1_000,
    factor: 2,
    maxMs: 30_000,
    jitter: 'equal',
  },
  writes: 'withRequestId',
  transientCodes: ['10000'],
};

/** What one try produced. */
export type AttemptOutcome =
  | { kind: 'http'; status: number; faultCode?: string; retryAfterMs?: number }
  | { kind: 'network' };

export interface RequestTraits {
  method: 'GET' | 'POST';
  /** True for POSTs that only read (the query endpoint). */
  readOnly?: boolean;
  hasRequestId: boolean;
}

export type RetryDecision =
  | { retry: true; delayMs: number; reason: 'throttled' | 'transient' }
  | { retry: false; reason: 'not-retryable' | 'attempts-exhausted' | 'unsafe-write' };

/**
 * Parses a Retry-After header: delta-seconds or an HTTP date. Returns milliseconds to wait, or
 * undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined | null, nowMs: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number): number {
  const { baseMs, factor, maxMs, jitter } = policy.backoff;
  const raw = Math.min(maxMs, baseMs * Math.pow(factor, attempt - 1));
  switch (jitter) {
    case 'none':
      return raw;
    case 'full':
      return Math.round(random() * raw);
    case 'equal':
      return Math.round(raw / 2 + random() * (raw / 2));
  }
}

/**
 * Whether to try again after attempt number `attempt` (1-based) ended with `outcome`, and how
 * long to wait first.
 */
export function decideRetry(
  policy: RetryPolicy,
  attempt: number,
  outcome: AttemptOutcome,
  request: RequestTraits,
  random: () => number = Math.random,
): RetryDecision {
  const throttled = outcome.kind === 'http' && policy.throttle.statuses.includes(outcome.status);
  const transient =
    outcome.kind === 'network'
      ? policy.backoff.networkErrors
      : policy.backoff.statuses.includes(outcome.status) ||
        (outcome.faultCode !== undefined && policy.transientCodes.includes(outcome.faultCode));
  if (!throttled && !transient) return { retry: false, reason: 'not-retryable' };
  const isWrite = request.method === 'POST' && !request.readOnly;
  if (isWrite && (policy.writes === 'never' || !request.hasRequestId)) return { retry: false, reason: 'unsafe-write' };
  if (attempt >= policy.maxAttempts) return { retry: false, reason: 'attempts-exhausted' };
  if (throttled && outcome.kind === 'http') {
    const asked = outcome.retryAfterMs ?? policy.throttle.defaultWaitMs;
    return { retry: true, delayMs: Math.min(asked, policy.throttle.maxWaitMs), reason: 'throttled' };
  }
  return { retry: true, delayMs: backoffDelay(policy, attempt, random), reason: 'transient' };
}
