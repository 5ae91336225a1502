/**
 * The QBO gateway as the panel reaches it: through the proxy's relay on the add-in's own
 * origin, authenticated by the opaque proxy session id (the proxy adds the bearer token; the
 * panel never sees it). One pacer per company is shared by every tab, so the tabs together stay
 * inside QBO's limits.
 */
import { createStorageSessionStore } from '../../sync/connection/session-store';
import { realmPacer } from '../../sync/qbo/realm-pacer';
import { createQboGateway } from '../../sync/qbo/qbo-client';
import type { QboGateway } from '../../sync/qbo/gateway';

export class PanelGatewayError extends Error {
  readonly code = 'not_connected';
  constructor() {
    super('This panel has no QuickBooks Online session. Close this window, click Connect to QuickBooks Online, then open it again.');
    this.name = 'PanelGatewayError';
  }
}

export function createPanelGateway(realmId: string): QboGateway {
  const sessionId = createStorageSessionStore(window.localStorage).load();
  if (!sessionId) throw new PanelGatewayError();
  return createQboGateway({ baseUrl: `${window.location.origin}/api/qbo`, realmId, headers: { 'X-Session-Id': sessionId }, pacer: realmPacer(realmId) });
}
