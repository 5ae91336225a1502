/**
 * One run at a time in one browser (issue 14, point 10): the run guard over Chromium's real Web
 * Locks. Two guards stand for two pages of the same browser (two tabs, or the panel and the
 * commands runtime); the firm's lease is a small in-memory stand-in with the proxy's rules
 * (memory-leases.ts; the proxy's own rules are tested against the real proxy and both databases
 * in test/node/proxy/run-leases*.test.ts).
 */
import { expect } from 'chai';
import { createRunGuard, type BrowserLocks } from '../../../src/sync/jobs/run-guard';
import { memoryFirm as firm } from './memory-leases';

const locks = (navigator as Navigator & { locks: BrowserLocks }).locks;
const REALM = '9130350';

describe('run guard (Web Locks + the firm lease)', () => {
  it('two pages of one browser: the second is refused while the first runs, told who and since when, and runs once it ends', async () => {
    const clock = { now: Date.now() };
    const f = firm(clock);
    const tabA = createRunGuard({ leases: f.as('Dana Whitfield'), locks, browserId: 'browser-one', instanceId: 'page-a-1' });
    const tabB = createRunGuard({ leases: f.as('Dana Whitfield'), locks, browserId: 'browser-one', instanceId: 'page-b-1' });
    const first = await tabA.acquire(REALM, 'contactExport-t1');
    expect(first.ok).to.equal(true);
    const second = await tabB.acquire(REALM, 'contactExport-t1');
    expect(second.ok).to.equal(false);
    if (second.ok) return;
    expect(second.holder.name).to.equal('Dana Whitfield');
    expect(second.holder.sameBrowser).to.equal(true);
    expect(Number.isFinite(Date.parse(second.holder.since ?? ''))).to.equal(true, 'since when');
    // Another kind is another run.
    const other = await tabB.acquire(REALM, 'employeeExport-t1');
    expect(other.ok).to.equal(true);
    if (other.ok) await other.release();

    if (first.ok) await first.release();
    expect(await tabB.holder(REALM, 'contactExport-t1')).to.equal(null);
    const after = await tabB.acquire(REALM, 'contactExport-t1');
    expect(after.ok).to.equal(true);
    if (after.ok) await after.release();
  });

  it("the browser lock alone refuses a second page even when the firm's lease is not taken yet", async () => {
    const clock = { now: Date.now() };
    const f = firm(clock);
    let unlock!: () => void;
    const held = new Promise<void>((r) => (unlock = r));
    let granted!: () => void;
    const got = new Promise<void>((r) => (granted = r));
    void locks.request(`qbo-sync:${REALM}:contactImport-t2`, { ifAvailable: true }, () => {
      granted();
      return held;
    });
    await got;
    const page = createRunGuard({ leases: f.as('Sam Ortiz'), locks, browserId: 'browser-two', instanceId: 'page-c-2' });
    const refused = await page.acquire(REALM, 'contactImport-t2');
    expect(refused.ok).to.equal(false);
    if (!refused.ok) expect(refused.holder.name).to.equal('Another window of this browser');
    expect(f.rows.size).to.equal(0, 'the firm was not asked for a lease');
    unlock();
    await new Promise((r) => setTimeout(r, 20));
    const ok = await page.acquire(REALM, 'contactImport-t2');
    expect(ok.ok).to.equal(true);
    if (ok.ok) await ok.release();
  });

  it('a reloaded page of the same browser takes over the lease its previous page left; another browser waits for expiry', async () => {
    const clock = { now: Date.now() };
    const f = firm(clock);
    // The page before the reload took the lease and died without releasing it (its Web Lock went with it).
    await f.as('Dana Whitfield').take(REALM, 'workCodeExport-t3', { instance: 'page-dead-3', browser: 'browser-three', ttlMs: 30_000, takeOverBrowser: false });
    const otherBrowser = createRunGuard({ leases: f.as('Sam Ortiz'), locks, browserId: 'browser-four', instanceId: 'page-sam-3' });
    const refused = await otherBrowser.acquire(REALM, 'workCodeExport-t3');
    expect(refused.ok).to.equal(false);
    if (!refused.ok) expect(refused.holder).to.include({ name: 'Dana Whitfield', sameBrowser: false });
    const reloaded = createRunGuard({ leases: f.as('Dana Whitfield'), locks, browserId: 'browser-three', instanceId: 'page-new-3' });
    const ticket = await reloaded.acquire(REALM, 'workCodeExport-t3');
    expect(ticket.ok).to.equal(true);
    if (ticket.ok) await ticket.release();
  });

  it('watch calls back once the run is over, so the waiting tab can show the same state', async () => {
    const clock = { now: Date.now() };
    const f = firm(clock);
    const tabA = createRunGuard({ leases: f.as('Dana Whitfield'), locks, browserId: 'browser-five', instanceId: 'page-a-5' });
    const tabB = createRunGuard({ leases: f.as('Dana Whitfield'), locks, browserId: 'browser-five', instanceId: 'page-b-5', pollMs: 30 });
    const running = await tabA.acquire(REALM, 'expenseCodeExport-t5');
    expect(running.ok).to.equal(true);
    let over = 0;
    const stop = tabB.watch(REALM, 'expenseCodeExport-t5', () => over++);
    await new Promise((r) => setTimeout(r, 120));
    expect(over).to.equal(0, 'not over while it runs');
    if (running.ok) await running.release();
    await new Promise((r) => setTimeout(r, 150));
    expect(over).to.equal(1);
    stop();
  });
});
