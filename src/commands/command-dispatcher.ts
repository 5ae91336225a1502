/**
 * The commands runtime's dispatcher: every `executeFunction` event from the host runs the
 * handler registered under its function name and then reports `command.completed` (Office's
 * event.completed()), in a finally, so the shell never waits forever. A function with no handler
 * in this version completes with a clear error instead of doing nothing.
 *
 * `startCommands` is the dispatcher as the commands page runs it: in the user's locale.
 */
import { adoptHostLocale } from '../sync/format/display-locale';
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

export interface DispatcherOptions {
  /** Each command runs once this has settled (the page knows what it needs to word its notices). */
  ready?: Promise<unknown>;
}

/** Starts answering `executeFunction`; returns the function that stops it. */
export function startCommandDispatcher(host: Pick<HostClient, 'request' | 'on'>, handlers: CommandHandlers, { ready }: DispatcherOptions = {}): () => void {
  return host.on('executeFunction', ({ callId, functionName, context }) => {
    void (async () => {
      let error: string | undefined;
      try {
        await ready?.catch(() => undefined);
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

/**
 * The commands page's dispatcher: it asks OfficeTools for the user's locale (host.info) as soon
 * as it starts, and each command waits for that answer (at most `localeWaitMs`, then the
 * browser's language) before it runs, so its notice words amounts, dates and times as the panel
 * does. The shell may send a command as soon as it has loaded the page, before host.info is back.
 */
export function startCommands(host: Pick<HostClient, 'request' | 'on'>, handlers: CommandHandlers, localeWaitMs?: number): () => void {
  return startCommandDispatcher(host, handlers, { ready: adoptHostLocale(host, localeWaitMs) });
}
