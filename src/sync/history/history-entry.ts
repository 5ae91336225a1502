/**
 * One line of the firm's history (the `history` collection, replicated into the `audit` store):
 * what was done, by whom, when, and with what result. Lines are appended and never changed.
 *
 * The proxy requires only `at` and `what` (src/proxy/firm/firm-record.ts) and keeps the rest
 * as given, so the fields beyond the seed's `who/what/result/detail` are all optional: lines
 * written before they existed (the billing journal's, the proxy's connect lines, lines from
 * before replication) still read, and their kind is inferred from their words.
 */
import type { AuditRecord } from '../store/schema';
import type { HistoryWording } from './history-wording';

export const HISTORY_KINDS = [
  'entityExport',
  'entityImport',
  'documentExport',
  'documentImport',
  'linkMade',
  'linkRemoved',
  'linksCleared',
  'linksRestored',
  'automatchAccepted',
  'contactAutoUpdate',
  'connect',
  'disconnect',
  'defaultsChanged',
] as const;

export type HistoryKind = (typeof HISTORY_KINDS)[number];

export const HISTORY_KIND_LABELS: Record<HistoryKind, string> = {
  entityExport: 'Export to QuickBooks Online',
  entityImport: 'Import from QuickBooks Online',
  documentExport: 'Document export',
  documentImport: 'Document import',
  linkMade: 'Link made',
  linkRemoved: 'Link removed',
  linksCleared: 'Links cleared',
  linksRestored: 'Links restored',
  automatchAccepted: 'Automatch accepted',
  contactAutoUpdate: 'Contact auto-update',
  connect: 'Connected',
  disconnect: 'Disconnected',
  defaultsChanged: 'Account Defaults changed',
};

/** One record an operation touched, kept when cheap (bulk actions list at most MAX_HISTORY_RECORDS). */
export interface HistoryRecordDetail {
  /** OfficeTools id (contact, employee, code, invoice…). */
  otId?: string;
  qboId?: string;
  name?: string;
  result: 'ok' | 'failed';
  errorCode?: string;
  intuitTid?: string;
}

/** A history body as this add-in writes it; every field past the seed's is optional. */
export interface HistoryEntry {
  at: string;
  /** The user's display name. */
  who: string;
  what: string;
  result: 'ok' | 'failed';
  detail?: string;
  kind?: HistoryKind;
  /** The host user's id (the name can change or be shared). */
  userId?: string;
  /** The QuickBooks Id when the action concerned one record. */
  qboId?: string;
  intuitTid?: string;
  errorCode?: string;
  /** For bulk actions: how many records ended each way. */
  counts?: { ok: number; failed: number };
  records?: HistoryRecordDetail[];
  /**
   * `what` and `detail` with their counts, amounts and times kept as values, so each reader sees
   * them in their own locale (history-wording.ts); `what` and `detail` hold them in a neutral form.
   */
  wording?: HistoryWording;
}

/** A line as read back from the replica: the entry plus where it came from. */
export type HistoryLine = Omit<HistoryEntry, 'kind'> & { kind: HistoryKind | 'other'; id?: string };

/** Per-record detail is cut here so one bulk action stays far below the proxy's 256 KB body limit. */
export const MAX_HISTORY_RECORDS = 500;

const isKind = (v: unknown): v is HistoryKind => typeof v === 'string' && (HISTORY_KINDS as readonly string[]).includes(v);

/** The kind of a line, from its `kind` field or, for lines that predate it, from its words. */
export function kindOf(line: { kind?: unknown; what: string }): HistoryKind | 'other' {
  if (isKind(line.kind)) return line.kind;
  const what = line.what;
  if (what === 'connected') return 'connect';
  if (what === 'disconnected') return 'disconnect';
  // The billing journal's lines: "Export invoice 7", "Export payment 3", "Import payment 51".
  if (/^Export (invoice|payment) /.test(what)) return 'documentExport';
  if (/^Import payment /.test(what)) return 'documentImport';
  return 'other';
}

/** A replica line (AuditRecord, possibly with the extra fields above) as a HistoryLine. */
export function toHistoryLine(record: AuditRecord): HistoryLine {
  const extra = record as AuditRecord & Partial<HistoryEntry>;
  const { realmId: _realm, seq: _seq, ...rest } = extra;
  return { ...rest, result: extra.result === 'failed' ? 'failed' : 'ok', kind: kindOf(extra) };
}
