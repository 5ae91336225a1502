/**
 * A request still in flight never makes a second copy (issue 14, point 3), against the real
 * sandbox over HTTP: the sandbox holds a batch before committing it, the panel "reloads" (the
 * run is abandoned and a new executor opens over the same journal), the run resumes, the held
 * batch is released, and QBO holds each document exactly once.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import axios from 'axios';
import { executeInvoiceExport } from '../../../src/sync/billing/execute-invoice-export';
import { executePaymentExport } from '../../../src/sync/billing/execute-payment-export';
import { IN_FLIGHT_WINDOW_MS, sendStateOf } from '../../../src/sync/billing/in-flight';
import { planInvoiceExport } from '../../../src/sync/billing/plan-invoice-export';
import { planPaymentExport } from '../../../src/sync/billing/plan-payment-export';
import type { BillingGateway } from '../../../src/sync/billing/billing-ports';
import type { BillingPlan, QboPaymentPayload } from '../../../src/sync/billing/billing-types';
import type { Payment } from '../../../src/sync/host/protocol';
import type { QboRecord } from '../../../src/sync/qbo/gateway';
import { FAST_RETRIES, startBillingSandbox, type BillingSandbox } from './billing-sandbox';
import { assertExactlyOnce, exportInput, makeInvoices, sandboxRefs, type SandboxRefs } from './invoice-fixtures';
import { createMemoryJournal } from './memory-journal';

let sb: BillingSandbox;
let refs: SandboxRefs;
let admin: ReturnType<typeof axios.create>;

before(async () => {
  sb = await startBillingSandbox();
  refs = await sandboxRefs(sb.gateway());
  admin = axios.create({ baseURL: `${sb.server.url}/__sandbox`, validateStatus: () => true });
});
after(async () => {
  await sb?.close();
});
beforeEach(async () => {
  await sb.clearFaults();
  await admin.post('/holds/release', {});
});

class Reloaded extends Error {
  readonly code = 'reloaded';
}

/**
 * The page's gateway until the "reload": the batch request really goes out (and stays held in
 * QBO), but the page stops waiting for it, as a reloaded page would.
 */
function reloadingGateway(inner: BillingGateway, afterMs: number): BillingGateway {
  return {
    realmId: inner.realmId,
    query: (sql) => inner.query(sql),
    queryAll: (...args) => inner.queryAll(...args),
    batch(items, options) {
      const real = inner.batch(items, options);
      real.catch(() => undefined);
      return new Promise((_, reject) => setTimeout(() => reject(new Reloaded('The page was reloaded.')), afterMs));
    },
  };
}

/** A gateway that sends once: after a reload nothing is left in the page to retry. */
function pageGateway(): BillingGateway {
  return sb.gateway({ retryPolicy: { ...FAST_RETRIES, maxAttempts: 1 } });
}

async function waitForHeld(count: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const res = await admin.get<{ held: unknown[] }>('/holds');
    if (res.data.held.length >= count) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.fail('the sandbox never held the batch');
}

async function releaseAndSettle(): Promise<void> {
  const res = await admin.post<{ released: number }>('/holds/release', {});
  assert.equal(res.data.released, 1, 'one held batch released');
  // The released request is handled on the sandbox's next turn; give it a moment.
  await new Promise((r) => setTimeout(r, 200));
}

function payments(prefix: string, count: number): Payment[] {
  return Array.from({ length: count }, (_, k) => ({
    id: `${prefix}-${k}`,
    contactId: `ct-${k % 3}`,
    date: '2026-11-25',
    amountCents: 1000 + k,
    applications: [],
    unappliedCents: 1000 + k,
    origin: { system: 'officetools' as const },
    updatedAt: '2026-11-25T10:00:00.000Z',
  }));
}

function paymentPlan(list: Payment[]): BillingPlan<QboPaymentPayload> {
  const contact = new Map([0, 1, 2].map((c) => [`ct-${c}`, refs.customerIds[c]]));
  return planPaymentExport({ payments: list, links: { contact }, qboInvoiceIdByOtInvoiceId: new Map(), paymentMethodIdByName: new Map(), depositAccountId: '', done: new Set() });
}

async function qboPaymentsMarked(list: Payment[]): Promise<Map<string, number>> {
  const rows = await sb.gateway().queryAll<QboRecord>('Payment', "TxnDate = '2026-11-25'");
  const counts = new Map(list.map((p) => [p.id, 0]));
  for (const r of rows) for (const p of list) if (String(r.PrivateNote ?? '').split('\n')[0] === `OT-PAY:${p.id}`) counts.set(p.id, (counts.get(p.id) ?? 0) + 1);
  return counts;
}

