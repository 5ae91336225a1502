/**
 * The history line of each kind of operation, built from the operation's own result on plain
 * values (no I/O), so every caller words the same action the same way. Bulk actions give one
 * line with counts ("Exported 20 contacts to QuickBooks Online: 19 created, 1 failed (6240)")
 * and per-record detail up to MAX_HISTORY_RECORDS.
 *
 * Counts and times are kept as values in the line's `wording` and shown in each reader's locale;
 * `what` and `detail` store them in a neutral form (history-wording.ts says why).
 */
import type { HistoryRecordDetail } from './history-entry';
import { MAX_HISTORY_RECORDS } from './history-entry';
import type { HistoryDraft } from './history-recorder';
import { count, joinPhrases, neutralText, phrase, type HistoryPhrase } from './history-wording';

export interface EntityWordsLike {
  ot: string;
  otPlural: string;
  qbo: string;
  qboPlural: string;
}

/** A record that did not go through, as the jobs report it (RowFailure and its kin). */
export interface FailedRow {
  id: string;
  name: string;
  code: string;
  /** QBO's own error code (e.g. "6240") when QBO refused it. */
  qboCode?: string;
  intuitTid?: string;
}

const n = count;

/** The words of a line: `what` and `detail` as stored text (neutral) and as values (wording). */
function worded(what: HistoryPhrase, detail?: HistoryPhrase): Pick<HistoryDraft, 'what' | 'detail' | 'wording'> {
  return detail
    ? { what: neutralText(what), detail: neutralText(detail), wording: { what, detail } }
    : { what: neutralText(what), wording: { what } };
}

const codeOf = (f: FailedRow): string => f.qboCode || f.code;

/** "(6240)" or "(6240, 6000)": the distinct codes of the failures, for the one-line summary. */
function codesText(failed: readonly FailedRow[]): string {
  const codes = [...new Set(failed.map(codeOf))];
  return codes.length === 0 ? '' : ` (${codes.slice(0, 5).join(', ')}${codes.length > 5 ? ', …' : ''})`;
}

function firstTid(failed: readonly FailedRow[]): string | undefined {
  return failed.find((f) => f.intuitTid)?.intuitTid;
}

function capped(records: HistoryRecordDetail[]): HistoryRecordDetail[] | undefined {
  return records.length === 0 ? undefined : records.slice(0, MAX_HISTORY_RECORDS);
}

function failedDetail(f: FailedRow, side: 'ot' | 'qbo'): HistoryRecordDetail {
  return { ...(side === 'ot' ? { otId: f.id } : { qboId: f.id }), name: f.name, result: 'failed', errorCode: codeOf(f), intuitTid: f.intuitTid };
}

/** The fields shared by bulk lines: result, counts, the single id when there is one, codes. */
function bulk(
  done: number,
  failed: readonly FailedRow[],
  records: HistoryRecordDetail[],
  singleQboId: string | undefined,
): Pick<HistoryDraft, 'result' | 'counts' | 'records' | 'qboId' | 'errorCode' | 'intuitTid'> {
  return {
    result: failed.length > 0 ? 'failed' : 'ok',
    counts: { ok: done, failed: failed.length },
    records: capped(records),
    qboId: done + failed.length === 1 ? singleQboId : undefined,
    errorCode: failed.length > 0 ? codeOf(failed[0]) : undefined,
    intuitTid: firstTid(failed),
  };
}

/** One line for a Match-tab export or import: counts, failures with their codes, and a created-but-not-linked warning. */
function entityTransferHistory(
  direction: 'export' | 'import',
  words: EntityWordsLike,
  created: ReadonlyArray<{ otId: string; name: string; qboId: string }>,
  failed: readonly FailedRow[],
  linkError: string | undefined,
): HistoryDraft {
  const total = created.length + failed.length;
  const records: HistoryRecordDetail[] = [
    ...created.map((c): HistoryRecordDetail => ({ otId: c.otId, qboId: c.qboId, name: c.name, result: 'ok' })),
    ...failed.map((f) => failedDetail(f, direction === 'export' ? 'ot' : 'qbo')),
  ];
  const parts = [phrase`${n(created.length, 'created', 'created')}`];
  if (failed.length > 0) parts.push(phrase`${n(failed.length, 'failed', 'failed')}${codesText(failed)}`);
  const draft: HistoryDraft =
    direction === 'export'
      ? {
          kind: 'entityExport',
          ...worded(phrase`Exported ${n(total, words.ot, words.otPlural)} to QuickBooks Online: ${joinPhrases(parts, ', ')}`),
          ...bulk(created.length, failed, records, created[0]?.qboId),
        }
      : {
          kind: 'entityImport',
          ...worded(phrase`Imported ${n(total, words.qbo, words.qboPlural)} from QuickBooks Online: ${joinPhrases(parts, ', ')}`),
          ...bulk(created.length, failed, records, created[0]?.qboId ?? failed[0]?.id),
        };
  if (linkError) {
    // Created but not linked: the one thing a later reader most needs to know.
    draft.result = 'failed';
    draft.errorCode = draft.errorCode ?? 'link_failed';
    draft.detail = `The created ${direction === 'export' ? words.qboPlural : words.otPlural} could not be linked: ${linkError}`;
  }
  return draft;
}

