/**
 * The links file: a versioned JSON document a user can save and load again (on another
 * computer, or after clearing the browser). Parsing checks every row and names the bad ones;
 * it never half-reads a file. One-to-one against the links already stored is the store's
 * check (`LinkStore.importLinks`), since only it knows them.
 */
import type { LinkKind, LinkOrigin, LinkRecord } from './schema';

export const LINK_FILE_FORMAT = 'qbo-sync-officetools/links';
export const LINK_FILE_VERSION = 1;

export const LINK_KINDS: readonly LinkKind[] = ['contact', 'employee', 'workCode', 'expenseCode'];
export const LINK_ORIGINS: readonly LinkOrigin[] = ['manual', 'automatch', 'export', 'import', 'rebuild'];

export interface LinkFileRow {
  kind: LinkKind;
  otId: string;
  qboId: string;
  origin: LinkOrigin;
  createdAt: string;
  createdBy: string;
  syncToken?: string;
  pushedHash?: string;
  syncedFields?: Record<string, string | number | boolean | null>;
}

export interface LinkFileDocument {
  format: typeof LINK_FILE_FORMAT;
  version: typeof LINK_FILE_VERSION;
  /** The QBO company the links belong to: a file is only loaded into the same company. */
  realmId: string;
  exportedAt: string;
  exportedBy: string;
  links: LinkFileRow[];
}

export type LinkFileErrorCode = 'not_json' | 'wrong_format' | 'unsupported_version' | 'bad_rows' | 'realm_mismatch';

export interface LinkFileProblem {
  /** 1-based position in the file's `links` list. */
  row: number;
  message: string;
}

export class LinkFileError extends Error {
  readonly code: LinkFileErrorCode;
  readonly problems: readonly LinkFileProblem[];
  constructor(code: LinkFileErrorCode, message: string, problems: LinkFileProblem[] = []) {
    super(message);
    this.name = 'LinkFileError';
    this.code = code;
    this.problems = problems;
  }
}

export function toLinkFileRow(link: LinkRecord): LinkFileRow {
  const row: LinkFileRow = {
    kind: link.kind,
    otId: link.otId,
    qboId: link.qboId,
    origin: link.origin,
    createdAt: link.createdAt,
    createdBy: link.createdBy,
  };
  if (link.syncToken !== undefined) row.syncToken = link.syncToken;
  if (link.pushedHash !== undefined) row.pushedHash = link.pushedHash;
  if (link.syncedFields !== undefined) row.syncedFields = link.syncedFields;
  return row;
}

export function buildLinkFile(
  realmId: string,
  links: readonly LinkRecord[],
  meta: { exportedAt: string; exportedBy: string },
): LinkFileDocument {
  return {
    format: LINK_FILE_FORMAT,
    version: LINK_FILE_VERSION,
    realmId,
    exportedAt: meta.exportedAt,
    exportedBy: meta.exportedBy,
    links: links.map(toLinkFileRow),
  };
}

export function serializeLinkFile(doc: LinkFileDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** A file name that says what and whose: `qbo-links-<realmId>-<YYYY-MM-DD>.json`. */
export function linkFileName(realmId: string, date: string): string {
  return `qbo-links-${realmId}-${date.slice(0, 10)}.json`;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function isScalarMap(value: unknown): value is Record<string, string | number | boolean | null> {
  return (
    isObject(value) &&
    Object.values(value).every((v) => v === null || ['string', 'number', 'boolean'].includes(typeof v))
  );
}

function checkRow(raw: unknown, row: number, problems: LinkFileProblem[]): LinkFileRow | undefined {
  if (!isObject(raw)) {
    problems.push({ row, message: `Row ${row} is not a link.` });
    return undefined;
  }
  const bad: string[] = [];
  if (!LINK_KINDS.includes(raw.kind as LinkKind)) bad.push(`kind "${String(raw.kind)}" is not one of ${LINK_KINDS.join(', ')}`);
  if (!nonEmpty(raw.otId)) bad.push('the OfficeTools id is missing');
  if (!(typeof raw.qboId === 'string' && /^\d+$/.test(raw.qboId))) bad.push(`the QuickBooks id "${String(raw.qboId)}" is not a QBO Id`);
  if (!LINK_ORIGINS.includes(raw.origin as LinkOrigin)) bad.push(`origin "${String(raw.origin)}" is unknown`);
  if (!nonEmpty(raw.createdAt) || Number.isNaN(Date.parse(raw.createdAt))) bad.push('createdAt is not a date');
  if (typeof raw.createdBy !== 'string') bad.push('createdBy is missing');
  if (raw.syncToken !== undefined && !(typeof raw.syncToken === 'string' && /^\d+$/.test(raw.syncToken))) {
    bad.push('syncToken is not a digit string');
  }
  if (raw.pushedHash !== undefined && typeof raw.pushedHash !== 'string') bad.push('pushedHash is not text');
  if (raw.syncedFields !== undefined && !isScalarMap(raw.syncedFields)) bad.push('syncedFields is not a map of plain values');
  if (bad.length > 0) {
    problems.push({ row, message: `Row ${row}: ${bad.join('; ')}.` });
    return undefined;
  }
  const out: LinkFileRow = {
    kind: raw.kind as LinkKind,
    otId: raw.otId as string,
    qboId: raw.qboId as string,
    origin: raw.origin as LinkOrigin,
    createdAt: raw.createdAt as string,
    createdBy: raw.createdBy as string,
  };
  if (raw.syncToken !== undefined) out.syncToken = raw.syncToken as string;
  if (raw.pushedHash !== undefined) out.pushedHash = raw.pushedHash as string;
  if (raw.syncedFields !== undefined) out.syncedFields = raw.syncedFields as LinkFileRow['syncedFields'];
  return out;
}

/** Reads and checks a links file; throws LinkFileError naming every bad row. */
export function parseLinkFile(text: string): LinkFileDocument {
  let raw: unknown;
  try {
    raw = JSON.parse(text) as unknown;
  } catch {
    throw new LinkFileError('not_json', 'This file is not a links file (it is not JSON). Choose a file exported from the Match tabs.');
  }
  if (!isObject(raw) || raw.format !== LINK_FILE_FORMAT) {
    throw new LinkFileError('wrong_format', 'This file is not a links file exported by QBO Sync for OfficeTools.');
  }
  if (raw.version !== LINK_FILE_VERSION) {
    throw new LinkFileError(
      'unsupported_version',
      `This links file has version ${String(raw.version)}; this add-in reads version ${LINK_FILE_VERSION}. Update the add-in, or export the links again.`,
    );
  }
  if (!nonEmpty(raw.realmId) || !Array.isArray(raw.links)) {
    throw new LinkFileError('wrong_format', 'This links file is incomplete: it has no company id or no links list.');
  }
  const problems: LinkFileProblem[] = [];
  const links = raw.links.map((r, i) => checkRow(r, i + 1, problems));
  if (problems.length > 0) {
    throw new LinkFileError(
      'bad_rows',
      `Nothing was imported: ${problems.length} row(s) of the file are not valid links. ${problems
        .slice(0, 5)
        .map((p) => p.message)
        .join(' ')}`,
      problems,
    );
  }
  return {
    format: LINK_FILE_FORMAT,
    version: LINK_FILE_VERSION,
    realmId: raw.realmId,
    exportedAt: typeof raw.exportedAt === 'string' ? raw.exportedAt : '',
    exportedBy: typeof raw.exportedBy === 'string' ? raw.exportedBy : '',
    links: links as LinkFileRow[],
  };
}
