/**
 * The billing service as the add-in runs it in a browser page (the panel or the commands
 * runtime): the journal, the links and Account Defaults in this origin's IndexedDB, the audit
 * naming the signed-in OfficeTools user. The page gives the gateway, since the panel shares one
 * pacer across its tabs and the commands runtime builds its own.
 */
import { LinkStore } from '../store/link-store';
import { openSyncDb, type QboSyncDatabase } from '../store/schema';
import { getSettings } from '../store/settings-store';
import { createBillingJournal } from './billing-journal';
import type { BillingGateway, BillingHost } from './billing-ports';
import { createBillingService, type BillingService } from './billing-service';

export interface OpenBillingServiceOptions {
  /** A gateway for the company; called once per list, plan or run. */
  gateway(): BillingGateway;
  /** @defaultvalue openSyncDb (the add-in's IndexedDB database) */
  openDb?(): Promise<QboSyncDatabase>;
}

async function userName(host: BillingHost): Promise<string> {
  const info = await host.request('host.info', {});
  return info.user.name || info.user.email || info.user.id;
}

export async function openBillingService(realmId: string, host: BillingHost, options: OpenBillingServiceOptions): Promise<BillingService> {
  const user = await userName(host);
  const db = await (options.openDb ?? (() => openSyncDb()))();
  try {
    return createBillingService({
      host,
      journal: createBillingJournal(db, realmId, { user }),
      links: new LinkStore(db, { realmId, user }),
      settings: () => getSettings(db, realmId),
      gateway: options.gateway,
      close: () => db.close(),
    });
  } catch (e) {
    // A company id the stores refuse: nothing else will close the connection just opened.
    db.close();
    throw e;
  }
}