export function entityExportHistory(
  words: EntityWordsLike,
  created: ReadonlyArray<{ otId: string; name: string; qboId: string }>,
  failed: readonly FailedRow[],
  linkError?: string,
): HistoryDraft {
  return entityTransferHistory('export', words, created, failed, linkError);
}

export function entityImportHistory(
  words: EntityWordsLike,
  created: ReadonlyArray<{ qboId: string; name: string; otId: string }>,
  failed: readonly FailedRow[],
  linkError?: string,
): HistoryDraft {
  return entityTransferHistory('import', words, created, failed, linkError);
}

/** What resume-entity-runs.ts did with a run a reload cut off (the fields of its ResumeReport it reads). */
export interface InterruptedRunOutcome {
  runs: ReadonlyArray<{ by: string; at: string }>;
  linked: ReadonlyArray<{ otId: string; qboId: string; name: string }>;
  alreadyLinked: ReadonlyArray<{ otId: string; qboId: string; name: string }>;
  notCreated: ReadonlyArray<{ id: string; name: string; code: string }>;
  waiting: ReadonlyArray<{ id: string; name: string; code: string }>;
  failed: ReadonlyArray<{ id: string; name: string; code: string }>;
}

/** One line for an interrupted Match-tab export or import that the next open finished. */
export function interruptedRunHistory(direction: 'export' | 'import', words: EntityWordsLike, o: InterruptedRunOutcome): HistoryDraft {
  const side = direction === 'export' ? 'ot' : 'qbo';
  const started = joinPhrases(
    o.runs.map((r) => phrase`${r.by} at ${{ instant: r.at }}`),
    '; ',
  );
  const parts = [phrase`${n(o.linked.length, 'linked now', 'linked now')}`];
  if (o.alreadyLinked.length) parts.push(phrase`${n(o.alreadyLinked.length, 'already linked', 'already linked')}`);
  if (o.notCreated.length) parts.push(phrase`${n(o.notCreated.length, 'not created', 'not created')}`);
  if (o.waiting.length) parts.push(phrase`${n(o.waiting.length, 'still to check', 'still to check')}`);
  if (o.failed.length) parts.push(phrase`${n(o.failed.length, 'failed', 'failed')}${codesText(o.failed)}`);
  const records: HistoryRecordDetail[] = [
    ...o.linked.map((c): HistoryRecordDetail => ({ otId: c.otId, qboId: c.qboId, name: c.name, result: 'ok' })),
    ...o.failed.map((f) => failedDetail(f, side)),
  ];
  const total = o.linked.length + o.alreadyLinked.length + o.notCreated.length + o.waiting.length + o.failed.length;
  const plural = direction === 'export' ? n(total, words.ot, words.otPlural) : n(total, words.qbo, words.qboPlural);
  return {
    kind: direction === 'export' ? 'entityExport' : 'entityImport',
    ...worded(
      phrase`Finished an interrupted ${direction} of ${plural}: ${joinPhrases(parts, ', ')}`,
      o.runs.length > 0 ? phrase`Started by ${started}; a reload or a closed panel cut it off, and it was finished when the tab opened again.` : undefined,
    ),
    result: o.failed.length > 0 ? 'failed' : 'ok',
    counts: { ok: o.linked.length + o.alreadyLinked.length, failed: o.failed.length + o.notCreated.length },
    records: capped(records),
    qboId: o.linked.length === 1 && total === 1 ? o.linked[0].qboId : undefined,
    errorCode: o.failed[0] ? codeOf(o.failed[0]) : undefined,
  };
}

export interface LinkPair {
  otId: string;
  qboId: string;
  name?: string;
}

function pairRecords(pairs: readonly LinkPair[]): HistoryRecordDetail[] {
  return pairs.map((p) => ({ otId: p.otId, qboId: p.qboId, name: p.name, result: 'ok' }));
}

function pairsLine(
  kind: 'linkMade' | 'linkRemoved' | 'linksCleared' | 'linksRestored' | 'automatchAccepted',
  what: HistoryPhrase,
  pairs: readonly LinkPair[],
): HistoryDraft {
  return { kind, ...worded(what), result: 'ok', counts: { ok: pairs.length, failed: 0 }, records: capped(pairRecords(pairs)), qboId: pairs.length === 1 ? pairs[0].qboId : undefined };
}

function pairPhrase(words: EntityWordsLike, pairs: readonly LinkPair[]): HistoryPhrase {
  if (pairs.length === 1) {
    const p = pairs[0];
    return phrase`${words.ot} ${p.name ? `"${p.name}"` : p.otId} and QuickBooks Online ${words.qbo} ${p.qboId}`;
  }
  return phrase`${n(pairs.length, words.ot, words.otPlural)}`;
}

