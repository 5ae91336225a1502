/**
 * Fixed books of three clients for the Reconcile view's tests: the reconciler compares them with
 * the engine's real comparison (compareBooks), over any period asked for, and keeps what the view
 * saved as CSV.
 */
import { expect } from 'chai';
import type { Invoice, Payment } from '../../../src/sync/host/protocol';
import { compareBooks } from '../../../src/sync/reconcile/compare-books';
import type { QboDocumentFacts, ReconcilePeriod } from '../../../src/sync/reconcile/reconcile-types';
import type { ReconcileViewDeps } from '../../../src/taskpane/reconcile/reconcile-service';
import { US_COMPANY } from '../taskpane/panel-test-kit';

const inv = (id: string, number: string, contactId: string, date: string, totalCents: number, balanceCents = totalCents): Invoice => ({ id, number, contactId, date, lines: [], totalCents, balanceCents, updatedAt: '2026-04-01T00:00:00Z' });
const pay = (id: string, contactId: string, date: string, amountCents: number): Payment => ({ id, contactId, date, amountCents, applications: [], unappliedCents: amountCents, origin: { system: 'officetools' }, updatedAt: '2026-04-01T00:00:00Z' });
const q = (id: string, customerId: string, date: string, amountCents: number, extra: Partial<QboDocumentFacts> = {}): QboDocumentFacts => ({ id, customerId, date, amountCents, ...extra });

const CONTACTS = [
  { id: 'c1', displayName: 'Alder, Amy' },
  { id: 'c2', displayName: 'Birch, "Bo", & Sons' },
  { id: 'c3', displayName: '=Cedar Partners' },
];

export class BooksReconciler {
  readonly periods: ReconcilePeriod[] = [];
  readonly saved: Array<{ fileName: string; text: string }> = [];
  readonly deps: ReconcileViewDeps = {
    openReconciler: async (realmId) => {
      expect(realmId).to.equal(US_COMPANY.realmId);
      return {
        reconcile: async (period, onProgress) => {
          this.periods.push(period);
          onProgress?.({ qboRows: 7 });
          return compareBooks({
            period,
            realmId,
            contacts: CONTACTS,
            otInvoices: [inv('i1', '1001', 'c1', '2026-01-10', 100_00, 40_00), inv('i2', '1002', 'c1', '2026-01-20', 250_00), inv('i3', '1003', 'c2', '2026-02-01', 75_50), inv('i4', '1004', 'c3', '2026-02-02', 19_99)],
            otPayments: [pay('p1', 'c1', '2026-01-15', 60_00), pay('p2', 'c3', '2026-02-10', 10_00)],
            qboInvoices: [
              q('51', '101', '2026-01-10', 100_00, { otId: 'i1', docNumber: '1001', balanceCents: 40_00, customerName: 'Amy Alder' }),
              q('52', '101', '2026-01-20', 250_01, { otId: 'i2', docNumber: '1002', balanceCents: 250_01, customerName: 'Amy Alder' }),
              q('53', '101', '2026-03-05', 12_00, { docNumber: 'Q-53', balanceCents: 12_00, customerName: 'Amy Alder' }),
              q('54', '103', '2026-02-02', 19_99, { otId: 'i4', docNumber: '1004', balanceCents: 19_99, customerName: 'Cedar' }),
            ],
            qboPayments: [q('91', '101', '2026-01-15', 60_00, { otId: 'p1' }), q('92', '103', '2026-02-10', 10_00, { otId: 'p2' })],
            customerByContact: new Map([
              ['c1', '101'],
              ['c2', '102'],
              ['c3', '103'],
            ]),
            exportedInvoices: new Map(),
            journalPayments: new Map(),
          });
        },
        close() {},
      };
    },
    download: (fileName, text) => this.saved.push({ fileName, text }),
  };
}
