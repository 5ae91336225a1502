/**
 * The functions the manifest's ExecuteFunction commands may call, by FunctionName.
 *
 * `exportInvoiceToQbo` (the invoice view's "QuickBooks Online > Export to QuickBooks Online")
 * exports the invoice in view in one click, without opening the panel, through the same planner
 * and executor as the Invoice Export window, so the engine's journal and fingerprint check keep
 * it to one QBO invoice however often it is clicked. The commands runtime has no UI: the result
 * is an OfficeTools notification. The handler returns normally once its notification is shown
 * (the shell would otherwise show a second, generic one); it throws only when it could not tell
 * the user, so the shell reports that instead.
 *
 * The export runs under the same run guard as the Invoice Export window (this browser's Web Lock
 * and the firm's run lease, src/sync/jobs/run-guard.ts): while a window, another tab or a
 * colleague exports invoices, the command sends nothing and says who does; while the command
 * exports, the window's Export Selected is refused the same way.
 */
import type { BillingService } from '../sync/billing/billing-service';
import type { BlockReason } from '../sync/billing/billing-types';
import { describeBillingFailure } from '../sync/billing/describe-billing-failure';
import { RunBusyError, runGuarded } from '../sync/billing/guarded-billing-service';
import { displayFormat } from '../sync/format/display-locale';
import { openBillingService } from '../sync/billing/open-billing-service';
import type { HostClient } from '../sync/host/client';
import type { ConnectionStatus } from '../sync/connection/connection-status';
import { checkCompanySupported } from '../sync/connection/company-support';
import type { RunGuard } from '../sync/jobs/run-guard';
import type { CommandContext, CommandHandler, CommandHandlers } from './command-dispatcher';
import { commandsConnection, type CommandsConnection } from './commands-connection';

type CommandHost = Pick<HostClient, 'request'>;
type Level = 'info' | 'success' | 'warning' | 'error';

export interface ExportInvoiceCommandDeps {
  /** The proxy's connection status (throws when the proxy cannot be reached). */
  connectionStatus(): Promise<ConnectionStatus>;
  /** The billing jobs of the connected company, as the Invoice Export window uses them. */
  openService(realmId: string, host: CommandHost): Promise<Pick<BillingService, 'planInvoiceExport' | 'exportInvoices' | 'close'>>;
  /** One invoice export at a time: the guard the Invoice Export window takes too. */
  runs: RunGuard;
}

export const EXPORT_TITLE = 'Export to QuickBooks Online';

async function notify(host: CommandHost, level: Level, message: string): Promise<void> {
  try {
    await host.request('ui.notify', { level, title: EXPORT_TITLE, message });
  } catch (e) {
    // Thrown, so the dispatcher's command.completed carries it and the shell shows it.
    throw new Error(`${message} (OfficeTools did not show this as a notification: ${e instanceof Error ? e.message : String(e)})`, { cause: e });
  }
}

async function invoiceName(host: CommandHost, invoiceId: string): Promise<string> {
  try {
    return `Invoice ${(await host.request('invoices.get', { id: invoiceId })).number}`;
  } catch {
    return 'The invoice';
  }
}

/**
 * A notification is a few lines: the first reason in full, then how many more there are and
 * where all of them are listed, rather than every reason (an invoice can have dozens of codes).
 */
function whyNot(reasons: readonly BlockReason[]): string {
  const [first, ...rest] = reasons;
  if (!first) return 'OfficeTools could not say why. Open Setup > QuickBooks Online > Time & Billing > Export Invoices and click Export Selected to see.';
  if (rest.length === 0) return `${first.message} The fix is under Setup > QuickBooks Online.`;
  return `${first.message} …and ${rest.length} more ${rest.length === 1 ? 'reason' : 'reasons'}: Export Selected under Setup > QuickBooks Online > Time & Billing > Export Invoices lists them all, with their fixes.`;
}

/** Who exports invoices now, and that nothing was sent (the window's own words speak of its list). */
function busy(e: RunBusyError): string {
  const time = e.holder.since ? displayFormat().clockTime(e.holder.since) : '';
  const since = time ? ` since ${time}` : '';
  // A window of this browser is the user's own (the Invoice Export window, another tab), whoever signed in there.
  const who = e.holder.sameBrowser ? 'Another OfficeTools window or tab of this browser' : e.holder.name;
  return `${who} is exporting invoices to QuickBooks Online${since}. Only one export runs at a time, so nothing was sent; try again when it has finished (it will not be sent twice).`;
}

