/**
 * Export Invoices against the real sandbox over HTTP, with its fault injection: whatever
 * happens, exactly ONE QBO invoice per OfficeTools invoice, every amount to the cent.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { executeInvoiceExport } from '../../../src/sync/billing/execute-invoice-export';
import { planInvoiceExport } from '../../../src/sync/billing/plan-invoice-export';
import type { BillingProgress } from '../../../src/sync/billing/billing-types';
import type { BatchItem, QboGateway } from '../../../src/sync/qbo/gateway';
import type { QboClient } from '../../../src/sync/qbo/qbo-client';
import { FAST_RETRIES, startBillingSandbox, type BillingSandbox } from './billing-sandbox';
import { createMemoryJournal } from './memory-journal';
import { assertExactlyOnce, exportInput, makeInvoices, sandboxRefs, type SandboxRefs } from './invoice-fixtures';

let sb: BillingSandbox;
let refs: SandboxRefs;
let run = 0;
const prefix = () => `E${process.pid % 1000}x${++run}`;

/** A gateway that remembers every batch's size and requestid. */
function recording(g: QboClient): { gateway: QboGateway; batches: Array<{ size: number; requestId?: string }> } {
  const batches: Array<{ size: number; requestId?: string }> = [];
  const gateway: QboGateway = Object.assign(Object.create(g) as QboGateway, {
    batch: (items: readonly BatchItem[], o?: { requestId?: string }) => {
      batches.push({ size: items.length, requestId: o?.requestId });
      return g.batch(items, o);
    },
  });
  return { gateway, batches };
}

before(async () => {
  sb = await startBillingSandbox();
  refs = await sandboxRefs(sb.gateway());
});
after(async () => sb?.close());
beforeEach(async () => {
  await sb.clearFaults();
  await sb.mintToken();
});

