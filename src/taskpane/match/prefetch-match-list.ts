/**
 * A host window opened at a Match tab (Setup › QuickBooks Online › Contacts Sync) is a page of
 * its own whose tab mounts only after two chunks of code arrived and the connection was checked.
 * Meanwhile this page starts what the tab will wait for, so that the tab finds it under way in
 * this same page, in memory:
 * - the tab's code (the Integration window and the Match tabs), first;
 * - the tab's OfficeTools list from the host (early-rows.ts `hostReadAhead`);
 * - the firm's data: the page's one FirmData (firm-data-cache.ts), whose first open in a browser
 *   without the links is usable once the pages arrived (replication/early-links.ts);
 * - the tab's QuickBooks list, read ahead (refresh-qbo-list.ts `readQboListAhead`): the tab's own
 *   read gets this one instead of making another.
 *
 * It runs in the window, not in the panel: a read in the panel reached the window only through
 * IndexedDB, after the panel had written 20,000 customers and links there (seconds) and the
 * window had waited for it, and its requests took the connections the window's code needed.
 *
 * A failure here is not shown: the tab reads again and reports what goes wrong itself.
 */
import type { ConnectionStatus } from '../../sync/connection/connection-status';
import type { PanelView } from '../../sync/host/protocol';
import { readQboListAhead } from '../../sync/qbo-cache/refresh-qbo-list';
import { sharedQboListCache } from '../../sync/qbo-cache/shared-cache';
import type { JobHost } from '../../sync/jobs/job-ports';
import { contactSpec, employeeSpec, expenseCodeSpec, workCodeSpec, type MatchSpec } from '../../sync/jobs/match-spec';
import type { QboStored } from '../../sync/qbo/entities';
import { panelConnection } from '../shared/panel-connection';
import { hostReadAhead } from './early-rows';

/** Each Match tab's spec: its OfficeTools list and its QuickBooks list (`qboEntity`). */
const SPEC_OF_VIEW: Partial<Record<PanelView, Pick<MatchSpec<{ id: string }, QboStored, unknown>, 'listOt' | 'qboEntity'>>> = {
  contactMatch: contactSpec,
  employeeMatch: employeeSpec,
  workCodeMatch: workCodeSpec,
  expenseCodeMatch: expenseCodeSpec,
};

export async function prefetchMatchList(view: PanelView, status: () => Promise<ConnectionStatus>, host: JobHost): Promise<void> {
  const spec = SPEC_OF_VIEW[view];
  if (!spec) return;
  // The same chunks the window's lazy views ask for (webpack gives a module one chunk). They are
  // asked for first: the browser has six connections to the add-in's origin, which the firm's
  // pages and QuickBooks' would otherwise fill while the tab's code waits.
  const code = Promise.all([import('../integration-window/integration-window'), import('./match-tabs')]).then(() => undefined);
  const ot = spec.listOt(hostReadAhead(host)).then(() => undefined);
  const now = await status();
  if (!now.connected) return;
  const connection = panelConnection();
  const opening = connection.firmData.open(now.realmId).then(() => undefined);
  const cache = await sharedQboListCache();
  const listing = cache ? readQboListAhead(spec.qboEntity, { gateway: connection.relayGateway(now.realmId), cache }) : undefined;
  await Promise.all([code, ot, opening, listing]);
}
