/**
 * Which panel views are Time & Billing windows. Apart from billing-views.tsx so that the panel
 * can route to them without loading their code (it is fetched on demand, see lazy-views.tsx).
 */
import type { PanelView } from '../../sync/host/protocol';

export type BillingViewName = Extract<PanelView, 'exportInvoices' | 'importPayments' | 'exportPayments'>;

export function isBillingView(view: PanelView): view is BillingViewName {
  return view === 'exportInvoices' || view === 'importPayments' || view === 'exportPayments';
}
