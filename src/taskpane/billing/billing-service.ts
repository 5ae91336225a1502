/**
 * What the Time & Billing views need from the engine: the engine's BillingService (one per
 * company), injected so the views hold no business rules and their tests give a scripted fake.
 * The service itself lives in src/sync/billing, where the one-off command uses it too.
 */
import type { HostClient } from '../../sync/host/client';
import type { FirmCollection } from '../../sync/replication/firm-remote';
import type { BillingService } from '../../sync/billing/billing-service';

export type { AnyPlan, BillingService, InvoiceListing, PaymentListing, QboPaymentListing, RunControl } from '../../sync/billing/billing-service';

export interface BillingViewDeps {
  /** Opens the billing jobs of this company for the signed-in OfficeTools user. */
  openService(realmId: string, host: Pick<HostClient, 'request'>): Promise<BillingService>;
  /** Told when other staff changed these collections of the company's data; returns unsubscribe. */
  watch?(realmId: string, collections: readonly FirmCollection[], onChange: () => void): () => void;
}