export const linkMadeHistory = (words: EntityWordsLike, pairs: readonly LinkPair[]): HistoryDraft =>
  pairsLine('linkMade', phrase`Linked ${pairPhrase(words, pairs)}`, pairs);

export const linkRemovedHistory = (words: EntityWordsLike, pairs: readonly LinkPair[]): HistoryDraft =>
  pairsLine('linkRemoved', phrase`Unlinked ${pairPhrase(words, pairs)}`, pairs);

export const linksClearedHistory = (words: EntityWordsLike, pairs: readonly LinkPair[]): HistoryDraft =>
  pairsLine('linksCleared', phrase`Cleared all ${words.ot} links: ${n(pairs.length, 'link', 'links')} removed`, pairs);

export const linksRestoredHistory = (words: EntityWordsLike, pairs: readonly LinkPair[]): HistoryDraft =>
  pairsLine('linksRestored', phrase`Restored ${n(pairs.length, words.ot + ' link', words.ot + ' links')} (Undo of Clear all links)`, pairs);

export function automatchAcceptedHistory(words: EntityWordsLike, pairs: readonly LinkPair[], skipped: number): HistoryDraft {
  const what = phrase`Automatch: linked ${n(pairs.length, words.ot, words.otPlural)}`;
  const draft = pairsLine('automatchAccepted', what, pairs);
  return skipped > 0 ? { ...draft, ...worded(what, phrase`${n(skipped, 'proposal was', 'proposals were')} left out because a side was linked meanwhile.`) } : draft;
}

/** What contact auto-update did with one change (the executor's DrainOutcome, with the contact's name). */
export type ContactUpdateOutcome =
  | { result: 'created'; contactId: string; name: string; qboId: string }
  | { result: 'linked'; contactId: string; name: string; qboId: string }
  | { result: 'updated'; contactId: string; name: string; qboId: string; sent: readonly string[] }
  | { result: 'conflict'; contactId: string; name: string; qboId: string; message: string }
  | { result: 'failed'; contactId: string; name: string; code: string; message: string; intuitTid?: string };

export function contactAutoUpdateHistory(o: ContactUpdateOutcome): HistoryDraft {
  const who = `"${o.name}"`;
  switch (o.result) {
    case 'created':
      return { kind: 'contactAutoUpdate', what: `Contact ${who} sent to QuickBooks Online as new customer ${o.qboId}`, result: 'ok', qboId: o.qboId, records: [{ otId: o.contactId, qboId: o.qboId, name: o.name, result: 'ok' }] };
    case 'linked':
      return {
        kind: 'contactAutoUpdate',
        what: `Contact ${who} linked to the existing QuickBooks Online customer ${o.qboId} of the same name`,
        result: 'ok',
        qboId: o.qboId,
        detail: "Nothing was sent: the customer's data in QuickBooks Online was kept.",
        records: [{ otId: o.contactId, qboId: o.qboId, name: o.name, result: 'ok' }],
      };
    case 'updated':
      return {
        kind: 'contactAutoUpdate',
        what: o.sent.length > 0 ? `Contact ${who} updated in QuickBooks Online (customer ${o.qboId})` : `Contact ${who} already matched QuickBooks Online (customer ${o.qboId})`,
        result: 'ok',
        qboId: o.qboId,
        detail: o.sent.length > 0 ? `Sent: ${o.sent.join(', ')}` : undefined,
        records: [{ otId: o.contactId, qboId: o.qboId, name: o.name, result: 'ok' }],
      };
    case 'conflict':
      return { kind: 'contactAutoUpdate', what: `Contact ${who} waits for a decision`, result: 'failed', qboId: o.qboId, errorCode: 'conflict', detail: o.message, records: [{ otId: o.contactId, qboId: o.qboId, name: o.name, result: 'failed', errorCode: 'conflict' }] };
    case 'failed':
      return {
        kind: 'contactAutoUpdate',
        what: `Contact ${who} not sent to QuickBooks Online`,
        result: 'failed',
        errorCode: o.code,
        intuitTid: o.intuitTid,
        detail: o.message,
        records: [{ otId: o.contactId, name: o.name, result: 'failed', errorCode: o.code, intuitTid: o.intuitTid }],
      };
  }
}

/** Account Defaults saved: the names of the settings that changed, old → new where short. */
export function defaultsChangedHistory(changes: ReadonlyArray<{ label: string; from: string; to: string }>): HistoryDraft {
  const detail = changes.map((c) => `${c.label}: ${c.from || 'None'} → ${c.to || 'None'}`).join('; ');
  return {
    kind: 'defaultsChanged',
    what: `Changed Account Defaults: ${changes.map((c) => c.label).join(', ') || 'no values'}`,
    result: 'ok',
    detail: detail || undefined,
  };
}