describe('executeInvoiceExport against the sandbox', () => {
  it('exports 100 invoices in batches of ≤30: 4 write requests, progress after each, amounts to the cent', async () => {
    const invoices = makeInvoices(prefix(), 100);
    const input = exportInput(invoices, refs);
    const plan = planInvoiceExport(input);
    assert.equal(plan.ready.length, 100);
    const journal = createMemoryJournal(sb.gateway().realmId);
    const { gateway, batches } = recording(sb.gateway());
    const progress: BillingProgress[] = [];
    await sb.clearLog();
    const report = await executeInvoiceExport(plan, { gateway, journal, onProgress: (p) => progress.push({ ...p }) });
    assert.equal(report.outcomes.length, 100);
    assert.ok(report.outcomes.every((o) => o.result === 'created' && o.targetId));
    assert.equal(report.writeRequests, 4);
    assert.deepEqual(batches.map((b) => b.size), [30, 30, 30, 10]);
    const ops = await sb.operations();
    assert.equal(ops.batch, 4, 'the sandbox saw 4 batch calls');
    assert.ok((ops['query.invoice'] ?? 0) <= 2, `fingerprint look-ups: ${ops['query.invoice']}`);
    assert.deepEqual(progress.map((p) => p.done), [0, 30, 60, 90, 100]);
    assert.equal((await journal.doneIds('invoiceExport')).size, 100);
    // Intent first: every document was planned, then sent, before it was done.
    const firstSent = journal.changes.findIndex((c) => c.change.state === 'sent');
    const lastPlanned = journal.changes.map((c) => c.change.state).lastIndexOf('planned');
    assert.ok(lastPlanned < firstSent);
    assertExactlyOnce(invoices, await sb.invoicesByDocNumber(invoices.map((i) => i.number)), input);
  });

  it('a connection lost after commit is retried with the same requestid: QBO replays, nothing doubles', async () => {
    const invoices = makeInvoices(prefix(), 12);
    const input = exportInput(invoices, refs);
    await sb.injectFault({ operation: 'batch' }, { type: 'drop-after-commit' });
    const report = await executeInvoiceExport(planInvoiceExport(input), { gateway: sb.gateway(), journal: createMemoryJournal(sb.gateway().realmId) });
    assert.deepEqual(new Set(report.outcomes.map((o) => o.result)), new Set(['created']));
    assertExactlyOnce(invoices, await sb.invoicesByDocNumber(invoices.map((i) => i.number)), input);
  });

  it('a 500 and a 429 are retried by the gateway and the run completes', async () => {
    const invoices = makeInvoices(prefix(), 40);
    const input = exportInput(invoices, refs);
    await sb.injectFault({ operation: 'batch' }, { type: 'status', status: 500 });
    await sb.injectFault({ operation: 'query.invoice' }, { type: 'status', status: 429 });
    const report = await executeInvoiceExport(planInvoiceExport(input), { gateway: sb.gateway(), journal: createMemoryJournal(sb.gateway().realmId) });
    assert.equal(report.outcomes.filter((o) => o.result === 'created').length, 40);
    assert.equal(report.writeRequests, 2);
    assertExactlyOnce(invoices, await sb.invoicesByDocNumber(invoices.map((i) => i.number)), input);
  });

  it('a drop after commit that outlasts every retry stops the run; the resume links what QBO has and sends the rest', async () => {
    const invoices = makeInvoices(prefix(), 45);
    const input = exportInput(invoices, refs);
    const journal = createMemoryJournal(sb.gateway().realmId);
    await sb.injectFault({ operation: 'batch' }, { type: 'drop-after-commit' });
    // A gateway that gives up at once stands for retries that all went unanswered.
    const impatient = sb.gateway({ retryPolicy: { ...FAST_RETRIES, maxAttempts: 1 } });
    const first = await executeInvoiceExport(planInvoiceExport(input), { gateway: impatient, journal });
    assert.equal(first.stoppedBy?.code, 'transient');
    assert.ok(first.outcomes.every((o) => o.result === 'failed'));
    assert.equal((await journal.list('invoiceExport', 'sent')).length, 30, 'the first batch stays sent');
    await sb.clearFaults();
    const second = await executeInvoiceExport(planInvoiceExport(input), { gateway: sb.gateway(), journal });
    assert.equal(second.outcomes.filter((o) => o.result === 'linkedExisting').length, 30);
    assert.equal(second.outcomes.filter((o) => o.result === 'created').length, 15);
    assert.equal(second.writeRequests, 1);
    assertExactlyOnce(invoices, await sb.invoicesByDocNumber(invoices.map((i) => i.number)), input);
  });

  it('a token that expires mid-run stops it with an auth error; after reconnecting the resume finishes without duplicates', async () => {
    const invoices = makeInvoices(prefix(), 70);
    const input = exportInput(invoices, refs);
    const journal = createMemoryJournal(sb.gateway().realmId);
    const real = sb.gateway();
    let calls = 0;
    const gateway: QboGateway = Object.assign(Object.create(real) as QboGateway, {
      batch: async (items: readonly BatchItem[], o?: { requestId?: string }) => {
        if (++calls === 2) await sb.expireTokens();
        return real.batch(items, o);
      },
    });
    const first = await executeInvoiceExport(planInvoiceExport(input), { gateway, journal });
    assert.equal(first.stoppedBy?.code, 'auth');
    assert.match(first.stoppedBy?.message ?? '', /Reconnect/);
    assert.equal(first.outcomes.filter((o) => o.result === 'created').length, 30);
    await sb.mintToken();
    const second = await executeInvoiceExport(planInvoiceExport({ ...input, done: await journal.doneIds('invoiceExport') }), { gateway: sb.gateway(), journal });
    assert.equal(second.outcomes.filter((o) => o.result === 'created').length, 40);
    assertExactlyOnce(invoices, await sb.invoicesByDocNumber(invoices.map((i) => i.number)), input);
  });

  it('a panel reload mid-run (the page dies with a batch in flight): a new executor on the same journal finishes, one invoice each', async () => {
    const invoices = makeInvoices(prefix(), 65);
    const input = exportInput(invoices, refs);
    const journal = createMemoryJournal(sb.gateway().realmId);
    const real = sb.gateway();
    let calls = 0;
    const dying: QboGateway = Object.assign(Object.create(real) as QboGateway, {
      batch: async (items: readonly BatchItem[], o?: { requestId?: string }) => {
        if (++calls === 2) {
          await real.batch(items, o); // reaches QBO …
          throw new Error('The panel was closed'); // … but the answer is never read
        }
        return real.batch(items, o);
      },
    });
    await executeInvoiceExport(planInvoiceExport(input), { gateway: dying, journal });
    assert.equal((await journal.list('invoiceExport', 'sent')).length, 30);
    const reloaded = await executeInvoiceExport(planInvoiceExport({ ...input, done: await journal.doneIds('invoiceExport') }), { gateway: sb.gateway(), journal });
    assert.equal(reloaded.outcomes.filter((o) => o.result === 'linkedExisting').length, 30);
    assert.equal(reloaded.outcomes.filter((o) => o.result === 'created').length, 5);
    assertExactlyOnce(invoices, await sb.invoicesByDocNumber(invoices.map((i) => i.number)), input);
  });

  it('Cancel stops between batches; the rest stays planned and a later run completes', async () => {
    const invoices = makeInvoices(prefix(), 75);
    const input = exportInput(invoices, refs);
    const journal = createMemoryJournal(sb.gateway().realmId);
    const controller = new AbortController();
    const first = await executeInvoiceExport(planInvoiceExport(input), {
      gateway: sb.gateway(),
      journal,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done >= 30) controller.abort();
      },
    });
    assert.equal(first.cancelled, true);
    assert.equal(first.outcomes.length, 30);
    assert.equal((await journal.list('invoiceExport', 'planned')).length, 45);
    const second = await executeInvoiceExport(planInvoiceExport({ ...input, done: await journal.doneIds('invoiceExport') }), { gateway: sb.gateway(), journal });
    assert.equal(second.outcomes.filter((o) => o.result === 'created').length, 45);
    assertExactlyOnce(invoices, await sb.invoicesByDocNumber(invoices.map((i) => i.number)), input);
  });

  it('a second computer with an empty journal links every invoice already there and writes nothing', async () => {
    const invoices = makeInvoices(prefix(), 35);
    const input = exportInput(invoices, refs);
    await executeInvoiceExport(planInvoiceExport(input), { gateway: sb.gateway(), journal: createMemoryJournal(sb.gateway().realmId) });
    const other = await executeInvoiceExport(planInvoiceExport(input), { gateway: sb.gateway(), journal: createMemoryJournal(sb.gateway().realmId, 'Other Staff') });
    assert.equal(other.writeRequests, 0);
    assert.equal(other.outcomes.filter((o) => o.result === 'linkedExisting').length, 35);
    assertExactlyOnce(invoices, await sb.invoicesByDocNumber(invoices.map((i) => i.number)), input);
  });

  it('two staff members exporting the same invoices at the same moment end with one invoice each', async () => {
    const invoices = makeInvoices(prefix(), 33);
    const input = exportInput(invoices, refs);
    // Different batch shapes on each side so the two batches do not share a requestid.
    const mine = planInvoiceExport(input);
    const theirs = planInvoiceExport({ ...input, invoices: [...invoices].reverse() });
    const [a, b] = await Promise.all([
      executeInvoiceExport(mine, { gateway: sb.gateway(), journal: createMemoryJournal(sb.gateway().realmId, 'Me') }),
      executeInvoiceExport(theirs, { gateway: sb.gateway(), journal: createMemoryJournal(sb.gateway().realmId, 'Them') }),
    ]);
    for (const inv of invoices) {
      const ours = a.outcomes.find((o) => o.sourceId === inv.id);
      const other = b.outcomes.find((o) => o.sourceId === inv.id);
      assert.notEqual(ours?.result, 'failed', JSON.stringify(ours));
      assert.notEqual(other?.result, 'failed', JSON.stringify(other));
      assert.equal(ours?.targetId, other?.targetId, 'both sides link the same QBO invoice');
    }
    assertExactlyOnce(invoices, await sb.invoicesByDocNumber(invoices.map((i) => i.number)), input);
  });

  it('one bad invoice never stops the others; its QBO fault is reported and a fixed retry gets a new requestid', async () => {
    const invoices = makeInvoices(prefix(), 5);
    const input = exportInput(invoices, refs);
    // An item QBO does not know: a per-item 2500 fault for that invoice only.
    const bad = { ...input, links: { ...input.links, expenseCode: new Map([['ec-1', '999999']]) } };
    const plan = planInvoiceExport(bad);
    plan.ready = plan.ready.map((d, i) => (i === 2 ? d : planInvoiceExport(input).ready[i]));
    const journal = createMemoryJournal(sb.gateway().realmId);
    const report = await executeInvoiceExport(plan, { gateway: sb.gateway(), journal });
    const failed = report.outcomes.filter((o) => o.result === 'failed');
    assert.equal(failed.length, 1);
    assert.equal(failed[0].sourceId, invoices[2].id);
    assert.match(failed[0].error?.message ?? '', /^QuickBooks Online rejected the request: .*2500/);
    assert.ok(!failed[0].error?.message.includes(failed[0].label), 'the message does not repeat the row label');
    assert.equal(report.outcomes.filter((o) => o.result === 'created').length, 4);
    const before = (await journal.get('invoiceExport', invoices[2].id))?.requestId;
    const retry = await executeInvoiceExport(planInvoiceExport({ ...input, done: await journal.doneIds('invoiceExport') }), { gateway: sb.gateway(), journal });
    assert.equal(retry.outcomes.length, 1);
    assert.equal(retry.outcomes[0].result, 'created');
    assert.notEqual((await journal.get('invoiceExport', invoices[2].id))?.requestId, before);
    assertExactlyOnce(invoices, await sb.invoicesByDocNumber(invoices.map((i) => i.number)), input);
  });

  it('a DocNumber already used by another QBO invoice fails that invoice with a clear message', async () => {
    const [inv] = makeInvoices(prefix(), 1);
    const input = exportInput([inv], refs);
    await executeInvoiceExport(planInvoiceExport(input), { gateway: sb.gateway(), journal: createMemoryJournal(sb.gateway().realmId) });
    const impostor = { ...inv, id: `${inv.id}-other` };
    const report = await executeInvoiceExport(planInvoiceExport({ ...input, invoices: [impostor] }), { gateway: sb.gateway(), journal: createMemoryJournal(sb.gateway().realmId) });
    assert.equal(report.outcomes[0].result, 'failed');
    assert.match(report.outcomes[0].error?.message ?? '', /already has another invoice numbered .*link that invoice or to number exported invoices differently/);
    assert.doesNotMatch(report.outcomes[0].error?.message ?? '', /renumber/i, 'never asks to renumber in OfficeTools');
  });
});
