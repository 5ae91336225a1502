/**
 * What the Time & Billing views need from the engine, as one narrow interface per company, so
 * the views hold no business rules and their tests give a scripted fake. The real one
 * (default-billing-service.ts) wires src/sync/billing's planners, executors and journal.
 */
import type { BillingPlan, BillingProgress, BillingRunReport, QboPaymentRow } from '../../sync/billing/billing-types';
import type { Contact, Invoice, Payment } from '../../sync/host/protocol';
import type { HostClient } from '../../sync/host/client';

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
  /** QBO payment Ids already imported into OfficeTools. */
  synced: ReadonlySet<string>;
}

export interface PaymentListing {
  /** Payments entered in OfficeTools (those imported from QuickBooks Online are left out). */
  payments: Payment[];
  contacts: ReadonlyMap<string, Contact>;
  /** Invoice numbers by OfficeTools invoice id, for the "Applied to" column. */
  invoiceNumbers: ReadonlyMap<string, string>;
  /** OfficeTools payment ids already in QuickBooks Online. */
  exported: ReadonlySet<string>;
}

/** The plans the views show; the payload is the engine's and passes back to it unread. */
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

  /** Releases the IndexedDB connection. */
  close(): void;
}

export interface BillingViewDeps {
  /** Opens the billing jobs of this company for the signed-in OfficeTools user. */
  openService(realmId: string, host: Pick<HostClient, 'request'>): Promise<BillingService>;
}
