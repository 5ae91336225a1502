/**
 * A panel opened at a Match tab (the host's menu: Setup › QuickBooks Online › Contacts Sync)
 * shows the tab in a host window: a page of its own, ready a second or two after the panel.
 * Meanwhile the panel starts what the tab will wait for: the firm's data (a first open pulls every
 * link into this browser's replica) and, when this browser does not hold it yet, the tab's
 * QuickBooks list, read in full into the shared list cache. The window's tab then reads both from IndexedDB: its list read waits for the one under
 * way and asks CDC only (refresh-qbo-list.ts), and its replica waits for the panel's pull and
 * asks only for what came after (replication-state.ts).
 *
 * A failure here is not shown: the tab reads again and reports what goes wrong itself.
 */
import type { ConnectionStatus } from '../../sync/connection/connection-status';
import type { PanelView } from '../../sync/host/protocol';
import { CDC_REACH_MS, readQboList } from '../../sync/qbo-cache/refresh-qbo-list';
import { sharedQboListCache } from '../../sync/qbo-cache/shared-cache';
import { panelConnection } from '../shared/panel-connection';

/** The QuickBooks list each Match tab shows (match-spec.ts `qboEntity`). */
const LIST_OF_VIEW: Partial<Record<PanelView, 'Customer' | 'Employee' | 'Item'>> = {
  contactMatch: 'Customer',
  employeeMatch: 'Employee',
  workCodeMatch: 'Item',
  expenseCodeMatch: 'Item',
};

export async function prefetchMatchList(view: PanelView, status: () => Promise<ConnectionStatus>): Promise<void> {
  const entity = LIST_OF_VIEW[view];
  if (!entity) return;
  const now = await status();
  if (!now.connected) return;
  const connection = panelConnection();
  const opening = connection.firmData.open(now.realmId).then(() => undefined);
  const cache = await sharedQboListCache();
  // A list this browser already holds is brought up to date by the window itself (CDC, two
  // requests): only a list read in full is worth starting early.
  const cached = cache ? (await cache.marks(now.realmId)).some((m) => m.entity === entity && Date.now() - m.syncedAtMs < CDC_REACH_MS) : true;
  const listing = cache && !cached ? readQboList(entity, { gateway: connection.relayGateway(now.realmId), cache }).then((read) => read.saved) : undefined;
  await Promise.all([opening, listing]);
}
