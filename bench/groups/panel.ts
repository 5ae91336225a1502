/**
 * `npm run bench -- panel` (issue 12, load budget and accessibility): the add-in built from the
 * working tree into a temp folder, served by the real proxy beside the shell and the sandbox
 * (`startStack`), opened in headless Chromium at 1400×900.
 *
 * - `panel.initial.gz.kb`: gzipped size (zlib default level) of the JavaScript files the panel
 *   frame had fetched by its first contentful paint (Resource Timing), connected panel.
 * - `panel.firstPaint.ms`: frame navigation start → first contentful paint (PerformanceObserver
 *   in the frame), median of reloads of the connected panel.
 * - `panel.internetRequests`: requests from any page or frame to a host other than
 *   127.0.0.1/localhost while installing, connecting and opening every view.
 * - `panel.axe.violations`: serious + critical axe-core rules violated, summed over the views
 *   (Integrations, Account Defaults, the four Match tabs, the three billing views, Reconcile,
 *   Sync History), each opened from the shell's menu and checked in the panel and in the host
 *   window it opens in (test/e2e/accessibility.test.ts fails on any).
 * - `panel.csp.violations`: Content-Security-Policy violations the add-in's frames reported
 *   meanwhile (the pages' policy is strict: see src/proxy/static-files.ts). A control at the
 *   end adds an inline script to the panel and requires it to be refused and reported.
 *
 * dist/shell is built when missing or stale (scripts/build.ts), so a fresh clone needs nothing
 * but `npm install`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { buildIfChanged } from '../../scripts/build';
import { PANEL_VIEWS, type PanelView } from '../../src/sync/host/protocol';
import { startStack, type Stack } from '../../test/e2e/support/stack';
import { CHROMIUM_FLAGS, findChromium } from '../../test/support/chromium';
import type { Metric } from '../metric';
import { seriousViolations } from '../panel/axe-check';
import { closeHostWindow, connectPanel, openView, showView } from '../panel/panel-steps';
import { checkCspProbe, collectCspViolations, cspViolations, readFirstPaint } from '../panel/page-probes';
import { build, productionConfig } from '../support/webpack-build';

const RELOADS = 5;
/** Every view a menu command opens (the protocol's list). */
const VIEWS: readonly PanelView[] = PANEL_VIEWS;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function isLocal(url: string): boolean {
  if (!/^https?:|^wss?:/.test(url)) return true; // data:, blob:, about: stay in the browser
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

export async function run(): Promise<Metric[]> {
  const addinDir = mkdtempSync(path.join(tmpdir(), 'bench-panel-addin-'));
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  try {
    const shellBuild = await buildIfChanged(['shell']);
    if (shellBuild.built) console.log(`  built dist/shell (${shellBuild.reason})`);
    const config = await productionConfig('addin');
    await build({ ...config, output: { ...config.output, path: addinDir } });
    const gz = (urlPath: string): number => gzipSync(readFileSync(path.join(addinDir, path.basename(urlPath)))).length;

    stack = await startStack({ timeoutMs: 120_000, env: { ADDIN_STATIC_DIR: addinDir } });
    browser = await chromium.launch({ executablePath: await findChromium(), args: CHROMIUM_FLAGS.filter((f) => f !== '--headless'), headless: true });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const internet: string[] = [];
    context.on('request', (req) => {
      if (!isLocal(req.url())) internet.push(`${req.method()} ${req.url()}`);
    });
    await collectCspViolations(context);
    const page = await context.newPage();
    const consoleCsp: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) consoleCsp.push(m.text().slice(0, 300));
    });

    const frame = await connectPanel(page, stack);
    const csp: string[] = [];

    // First paint and what it needed: reloads of the connected panel at its Integrations view.
    const paints: number[] = [];
    let initialKb = 0;
    let initialFiles: string[] = [];
    for (let i = 0; i < RELOADS; i++) {
      await openView(frame, 'integrations');
      const reading = await readFirstPaint(frame);
      paints.push(reading.firstPaintMs);
      initialFiles = reading.scriptsBeforePaint;
      initialKb = initialFiles.reduce((sum, f) => sum + gz(f), 0) / 1024;
      csp.push(...(await cspViolations(frame)));
    }
    console.log(`  first paint: ${paints.map((p) => Math.round(p)).join(', ')} ms; before it: ${initialFiles.join(', ')} (${initialKb.toFixed(1)} KB gzipped)`);

    let axeTotal = 0;
    let panelNow = frame;
    const axeNotes: string[] = [];
    for (const view of VIEWS) {
      // From the shell's menu, as a user opens it: the Integration and billing windows open in host windows.
      const shown = await showView(page, stack.addinUrl, view);
      panelNow = shown.panel;
      const found = [];
      for (const f of [shown.panel, shown.window]) {
        if (!f) continue;
        found.push(...(await seriousViolations(f)));
        csp.push(...(await cspViolations(f)));
      }
      axeTotal += found.length;
      console.log(`  ${view}: ${found.length ? found.map((v) => `${v.id} (${v.impact}, ${v.nodes} nodes: ${v.targets.join(' | ')})`).join('; ') : 'no serious or critical axe violation'}`);
      if (found.length) axeNotes.push(`${view}: ${found.map((v) => v.id).join(', ')}`);
    }
    await closeHostWindow(page);
    const allCsp = [...new Set([...csp, ...consoleCsp])];
    // Counted above; the control's own violation comes after.
    await checkCspProbe(panelNow);
    if (allCsp.length) console.log(`  CSP violations: ${allCsp.join(' | ')}`);
    if (internet.length) console.log(`  requests off the machine: ${internet.slice(0, 10).join(' | ')}`);

    const round1 = (x: number) => Math.round(x * 10) / 10;
    return [
      { name: 'panel.initial.gz.kb', value: round1(initialKb), unit: 'KB', note: `budget 200; ${initialFiles.map((f) => path.basename(f)).join(', ')}` },
      { name: 'panel.firstPaint.ms', value: Math.round(median(paints)), unit: 'ms', note: `budget 1000; median of ${RELOADS} reloads, max ${Math.round(Math.max(...paints))}` },
      { name: 'panel.internetRequests', value: internet.length, unit: 'requests', note: internet.length ? internet.slice(0, 3).join(' | ') : 'install, connect and every view' },
      { name: 'panel.axe.violations', value: axeTotal, unit: 'violations', note: axeNotes.length ? axeNotes.join('; ').slice(0, 400) : `serious + critical over ${VIEWS.length} views` },
      { name: 'panel.csp.violations', value: allCsp.length, unit: 'violations', note: allCsp.length ? allCsp.slice(0, 3).join(' | ') : 'strict policy on every add-in page' },
    ];
  } finally {
    await browser?.close().catch(() => undefined);
    await stack?.stop().catch(() => undefined);
    rmSync(addinDir, { recursive: true, force: true });
  }
}
