/** planPaymentExport and planPaymentImport: the seed's rules, every reason, every field. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planPaymentExport } from '../../../src/sync/billing/plan-payment-export';
import { planPaymentImport } from '../../../src/sync/billing/plan-payment-import';
import type { PaymentExportInput, PaymentImportInput, QboPaymentListRow } from '../../../src/sync/billing/billing-types';
import type { Invoice, Payment } from '../../../src/sync/host/protocol';

function payment(over: Partial<Payment> = {}): Payment {
  return {
    id: 'p1',
    contactId: 'c1',
    date: '2026-11-10',
    amountCents: 25000,
    method: 'check',
    reference: '1042',
    applications: [{ invoiceId: 'i1', amountCents: 20000 }],
    unappliedCents: 5000,
    memo: 'Thank you',
    origin: { system: 'officetools' },
    updatedAt: '',
    ...over,
  };
}

function exportInput(payments: Payment[], over: Partial<PaymentExportInput> = {}): PaymentExportInput {
  return {
    payments,
    links: { contact: new Map([['c1', '58']]) },
    qboInvoiceIdByOtInvoiceId: new Map([['i1', '130'], ['i2', '131']]),
    paymentMethodIdByName: new Map([['Check', '2'], ['Cash', '1']]),
    depositAccountId: '',
    done: new Set(),
    invoiceNumbers: new Map([['i1', '2001'], ['i3', '2003']]),
    ...over,
  };
}

describe('planPaymentExport', () => {
  it('with what QBO holds: an invoice is never over-applied across the payments of one plan, nor by two lines of one payment; details say how each is applied', () => {
    const qbo = {
      customers: new Map([['58', { name: 'Amy', active: true }]]),
      invoices: new Map([['130', { id: '130', docNumber: '1045', customerId: '58', totalCents: 30000, balanceCents: 30000 }]]),
      hasUndepositedFunds: true,
    };
    const first = payment({ id: 'p1', amountCents: 20000, applications: [{ invoiceId: 'i1', amountCents: 20000 }], unappliedCents: 0 });
    const second = payment({ id: 'p2', amountCents: 15000, applications: [{ invoiceId: 'i1', amountCents: 15000 }], unappliedCents: 0 });
    const twoLines = payment({ id: 'p3', amountCents: 40000, applications: [{ invoiceId: 'i1', amountCents: 20000 }, { invoiceId: 'i1', amountCents: 20000 }], unappliedCents: 0 });
    const plan = planPaymentExport(exportInput([first, second], { qbo }));
    assert.deepEqual(plan.ready.map((d) => d.sourceId), ['p1']);
    assert.equal(plan.ready[0].detail, 'Applied in full to OfficeTools invoice 2001 (QuickBooks invoice 1045).');
    assert.match(plan.blocked[0].reasons[0].message, /owes only \$100\.00 in QuickBooks Online after the other payments being exported/);
    const lines = planPaymentExport(exportInput([twoLines], { qbo }));
    assert.deepEqual(lines.blocked[0].reasons.map((r) => r.code), ['invoice_balance']);
    const partly = planPaymentExport(exportInput([payment({ id: 'p4', amountCents: 25000, applications: [{ invoiceId: 'i1', amountCents: 20000 }] })], { qbo }));
    assert.equal(partly.ready[0].detail, 'Partly applied: $200.00 to OfficeTools invoice 2001 (QuickBooks invoice 1045); $50.00 unapplied.');
    assert.ok(!partly.ready[0].detail?.includes('$250.00'), 'the total is in the label, not repeated');
  });

  it('builds the QBO Payment: customer, total, linked invoice lines, reference, date, method, marker; no deposit account ⇒ Undeposited Funds', () => {
    const plan = planPaymentExport(exportInput([payment({ applications: [{ invoiceId: 'i1', amountCents: 20000 }, { invoiceId: 'i2', amountCents: 333 }] })]));
    assert.equal(plan.blocked.length, 0);
    const doc = plan.ready[0];
    assert.equal(doc.fingerprint, 'OT-PAY:p1');
    assert.equal(doc.amountCents, 25000);
    assert.deepEqual(doc.payload, {
      CustomerRef: { value: '58' },
      TotalAmt: 250,
      TxnDate: '2026-11-10',
      Line: [
        { Amount: 200, LinkedTxn: [{ TxnId: '130', TxnType: 'Invoice' }] },
        { Amount: 3.33, LinkedTxn: [{ TxnId: '131', TxnType: 'Invoice' }] },
      ],
      PaymentRefNum: '1042',
      PaymentMethodRef: { value: '2' },
      PrivateNote: 'OT-PAY:p1\nThank you',
    });
    assert.equal('DepositToAccountRef' in doc.payload, false);
  });

  it('sends DepositToAccountRef when Account Defaults names one', () => {
    const plan = planPaymentExport(exportInput([payment()], { depositAccountId: '35' }));
    assert.deepEqual(plan.ready[0].payload.DepositToAccountRef, { value: '35' });
  });

  it('an unapplied payment has no lines; an unknown method is left out', () => {
    const plan = planPaymentExport(exportInput([payment({ applications: [], method: 'Barter', reference: undefined, memo: undefined })]));
    const p = plan.ready[0].payload;
    assert.deepEqual(p.Line, []);
    assert.equal(p.PaymentMethodRef, undefined);
    assert.equal(p.PaymentRefNum, undefined);
    assert.equal(p.PrivateNote, 'OT-PAY:p1');
  });

  const blocked: Array<{ name: string; p: Payment; over?: Partial<PaymentExportInput>; codes: string[]; view?: string }> = [
    { name: 'contact not linked', p: payment({ contactId: 'c2' }), codes: ['contact_not_linked'], view: 'contactMatch' },
    { name: 'related invoice not exported', p: payment({ applications: [{ invoiceId: 'i3', amountCents: 100 }] }), codes: ['invoice_not_exported'], view: 'exportInvoices' },
    { name: 'came from QBO', p: payment({ origin: { system: 'qbo', realmId: '1', qboId: '9' } }), codes: ['from_other_side'] },
    { name: 'already exported', p: payment(), over: { done: new Set(['p1']) }, codes: ['already_done'] },
    { name: 'applies more than it is', p: payment({ amountCents: 100 }), codes: ['amounts_do_not_add_up'] },
    { name: 'zero payment', p: payment({ amountCents: 0, applications: [] }), codes: ['invalid'] },
    { name: 'reference longer than QBO keeps', p: payment({ reference: 'x'.repeat(22) }), codes: ['invalid'] },
  ];
  for (const c of blocked) {
    it(`blocks: ${c.name}`, () => {
      const plan = planPaymentExport(exportInput([c.p], c.over));
      assert.equal(plan.ready.length, 0);
      assert.deepEqual(plan.blocked[0].reasons.map((r) => r.code), c.codes);
      if (c.view) assert.equal(plan.blocked[0].reasons[0].fix?.view, c.view);
    });
  }

  it('names the unexported invoice by its OfficeTools number', () => {
    const plan = planPaymentExport(exportInput([payment({ applications: [{ invoiceId: 'i3', amountCents: 100 }] })]));
    assert.match(plan.blocked[0].reasons[0].message, /invoice 2003/);
  });
});

function otInvoice(id: string, contactId: string, balanceCents: number): Invoice {
  return { id, number: `N${id}`, contactId, date: '2026-10-01', lines: [], totalCents: balanceCents, balanceCents, updatedAt: '' };
}

function row(over: Partial<QboPaymentListRow> = {}): QboPaymentListRow {
  return {
    qboId: '501',
    date: '2026-11-12',
    customerQboId: '58',
    customerName: 'Acme Ltd',
    amountCents: 30000,
    reference: 'ACH-7',
    invoices: [{ qboId: '130', docNumber: '2001', amountCents: 20000 }],
    fromOfficeTools: false,
    paymentMethodName: 'ACH',
    ...over,
  };
}

function importInput(rows: QboPaymentListRow[], over: Partial<PaymentImportInput> = {}): PaymentImportInput {
  return {
    realmId: '9341450000000001',
    rows,
    links: { contact: new Map([['c1', '58']]) },
    otInvoiceIdByQboInvoiceId: new Map([['130', 'i1'], ['131', 'i2'], ['132', 'i9']]),
    otInvoices: [otInvoice('i1', 'c1', 20000), otInvoice('i2', 'c1', 5000), otInvoice('i9', 'c9', 7000)],
    done: new Set(),
    ...over,
  };
}

describe('planPaymentImport', () => {
  it('records the payment for the linked contact, applied to the matching OfficeTools invoice, the rest unapplied', () => {
    const plan = planPaymentImport(importInput([row()]));
    assert.equal(plan.blocked.length, 0);
    const doc = plan.ready[0];
    assert.equal(doc.sourceId, '501');
    assert.deepEqual(doc.payload, {
      contactId: 'c1',
      date: '2026-11-12',
      amountCents: 30000,
      applications: [{ invoiceId: 'i1', amountCents: 20000 }],
      memo: 'Imported from QuickBooks Online payment 501. $100.00 unapplied.',
      origin: { system: 'qbo', realmId: '9341450000000001', qboId: '501' },
      reference: 'ACH-7',
      method: 'ACH',
    });
  });

  it('caps each application by the open balance, counting earlier payments of the same plan', () => {
    const first = row({ qboId: '601', amountCents: 4000, invoices: [{ qboId: '131', amountCents: 4000 }] });
    const second = row({ qboId: '602', amountCents: 3000, invoices: [{ qboId: '131', amountCents: 3000 }] });
    const plan = planPaymentImport(importInput([first, second]));
    assert.deepEqual(plan.ready.map((d) => d.payload.applications), [[{ invoiceId: 'i2', amountCents: 4000 }], [{ invoiceId: 'i2', amountCents: 1000 }]]);
    assert.match(plan.ready[1].payload.memo ?? '', /\$20\.00 unapplied: \$20\.00 of the \$30\.00 paid on/);
  });

  it('leaves unapplied what pays an invoice OfficeTools does not have, or that of another contact', () => {
    const r = row({ amountCents: 9000, invoices: [{ qboId: '999', docNumber: 'Q-1', amountCents: 2000 }, { qboId: '132', amountCents: 7000 }] });
    const plan = planPaymentImport(importInput([r]));
    assert.deepEqual(plan.ready[0].payload.applications, []);
    assert.match(plan.ready[0].payload.memo ?? '', /invoice Q-1, which has no OfficeTools invoice/);
    assert.match(plan.ready[0].payload.memo ?? '', /another OfficeTools contact/);
  });

  it('uses the OT-INV marker found on the QBO invoice when the journal does not know it', () => {
    const r = row({ invoices: [{ qboId: '777', amountCents: 20000, otInvoiceId: 'i1' }] });
    const plan = planPaymentImport(importInput([r]));
    assert.deepEqual(plan.ready[0].payload.applications, [{ invoiceId: 'i1', amountCents: 20000 }]);
  });

  const blocked: Array<{ name: string; r: QboPaymentListRow; over?: Partial<PaymentImportInput>; code: string }> = [
    { name: 'customer not linked', r: row({ customerQboId: '77' }), code: 'customer_not_linked' },
    { name: 'came from OfficeTools', r: row({ fromOfficeTools: true }), code: 'from_other_side' },
    { name: 'already imported', r: row(), over: { done: new Set(['501']) }, code: 'already_done' },
    { name: 'voided (zero)', r: row({ amountCents: 0, invoices: [] }), code: 'invalid' },
  ];
  for (const c of blocked) {
    it(`blocks: ${c.name}`, () => {
      const plan = planPaymentImport(importInput([c.r], c.over));
      assert.equal(plan.ready.length, 0);
      assert.equal(plan.blocked[0].reasons[0].code, c.code);
      assert.ok(plan.blocked[0].reasons[0].message.includes('Acme Ltd') || c.code === 'from_other_side' || c.code === 'already_done' || c.code === 'invalid');
    });
  }
});
