/**
 * The real billing service: the engine's planners and executors (src/sync/billing) over the
 * host, the link store, Account Defaults, the billing journal in IndexedDB and the panel's QBO
 * gateway. The views and the one-off command get it through BillingViewDeps.
 *
 * A plan passes through the view untouched and comes back for execution; the service keeps the
 * typed plans it made (by identity), so an execute can only run a plan this service made.
 */
import { createBillingJournal } from '../../sync/billing/billing-journal';
import type { BillingPlan, BillingRunReport, QboInvoicePayload, QboPaymentListRow, QboPaymentPayload } from '../../sync/billing/billing-types';
import { executeInvoiceExport } from '../../sync/billing/execute-invoice-export';
import { executePaymentExport } from '../../sync/billing/execute-payment-export';
import { executePaymentImport } from '../../sync/billing/execute-payment-import';
import { listQboPayments } from '../../sync/billing/list-qbo-payments';
import { planInvoiceExport } from '../../sync/billing/plan-invoice-export';
import { planPaymentExport } from '../../sync/billing/plan-payment-export';
import { planPaymentImport } from '../../sync/billing/plan-payment-import';
import type { HostClient } from '../../sync/host/client';
import type { Contact, Invoice, Payment, PaymentInput } from '../../sync/host/protocol';
import type { QboRecord } from '../../sync/qbo/gateway';
import { LinkStore } from '../../sync/store/link-store';
import { openSyncDb, type LinkKind, type QboSyncDatabase } from '../../sync/store/schema';
import { getSettings } from '../../sync/store/settings-store';
import { createPanelGateway } from '../match/panel-gateway';
import type { AnyPlan, BillingService, BillingViewDeps, RunControl } from './billing-service';

type Host = Pick<HostClient, 'request'>;

export class ForeignPlanError extends Error {
  readonly code = 'foreign_plan';
  constructor() {
    super('This plan was made by a window that has since closed. Click the button again to make a new plan.');
    this.name = 'ForeignPlanError';
  }
}

async function userName(host: Host): Promise<string> {
  const info = await host.request('host.info', {});
  return info.user.name || info.user.email || info.user.id;
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((i) => [i.id, i]));
}

