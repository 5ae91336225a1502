/**
 * The add-in's windows that the host draws (docs/decisions/0008-host-windows.md): which ones,
 * their titles and the size each asks for, and the page URL that shows one in a host window
 * (the panel's own page with `?window=`, so it is served with the same trusted-origins meta and
 * Content-Security-Policy, and loads the window's code on demand).
 */
import type { PanelView } from '../../sync/host/protocol';
import { isBillingView, type BillingViewName } from '../billing/billing-view-name';
import { integrationTabForView, type IntegrationTabKey } from '../integration-window/integration-tabs';

/** A window is named by the panel view that opens it: an Integration window tab, a Time & Billing window, or Reconcile. */
export type HostWindowName = IntegrationTabKey | BillingViewName | 'reconcile';

export function isHostWindowName(value: unknown): value is HostWindowName {
  if (typeof value !== 'string') return false;
  return value === 'reconcile' || integrationTabForView(value as PanelView) !== undefined || isBillingView(value as PanelView);
}

/** The Integration window's tabs, as opposed to the other windows. */
export function isIntegrationWindow(name: HostWindowName): name is IntegrationTabKey {
  return name !== 'reconcile' && !isBillingView(name);
}

export const RECONCILE_WINDOW_TITLE = 'Reconcile with QuickBooks Online';

/** The Integration window's title (all its tabs share one window). */
export const INTEGRATION_WINDOW_TITLE = 'QuickBooks Online Integration';

const BILLING_TITLES: Record<BillingViewName, string> = {
  exportInvoices: 'Invoice Export',
  importPayments: 'Payment Import',
  exportPayments: 'Payment Export',
};

/**
 * What each window asks the host for. The host shrinks a window to its workspace, so these are
 * the sizes at which the side-by-side lists and the billing columns read well (1920×1080); at
 * 1366×768 the host gives about 1334×736 and the lists scroll inside the window.
 */
export const HOST_WINDOW_SIZE = {
  integration: { width: 1240, height: 800 },
  billing: { width: 1180, height: 780 },
  /** The per-client table has seven number columns; a client's documents table scrolls sideways inside the window. */
  reconcile: { width: 1240, height: 800 },
} as const;

export function hostWindowTitle(name: HostWindowName): string {
  if (name === 'reconcile') return RECONCILE_WINDOW_TITLE;
  return isBillingView(name) ? BILLING_TITLES[name] : INTEGRATION_WINDOW_TITLE;
}

export function hostWindowSize(name: HostWindowName): { width: number; height: number } {
  if (name === 'reconcile') return HOST_WINDOW_SIZE.reconcile;
  return isBillingView(name) ? HOST_WINDOW_SIZE.billing : HOST_WINDOW_SIZE.integration;
}

/** The window named by `?window=` in a page URL, and the entity it opens at (`?focus=`); undefined for the panel itself. */
export function readHostWindow(search: string): { name: HostWindowName; focusId?: string } | undefined {
  const params = new URLSearchParams(search);
  const name = params.get('window');
  if (!isHostWindowName(name)) return undefined;
  const focusId = params.get('focus')?.trim();
  return focusId ? { name, focusId } : { name };
}

/** The URL of the page that shows `name` in a host window: this page's URL with only `window` (and `focus`). */
export function hostWindowUrl(pageHref: string, name: HostWindowName, focusId?: string): string {
  const url = new URL(pageHref);
  url.search = '';
  url.hash = '';
  url.searchParams.set('window', name);
  if (focusId) url.searchParams.set('focus', focusId);
  return url.href;
}
