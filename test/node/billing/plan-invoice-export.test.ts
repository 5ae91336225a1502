/** planInvoiceExport: every BlockCode, every payload field, amounts to the cent. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { payloadTotalCents, planInvoiceExport } from '../../../src/sync/billing/plan-invoice-export';
import { qboAmountToCents } from '../../../src/sync/mappings/money';
import type { InvoiceExportInput } from '../../../src/sync/billing/billing-types';
import type { Invoice, InvoiceLine } from '../../../src/sync/host/protocol';
import { lineCentsHalfAwayFromZero, lineCentsHalfUp, qboLineCents, qboQuantityPrice } from '../../../src/sync/billing/line-quantity-price';

const line = (over: Partial<InvoiceLine>): InvoiceLine => ({
  id: 'l1',
  kind: 'time',
  workCodeId: 'wc1',
  description: 'Bookkeeping',
  quantity: 1,
  rateCents: 10000,
  amountCents: 10000,
  ...over,
});

function invoice(over: Partial<Invoice> = {}): Invoice {
  const lines = over.lines ?? [line({})];
  const total = lines.reduce((n, l) => n + l.amountCents, 0);
  return { id: 'inv1', number: '2001', contactId: 'c1', date: '2026-11-02', dueDate: '2026-12-02', lines, totalCents: total, balanceCents: total, updatedAt: '', ...over };
}

function input(invoices: Invoice[], over: Partial<InvoiceExportInput> = {}): InvoiceExportInput {
  return {
    invoices,
    contactsById: new Map([['c1', { displayName: 'Acme Ltd' }]]),
    links: { contact: new Map([['c1', '58']]), workCode: new Map([['wc1', '7'], ['wc2', '8']]), expenseCode: new Map([['ec1', '9']]) },
    lineItemDefaults: { li1: '11' },
    done: new Set(),
    ...over,
  };
}

describe('planInvoiceExport: reasons', () => {
  const cases: Array<{ name: string; inv: Invoice; over?: Partial<InvoiceExportInput>; codes: string[]; fix?: { view: string; focusId?: string } }> = [
    { name: 'contact not linked', inv: invoice({ contactId: 'c2' }), codes: ['contact_not_linked'], fix: { view: 'contactMatch', focusId: 'c2' } },
    { name: 'work code not linked', inv: invoice({ lines: [line({ workCodeId: 'wc9' })] }), codes: ['work_code_not_linked'], fix: { view: 'workCodeMatch', focusId: 'wc9' } },
    {
      name: 'expense code not linked',
      inv: invoice({ lines: [line({ kind: 'expense', workCodeId: undefined, expenseCodeId: 'ec9' })] }),
      codes: ['expense_code_not_linked'],
      fix: { view: 'expenseCodeMatch', focusId: 'ec9' },
    },
    {
      name: 'line item without a default',
      inv: invoice({ lines: [line({ kind: 'item', workCodeId: undefined, lineItemId: 'li9' })] }),
      codes: ['line_item_no_default'],
      fix: { view: 'accountDefaults', focusId: 'li9' },
    },
    { name: 'no lines', inv: invoice({ lines: [], totalCents: 0 }), codes: ['no_lines'] },
    { name: 'lines do not add up to the total', inv: invoice({ totalCents: 10001 }), codes: ['amounts_do_not_add_up'] },
    { name: 'a line amount is not qty × rate', inv: invoice({ lines: [line({ quantity: 2, amountCents: 15000 })] }), codes: ['amounts_do_not_add_up'] },
    { name: 'already exported', inv: invoice(), over: { done: new Set(['inv1']) }, codes: ['already_done'] },
    { name: 'invoice number too long for QBO', inv: invoice({ number: '1234567890123456789012' }), codes: ['invalid'] },
    { name: 'time line without a work code', inv: invoice({ lines: [line({ workCodeId: undefined })] }), codes: ['invalid'] },
    { name: 'negative total', inv: invoice({ lines: [line({ rateCents: -500, amountCents: -500 })] }), codes: ['invalid'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const plan = planInvoiceExport(input([c.inv], c.over));
      assert.equal(plan.ready.length, 0);
      assert.equal(plan.blocked.length, 1);
      assert.deepEqual(plan.blocked[0].reasons.map((r) => r.code), c.codes);
      for (const r of plan.blocked[0].reasons) assert.ok(r.message.length > 20 && /\.$/.test(r.message), r.message);
      if (c.fix) assert.deepEqual({ view: plan.blocked[0].reasons[0].fix?.view, focusId: plan.blocked[0].reasons[0].fix?.focusId }, c.fix);
    });
  }

  it('names every problem at once, one reason per unlinked code', () => {
    const inv = invoice({ contactId: 'c2', lines: [line({ id: 'a', workCodeId: 'wc9' }), line({ id: 'b', workCodeId: 'wc9' }), line({ id: 'c', kind: 'item', workCodeId: undefined, lineItemId: 'li9' })] });
    const codes = planInvoiceExport(input([inv])).blocked[0].reasons.map((r) => r.code);
    assert.deepEqual(codes, ['contact_not_linked', 'work_code_not_linked', 'line_item_no_default']);
  });
});

describe('planInvoiceExport: payload', () => {
  it('carries customer, number, dates, one sales line per OfficeTools line and the marker', () => {
    const inv = invoice({
      memo: 'Thanks',
      lines: [
        line({ id: 'a', quantity: 0.25, rateCents: 13333, amountCents: 3333, serviceDate: '2026-10-30', description: 'Review' }),
        line({ id: 'b', kind: 'expense', workCodeId: undefined, expenseCodeId: 'ec1', quantity: 3, rateCents: 1999, amountCents: 5997, description: 'Copies' }),
        line({ id: 'c', kind: 'item', workCodeId: undefined, lineItemId: 'li1', quantity: 1, rateCents: -1000, amountCents: -1000, description: 'Discount' }),
      ],
    });
    const plan = planInvoiceExport(input([inv]));
    assert.equal(plan.blocked.length, 0);
    const doc = plan.ready[0];
    assert.equal(doc.sourceId, 'inv1');
    assert.equal(doc.amountCents, 8330);
    assert.equal(doc.fingerprint, 'OT-INV:inv1');
    assert.equal(doc.label, 'Invoice 2001 — Acme Ltd');
    assert.deepEqual(doc.payload, {
      CustomerRef: { value: '58' },
      DocNumber: '2001',
      TxnDate: '2026-11-02',
      DueDate: '2026-12-02',
      PrivateNote: 'OT-INV:inv1\nThanks',
      Line: [
        { DetailType: 'SalesItemLineDetail', Amount: 33.33, Description: 'Review', SalesItemLineDetail: { ItemRef: { value: '7' }, Qty: 0.25, UnitPrice: 133.33, ServiceDate: '2026-10-30' } },
        { DetailType: 'SalesItemLineDetail', Amount: 59.97, Description: 'Copies', SalesItemLineDetail: { ItemRef: { value: '9' }, Qty: 3, UnitPrice: 19.99 } },
        { DetailType: 'SalesItemLineDetail', Amount: -10, Description: 'Discount', SalesItemLineDetail: { ItemRef: { value: '11' }, Qty: 1, UnitPrice: -10 } },
      ],
    });
    assert.equal(payloadTotalCents(doc.payload), 8330);
  });

  it('leaves DueDate out when OfficeTools has none', () => {
    const plan = planInvoiceExport(input([invoice({ dueDate: undefined })]));
    assert.equal('DueDate' in plan.ready[0].payload, false);
  });

  it('Qty × UnitPrice always rounds to Amount, for awkward quantities and rates', () => {
    const awkward: Array<[number, number]> = [[0.25, 13333], [0.1, 3], [1.3333, 15000], [0.0001, 99999], [7.5, 6667], [2.125, 4999], [0.3333, 10000], [1, -1000], [0.5, 1], [-0.5, 1], [12.75, 12345]];
    for (const [q, r] of awkward) {
      for (const amount of new Set([lineCentsHalfUp(q, r) as number, lineCentsHalfAwayFromZero(q, r) as number])) {
        const inv = invoice({ lines: [line({ quantity: q, rateCents: r, amountCents: amount }), line({ id: 'fee', amountCents: 10000 })] });
        const plan = planInvoiceExport(input([inv]));
        assert.equal(plan.ready.length, 1, `${q} × ${r} → ${amount}: ${JSON.stringify(plan.blocked)}`);
        const l = plan.ready[0].payload.Line[0];
        assert.equal(qboLineCents(l.SalesItemLineDetail.Qty, l.SalesItemLineDetail.UnitPrice), amount, `${q} × ${r}`);
        assert.equal(qboAmountToCents(l.Amount), amount);
      }
    }
  });

  it('keeps quantity and rate when they work, else adjusts UnitPrice, else sends Qty 1', () => {
    assert.deepEqual(qboQuantityPrice(0.25, 13333, 3333), { Qty: 0.25, UnitPrice: 133.33, Amount: 33.33, how: 'asEntered' });
    // -0.5 × 1¢: JavaScript rounds to 0 cents, QBO (half away from zero) to -1: the price moves.
    const neg = qboQuantityPrice(-0.5, 1, 0);
    assert.deepEqual(neg, { Qty: -0.5, UnitPrice: 0, Amount: 0, how: 'unitPriceAdjusted' });
    // No 7-decimal price times 300,000 makes 1¢: only Qty 1 can carry it.
    assert.deepEqual(qboQuantityPrice(300000, 0, 1), { Qty: 1, UnitPrice: 0.01, Amount: 0.01, how: 'qtyOne' });
    const adjusted = qboQuantityPrice(3, 3333, 10000);
    assert.equal(adjusted.how, 'unitPriceAdjusted');
    assert.equal(adjusted.Qty, 3);
    assert.equal(adjusted.UnitPrice, 33.3333333);
    assert.equal(qboLineCents(adjusted.Qty, adjusted.UnitPrice), 10000);
  });

  it('plans many invoices independently: ready and blocked side by side, inputs untouched', () => {
    const good = invoice({ id: 'g', number: 'G1' });
    const bad = invoice({ id: 'b', number: 'B1', contactId: 'c2' });
    const i = input([good, bad]);
    const before = JSON.stringify(good);
    const plan = planInvoiceExport(i);
    assert.deepEqual(plan.ready.map((d) => d.sourceId), ['g']);
    assert.deepEqual(plan.blocked.map((d) => d.sourceId), ['b']);
    assert.equal(JSON.stringify(good), before);
  });
});
