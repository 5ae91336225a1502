/**
 * The two sets of books the reconciliation benchmark compares: 20,000 OfficeTools clients with
 * 5 invoices and 3 payments each in the shell's real FirmStore, and the same documents in the
 * QBO sandbox as exports would have left them — half found through the journal (QBO Id), half
 * only through the `OT-INV:` / `OT-PAY:` markers — under 20,000 linked customers. A few
 * clients carry planted discrepancies, so the benchmark can check the report found exactly
 * those. The QBO company is written through the sandbox's own write engine (CompanyBuilder:
 * every rule of the API, balances updated by payments) into its stopped data folder, since
 * 160,000 documents through the API under QBO's limits would take hours of setup.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeJsonAtomically } from '../../dev/shell/atomic-json-file';
import { generateDemoFirm } from '../../dev/shell/demo-firm';
import { FIRM_FILE, FirmStore } from '../../dev/shell/firm-store';
import { CompanyBuilder } from '../../dev/qbo-sandbox/store/company-builder';
import { CompanyRegistry } from '../../dev/qbo-sandbox/store/company-registry';
import type { JournalChange } from '../../src/sync/billing/billing-types';
import type { Contact, Invoice, Payment } from '../../src/sync/host/protocol';
import { centsToQboAmount } from '../../src/sync/mappings/money';

export const RECONCILE_PERIOD = { from: '2026-01-01', to: '2026-12-31' };

/** Planted discrepancies: clients whose index modulo 1000 is the key. */
export const PLANTED = {
  /** Invoice #5 never reached QBO. */
  invoiceOnlyInOfficeTools: 1,
  /** Invoice #5 is one cent more in QBO. */
  invoiceAmount: 2,
  /** Invoice #5 is under the previous client's customer in QBO. */
  invoiceCustomer: 3,
  /** QBO has one more invoice for the client's customer. */
  invoiceOnlyInQbo: 4,
  /** Payment #1 never reached QBO. */
  paymentOnlyInOfficeTools: 5,
} as const;

export interface ReconcileBooksSpec {
  clients: number;
  invoicesPerClient: number;
  paymentsPerClient: number;
}

export interface ReconcileBooks {
  store: FirmStore;
  contacts: Contact[];
  /** contact id → QBO customer Id. */
  customerOf: Map<string, string>;
  invoiceJournal: JournalChange[];
  paymentJournal: JournalChange[];
  /** What the report must say: per status, and QBO's totals over the linked customers. */
  expected: {
    invoices: number;
    payments: number;
    issues: Record<keyof typeof PLANTED, number>;
    qboInvoicedCents: number;
    qboPaidCents: number;
    qboOpenCents: number;
  };
  close(): Promise<void>;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The OfficeTools side (plain data; the store opens it from firm.json). */
function officeToolsBooks(spec: ReconcileBooksSpec, typeId: string): { contacts: Contact[]; invoices: Invoice[]; payments: Payment[] } {
  const contacts: Contact[] = [];
  const invoices: Invoice[] = [];
  const payments: Payment[] = [];
  for (let k = 0; k < spec.clients; k++) {
    const n = String(k + 1).padStart(5, '0');
    contacts.push({ id: `rc-${k + 1}`, typeId, kind: 'business', companyName: `Reconcile Client ${n}`, displayName: `Reconcile Client ${n}`, active: true, updatedAt: '2026-11-01T09:00:00.000Z' });
    for (let j = 0; j < spec.invoicesPerClient; j++) {
      const seq = k * spec.invoicesPerClient + j;
      // Odd cents on purpose: any float drift in a sum of 100,000 amounts would show.
      const totalCents = 10_000 + ((k * 7_919 + j * 104_729) % 250_000) + 1;
      invoices.push({
        id: `rinv-${seq + 1}`,
        number: String(200_001 + seq),
        contactId: `rc-${k + 1}`,
        date: addDays(RECONCILE_PERIOD.from, seq % 340),
        lines: [],
        totalCents,
        balanceCents: totalCents,
        updatedAt: '2026-11-01T09:00:00.000Z',
      });
    }
    for (let j = 0; j < spec.paymentsPerClient; j++) {
      const inv = invoices[k * spec.invoicesPerClient + (j % spec.invoicesPerClient)];
      const amountCents = Math.floor((inv.totalCents * (j + 1)) / 4);
      inv.balanceCents -= amountCents;
      payments.push({
        id: `rpay-${k * spec.paymentsPerClient + j + 1}`,
        contactId: inv.contactId,
        date: addDays(inv.date, 10),
        amountCents,
        method: 'Check',
        reference: String(50_000 + k * spec.paymentsPerClient + j),
        applications: [{ invoiceId: inv.id, amountCents }],
        unappliedCents: 0,
        origin: { system: 'officetools' },
        updatedAt: '2026-11-01T09:00:00.000Z',
      });
    }
  }
  return { contacts, invoices, payments };
}

/**
 * Builds both sides. `writeQbo` is given to startBenchSandbox as `prepare`: it writes the QBO
 * company into the stopped sandbox's folder.
 */
export async function buildReconcileBooks(spec: ReconcileBooksSpec): Promise<{ books: ReconcileBooks; writeQbo(dataDir: string, realmId: string): void }> {
  const data = generateDemoFirm();
  const clientTypeId = data.contactTypes[0].id;
  const ot = officeToolsBooks(spec, clientTypeId);
  data.contacts.push(...ot.contacts);
  // Only these clients' documents: the demo firm's own (of unlinked contacts) would blur the planted counts.
  data.invoices = ot.invoices;
  data.payments = ot.payments;
  data.nextIds['inv-'] = data.invoices.length + 1;
  data.nextIds['pay-'] = data.payments.length + 1;
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-reconcile-firm-'));
  await writeJsonAtomically(path.join(dir, FIRM_FILE), data);
  const store = await FirmStore.open(dir);
  if (store.listInvoices().length !== data.invoices.length) throw new Error(`FirmStore loaded ${store.listInvoices().length} invoices from the reconcile firm, not ${data.invoices.length}.`);

  const customerOf = new Map<string, string>();
  const invoiceJournal: JournalChange[] = [];
  const paymentJournal: JournalChange[] = [];
  const issues: Record<keyof typeof PLANTED, number> = { invoiceOnlyInOfficeTools: 0, invoiceAmount: 0, invoiceCustomer: 0, invoiceOnlyInQbo: 0, paymentOnlyInOfficeTools: 0 };
  const expected = { invoices: 0, payments: 0, issues, qboInvoicedCents: 0, qboPaidCents: 0, qboOpenCents: 0 };
  const planted = (k: number, which: keyof typeof PLANTED) => k % 1000 === PLANTED[which] && k > 0;

  function writeQbo(dataDir: string, realmId: string): void {
    const registry = new CompanyRegistry(dataDir);
    registry.open();
    const log = registry.get(realmId);
    if (!log) throw new Error(`The sandbox data folder has no company ${realmId}; the demo companies were not made.`);
    const b = new CompanyBuilder(log.state, Date.parse('2026-11-30T12:00:00Z'));
    const item = [...log.state.tables.Item.values()].find((i) => i.Type === 'Service' && i.Active !== false);
    if (!item) throw new Error('The demo company has no active service item to bill under.');
    const line = (cents: number) => [{ Amount: centsToQboAmount(cents), DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: String(item.Id) }, Qty: 1, UnitPrice: centsToQboAmount(cents) } }];
    for (const c of ot.contacts) customerOf.set(c.id, String(b.create('Customer', { DisplayName: c.displayName, CompanyName: c.companyName ?? c.displayName }).Id));