export function createBillingService(db: QboSyncDatabase, realmId: string, host: Host, user: string, ownsDb: boolean): BillingService {
  const journal = createBillingJournal(db, realmId, { user });
  const links = new LinkStore(db, { realmId, user });
  const invoicePlans = new WeakMap<AnyPlan, BillingPlan<QboInvoicePayload>>();
  const importPlans = new WeakMap<AnyPlan, BillingPlan<PaymentInput>>();
  const paymentPlans = new WeakMap<AnyPlan, BillingPlan<QboPaymentPayload>>();
  // The QBO payments as last listed: the import planner needs their full rows.
  let qboRows = new Map<string, QboPaymentListRow>();
  // A new gateway per run: it reads the proxy session when used, so a reconnect is picked up.
  const gateway = () => createPanelGateway(realmId);

  const linkMap = async (kind: LinkKind): Promise<Map<string, string>> => new Map((await links.list(kind)).map((l) => [l.otId, l.qboId]));
  const contacts = async (): Promise<Map<string, Contact>> => byId(await host.request('contacts.list', {}));
  const invoices = async (): Promise<Invoice[]> => host.request('invoices.list', {});
  const payments = async (): Promise<Payment[]> => host.request('payments.list', {});
  /** OfficeTools invoice id → QBO Invoice Id, for the invoices this company's journal exported. */
  const exportedInvoices = async (): Promise<Map<string, string>> =>
    new Map((await journal.list('invoiceExport', 'done')).flatMap((e) => (e.targetId ? [[e.sourceId, e.targetId] as const] : [])));
  const exportedPaymentQboIds = async (): Promise<Set<string>> =>
    new Set((await journal.list('paymentExport', 'done')).flatMap((e) => (e.targetId ? [e.targetId] : [])));

  function typed<P>(plans: WeakMap<AnyPlan, BillingPlan<P>>, plan: AnyPlan): BillingPlan<P> {
    const found = plans.get(plan);
    if (!found) throw new ForeignPlanError();
    return found;
  }

  return {
    async listInvoices() {
      const [list, people, exported] = await Promise.all([invoices(), contacts(), journal.doneIds('invoiceExport')]);
      return { invoices: list, contacts: people, exported };
    },
    async planInvoiceExport(invoiceIds) {
      const wanted = new Set(invoiceIds);
      const [list, people, contact, workCode, expenseCode, settings, done] = await Promise.all([
        invoices(),
        contacts(),
        linkMap('contact'),
        linkMap('workCode'),
        linkMap('expenseCode'),
        getSettings(db, realmId),
        journal.doneIds('invoiceExport'),
      ]);
      const plan = planInvoiceExport({
        invoices: list.filter((i) => wanted.has(i.id)),
        contactsById: people,
        links: { contact, workCode, expenseCode },
        lineItemDefaults: settings.lineItemDefaults,
        done,
      });
      invoicePlans.set(plan, plan);
      return plan;
    },
    exportInvoices(plan: AnyPlan, run: RunControl): Promise<BillingRunReport> {
      return executeInvoiceExport(typed(invoicePlans, plan), { gateway: gateway(), journal, signal: run.signal, onProgress: run.onProgress });
    },
    async listQboPayments() {
      const [rows, synced] = await Promise.all([listQboPayments(gateway(), undefined, { exportedPaymentQboIds: await exportedPaymentQboIds() }), journal.doneIds('paymentImport')]);
      qboRows = new Map(rows.map((r) => [r.qboId, r]));
      return { payments: rows.filter((r) => !r.fromOfficeTools), synced };
    },
    async planPaymentImport(qboIds) {
      const [contact, otInvoices, byQbo, done] = await Promise.all([linkMap('contact'), invoices(), exportedInvoices(), journal.doneIds('paymentImport')]);
      const otInvoiceIdByQboInvoiceId = new Map([...byQbo].map(([ot, qbo]) => [qbo, ot]));
      const rows = qboIds.map((id) => qboRows.get(id)).filter((r): r is QboPaymentListRow => r !== undefined);
      for (const row of rows) for (const i of row.invoices) if (i.otInvoiceId && !otInvoiceIdByQboInvoiceId.has(i.qboId)) otInvoiceIdByQboInvoiceId.set(i.qboId, i.otInvoiceId);
      const plan = planPaymentImport({ realmId, rows, links: { contact }, otInvoiceIdByQboInvoiceId, otInvoices, done });
      importPlans.set(plan, plan);
      return plan;
    },
    importPayments(plan: AnyPlan, run: RunControl): Promise<BillingRunReport> {
      return executePaymentImport(typed(importPlans, plan), { host, journal, signal: run.signal, onProgress: run.onProgress });
    },
    async listPayments() {
      const [list, people, invoiceList, exported] = await Promise.all([payments(), contacts(), invoices(), journal.doneIds('paymentExport')]);
      return {
        payments: list.filter((p) => p.origin.system === 'officetools'),
        contacts: people,
        invoiceNumbers: new Map(invoiceList.map((i) => [i.id, i.number])),
        exported,
      };
    },
    async planPaymentExport(paymentIds) {
      const wanted = new Set(paymentIds);
      const [list, people, invoiceList, contact, qboInvoiceIdByOtInvoiceId, settings, done, methods] = await Promise.all([
        payments(),
        contacts(),
        invoices(),
        linkMap('contact'),
        exportedInvoices(),
        getSettings(db, realmId),
        journal.doneIds('paymentExport'),
        gateway().queryAll<QboRecord>('PaymentMethod', undefined, { includeInactive: true }),
      ]);
      const plan = planPaymentExport({
        payments: list.filter((p) => wanted.has(p.id)),
        links: { contact },
        qboInvoiceIdByOtInvoiceId,
        paymentMethodIdByName: new Map(methods.map((m) => [String(m.Name).toLowerCase(), String(m.Id)])),
        depositAccountId: settings.depositAccountId,
        done,
        invoiceNumbers: new Map(invoiceList.map((i) => [i.id, i.number])),
        contactsById: people,
      });
      paymentPlans.set(plan, plan);
      return plan;
    },
    exportPayments(plan: AnyPlan, run: RunControl): Promise<BillingRunReport> {
      return executePaymentExport(typed(paymentPlans, plan), { gateway: gateway(), journal, signal: run.signal, onProgress: run.onProgress });
    },
    close() {
      if (ownsDb) db.close();
    },
  };
}

export const DEFAULT_BILLING_VIEW_DEPS: BillingViewDeps = {
  async openService(realmId, host) {
    const user = await userName(host);
    const db = await openSyncDb();
    return createBillingService(db, realmId, host, user, true);
  },
};
