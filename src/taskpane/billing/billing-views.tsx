/**
 * The Time & Billing windows as the panel shows them for the menu views exportInvoices,
 * importPayments and exportPayments.
 */
import type { BillingViewName } from './billing-view-name';
import type { IntegrationTabContents } from '../integration-window/integration-tabs';
import { registerTabIcons } from '../match/match-icons';
import type { FirmStatusSource } from '../shared/firm-status-banner';
import type { HostWindowPage } from '../host-window/host-window-page';
import type { PanelHost, PanelProxy, PanelSettings } from '../shared/panel-services';
import { BillingFrame } from './billing-frame';
import type { BillingViewDeps } from './billing-service';
import { INVOICE_EXPORT_WORDS, PAYMENT_EXPORT_WORDS, PAYMENT_IMPORT_WORDS } from './billing-words';
import { DEFAULT_BILLING_VIEW_DEPS } from './default-billing-service';
import { InvoiceExportView } from './invoice-export-view';
import { PaymentExportView } from './payment-export-view';
import { PaymentImportView } from './payment-import-view';

export { isBillingView, type BillingViewName } from './billing-view-name';

export interface BillingViewProps {
  view: BillingViewName;
  host: PanelHost;
  proxy: PanelProxy;
  settings: PanelSettings;
  /** @defaultvalue TAB_CONTENTS */
  tabs?: IntegrationTabContents;
  /** @defaultvalue DEFAULT_BILLING_VIEW_DEPS (the engine over IndexedDB and the proxy) */
  deps?: BillingViewDeps;
  onOpenIntegrations(): void;
  /** Where the firm's replication status comes from (the offline and not-taken banners). Absent: none shown. */
  firm?: FirmStatusSource;
  /** The host window this window is shown in. Absent: a view of the panel. */
  page?: HostWindowPage;
}

const WORDS = { exportInvoices: INVOICE_EXPORT_WORDS, importPayments: PAYMENT_IMPORT_WORDS, exportPayments: PAYMENT_EXPORT_WORDS } as const;

export function BillingView({ view, host, proxy, settings, tabs, deps = DEFAULT_BILLING_VIEW_DEPS, onOpenIntegrations, firm, page }: BillingViewProps) {
  // The contact filter's drop-down chevron comes from these inline icons (the add-in works offline).
  registerTabIcons();
  return (
    // Keyed by view, so switching windows starts each one fresh.
    <BillingFrame key={view} words={WORDS[view]} host={host} proxy={proxy} settings={settings} tabs={tabs} deps={deps} onOpenIntegrations={onOpenIntegrations} firm={firm} page={page}>
      {(context) =>
        view === 'exportInvoices' ? <InvoiceExportView {...context} /> : view === 'importPayments' ? <PaymentImportView {...context} /> : <PaymentExportView {...context} />
      }
    </BillingFrame>
  );
}
