/**
 * The QBO gateway as the panel reaches it: through the proxy's relay on the add-in's own
 * origin, authenticated by the host's identity token (the proxy adds the firm's QBO token; the
 * panel never sees it). One pacer per company is shared by every tab, so the tabs together stay
 * inside QBO's limits.
 */
import type { QboGateway } from '../../sync/qbo/gateway';
import { panelConnection } from '../shared/panel-connection';

export function createPanelGateway(realmId: string): QboGateway {
  return panelConnection().relayGateway(realmId);
}
