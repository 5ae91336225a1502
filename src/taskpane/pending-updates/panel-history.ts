/**
 * The panel's Sync History recorder for a company: lines go to the frame's FirmData (so every
 * staff member's replica gets them) as the user the host says is signed in.
 */
import { createHistoryRecorder, type HistoryRecorder } from '../../sync/history/history-recorder';
import { panelConnection } from '../shared/panel-connection';
import type { PanelHost } from '../shared/panel-services';

export function createPanelHistory(realmId: string, host: PanelHost): HistoryRecorder {
  return createHistoryRecorder({
    sink: {
      async append(entry) {
        const data = await panelConnection().firmData.open(realmId);
        await data.history.append(entry);
      },
    },
    user: async () => {
      const info = await host.request('host.info', {});
      return { id: info.user.id, name: info.user.name || info.user.email || info.user.id };
    },
  });
}
