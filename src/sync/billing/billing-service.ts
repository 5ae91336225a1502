/**
 * The Time & Billing jobs of one company as one service: what the panel's three windows and the
 * one-off "Export to QuickBooks Online" command call. It holds no rules of its own: every plan
 * is made from the engine's context loaders (load-billing-context.ts), so the windows and the
 * command see exactly what the engine sees — including invoices another computer exported,
 * which the payment loader finds in QBO by fingerprint and records in this journal.
 *
 * React-free and free of src/taskpane, so that both src/taskpane and src/commands can use it
 * (DESIGN.md: they import src/sync, never each other). The edges (journal, links, settings,
 * gateway) are given, so Node tests run it over the sandbox and an in-memory journal.
 *
 * A plan passes through the caller untouched and comes back for execution; the service keeps
 * the typed plans it made (by identity), so an execute can only run a plan this service made.
 */
import type { LocaleFormat } from '../format/locale-format';
import type { Contact, Invoice, Payment, PaymentInput } from '../host/protocol';
import type { BillingGateway, BillingHost } from './billing-ports';
import type {
  BlockAction,
  BillingJournal,
  InvoiceNumbering,
  BillingPlan,
  BillingProgress,
  BillingRunReport,
  QboInvoicePayload,
  QboPaymentPayload,
  QboPaymentRow,
} from './billing-types';
import { executeInvoiceExport } from './execute-invoice-export';
import { executePaymentExport } from './execute-payment-export';
import { executePaymentImport } from './execute-payment-import';
import { loadInvoiceExportContext, loadPaymentExportContext, loadPaymentImportContext, type BillingLinks, type BillingSettings } from './load-billing-context';
import { loadInvoiceQboFacts, loadPaymentQboFacts } from './load-qbo-facts';
import { planInvoiceExport } from './plan-invoice-export';
import { planPaymentExport } from './plan-payment-export';
import { planPaymentImport } from './plan-payment-import';
import { createRecentReads } from './recent-reads';

/** How a run reports progress and learns that the user clicked Cancel. */
export interface RunControl {
  onProgress(progress: BillingProgress): void;
  /** Aborted by Cancel; the executor stops between batches. */
  signal: AbortSignal;
}

export interface InvoiceListing {
  invoices: Invoice[];
  contacts: ReadonlyMap<string, Contact>;
  /** OfficeTools invoice ids already in QuickBooks Online. */
  exported: ReadonlySet<string>;
}

export interface QboPaymentListing {
  /** Payments entered in QuickBooks Online (those that came from OfficeTools are left out). */
  payments: QboPaymentRow[];
  /** QBO payment Ids already imported into OfficeTools (from this computer or another). */
  synced: ReadonlySet<string>;
}

export interface PaymentListing {
  /** Payments entered in OfficeTools (those imported from QuickBooks Online are left out). */
  payments: Payment[];
  contacts: ReadonlyMap<string, Contact>;
  /** Invoice numbers by OfficeTools invoice id, for the "Pays invoices" column. */
  invoiceNumbers: ReadonlyMap<string, string>;
  /** OfficeTools payment ids already in QuickBooks Online. */
  exported: ReadonlySet<string>;
}

/** The plans callers see; the payload is the engine's and passes back to it unread. */
export type AnyPlan = BillingPlan<unknown>;

export interface BillingService {
  listInvoices(): Promise<InvoiceListing>;
  planInvoiceExport(invoiceIds: readonly string[]): Promise<AnyPlan>;
  exportInvoices(plan: AnyPlan, run: RunControl): Promise<BillingRunReport>;

  listQboPayments(): Promise<QboPaymentListing>;
  planPaymentImport(qboIds: readonly string[]): Promise<AnyPlan>;
  importPayments(plan: AnyPlan, run: RunControl): Promise<BillingRunReport>;

  listPayments(): Promise<PaymentListing>;
  planPaymentExport(paymentIds: readonly string[]): Promise<AnyPlan>;
  exportPayments(plan: AnyPlan, run: RunControl): Promise<BillingRunReport>;

  /**
   * Applies a fix offered in a plan (link an invoice already in QBO, change how exported
   * invoices are numbered) and says in a sentence what it did; plan again afterwards.
   */
  applyFix(action: BlockAction): Promise<string>;

