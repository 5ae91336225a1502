/**
 * A Match tab's lists before its QuickBooks list is complete. A first open reads the list in
 * full, 1,000 rows a request, paced to QBO's 10 requests a second: the last page of 20,000
 * customers comes seconds after the first. When that read was started ahead in this page
 * (prefetch-match-list.ts) its pages are followed, and as soon as the OfficeTools list and the
 * links are in, the tab shows the rows so far, saying it is still loading; its buttons wait for
 * the whole list (an export checks names against it, Automatch compares against it, the counts
 * need it). The links shown are the firm's, complete: only the QuickBooks side grows.
 */
import type { JobHost, JobLinks } from '../../sync/jobs/job-ports';
import { LinkIndex } from '../../sync/jobs/link-index';
import { siblingItemKind, type MatchSpec } from '../../sync/jobs/match-spec';
import type { QboStored } from '../../sync/qbo/entities';
import type { QboRecord } from '../../sync/qbo/gateway';
import type { MatchTabDeps } from './match-tab-deps';

export interface EarlyRows<OT, Q> {
  ot: OT[];
  /** The QuickBooks rows so far, filtered as the complete list will be. */
  qbo: Q[];
  index: LinkIndex;
  /** Rows read so far and how many QBO counted. */
  shown: number;
  total?: number;
}

/** Repaints of a growing list at most this often (each sorts every row again). */
const REPAINT_MS = 250;

type AnyRequest = (method: string, params: unknown) => Promise<unknown>;
const requestKey = (method: string, params: unknown) => `${method}\u0000${JSON.stringify(params)}`;

/** How long a host read made ahead is kept for the tab it was made for. */
const HOST_AHEAD_KEEP_MS = 30_000;
const hostReadsAhead = new Map<string, { answer: Promise<unknown>; at: number }>();

/**
 * The host's reads of a tab's OfficeTools list, made ahead in this page (the window starts them
 * while its code loads, prefetch-match-list.ts); the tab's load takes them, once.
 */
export function hostReadAhead(host: JobHost): JobHost {
  const request = ((method: string, params: unknown) => {
    const answer = (host.request as AnyRequest)(method, params);
    const entry = { answer, at: Date.now() };
    const key = requestKey(method, params);
    hostReadsAhead.set(key, entry);
    answer.catch(() => hostReadsAhead.get(key) === entry && hostReadsAhead.delete(key));
    return answer;
  }) as JobHost['request'];
  return { request };
}

/** Every read of `host` made once for this load (the early view and the full load share the OfficeTools list), taking one made ahead. */
export function sharedReads(host: JobHost): JobHost {
  const made = new Map<string, Promise<unknown>>();
  const request = ((method: string, params: unknown) => {
    const key = requestKey(method, params);
    let answer = made.get(key);
    if (!answer) {
      const ahead = hostReadsAhead.get(key);
      hostReadsAhead.delete(key);
      answer = ahead && Date.now() - ahead.at < HOST_AHEAD_KEEP_MS ? ahead.answer.catch(() => (host.request as AnyRequest)(method, params)) : (host.request as AnyRequest)(method, params);
      made.set(key, answer);
    }
    return answer;
  }) as JobHost['request'];
  return { request };
}

export interface EarlyRowsInput<OT extends { id: string }, Q extends QboStored, I> {
  spec: MatchSpec<OT, Q, I>;
  deps: MatchTabDeps;
  realmId: string;
  host: JobHost;
  /** The firm's links being opened for this tab. */
  opening: Promise<JobLinks>;
  live(): boolean;
  show(rows: EarlyRows<OT, Q>): void;
}

/** Follows the tab's QuickBooks list read ahead, if any; returns the function that stops (call it once the full load is in). */
export function showEarlyRows<OT extends { id: string }, Q extends QboStored, I>(input: EarlyRowsInput<OT, Q, I>): () => void {
  const { spec, deps, realmId, host, opening } = input;
  if (!deps.watchQboList) return () => undefined;
  let stopped = false;
  let rows: readonly QboRecord[] = [];
  let total: number | undefined;
  let base: { ot: OT[]; index: LinkIndex; taken: Set<string> } | undefined;
  let started = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let paintedAt = -Infinity;

  const paint = () => {
    timer = undefined;
    if (stopped || !input.live() || !base || rows.length === 0) return;
    paintedAt = performance.now();
    const taken = base.taken;
    const qbo = (rows as unknown as Q[]).filter((q) => spec.acceptsQbo(q) && !taken.has(q.Id));
    input.show({ ot: base.ot, qbo, index: base.index, shown: rows.length, total });
  };
  const schedule = () => {
    if (timer !== undefined) return;
    timer = setTimeout(paint, Math.max(0, paintedAt + REPAINT_MS - performance.now()));
  };

  // The rest of the view is read only once a page arrived: a list read from the cache comes whole.
  const readBase = () => {
    started = true;
    const sibling = siblingItemKind(spec.kind);
    Promise.all([spec.listOt(host), opening.then((l) => l.list(spec.kind)), sibling ? opening.then((l) => l.list(sibling)) : Promise.resolve([])]).then(
      ([ot, links, siblingLinks]) => {
        base = { ot, index: LinkIndex.from(links), taken: new Set(siblingLinks.map((l) => l.qboId)) };
        schedule();
      },
      () => undefined, // the full load reports it
    );
  };

  const unwatch = deps.watchQboList(realmId, spec.qboEntity, (sofar, counted) => {
    if (stopped) return;
    rows = sofar.slice();
    total = counted;
    if (!started) readBase();
    schedule();
  });
  return () => {
    if (stopped) return;
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    unwatch();
  };
}
