/**
 * Layout at the two screen sizes staff use (issue 12): 1366×768 and 1920×1080. The Integration
 * window, a Time & Billing window and Reconcile open as host windows over the workspace (the
 * panel keeps its width); the window fits the screen, its OK/Cancel or Close stay in view, nothing
 * runs off its right edge (wide tables scroll inside the window), and it does not move when
 * another tab is chosen. Scroll bars take their room, as in a desktop browser. Last, the shell's
 * Locale setting reaches the add-in's windows.
 * Screenshots go to test-results/e2e/layout/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import { ShellSession } from './support/shell-session';

// Scroll bars take their room as on a desktop: a vertical bar narrows what a table has.
const shell = new ShellSession('layout', { width: 1366, height: 768 }, { showScrollbars: true });
const { panel, hostWindow, hostWindowBox, openShell, openMenu, installAddin, openIntegrations, connect, eventually, step, shot } = shell;

before(shell.start);
after(shell.stop);

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/** The panel's widest normal width (dev/shell/app/addin-panel.tsx PANEL_MAX_WIDTH). */
const PANEL_MAX_WIDTH = 760;

async function box(locator: Locator, what: string) {
  const b = await locator.boundingBox();
  assert.ok(b, `${what} is on screen`);
  return b;
}

/** `locator` lies wholly inside the browser window. */
async function assertInViewport(locator: Locator, what: string): Promise<void> {
  const b = await box(locator, what);
  const vp = shell.page.viewportSize();
  assert.ok(vp);
  assert.ok(b.x >= 0 && b.y >= 0 && b.x + b.width <= vp.width + 0.5 && b.y + b.height <= vp.height + 0.5, `${what} (${Math.round(b.x)},${Math.round(b.y)} ${Math.round(b.width)}×${Math.round(b.height)}) lies inside the ${vp.width}×${vp.height} window`);
}

/** Nothing in the window's page runs off its right edge (no horizontal scroll of the page). */
async function assertNoHorizontalClip(frame: FrameLocator, what: string): Promise<void> {
  const { scroll, client } = await frame.locator('body').evaluate((body) => ({ scroll: body.ownerDocument.documentElement.scrollWidth, client: body.ownerDocument.documentElement.clientWidth }));
  assert.ok(scroll <= client, `${what}: the page is ${scroll} px wide in a ${client} px window`);
}

/** The host window's scrolling body (data-testid="window-body") shows its content's full width: no column cut off at its right edge. */
async function assertBodyFitsWidth(what: string): Promise<void> {
  const body = await hostWindow().getByTestId('window-body').evaluate((el) => {
    const right = el.getBoundingClientRect().left + el.clientWidth;
    // What sticks out, to say which part is cut off.
    const over = Array.from(el.querySelectorAll('*'))
      .filter((c) => c.getBoundingClientRect().right > right + 1)
      .slice(0, 3)
      .map((c) => `${c.tagName.toLowerCase()}${c.getAttribute('aria-label') ? `[${c.getAttribute('aria-label')}]` : ''} "${(c.textContent ?? '').slice(0, 30)}"`);
    return { scroll: el.scrollWidth, client: el.clientWidth, over };
  });
  assert.ok(body.scroll <= body.client + 1, `${what} is ${body.scroll} px wide in a ${body.client} px window body (${body.over.join('; ')})`);
}

/**
 * `region`'s columns fit inside it in every frame of its first 1.5 s: the rows arrive and a
 * vertical scroll bar appears meanwhile, which a table laid out for the width before it overran.
 */
async function assertNoHorizontalScroll(region: Locator, what: string): Promise<void> {
  const frames = await region.evaluate(async (el) => {
    const seen: string[] = [];
    const until = performance.now() + 1500;
    while (performance.now() < until) {
      await new Promise((r) => requestAnimationFrame(r));
      if (el.scrollWidth > el.clientWidth) seen.push(`${el.scrollWidth} px in ${el.clientWidth} px`);
    }
    return seen;
  });
  assert.equal(frames.length, 0, `${what} scrolls sideways in ${frames.length} frames (${frames.slice(0, 3).join('; ')})`);
}

async function panelWidth(): Promise<number> {
  return (await box(shell.page.locator('aside[aria-label$="panel"]'), 'the panel')).width;
}

/** A window a failed step left open would block the next one (windows are modal). */
async function closeLeftWindow(): Promise<void> {
  const left = shell.page.locator('[data-host-window]');
  if ((await left.count()) === 0) return;
  await left.getByRole('button', { name: /^Close / }).first().click();
  await left.waitFor({ state: 'detached', timeout: 10_000 });
}

