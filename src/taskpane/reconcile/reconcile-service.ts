/**
 * What the Reconcile view needs from the engine: a reconciler of one company, injected so the
 * view holds no rules and its test can give one over fixed books. The comparison itself is
 * src/sync/reconcile.
 */
import type { HostClient } from '../../sync/host/client';
import type { ReconcileProgress } from '../../sync/reconcile/load-reconciliation';
import type { ReconcilePeriod, ReconcileReport } from '../../sync/reconcile/reconcile-types';

export interface Reconciler {
  reconcile(period: ReconcilePeriod, onProgress?: (p: ReconcileProgress) => void): Promise<ReconcileReport>;
  close(): void;
}

export interface ReconcileViewDeps {
  /** Opens the reconciliation of this company (the firm's links and journal, the panel's QBO gateway). */
  openReconciler(realmId: string, host: Pick<HostClient, 'request'>): Promise<Reconciler>;
  /** Saves a CSV file. @defaultvalue a browser download through an object URL */
  download?(fileName: string, text: string): void;
}
