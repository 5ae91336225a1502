/**
 * Import Payments, the I/O half: records each planned QBO payment in OfficeTools through the
 * host (`payments.create`). The fingerprint on this side is the payment's origin
 * `{system:'qbo', realmId, qboId}`, which the shell keeps unique (a second import is refused
 * with a conflict): before creating, the host's payments are searched for it, and after any
 * failed create they are searched again, so a lost answer or a second staff member ends as
 * `linkedExisting`, never as a second payment.
 */
import type { Payment, PaymentInput } from '../host/protocol';
import { isHostRequestError } from '../host/host-request-error';
import type { BillingHost, BillingImportDeps } from './billing-ports';
import type { BillingPlan, BillingRunReport, DocumentOutcome, JournalChange, PlannedDocument } from './billing-types';
import { firstRequestId, renewedRequestId } from './document-markers';
import { baseRequestId } from './in-flight';

/** Payments per progress step and Cancel check. */
const STEP = 30;

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The OfficeTools payment recorded from QBO payment `qboId` of this company, if any. */
async function findImported(host: BillingHost, realmId: string, contactId: string | undefined): Promise<Map<string, Payment>> {
  const payments = await host.request('payments.list', contactId ? { contactId } : {});
  const out = new Map<string, Payment>();
  for (const p of payments) if (p.origin.system === 'qbo' && p.origin.realmId === realmId) out.set(p.origin.qboId, p);
  return out;
}

export async function executePaymentImport(plan: BillingPlan<PaymentInput>, deps: BillingImportDeps): Promise<BillingRunReport> {
  const { host, journal, signal } = deps;
  const kind = 'paymentImport' as const;
  const report: BillingRunReport = { kind, outcomes: [], cancelled: false, writeRequests: 0 };
  const total = plan.ready.length;
  let failed = 0;
  const details = new Map(plan.ready.filter((d) => d.detail).map((d) => [d.sourceId, d.detail as string]));
  const outcome = (o: DocumentOutcome) => {
    const detail = o.result !== 'failed' ? details.get(o.sourceId) : undefined;
    report.outcomes.push(detail ? { ...o, detail } : o);
    if (o.result === 'failed') failed++;
  };
  const progress = () => deps.onProgress?.({ kind, done: report.outcomes.length, total, failed });

  const pending: PlannedDocument<PaymentInput>[] = [];
  const planned: JournalChange[] = [];
  const known = new Map((await journal.list(kind)).map((e) => [e.sourceId, e]));
  for (const doc of plan.ready) {
    const entry = known.get(doc.sourceId);
    if (entry?.state === 'done' && entry.targetId) {
      outcome({ sourceId: doc.sourceId, label: doc.label, result: 'linkedExisting', targetId: entry.targetId });
      continue;
    }
    // The shell de-duplicates by origin, not by requestid; the journal still keeps one per
    // attempt so that the history shows which attempt recorded the payment.
    if (!entry) planned.push({ sourceId: doc.sourceId, state: 'planned', requestId: await firstRequestId(journal.realmId, kind, doc.sourceId) });
    else if (entry.state === 'failed') planned.push({ sourceId: doc.sourceId, state: 'planned', requestId: await renewedRequestId(baseRequestId(entry.requestId)) });
    pending.push(doc);
  }
  await journal.record(kind, planned);
  if (signal?.aborted) {
    report.cancelled = true;
    return report;
  }

  let existing: Map<string, Payment>;
  try {
    existing = await findImported(host, journal.realmId, undefined);
  } catch (e) {
    report.stoppedBy = { code: isHostRequestError(e) ? e.code : 'unexpected', message: `OfficeTools could not list its payments: ${errorText(e)} Try again.` };
    return report;
  }

  for (let i = 0; i < pending.length; i += STEP) {
    if (signal?.aborted) {
      report.cancelled = true;
      break;
    }
    for (const doc of pending.slice(i, i + STEP)) {
      const { sourceId, label } = doc;
      const already = existing.get(sourceId);
      if (already) {
        await journal.record(kind, [{ sourceId, state: 'done', targetId: already.id, how: 'linkedExisting' }]);
        outcome({ sourceId, label, result: 'linkedExisting', targetId: already.id });
        continue;
      }
      await journal.record(kind, [{ sourceId, state: 'sent' }]);
      try {
        report.writeRequests++;
        const created = await host.request('payments.create', { input: doc.payload });
        existing.set(sourceId, created);
        await journal.record(kind, [{ sourceId, state: 'done', targetId: created.id, how: 'created' }]);
        outcome({ sourceId, label, result: 'created', targetId: created.id });
      } catch (e) {
        // A conflict ("already recorded") or a lost answer: look before deciding.
        let again: Payment | undefined;
        try {
          again = (await findImported(host, journal.realmId, doc.payload.contactId)).get(sourceId);
        } catch {
          again = undefined;
        }
        if (again) {
          existing.set(sourceId, again);
          await journal.record(kind, [{ sourceId, state: 'done', targetId: again.id, how: 'linkedExisting' }]);
          outcome({ sourceId, label, result: 'linkedExisting', targetId: again.id });
          continue;
        }
        const code = isHostRequestError(e) ? e.code : 'unexpected';
        if (code === 'timeout' || code === 'disposed') {
          // No answer: it may still be recorded. It stays `sent`; the next run looks first.
          report.stoppedBy = { code, message: `OfficeTools did not answer (${errorText(e)}). Import again: payments already recorded are recognised and not entered twice.` };
          outcome({ sourceId, label, result: 'failed', error: { code, message: `It may or may not have been recorded: ${errorText(e)} Import it again; it will not be entered twice.` } });
          progress();
          return report;
        }
        const error = { code, message: errorText(e) };
        await journal.record(kind, [{ sourceId, state: 'failed', error }]);
        outcome({ sourceId, label, result: 'failed', error });
      }
    }
    progress();
  }
  return report;
}
