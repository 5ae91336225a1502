/**
 * Export to QBO, the I/O half: sends a plan's batches (≤30 creates per call), collects what QBO
 * created and what it refused row by row, links each batch's created entities in one link-store
 * write (origin 'export'), and looks up the holders of names QBO called taken (6240) so the user
 * can link to them. One bad entity never stops the others; a failure of a whole call (connection
 * lost, QBO unreachable) stops the sending, and the rows not sent say so.
 *
 * With the firm's journal (entity-journal.ts) nothing is orphaned by a reload:
 * 1. every entity is journaled `planned` with its requestid before the first send;
 * 2. each batch is journaled `sent` with its batch requestid, bIds and send time before the call
 *    (renewed while the call lasts), and sent with that requestid, so resending the identical
 *    batch after a reload gets QBO's first answer replayed instead of a second copy;
 * 3. after the answer the batch's entities are linked and journaled `linked` (or `created` when
 *    linking failed, `failed` when QBO refused). What a reload cut off is finished on the next
 *    open by resume-entity-runs.ts.
 */
import { displayFormat } from '../format/display-locale';
import type { LocaleFormat } from '../format/locale-format';
import type { HistoryRecorder } from '../history/history-recorder';
import { entityExportHistory } from '../history/history-builders';
import type { QboFaultError } from '../qbo/errors';
import { isQboFaultError } from '../qbo/errors';
import type { QboStored } from '../qbo/entities';
import type { BatchItem } from '../qbo/gateway';
import { selectQuery } from '../qbo/query-builder';
import type { MappingWarning } from '../mappings/mapping-types';
import type { LinkRecord } from '../store/schema';
import { batchRequestId } from '../billing/document-markers';
import { IN_FLIGHT_WINDOW_MS, SEND_HEARTBEAT_MS } from '../billing/in-flight';
import type { EntityJournal, EntityJournalState, EntityJournalWrite, RunInfo } from './entity-journal';
import { EntityJournalError, entityRequestId, exportKind, newRunId } from './entity-journal';
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
  /**
   * The firm's journal of Match-tab runs: every entity is recorded before it is sent, so a run
   * cut off by a reload is finished on the next open (resume-entity-runs.ts). Absent: not journaled.
   */
  journal?: EntityJournal;
  /** Who runs it, as the journal names them. @defaultvalue 'OfficeTools user' */
  runBy?: string;
  /** @defaultvalue Date.now */
  now?: () => number;
  /** How times in its messages read (the user's locale). @defaultvalue displayFormat() */
  format?: LocaleFormat;
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
  const now = deps.now ?? (() => Date.now());
  const { journal } = deps;
  const kind = exportKind(spec.kind);
  const run: RunInfo = { id: newRunId(), by: deps.runBy ?? 'OfficeTools user', at: new Date(now()).toISOString() };

  // 1. The journal first: every entity with its requestid, before anything is sent. An entity
  // whose earlier export is still unresolved is not sent again here (the tab resolves it on open).
  const requestIds = new Map<string, string>();
  let batches = plan.batches;
  if (journal) {
    const known = new Map((await journal.list(kind)).map((e) => [e.sourceId, e]));
    const sendable: PlannedCreate[] = [];
    for (const c of plan.batches.flat()) {
      const prev = known.get(c.otId);
      if (prev?.state === 'sent' || prev?.state === 'created') {
        const until = prev.batch ? prev.batch.sentAtMs + IN_FLIGHT_WINDOW_MS : undefined;
        result.failed.push({
          id: c.otId,
          name: c.name,
          code: 'in_flight',
          message:
            prev.state === 'created'
              ? `"${c.name}" was already created in QuickBooks Online (Id ${prev.targetId ?? '?'}) by an earlier export that was cut off, and is not linked yet. Close and reopen this tab: it is linked then.`
              : `An earlier export of "${c.name}" was cut off and may still be saved by QuickBooks Online${until ? ` until ${(deps.format ?? displayFormat()).clockTime(until)}` : ''}. Reopen this tab after that: it is checked then, and linked or offered again, never created twice.`,
        });
        continue;
      }
      requestIds.set(c.otId, await entityRequestId(journal.realmId, kind, c.otId, prev));
      sendable.push(c);
    }
    const size = Math.max(1, ...plan.batches.map((b) => b.length));
    batches = [];
    for (let i = 0; i < sendable.length; i += size) batches.push(sendable.slice(i, i + size));
    await journal.put(sendable.map((c) => ({ kind, sourceId: c.otId, name: c.qboName, requestId: requestIds.get(c.otId) ?? '', state: 'planned' as const, run })));
  }

  const total = batches.reduce((n, b) => n + b.length, 0);
  let done = 0;
  const taken: PlannedCreate[] = [];
  const entry = (c: PlannedCreate, state: EntityJournalState, extra: Partial<EntityJournalWrite> = {}): EntityJournalWrite => ({
    kind,
    sourceId: c.otId,
    name: c.qboName,
    requestId: requestIds.get(c.otId) ?? '',
    state,
    run,
    ...extra,
  });

  for (let b = 0; b < batches.length; b++) {
    const batch = batches[b];
    if (batch.length > MAX_BATCH_ITEMS) throw new RangeError(`A batch of ${batch.length} is over QBO's limit of ${MAX_BATCH_ITEMS}.`);
    const items: BatchItem[] = batch.map((c) => ({ bId: c.bId, operation: 'create', entity: spec.qboEntity, body: c.body }));
    // 2. Sent, with the batch it goes in and when: a reload can then resend exactly this batch
    // (same requestid and bIds: QBO replays its answer) or wait until it can no longer commit.
    const batchId = journal ? await batchRequestId(batch.map((c) => ({ bId: c.bId, requestId: requestIds.get(c.otId) ?? '' }))) : undefined;
    const mark = async () => {
      if (!journal || !batchId) return;
      const sentAtMs = now();
      await journal.put(batch.map((c) => entry(c, 'sent', { batch: { requestId: batchId, bId: c.bId, size: batch.length, sentAtMs } })));
    };
    let answers;
    let beat: Promise<void> = Promise.resolve();
    try {
      await mark();
      // While the call (and the gateway's retries) lasts, its send time is renewed.
      const heartbeat = journal ? setInterval(() => (beat = beat.then(mark).catch(() => undefined)), SEND_HEARTBEAT_MS) : undefined;
      try {
        result.requests++;
        answers = await deps.gateway.batch(items, batchId ? { requestId: batchId } : undefined);
      } finally {
        if (heartbeat) clearInterval(heartbeat);
        await beat;
      }
    } catch (e) {
      const why = errorText(e);
      for (const c of batch) {
        result.failed.push({
          id: c.otId,
          name: c.name,
          code: isQboFaultError(e) ? e.kind : e instanceof EntityJournalError ? e.code : 'unexpected',
          qboCode: isQboFaultError(e) ? e.code || undefined : undefined,
          intuitTid: isQboFaultError(e) ? e.intuitTid : undefined,
          message: journal
            ? `"${c.name}" may not have been created: ${why} When this tab opens again it checks QuickBooks Online and links it if it was created, so it is never created twice.`
            : `"${c.name}" may not have been created: ${why} Export it again later; if QuickBooks Online did create it, you will be offered to link to it.`,
        });
      }
      const later = batches.slice(b + 1).flat();
      for (const c of later) {
        result.failed.push({ id: c.otId, name: c.name, code: 'notSent', message: `"${c.name}" was not sent because the export stopped: ${why}` });
      }
      await journal?.put(later.map((c) => entry(c, 'failed', { error: { code: 'notSent', message: `Not sent because the export stopped: ${why}` } }))).catch(() => undefined);
      break;
    }
    const byBId = new Map(answers.map((a) => [a.bId, a]));
    const createdHere: CreatedEntity<Q>[] = [];
    const ended: EntityJournalWrite[] = [];
    for (const c of batch) {
      const answer = byBId.get(c.bId);
      if (!answer) {
        result.failed.push({ id: c.otId, name: c.name, code: 'badResponse', message: `QuickBooks Online did not answer for "${c.name}". Refresh the lists to see whether it was created, then export or link it.` });
        // No answer for it, but the batch answered: it can no longer commit; the next open checks its name.
      } else if (answer.ok && answer.type === 'entity') {
        createdHere.push({ otId: c.otId, name: c.name, qbo: answer.value as unknown as Q, warnings: c.warnings });
      } else if (!answer.ok && answer.error.kind === 'duplicateName') {
        taken.push(c);
        ended.push(entry(c, 'failed', { error: { code: 'duplicateName', message: nameTakenMessage(spec.words, c.qboName) } }));
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
        ended.push(entry(c, 'failed', { error: { code: error?.code || error?.kind || 'badResponse', message: error ? error.message : 'QuickBooks Online answered with something other than the new record.' } }));
      }
    }
    result.created.push(...createdHere);
    // 3. Linked batch by batch, so a reload later in the run leaves nothing created unlinked.
    if (createdHere.length > 0) {
      try {
        const written = await deps.links.linkMany(
          createdHere.map((c) => ({ kind: spec.kind, otId: c.otId, qboId: c.qbo.Id, origin: 'export' as const, syncToken: c.qbo.SyncToken })),
        );
        result.links.push(...written);
        for (const c of createdHere) ended.push({ kind, sourceId: c.otId, name: c.qbo[spec.uniqueField as keyof Q] as string, requestId: requestIds.get(c.otId) ?? '', state: 'linked', targetId: c.qbo.Id, run });
      } catch (e) {
        result.linkError = e;
        for (const c of createdHere) {
          ended.push({ kind, sourceId: c.otId, name: String(c.qbo[spec.uniqueField as keyof Q] ?? c.name), requestId: requestIds.get(c.otId) ?? '', state: 'created', targetId: c.qbo.Id, run, error: { code: 'link_failed', message: errorText(e) } });
        }
      }
    }
    if (journal && ended.length > 0) {
      try {
        await journal.put(ended);
      } catch {
        // The entries stay `sent`: the next open replays the batch (same requestid) and settles them.
      }
    }
    done += batch.length;
    deps.onProgress?.(done, total);
  }

  result.nameTaken.push(...(await findNameHolders(spec, taken, deps.gateway, result)));

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
