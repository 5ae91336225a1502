/**
 * Import from QBO, the pure half: which highlighted QBO entities would be created in OfficeTools
 * and with what fields, and which cannot (already linked, or nothing sensible to create).
 */
import { MappingError } from '../mappings/mapping-types';
import type { QboStored } from '../qbo/entities';
import type { RowFailure } from './job-ports';
import type { LinkIndex } from './link-index';
import type { ImportContext, MatchSpec } from './match-spec';

export interface PlannedImport<I> {
  qboId: string;
  name: string;
  syncToken: string;
  input: I;
}

export interface ImportPlan<I> {
  creates: PlannedImport<I>[];
  failed: RowFailure[];
  alreadyLinked: RowFailure[];
}

export interface PlanImportInput<Q extends QboStored> {
  selected: readonly Q[];
  links: LinkIndex;
  context: ImportContext;
}

export function planImport<OT extends { id: string }, Q extends QboStored, I>(
  spec: MatchSpec<OT, Q, I>,
  input: PlanImportInput<Q>,
): ImportPlan<I> {
  const plan: ImportPlan<I> = { creates: [], failed: [], alreadyLinked: [] };
  const seen = new Set<string>();
  for (const q of input.selected) {
    if (seen.has(q.Id)) continue;
    seen.add(q.Id);
    const name = spec.qboName(q);
    if (input.links.hasQbo(q.Id)) {
      plan.alreadyLinked.push({
        id: q.Id,
        name,
        code: 'alreadyLinked',
        message: `"${name}" is already linked to an OfficeTools ${spec.words.ot}, so it was not imported again.`,
      });
      continue;
    }
    try {
      plan.creates.push({ qboId: q.Id, name, syncToken: q.SyncToken, input: spec.fromQbo(q, input.context) });
    } catch (e) {
      if (!(e instanceof MappingError)) throw e;
      plan.failed.push({ id: q.Id, name, code: e.code, message: `"${name}": ${e.message}` });
    }
  }
  return plan;
}
