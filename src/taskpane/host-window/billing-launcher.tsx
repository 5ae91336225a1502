/**
 * A Time & Billing menu command in the panel: the window opens in the host, the panel keeps its
 * width and shows its status (window-launcher.tsx); a host without windows gets the window inside
 * the panel, as before.
 */
import { INVOICE_EXPORT_WORDS, PAYMENT_EXPORT_WORDS, PAYMENT_IMPORT_WORDS } from '../billing/billing-words';
import type { BillingViewName } from '../billing/billing-view-name';
import type { BillingViewProps } from '../billing/billing-views';
import { BillingView } from '../lazy-views';
import { WindowLauncher } from './window-launcher';

const TITLES: Record<BillingViewName, string> = {
  exportInvoices: INVOICE_EXPORT_WORDS.title,
  importPayments: PAYMENT_IMPORT_WORDS.title,
  exportPayments: PAYMENT_EXPORT_WORDS.title,
};

/** Mounted once per menu request (the panel keys it), so each request opens the window again. */
export function BillingLauncher(props: BillingViewProps) {
  return (
    <WindowLauncher name={props.view} title={TITLES[props.view]} host={props.host} proxy={props.proxy} onOpenIntegrations={props.onOpenIntegrations} renderInPanel={() => <BillingView {...props} />} />
  );
}
