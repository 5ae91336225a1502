/**
 * Timings taken inside the panel page, so that Playwright's own round trips are not measured:
 * a probe is armed before the user's action, the action is a real Playwright click, and the
 * probe resolves when a MutationObserver sees the expected DOM and two animation frames have
 * passed (the second rAF runs after the frame holding the change was painted).
 *
 * Times are epoch milliseconds at sub-millisecond resolution (performance.timeOrigin + now()),
 * comparable between the shell page and the panel frame of the same browser.
 */
import type { Frame, Page } from 'playwright-core';

export type ProbeCondition =
  /** Both lists of the tab panel show at least one row. */
  | { kind: 'rowsShown'; panel: string }
  /** The right list has a highlighted row other than `previous`. */
  | { kind: 'partnerHighlighted'; panel: string; previous: string | null }
  /** The left list's first row is no longer `previous`. */
  | { kind: 'firstRowChanged'; panel: string; previous: string | null };

interface ProbeWindow {
  __matchProbe?: Promise<{ at: number; detail: string }>;
  __matchClickAt?: number;
}

/** Arms a probe in the panel frame; `await` the returned function to get when it fired. */
/**
 * The probe's page script, as source text: tsx compiles this file with esbuild's keepNames,
 * which wraps named functions in a `__name` helper that does not exist in the page.
 */
const PROBE_SCRIPT = `(function (condition, timeoutMs) {
  var w = window;
  function check() {
    var boxes = document.querySelectorAll('[role="tabpanel"][aria-label="' + condition.panel + '"] [role="listbox"]');
    var left = boxes[0], right = boxes[1];
    if (!left || !right) return null;
    if (condition.kind === 'rowsShown') {
      var l = left.querySelector('[role="option"][data-id]');
      var r = right.querySelector('[role="option"][data-id]');
      return l && r ? l.getAttribute('data-id') + '|' + r.getAttribute('data-id') : null;
    }
    if (condition.kind === 'partnerHighlighted') {
      var sel = right.querySelector('[role="option"][aria-selected="true"]');
      var id = sel ? sel.getAttribute('data-id') : null;
      return id !== null && id !== condition.previous ? id : null;
    }
    var firstRow = left.querySelector('[role="option"][data-id]');
    var first = firstRow ? firstRow.getAttribute('data-id') : null;
    return first !== condition.previous ? String(first) : null;
  }
  w.__matchProbe = new Promise(function (resolve, reject) {
    var observer;
    var timer = setTimeout(function () {
      observer.disconnect();
      reject(new Error('probe ' + condition.kind + ' did not fire within ' + timeoutMs + ' ms'));
    }, timeoutMs);
    observer = new MutationObserver(function () {
      var d = check();
      if (d === null) return;
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(function () {
        requestAnimationFrame(function () { resolve({ at: performance.timeOrigin + performance.now(), detail: d }); });
      });
    });
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-selected', 'data-id'] });
  });
  // A rejected probe nobody awaits yet must not surface as an unhandled rejection.
  w.__matchProbe.catch(function () {});
})`;

/** Arms a probe in the panel frame; `await` the returned function to get when it fired. */
export async function armProbe(frame: Frame, condition: ProbeCondition, timeoutMs = 60_000): Promise<() => Promise<{ at: number; detail: string }>> {
  await frame.evaluate(`${PROBE_SCRIPT}(${JSON.stringify(condition)}, ${JSON.stringify(timeoutMs)})`);
  return () => frame.evaluate(() => (window as unknown as ProbeWindow).__matchProbe as Promise<{ at: number; detail: string }>);
}

/** Records, in `target`, when the next click event is dispatched (its timeStamp, as epoch ms). */
export async function armClickClock(target: Page | Frame): Promise<() => Promise<number>> {
  await target.evaluate(() => {
    const w = window as unknown as ProbeWindow;
    delete w.__matchClickAt;
    document.addEventListener('click', (e) => (w.__matchClickAt = performance.timeOrigin + e.timeStamp), { capture: true, once: true });
  });
  return async () => {
    const at = await target.evaluate(() => (window as unknown as ProbeWindow).__matchClickAt);
    if (typeof at !== 'number') throw new Error('the click the probe waited for never reached the page');
    return at;
  };
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError('median of no values');
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
