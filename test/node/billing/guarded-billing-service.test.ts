/**
 * One Time & Billing export at a time: the guarded service refuses while someone else holds the
 * run, and runs once they are done. Finishing an interrupted export never waits on the lease of
 * the page that died in this browser (a reload takes it over at once), waits out a lease held
 * in another browser until it is released or expires, and stops waiting when the window closes.
 * The lease rules are the real proxy's, over HTTP with identity tokens.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AnyPlan, BillingService, RunControl } from '../../../src/sync/billing/billing-service';
import type { BillingRunReport } from '../../../src/sync/billing/billing-types';
import { guardBillingService, RunBusyError } from '../../../src/sync/billing/guarded-billing-service';
import { createRunGuard, type BrowserLocks } from '../../../src/sync/jobs/run-guard';
import { createHttpRunLeases, type RunLeaseHolder, type RunLeaseRemote } from '../../../src/sync/jobs/run-lease-remote';
import { startHarness, type Harness } from '../proxy/support/proxy-harness';
import type { TestUser } from '../proxy/support/test-issuer';

function leases(): RunLeaseRemote & { heldBy?: string } {
  const remote: RunLeaseRemote & { heldBy?: string } = {
    async get() {
      return remote.heldBy ? holder(remote.heldBy) : null;
    },
    async take(_realm, _name, req) {
      if (remote.heldBy && remote.heldBy !== req.instance) return { held: false, lease: holder(remote.heldBy) };
      remote.heldBy = req.instance;
      return { held: true, lease: holder(req.instance) };
    },
    async release(_realm, _name, instance) {
      if (remote.heldBy === instance) remote.heldBy = undefined;
    },
  };
  return remote;
}

function holder(instance: string): RunLeaseHolder {
  return { holder: { id: 'u-dana', name: instance === 'dana-page' ? 'Dana Whitfield' : 'Pat Lee' }, instance, sameBrowser: false, acquiredAt: '2026-12-03T09:05:00.000Z', expiresAt: '2026-12-03T09:06:00.000Z' };
}

const report: BillingRunReport = { kind: 'invoiceExport', outcomes: [], cancelled: false, writeRequests: 0 };

function innerService(calls: string[]): BillingService {
  return {
    exportInvoices: async () => (calls.push('export'), report),
    finishInterrupted: async (kind: string) => (calls.push(`finish ${kind}`), report),
    close: () => calls.push('close'),
  } as unknown as BillingService;
}

/** Settles within `ms`, or says it did not. */
async function within<T>(ms: number, p: Promise<T>): Promise<{ settled: true; value: T } | { settled: false }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<{ settled: false }>((resolve) => (timer = setTimeout(() => resolve({ settled: false }), ms)));
  try {
    return await Promise.race([p.then((value) => ({ settled: true as const, value })), late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('guarded billing service', () => {
  it('refuses an invoice export while a colleague runs one, naming them, and runs it once they are done', async () => {
    const remote = leases();
    remote.heldBy = 'dana-page';
    const calls: string[] = [];
    const service = guardBillingService(innerService(calls), createRunGuard({ leases: remote, locks: undefined, browserId: 'browser-pat', instanceId: 'pat-page', pollMs: 20 }), '123');
    const run: RunControl = { signal: new AbortController().signal, onProgress: () => undefined };
    await assert.rejects(service.exportInvoices({} as AnyPlan, run), (e: unknown) => {
      assert.ok(e instanceof RunBusyError);
      assert.match(e.message, /^Dana Whitfield is exporting invoices to QuickBooks Online since .*nothing was sent/);
      return true;
    });
    assert.deepEqual(calls, []);
    remote.heldBy = undefined;
    assert.equal(await service.exportInvoices({} as AnyPlan, run), report);
    assert.deepEqual(calls, ['export']);
    assert.equal(remote.heldBy, undefined, 'released after the run');
  });

  it("leaves a colleague's running export alone while it runs, then finishes what it left behind", async () => {
    const remote = leases();
    remote.heldBy = 'dana-page';
    const calls: string[] = [];
    const service = guardBillingService(innerService(calls), createRunGuard({ leases: remote, locks: undefined, browserId: 'browser-pat', instanceId: 'pat-page', pollMs: 20 }), '123');
    const finishing = service.finishInterrupted?.('invoiceExport') ?? Promise.reject(new Error('no finishInterrupted'));
    assert.deepEqual(await within(200, finishing), { settled: false }, 'waits while the colleague runs it');
    assert.deepEqual(calls, [], "a colleague's run in progress is not touched");
    remote.heldBy = undefined;
    assert.equal(await finishing, report, 'once their run is over, what is still sent is finished');
    assert.deepEqual(calls, ['finish invoiceExport']);
    assert.equal(remote.heldBy, undefined, 'released after finishing');
  });

  it('stops waiting when the window closes, and finishes nothing', async () => {
    const remote = leases();
    remote.heldBy = 'dana-page';
    const calls: string[] = [];
    const service = guardBillingService(innerService(calls), createRunGuard({ leases: remote, locks: undefined, browserId: 'browser-pat', instanceId: 'pat-page', pollMs: 20 }), '123');
    const finishing = service.finishInterrupted?.('paymentExport');
    await new Promise((r) => setTimeout(r, 60));
    service.close();
    assert.equal(await finishing, undefined);
    remote.heldBy = undefined;
    await new Promise((r) => setTimeout(r, 80));
    assert.deepEqual(calls, ['close'], 'nothing finished after the window closed');
  });
});

describe('finishing an interrupted export against the proxy’s leases', () => {
  const REALM = '9341450000000001';
  const dana: TestUser = { firmId: 'firm-a', firmName: 'Hartwell & Lee', userId: 'u-dana', name: 'Dana Whitfield', role: 'staff' };
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());
  beforeEach(() => h.setSkew(0));

  /** A page that ran the export and died without releasing: its lease, taken straight over HTTP, is left to expire. */
  async function deadPage(name: string, instance: string, browser: string): Promise<void> {
    const res = await h.api(dana, `/api/firm/${REALM}/leases/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ instance, browser, ttlMs: 60_000 }) });
    assert.equal(res.status, 200);
  }

  /** This browser's lock manager after the reload: the dead page's lock went with it, so every lock is free. */
  const freeLocks: BrowserLocks = {
    request: async (_name, _options, callback) => callback({}),
  };

  const pageOf = (browserId: string, instanceId: string, locks?: BrowserLocks) =>
    createRunGuard({ leases: createHttpRunLeases((p, init) => h.api(dana, p, init)), locks, browserId, instanceId, pollMs: 50, ttlMs: 5_000 });

  it("a reloaded page finishes at once: it takes over the lease its dead page left in this browser, without waiting for it to expire", async () => {
    await deadPage('invoiceExport', 'page-before-reload', 'browser-dana-1');
    const calls: string[] = [];
    const service = guardBillingService(innerService(calls), pageOf('browser-dana-1', 'page-after-reload', freeLocks), REALM);
    const finished = await within(5_000, service.finishInterrupted?.('invoiceExport') ?? Promise.resolve(undefined));
    assert.deepEqual(finished, { settled: true, value: report }, 'finished well before the dead lease (60 s) expires');
    assert.deepEqual(calls, ['finish invoiceExport']);
    const left = await h.api(dana, `/api/firm/${REALM}/leases/invoiceExport`);
    assert.equal(((await left.json()) as { lease: unknown }).lease, null, 'and released the lease afterwards');
  });

  it('a page of another browser waits out the dead lease: it finishes once the lease expires, not before', async () => {
    await deadPage('paymentExport', 'page-died-elsewhere', 'browser-dana-laptop');
    const calls: string[] = [];
    const service = guardBillingService(innerService(calls), pageOf('browser-dana-desk', 'page-desk', freeLocks), REALM);
    const finishing = service.finishInterrupted?.('paymentExport') ?? Promise.resolve(undefined);
    assert.deepEqual(await within(400, finishing), { settled: false }, 'the other browser may still be running it');
    assert.deepEqual(calls, []);
    h.setSkew(61_000);
    assert.deepEqual(await within(5_000, finishing), { settled: true, value: report }, 'finished once the lease expired');
    assert.deepEqual(calls, ['finish paymentExport']);
  });
});
