/**
 * The exactly-once engine shared by Export Invoices and Export Payments. For each run:
 *
 * 1. Journal first: every document gets its requestid (reused if the journal already has one
 *    for an unknown outcome, renewed if QBO definitively refused the last one) and is
 *    recorded before anything is sent.
 * 2. Fingerprints: QBO is searched for every document about to be sent — also those the
 *    journal says were `sent` in a run that was cut off — so an empty journal, a second
 *    computer or a second staff member links the existing document instead of making another.
 * 3. Batches of ≤30 creates, each marked `sent` before the call. The call's requestid is
 *    derived from its documents' requestids, so the gateway's own retries (network drop, 5xx,
 *    429) and a resumed run that resends the same documents get QBO's first answer replayed.
 *    A per-item fault fails that document alone; a failure of the whole call stops the run
 *    and leaves the documents `sent`, for step 2 of the next run to settle.
 */
import { displayFormat } from '../format/display-locale';
import type { QboFaultError } from '../qbo/errors';
import { isQboFaultError } from '../qbo/errors';
import type { BatchItem, BatchItemResult, QboRecord } from '../qbo/gateway';
import type { BillingExportDeps, BillingGateway } from './billing-ports';
import type { BillingPlan, BillingRunReport, DocumentOutcome, JournalChange, PlannedDocument } from './billing-types';
import { batchRequestId, firstRequestId, renewedRequestId } from './document-markers';
import { SEND_HEARTBEAT_MS, answeredRequestId, baseRequestId, inBatchRequestId, sendStateOf, settledAfterMs, type SendState } from './in-flight';

/** QBO takes at most 30 items per batch call (QBO-FACTS §5). */
export const MAX_BATCH_ITEMS = 30;

export interface ExportSpec<P> {
  kind: 'invoiceExport' | 'paymentExport';
  entity: 'Invoice' | 'Payment';
  /** The QBO documents that already carry these documents' fingerprints: sourceId → QBO record. */
  findExisting(gateway: BillingGateway, docs: readonly PlannedDocument<P>[]): Promise<Map<string, QboRecord>>;
  /** A per-item fault that may mean the document is already in QBO (re-check its fingerprint). */
  mayAlreadyExist(error: QboFaultError): boolean;
  /** The message for a fault that was not explained by an existing document. */
  describeFault(doc: PlannedDocument<P>, error: QboFaultError): string;
}

interface Pending<P> {
  doc: PlannedDocument<P>;
  /** The plain QBO requestid of the document (in-flight bookkeeping stripped). */
  requestId: string;
  sent: boolean;
  /** Where its earlier send stands (in-flight.ts). */
  send: SendState;
  /** Linked by fingerprint in this run (still resent when its earlier batch is replayed). */
  linked?: boolean;
}

/** One batch call: its documents in bId order, and the requestid it must be sent with. */
interface Batch<P> {
  members: Pending<P>[];
  requestId: string;
  /** True when this is an earlier batch sent again identically, so QBO replays its answer. */
  replay: boolean;
}