  /**
   * Finishes an export that a reload, a crash or a closed panel cut off: the documents the
   * journal holds as `sent` are planned again and run through the exactly-once executor, which
   * links those QBO has (fingerprint), resends a held batch identically, waits out one that may
   * still commit, and sends the rest. Undefined when nothing was left unfinished.
   */
  finishInterrupted?(kind: 'invoiceExport' | 'paymentExport'): Promise<BillingRunReport | undefined>;

  /** Releases what the service holds open (the IndexedDB connection when it opened one). */
  close(): void;
}

export interface BillingServiceDeps {
  host: BillingHost;
  journal: BillingJournal;
  links: BillingLinks;
  /** Account Defaults, read again for every plan so a change on that tab counts at once. */
  settings(): Promise<BillingSettings>;
  /**
   * A gateway for one list, plan or run. Called each time rather than once, so a reconnect
   * (a new proxy session) made while the window is open is picked up.
   */
  gateway(): BillingGateway;
  /**
   * Saves the firm's numbering of exported invoices (the `invoiceNumbers` setting). Without it
   * the "Add prefix" and "Let QuickBooks number them" fixes say where to change it instead.
   */
  saveInvoiceNumbers?(numbering: InvoiceNumbering): Promise<void>;
  /**
   * How amounts, dates and times in plans and run reports read: the user's locale. The frame's
   * display locale when not given (the panel and the commands runtime set it from host.info).
   */
  format?: LocaleFormat;
  /** @defaultvalue nothing to release */
  close?(): void;
}

/** How long the import window's reads of QBO are shared: a list and the plans right after it. */
const IMPORT_READS_TTL_MS = 5_000;

export class BillingFixError extends Error {
  readonly code = 'fix_not_available';
  constructor(message: string) {
    super(message);
    this.name = 'BillingFixError';
  }
}

export class ForeignPlanError extends Error {
  readonly code = 'foreign_plan';
  constructor() {
    super('This plan was made by a window that has since closed. Click the button again to make a new plan.');
    this.name = 'ForeignPlanError';
  }
}

