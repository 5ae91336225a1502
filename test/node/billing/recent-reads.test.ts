import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { BillingGateway } from '../../../src/sync/billing/billing-ports';
import { createRecentReads } from '../../../src/sync/billing/recent-reads';

function countingGateway(calls: string[], failFirst = false): BillingGateway {
  let failed = false;
  return {
    realmId: '123',
    query: async () => ({ rows: [], startPosition: 1, maxResults: 0 }) as never,
    batch: async (items) => {
      calls.push(`batch:${items.length}`);
      return [];
    },
    queryAll: async <T>(entity: string, where?: unknown) => {
      calls.push(`${entity}:${String(where ?? '')}`);
      if (failFirst && !failed) {
        failed = true;
        throw new Error('QuickBooks Online did not answer');
      }
      return [{ Id: String(calls.length) }] as T[];
    },
  };
}

describe('createRecentReads', () => {
  it('answers the same read from memory within the window, and asks again after it', async () => {
    const calls: string[] = [];
    let clock = 0;
    let opened = 0;
    const reads = createRecentReads(() => (opened++, countingGateway(calls)), 5_000, () => clock);
    const a = await reads.gateway().queryAll('Payment');
    const b = await reads.gateway().queryAll('Payment');
    await reads.gateway().queryAll('Customer', "Id IN ('1')");
    assert.deepEqual(a, b);
    assert.deepEqual(calls, ['Payment:', "Customer:Id IN ('1')"]);
    clock = 5_000;
    await reads.gateway().queryAll('Payment');
    assert.deepEqual(calls, ['Payment:', "Customer:Id IN ('1')", 'Payment:']);
    assert.equal(opened, 2, 'a new window opens a new gateway (a reconnect is picked up)');
  });

  it('never remembers a failure, never shares writes or paged reads', async () => {
    const calls: string[] = [];
    const reads = createRecentReads(() => countingGateway(calls, true), 5_000, () => 0);
    await assert.rejects(reads.gateway().queryAll('Payment'), /did not answer/);
    await reads.gateway().queryAll('Payment');
    await reads.gateway().batch([]);
    await reads.gateway().batch([]);
    const pages: number[] = [];
    await reads.gateway().queryAll('Invoice', undefined, { onPage: (_rows, n) => pages.push(n) });
    await reads.gateway().queryAll('Invoice', undefined, { onPage: (_rows, n) => pages.push(n) });
    assert.deepEqual(calls, ['Payment:', 'Payment:', 'batch:0', 'batch:0', 'Invoice:', 'Invoice:']);
  });
});
