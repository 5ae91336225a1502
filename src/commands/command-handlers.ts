/**
 * The functions the manifest's ExecuteFunction commands may call, by FunctionName. Empty in this
 * version: `exportInvoiceToQbo` (the invoice context menu) and the contact-event handlers arrive
 * with their issues; until then the dispatcher answers that they are not available yet.
 */
import type { CommandHandlers } from './command-dispatcher';

export const COMMAND_HANDLERS: CommandHandlers = {};
