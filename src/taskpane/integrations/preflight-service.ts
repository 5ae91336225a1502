/**
 * The pre-flight check as the Integrations view runs it: an interface, so the view's tests give
 * their own reports, and the panel's real one over the frame's connection (the firm's links
 * and settings of the company, the relay gateway whose pacer the other windows share).
 */
import type { HostClient } from '../../sync/host/client';
import type { PreflightReport } from '../../sync/preflight/preflight-types';
import { runPreflight } from '../../sync/preflight/run-preflight';
import { panelConnection } from '../shared/panel-connection';

export interface PreflightService {
  check(realmId: string, companyName: string): Promise<PreflightReport>;
}

export function createPanelPreflight(host: Pick<HostClient, 'request'>): PreflightService {
  return {
    async check(realmId, companyName) {
      const connection = panelConnection();
      const firm = await connection.firmData.open(realmId);
      return runPreflight({ host, gateway: connection.relayGateway(realmId), links: firm.links, settings: () => firm.settings.load(), companyName });
    },
  };
}
