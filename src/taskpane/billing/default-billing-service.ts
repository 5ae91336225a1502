/**
 * The billing service as the panel opens it: the engine's service over the frame's FirmData of
 * the company (the firm's journal, links and Account Defaults), reaching QBO through the panel's
 * relay gateway (whose pacer the Match tabs share, so together they stay inside QBO's limits).
 */
import { guardBillingService } from '../../sync/billing/guarded-billing-service';
import { openBillingService } from '../../sync/billing/open-billing-service';
import { panelConnection } from '../shared/panel-connection';
import { createPanelGateway } from '../match/panel-gateway';
import type { BillingViewDeps } from './billing-service';

export const DEFAULT_BILLING_VIEW_DEPS: BillingViewDeps = {
  openService: async (realmId, host) =>
    // One export of a kind at a time, in this browser and across staff.
    guardBillingService(
      await openBillingService(realmId, host, {
        firmData: (r) => panelConnection().firmData.open(r),
        gateway: () => createPanelGateway(realmId),
      }),
      panelConnection().runs,
      realmId,
    ),
  watch: (realmId, collections, onChange) => panelConnection().watch(realmId, collections, onChange),
};