export function createExportInvoiceHandler(deps: ExportInvoiceCommandDeps): CommandHandler {
  return async (context: CommandContext, host: CommandHost) => {
    const invoiceId = context.invoiceId;
    if (!invoiceId) {
      await notify(host, 'warning', 'No invoice is open. Open the invoice in OfficeTools (Invoices, then its number), then choose QuickBooks Online > Export to QuickBooks Online.');
      return;
    }
    const name = await invoiceName(host, invoiceId);
    let status: ConnectionStatus;
    try {
      status = await deps.connectionStatus();
    } catch (e) {
      await notify(host, 'error', describeBillingFailure(`${name} was not exported`, e));
      return;
    }
    const support = status.connected ? checkCompanySupported(status) : undefined;
    if (!status.connected || !support?.ok) {
      const why = support && !support.ok ? support.reason : 'OfficeTools is not connected to QuickBooks Online.';
      await notify(host, 'warning', `${name} was not exported: ${why} Connect under Setup > My Company > Information & Settings > Integrations, then try again.`);
      return;
    }
    let service: Pick<BillingService, 'planInvoiceExport' | 'exportInvoices' | 'close'> | undefined;
    let level: Level;
    let message: string;
    try {
      service = await deps.openService(status.realmId, host);
      const plan = await service.planInvoiceExport([invoiceId]);
      const blocked = plan.blocked.find((b) => b.sourceId === invoiceId);
      if (blocked) {
        const already = blocked.reasons.some((r) => r.code === 'already_done');
        level = already ? 'info' : 'warning';
        message = already
          ? `${name} is already in QuickBooks Online; it was not sent again.`
          : `${name} was not exported. ${whyNot(blocked.reasons)}`;
      } else if (!plan.ready.some((d) => d.sourceId === invoiceId)) {
        level = 'error';
        message = `${name} was not exported: OfficeTools did not find it. Reopen the invoice and try again.`;
      } else {
        const controller = new AbortController();
        const opened = service;
        const report = await runGuarded(deps.runs, status.realmId, 'invoiceExport', () => opened.exportInvoices(plan, { signal: controller.signal, onProgress: () => undefined }));
        const outcome = report.outcomes.find((o) => o.sourceId === invoiceId);
        if (outcome?.result === 'created') {
          level = 'success';
          message = `${name} was exported to QuickBooks Online.`;
        } else if (outcome?.result === 'linkedExisting') {
          level = 'success';
          message = `${name} was already in QuickBooks Online (sent earlier, perhaps from another computer), so it was linked to it, not created twice.`;
        } else if (outcome?.result === 'failed') {
          level = 'error';
          message = `${name} was not exported. QuickBooks Online said: ${outcome.error?.message ?? 'no reason was given.'}`;
        } else {
          level = 'error';
          message = `${name} was not exported${report.stoppedBy ? `: ${report.stoppedBy.message}` : '.'} Try again; it will not be sent twice.`;
        }
      }
    } catch (e) {
      if (e instanceof RunBusyError) {
        level = 'warning';
        message = `${name} was not exported: ${busy(e)}`;
      } else {
        level = 'error';
        message = `${describeBillingFailure(`${name} was not exported`, e)} It will not be sent twice when you try again.`;
      }
    } finally {
      service?.close();
    }
    await notify(host, level, message);
  };
}

/** The real edges of the commands page: its connection to the firm (the firm's journal, the relay). */
export function defaultExportInvoiceDeps(connection: CommandsConnection): ExportInvoiceCommandDeps {
  return {
    connectionStatus: () => connection.proxy.status(),
    runs: connection.runs,
    openService: (realmId, host) =>
      openBillingService(realmId, host, {
        firmData: (r) => connection.firmData.open(r),
        gateway: () => connection.relayGateway(realmId),
      }),
  };
}

export function createCommandHandlers(exportInvoice: ExportInvoiceCommandDeps): CommandHandlers {
  return { exportInvoiceToQbo: createExportInvoiceHandler(exportInvoice) };
}

/** The handlers as the commands page runs them; the edges are built on first use only. */
export const COMMAND_HANDLERS: CommandHandlers = {
  exportInvoiceToQbo: (context, host) => createExportInvoiceHandler(defaultExportInvoiceDeps(commandsConnection()))(context, host),
};
