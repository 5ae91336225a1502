/**
 * A failed billing job in words a bookkeeper can act on, for callers without a panel to show a
 * MessageBar in (the one-off command's notification). The engine's own errors already say
 * what happened and what to do; the host's and the proxy's codes get the advice they need.
 */
import { HostRequestError } from '../host/host-request-error';
import { ProxyError } from '../connection/proxy-error';

function detail(error: unknown): string {
  if (error instanceof HostRequestError) {
    switch (error.code) {
      case 'timeout':
        return 'OfficeTools did not answer in time. Check that OfficeTools is still open, then try again.';
      case 'disposed':
      case 'not_allowed':
      case 'version_mismatch':
        return `${error.message} If this keeps happening, reload OfficeTools and try again.`;
      default:
        return error.message;
    }
  }
  if (error instanceof ProxyError) {
    switch (error.code) {
      case 'reconnect_required':
        return 'QuickBooks Online no longer accepts this connection (it expired or was revoked). Connect again under Setup > My Company > Information & Settings > Integrations.';
      case 'not_connected':
        return 'OfficeTools is not connected to QuickBooks Online. Connect under Setup > My Company > Information & Settings > Integrations.';
      default:
        return error.message;
    }
  }
  if (error instanceof DOMException) {
    return `This browser refused to read the add-in's saved data (${error.name}). Check that the browser allows site data for OfficeTools add-ins, then try again.`;
  }
  // The product's typed errors (they carry a code) already say what to do.
  if (error instanceof Error && typeof (error as Error & { code?: unknown }).code === 'string') return error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `Something unexpected went wrong (${message}).`;
}

/** `action` says what did not happen, e.g. "Invoice 1003 was not exported". */
export function describeBillingFailure(action: string, error: unknown): string {
  return `${action}. ${detail(error)}`;
}
