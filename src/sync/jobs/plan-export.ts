/**
 * Export to QBO, the pure half: which highlighted OfficeTools entities would be created in QBO,
 * with what body, in which batch (at most 30 per call), and which cannot go, with why. Nothing
 * here talks to QBO; execute-export.ts sends the plan.
 *
 * A name QBO already uses is caught here when the tab's own QBO list shows it, so no request is
 * spent on a certain 6240 and the user is offered the existing entity at once. Names QBO holds
 * elsewhere (inactive rows, a vendor with the customer's name) still come back as 6240 from
 * the server; the executor handles those the same way.
 */
import type { MappingWarning } from '../mappings/mapping-types';
import { MappingError } from '../mappings/mapping-types';
import type { QboStored } from '../qbo/entities';
import type { RowFailure } from './job-ports';
import type { LinkIndex } from './link-index';
import type { ExportBody, ExportContext, MatchSpec } from './match-spec';

/** QBO's batch limit (QBO-FACTS §5). */
export const MAX_BATCH_ITEMS = 30;

export interface PlannedCreate {
  /** Unique within the job and ≤10 characters, as QBO requires of a batch bId. */
  bId: string;
  otId: string;
  /** The OfficeTools name, as the left list shows it. */
  name: string;
  /** The name QBO must accept as unique (DisplayName or Name after the mapping's cleaning). */
  qboName: string;
  body: ExportBody;
  warnings: MappingWarning[];
}

/** An entity whose name QBO already uses: the user may link to the existing entity instead. */
export interface NameTaken {
  otId: string;
  name: string;
  qboName: string;
  /** The QBO entity holding the name, when it is one of this tab's kind. */
  existing?: { qboId: string; name: string; syncToken?: string; active: boolean };
  message: string;
}

export interface ExportPlan {
  /** Creates in send order, at most MAX_BATCH_ITEMS per batch. */
  batches: PlannedCreate[][];
  nameTaken: NameTaken[];
  /** Entities that will not be sent, one sentence each. */
  failed: RowFailure[];
  /** Highlighted entities that are linked already (nothing to export). */
  alreadyLinked: RowFailure[];
}

export interface PlanExportInput<OT extends { id: string }, Q extends QboStored> {
  selected: readonly OT[];
  links: LinkIndex;
  /** The QBO entities the tab has loaded, to catch names already taken without a request. */
  qboEntities: readonly Q[];
  context: ExportContext;
  /** @defaultvalue MAX_BATCH_ITEMS */
  batchSize?: number;
}

/** QBO compares names without regard to case (the sandbox does; real QBO's rule is unconfirmed, so this is the safe side). */
export function nameKey(name: string): string {
  return name.trim().toLowerCase();
}

export function nameTakenMessage(words: { qbo: string }, qboName: string, existingName?: string): string {
  return existingName
    ? `QuickBooks Online already has a ${words.qbo} named "${existingName}". Link to it instead of creating a second one, or rename this entity in OfficeTools and export again.`
    : `QuickBooks Online already uses the name "${qboName}" for another record (for customers: a vendor, an employee or an inactive customer). Rename this entity in OfficeTools, or make the QuickBooks record active and link to it.`;
}

export function planExport<OT extends { id: string }, Q extends QboStored, I>(
  spec: MatchSpec<OT, Q, I>,
  input: PlanExportInput<OT, Q>,
): ExportPlan {
  const size = input.batchSize ?? MAX_BATCH_ITEMS;
  if (!Number.isInteger(size) || size < 1 || size > MAX_BATCH_ITEMS) {
    throw new RangeError(`An export batch holds 1 to ${MAX_BATCH_ITEMS} entities; got ${size}.`);
  }
  const byName = new Map<string, Q>();
  for (const q of input.qboEntities) {
    const n = q[spec.uniqueField as keyof Q];
    if (typeof n === 'string') byName.set(nameKey(n), q);
  }
  const plan: ExportPlan = { batches: [], nameTaken: [], failed: [], alreadyLinked: [] };
  const claimed = new Map<string, string>();
  const creates: PlannedCreate[] = [];
  const seen = new Set<string>();

  for (const entity of input.selected) {
    if (seen.has(entity.id)) continue;
    seen.add(entity.id);
    const name = spec.otName(entity);
    if (input.links.hasOt(entity.id)) {
      plan.alreadyLinked.push({
        id: entity.id,
        name,
        code: 'alreadyLinked',
        message: `"${name}" is already linked to a QuickBooks Online ${spec.words.qbo}, so it was not exported again.`,
      });
      continue;
    }
    let mapped;
    try {
      mapped = spec.toQbo(entity, input.context);
    } catch (e) {
      if (!(e instanceof MappingError)) throw e;
      const hint = e.code === 'missing_income_account' ? ' If you have just chosen it, click OK first so that it is saved.' : '';
      plan.failed.push({ id: entity.id, name, code: e.code, message: `"${name}": ${e.message}${hint}` });
      continue;
    }
    const qboName = mapped.payload[spec.uniqueField] ?? name;
    const key = nameKey(qboName);
    const holder = byName.get(key);
    if (holder) {
      const existingName = spec.qboName(holder);
      plan.nameTaken.push({
        otId: entity.id,
        name,
        qboName,
        existing: { qboId: holder.Id, name: existingName, syncToken: holder.SyncToken, active: true },
        message: `"${name}": ${nameTakenMessage(spec.words, qboName, existingName)}`,
      });
      continue;
    }
    const twin = claimed.get(key);
    if (twin !== undefined) {
      plan.failed.push({
        id: entity.id,
        name,
        code: 'sameNameInSelection',
        message: `"${name}" would get the QuickBooks Online name "${qboName}", like "${twin}" exported with it. QuickBooks Online names must be unique: rename one of them in OfficeTools and export it again.`,
      });
      continue;
    }
    claimed.set(key, name);
    creates.push({ bId: `e${creates.length + 1}`, otId: entity.id, name, qboName, body: mapped.payload, warnings: mapped.warnings });
  }
  for (let i = 0; i < creates.length; i += size) plan.batches.push(creates.slice(i, i + size));
  return plan;
}