function errorInfo(e: unknown): { code: string; message: string } {
  if (isQboFaultError(e)) return { code: e.kind, message: e.message };
  if (e instanceof Error) return { code: (e as Error & { code?: unknown }).code ? String((e as Error & { code?: unknown }).code) : 'unexpected', message: e.message };
  return { code: 'unexpected', message: String(e) };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Splits the documents that have no fingerprint in QBO into batches. A document still in
 * flight (in-flight.ts) goes only into an identical copy of its earlier batch — possible when
 * every document of that batch is in this run — and is otherwise held back until the earlier
 * batch can no longer commit; everything else is grouped afresh.
 */
function planBatches<P>(candidates: readonly Pending<P>[], linked: readonly Pending<P>[], checkAt: number): { batches: Batch<P>[]; heldBack: Pending<P>[] } {
  const fresh: Pending<P>[] = [];
  const heldBack: Pending<P>[] = [];
  const groups = new Map<string, Pending<P>[]>();
  for (const p of candidates) {
    if (settledAfterMs(p.send) <= checkAt) fresh.push(p);
    else if (p.send.kind === 'inBatch') groups.set(p.send.batch.batchRequestId, [...(groups.get(p.send.batch.batchRequestId) ?? []), p]);
    else heldBack.push(p);
  }
  const batches: Batch<P>[] = [];
  for (const [batchRequestId, waiting] of groups) {
    const size = waiting[0].send.kind === 'inBatch' ? waiting[0].send.batch.size : 0;
    const byBId = new Map<string, Pending<P>>();
    for (const p of [...waiting, ...linked]) {
      if (p.send.kind === 'inBatch' && p.send.batch.batchRequestId === batchRequestId) byBId.set(p.send.batch.bId, p);
    }
    const members: Pending<P>[] = [];
    for (let k = 1; k <= size; k++) {
      const p = byBId.get(`d${k}`);
      if (p) members.push(p);
    }
    if (members.length === size && byBId.size === size) batches.push({ members, requestId: batchRequestId, replay: true });
    else heldBack.push(...waiting);
  }
  for (const part of chunk(fresh, MAX_BATCH_ITEMS)) batches.push({ members: part, requestId: '', replay: false });
  return { batches, heldBack };
}

export async function runExport<P extends object>(
  spec: ExportSpec<P>,
  plan: BillingPlan<P>,
  deps: BillingExportDeps,
): Promise<BillingRunReport> {
  const { gateway, journal, signal } = deps;
  const now = deps.now ?? (() => Date.now());
  const format = deps.format ?? displayFormat();
  const kind = spec.kind;
  const report: BillingRunReport = { kind, outcomes: [], cancelled: false, writeRequests: 0 };
  const total = plan.ready.length;
  let failed = 0;
  const progress = () => deps.onProgress?.({ kind, done: report.outcomes.length, total, failed });
  const details = new Map(plan.ready.filter((d) => d.detail).map((d) => [d.sourceId, d.detail as string]));
  const outcome = (o: DocumentOutcome) => {
    const detail = o.result !== 'failed' ? details.get(o.sourceId) : undefined;
    report.outcomes.push(detail ? { ...o, detail } : o);
    if (o.result === 'failed') failed++;
  };
  if (journal.realmId !== gateway.realmId) {
    throw new Error(`The journal belongs to QuickBooks Online company ${journal.realmId} but the connection is to ${gateway.realmId}. Reopen the panel so both use the connected company.`);
  }

  // 1. Requestids into the journal before any send.
  const pending: Pending<P>[] = [];
  const planned: JournalChange[] = [];
  // One read of the journal for the whole run, not one per document.
  const known = new Map((await journal.list(kind)).map((e) => [e.sourceId, e]));
  for (const doc of plan.ready) {
    const entry = known.get(doc.sourceId);
    if (entry?.state === 'done' && entry.targetId) {
      outcome({ sourceId: doc.sourceId, label: doc.label, result: 'linkedExisting', targetId: entry.targetId });
      continue;
    }
    let requestId: string;
    if (!entry) requestId = await firstRequestId(journal.realmId, kind, doc.sourceId);
    else if (entry.state === 'failed') requestId = await renewedRequestId(baseRequestId(entry.requestId));
    else requestId = baseRequestId(entry.requestId);
    if (!entry || entry.state === 'failed') planned.push({ sourceId: doc.sourceId, state: 'planned', requestId });
    pending.push({ doc, requestId, sent: entry?.state === 'sent', send: sendStateOf(entry) });
  }
  await journal.record(kind, planned);

  const stop = (e: unknown, unsettled: readonly Pending<P>[], notSent: readonly Pending<P>[]) => {
    const why = errorInfo(e);
    report.stoppedBy = why;
    for (const p of unsettled) {
      outcome({
        sourceId: p.doc.sourceId,
        label: p.doc.label,
        result: 'failed',
        error: {
          code: why.code,
          message: `It may or may not have reached QuickBooks Online: ${why.message} Export it again: it is sent again only in a way QuickBooks Online recognises, so it will not be created twice.`,
        },
      });
    }
    for (const p of notSent) {
      outcome({
        sourceId: p.doc.sourceId,
        label: p.doc.label,
        result: 'failed',
        error: { code: 'not_sent', message: `Not sent, because the export stopped: ${why.message}` },
      });
    }
    progress();
  };

  if (signal?.aborted) {
    report.cancelled = true;
    return report;
  }

  // 2. Fingerprints in QBO, before sending anything. `checkAt` is when the look-up starts: an
  // earlier send that could no longer commit by then and is not found never will be.
  const checkAt = now();
  let existing: Map<string, QboRecord>;
  try {
    existing = await spec.findExisting(gateway, pending.map((p) => p.doc));
  } catch (e) {
    stop(e, pending.filter((p) => p.sent), pending.filter((p) => !p.sent));
    return report;
  }
  const linkedChanges: JournalChange[] = [];
  const candidates: Pending<P>[] = [];
  const linked: Pending<P>[] = [];
  for (const p of pending) {
    const found = existing.get(p.doc.sourceId);
    if (found && typeof found.Id === 'string') {
      p.linked = true;
      linked.push(p);
      linkedChanges.push({ sourceId: p.doc.sourceId, state: 'done', targetId: found.Id, how: 'linkedExisting' });
      outcome({ sourceId: p.doc.sourceId, label: p.doc.label, result: 'linkedExisting', targetId: found.Id });
    } else {
      candidates.push(p);
    }
  }
  await journal.record(kind, linkedChanges);

  const { batches, heldBack } = planBatches(candidates, linked, checkAt);
  for (const p of heldBack) {
    const after = settledAfterMs(p.send);
    outcome({
      sourceId: p.doc.sourceId,
      label: p.doc.label,
      result: 'failed',
      error: {
        code: 'in_flight',
        message: Number.isFinite(after)
          ? `An earlier export of it may still be saved by QuickBooks Online until ${format.clockTime(after, true)}. Export it again after that time; it is checked first and will not be created twice.`
          : 'An earlier export of it may still be saved by QuickBooks Online. Export it again in a few minutes; it is checked first and will not be created twice.',
      },
    });
  }
  progress();

  // 3. Batches.
  for (let b = 0; b < batches.length; b++) {
    if (signal?.aborted) {
      report.cancelled = true;
      break;
    }
    const batch = batches[b];
    const ids = batch.members.map((p, k) => ({ bId: `d${k + 1}`, requestId: p.requestId }));
    const items: BatchItem[] = batch.members.map((p, k) => ({ bId: ids[k].bId, operation: 'create', entity: spec.entity, body: p.doc.payload }));
    const requestId = batch.replay ? batch.requestId : await batchRequestId(ids);
    const open = batch.members.filter((p) => !p.linked);
    // Sent, with the batch it went in and when: a reload can then resend exactly this batch,
    // or wait until it can no longer commit. Renewed while the call (and its retries) lasts.
    const mark = () =>
      journal.record(
        kind,
        batch.members.flatMap((p, k) =>
          p.linked ? [] : [{ sourceId: p.doc.sourceId, state: 'sent' as const, requestId: inBatchRequestId(p.requestId, { batchRequestId: requestId, bId: `d${k + 1}`, size: batch.members.length, sentAtMs: now() }) }],
        ),
      );
    await mark();
    open.forEach((p) => (p.sent = true));

    let answers: BatchItemResult[];
    let beat: Promise<void> = Promise.resolve();
    const heartbeat = setInterval(() => {
      beat = beat.then(mark).catch(() => undefined);
    }, SEND_HEARTBEAT_MS);
    try {
      report.writeRequests++;
      answers = await gateway.batch(items, { requestId });
    } catch (e) {
      clearInterval(heartbeat);
      await beat;
      // Every attempt went out before now: the window is counted from here.
      await mark().catch(() => undefined);
      stop(e, open, batches.slice(b + 1).flatMap((x) => x.members.filter((p) => !p.linked)));
      return report;
    }
    clearInterval(heartbeat);
    await beat;
    await settleBatch(spec, gateway, open, items.filter((_, k) => !batch.members[k].linked), answers, outcome, deps);
    progress();
  }
  return report;
}

async function settleBatch<P extends object>(
  spec: ExportSpec<P>,
  gateway: BillingGateway,
  batch: readonly Pending<P>[],
  items: readonly BatchItem[],
  answers: readonly BatchItemResult[],
  outcome: (o: DocumentOutcome) => void,
  deps: BillingExportDeps,
): Promise<void> {
  const byBId = new Map(answers.map((a) => [a.bId, a]));
  const changes: JournalChange[] = [];
  const recheck: Array<{ p: Pending<P>; error: QboFaultError }> = [];
  batch.forEach((p, k) => {
    const answer = byBId.get(items[k].bId);
    const { sourceId, label } = p.doc;
    if (answer?.ok && answer.type === 'entity' && typeof answer.value.Id === 'string') {
      changes.push({ sourceId, state: 'done', targetId: answer.value.Id, how: 'created' });
      outcome({ sourceId, label, result: 'created', targetId: answer.value.Id });
      return;
    }
    if (answer && !answer.ok && spec.mayAlreadyExist(answer.error)) {
      recheck.push({ p, error: answer.error });
      return;
    }
    if (answer && !answer.ok && answer.error.kind !== 'badResponse') {
      // A definitive refusal: this requestid is spent (QBO would replay the fault), so the
      // journal marks it failed and the next attempt derives a new one.
      const error = { code: answer.error.code || answer.error.kind, message: spec.describeFault(p.doc, answer.error) };
      changes.push({ sourceId, state: 'failed', error: { ...error, intuitTid: answer.error.intuitTid } });
      outcome({ sourceId, label, result: 'failed', error });
      return;
    }
    // No readable answer for this item: the outcome is unknown, so it stays `sent` and the
    // next run settles it by fingerprint — at once, since the batch did answer and so can no
    // longer commit anything.
    changes.push({ sourceId, state: 'sent', requestId: answeredRequestId(p.requestId) });
    outcome({
      sourceId,
      label,
      result: 'failed',
      error: { code: 'unknown_outcome', message: 'QuickBooks Online gave no readable answer for it. Export it again: QuickBooks Online is checked first, so it will not be created twice.' },
    });
  });

  if (recheck.length > 0) {
    let found = new Map<string, QboRecord>();
    let lookupError: unknown;
    try {
      found = await spec.findExisting(gateway, recheck.map((r) => r.p.doc));
    } catch (e) {
      lookupError = e;
    }
    for (const { p, error } of recheck) {
      const { sourceId, label } = p.doc;
      const hit = found.get(sourceId);
      if (hit && typeof hit.Id === 'string') {
        changes.push({ sourceId, state: 'done', targetId: hit.Id, how: 'linkedExisting' });
        outcome({ sourceId, label, result: 'linkedExisting', targetId: hit.Id });
      } else if (lookupError) {
        changes.push({ sourceId, state: 'sent', requestId: answeredRequestId(p.requestId) });
        outcome({ sourceId, label, result: 'failed', error: { code: 'unknown_outcome', message: `${spec.describeFault(p.doc, error)} (Checking QuickBooks Online for it failed too: ${errorInfo(lookupError).message})` } });
      } else {
        const e = { code: error.code || error.kind, message: spec.describeFault(p.doc, error) };
        changes.push({ sourceId, state: 'failed', error: e });
        outcome({ sourceId, label, result: 'failed', error: e });
      }
    }
  }
  await deps.journal.record(spec.kind, changes);
}
