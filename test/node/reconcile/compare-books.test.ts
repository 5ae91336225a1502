/**
 * The pure comparison of the reconciliation report: every pairing rule (journal, marker,
 * DocNumber + customer, an imported payment's QBO Id), every one-sided and differing case,
 * the period, and the per-client totals to the cent. Also the CSV escaping.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Invoice, Payment } from '../../../src/sync/host/protocol';
import { clientDocuments, compareBooks, type CompareBooksInput } from '../../../src/sync/reconcile/compare-books';
import { clientsCsv, csvCell, documentsCsv } from '../../../src/sync/reconcile/reconcile-csv';
import type { QboDocumentFacts, ReconcileDocument } from '../../../src/sync/reconcile/reconcile-types';

const REALM = '9130350000000001';
const period = { from: '2026-01-01', to: '2026-03-31' };

function invoice(id: string, number: string, contactId: string, date: string, totalCents: number, balanceCents = totalCents): Invoice {
  return { id, number, contactId, date, lines: [], totalCents, balanceCents, updatedAt: '2026-04-01T00:00:00.000Z' };
}

function payment(id: string, contactId: string, date: string, amountCents: number, origin: Payment['origin'] = { system: 'officetools' }): Payment {
  return { id, contactId, date, amountCents, applications: [], unappliedCents: amountCents, origin, updatedAt: '2026-04-01T00:00:00.000Z' };
}

function qbo(id: string, customerId: string, date: string, amountCents: number, extra: Partial<QboDocumentFacts> = {}): QboDocumentFacts {
  return { id, customerId, date, amountCents, ...extra };
}

function input(over: Partial<CompareBooksInput>): CompareBooksInput {
  return {
    period,
    realmId: REALM,
    contacts: [
      { id: 'c1', displayName: 'Alder, Amy' },
      { id: 'c2', displayName: 'Birch & Co' },
      { id: 'c3', displayName: 'Cedar LLC' },
    ],
    otInvoices: [],
    otPayments: [],
    qboInvoices: [],
    qboPayments: [],
    customerByContact: new Map([
      ['c1', '101'],
      ['c2', '102'],
    ]),
    exportedInvoices: new Map(),
    journalPayments: new Map(),
    ...over,
  };
}

const find = (docs: readonly ReconcileDocument[], pred: (d: ReconcileDocument) => boolean) => {
  const hit = docs.filter(pred);
  assert.equal(hit.length, 1, `expected one document, got ${JSON.stringify(hit)}`);
  return hit[0];
};

describe('compareBooks: pairing', () => {
  it('pairs an exported invoice by the journal, even when its DocNumber and marker say nothing', () => {
    const r = compareBooks(input({ otInvoices: [invoice('i1', '1001', 'c1', '2026-01-10', 150_00)], qboInvoices: [qbo('55', '101', '2026-01-10', 150_00, { docNumber: 'X-9', balanceCents: 150_00 })], exportedInvoices: new Map([['i1', '55']]) }));
    assert.equal(r.documents.length, 1);
    const d = r.documents[0];
    assert.equal(d.status, 'matched');
    assert.equal(d.matchedBy, 'journal');
    assert.equal(d.qbo?.id, '55');
    assert.deepEqual(d.differences, []);
  });

  it('pairs by the OT-INV marker when the journal of this computer does not know the export', () => {
    const r = compareBooks(input({ otInvoices: [invoice('i1', '1001', 'c1', '2026-01-10', 150_00)], qboInvoices: [qbo('55', '101', '2026-01-10', 150_00, { otId: 'i1', docNumber: 'Q-1' })] }));
    assert.equal(r.documents[0].matchedBy, 'marker');
    assert.equal(r.documents[0].status, 'matched');
  });

  it('pairs by DocNumber and linked customer (case-insensitive, under the firm numbering), never a QBO invoice carrying another marker', () => {
    const r = compareBooks(
      input({
        otInvoices: [invoice('i1', '1001', 'c1', '2026-01-10', 150_00), invoice('i2', '1002', 'c1', '2026-01-11', 20_00)],
        qboInvoices: [qbo('55', '101', '2026-01-10', 150_00, { docNumber: 'ot-1001' }), qbo('56', '101', '2026-01-11', 20_00, { docNumber: 'OT-1002', otId: 'i-other' })],
        docNumberOf: (n) => `OT-${n}`,
      }),
    );
    assert.equal(find(r.documents, (d) => d.ot?.id === 'i1').matchedBy, 'docNumber');
    assert.equal(find(r.documents, (d) => d.ot?.id === 'i2').status, 'onlyInOfficeTools');
    assert.equal(find(r.documents, (d) => d.qbo?.id === '56').status, 'onlyInQbo');
  });

  it('does not pair by DocNumber under another customer', () => {
    const r = compareBooks(input({ otInvoices: [invoice('i1', '1001', 'c1', '2026-01-10', 150_00)], qboInvoices: [qbo('55', '102', '2026-01-10', 150_00, { docNumber: '1001' })] }));
    assert.equal(find(r.documents, (d) => d.ot?.id === 'i1').status, 'onlyInOfficeTools');
    const q = find(r.documents, (d) => d.qbo?.id === '55');
    assert.equal(q.status, 'onlyInQbo');
    assert.deepEqual(q.clientIds, ['c2']);
  });

  it('pairs payments by the journal (export and import), by OT-PAY marker and by the QBO Id an imported payment keeps', () => {
    const r = compareBooks(
      input({
        otPayments: [
          payment('p1', 'c1', '2026-02-01', 40_00),
          payment('p2', 'c1', '2026-02-02', 41_00),
          payment('p3', 'c2', '2026-02-03', 42_00, { system: 'qbo', realmId: REALM, qboId: '903' }),
          payment('p4', 'c2', '2026-02-04', 43_00, { system: 'qbo', realmId: 'another-company', qboId: '904' }),
        ],
        qboPayments: [qbo('901', '101', '2026-02-01', 40_00), qbo('902', '101', '2026-02-02', 41_00, { otId: 'p2' }), qbo('903', '102', '2026-02-03', 42_00), qbo('904', '102', '2026-02-04', 43_00)],
        journalPayments: new Map([['p1', '901']]),
      }),
    );
    assert.equal(find(r.documents, (d) => d.ot?.id === 'p1').matchedBy, 'journal');
    assert.equal(find(r.documents, (d) => d.ot?.id === 'p2').matchedBy, 'marker');
    assert.equal(find(r.documents, (d) => d.ot?.id === 'p3').matchedBy, 'origin');
    // Imported from another company: QBO's 904 is not the same document.
    assert.equal(find(r.documents, (d) => d.ot?.id === 'p4').status, 'onlyInOfficeTools');
    assert.equal(find(r.documents, (d) => d.qbo?.id === '904').status, 'onlyInQbo');
  });
});

describe('compareBooks: one side only and differences', () => {
  const r = compareBooks(
    input({
      otInvoices: [
        invoice('i1', '1001', 'c1', '2026-01-10', 100_01, 60_01),
        invoice('i2', '1002', 'c1', '2026-01-12', 200_00),
        invoice('i3', '1003', 'c1', '2026-01-15', 300_00),
        invoice('i4', '1004', 'c2', '2026-02-01', 400_00),
        invoice('i5', '1005', 'c3', '2026-02-02', 12_34),
        invoice('i6', '1006', 'c1', '2026-03-31', 9_99),
      ],
      qboInvoices: [
        qbo('51', '101', '2026-01-10', 100_01, { balanceCents: 60_01, otId: 'i1' }),
        // Amount differs by one cent.
        qbo('52', '101', '2026-01-12', 200_01, { balanceCents: 200_01, otId: 'i2' }),
        // i3 exported under another customer (the other client's).
        qbo('53', '102', '2026-01-15', 300_00, { balanceCents: 300_00, otId: 'i3' }),
        // QBO invoice of a linked customer with no OfficeTools invoice.
        qbo('54', '102', '2026-03-01', 77_77, { balanceCents: 7_77, docNumber: 'Q-54' }),
        // A QBO invoice of a customer no contact is linked to: not OfficeTools' business.
        qbo('58', '999', '2026-03-01', 5_00, { balanceCents: 5_00 }),
        // i6 dated the next day in QBO, outside the period (the loader reads it by Id).
        qbo('59', '101', '2026-04-01', 9_99, { balanceCents: 9_99 }),
      ],
      exportedInvoices: new Map([['i6', '59']]),
      otPayments: [payment('p1', 'c1', '2026-01-20', 40_00), payment('p2', 'c2', '2026-01-21', 50_00)],
      qboPayments: [qbo('901', '101', '2026-01-20', 40_00, { otId: 'p1' }), qbo('902', '102', '2026-01-22', 50_00, { otId: 'p2' }), qbo('903', '101', '2026-02-22', 1_00)],
    }),
  );

  it('reports an amount difference to the cent', () => {
    const d = find(r.documents, (x) => x.ot?.id === 'i2');
    assert.equal(d.status, 'differs');
    assert.deepEqual(d.differences, ['amount']);
    assert.equal(d.ot?.amountCents, 200_00);
    assert.equal(d.qbo?.amountCents, 200_01);
  });

  it('reports a customer difference and lists the document under both clients', () => {
    const d = find(r.documents, (x) => x.ot?.id === 'i3');
    assert.deepEqual(d.differences, ['customer']);
    assert.deepEqual(d.clientIds.sort(), ['c1', 'c2']);
  });

  it('reports documents on one side only, and an unlinked contact\'s invoice as only in OfficeTools', () => {
    assert.equal(find(r.documents, (x) => x.ot?.id === 'i4').status, 'onlyInOfficeTools');
    assert.equal(find(r.documents, (x) => x.ot?.id === 'i5').status, 'onlyInOfficeTools');
    assert.equal(find(r.documents, (x) => x.qbo?.id === '54').status, 'onlyInQbo');
    assert.equal(find(r.documents, (x) => x.qbo?.id === '903').status, 'onlyInQbo');
    assert.equal(r.documents.filter((x) => x.qbo?.id === '58').length, 0);
  });

  it('reports a date difference when QBO dates the document outside the period', () => {
    const d = find(r.documents, (x) => x.ot?.id === 'i6');
    assert.deepEqual(d.differences, ['date']);
    assert.deepEqual(find(r.documents, (x) => x.ot?.id === 'p2').differences, ['date']);
  });

  it('totals each client from each system\'s own books, in exact cents', () => {
    const c1 = r.clients.find((c) => c.contactId === 'c1');
    const c2 = r.clients.find((c) => c.contactId === 'c2');
    const c3 = r.clients.find((c) => c.contactId === 'c3');
    assert.deepEqual(c1?.ot, { invoicedCents: 100_01 + 200_00 + 300_00 + 9_99, paidCents: 40_00, openCents: 60_01 + 200_00 + 300_00 + 9_99 });
    // QBO: 51, 52 under customer 101 (53 is under 102, 59 is outside the period), payments 901 and 903.
    assert.deepEqual(c1?.qbo, { invoicedCents: 100_01 + 200_01, paidCents: 41_00, openCents: 60_01 + 200_01 });
    assert.deepEqual(c2?.ot, { invoicedCents: 400_00, paidCents: 50_00, openCents: 400_00 });
    assert.deepEqual(c2?.qbo, { invoicedCents: 300_00 + 77_77, paidCents: 50_00, openCents: 300_00 + 7_77 });
    assert.deepEqual(c3?.qbo, { invoicedCents: 0, paidCents: 0, openCents: 0 });
    assert.equal(c3?.customerId, undefined);
    assert.equal(c1?.issues, 4); // i2 (amount), i3 (customer), i6 (date), the QBO-only payment 903
    assert.equal(c2?.issues, 4); // i3, i4, QBO's 54, p2 (date)
    assert.deepEqual(r.totals.ot, { invoicedCents: 100_01 + 200_00 + 300_00 + 400_00 + 12_34 + 9_99, paidCents: 90_00, openCents: 60_01 + 200_00 + 300_00 + 400_00 + 12_34 + 9_99 });
  });

  it('drills down to one client\'s documents, invoices first by date', () => {
    const docs = clientDocuments(r, 'c1');
    assert.deepEqual(
      docs.map((d) => d.ot?.id ?? d.qbo?.id),
      ['i1', 'i2', 'i3', 'i6', 'p1', '903'],
    );
  });

  it('leaves out documents dated outside the period on both sides', () => {
    const r2 = compareBooks(input({ otInvoices: [invoice('i9', '1009', 'c1', '2025-12-31', 1_00)], qboInvoices: [qbo('99', '101', '2026-04-01', 2_00)] }));
    assert.equal(r2.documents.length, 0);
    assert.equal(r2.clients.length, 0);
  });
});

describe('reconcile CSV', () => {
  it('quotes commas, quotes and newlines, and guards formula starts in text (not in amounts)', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('Birch, Ltd'), '"Birch, Ltd"');
    assert.equal(csvCell('He said "hi"'), '"He said ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell('=HYPERLINK("x")'), '"\'=HYPERLINK(""x"")"');
    assert.equal(csvCell('+1'), "'+1");
    assert.equal(csvCell('-2'), "'-2");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell({ cents: -12_50 }), '-12.50');
    assert.equal(csvCell({ cents: 5 }), '0.05');
    assert.equal(csvCell(undefined), '');
  });

  it('writes the summary and the documents with both systems\' numbers', () => {
    const r = compareBooks(
      input({
        contacts: [{ id: 'c1', displayName: '=cmd|"/c calc"!A1, "Amy"' }],
        otInvoices: [invoice('i1', '1001', 'c1', '2026-01-10', 100_01)],
        qboInvoices: [qbo('51', '101', '2026-01-10', 100_02, { otId: 'i1', customerName: 'Amy, Inc.', docNumber: '1001', balanceCents: 100_02 })],
      }),
    );
    const summary = clientsCsv(r).split('\r\n');
    assert.equal(summary[1], '"\'=cmd|""/c calc""!A1, ""Amy""",101,100.01,100.02,0.00,0.00,100.01,100.02,1,1');
    const docs = documentsCsv(r.documents, (id) => (id === 'c1' ? 'Amy' : id)).split('\r\n');
    assert.equal(docs[1], 'Amy,invoice,"In both, different",amount,1001,2026-01-10,100.01,100.01,51,1001,"Amy, Inc.",2026-01-10,100.02,100.02,marker');
  });
});
