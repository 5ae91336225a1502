/**
 * Accessibility end to end (issue 12, point 3): every panel view a menu command opens (the
 * protocol's PANEL_VIEWS) is opened in the real shell, connected to the sandbox's US company,
 * at 1366×768, and axe-core must find no serious or critical violation in it. Then the same
 * for a Match tab and Invoice Export under the host's dark and high-contrast themes, switched
 * from the shell's own Theme control, and the browser's forced colours or "more contrast" win
 * over the host's theme. The shell's own screens follow its Theme as well. One screenshot per
 * view in test-results/e2e/accessibility/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { PANEL_VIEWS, type PanelView } from '../../src/sync/host/protocol';
import { seriousViolations, type AxeViolation } from '../../bench/panel/axe-check';
import { closeHostWindow, showView } from '../../bench/panel/panel-steps';
import { ShellSession } from './support/shell-session';

const shell = new ShellSession('accessibility', { width: 1366, height: 768 });
const { openShell, installAddin, openIntegrations, connect, step, shot } = shell;

before(shell.start);
after(async () => {
  await closeHostWindow(shell.page).catch(() => undefined);
  await shell.stop();
});

function describeFound(found: AxeViolation[]): string {
  return found.map((v) => `${v.id} (${v.impact}, ${v.nodes} nodes: ${v.targets.join(' | ')}; ${v.summary})`).join('\n  ');
}

/**
 * Opens `view` from the shell's menu, keeps a picture of it, and returns what axe finds in the
 * add-in frames that show it (the panel, and the host window when the view opens in one).
 */
async function check(view: PanelView, picture: string): Promise<{ failures: string[]; frames: Frame[] }> {
  const shown = await showView(shell.page, shell.stack.addinUrl, view);
  const frames = { panel: shown.panel, window: shown.window };
  await shot(picture);
  const failures: string[] = [];
  for (const [where, frame] of Object.entries(frames)) {
    if (!frame) continue;
    const found = await seriousViolations(frame);
    if (found.length) failures.push(`${view} (${where}):\n  ${describeFound(found)}`);
  }
  return { failures, frames: Object.values(frames).filter((f): f is Frame => f !== undefined) };
}

test('install the add-in and connect to the US company', step(async () => {
  await openShell();
  await installAddin();
  await openIntegrations();
  await connect('OfficeTools Workspace', 'connected to the US company');
}));

test('no serious or critical axe violation on any view (light theme)', step(async () => {
  const failures: string[] = [];
  for (const view of PANEL_VIEWS) failures.push(...(await check(view, view)).failures);
  assert.deepEqual(failures, [], `axe found serious or critical violations:\n${failures.join('\n')}`);
}));

for (const theme of ['Dark', 'High contrast'] as const) {
  test(`no serious or critical axe violation under the ${theme.toLowerCase()} theme`, step(async () => {
    await closeHostWindow(shell.page);
    await shell.page.getByRole('combobox', { name: 'Theme' }).selectOption({ label: theme });
    const failures: string[] = [];
    for (const view of ['integrations', 'contactMatch', 'exportInvoices'] as const) {
      const checked = await check(view, `${theme}-${view}`);
      failures.push(...checked.failures);
      // The add-in paints with the theme the shell sent: its pages' background is no longer white.
      for (const frame of checked.frames) {
        const background = await frame.evaluate(() => getComputedStyle(document.body).backgroundColor);
        assert.notEqual(background, 'rgb(255, 255, 255)', `${view} under the ${theme} theme has a white page background`);
      }
    }
    // The shell's own screens follow its Theme too.
    await closeHostWindow(shell.page);
    const shellBackground = await shell.page.locator('main').evaluate((el) => getComputedStyle(el).backgroundColor);
    assert.notEqual(shellBackground, 'rgb(255, 255, 255)', `the shell's own screen under the ${theme} theme is white`);
    await shot(`${theme}-shell`);
    assert.deepEqual(failures, [], `axe found serious or critical violations under the ${theme} theme:\n${failures.join('\n')}`);
  }));
}

test('the browser asking for forced colours or more contrast wins over the host theme', step(async () => {
  await closeHostWindow(shell.page);
  await shell.page.getByRole('combobox', { name: 'Theme' }).selectOption({ label: 'Light' });
  assert.equal(await shell.page.locator('main').evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(255, 255, 255)', 'the shell is light again');
  const { panel } = await showView(shell.page, shell.stack.addinUrl, 'integrations');
  const painted = () => panel.evaluate(() => document.body.dataset.theme);
  assert.equal(await painted(), 'light');
  await shell.page.emulateMedia({ forcedColors: 'active' });
  await shell.eventually(async () => (await painted()) === 'highContrast', 'the panel switched to high contrast for forced colours');
  await shell.page.emulateMedia({ forcedColors: 'none', contrast: 'more' });
  await shell.eventually(async () => (await painted()) === 'highContrast', 'the panel kept high contrast for prefers-contrast: more');
  await shell.page.emulateMedia({ contrast: 'no-preference' });
  await shell.eventually(async () => (await painted()) === 'light', 'the panel went back to the host theme');
}));
