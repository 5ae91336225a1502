/**
 * The README's pictures of each view (docs/screenshots/<view>.png): the product built and started
 * as `npm start` starts it (fresh demo data, free ports), the add-in installed and connected to
 * the sandbox's US company, each view opened from the shell's menu at 1366×768, plus the Contact
 * Match tab in the dark and high-contrast themes. With `pngquant` on the PATH the pictures are
 * reduced to a 256-colour palette, which keeps each well under 150 KB.
 *
 *   npx tsx scripts/readme-screenshots.ts
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { closeHostWindow, connectPanel, showView } from '../bench/panel/panel-steps';
import { PANEL_VIEWS, type PanelView } from '../src/sync/host/protocol';
import { startStack, type Stack } from '../test/e2e/support/stack';
import { CHROMIUM_FLAGS, findChromium } from '../test/support/chromium';
import { buildIfChanged } from './build';

const OUT = path.resolve(__dirname, '..', 'docs', 'screenshots');
const VIEWPORT = { width: 1366, height: 768 };

async function picture(page: Page, stack: Stack, view: PanelView, file: string): Promise<string> {
  const shown = await showView(page, stack.addinUrl, view);
  if (view === 'reconcile' && shown.window) {
    // Reconcile opens on an empty period form: compare this year's books so the picture shows the report.
    await shown.window.getByRole('button', { name: 'Compare' }).click();
    await shown.window.getByRole('table', { name: 'Totals' }).waitFor({ timeout: 60_000 });
  }
  // The mouse stays off the lists, so no row shows a hover colour.
  await page.mouse.move(0, VIEWPORT.height - 1);
  const target = path.join(OUT, `${file}.png`);
  await page.screenshot({ path: target });
  return target;
}

function shrink(files: string[]): void {
  const probe = spawnSync('pngquant', ['--version'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    console.log('pngquant is not installed: the pictures stay as Chromium wrote them (apt-get install pngquant to shrink them).');
    return;
  }
  const run = spawnSync('pngquant', ['--force', '--skip-if-larger', '--ext', '.png', '--quality', '70-95', '--', ...files], { stdio: 'inherit' });
  // 99: the quality floor could not be met for a picture; it is left as it was.
  if (run.status !== 0 && run.status !== 99) throw new Error(`pngquant failed with exit code ${run.status}`);
}

async function main(): Promise<void> {
  const built = await buildIfChanged(['addin', 'shell']);
  if (built.built) console.log(`built dist/ (${built.reason})`);
  mkdirSync(OUT, { recursive: true });
  const stack = await startStack({ timeoutMs: 120_000 });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: await findChromium(), args: CHROMIUM_FLAGS.filter((f) => f !== '--headless'), headless: true });
    const page = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
    await connectPanel(page, stack);
    const files: string[] = [];
    for (const view of PANEL_VIEWS) files.push(await picture(page, stack, view, view));
    for (const [label, file] of [
      ['Dark', 'contactMatch-dark'],
      ['High contrast', 'contactMatch-high-contrast'],
    ] as const) {
      await closeHostWindow(page);
      await page.getByRole('combobox', { name: 'Theme' }).selectOption({ label });
      files.push(await picture(page, stack, 'contactMatch', file));
    }
    shrink(files);
    for (const f of files) console.log(`${path.relative(process.cwd(), f)}: ${(statSync(f).size / 1024).toFixed(0)} KB`);
  } finally {
    await browser?.close().catch(() => undefined);
    await stack.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
