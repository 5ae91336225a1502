/**
 * Nothing orphaned in Invoice Export (issue 14, point 2), against the real sandbox over HTTP:
 * a 100-invoice export is cut off by a reload after QuickBooks committed the second batch but
 * before the page read its answer; when the window opens again, the service finishes what the
 * journal holds as sent — found in QBO by fingerprint and marked exported — and nothing exists
 * twice. The invoices never sent stay planned, to be exported again.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createBillingService } from '../../../src/sync/billing/billing-service';
import type { BillingGateway, BillingHost } from '../../../src/sync/billing/billing-ports';
import type { Contact, HostMethod, HostParams, HostResult } from '../../../src/sync/host/protocol';
import type { QboRecord } from '../../../src/sync/qbo/gateway';
import type { LinkKind, LinkRecord } from '../../../src/sync/store/schema';
import { FAST_RETRIES, startBillingSandbox, type BillingSandbox } from './billing-sandbox';
import { assertExactlyOnce, exportInput, makeInvoices, sandboxRefs } from './invoice-fixtures';
import { createMemoryJournal } from './memory-journal';

let sb: BillingSandbox;
before(async () => {
  sb = await startBillingSandbox();
});
after(async () => {
  await sb?.close();
});

class Reloaded extends Error {
  readonly code = 'reloaded';
}

describe('an invoice export cut off by a reload', () => {
  it('100 invoices: the next open marks every invoice QBO created as exported, once, and leaves the unsent ones to export again', async () => {
    const refs = await sandboxRefs(sb.gateway());
    const invoices = makeInvoices('RLD', 100);
    const input = exportInput(invoices, refs);
    const contacts: Contact[] = [...input.contactsById].map(([id, c]) => ({ id, typeId: 't1', kind: 'business', companyName: c.displayName, displayName: c.displayName, active: true, updatedAt: '' }));
    const host: BillingHost = {
      async request<M extends HostMethod>(method: M, _params: HostParams<M>): Promise<HostResult<M>> {
        if (method === 'invoices.list') return invoices as HostResult<M>;
        if (method === 'contacts.list') return contacts as HostResult<M>;
        throw new Error(`not asked in this test: ${method}`);
      },
    };
    const byKind: Record<string, ReadonlyMap<string, string>> = { contact: input.links.contact, workCode: input.links.workCode, expenseCode: input.links.expenseCode };
    const links = {
      async list(kind: LinkKind): Promise<LinkRecord[]> {
        return [...(byKind[kind] ?? new Map<string, string>())].map(([otId, qboId]) => ({ realmId: sb.gateway().realmId, kind, otId, qboId, origin: 'manual' as const, createdAt: '', createdBy: 'test' }));
      },
    };
    const settings = async () => ({ lineItemDefaults: input.lineItemDefaults, depositAccountId: '' });
    const journal = createMemoryJournal(sb.gateway().realmId, 'Dana Whitfield');

    // The first page: batch 2 reaches QBO and commits, and the page is reloaded before the answer.
    const page = sb.gateway({ retryPolicy: { ...FAST_RETRIES, maxAttempts: 1 } });
    let calls = 0;
    const dying: BillingGateway = {
      realmId: page.realmId,
      query: (sql) => page.query(sql),
      queryAll: (...a) => page.queryAll(...a),
      async batch(items, options) {
        const answer = await page.batch(items, options);
        if (++calls === 2) throw new Reloaded('The page was reloaded.');
        return answer;
      },
    };
    const first = createBillingService({ host, journal, links, settings, gateway: () => dying });
    const plan = await first.planInvoiceExport(invoices.map((i) => i.id));
    assert.equal(plan.ready.length, 100, JSON.stringify(plan.blocked.slice(0, 2)));
    const cut = await first.exportInvoices(plan, { signal: new AbortController().signal, onProgress: () => undefined });
    assert.equal(cut.stoppedBy?.code, 'reloaded');
    assert.equal((await journal.doneIds('invoiceExport')).size, 30, 'only the first batch is marked exported before the reopen');

    // The window opens again (a new service over the firm's journal).
    const second = createBillingService({ host, journal, links, settings, gateway: () => sb.gateway() });
    await sb.clearLog();
    const finished = await second.finishInterrupted?.('invoiceExport');
    assert.ok(finished, 'something was left to finish');
    assert.equal(finished.outcomes.length, 30);
    assert.ok(finished.outcomes.every((o) => o.result === 'linkedExisting'), 'found in QBO by fingerprint, not created again');
    const ops = await sb.operations();
    assert.equal((ops.batch ?? 0) + (ops['invoice.create'] ?? 0), 0, `looked up, nothing created: ${JSON.stringify(ops)}`);
    const done = await journal.doneIds('invoiceExport');
    assert.equal(done.size, 60, 'every invoice QBO holds is marked exported');

    const qbo = await sb.invoicesByDocNumber(invoices.map((i) => i.number));
    const sent = invoices.slice(0, 60);
    assertExactlyOnce(sent, qbo, input);
    for (const inv of sent) assert.ok(done.has(inv.id), `${inv.number} is marked exported`);
    assert.equal(qbo.filter((q: QboRecord) => invoices.slice(60).some((i) => i.number === q.DocNumber)).length, 0, 'the unsent ones were not created');
    assert.equal((await journal.list('invoiceExport', 'planned')).length, 40, 'the unsent ones stay planned, to be exported again');
    assert.equal(await second.finishInterrupted?.('invoiceExport'), undefined, 'nothing left on the next open');
  });
});