describe('a batch QBO holds while the page reloads', () => {
  it('payments: the resumed run resends the identical batch, and the released one replays — each payment once', async () => {
    const list = payments('hold-pay', 5);
    const plan = paymentPlan(list);
    assert.equal(plan.ready.length, 5);
    const journal = createMemoryJournal(sb.gateway().realmId);
    await sb.injectFault({ operation: 'batch' }, { type: 'hold', seconds: 60 });

    const first = await executePaymentExport(plan, { gateway: reloadingGateway(pageGateway(), 300), journal });
    assert.equal(first.stoppedBy?.code, 'reloaded');
    await waitForHeld(1);
    for (const e of await journal.list('paymentExport')) assert.equal(sendStateOf(e).kind, 'inBatch', 'the journal knows the batch and when it went');

    // After the reload the user exports again: the same documents, in a different order.
    await sb.clearLog();
    const resumed = await executePaymentExport({ ready: [...plan.ready].reverse(), blocked: [] }, { gateway: sb.gateway(), journal });
    assert.equal(resumed.stoppedBy, undefined);
    assert.deepEqual(resumed.outcomes.map((o) => o.result), Array(5).fill('created'));
    await releaseAndSettle();

    const ops = await sb.operations();
    assert.equal(ops.batch, 1, 'the resent batch wrote');
    assert.equal(ops['batch.replay'], 1, 'the released batch found its requestid answered and wrote nothing');
    for (const [id, n] of await qboPaymentsMarked(list)) assert.equal(n, 1, `payment ${id} exists once in QBO`);
  });

  it('payments: a resumed run that cannot rebuild the batch holds those back, and links them once the window has passed', async () => {
    const list = payments('hold-part', 4);
    const plan = paymentPlan(list);
    const journal = createMemoryJournal(sb.gateway().realmId);
    await sb.injectFault({ operation: 'batch' }, { type: 'hold', seconds: 60 });
    await executePaymentExport(plan, { gateway: reloadingGateway(pageGateway(), 300), journal });
    await waitForHeld(1);

    // Only two of the four chosen this time: the earlier batch cannot be sent identically.
    const partial = await executePaymentExport({ ready: plan.ready.slice(0, 2), blocked: [] }, { gateway: sb.gateway(), journal });
    assert.equal(partial.writeRequests, 0, 'nothing sent while the earlier batch may still commit');
    assert.deepEqual(partial.outcomes.map((o) => o.error?.code), ['in_flight', 'in_flight']);
    assert.match(partial.outcomes[0].error?.message ?? '', /may still be saved by QuickBooks Online until .*Export it again after that time/);
    assert.ok(!partial.outcomes[0].error?.message.includes(partial.outcomes[0].label), 'the message does not repeat the row label');

    await releaseAndSettle();
    const later = Date.now() + IN_FLIGHT_WINDOW_MS + 1000;
    const settled = await executePaymentExport(plan, { gateway: sb.gateway(), journal, now: () => later });
    assert.equal(settled.writeRequests, 0);
    assert.deepEqual(settled.outcomes.map((o) => o.result), Array(4).fill('linkedExisting'));
    for (const [id, n] of await qboPaymentsMarked(list)) assert.equal(n, 1, `payment ${id} exists once in QBO`);
  });

  it('payments: a batch QBO held past its 120 s timeout is never committed, and is sent afresh once the window has passed', async () => {
    const list = payments('hold-timeout', 3);
    const plan = paymentPlan(list);
    const journal = createMemoryJournal(sb.gateway().realmId);
    await sb.injectFault({ operation: 'batch' }, { type: 'hold', seconds: 60 });
    await executePaymentExport(plan, { gateway: reloadingGateway(pageGateway(), 300), journal });
    await waitForHeld(1);
    await admin.post('/clock', { advanceSeconds: 121 });
    await releaseAndSettle();
    for (const [id, n] of await qboPaymentsMarked(list)) assert.equal(n, 0, `payment ${id} was not committed after QBO's timeout`);

    const later = Date.now() + IN_FLIGHT_WINDOW_MS + 1000;
    const report = await executePaymentExport(plan, { gateway: sb.gateway(), journal, now: () => later });
    assert.deepEqual(report.outcomes.map((o) => o.result), Array(3).fill('created'));
    for (const [id, n] of await qboPaymentsMarked(list)) assert.equal(n, 1, `payment ${id} exists once in QBO`);
  });

  it('invoices: 40 invoices in two batches, the second held during a reload; resumed and released, each invoice once', async () => {
    const invoices = makeInvoices('HOLD', 40);
    const input = exportInput(invoices, refs);
    const plan = planInvoiceExport(input);
    assert.equal(plan.ready.length, 40);
    const journal = createMemoryJournal(sb.gateway().realmId);
    // The first batch goes through; the second is held.
    const inner = pageGateway();
    let calls = 0;
    const page: BillingGateway = {
      realmId: inner.realmId,
      query: (sql) => inner.query(sql),
      queryAll: (...args) => inner.queryAll(...args),
      async batch(items, options) {
        calls++;
        if (calls === 1) return inner.batch(items, options);
        await sb.injectFault({ operation: 'batch' }, { type: 'hold', seconds: 60 });
        return reloadingGateway(inner, 300).batch(items, options);
      },
    };
    const first = await executeInvoiceExport(plan, { gateway: page, journal });
    assert.equal(first.stoppedBy?.code, 'reloaded');
    assert.equal(first.outcomes.filter((o) => o.result === 'created').length, 30);
    await waitForHeld(1);

    const resumed = await executeInvoiceExport(planInvoiceExport(input), { gateway: sb.gateway(), journal });
    assert.equal(resumed.outcomes.filter((o) => o.result === 'created').length, 10);
    assert.equal(resumed.outcomes.filter((o) => o.result === 'linkedExisting').length, 30);
    await releaseAndSettle();
    assertExactlyOnce(invoices, await sb.invoicesByDocNumber(invoices.map((i) => i.number)), input);
  });
});
