/**
 * The shell and panel steps the firm benchmark takes as a user would: sign in as a given user
 * (the shell's "Signed in as", kept in its localStorage), install the add-in, connect to the US
 * demo company through the sandbox sign-in, open Setup › QuickBooks Online › Contacts Sync, and
 * link the first free contact and customer of the Contact Match tab.
 */
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { DEMO_USER } from '../../dev/qbo-sandbox/demo-companies';

const PANEL = 'Contact Match';
const LINKED = ' — linked to ';
const TAB = `[role="tabpanel"][aria-label="${PANEL}"]`;

/** A browser context whose shell page is signed in as `userId` (set before the shell's first script). */
export async function contextFor(browser: Browser, shellUrl: string, userId: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addInitScript(`(function () { if (location.origin === ${JSON.stringify(shellUrl)}) localStorage.setItem('officetools.userId', ${JSON.stringify(userId)}); })()`);
  return context;
}

export async function openShell(page: Page, shellUrl: string): Promise<void> {
  await page.goto(shellUrl);
  await page.getByRole('heading', { name: 'Contacts' }).waitFor({ timeout: 60_000 });
}

export async function openMenu(page: Page, ...labels: string[]): Promise<void> {
  await page.getByRole('menuitem', { name: labels[0], exact: true }).click();
  for (const label of labels.slice(1, -1)) await page.getByRole('menuitem', { name: label, exact: true }).hover();
  await page.getByRole('menuitem', { name: labels[labels.length - 1], exact: true }).click();
}

export async function installAddin(page: Page): Promise<void> {
  await openMenu(page, 'Setup', 'Add-ins…');
  await page.getByRole('button', { name: 'Install QuickBooks Online' }).click();
  await page.getByRole('button', { name: 'Remove QuickBooks Online' }).waitFor();
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
}

/** Connects the firm to the US demo company from Integrations (the add-in must be installed). */
export async function connectFirm(page: Page): Promise<void> {
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
}

/** Clicks Setup › QuickBooks Online › Contacts Sync; resolves with the click's time (epoch ms, as the page saw it). */
export async function clickContactsSync(page: Page): Promise<number> {
  // A freshly loaded shell adds the add-in's menu once it has read the manifest: until then the
  // Setup menu has no QuickBooks Online entry; close it and look again.
  const qbo = page.getByRole('menuitem', { name: 'QuickBooks Online', exact: true });
  for (let tries = 0; ; tries++) {
    await page.getByRole('menuitem', { name: 'Setup', exact: true }).click();
    if (await qbo.waitFor({ timeout: 1_000 }).then(() => true, () => false)) break;
    if (tries >= 30) throw new Error('the Setup menu shows no QuickBooks Online entry (is the add-in installed for this user?)');
    await page.keyboard.press('Escape');
    await page.waitForTimeout(500);
  }
  await qbo.hover();
  await page.evaluate(() => {
    const w = window as unknown as { __firmClickAt?: number };
    delete w.__firmClickAt;
    document.addEventListener('click', (e) => (w.__firmClickAt = performance.timeOrigin + e.timeStamp), { capture: true, once: true });
  });
  await page.getByRole('menuitem', { name: 'Contacts Sync', exact: true }).click();
  const at = await page.evaluate(() => (window as unknown as { __firmClickAt?: number }).__firmClickAt);
  if (typeof at !== 'number') throw new Error('the click on Contacts Sync never reached the shell page');
  return at;
}

export async function panelFrame(page: Page, addinUrl: string, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = page.frames().find((f) => f.url().startsWith(`${addinUrl}/taskpane.html`));
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error(`the add-in panel (${addinUrl}/taskpane.html) did not load within ${timeoutMs} ms`);
    await page.waitForTimeout(25);
  }
}

/**
 * The frame that shows the Integration window's tabs: the host window's page
 * (`taskpane.html?window=…`, drawn by the shell) or, for a host without windows, the panel.
 */
export async function tabFrame(page: Page, addinUrl: string, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frames = page.frames().filter((f) => f.url().startsWith(`${addinUrl}/taskpane.html`));
    const windowed = frames.find((f) => new URL(f.url()).searchParams.has('window'));
    if (windowed) return windowed;
    for (const f of frames) if ((await f.locator(TAB).count().catch(() => 0)) > 0) return f;
    if (Date.now() > deadline) throw new Error(`no add-in frame of ${addinUrl} shows the ${PANEL} tab within ${timeoutMs} ms`);
    await page.waitForTimeout(25);
  }
}

export async function closeWindow(frame: Frame): Promise<void> {
  // The window's own close button: Close (changes saved as made) or, in older builds, Cancel.
  await frame.getByRole('button', { name: /^(Close|Cancel)$/ }).first().click();
  // A host window's frame goes away with the window: that is closed too.
  await frame
    .locator(TAB)
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch((e: unknown) => {
      if (!frame.isDetached()) throw e;
    });
}

/** The first rendered row of a list that is not linked (the benchmark leaves the first rows by name free). */
export async function firstFreeRow(frame: Frame, side: 0 | 1): Promise<string> {
  const list = frame.locator(TAB).locator('[role="listbox"]').nth(side);
  const id = await list.locator('[role="option"][data-id]').evaluateAll((els, linked) => {
    const free = els.find((e) => !(e.getAttribute('title') ?? '').includes(linked));
    return free?.getAttribute('data-id') ?? null;
  }, LINKED);
  if (!id) throw new Error(`no unlinked row is rendered at the top of the ${side === 0 ? 'left' : 'right'} list of Contact Match`);
  return id;
}

export function row(frame: Frame, side: 0 | 1, id: string) {
  return frame.locator(TAB).locator('[role="listbox"]').nth(side).locator(`[role="option"][data-id="${id}"]`);
}

/** Selects a free contact and a free customer; returns them and a function that clicks Link and tells when (epoch ms, in the panel). */
export async function prepareLink(frame: Frame): Promise<{ contactId: string; customerId: string; click(): Promise<number> }> {
  const contactId = await firstFreeRow(frame, 0);
  const customerId = await firstFreeRow(frame, 1);
  await row(frame, 0, contactId).click();
  await row(frame, 1, customerId).click();
  const button = frame.locator(TAB).getByRole('button', { name: 'Link', exact: true });
  return {
    contactId,
    customerId,
    async click() {
      await frame.evaluate(() => {
        const w = window as unknown as { __firmClickAt?: number };
        delete w.__firmClickAt;
        document.addEventListener('click', (e) => (w.__firmClickAt = performance.timeOrigin + e.timeStamp), { capture: true, once: true });
      });
      await button.click();
      const at = await frame.evaluate(() => (window as unknown as { __firmClickAt?: number }).__firmClickAt);
      if (typeof at !== 'number') throw new Error('the click on Link never reached the panel');
      return at;
    },
  };
}
