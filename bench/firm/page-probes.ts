/**
 * In-page timings for the firm benchmark (same clock as bench/match/in-page-probes.ts: epoch
 * milliseconds from performance.timeOrigin + now(), comparable across the pages and frames of
 * one browser). Scripts are source text because tsx's keepNames helper does not exist in pages.
 */
import type { BrowserContext, Frame, Page } from 'playwright-core';

const PANEL = 'Contact Match';

/**
 * For a panel frame that does not exist yet (a fresh browser context): an init script that runs
 * in every frame before the page's own scripts and, in the add-in's taskpane, records when both
 * lists of the Contact Match tab first show rows (after the frame holding them was painted), and
 * how many of the rendered left rows say they are linked at that moment.
 */
const ROWS_SHOWN_INIT = `(function (panel) {
  if (!/\\/taskpane\\.html$/.test(location.pathname)) return;
  var w = window;
  function check() {
    var boxes = document.querySelectorAll('[role="tabpanel"][aria-label="' + panel + '"] [role="listbox"]');
    if (boxes.length < 2) return null;
    var l = boxes[0].querySelectorAll('[role="option"][data-id]');
    var r = boxes[1].querySelector('[role="option"][data-id]');
    if (!l.length || !r) return null;
    var linked = 0;
    for (var i = 0; i < l.length; i++) if ((l[i].getAttribute('title') || '').indexOf(' — linked to ') >= 0) linked++;
    return { rendered: l.length, linked: linked };
  }
  var observer = new MutationObserver(function () {
    var d = check();
    if (!d) return;
    observer.disconnect();
    requestAnimationFrame(function () {
      requestAnimationFrame(function () { w.__firmRowsShown = { at: performance.timeOrigin + performance.now(), rendered: d.rendered, linked: d.linked }; });
    });
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-id'] });
})`;

export async function installRowsShownProbe(context: BrowserContext): Promise<void> {
  await context.addInitScript(`${ROWS_SHOWN_INIT}(${JSON.stringify(PANEL)})`);
}

export interface RowsShown {
  at: number;
  rendered: number;
  linked: number;
}

/** Waits for the init script's record in the panel frame. */
export async function rowsShown(frame: Frame, timeoutMs: number): Promise<RowsShown> {
  const handle = await frame.waitForFunction(() => (window as unknown as { __firmRowsShown?: RowsShown }).__firmRowsShown, undefined, { timeout: timeoutMs, polling: 50 });
  return (await handle.jsonValue()) as RowsShown;
}

/**
 * Waits for the init script's record in whichever add-in frame of the page shows the tab (the
 * Integration window is a host window: a frame of its own, made when it opens). Frames that
 * recorded before `since` (epoch ms; a window left from an earlier open) do not count.
 */
export async function rowsShownInPage(page: Page, addinUrl: string, timeoutMs: number, since = 0): Promise<RowsShown & { frame: Frame }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames().filter((f) => f.url().startsWith(`${addinUrl}/`))) {
      const got = await frame.evaluate(() => (window as unknown as { __firmRowsShown?: RowsShown }).__firmRowsShown).catch(() => undefined);
      if (got && got.at >= since) return { ...got, frame };
    }
    if (Date.now() > deadline) throw new Error(`the ${PANEL} tab did not show rows in any add-in frame within ${timeoutMs} ms`);
    await page.waitForTimeout(50);
  }
}

/** Arms, in an open panel, a wait for the left row `contactId` to say it is linked; await the result for when it was painted. */
const ROW_LINKED = `(function (panel, id, timeoutMs) {
  var w = window;
  function linked() {
    var box = document.querySelector('[role="tabpanel"][aria-label="' + panel + '"] [role="listbox"]');
    var row = box && box.querySelector('[role="option"][data-id="' + CSS.escape(id) + '"]');
    return !!row && (row.getAttribute('title') || '').indexOf(' — linked to ') >= 0;
  }
  w.__firmRowLinked = new Promise(function (resolve, reject) {
    var observer;
    var done = function () {
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(function () { requestAnimationFrame(function () { resolve(performance.timeOrigin + performance.now()); }); });
    };
    var timer = setTimeout(function () { observer.disconnect(); reject(new Error('contact ' + id + ' was not shown linked within ' + timeoutMs + ' ms')); }, timeoutMs);
    observer = new MutationObserver(function () { if (linked()) done(); });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['title', 'data-id'] });
  });
  w.__firmRowLinked.catch(function () {});
})`;

export async function armRowLinked(frame: Frame, contactId: string, timeoutMs: number): Promise<() => Promise<number>> {
  await frame.evaluate(`${ROW_LINKED}(${JSON.stringify(PANEL)}, ${JSON.stringify(contactId)}, ${JSON.stringify(timeoutMs)})`);
  return () => frame.evaluate(() => (window as unknown as { __firmRowLinked: Promise<number> }).__firmRowLinked);
}

export interface RequestSpan {
  /** What the requests were (e.g. `pull`). */
  what: string;
  count: number;
  /** Epoch ms of the first request's start and the last answer's end. */
  from: number;
  to: number;
}

/** Where the time of an open went: the panel's requests to the proxy grouped by kind (Resource Timing). */
export async function requestSpans(frame: Frame): Promise<RequestSpan[]> {
  const entries = await frame.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => ({ name: e.name, start: performance.timeOrigin + e.startTime, end: performance.timeOrigin + (e as PerformanceResourceTiming).responseEnd })),
  );
  const kinds: Array<[string, RegExp]> = [
    ['pull', /\/api\/firm\/[^/]+\/changes\?/],
    ['qbo', /\/api\/qbo\//],
    ['status', /\/api\/status/],
    ['events', /\/api\/events/],
  ];
  const spans: RequestSpan[] = [];
  for (const [what, re] of kinds) {
    const mine = entries.filter((e) => re.test(e.name));
    if (mine.length === 0) continue;
    spans.push({ what, count: mine.length, from: Math.min(...mine.map((e) => e.start)), to: Math.max(...mine.map((e) => e.end)) });
  }
  return spans;
}

/**
 * Waits until the tab's lists are complete (the Match tab shows rows while its QuickBooks list
 * still arrives, saying so; the link counts replace that line once every page is in); resolves
 * with when that was seen (epoch ms, polled every 50 ms).
 */
export async function listsComplete(frame: Frame, timeoutMs: number): Promise<number> {
  await frame.waitForFunction(
    (panel) => /^OfficeTools: /.test(document.querySelector(`[role="tabpanel"][aria-label="${panel}"] [role="status"][aria-label="Link counts"]`)?.textContent ?? ''),
    PANEL,
    { timeout: timeoutMs, polling: 50 },
  );
  return frame.evaluate(() => performance.timeOrigin + performance.now());
}
