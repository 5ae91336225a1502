/**
 * The billing service as the panel opens it: the engine's service over this origin's IndexedDB,
 * reaching QBO through the panel's gateway (whose pacer the Match tabs share, so together they
 * stay inside QBO's limits).
 */
import { openBillingService } from '../../sync/billing/open-billing-service';
import { createPanelGateway } from '../match/panel-gateway';
import type { BillingViewDeps } from './billing-service';

export const DEFAULT_BILLING_VIEW_DEPS: BillingViewDeps = {
  openService: (realmId, host) => openBillingService(realmId, host, { gateway: () => createPanelGateway(realmId) }),
};
