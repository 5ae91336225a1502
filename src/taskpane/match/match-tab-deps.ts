/**
 * What a Match tab needs besides its window context: the link store, the QBO gateway and the
 * automatch engine. The real ones by default; component tests pass a real IndexedDB store under
 * a test name, a fake gateway and a scripted automatch.
 */
import type { ProposeMatches } from '../../sync/jobs/automatch-links';
import { proposeMatches } from '../../sync/jobs/automatch-links';
import type { JobGateway, JobLinks } from '../../sync/jobs/job-ports';
import { LinkStore } from '../../sync/store/link-store';
import type { PanelHost } from '../shared/panel-services';
import { createPanelGateway } from './panel-gateway';

export type ClosableLinks = JobLinks & { close(): void };

export interface MatchTabDeps {
  /** Opens the link store of this company, recording `user` as who made each link. */
  openLinks(realmId: string, host: PanelHost): Promise<ClosableLinks>;
  gateway(realmId: string): JobGateway;
  proposeMatches: ProposeMatches;
}

export const DEFAULT_MATCH_TAB_DEPS: MatchTabDeps = {
  async openLinks(realmId, host) {
    const info = await host.request('host.info', {});
    return LinkStore.open({ realmId, user: info.user.name || info.user.email || info.user.id });
  },
  gateway: createPanelGateway,
  proposeMatches,
};