export function createBillingService(deps: BillingServiceDeps): BillingService {
  const { host, journal, links, format } = deps;
  const invoicePlans = new WeakMap<AnyPlan, BillingPlan<QboInvoicePayload>>();
  const importPlans = new WeakMap<AnyPlan, BillingPlan<PaymentInput>>();
  const paymentPlans = new WeakMap<AnyPlan, BillingPlan<QboPaymentPayload>>();

  function typed<P>(plans: WeakMap<AnyPlan, BillingPlan<P>>, plan: AnyPlan): BillingPlan<P> {
    const found = plans.get(plan);
    if (!found) throw new ForeignPlanError();
    return found;
  }

  function kept<P>(plans: WeakMap<AnyPlan, BillingPlan<P>>, plan: BillingPlan<P>): AnyPlan {
    plans.set(plan, plan);
    return plan;
  }

  // The import window lists, plans at once (why a row cannot go) and plans again after a run;
  // those reads of QBO's payments are shared for a few seconds rather than repeated each time.
  const importReads = createRecentReads(() => deps.gateway(), IMPORT_READS_TTL_MS);

  const exportContext = async () => loadPaymentExportContext({ host, gateway: deps.gateway(), links, settings: await deps.settings(), journal });

  async function planInvoices(invoiceIds: readonly string[]): Promise<BillingPlan<QboInvoicePayload>> {
    const wanted = new Set(invoiceIds);
    const context = await loadInvoiceExportContext({ host, links, settings: await deps.settings(), journal });
    const invoices = context.invoices.filter((i) => wanted.has(i.id));
    // What QBO would refuse, found before anything is sent (numbers taken, inactive targets).
    const qbo = await loadInvoiceQboFacts(deps.gateway(), invoices, context.input, context.input.numbering);
    return planInvoiceExport({ ...context.input, invoices, qbo, format });
  }

  async function planPayments(paymentIds: readonly string[]): Promise<BillingPlan<QboPaymentPayload>> {
    const wanted = new Set(paymentIds);
    const context = await exportContext();
    const payments = context.payments.filter((p) => wanted.has(p.id));
    const qbo = await loadPaymentQboFacts(deps.gateway(), payments, context.input.links, context.input.qboInvoiceIdByOtInvoiceId, context.input.depositAccountId);
    return planPaymentExport({ ...context.input, payments, qbo, format });
  }

  return {
    async finishInterrupted(kind) {
      const open = (await journal.list(kind, 'sent')).map((e) => e.sourceId);
      if (open.length === 0) return undefined;
      const report =
        kind === 'invoiceExport'
          ? await executeInvoiceExport(await planInvoices(open), { gateway: deps.gateway(), journal, format })
          : await executePaymentExport(await planPayments(open), { gateway: deps.gateway(), journal, format });
      return report.outcomes.length > 0 ? report : undefined;
    },
    async listInvoices() {
      const [invoices, contactList, exported] = await Promise.all([host.request('invoices.list', {}), host.request('contacts.list', {}), journal.doneIds('invoiceExport')]);
      return { invoices, contacts: new Map(contactList.map((c) => [c.id, c])), exported };
    },
    async planInvoiceExport(invoiceIds) {
      return kept(invoicePlans, await planInvoices(invoiceIds));
    },
    async exportInvoices(plan, run) {
      return executeInvoiceExport(typed(invoicePlans, plan), { gateway: deps.gateway(), journal, signal: run.signal, onProgress: run.onProgress, format });
    },

    async listQboPayments() {
      const context = await loadPaymentImportContext({ host, gateway: importReads.gateway(), links, journal });
      return { payments: context.rows.filter((r) => !r.fromOfficeTools), synced: context.input.done };
    },
    async planPaymentImport(qboIds) {
      // QBO is read again unless it was read moments ago, so a payment voided or changed there
      // since the list was made is not recorded as it was; OfficeTools and the journal are
      // always read afresh.
      const wanted = new Set(qboIds);
      const context = await loadPaymentImportContext({ host, gateway: importReads.gateway(), links, journal });
      return kept(importPlans, planPaymentImport({ ...context.input, rows: context.rows.filter((r) => wanted.has(r.qboId)), format }));
    },
    async importPayments(plan, run) {
      return executePaymentImport(typed(importPlans, plan), { host, journal, signal: run.signal, onProgress: run.onProgress });
    },

    async listPayments() {
      const [payments, contactList, invoices, exported] = await Promise.all([
        host.request('payments.list', {}),
        host.request('contacts.list', {}),
        host.request('invoices.list', {}),
        journal.doneIds('paymentExport'),
      ]);
      return {
        payments: payments.filter((p) => p.origin.system === 'officetools'),
        contacts: new Map(contactList.map((c) => [c.id, c])),
        invoiceNumbers: new Map(invoices.map((i) => [i.id, i.number])),
        exported,
      };
    },
    async planPaymentExport(paymentIds) {
      return kept(paymentPlans, await planPayments(paymentIds));
    },
    async exportPayments(plan, run) {
      return executePaymentExport(typed(paymentPlans, plan), { gateway: deps.gateway(), journal, signal: run.signal, onProgress: run.onProgress, format });
    },

    async applyFix(action) {
      if (action.kind === 'linkExistingInvoice') {
        await journal.record('invoiceExport', [{ sourceId: action.invoiceId, state: 'done', targetId: action.qboInvoiceId, how: 'linkedExisting' }]);
        return 'Linked to the invoice already in QuickBooks Online; it will not be exported again.';
      }
      if (!deps.saveInvoiceNumbers) {
        throw new BillingFixError('The numbering of exported invoices cannot be changed from this window. Change it under Setup > QuickBooks Online > Account Defaults, then export again.');
      }
      await deps.saveInvoiceNumbers(action.numbering);
      return action.numbering.mode === 'qbo'
        ? 'QuickBooks Online now numbers exported invoices.'
        : action.numbering.mode === 'prefix'
          ? `Exported invoices now keep OfficeTools' numbers with the prefix "${action.numbering.prefix ?? ''}".`
          : "Exported invoices now keep OfficeTools' numbers.";
    },

    close() {
      deps.close?.();
    },
  };
}
