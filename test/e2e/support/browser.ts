/**
 * A real Chromium driven by playwright-core, with a screenshot helper that numbers the steps
 * of a scenario into test-results/e2e/<scenario>/ (named in the README).
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { CHROMIUM_FLAGS, findChromium } from '../../support/chromium';

export const SCREENSHOT_ROOT = path.resolve(__dirname, '../../../test-results/e2e');

/**
 * `showScrollbars`: scroll bars take their room as in a desktop browser. Headless Chromium
 * (playwright's --hide-scrollbars) draws none and gives them no width, so a layout check could not
 * see a table that a vertical bar pushes past its box's right edge.
 */
export async function launchBrowser(opts: { showScrollbars?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: await findChromium(),
    args: CHROMIUM_FLAGS.filter((f) => f !== '--headless'),
    headless: true,
    ...(opts.showScrollbars ? { ignoreDefaultArgs: ['--hide-scrollbars'] } : {}),
  });
}

export function screenshotter(scenario: string) {
  const dir = path.join(SCREENSHOT_ROOT, scenario);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let n = 0;
  return async (page: Page, step: string): Promise<string> => {
    n += 1;
    const file = path.join(dir, `${String(n).padStart(2, '0')}-${step.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`);
    await page.screenshot({ path: file, fullPage: false });
    return file;
  };
}
