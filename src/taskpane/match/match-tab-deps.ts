/**
 * What a Match tab needs besides its window context: the firm's links, the QBO gateway and the
 * automatch engine. The real ones by default (the frame's FirmData and relay); component tests
 * pass a real store, a fake gateway and a scripted automatch.
 */
import type { ProposeMatches } from '../../sync/jobs/automatch-links';
import { proposeMatches } from '../../sync/jobs/automatch-links';
import type { JobGateway, JobLinks } from '../../sync/jobs/job-ports';
import type { HistoryRecorder } from '../../sync/history/history-recorder';
import type { EntityJournal } from '../../sync/jobs/entity-journal';
import type { RunGuard } from '../../sync/jobs/run-guard';
import type { FirmCollection } from '../../sync/replication/firm-remote';
import { watchQboListAhead, type ListProgress } from '../../sync/qbo-cache/refresh-qbo-list';
import { createPanelHistory } from '../pending-updates/panel-history';
import { panelConnection } from '../shared/panel-connection';
import type { PanelHost } from '../shared/panel-services';
import { createPanelGateway } from './panel-gateway';

export type ClosableLinks = JobLinks & { close(): void };

export interface MatchTabDeps {
  /** The links of this company, written as the signed-in user. `close` ends this tab's use of them. */
  openLinks(realmId: string, host: PanelHost): Promise<ClosableLinks>;
  gateway(realmId: string): JobGateway;
  proposeMatches: ProposeMatches;
  /** Told when other staff changed these collections of the company's data; returns unsubscribe. */
  watch?(realmId: string, collections: readonly FirmCollection[], onChange: () => void): () => void;
  /** Where the tab's actions are recorded (Sync History); none when absent. */
  history?(realmId: string, host: PanelHost): HistoryRecorder;
  /**
   * The firm's journal of Match-tab exports and imports: with it every run is journaled before
   * anything is sent and a run a reload cut off is finished when the tab opens. None: not journaled.
   */
  entityJournal?(realmId: string): Promise<EntityJournal>;
  /** One run at a time (this browser's Web Lock and the firm's run lease); none: not guarded. */
  runs?(): RunGuard;
  /**
   * The rows so far of this tab's QuickBooks list while a read made ahead in this page brings it
   * page by page (refresh-qbo-list.ts); the tab shows them, as still loading, until the list is
   * complete. Returns unsubscribe. None: the tab shows the lists once complete.
   */
  watchQboList?(realmId: string, entity: string, onRows: ListProgress): () => void;
}

export const DEFAULT_MATCH_TAB_DEPS: MatchTabDeps = {
  async openLinks(realmId) {
    const { links } = await panelConnection().firmData.open(realmId);
    // The frame's FirmData outlives the tab (the other tabs and windows share it): nothing to close.
    return sharedLinks(links);
  },
  gateway: createPanelGateway,
  proposeMatches,
  watch: (realmId, collections, onChange) => panelConnection().watch(realmId, collections, onChange),
  history: createPanelHistory,
  entityJournal: async (realmId) => (await panelConnection().firmData.open(realmId)).entityJournal,
  runs: () => panelConnection().runs,
  watchQboList: watchQboListAhead,
};

/** The shared links as a tab's own: every JobLinks method, and a close that leaves them open. */
export function sharedLinks(links: JobLinks): ClosableLinks {
  return {
    realmId: links.realmId,
    list: (...a) => links.list(...a),
    linkMany: (...a) => links.linkMany(...a),
    unlink: (...a) => links.unlink(...a),
    unlinkByQboId: (...a) => links.unlinkByQboId(...a),
    clearKind: (...a) => links.clearKind(...a),
    restoreLinks: (...a) => links.restoreLinks(...a),
    close: () => undefined,
  };
}

/**
 * Links still being opened (a first open pulls the firm's links into an empty browser), usable
 * at once: each call waits for the open. Lets the tab read OfficeTools and QBO lists meanwhile.
 */
export function linksWhenOpen(realmId: string, opening: Promise<JobLinks>): JobLinks {
  return {
    realmId,
    list: async (...a) => (await opening).list(...a),
    linkMany: async (...a) => (await opening).linkMany(...a),
    unlink: async (...a) => (await opening).unlink(...a),
    unlinkByQboId: async (...a) => (await opening).unlinkByQboId(...a),
    clearKind: async (...a) => (await opening).clearKind(...a),
    restoreLinks: async (...a) => (await opening).restoreLinks(...a),
  };
}
