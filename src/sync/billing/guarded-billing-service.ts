/**
 * One Time & Billing export at a time (issue 14, point 10): the service's exports (and the
 * finishing of an interrupted one) run holding the run guard for their kind — this browser's Web
 * Lock and the firm's run lease — so two windows, the panel and the one-off command, or two staff
 * never run the same export at once. A refused run sends nothing and says who runs it and since
 * when; the lists of every window refresh from the firm's journal when it ends.
 *
 * Finishing an interrupted export takes the same guard, and never gives up on it while the window
 * is open:
 * - after a reload, the new page holds this browser's Web Lock (the dead page's went with it), so
 *   it takes over the lease the dead page left at once (run-guard.ts; the proxy allows that only
 *   to the same user in the same browser) — finishing does not wait for that lease to expire;
 * - a lease held by another browser (a colleague running it, or a page of theirs or the user's
 *   own that died there) is waited out: once it is released, or expires because nobody renews
 *   it (ttl, 30 s), the journal is looked at again and whatever is still `sent` is finished.
 */
import { displayFormat } from '../format/display-locale';
import type { LocaleFormat } from '../format/locale-format';
import type { RunGuard, RunHolder } from '../jobs/run-guard';
import type { BillingService } from './billing-service';

export class RunBusyError extends Error {
  readonly code = 'run_busy';
  constructor(
    readonly holder: RunHolder,
    what: string,
    format: LocaleFormat = displayFormat(),
  ) {
    const since = holder.since ? format.clockTime(holder.since) : '';
    super(`${holder.name} is ${what}${since ? ` since ${since}` : ''}. Only one runs at a time, so nothing was sent; this list shows their result when it finishes.`);
    this.name = 'RunBusyError';
  }
}

/** What a refused export says the other run is doing. */
export const RUN_WHAT = {
  invoiceExport: 'exporting invoices to QuickBooks Online',
  paymentExport: 'exporting payments to QuickBooks Online',
} as const;

/**
 * Runs `work` holding the run guard for `name` (the Web Lock of this browser and the firm's
 * lease), or throws a RunBusyError naming who runs it: what the windows and the one-off command
 * export with.
 */
export async function runGuarded<T>(guard: RunGuard, realmId: string, name: 'invoiceExport' | 'paymentExport', work: () => Promise<T>): Promise<T> {
  const ticket = await guard.acquire(realmId, name);
  if (!ticket.ok) throw new RunBusyError(ticket.holder, RUN_WHAT[name]);
  try {
    return await work();
  } finally {
    await ticket.release();
  }
}

export function guardBillingService(service: BillingService, guard: RunGuard, realmId: string): BillingService {
  const finish = service.finishInterrupted?.bind(service);
  // Waits of finishInterrupted still pending, ended by close() (the window went away).
  const waits = new Set<() => void>();
  let closed = false;
  const runOver = (kind: 'invoiceExport' | 'paymentExport') =>
    new Promise<void>((resolve) => {
      const done = () => {
        waits.delete(done);
        stop();
        resolve();
      };
      const stop = guard.watch(realmId, kind, done);
      waits.add(done);
    });
  return {
    ...service,
    exportInvoices: (plan, run) => runGuarded(guard, realmId, 'invoiceExport', () => service.exportInvoices(plan, run)),
    exportPayments: (plan, run) => runGuarded(guard, realmId, 'paymentExport', () => service.exportPayments(plan, run)),
    finishInterrupted: finish
      ? async (kind) => {
          for (;;) {
            if (closed) return undefined;
            const ticket = await guard.acquire(realmId, kind);
            if (ticket.ok) {
              try {
                return await finish(kind);
              } finally {
                await ticket.release();
              }
            }
            // Held by someone else: a colleague's live run is not an interruption, so it is left
            // alone; but what it leaves unfinished (and the lease of a page that died in another
            // browser, which nobody can take over before it expires) must not wait for the next
            // open. So wait until the run is over, then look again.
            await runOver(kind);
          }
        }
      : undefined,
    close() {
      closed = true;
      for (const done of [...waits]) done();
      service.close();
    },
  };
}
