/**
 * The commands runtime's dispatcher: every `executeFunction` event from the host runs the
 * handler registered under its function name and then reports `command.completed` (Office's
 * event.completed()), in a finally, so the shell never waits forever. A function with no handler
 * in this version completes with a clear error instead of doing nothing.
 */
import type { HostClient } from '../sync/host/client';
import type { HostEvents } from '../sync/host/protocol';

export type CommandContext = HostEvents['executeFunction']['context'];
export type CommandHandler = (context: CommandContext, host: Pick<HostClient, 'request'>) => Promise<void>;
export type CommandHandlers = Readonly<Record<string, CommandHandler>>;

function errorText(functionName: string, error: unknown): string {
  const why = error instanceof Error ? error.message : String(error);
  return `"${functionName}" did not finish: ${why}`;
}

export function notAvailableText(functionName: string): string {
  return `"${functionName}" is not available in this version of QBO Sync yet. Update the QuickBooks Online add-in to use it.`;
}

/** Starts answering `executeFunction`; returns the function that stops it. */
export function startCommandDispatcher(host: Pick<HostClient, 'request' | 'on'>, handlers: CommandHandlers): () => void {
  return host.on('executeFunction', ({ callId, functionName, context }) => {
    void (async () => {
      let error: string | undefined;
      try {
        const handler = Object.prototype.hasOwnProperty.call(handlers, functionName) ? handlers[functionName] : undefined;
        if (!handler) error = notAvailableText(functionName);
        else await handler(context, host);
      } catch (e) {
        error = errorText(functionName, e);
      } finally {
        try {
          await host.request('command.completed', error === undefined ? { callId } : { callId, error });
        } catch (e) {
          // The host did not take the report, so no user can see it: the console is all that is left.
          console.error(`QBO Sync: could not report the end of "${functionName}" to OfficeTools.`, e);
        }
      }
    })();
  });
}
