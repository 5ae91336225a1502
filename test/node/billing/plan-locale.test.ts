/**
 * The billing plans word their reasons, labels and confirmations in the user's locale (issue 12:
 * one locale-aware format throughout): amounts exact to the cent, dates and quantities as the
 * panel's lists show them. The memo written into the firm's OfficeTools payment stays in the
 * company's format, whoever imports it.
 */
process.env.TZ = 'Europe/Berlin';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planInvoiceExport } from '../../../src/sync/billing/plan-invoice-export';
import { planPaymentExport } from '../../../src/sync/billing/plan-payment-export';
import { planPaymentImport } from '../../../src/sync/billing/plan-payment-import';
import { describeApplications } from '../../../src/sync/billing/describe-applications';
import { RunBusyError } from '../../../src/sync/billing/guarded-billing-service';
import { localeFormat } from '../../../src/sync/format/locale-format';
import { setDisplayLocale } from '../../../src/sync/format/display-locale';
import type { Invoice, InvoiceLine, Payment } from '../../../src/sync/host/protocol';

const de = localeFormat('de-DE');
/** Intl puts a no-break space before the sign in de-DE money; compare with plain spaces. */
const plain = (s: string | undefined): string => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

const line = (over: Partial<InvoiceLine>): InvoiceLine => ({ id: 'l1', kind: 'time', workCodeId: 'wc1', description: 'Bookkeeping', quantity: 1, rateCents: 10000, amountCents: 10000, ...over });

function invoice(lines: InvoiceLine[], over: Partial<Invoice> = {}): Invoice {
  const total = lines.reduce((n, l) => n + l.amountCents, 0);
  return { id: 'inv1', number: '2001', contactId: 'c1', date: '2026-11-02', dueDate: '2026-12-02', lines, totalCents: total, balanceCents: total, updatedAt: '', ...over };
}

const invoiceInput = (invoices: Invoice[]) => ({
  invoices,
  contactsById: new Map([['c1', { displayName: 'Acme Ltd' }]]),
  links: { contact: new Map([['c1', '58']]), workCode: new Map([['wc1', '7']]), expenseCode: new Map<string, string>() },
  lineItemDefaults: {},
  done: new Set<string>(),
});

describe('billing plans in the user’s locale', () => {
  it('an invoice whose line does not add up says so in de-DE: quantity, rate and amount as a German reader writes them', () => {
    const inv = invoice([line({ quantity: 1.5, rateCents: 123450, amountCents: 123456 })]);
    const plan = planInvoiceExport({ ...invoiceInput([inv]), format: de });
    assert.equal(
      plain(plan.blocked[0].reasons[0].message),
      'line 1 ("Bookkeeping"): 1,5 × 1.234,50 $ is not 1.234,56 $. Correct the line in OfficeTools, then export again.',
    );
    const total = planInvoiceExport({ ...invoiceInput([invoice([line({})], { totalCents: 900719925474099 })]), format: de });
    assert.match(plain(total.blocked[0].reasons[0].message), /^The lines add up to 100,00 \$ but the invoice total is 9\.007\.199\.254\.740,99 \$\./);
  });

  it('a payment export: its label and the confirmation of how it is applied read in de-DE', () => {
    const payment: Payment = {
      id: 'p1',
      contactId: 'c1',
      date: '2026-11-10',
      amountCents: 125050,
      method: 'check',
      applications: [{ invoiceId: 'i1', amountCents: 100000 }],
      unappliedCents: 25050,
      origin: { system: 'officetools' },
      updatedAt: '',
    };
    const plan = planPaymentExport({
      payments: [payment],
      links: { contact: new Map([['c1', '58']]) },
      qboInvoiceIdByOtInvoiceId: new Map([['i1', '130']]),
      paymentMethodIdByName: new Map(),
      depositAccountId: '',
      done: new Set(),
      invoiceNumbers: new Map([['i1', '2001']]),
      contactsById: new Map([['c1', { displayName: 'Acme Ltd' }]]),
      format: de,
    });
    assert.equal(plan.blocked.length, 0, JSON.stringify(plan.blocked));
    assert.equal(plain(plan.ready[0].label), 'Payment of 1.250,50 $ on 10.11.2026 — Acme Ltd');
    assert.equal(plain(plan.ready[0].detail), 'Partly applied: 1.000,00 $ to OfficeTools invoice 2001; 250,50 $ unapplied.');
  });

  it('a payment import: label and detail in de-DE, the memo stored in OfficeTools in the company’s format', () => {
    const plan = planPaymentImport({
      realmId: '9341450000000001',
      rows: [{ qboId: '501', date: '2026-11-12', customerQboId: '58', customerName: 'Acme Ltd', amountCents: 300000, invoices: [{ qboId: '130', docNumber: '2001', amountCents: 200000 }], fromOfficeTools: false }],
      links: { contact: new Map([['c1', '58']]) },
      otInvoiceIdByQboInvoiceId: new Map([['130', 'i1']]),
      otInvoices: [{ id: 'i1', number: '2001', contactId: 'c1', date: '2026-10-01', lines: [], totalCents: 200000, balanceCents: 200000, updatedAt: '' }],
      done: new Set(),
      format: de,
    });
    const doc = plan.ready[0];
    assert.equal(plain(doc.label), 'Payment of 3.000,00 $ on 12.11.2026 — Acme Ltd');
    assert.equal(plain(doc.detail), 'Partly applied: 2.000,00 $ to invoice 2001 (the same number in OfficeTools and QuickBooks); 1.000,00 $ unapplied.');
    assert.equal(doc.payload.memo, 'Imported from QuickBooks Online payment 501. $1,000.00 unapplied.');
  });

  it('without a format given, messages follow the frame’s display locale (the host’s, set once)', () => {
    try {
      setDisplayLocale('de-DE');
      assert.equal(plain(describeApplications(5000, [{ otNumber: '7', amountCents: 2000 }])), 'Partly applied: 20,00 $ to OfficeTools invoice 7; 30,00 $ unapplied.');
      // A refused export says since when the other run holds it, in the reader's clock.
      const busy = new RunBusyError({ name: 'Bea', since: '2026-03-03T13:05:00Z', sameBrowser: false }, 'exporting invoices to QuickBooks Online');
      assert.match(busy.message, /^Bea is exporting invoices to QuickBooks Online since 14:05\. /);
      setDisplayLocale('en-US');
      assert.equal(describeApplications(5000, [{ otNumber: '7', amountCents: 2000 }]), 'Partly applied: $20.00 to OfficeTools invoice 7; $30.00 unapplied.');
      assert.match(plain(new RunBusyError({ name: 'Bea', since: '2026-03-03T13:05:00Z', sameBrowser: false }, 'exporting').message), /since 2:05 PM\./);
      assert.match(new RunBusyError({ name: 'Bea', since: 'garbage', sameBrowser: false }, 'exporting').message, /^Bea is exporting\. /, 'an unreadable time is left out, not "Invalid Date"');
    } finally {
      setDisplayLocale(undefined);
    }
  });
});
