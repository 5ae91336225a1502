/**
 * One Time & Billing export at a time (issue 14, point 10): the service's exports (and the
 * finishing of an interrupted one) run holding the run guard for their kind — this browser's Web
 * Lock and the firm's run lease — so two windows, the panel and the one-off command, or two staff
 * never run the same export at once. A refused run sends nothing and says who runs it and since
 * when; the lists of every window refresh from the firm's journal when it ends.
 */
import type { RunGuard, RunHolder } from '../jobs/run-guard';
import type { BillingService } from './billing-service';

export class RunBusyError extends Error {
  readonly code = 'run_busy';
  constructor(
    readonly holder: RunHolder,
    what: string,
  ) {
    const since = holder.since ? new Date(holder.since).toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit' }) : '';
    super(`${holder.name} is ${what}${since ? ` since ${since}` : ''}. Only one runs at a time, so nothing was sent; this list shows their result when it finishes.`);
    this.name = 'RunBusyError';
  }
}

export function guardBillingService(service: BillingService, guard: RunGuard, realmId: string): BillingService {
  async function guarded<T>(name: 'invoiceExport' | 'paymentExport', what: string, work: () => Promise<T>): Promise<T> {
    const ticket = await guard.acquire(realmId, name);
    if (!ticket.ok) throw new RunBusyError(ticket.holder, what);
    try {
      return await work();
    } finally {
      await ticket.release();
    }
  }
  const finish = service.finishInterrupted?.bind(service);
  return {
    ...service,
    exportInvoices: (plan, run) => guarded('invoiceExport', 'exporting invoices to QuickBooks Online', () => service.exportInvoices(plan, run)),
    exportPayments: (plan, run) => guarded('paymentExport', 'exporting payments to QuickBooks Online', () => service.exportPayments(plan, run)),
    finishInterrupted: finish
      ? async (kind) => {
          // Someone else running it now is not an interruption: leave their run alone.
          const ticket = await guard.acquire(realmId, kind);
          if (!ticket.ok) return undefined;
          try {
            return await finish(kind);
          } finally {
            await ticket.release();
          }
        }
      : undefined,
  };
}
