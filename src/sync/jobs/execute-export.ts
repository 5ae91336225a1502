/**
 * Export to QBO, the I/O half: sends a plan's batches (≤30 creates per call), collects what QBO
 * created and what it refused row by row, looks up the holders of names QBO called taken
 * (6240) so the user can link to them, and finally links every created entity in ONE link-store
 * transaction (origin 'export'). One bad entity never stops the others; a failure of a whole
 * call (connection lost, QBO unreachable) stops the sending, and the rows not sent say so.
 */
import type { HistoryRecorder } from '../history/history-recorder';
import { entityExportHistory } from '../history/history-builders';
import type { QboFaultError } from '../qbo/errors';
import { isQboFaultError } from '../qbo/errors';
import type { QboStored } from '../qbo/entities';
import type { BatchItem } from '../qbo/gateway';
import { selectQuery } from '../qbo/query-builder';
import type { MappingWarning } from '../mappings/mapping-types';
import type { LinkRecord } from '../store/schema';
import type { JobGateway, JobLinks, RowFailure } from './job-ports';
import type { MatchSpec } from './match-spec';
import type { ExportPlan, NameTaken, PlannedCreate } from './plan-export';
import { MAX_BATCH_ITEMS, nameKey, nameTakenMessage } from './plan-export';

export interface CreatedEntity<Q> {
  otId: string;
  name: string;
  qbo: Q;
  warnings: MappingWarning[];
}

export interface ExportResult<Q> {
  created: CreatedEntity<Q>[];
  nameTaken: NameTaken[];
  failed: RowFailure[];
  alreadyLinked: RowFailure[];
  /** The links written for the created entities. */
  links: LinkRecord[];
  /** Set when QBO created entities but linking them failed: they exist in QBO unlinked. */
  linkError?: unknown;
  /** Calls made to QBO (batches and name look-ups). */
  requests: number;
}

