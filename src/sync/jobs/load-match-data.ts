/**
 * Opening a Match tab: the OfficeTools list from the host, the QBO list and the links, all
 * three at once. Items linked under the other item kind are left out of the QBO side, so one
 * QBO item is never offered as both a work code and an expense code.
 *
 * The QBO list comes from the IndexedDB list cache refreshed with Change Data Capture
 * (qbo-cache/refresh-qbo-list.ts: one request on a second open) when the gateway can answer
 * CDC and the frame has IndexedDB; otherwise it is read in full, paged 1,000 per request, several
 * pages at once.
 */
import type { QboStored } from '../qbo/entities';
import type { QboGateway } from '../qbo/gateway';
import type { ListCachePort } from '../qbo-cache/list-cache-port';
import { FULL_READ_PAGES_IN_FLIGHT, readQboList, type CacheGateway } from '../qbo-cache/refresh-qbo-list';
import { sharedQboListCache } from '../qbo-cache/shared-cache';
import type { JobGateway, JobHost, JobLinks } from './job-ports';
import { LinkIndex } from './link-index';
import { siblingItemKind, type MatchSpec } from './match-spec';

export interface MatchData<OT, Q> {
  ot: OT[];
  qbo: Q[];
  links: LinkIndex;
  /** How the QBO list was read: from the cache and CDC, in full (and why), or without a cache. */
  qboSource?: { via: 'cdc' | 'full' | 'uncached'; reason?: string; requests?: number; saved?: Promise<Error | undefined> };
}

export interface LoadMatchDeps {
  host: JobHost;
  gateway: JobGateway | (JobGateway & Pick<QboGateway, 'query' | 'cdc' | 'read'>);
  links: JobLinks;
  /**
   * The QBO list cache. Absent: the frame's shared one when the gateway has `cdc` and `read` and IndexedDB
   * exists. `null`: no cache, read in full.
   */
  qboCache?: ListCachePort | null;
}

function canCdc(gateway: LoadMatchDeps['gateway']): gateway is JobGateway & Pick<QboGateway, 'query' | 'cdc' | 'read'> {
  const g = gateway as Partial<Pick<QboGateway, 'query' | 'cdc' | 'read'>>;
  return typeof g.query === 'function' && typeof g.cdc === 'function' && typeof g.read === 'function';
}

async function readQbo<Q>(entity: string, deps: LoadMatchDeps): Promise<{ rows: Q[]; source: NonNullable<MatchData<unknown, Q>['qboSource']> }> {
  const gateway = deps.gateway;
  const cache = deps.qboCache === null || !canCdc(gateway) ? undefined : (deps.qboCache ?? (await sharedQboListCache()));
  if (!cache || !canCdc(gateway)) {
    const rows = await gateway.queryAll<Q>(entity, undefined, { pageSize: 1000, concurrency: FULL_READ_PAGES_IN_FLIGHT });
    return { rows, source: { via: 'uncached' } };
  }
  const read = await readQboList<Q>(entity, { gateway: gateway satisfies CacheGateway, cache });
  return { rows: read.rows, source: { via: read.via, reason: read.reason, requests: read.requests, saved: read.saved } };
}

export async function loadMatchData<OT extends { id: string }, Q extends QboStored, I>(
  spec: MatchSpec<OT, Q, I>,
  deps: LoadMatchDeps,
): Promise<MatchData<OT, Q>> {
  const sibling = siblingItemKind(spec.kind);
  const [ot, qbo, links, siblingLinks] = await Promise.all([
    spec.listOt(deps.host),
    readQbo<Q>(spec.qboEntity, deps),
    deps.links.list(spec.kind),
    sibling ? deps.links.list(sibling) : Promise.resolve([]),
  ]);
  const takenElsewhere = new Set(siblingLinks.map((l) => l.qboId));
  return {
    ot,
    qbo: qbo.rows.filter((q) => spec.acceptsQbo(q) && !takenElsewhere.has(q.Id)),
    links: LinkIndex.from(links),
    qboSource: qbo.source,
  };
}
