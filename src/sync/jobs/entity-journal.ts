/**
 * The journal of the Match tabs' exports and imports: one entry per OfficeTools entity exported
 * (or QBO entity imported), written BEFORE anything is sent and replicated to the firm like the
 * billing journal (same `documents` collection, kinds `<linkKind>Export` / `<linkKind>Import`).
 * A reload, a crash or a closed panel mid-run leaves entries that say how far each entity got,
 * and resume-entity-runs.ts finishes them on the next open:
 *
 *   planned → sent (with the batch it went in) → created (with the Id on the other side) → linked
 *                                              ↘ failed (with why)
 *
 * `name` is the entity's fingerprint on the other side: the QBO name QBO keeps unique
 * (DisplayName for customers and employees, Name for items) for exports, the OfficeTools name
 * for imports. Requestids are derived from the entity alone, so a second computer derives the
 * same one; a new one is derived after an attempt ended (QBO would replay the old answer).
 */
import { sha256Hex } from '../billing/document-markers';
import type { DocumentRecord, EntityTransferKind, LinkKind } from '../store/schema';

export type { EntityTransferKind } from '../store/schema';

export type EntityJournalState = 'planned' | 'sent' | 'created' | 'linked' | 'failed';

/** The batch an export entry was last sent in: resending exactly it makes QBO replay its answer. */
export interface SentBatch {
  requestId: string;
  bId: string;
  size: number;
  /** When it was (last) sent, ms since the epoch. */
  sentAtMs: number;
}

/** Who started a run and when: the resume's report names them. */
export interface RunInfo {
  id: string;
  by: string;
  /** ISO time. */
  at: string;
}

export interface EntityJournalEntry {
  kind: EntityTransferKind;
  /** OfficeTools id for exports, QBO Id for imports. */
  sourceId: string;
  /** The fingerprint on the other side (see above). */
  name: string;
  /** This entity's QBO requestid (exports); a stable id of the attempt (imports). */
  requestId: string;
  state: EntityJournalState;
  /** The Id on the other side once created. */
  targetId?: string;
  batch?: SentBatch;
  /** Imports: the name fields of what was sent to OfficeTools (companyName, lastName, number…). */
  fields?: Record<string, string>;
  run: RunInfo;
  error?: { code: string; message: string };
  updatedAt: string;
}

export type EntityJournalWrite = Omit<EntityJournalEntry, 'updatedAt'>;

export interface EntityJournal {
  readonly realmId: string;
  list(kind: EntityTransferKind): Promise<EntityJournalEntry[]>;
  /**
   * Writes these entries whole, all or nothing (one push to the firm). Refused while the firm
   * cannot be reached: sending without the firm's journal could orphan or duplicate records.
   */
  put(entries: readonly EntityJournalWrite[]): Promise<void>;
}

export type EntityJournalErrorCode = 'offline' | 'conflict' | 'bad_entry';

export class EntityJournalError extends Error {
  readonly code: EntityJournalErrorCode;
  constructor(code: EntityJournalErrorCode, message: string) {
    super(message);
    this.name = 'EntityJournalError';
    this.code = code;
  }
}

export const exportKind = (kind: LinkKind): EntityTransferKind => `${kind}Export`;
export const importKind = (kind: LinkKind): EntityTransferKind => `${kind}Import`;

/** Entries still to be finished: anything not linked and not failed. */
export function isUnfinished(entry: Pick<EntityJournalEntry, 'state'>): boolean {
  return entry.state === 'planned' || entry.state === 'sent' || entry.state === 'created';
}

/**
 * The requestid of an entity's export attempt: the same on every computer for the first
 * attempt; derived from the previous one after an attempt ended (linked, failed), since QBO
 * would replay the earlier answer for the old id. ≤36 characters.
 */
export async function entityRequestId(realmId: string, kind: EntityTransferKind, sourceId: string, previous?: EntityJournalEntry): Promise<string> {
  if (previous && isUnfinished(previous)) return previous.requestId;
  const seed = previous ? `renew\u0000${previous.requestId}` : `${realmId}\u0000${kind}\u0000${sourceId}`;
  return `e-${(await sha256Hex(seed)).slice(0, 32)}`;
}

/** Entry ⇄ the stored document record (the firm's `documents` collection). */
export function toDocumentRecord(realmId: string, entry: EntityJournalWrite, at: string): DocumentRecord {
  if (!entry.sourceId || !entry.requestId) throw new EntityJournalError('bad_entry', `A journal entry of ${entry.kind} needs its source id and requestid.`);
  const record: DocumentRecord = { realmId, kind: entry.kind, sourceId: entry.sourceId, requestId: entry.requestId, state: entry.state, updatedAt: at, name: entry.name, run: entry.run };
  if (entry.targetId !== undefined) record.targetId = entry.targetId;
  if (entry.batch !== undefined) record.batch = entry.batch;
  if (entry.fields !== undefined) record.fields = entry.fields;
  if (entry.error !== undefined) record.error = entry.error;
  return record;
}

export function fromDocumentRecord(record: DocumentRecord): EntityJournalEntry {
  const entry: EntityJournalEntry = {
    kind: record.kind as EntityTransferKind,
    sourceId: record.sourceId,
    name: record.name ?? '',
    requestId: record.requestId,
    state: record.state as EntityJournalState,
    run: record.run ?? { id: '', by: '', at: record.updatedAt },
    updatedAt: record.updatedAt,
  };
  if (record.targetId !== undefined) entry.targetId = record.targetId;
  if (record.batch !== undefined) entry.batch = record.batch;
  if (record.fields !== undefined) entry.fields = record.fields;
  if (record.error !== undefined) entry.error = record.error;
  return entry;
}

/** The fields that name an OfficeTools entity, whatever its kind (contacts, employees, codes). */
const NAME_FIELDS = ['companyName', 'firstName', 'middleName', 'lastName', 'suffix', 'number', 'description', 'name'] as const;

/** The name fields of an import's input: the created entity carries exactly these. */
export function nameFields(input: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof input !== 'object' || input === null) return out;
  for (const key of NAME_FIELDS) {
    const v = (input as Record<string, unknown>)[key];
    if (typeof v === 'string' && v.trim() !== '') out[key] = v.trim();
  }
  return out;
}

/** True when `entity` has every one of `fields` (trimmed, case-insensitive). */
export function hasNameFields(entity: unknown, fields: Record<string, string>): boolean {
  const keys = Object.keys(fields);
  if (keys.length === 0 || typeof entity !== 'object' || entity === null) return false;
  return keys.every((k) => {
    const v = (entity as Record<string, unknown>)[k];
    return typeof v === 'string' && v.trim().toLowerCase() === fields[k].toLowerCase();
  });
}

/** A fresh run id (random: two runs of the same entities are still two runs). */
export function newRunId(): string {
  return crypto.randomUUID();
}
