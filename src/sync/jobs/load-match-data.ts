/**
 * Opening a Match tab: the OfficeTools list from the host, the QBO list (paged 1,000 per
 * request) and the links, all three at once. Items linked under the other item kind are left
 * out of the QBO side, so one QBO item is never offered as both a work code and an expense code.
 */
import type { QboStored } from '../qbo/entities';
import type { JobGateway, JobHost, JobLinks } from './job-ports';
import { LinkIndex } from './link-index';
import { siblingItemKind, type MatchSpec } from './match-spec';

export interface MatchData<OT, Q> {
  ot: OT[];
  qbo: Q[];
  links: LinkIndex;
}

export async function loadMatchData<OT extends { id: string }, Q extends QboStored, I>(
  spec: MatchSpec<OT, Q, I>,
  deps: { host: JobHost; gateway: JobGateway; links: JobLinks },
): Promise<MatchData<OT, Q>> {
  const sibling = siblingItemKind(spec.kind);
  const [ot, qbo, links, siblingLinks] = await Promise.all([
    spec.listOt(deps.host),
    deps.gateway.queryAll<Q>(spec.qboEntity, undefined, { pageSize: 1000 }),
    deps.links.list(spec.kind),
    sibling ? deps.links.list(sibling) : Promise.resolve([]),
  ]);
  const takenElsewhere = new Set(siblingLinks.map((l) => l.qboId));
  return {
    ot,
    qbo: qbo.filter((q) => spec.acceptsQbo(q) && !takenElsewhere.has(q.Id)),
    links: LinkIndex.from(links),
  };
}
