/**
 * The commands runtime's entry (FunctionFile in manifest.xml): a page with no UI that the shell
 * loads in a hidden iframe. It connects to the host and answers `executeFunction` events.
 */
import { adoptHostLocale } from '../sync/format/display-locale';
import { connectPageToHost } from '../sync/host/page-host';
import { startCommandDispatcher } from './command-dispatcher';
import { COMMAND_HANDLERS } from './command-handlers';
import { startCommandsConnection } from './commands-connection';
import { startDefaultContactSyncRuntime } from './contact-sync-runtime';

const connected = connectPageToHost(window);
if (connected.host) {
  // The notifications it words (amounts, "since 2:05 PM") read in the user's OfficeTools locale.
  void adoptHostLocale(connected.host);
  startCommandsConnection(connected.host, window.location.origin);
  startCommandDispatcher(connected.host, COMMAND_HANDLERS);
  startDefaultContactSyncRuntime(connected.host, window);
} else {
  // A hidden page cannot show anything; the console is where a developer looks.
  console.error(
    connected.reason === 'not-framed'
      ? 'QBO Sync commands runtime: this page runs only inside OfficeTools, which loads it for the add-in menu commands.'
      : 'QBO Sync commands runtime: the window around this page is not a trusted OfficeTools origin, so the commands stay switched off.',
  );
}