test('setup: install, connect', step(async () => {
  await openShell();
  await installAddin();
  await openIntegrations();
  await connect('OfficeTools Workspace', 'the company is connected');
}));

for (const size of SIZES) {
  const at = `${size.width}x${size.height}`;

  test(`${at}: the Integration window opens over the workspace, fits, keeps its place between tabs, and its footer stays in view`, step(async () => {
    await closeLeftWindow();
    await shell.page.setViewportSize(size);
    await openMenu('Setup', 'QuickBooks Online', 'Contacts Sync');
    await hostWindow().getByRole('tab', { name: 'Contact Match' }).waitFor();
    await assertInViewport(hostWindowBox(), 'the Integration window');
    assert.ok((await panelWidth()) <= PANEL_MAX_WIDTH, 'the panel keeps its normal width');
    await eventually(async () => (await panel().getByText('QuickBooks Online Integration is open in its own window.').count()) > 0, 'the panel says the window is open');
    await eventually(async () => (await hostWindow().getByRole('grid').count()) > 0 || (await hostWindow().getByRole('listbox').count()) > 0, 'the Contact Match lists', 40_000);
    const first = await box(hostWindowBox(), 'the window');
    for (const tab of ['Contact Match', 'Employee Match', 'Work Code Match', 'Expense Code Match', 'Account Defaults']) {
      await hostWindow().getByRole('tab', { name: tab }).click();
      await assertInViewport(hostWindow().getByTestId('window-footer'), `the footer on ${tab}`);
      const close = hostWindow().getByRole('button', { name: 'Close', exact: true }).or(hostWindow().getByRole('button', { name: 'Cancel', exact: true }));
      await assertInViewport(close.first(), `Close or Cancel on ${tab}`);
      await assertNoHorizontalClip(hostWindow(), tab);
      if (tab.endsWith('Match')) {
        // The two lists scroll inside themselves; the window's body has no scroll of its own.
        const body = await hostWindow().getByTestId('window-body').evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
        assert.ok(body.scroll <= body.client + 1, `${tab}: the tab fits the window (${body.scroll} px of content in ${body.client} px)`);
      }
      const now = await box(hostWindowBox(), 'the window');
      assert.deepEqual([now.x, now.y, now.width, now.height], [first.x, first.y, first.width, first.height], `the window keeps its place on ${tab}`);
      await shot(`${at}-integration-${tab.toLowerCase().replace(/ /g, '-')}`);
    }
    await hostWindow().getByRole('button', { name: 'Close', exact: true }).click();
    await hostWindowBox().waitFor({ state: 'detached' });
    await eventually(async () => (await panel().getByText('QuickBooks Online Integration was closed.').count()) > 0, 'the panel says the window closed');
    // The workspace fills the window as a desktop application does: its lists and the panel scroll
    // inside themselves, the page itself never (a page scroll bar moved the whole shell).
    const page = await shell.page.evaluate(() => ({ scroll: document.scrollingElement?.scrollHeight ?? 0, client: innerHeight, wide: document.scrollingElement?.scrollWidth ?? 0, width: innerWidth }));
    assert.ok(page.scroll <= page.client && page.wide <= page.width, `the shell page does not scroll (${page.wide}×${page.scroll} px of page in a ${page.width}×${page.client} window)`);
    await shot(`${at}-integration-closed`);
  }));

  test(`${at}: Invoice Export opens as a window with Close in view; the panel stays narrow`, step(async () => {
    await closeLeftWindow();
    await shell.page.setViewportSize(size);
    await openMenu('Setup', 'QuickBooks Online', 'Time & Billing', 'Export Invoices');
    const list = hostWindow().getByRole('region', { name: 'OfficeTools invoices' });
    await list.waitFor({ timeout: 40_000 });
    await assertNoHorizontalScroll(list, 'the invoice list');
    await hostWindow().getByRole('button', { name: 'Export Selected' }).waitFor({ timeout: 40_000 });
    await assertInViewport(hostWindowBox(), 'the Invoice Export window');
    await assertInViewport(hostWindow().getByRole('button', { name: 'Close', exact: true }), 'Close');
    await assertInViewport(hostWindow().getByRole('button', { name: 'Export Selected' }), 'Export Selected');
    await assertNoHorizontalClip(hostWindow(), 'Invoice Export');
    assert.ok((await panelWidth()) <= PANEL_MAX_WIDTH, 'the panel keeps its normal width');
    await assertNoHorizontalClip(panel(), 'the panel beside Invoice Export');
    await shot(`${at}-invoice-export`);
    // The column headers stay in view while the list scrolls under them.
    await list.evaluate((el) => el.scrollTo(0, 400));
    await eventually(async () => (await list.evaluate((el) => el.scrollTop)) > 0, 'the invoice list scrolled');
    const [listBox, header] = [await box(list, 'the invoice list'), await box(list.getByRole('columnheader', { name: 'Number' }), 'the Number header')];
    assert.ok(header.y >= listBox.y - 0.5 && header.y + header.height <= listBox.y + listBox.height, 'the Number header is still in the list after scrolling');
    await shot(`${at}-invoice-export-scrolled`);
    // Escape in the shell's part of the window (its title bar) closes it too.
    await shell.page.getByRole('button', { name: 'Close Invoice Export' }).focus();
    await shell.page.keyboard.press('Escape');
    await hostWindowBox().waitFor({ state: 'detached' });
    await shot(`${at}-invoice-export-closed`);
  }));

  test(`${at}: Reconcile opens as a window; its tables scroll inside it and Close stays in view`, step(async () => {
    await closeLeftWindow();
    await shell.page.setViewportSize(size);
    await openMenu('Setup', 'QuickBooks Online', 'Time & Billing', 'Reconcile with QuickBooks Online');
    const compare = hostWindow().getByRole('button', { name: 'Compare' });
    await compare.waitFor({ timeout: 40_000 });
    await assertInViewport(hostWindowBox(), 'the Reconcile window');
    assert.ok((await panelWidth()) <= PANEL_MAX_WIDTH, 'the panel keeps its normal width');
    await eventually(async () => (await panel().getByText('Reconcile with QuickBooks Online is open in its own window.').count()) > 0, 'the panel says the window is open');
    await compare.click();
    await hostWindow().getByRole('table', { name: 'Totals' }).waitFor({ timeout: 60_000 });
    await assertInViewport(hostWindow().getByRole('button', { name: 'Close', exact: true }), 'Close under the clients');
    await assertInViewport(hostWindow().getByRole('table', { name: 'Totals' }), 'the totals');
    await assertNoHorizontalClip(hostWindow(), 'Reconcile');
    await assertBodyFitsWidth('the clients table');
    await shot(`${at}-reconcile-clients`);
    // One client's documents, the widest table (twelve columns).
    const client = hostWindow().getByRole('button', { name: /^Show the documents of / }).first();
    await client.waitFor();
    await client.click();
    await hostWindow().getByRole('table', { name: 'Documents' }).waitFor();
    await assertInViewport(hostWindow().getByRole('button', { name: 'Close', exact: true }), 'Close under the documents');
    await assertInViewport(hostWindow().getByRole('button', { name: 'Back to all clients' }), 'Back to all clients');
    await assertNoHorizontalClip(hostWindow(), 'Reconcile documents');
    await assertBodyFitsWidth('the documents table');
    await shot(`${at}-reconcile-documents`);
    await hostWindow().getByRole('button', { name: 'Close', exact: true }).click();
    await hostWindowBox().waitFor({ state: 'detached' });
    await eventually(async () => (await panel().getByText('Reconcile with QuickBooks Online was closed.').count()) > 0, 'the panel says the window closed');
  }));
}

test('the Locale chosen in the shell reaches the add-in: day-first dates in en-GB', step(async () => {
  await closeLeftWindow();
  await shell.page.setViewportSize(SIZES[0]);
  const year = new Date().getFullYear();
  await shell.page.getByRole('combobox', { name: 'Locale' }).selectOption({ label: 'English (United Kingdom)' });
  try {
    await openMenu('Setup', 'QuickBooks Online', 'Time & Billing', 'Reconcile with QuickBooks Online');
    const to = hostWindow().getByRole('combobox', { name: 'To' });
    await to.waitFor({ timeout: 40_000 });
    assert.equal(await to.inputValue(), `31/12/${year}`);
    await shot('locale-en-GB-reconcile');
    await hostWindow().getByRole('button', { name: 'Close', exact: true }).click();
    await hostWindowBox().waitFor({ state: 'detached' });
  } finally {
    await shell.page.getByRole('combobox', { name: 'Locale' }).selectOption({ label: 'English (United States)' });
  }
}));
