/**
 * The billing service as the add-in runs it in a browser page (the panel or the commands
 * runtime): the firm's journal, links and Account Defaults of the company, from the page's one
 * FirmData for it (docs/firm-contract.md §4), so an export is recorded where every staff member
 * sees it. The page gives the FirmData and the gateway, since the panel shares one pacer and one
 * replica across its windows and the commands runtime keeps its own.
 */
import type { LocaleFormat } from '../format/locale-format';
import type { FirmData } from '../replication/open-firm-data';
import type { BillingGateway, BillingHost } from './billing-ports';
import { createBillingService, type BillingService } from './billing-service';

export interface OpenBillingServiceOptions {
  /** The page's FirmData of the company (shared: the service does not close it). */
  firmData(realmId: string): Promise<Pick<FirmData, 'journal' | 'links' | 'settings'>>;
  /** A gateway for the company; called once per list, plan or run. */
  gateway(): BillingGateway;
  /** How its messages read. @defaultvalue the frame's display locale (displayFormat()) */
  format?: LocaleFormat;
}

export async function openBillingService(realmId: string, host: BillingHost, options: OpenBillingServiceOptions): Promise<BillingService> {
  const firm = await options.firmData(realmId);
  return createBillingService({
    host,
    journal: firm.journal,
    links: firm.links,
    settings: () => firm.settings.load(),
    saveInvoiceNumbers: async (invoiceNumbers) => void (await firm.settings.save({ invoiceNumbers })),
    gateway: options.gateway,
    format: options.format,
  });
}
