/**
 * The panel bench's steps through the real shell: install and connect (the firm bench's shell
 * moves), then open one panel view by loading the frame at it (openView), or as a user does,
 * from the shell's menu (showView), which also finds the host window the view opens in.
 */
import type { Frame, Page } from 'playwright-core';
import type { PanelView } from '../../src/sync/host/protocol';
import { isBillingView } from '../../src/taskpane/billing/billing-view-name';
import { INTEGRATION_TAB_LABELS, integrationTabForView } from '../../src/taskpane/integration-window/integration-tabs';
import type { Stack } from '../../test/e2e/support/stack';
import { connectFirm, installAddin, openMenu, openShell, panelFrame } from '../firm/shell-ui';

/** Installs the add-in from the shell's catalog and connects it to the sandbox's US demo company. */
export async function connectPanel(page: Page, stack: Stack): Promise<Frame> {
  await openShell(page, stack.shellUrl);
  await installAddin(page);
  await connectFirm(page);
  return panelFrame(page, stack.addinUrl);
}

/**
 * Loads the panel frame at `view` (`?view=`, as a menu command opens it) and waits until the view
 * is on screen with no visible Spinner (its code and its data are in) for half a second.
 */
export async function openView(frame: Frame, view: PanelView, timeoutMs = 60_000): Promise<void> {
  const url = new URL(frame.url());
  url.searchParams.set('view', view);
  url.searchParams.delete('focus');
  await frame.goto(url.toString());
  const tab = integrationTabForView(view);
  if (tab) await frame.locator(`[role="tabpanel"][aria-label="${INTEGRATION_TAB_LABELS[tab]}"]`).waitFor({ timeout: timeoutMs });
  else if (view === 'integrations') await frame.getByRole('heading', { name: 'QuickBooks Integration Options' }).waitFor({ timeout: timeoutMs });
  else if (view === 'history') await frame.getByText('Contact changes waiting for QuickBooks Online').waitFor({ timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  let quietSince = 0;
  for (;;) {
    // Hidden tabs stay mounted (and may load); only what is on screen counts.
    const spinners = frame.locator('.ms-Spinner >> visible=true');
    const busy = await spinners.count();
    if (busy === 0) {
      quietSince ||= Date.now();
      if (Date.now() - quietSince >= 500) return;
    } else quietSince = 0;
    if (Date.now() > deadline) {
      const labels = await spinners.allInnerTexts().catch(() => []);
      throw new Error(`the ${view} view still showed a Spinner (${labels.join(', ') || 'no label'}) after ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The shell menu path of each view's command (manifest.xml). */
export const VIEW_MENU: Record<PanelView, readonly string[]> = {
  integrations: ['Setup', 'My Company', 'Information & Settings', 'Integrations'],
  accountDefaults: ['Setup', 'QuickBooks Online', 'Account Details'],
  contactMatch: ['Setup', 'QuickBooks Online', 'Contacts Sync'],
  employeeMatch: ['Setup', 'QuickBooks Online', 'Employees Sync'],
  workCodeMatch: ['Setup', 'QuickBooks Online', 'Work Codes Sync'],
  expenseCodeMatch: ['Setup', 'QuickBooks Online', 'Expense Codes Sync'],
  history: ['Setup', 'QuickBooks Online', 'Sync History'],
  exportInvoices: ['Setup', 'QuickBooks Online', 'Time & Billing', 'Export Invoices'],
  importPayments: ['Setup', 'QuickBooks Online', 'Time & Billing', 'Import Payments'],
  exportPayments: ['Setup', 'QuickBooks Online', 'Time & Billing', 'Export Payments'],
  reconcile: ['Setup', 'QuickBooks Online', 'Time & Billing', 'Reconcile with QuickBooks Online'],
};

/** Views the add-in shows in a host window (the Integration window's tabs, the billing windows, Reconcile), not in the panel. */
export function opensWindow(view: PanelView): boolean {
  return view === 'reconcile' || integrationTabForView(view) !== undefined || isBillingView(view);
}

/** Waits until no Spinner is visible in `frame` for half a second. */
async function quiet(frame: Frame, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quietSince = 0;
  for (;;) {
    const spinners = frame.locator('.ms-Spinner >> visible=true');
    const busy = await spinners.count();
    if (busy === 0) {
      quietSince ||= Date.now();
      if (Date.now() - quietSince >= 500) return;
    } else quietSince = 0;
    if (Date.now() > deadline) {
      const labels = await spinners.allInnerTexts().catch(() => []);
      throw new Error(`${what} still showed a Spinner (${labels.join(', ') || 'no label'}) after ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The add-in frame the shell hosts in that role (the window frame loads the same page as the panel). */
async function frameOf(page: Page, role: 'panel' | 'window', timeoutMs: number): Promise<Frame> {
  const element = page.locator(`iframe[data-role="${role}"]`);
  await element.waitFor({ timeout: timeoutMs });
  const frame = await (await element.elementHandle())?.contentFrame();
  if (!frame) throw new Error(`the shell's ${role} iframe has no frame`);
  return frame;
}

/** Closes the add-in's host window if one is open (its title bar's close button). */
export async function closeHostWindow(page: Page): Promise<void> {
  const box = page.locator('[data-host-window]');
  if ((await box.count()) === 0) return;
  await box.getByRole('button', { name: /^Close / }).first().click();
  await box.waitFor({ state: 'detached', timeout: 10_000 });
}

/**
 * Opens `view` from the shell's menu, as a bookkeeper does, and waits until it is on screen with
 * its data in (no visible Spinner for half a second). Returns the add-in frames that show it:
 * the panel, and the host window when the view opens in one.
 */
export async function showView(page: Page, addinUrl: string, view: PanelView, timeoutMs = 60_000): Promise<{ panel: Frame; window?: Frame }> {
  await closeHostWindow(page);
  await openMenu(page, ...VIEW_MENU[view]);
  await panelFrame(page, addinUrl);
  const panel = await frameOf(page, 'panel', timeoutMs);
  if (!opensWindow(view)) {
    if (view === 'integrations') await panel.getByRole('heading', { name: 'QuickBooks Integration Options' }).waitFor({ timeout: timeoutMs });
    else if (view === 'history') await panel.getByText('Contact changes waiting for QuickBooks Online').waitFor({ timeout: timeoutMs });
    else await panel.getByRole('heading', { name: /Reconcile/ }).first().waitFor({ timeout: timeoutMs });
    await quiet(panel, `the ${view} view`, timeoutMs);
    return { panel };
  }
  const window = await frameOf(page, 'window', timeoutMs);
  const tab = integrationTabForView(view);
  if (tab) await window.locator(`[role="tabpanel"][aria-label="${INTEGRATION_TAB_LABELS[tab]}"]`).waitFor({ timeout: timeoutMs });
  else if (view === 'reconcile') await window.getByRole('button', { name: 'Compare' }).waitFor({ timeout: timeoutMs });
  else await window.locator('[role="region"][data-is-scrollable="true"], [role="grid"]').first().waitFor({ timeout: timeoutMs });
  await quiet(window, `the ${view} window`, timeoutMs);
  await quiet(panel, 'the panel', timeoutMs);
  return { panel, window };
}
