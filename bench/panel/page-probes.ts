/**
 * What the panel bench reads inside the add-in's frames: Content-Security-Policy violations (an
 * init script listens from the first line of every frame), first contentful paint through a
 * PerformanceObserver, and the scripts fetched before that paint.
 */
import type { BrowserContext, Frame } from 'playwright-core';

/** Every frame collects the policy violations it reports, from before its own scripts run. */
export async function collectCspViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __cspViolations?: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__cspViolations?.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}

export async function cspViolations(frame: Frame): Promise<string[]> {
  return frame.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
}

export interface PaintReading {
  /** ms from the frame's navigation start (its time origin) to first contentful paint. */
  firstPaintMs: number;
  /** URL paths of the scripts whose response had ended by first paint. */
  scriptsBeforePaint: string[];
}

export async function readFirstPaint(frame: Frame, timeoutMs = 15_000): Promise<PaintReading> {
  return frame.evaluate(async (timeout) => {
    const fcp = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no first contentful paint within ${timeout} ms`)), timeout);
      new PerformanceObserver((list, observer) => {
        const entry = list.getEntriesByName('first-contentful-paint')[0];
        if (!entry) return;
        observer.disconnect();
        clearTimeout(timer);
        resolve(entry.startTime);
      }).observe({ type: 'paint', buffered: true });
    });
    const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((r) => r.responseEnd <= fcp && (r.initiatorType === 'script' || new URL(r.name).pathname.endsWith('.js')))
      .map((r) => new URL(r.name).pathname);
    return { firstPaintMs: fcp, scriptsBeforePaint: scripts };
  }, timeoutMs);
}

/**
 * The probe's control: an inline script added to the frame must be refused by its policy and
 * reported. Throws when it is not (no policy in force, or a probe that would count nothing).
 */
export async function checkCspProbe(frame: Frame): Promise<void> {
  const before = (await cspViolations(frame)).length;
  await frame.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true;';
    document.head.append(script);
  });
  await frame.waitForTimeout(200);
  const ran = await frame.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan === true);
  const after = (await cspViolations(frame)).length;
  if (ran || after <= before) {
    throw new Error(`an inline script added to the panel ${ran ? 'ran' : 'was blocked'} and ${after - before} violation(s) were reported: the page's Content-Security-Policy or the bench's probe is not working`);
  }
}
