/**
 * Import from QBO, the I/O half: creates each planned entity in OfficeTools through the host
 * API (which has no batch call, so a few run at a time), then links every created one in ONE
 * link-store transaction (origin 'import'). A refused entity is reported and the rest go on.
 */
import { entityImportHistory } from '../history/history-builders';
import type { HistoryRecorder } from '../history/history-recorder';
import type { QboStored } from '../qbo/entities';
import type { LinkRecord } from '../store/schema';
import type { EntityJournal, EntityJournalState, EntityJournalWrite, RunInfo } from './entity-journal';
import { importKind, nameFields, newRunId } from './entity-journal';
import type { JobHost, JobLinks, RowFailure } from './job-ports';
import type { MatchSpec } from './match-spec';
import type { ImportPlan, PlannedImport } from './plan-import';

export interface ImportedEntity<OT> {
  qboId: string;
  name: string;
  ot: OT;
}

export interface ImportResult<OT> {
  created: ImportedEntity<OT>[];
  failed: RowFailure[];
  alreadyLinked: RowFailure[];
  links: LinkRecord[];
  /** Set when OfficeTools created entities but linking them failed: they exist unlinked. */
  linkError?: unknown;
}

export interface ImportDeps {
  host: JobHost;
  links: JobLinks;
  /** Host requests in flight at once. @defaultvalue 4 */
  concurrency?: number;
  onProgress?: (done: number, total: number) => void;
  /** Sync History: one line for the whole import, with counts and per-record detail. */
  history?: HistoryRecorder;
  /**
   * The firm's journal of Match-tab runs: every entity is journaled `sent` before the first
   * create, so an import a reload cut off is finished on the next open (resume-entity-runs.ts
   * links the OfficeTools entities it created). Absent: not journaled.
   */
  journal?: EntityJournal;
  /** Who runs it, as the journal names them. @defaultvalue 'OfficeTools user' */
  runBy?: string;
}

export async function executeImport<OT extends { id: string }, Q extends QboStored, I>(
  spec: MatchSpec<OT, Q, I>,
  plan: ImportPlan<I>,
  deps: ImportDeps,
): Promise<ImportResult<OT>> {
  const result: ImportResult<OT> = { created: [], failed: [...plan.failed], alreadyLinked: [...plan.alreadyLinked], links: [] };
  const total = plan.creates.length;
  const { journal } = deps;
  const kind = importKind(spec.kind);
  const run: RunInfo = { id: newRunId(), by: deps.runBy ?? 'OfficeTools user', at: new Date().toISOString() };
  const entry = (c: PlannedImport<I>, state: EntityJournalState, extra: Partial<EntityJournalWrite> = {}): EntityJournalWrite => ({
    kind,
    sourceId: c.qboId,
    name: c.name,
    requestId: `${run.id}:${c.qboId}`,
    fields: nameFields(c.input),
    state,
    run,
    ...extra,
  });
  // Journaled before the first create: the host has no requestid, so the next open finds what
  // was created by its name among the unlinked entities.
  await journal?.put(plan.creates.map((c) => entry(c, 'sent')));
  const outcomes: Array<{ ok: true; ot: OT } | { ok: false; error: unknown } | undefined> = new Array(total);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const i = next++;
      try {
        outcomes[i] = { ok: true, ot: await spec.createOt(deps.host, plan.creates[i].input) };
      } catch (error) {
        outcomes[i] = { ok: false, error };
      }
      deps.onProgress?.(++done, total);
    }
  };
  const width = Math.max(1, Math.min(deps.concurrency ?? 4, total));
  await Promise.all(Array.from({ length: width }, worker));

  plan.creates.forEach((c: PlannedImport<I>, i) => {
    const o = outcomes[i];
    if (o?.ok) {
      result.created.push({ qboId: c.qboId, name: c.name, ot: o.ot });
    } else {
      const why = o ? (o.error instanceof Error ? o.error.message : String(o.error)) : 'it was not attempted';
      const code = o && typeof o.error === 'object' && o.error !== null && 'code' in o.error ? String(o.error.code) : 'hostError';
      result.failed.push({ id: c.qboId, name: c.name, code, message: `"${c.name}" was not created in OfficeTools: ${why}` });
    }
  });

  if (result.created.length > 0) {
    const syncTokens = new Map(plan.creates.map((c) => [c.qboId, c.syncToken]));
    try {
      result.links = await deps.links.linkMany(
        result.created.map((c) => ({ kind: spec.kind, otId: c.ot.id, qboId: c.qboId, origin: 'import' as const, syncToken: syncTokens.get(c.qboId) })),
      );
    } catch (e) {
      result.linkError = e;
    }
  }
  if (journal) {
    const createdBy = new Map(result.created.map((c) => [c.qboId, c.ot.id]));
    const failedBy = new Map(result.failed.map((f) => [f.id, f]));
    const linkWhy = result.linkError === undefined ? undefined : result.linkError instanceof Error ? result.linkError.message : String(result.linkError);
    const ended = plan.creates.map((c) => {
      const otId = createdBy.get(c.qboId);
      if (otId !== undefined) return linkWhy === undefined ? entry(c, 'linked', { targetId: otId }) : entry(c, 'created', { targetId: otId, error: { code: 'link_failed', message: linkWhy } });
      const f = failedBy.get(c.qboId);
      return entry(c, 'failed', { error: { code: f?.code ?? 'hostError', message: f?.message ?? 'Not created in OfficeTools.' } });
    });
    // If this write fails the entries stay `sent`, and the next open settles them by name.
    await journal.put(ended).catch(() => undefined);
  }
  if (deps.history && result.created.length + result.failed.length > 0) {
    const linkError = result.linkError === undefined ? undefined : result.linkError instanceof Error ? result.linkError.message : String(result.linkError);
    await deps.history.record(
      entityImportHistory(spec.words, result.created.map((c) => ({ qboId: c.qboId, name: c.name, otId: c.ot.id })), result.failed, linkError),
    );
  }
  return result;
}
