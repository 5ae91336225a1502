/**
 * What the user reads after Export to QBO and Import from QBO: a headline with the counts, then
 * one line per entity that failed or was changed on the way (mapping warnings), and the offers
 * to link to QBO entities that already have the name.
 */
import type { ExportResult } from '../../sync/jobs/execute-export';
import type { ImportResult } from '../../sync/jobs/execute-import';
import type { EntityWords } from '../../sync/jobs/match-spec';
import type { JobReport } from './job-report';

const n = (count: number, one: string, many: string) => `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;

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
