import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_RETRY_POLICY, decideRetry, parseRetryAfter } from '../../../src/sync/qbo/retry-policy';
import type { RetryPolicy } from '../../../src/sync/qbo/retry-policy';

const GET = { method: 'GET' as const, hasRequestId: false };
const POST_WITH_ID = { method: 'POST' as const, hasRequestId: true };
const POST_NO_ID = { method: 'POST' as const, hasRequestId: false };
const QUERY_POST = { method: 'POST' as const, readOnly: true, hasRequestId: false };
const half = () => 0.5;

describe('retry policy', () => {
  it('waits what Retry-After says on 429, else 60 s', () => {
    assert.deepEqual(decideRetry(DEFAULT_RETRY_POLICY, 1, { kind: 'http', status: 429, retryAfterMs: 7000 }, GET, half), {
      retry: true,
      delayMs: 7000,
      reason: 'throttled',
    });
    assert.deepEqual(decideRetry(DEFAULT_RETRY_POLICY, 1, { kind: 'http', status: 429 }, GET, half), {
      retry: true,
      delayMs: 60_000,
      reason: 'throttled',
    });
  });

  it('caps an absurd Retry-After', () => {
    const d = decideRetry(DEFAULT_RETRY_POLICY, 1, { kind: 'http', status: 429, retryAfterMs: 86_400_000 }, GET, half);
    assert.deepEqual(d, { retry: true, delayMs: DEFAULT_RETRY_POLICY.throttle.maxWaitMs, reason: 'throttled' });
  });

  it('backs off exponentially with jitter on 5xx and network errors', () => {
    const none: RetryPolicy = { ...DEFAULT_RETRY_POLICY, backoff: { ...DEFAULT_RETRY_POLICY.backoff, jitter: 'none' } };
    const delays = [1, 2, 3, 4].map((attempt) => decideRetry(none, attempt, { kind: 'http', status: 503 }, GET, half));
    assert.deepEqual(
      delays.map((d) => (d.retry ? d.delayMs : -1)),
      [1000, 2000, 4000, 8000],
    );
    // Equal jitter: half the delay fixed, half random.
    const low = decideRetry(DEFAULT_RETRY_POLICY, 3, { kind: 'network' }, GET, () => 0);
    const high = decideRetry(DEFAULT_RETRY_POLICY, 3, { kind: 'network' }, GET, () => 0.999999);
    assert.deepEqual(low, { retry: true, delayMs: 2000, reason: 'transient' });
    assert.ok(high.retry && high.delayMs === 4000);
    const full: RetryPolicy = { ...DEFAULT_RETRY_POLICY, backoff: { ...DEFAULT_RETRY_POLICY.backoff, jitter: 'full' } };
    const f = decideRetry(full, 2, { kind: 'http', status: 500 }, GET, () => 0.25);
    assert.ok(f.retry && f.delayMs === 500);
  });

  it('caps the backoff delay', () => {
    const none: RetryPolicy = { ...DEFAULT_RETRY_POLICY, maxAttempts: 20, backoff: { ...DEFAULT_RETRY_POLICY.backoff, jitter: 'none' } };
    const d = decideRetry(none, 15, { kind: 'http', status: 500 }, GET, half);
    assert.ok(d.retry && d.delayMs === none.backoff.maxMs);
  });

  it('retries a POST only when it carries a requestid', () => {
    assert.equal(decideRetry(DEFAULT_RETRY_POLICY, 1, { kind: 'http', status: 500 }, POST_WITH_ID, half).retry, true);
    assert.deepEqual(decideRetry(DEFAULT_RETRY_POLICY, 1, { kind: 'http', status: 500 }, POST_NO_ID, half), {
      retry: false,
      reason: 'unsafe-write',
    });
    assert.deepEqual(decideRetry(DEFAULT_RETRY_POLICY, 1, { kind: 'network' }, POST_NO_ID, half), {
      retry: false,
      reason: 'unsafe-write',
    });
    // The query endpoint's POST only reads.
    assert.equal(decideRetry(DEFAULT_RETRY_POLICY, 1, { kind: 'network' }, QUERY_POST, half).retry, true);
    const never: RetryPolicy = { ...DEFAULT_RETRY_POLICY, writes: 'never' };
    assert.equal(decideRetry(never, 1, { kind: 'http', status: 503 }, POST_WITH_ID, half).retry, false);
  });

  it('does not retry client errors, auth errors or business faults', () => {
    for (const status of [400, 401, 403, 404]) {
      assert.deepEqual(decideRetry(DEFAULT_RETRY_POLICY, 1, { kind: 'http', status, faultCode: '6240' }, GET, half), {
        retry: false,
        reason: 'not-retryable',
      });
    }
  });

  it('retries a SystemFault code even under another status', () => {
    assert.equal(decideRetry(DEFAULT_RETRY_POLICY, 1, { kind: 'http', status: 400, faultCode: '10000' }, GET, half).retry, true);
  });

  it('stops after maxAttempts', () => {
    const last = DEFAULT_RETRY_POLICY.maxAttempts;
    assert.equal(decideRetry(DEFAULT_RETRY_POLICY, last - 1, { kind: 'http', status: 502 }, GET, half).retry, true);
    assert.deepEqual(decideRetry(DEFAULT_RETRY_POLICY, last, { kind: 'http', status: 502 }, GET, half), {
      retry: false,
      reason: 'attempts-exhausted',
    });
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter('0', now), 0);
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now), 30_000);
    assert.equal(parseRetryAfter('Tue, 31 Dec 2024 00:00:30 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(undefined, now), undefined);
    assert.equal(parseRetryAfter('', now), undefined);
  });
});
