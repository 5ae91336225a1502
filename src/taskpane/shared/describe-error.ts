/**
 * Turns any failure into one sentence pair a bookkeeper can act on: what did not happen, why,
 * and what to do. The panel shows only these texts, in its one MessageBar.
 */
import { HostRequestError } from '../../sync/host/host-request-error';
import { ProxyError } from '../../sync/connection/proxy-error';
import { QboFaultError } from '../../sync/qbo/errors';
import { SettingsStoreError } from '../../sync/store/settings-store';

function detail(error: unknown): string {
  if (error instanceof HostRequestError) {
    switch (error.code) {
      case 'timeout':
        return 'OfficeTools did not answer in time. Check that OfficeTools is still open, then try again.';
      case 'disposed':
      case 'not_allowed':
      case 'version_mismatch':
        return `${error.message} If this keeps happening, close the panel and open it again from the OfficeTools menu.`;
      default:
        return error.message;
    }
  }
  if (error instanceof ProxyError) {
    switch (error.code) {
      case 'reconnect_required':
        return 'QuickBooks Online no longer accepts this connection (it expired or was revoked). Click Connect to QuickBooks Online to connect again.';
      case 'not_connected':
        return 'OfficeTools is not connected to QuickBooks Online. Choose QuickBooks Online and click Connect to QuickBooks Online.';
      default:
        return error.message;
    }
  }
  // The relay's proxy refused who we are twice (a fresh token did not help): not QuickBooks' fault.
  if (error instanceof QboFaultError && error.faultType === 'PROXY' && error.code.startsWith('identity_')) {
    return `OfficeTools could not confirm who you are: ${error.detail || error.code} Reload OfficeTools.`;
  }
  if (error instanceof SettingsStoreError) return error.message;
  if (error instanceof DOMException) {
    return `This browser refused to read or save the panel's settings (${error.name}). Check that the browser allows site data for OfficeTools add-ins, then try again.`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `Something unexpected went wrong (${message}). Reload the panel and try again.`;
}

/** `action` says what failed, e.g. "Could not connect to QuickBooks Online". */
export function describeError(action: string, error: unknown): string {
  return `${action}. ${detail(error)}`;
}
