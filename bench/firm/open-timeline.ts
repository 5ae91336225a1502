/**
 * Where the time of a fresh open goes, for the firm benchmark's profile: every request the
 * browser context made (pages, scripts, the proxy's API, the relay) with its start and end as
 * Playwright saw them, plus the User Timing marks the panel left (`performance.mark`), all on
 * the clock of the click (epoch ms, like the in-page probes).
 */
import type { BrowserContext, Frame, Request } from 'playwright-core';

export interface TimelineEntry {
  /** What it was: `GET /api/firm/…/changes?since=0` with the host and long query values cut. */
  what: string;
  start: number;
  end: number;
  /** Response body bytes, when known. */
  bytes?: number;
}

export interface OpenTimeline {
  /** Every request recorded so far (waits for the sizes still being read). */
  entries(): Promise<TimelineEntry[]>;
  stop(): void;
}

function describe(request: Request): string {
  const url = new URL(request.url());
  let query = url.search;
  const sql = url.searchParams.get('query');
  if (sql) query = ` ${sql.replace(/\s+/g, ' ').slice(0, 70)}`;
  else if (query.length > 50) query = `${query.slice(0, 50)}…`;
  return `${request.method()} ${url.port ? `:${url.port}` : ''}${url.pathname}${query}`;
}

/** Records every finished (or failed) request of the context from now on. */
export function recordTimeline(context: BrowserContext): OpenTimeline {
  const entries: TimelineEntry[] = [];
  const pending: Array<Promise<void>> = [];
  const onDone = (request: Request) => {
    const t = request.timing();
    if (!(t.startTime > 0)) return;
    const end = t.responseEnd >= 0 ? t.startTime + t.responseEnd : Date.now();
    pending.push(
      request
        .sizes()
        .then((s) => void entries.push({ what: describe(request), start: t.startTime, end, bytes: s.responseBodySize }))
        .catch(() => void entries.push({ what: describe(request), start: t.startTime, end })),
    );
  };
  context.on('requestfinished', onDone);
  context.on('requestfailed', onDone);
  return {
    entries: async () => {
      await Promise.all(pending);
      return [...entries].sort((a, b) => a.start - b.start);
    },
    stop: () => {
      context.off('requestfinished', onDone);
      context.off('requestfailed', onDone);
    },
  };
}

/** The panel's own User Timing marks (epoch ms). */
export async function panelMarks(frame: Frame): Promise<TimelineEntry[]> {
  return frame.evaluate(() =>
    performance.getEntriesByType('mark').map((m) => ({ what: `mark ${m.name}`, start: performance.timeOrigin + m.startTime, end: performance.timeOrigin + m.startTime })),
  );
}

/** One line per entry, times in ms after `zero`, grouped runs of the same kind kept apart. */
export function formatTimeline(entries: readonly TimelineEntry[], zero: number): string {
  const r = (x: number) => String(Math.round(x - zero)).padStart(5);
  return [...entries]
    .sort((a, b) => a.start - b.start)
    .map((e) => `    ${r(e.start)} ${r(e.end)}  ${e.bytes !== undefined ? `${Math.round(e.bytes / 1024)} KB`.padStart(8) : ''.padStart(8)}  ${e.what}`)
    .join('\n');
}
