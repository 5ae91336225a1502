/**
 * The panel bench's steps through the real shell: install the add-in, connect the US demo
 * company through the sandbox's sign-in, and open one panel view by loading the frame at it.
 */
import type { Frame, Page } from 'playwright-core';
import { DEMO_USER } from '../../dev/qbo-sandbox/demo-companies';
import type { PanelView } from '../../src/sync/host/protocol';
import { INTEGRATION_TAB_LABELS, integrationTabForView } from '../../src/taskpane/integration-window/integration-tabs';
import type { Stack } from '../../test/e2e/support/stack';

async function openMenu(page: Page, ...labels: string[]): Promise<void> {
  await page.getByRole('menuitem', { name: labels[0], exact: true }).click();
  for (const label of labels.slice(1, -1)) await page.getByRole('menuitem', { name: label, exact: true }).hover();
  await page.getByRole('menuitem', { name: labels[labels.length - 1], exact: true }).click();
}

/** Installs the add-in from the shell's catalog and connects it to the sandbox's US demo company. */
export async function connectPanel(page: Page, stack: Stack): Promise<Frame> {
  await page.goto(stack.shellUrl);
  await page.getByRole('heading', { name: 'Contacts' }).waitFor({ timeout: 60_000 });
  await openMenu(page, 'Setup', 'Add-ins…');
  await page.getByRole('button', { name: 'Install QuickBooks Online' }).click();
  await page.getByRole('button', { name: 'Remove QuickBooks Online' }).waitFor();
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
  await openMenu(page, 'Setup', 'My Company', 'Information & Settings', 'Integrations');
  const panel = page.frameLocator('iframe[data-role="panel"]');
  await panel.getByRole('heading', { name: 'QuickBooks Integration Options' }).waitFor();
  await panel.getByRole('radio', { name: 'QuickBooks Online' }).check();
  await panel.getByRole('button', { name: 'Yes' }).click();
  await panel.getByRole('button', { name: 'Connect to QuickBooks Online' }).click();
  const popupOpened = page.context().waitForEvent('page');
  await panel.getByRole('button', { name: 'Yes' }).click();
  const popup = await popupOpened;
  await popup.waitForLoadState();
  await popup.getByLabel('Email').fill(DEMO_USER.email);
  await popup.getByLabel('Password').fill(DEMO_USER.password);
  await popup.getByRole('button', { name: 'Sign In' }).click();
  await popup.getByRole('radio', { name: 'OfficeTools Workspace' }).check();
  await popup.getByRole('button', { name: 'Connect' }).click();
  const company = panel.getByRole('textbox', { name: 'Company' });
  await company.waitFor({ timeout: 30_000 });
  const deadline = Date.now() + 30_000;
  while ((await company.inputValue()) !== 'OfficeTools Workspace') {
    if (Date.now() > deadline) throw new Error('the panel did not show the connected company OfficeTools Workspace within 30 s');
    await new Promise((r) => setTimeout(r, 150));
  }
  const frame = page.frames().find((f) => f.url().startsWith(`${stack.addinUrl}/taskpane.html`));
  if (!frame) throw new Error('the add-in panel frame is not loaded');
  return frame;
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
