import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Pacer, QBO_LIMITS } from '../../../src/sync/qbo/pacer';
import type { PacedKind, PacerRelease } from '../../../src/sync/qbo/pacer';
import { FakeClock } from './fake-clock';

/** Asks for `n` slots at once; records when each was granted; releases at once unless told. */
function askMany(pacer: Pacer, clock: FakeClock, n: number, kind: PacedKind = 'request', hold = false) {
  const granted: number[] = [];
  const releases: PacerRelease[] = [];
  for (let i = 0; i < n; i++) {
    void pacer.acquire(kind).then((release) => {
      granted.push(clock.now());
      if (hold) releases.push(release);
      else release();
    });
  }
  return { granted, releases };
}

describe('pacer (fake clock)', () => {
  it('starts at most 10 requests per second', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer(QBO_LIMITS, clock);
    const { granted } = askMany(pacer, clock, 25);
    await clock.advanceTo(0);
    assert.equal(granted.length, 10);
    await clock.advanceTo(999);
    assert.equal(granted.length, 10);
    await clock.advanceTo(1000);
    assert.equal(granted.length, 20);
    await clock.advanceTo(5000);
    assert.deepEqual(granted, [...Array(10).fill(0), ...Array(10).fill(1000), ...Array(5).fill(2000)]);
  });

  it('keeps at most 10 in flight, and a release lets the next one go', async () => {
    const clock = new FakeClock();
    // A roomy per-second limit, so only the in-flight cap holds the 11th here.
    const pacer = new Pacer({ ...QBO_LIMITS, perSecond: 100 }, clock);
    const { granted, releases } = askMany(pacer, clock, 12, 'request', true);
    await clock.advanceTo(10_000);
    assert.equal(granted.length, 10);
    assert.equal(pacer.inFlight, 10);
    assert.equal(pacer.waiting, 2);
    releases[0]();
    releases[0](); // a second call of the same release is ignored
    await clock.settle();
    assert.equal(granted.length, 11);
    assert.equal(granted[10], 10_000);
    assert.equal(pacer.inFlight, 10);
  });

  it('counts a request in the per-second window until a second after its answer, since it may have arrived that late', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer(QBO_LIMITS, clock);
    // The first request of a fresh panel is slow on its way (answer at 300 ms), the next nine are quick.
    const first = await pacer.acquire();
    await clock.advanceTo(300);
    first();
    for (let i = 0; i < 9; i++) {
      const release = await pacer.acquire();
      await clock.advanceTo(clock.now() + 50);
      release();
    }
    assert.equal(clock.now(), 750);
    const { granted } = askMany(pacer, clock, 1);
    await clock.advanceTo(1_299);
    assert.deepEqual(granted, [], 'counted from its start (0 ms), the 11th would have gone at 1,000 ms and could arrive 700 ms after the first');
    await clock.advanceTo(1_300);
    assert.deepEqual(granted, [1_300]);
  });

  it('holds the 11th while ten are under way, and lets it go a second after the first answer', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer({ ...QBO_LIMITS, maxInFlight: 20 }, clock);
    const { granted, releases } = askMany(pacer, clock, 11, 'request', true);
    await clock.advanceTo(5_000);
    assert.equal(granted.length, 10, 'requests under way may arrive at any moment: they fill the window');
    releases[3]();
    await clock.advanceTo(5_999);
    assert.equal(granted.length, 10);
    await clock.advanceTo(6_000);
    assert.deepEqual(granted.slice(10), [6_000]);
  });

  it('starts at most 500 requests per minute', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer(QBO_LIMITS, clock);
    const { granted } = askMany(pacer, clock, 510);
    await clock.advanceTo(59_999);
    assert.equal(granted.length, 500);
    assert.equal(granted[499], 49_000);
    await clock.advanceTo(60_000);
    assert.equal(granted.length, 510);
    // 501st waits for the first minute's first start to age out, then 10/s resumes.
    assert.equal(granted[500], 60_000);
    // No 60 s window ever holds more than 500 starts.
    for (let i = 500; i < granted.length; i++) assert.ok(granted[i] - granted[i - 500] >= 60_000);
  });

  it('starts at most 40 batch calls per minute, while plain requests are not held by batch limits', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer(QBO_LIMITS, clock);
    const batches = askMany(pacer, clock, 41, 'batch');
    await clock.advanceTo(59_999);
    assert.equal(batches.granted.length, 40);
    assert.equal(batches.granted[39], 3000);
    await clock.advanceTo(60_000);
    assert.equal(batches.granted.length, 41);
    assert.equal(batches.granted[40], 60_000);
    const plain = askMany(pacer, clock, 1, 'request');
    await clock.advanceTo(60_000);
    // The per-second window still counts the batch call started at 60 000.
    assert.deepEqual(plain.granted, [60_000]);
  });

  it('holds everything until a Retry-After has passed', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer(QBO_LIMITS, clock);
    pacer.holdUntil(5000);
    pacer.holdUntil(3000); // an earlier hold never shortens the longer one
    const { granted } = askMany(pacer, clock, 3);
    await clock.advanceTo(4999);
    assert.equal(granted.length, 0);
    await clock.advanceTo(5000);
    assert.deepEqual(granted, [5000, 5000, 5000]);
  });

  it('grants in the order asked, and run() releases even when the task fails', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer({ maxInFlight: 1, perSecond: 100, perMinute: 1000, batchPerMinute: 10 }, clock);
    const order: string[] = [];
    const a = pacer.run('request', async () => {
      order.push('a');
      throw new Error('boom');
    });
    const b = pacer.run('batch', async () => {
      order.push('b');
      return 2;
    });
    const c = pacer.run('request', async () => {
      order.push('c');
      return 3;
    });
    await assert.rejects(a, /boom/);
    assert.equal(await b, 2);
    assert.equal(await c, 3);
    assert.deepEqual(order, ['a', 'b', 'c']);
    assert.equal(pacer.inFlight, 0);
  });

  it('adds slack to every window so arrival jitter stays inside the server limit', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer(QBO_LIMITS, clock, { slackMs: 100 });
    const { granted } = askMany(pacer, clock, 11);
    await clock.advanceTo(1099);
    assert.equal(granted.length, 10);
    await clock.advanceTo(1100);
    assert.deepEqual(granted.slice(10), [1100]);
  });

  it('refuses nonsense limits', () => {
    assert.throws(() => new Pacer(QBO_LIMITS, undefined, { slackMs: -1 }), RangeError);
    assert.throws(() => new Pacer({ ...QBO_LIMITS, perSecond: 0 }), RangeError);
  });
});
