/** One Time & Billing export at a time: the guarded service refuses while someone else holds the run, and runs once they are done. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AnyPlan, BillingService, RunControl } from '../../../src/sync/billing/billing-service';
import type { BillingRunReport } from '../../../src/sync/billing/billing-types';
import { guardBillingService, RunBusyError } from '../../../src/sync/billing/guarded-billing-service';
import { createRunGuard } from '../../../src/sync/jobs/run-guard';
import type { RunLeaseHolder, RunLeaseRemote } from '../../../src/sync/jobs/run-lease-remote';

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

describe('guarded billing service', () => {
  it('refuses an invoice export while a colleague runs one, naming them, and runs it once they are done', async () => {
    const remote = leases();
    remote.heldBy = 'dana-page';
    const calls: string[] = [];
    const report: BillingRunReport = { kind: 'invoiceExport', outcomes: [], cancelled: false, writeRequests: 0 };
    const inner = {
      exportInvoices: async () => (calls.push('export'), report),
      finishInterrupted: async () => (calls.push('finish'), report),
    } as unknown as BillingService;
    const service = guardBillingService(inner, createRunGuard({ leases: remote, locks: undefined, browserId: 'browser-pat', instanceId: 'pat-page' }), '123');
    const run: RunControl = { signal: new AbortController().signal, onProgress: () => undefined };
    await assert.rejects(service.exportInvoices({} as AnyPlan, run), (e: unknown) => {
      assert.ok(e instanceof RunBusyError);
      assert.match(e.message, /^Dana Whitfield is exporting invoices to QuickBooks Online since .*nothing was sent/);
      return true;
    });
    assert.equal(await service.finishInterrupted?.('invoiceExport'), undefined, "a colleague's run in progress is not an interruption");
    assert.deepEqual(calls, []);
    remote.heldBy = undefined;
    assert.equal(await service.exportInvoices({} as AnyPlan, run), report);
    assert.deepEqual(calls, ['export']);
    assert.equal(remote.heldBy, undefined, 'released after the run');
  });
});
