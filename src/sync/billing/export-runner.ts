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
import type { QboFaultError } from '../qbo/errors';
import { isQboFaultError } from '../qbo/errors';
import type { BatchItem, BatchItemResult, QboRecord } from '../qbo/gateway';
import type { BillingExportDeps, BillingGateway } from './billing-ports';
import type { BillingPlan, BillingRunReport, DocumentOutcome, JournalChange, PlannedDocument } from './billing-types';
import { batchRequestId, firstRequestId, renewedRequestId } from './document-markers';

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
  requestId: string;
  sent: boolean;
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

export async function runExport<P extends object>(
  spec: ExportSpec<P>,
  plan: BillingPlan<P>,
  deps: BillingExportDeps,
): Promise<BillingRunReport> {
  const { gateway, journal, signal } = deps;
  const kind = spec.kind;
  const report: BillingRunReport = { kind, outcomes: [], cancelled: false, writeRequests: 0 };
  const total = plan.ready.length;
  let failed = 0;
  const progress = () => deps.onProgress?.({ kind, done: report.outcomes.length, total, failed });
  const outcome = (o: DocumentOutcome) => {
    report.outcomes.push(o);
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
    else if (entry.state === 'failed') requestId = await renewedRequestId(entry.requestId);
    else requestId = entry.requestId;
    if (!entry || entry.state === 'failed') planned.push({ sourceId: doc.sourceId, state: 'planned', requestId });
    pending.push({ doc, requestId, sent: entry?.state === 'sent' });
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
          message: `${p.doc.label} may or may not have reached QuickBooks Online: ${why.message} Export it again: QuickBooks Online is checked first, so it will not be created twice.`,
        },
      });
    }
    for (const p of notSent) {
      outcome({
        sourceId: p.doc.sourceId,
        label: p.doc.label,
        result: 'failed',
        error: { code: 'not_sent', message: `${p.doc.label} was not sent because the export stopped: ${why.message}` },
      });
    }
    progress();
  };

  if (signal?.aborted) {
    report.cancelled = true;
    return report;
  }

  // 2. Fingerprints in QBO, before sending anything.
  let existing: Map<string, QboRecord>;
  try {
    existing = await spec.findExisting(gateway, pending.map((p) => p.doc));
  } catch (e) {
    stop(e, pending.filter((p) => p.sent), pending.filter((p) => !p.sent));
    return report;
  }
  const linked: JournalChange[] = [];
  const toSend: Pending<P>[] = [];
  for (const p of pending) {
    const found = existing.get(p.doc.sourceId);
    if (found && typeof found.Id === 'string') {
      linked.push({ sourceId: p.doc.sourceId, state: 'done', targetId: found.Id, how: 'linkedExisting' });
      outcome({ sourceId: p.doc.sourceId, label: p.doc.label, result: 'linkedExisting', targetId: found.Id });
    } else {
      toSend.push(p);
    }
  }
  await journal.record(kind, linked);
  progress();

  // 3. Batches.
  const batches = chunk(toSend, MAX_BATCH_ITEMS);
  for (let b = 0; b < batches.length; b++) {
    if (signal?.aborted) {
      report.cancelled = true;
      break;
    }
    const batch = batches[b];
    const ids = batch.map((p, k) => ({ bId: `d${k + 1}`, requestId: p.requestId }));
    const items: BatchItem[] = batch.map((p, k) => ({ bId: ids[k].bId, operation: 'create', entity: spec.entity, body: p.doc.payload }));
    const requestId = await batchRequestId(ids);
    await journal.record(kind, batch.filter((p) => !p.sent).map((p) => ({ sourceId: p.doc.sourceId, state: 'sent' as const })));
    batch.forEach((p) => (p.sent = true));

    let answers: BatchItemResult[];
    try {
      report.writeRequests++;
      answers = await gateway.batch(items, { requestId });
    } catch (e) {
      stop(e, batch, batches.slice(b + 1).flat());
      return report;
    }
    await settleBatch(spec, gateway, batch, items, answers, outcome, deps);
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
      changes.push({ sourceId, state: 'failed', error });
      outcome({ sourceId, label, result: 'failed', error });
      return;
    }
    // No readable answer for this item: the outcome is unknown, so it stays `sent` and the
    // next run settles it by fingerprint.
    outcome({
      sourceId,
      label,
      result: 'failed',
      error: { code: 'unknown_outcome', message: `QuickBooks Online gave no readable answer for ${label}. Export it again: QuickBooks Online is checked first, so it will not be created twice.` },
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