    const qboInvoiceOf = new Map<string, string>();
    const balance = new Map<string, number>();
    ot.invoices.forEach((inv, seq) => {
      const k = Math.floor(seq / spec.invoicesPerClient);
      const last = seq % spec.invoicesPerClient === spec.invoicesPerClient - 1;
      expected.invoices++;
      if (last && planted(k, 'invoiceOnlyInOfficeTools')) return void issues.invoiceOnlyInOfficeTools++;
      let customer = customerOf.get(inv.contactId) ?? '';
      let cents = inv.totalCents;
      if (last && planted(k, 'invoiceAmount')) {
        cents += 1;
        issues.invoiceAmount++;
      }
      if (last && planted(k, 'invoiceCustomer')) {
        customer = customerOf.get(ot.contacts[k - 1].id) ?? '';
        issues.invoiceCustomer++;
      }
      const viaJournal = seq % 2 === 0;
      const made = b.create('Invoice', {
        CustomerRef: { value: customer },
        TxnDate: inv.date,
        DocNumber: inv.number,
        Line: line(cents),
        ...(viaJournal ? {} : { PrivateNote: `OT-INV:${inv.id}` }),
      });
      const id = String(made.Id);
      qboInvoiceOf.set(inv.id, id);
      balance.set(id, cents);
      expected.qboInvoicedCents += cents;
      if (viaJournal) invoiceJournal.push({ sourceId: inv.id, state: 'done', targetId: id, how: 'created' });
    });
    ot.contacts.forEach((c, k) => {
      if (!planted(k, 'invoiceOnlyInQbo')) return;
      const cents = 4_321;
      const made = b.create('Invoice', { CustomerRef: { value: customerOf.get(c.id) ?? '' }, TxnDate: '2026-06-15', DocNumber: `Q-${k}`, Line: line(cents) });
      balance.set(String(made.Id), cents);
      expected.qboInvoicedCents += cents;
      issues.invoiceOnlyInQbo++;
    });
    ot.payments.forEach((p, seq) => {
      const k = Math.floor(seq / spec.paymentsPerClient);
      expected.payments++;
      if (seq % spec.paymentsPerClient === 0 && planted(k, 'paymentOnlyInOfficeTools')) return void issues.paymentOnlyInOfficeTools++;
      const invoiceId = qboInvoiceOf.get(p.applications[0].invoiceId);
      const viaJournal = seq % 2 === 1;
      const amount = centsToQboAmount(p.amountCents);
      const made = b.create('Payment', {
        CustomerRef: { value: customerOf.get(p.contactId) ?? '' },
        TxnDate: p.date,
        TotalAmt: amount,
        ...(p.reference ? { PaymentRefNum: p.reference } : {}),
        ...(invoiceId ? { Line: [{ Amount: amount, LinkedTxn: [{ TxnId: invoiceId, TxnType: 'Invoice' }] }] } : {}),
        ...(viaJournal ? {} : { PrivateNote: `OT-PAY:${p.id}` }),
      });
      if (invoiceId) balance.set(invoiceId, (balance.get(invoiceId) ?? 0) - p.amountCents);
      expected.qboPaidCents += p.amountCents;
      if (viaJournal) paymentJournal.push({ sourceId: p.id, state: 'done', targetId: String(made.Id), how: 'created' });
    });
    expected.qboOpenCents = [...balance.values()].reduce((s, v) => s + v, 0);
    log.compact();
    registry.close();
  }

  return {
    books: {
      store,
      contacts: ot.contacts,
      customerOf,
      invoiceJournal,
      paymentJournal,
      expected,
      async close() {
        rmSync(dir, { recursive: true, force: true });
      },
    },
    writeQbo,
  };
}
