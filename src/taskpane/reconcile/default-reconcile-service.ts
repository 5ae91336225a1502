/**
 * The reconciler as the panel opens it: the firm's links and billing journal of the company
 * (the panel's shared FirmData) and the panel's relay gateway, whose pacer the other windows
 * share, so a 20,000-client report stays inside QBO's limits with them.
 */
import { loadReconciliation } from '../../sync/reconcile/load-reconciliation';
import { createPanelGateway } from '../match/panel-gateway';
import { panelConnection } from '../shared/panel-connection';
import type { ReconcileViewDeps } from './reconcile-service';

export const DEFAULT_RECONCILE_VIEW_DEPS: ReconcileViewDeps = {
  async openReconciler(realmId, host) {
    const firm = await panelConnection().firmData.open(realmId);
    return {
      async reconcile(period, onProgress) {
        const settings = await firm.settings.load();
        return loadReconciliation(
          { host, gateway: createPanelGateway(realmId), links: firm.links, journal: firm.journal, numbering: settings.invoiceNumbers },
          period,
          onProgress ? { onProgress } : {},
        );
      },
      // The FirmData is the panel's, shared with other windows: nothing of ours to close.
      close() {},
    };
  },
};