export interface ExportDeps {
  gateway: JobGateway;
  links: JobLinks;
  onProgress?: (done: number, total: number) => void;
  /** Sync History: one line for the whole export, with counts and per-record detail. */
  history?: HistoryRecorder;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function executeExport<OT extends { id: string }, Q extends QboStored, I>(
  spec: MatchSpec<OT, Q, I>,
  plan: ExportPlan,
  deps: ExportDeps,
): Promise<ExportResult<Q>> {
  const result: ExportResult<Q> = {
    created: [],
    nameTaken: [...plan.nameTaken],
    failed: [...plan.failed],
    alreadyLinked: [...plan.alreadyLinked],
    links: [],
    requests: 0,
  };
  const total = plan.batches.reduce((n, b) => n + b.length, 0);
  let done = 0;
  const taken: PlannedCreate[] = [];

  for (let b = 0; b < plan.batches.length; b++) {
    const batch = plan.batches[b];
    if (batch.length > MAX_BATCH_ITEMS) throw new RangeError(`A batch of ${batch.length} is over QBO's limit of ${MAX_BATCH_ITEMS}.`);
    const items: BatchItem[] = batch.map((c) => ({ bId: c.bId, operation: 'create', entity: spec.qboEntity, body: c.body }));
    let answers;
    try {
      result.requests++;
      answers = await deps.gateway.batch(items);
    } catch (e) {
      const why = errorText(e);
      for (const c of batch) {
        result.failed.push({
          id: c.otId,
          name: c.name,
          code: isQboFaultError(e) ? e.kind : 'unexpected',
          qboCode: isQboFaultError(e) ? e.code || undefined : undefined,
          intuitTid: isQboFaultError(e) ? e.intuitTid : undefined,
          message: `"${c.name}" may not have been created: ${why} Export it again later; if QuickBooks Online did create it, you will be offered to link to it.`,
        });
      }
      for (const later of plan.batches.slice(b + 1)) {
        for (const c of later) {
          result.failed.push({ id: c.otId, name: c.name, code: 'notSent', message: `"${c.name}" was not sent because the export stopped: ${why}` });
        }
      }
      break;
    }
    const byBId = new Map(answers.map((a) => [a.bId, a]));
    for (const c of batch) {
      const answer = byBId.get(c.bId);
      if (!answer) {
        result.failed.push({ id: c.otId, name: c.name, code: 'badResponse', message: `QuickBooks Online did not answer for "${c.name}". Refresh the lists to see whether it was created, then export or link it.` });
      } else if (answer.ok && answer.type === 'entity') {
        result.created.push({ otId: c.otId, name: c.name, qbo: answer.value as unknown as Q, warnings: c.warnings });
      } else if (!answer.ok && answer.error.kind === 'duplicateName') {
        taken.push(c);
      } else {
        const error: QboFaultError | undefined = answer.ok ? undefined : answer.error;
        result.failed.push({
          id: c.otId,
          name: c.name,
          code: error?.kind ?? 'badResponse',
          qboCode: error?.code || undefined,
          intuitTid: error?.intuitTid,
          message: `"${c.name}" was not created: ${error ? error.message : 'QuickBooks Online answered with something other than the new record.'}`,
        });
      }
    }
    done += batch.length;
    deps.onProgress?.(done, total);
  }

  result.nameTaken.push(...(await findNameHolders(spec, taken, deps.gateway, result)));

  if (result.created.length > 0) {
    try {
      result.links = await deps.links.linkMany(
        result.created.map((c) => ({ kind: spec.kind, otId: c.otId, qboId: c.qbo.Id, origin: 'export' as const, syncToken: c.qbo.SyncToken })),
      );
    } catch (e) {
      result.linkError = e;
    }
  }
  const failed = [...result.failed, ...result.nameTaken.map((t) => ({ id: t.otId, name: t.name, code: 'duplicateName', qboCode: '6240' }))];
  if (deps.history && result.created.length + failed.length > 0) {
    await deps.history.record(
      entityExportHistory(
        spec.words,
        result.created.map((c) => ({ otId: c.otId, name: c.name, qboId: c.qbo.Id })),
        failed,
        result.linkError === undefined ? undefined : errorText(result.linkError),
      ),
    );
  }
  return result;
}

/** For each 6240, the QBO entity of this tab's kind that holds the name (inactive ones too), ≤30 look-ups per call. */
async function findNameHolders<OT extends { id: string }, Q extends QboStored, I>(
  spec: MatchSpec<OT, Q, I>,
  taken: PlannedCreate[],
  gateway: JobGateway,
  result: ExportResult<Q>,
): Promise<NameTaken[]> {
  const out: NameTaken[] = [];
  for (let i = 0; i < taken.length; i += MAX_BATCH_ITEMS) {
    const chunk = taken.slice(i, i + MAX_BATCH_ITEMS);
    const items: BatchItem[] = chunk.map((c, k) => ({
      bId: `q${i + k + 1}`,
      query: selectQuery(spec.qboEntity, {
        where: [
          { field: spec.uniqueField, op: '=', value: c.qboName },
          { field: 'Active', op: 'IN', value: [true, false] },
        ],
        maxResults: 10,
      }),
    }));
    let holders = new Map<string, Q>();
    try {
      result.requests++;
      const answers = await gateway.batch(items);
      holders = new Map();
      const byBId = new Map(answers.map((a) => [a.bId, a]));
      chunk.forEach((c, k) => {
        const a = byBId.get(items[k].bId);
        if (!a || !a.ok || a.type !== 'query') return;
        const wanted = nameKey(c.qboName);
        const row = (a.page.rows as unknown as Q[]).find((r) => {
          const n = r[spec.uniqueField as keyof Q];
          return typeof n === 'string' && nameKey(n) === wanted;
        });
        if (row) holders.set(c.otId, row);
      });
    } catch {
      // The look-up is a convenience: without it the user is still told the name is taken.
    }
    for (const c of chunk) {
      const holder = holders.get(c.otId);
      const active = holder ? (holder as { Active?: boolean }).Active !== false : true;
      const existingName = holder ? spec.qboName(holder) : undefined;
      out.push({
        otId: c.otId,
        name: c.name,
        qboName: c.qboName,
        existing: holder ? { qboId: holder.Id, name: existingName ?? c.qboName, syncToken: holder.SyncToken, active } : undefined,
        message: `"${c.name}": ${nameTakenMessage(spec.words, c.qboName, existingName)}${holder && !active ? ' (It is inactive in QuickBooks Online.)' : ''}`,
      });
    }
  }
  return out;
}
