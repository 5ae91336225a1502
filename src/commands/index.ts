/**
 * The commands runtime's entry (FunctionFile in manifest.xml): a page with no UI that the shell
 * loads in a hidden iframe. It connects to the host and answers `executeFunction` events.
 */
import { connectPageToHost } from '../sync/host/page-host';
import { startCommands } from './command-dispatcher';
import { COMMAND_HANDLERS } from './command-handlers';
import { startCommandsConnection } from './commands-connection';
import { startDefaultContactSyncRuntime } from './contact-sync-runtime';

const connected = connectPageToHost(window);
if (connected.host) {
  // Asks for the user's OfficeTools locale first; the notices commands word (amounts, "since 2:05 PM") wait for it.
  startCommands(connected.host, COMMAND_HANDLERS);
  startCommandsConnection(connected.host, window.location.origin);
  startDefaultContactSyncRuntime(connected.host, window);
} else {
  // A hidden page cannot show anything; the console is where a developer looks.
  console.error(
    connected.reason === 'not-framed'
      ? 'QBO Sync commands runtime: this page runs only inside OfficeTools, which loads it for the add-in menu commands.'
      : 'QBO Sync commands runtime: the window around this page is not a trusted OfficeTools origin, so the commands stay switched off.',
  );
}
