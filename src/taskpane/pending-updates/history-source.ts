/**
 * Where Sync History reads the firm's history lines: the frame's FirmData replica of the
 * company, and its replication's change events (another staff member's action, or a line the
 * commands runtime wrote, arrives by a pull). Tests give a source over their own FirmData.
 */
import { toHistoryLine, type HistoryLine } from '../../sync/history/history-entry';
import { panelConnection } from '../shared/panel-connection';

export interface SyncHistorySource {
  /** The company's history, oldest first. */
  list(realmId: string): Promise<HistoryLine[]>;
  /** Called when new lines may have arrived; returns unsubscribe. */
  subscribe?(realmId: string, onChange: () => void): () => void;
}

export const PANEL_HISTORY_SOURCE: SyncHistorySource = {
  async list(realmId) {
    const data = await panelConnection().firmData.open(realmId);
    return (await data.history.list()).map(toHistoryLine);
  },
  subscribe(realmId, onChange) {
    try {
      return panelConnection().watch(realmId, ['history'], onChange);
    } catch {
      // No connection in this frame: list() says why; there is nothing to listen to.
      return () => undefined;
    }
  },
};

/** A source over an already open FirmData-like history (tests, and any caller that holds one). */
export function historySourceOf(open: (realmId: string) => Promise<{ history: { list(): Promise<Parameters<typeof toHistoryLine>[0][]> } }>): SyncHistorySource {
  return {
    async list(realmId) {
      const data = await open(realmId);
      return (await data.history.list()).map(toHistoryLine);
    },
  };
}
