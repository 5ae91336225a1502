/**
 * The panel bench's steps through the real shell: install and connect (the firm bench's shell
 * moves), then open one panel view by loading the frame at it.
 */
import type { Frame, Page } from 'playwright-core';
import type { PanelView } from '../../src/sync/host/protocol';
import { INTEGRATION_TAB_LABELS, integrationTabForView } from '../../src/taskpane/integration-window/integration-tabs';
import type { Stack } from '../../test/e2e/support/stack';
import { connectFirm, installAddin, openShell, panelFrame } from '../firm/shell-ui';

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
