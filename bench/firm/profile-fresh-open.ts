/**
 * A profiling loop for the firm benchmark's fresh open (`firm.replicate20k.ms`), for working on
 * it rather than measuring it: the stack keeps its data folder between runs, so the 20,000
 * contacts, customers and links are seeded and pushed once, and each run only rebuilds the
 * add-in, restarts the stack and opens Contact Match in fresh browser contexts, printing every
 * request and panel mark on the click's clock.
 *
 *   npx tsx bench/firm/profile-fresh-open.ts [--opens N] [--no-build] [--data DIR] [--addin DIR]
 *
 * `--addin DIR` serves an add-in built elsewhere (e.g. from another commit, to compare two
 * builds in the same conditions); it implies --no-build.
 */
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_REALMS } from '../../dev/qbo-sandbox/demo-companies';
import type { Contact } from '../../src/sync/host/protocol';
import { startStack } from '../../test/e2e/support/stack';
import { CHROMIUM_FLAGS, findChromium } from '../../test/support/chromium';
import { sandboxAdmin, shellAdmin } from '../match/sandbox-admin';
import { build, productionConfig } from '../support/webpack-build';
import { allCustomers, firmApi, identityToken, pairsLeavingTopFree } from './firm-links';
import { formatTimeline, panelMarks, recordTimeline } from './open-timeline';
import { installRowsShownProbe, rowsShownInPage } from './page-probes';
import { clickContactsSync, connectFirm, contextFor, installAddin, openShell, panelFrame } from './shell-ui';

const LINKS = 20_000;
const SPARE = 16;
const REALM = DEMO_REALMS.us;
const PAT = { id: 'u-pat', name: 'Pat Lee' };

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
}

async function main(): Promise<void> {
  const dataDir = arg('--data') ?? path.join(tmpdir(), 'firm-profile-data');
  const given = arg('--addin');
  const addinDir = given ?? path.join(tmpdir(), 'firm-profile-addin');
  const opens = Number(arg('--opens') ?? 3);
  if (!given && (!process.argv.includes('--no-build') || !existsSync(addinDir))) {
    const started = performance.now();
    const config = await productionConfig('addin');
    await build({ ...config, output: { ...config.output, path: addinDir } });
    console.log(`add-in built in ${Math.round(performance.now() - started)} ms`);
  }
  const ready = path.join(dataDir, 'profile-ready');
  const first = !existsSync(ready);
  mkdirSync(dataDir, { recursive: true });
  const stack = await startStack({ dataDir, fresh: first, timeoutMs: 120_000, env: { ADDIN_STATIC_DIR: addinDir } });
  const browser = await chromium.launch({ executablePath: await findChromium(), args: CHROMIUM_FLAGS.filter((f) => f !== '--headless'), headless: true });
  try {
    if (first) {
      const sandbox = sandboxAdmin(stack.sandboxUrl);
      const shell = shellAdmin(stack.shellUrl);
      await shell.seedContacts(LINKS + SPARE - (await shell.contacts()).length);
      const token = await sandbox.accessToken(REALM);
      await sandbox.seedCustomers(REALM, LINKS + SPARE - (await allCustomers(stack.sandboxUrl, REALM, token)).length);
      const contacts = (await shell.contacts()) as Contact[];
      const customers = await allCustomers(stack.sandboxUrl, REALM, token);
      const context = await contextFor(browser, stack.shellUrl, PAT.id);
      const page = await context.newPage();
      await openShell(page, stack.shellUrl);
      await installAddin(page);
      await connectFirm(page);
      await context.close();
      const api = firmApi(stack.addinUrl, REALM, () => identityToken(stack.shellUrl, stack.addinUrl, PAT.id));
      await api.pushLinks(pairsLeavingTopFree(contacts, customers, LINKS, SPARE), PAT.name);
      writeFileSync(ready, new Date().toISOString());
      console.log(`seeded ${contacts.length} contacts, ${customers.length} customers, ${LINKS} links`);
    }
    const times: number[] = [];
    for (let i = 0; i < opens; i++) {
      const context = await contextFor(browser, stack.shellUrl, PAT.id);
      await installRowsShownProbe(context);
      const page = await context.newPage();
      await openShell(page, stack.shellUrl);
      await page.waitForTimeout(500);
      const timeline = recordTimeline(context);
      const clickedAt = await clickContactsSync(page);
      const frame = await panelFrame(page, stack.addinUrl);
      const shown = await rowsShownInPage(page, stack.addinUrl, 40_000).catch(async (e: unknown) => {
        const entries = [...(await timeline.entries()), ...(await panelMarks(frame))];
        console.log(formatTimeline(entries, clickedAt));
        console.log((await frame.locator('body').innerText()).slice(0, 1500));
        throw e;
      });
      await page.waitForTimeout(200);
      timeline.stop();
      const marks = async (f: typeof frame, who: string) => (await panelMarks(f)).map((m) => ({ ...m, what: `${who} ${m.what}` }));
      const entries = [...(await timeline.entries()), ...(await marks(frame, 'panel')), ...(shown.frame === frame ? [] : await marks(shown.frame, 'window')), { what: `ROWS SHOWN (${shown.linked}/${shown.rendered} linked)`, start: shown.at, end: shown.at }];
      times.push(shown.at - clickedAt);
      console.log(`open ${i + 1}: ${Math.round(shown.at - clickedAt)} ms\n${formatTimeline(entries.filter((e) => e.end >= clickedAt - 50), clickedAt)}`);
      await context.close();
    }
    console.log(`fresh opens: ${times.map(Math.round).join(', ')} ms`);
  } finally {
    await browser.close();
    await stack.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
