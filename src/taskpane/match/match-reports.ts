/**
 * What the user reads after Export to QBO and Import from QBO: a headline with the counts, then
 * one line per entity that failed or was changed on the way (mapping warnings), and the offers
 * to link to QBO entities that already have the name; after an interrupted run was finished on
 * open, what that did; and, while someone else runs the same export, who and since when.
 */
import type { ExportResult } from '../../sync/jobs/execute-export';
import type { ImportResult } from '../../sync/jobs/execute-import';
import type { EntityWords } from '../../sync/jobs/match-spec';
import type { ResumeReport } from '../../sync/jobs/resume-entity-runs';
import type { RunHolder } from '../../sync/jobs/run-guard';
import type { JobReport } from './job-report';
import { formatInstant, formatNumber } from '../shared/locale-format';

const n = (count: number, one: string, many: string) => `${formatNumber(count)} ${count === 1 ? one : many}`;

function linkFailure(error: unknown): string {
  const why = error instanceof Error ? error.message : String(error);
  return `They were created but could not be linked: ${why} Link them by hand (highlight both, click Link).`;
}

export function buildExportReport<Q>(words: EntityWords, r: ExportResult<Q>): JobReport {
  const parts = [`Exported ${n(r.created.length, words.ot, words.otPlural)} to QuickBooks Online and linked them.`];
  if (r.nameTaken.length) parts.push(`${n(r.nameTaken.length, 'name is', 'names are')} already taken in QuickBooks Online.`);
  if (r.failed.length) parts.push(`${n(r.failed.length, words.ot, words.otPlural)} could not be exported.`);
  if (r.alreadyLinked.length) parts.push(`${n(r.alreadyLinked.length, 'was', 'were')} already linked.`);
  if (r.linkError !== undefined) parts.push(linkFailure(r.linkError));
  const rows = [
    ...r.failed.map((f) => f.message),
    ...r.created.flatMap((c) => c.warnings.map((w) => `"${c.name}": ${w.message}`)),
    ...r.alreadyLinked.map((f) => f.message),
  ];
  const bad = r.failed.length > 0 || r.linkError !== undefined;
  return {
    type: bad && r.created.length === 0 ? 'error' : bad || r.nameTaken.length > 0 || rows.length > 0 ? 'warning' : 'success',
    headline: parts.join(' '),
    rows,
    offers: r.nameTaken,
  };
}

export function buildImportReport<OT>(words: EntityWords, r: ImportResult<OT>): JobReport {
  const parts = [`Imported ${n(r.created.length, words.qbo, words.qboPlural)} into OfficeTools and linked them.`];
  if (r.failed.length) parts.push(`${n(r.failed.length, words.qbo, words.qboPlural)} could not be imported.`);
  if (r.alreadyLinked.length) parts.push(`${n(r.alreadyLinked.length, 'was', 'were')} already linked.`);
  if (r.linkError !== undefined) parts.push(linkFailure(r.linkError));
  const rows = [...r.failed.map((f) => f.message), ...r.alreadyLinked.map((f) => f.message)];
  const bad = r.failed.length > 0 || r.linkError !== undefined;
  return {
    type: bad && r.created.length === 0 ? 'error' : bad || rows.length > 0 ? 'warning' : 'success',
    headline: parts.join(' '),
    rows,
    offers: [],
  };
}

function clock(iso: string | undefined): string {
  const t = iso ? Date.parse(iso) : NaN;
  if (!Number.isFinite(t)) return '';
  const d = new Date(t);
  const sameDay = d.toDateString() === new Date().toDateString();
  return `${sameDay ? '' : `${formatInstant(d, { month: 'short', day: 'numeric' })}, `}${formatInstant(d, { hour: 'numeric', minute: '2-digit' })}`;
}

/** What the tab says after finishing an export or import that a reload or a closed panel cut off. */
export function buildResumeReport(words: EntityWords, r: ResumeReport): JobReport {
  const exported = r.direction === 'export';
  const total = r.linked.length + r.alreadyLinked.length + r.notCreated.length + r.waiting.length + r.failed.length;
  const started = r.runs.map((run) => `${run.by}${clock(run.at) ? ` at ${clock(run.at)}` : ''}`).join(', ');
  const what = exported ? `An export of ${words.otPlural} to QuickBooks Online` : `An import of QuickBooks Online ${words.qboPlural} into OfficeTools`;
  const left = exported ? n(total, words.ot, words.otPlural) : n(total, words.qbo, words.qboPlural);
  const parts = [`${what}${started ? ` (started by ${started})` : ''} was interrupted before it finished. It has been completed now for the ${left} it had not finished:`];
  const made = exported ? n(r.linked.length, `${words.qbo} created in QuickBooks Online is`, `${words.qboPlural} created in QuickBooks Online are`) : n(r.linked.length, `${words.ot} created in OfficeTools is`, `${words.otPlural} created in OfficeTools are`);
  const done = [`${made} now linked`];
  if (r.alreadyLinked.length) done.push(`${n(r.alreadyLinked.length, 'was', 'were')} already linked`);
  if (r.notCreated.length) done.push(`${n(r.notCreated.length, exported ? words.ot : words.qbo, exported ? words.otPlural : words.qboPlural)} ${r.notCreated.length === 1 ? 'was' : 'were'} not created — ${exported ? 'export' : 'import'} ${r.notCreated.length === 1 ? 'it' : 'them'} again`);
  if (r.waiting.length) done.push(`${n(r.waiting.length, 'is', 'are')} checked again later`);
  if (r.failed.length) done.push(`${n(r.failed.length, 'needs', 'need')} your attention`);
  parts.push(`${done.join('; ')}. Nothing was created twice.`);
  const rows = [...r.failed, ...r.waiting].map((p) => `"${p.name}": ${p.message}`);
  return { type: r.failed.length || r.waiting.length ? 'warning' : 'success', headline: parts.join(' '), rows, offers: [] };
}

/** What a tab says while another page or staff member runs the same export or import. */
export function runningElsewhereReport(words: EntityWords, direction: 'export' | 'import', holder: RunHolder): JobReport {
  const since = clock(holder.since);
  const who = holder.sameBrowser && holder.name === 'Another window of this browser' ? 'Another window of this browser' : `${holder.name}${holder.sameBrowser ? ' (in another window of this browser)' : ''}`;
  const doing = direction === 'export' ? `exporting ${words.otPlural} to QuickBooks Online` : `importing QuickBooks Online ${words.qboPlural} into OfficeTools`;
  return {
    type: 'info',
    headline: `${who} is ${doing}${since ? ` since ${since}` : ''}. Only one ${direction} of ${words.otPlural} runs at a time, so nothing was started here. This tab shows the result as soon as it finishes.`,
    rows: [],
    offers: [],
  };
}
