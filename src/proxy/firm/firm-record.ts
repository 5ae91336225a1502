/**
 * The firm's replicated records as the proxy stores and sends them (docs/firm-contract.md §3),
 * and the validation of what clients send. Bodies are the add-in's records without `realmId`;
 * the proxy checks only what it relies on (ids, link keys, sizes) and keeps the rest as given.
 */
import type { StaffRef } from '../store/connections';

export const COLLECTIONS = ['links', 'settings', 'documents', 'history'] as const;
export type Collection = (typeof COLLECTIONS)[number];

export interface FirmRecord {
  collection: Collection;
  id: string;
  /** Writes of this record so far (1 on create). */
  rev: number;
  /** Position in the firm+realm change feed, as a decimal string. */
  seq: string;
  deleted: boolean;
  body: Record<string, unknown> | null;
  updatedBy: StaffRef;
  updatedAt: string;
}

export interface RecordChange {
  collection: Collection;
  id: string;
  /** The rev the client last saw; null when it saw none (or only a tombstone). */
  baseRev: number | null;
  body?: Record<string, unknown>;
  deleted?: true;
}

export interface AdoptRecord {
  collection: Collection;
  id: string;
  body: Record<string, unknown>;
}

/** A change or adopt record the proxy refuses as malformed (400 bad_change). */
export class BadChangeError extends Error {
  constructor(
    readonly index: number,
    message: string,
  ) {
    super(`Change ${index}: ${message}`);
    this.name = 'BadChangeError';
  }
}

export const MAX_ID_CHARS = 300;
export const MAX_BODY_BYTES = 256 * 1024;
export const MAX_CHANGES = 20_000;
const ID = /^[\x21-\x7e]+$/;
const LINK_KINDS = /^[a-z][a-zA-Z]{0,31}$/;

/** `kind:qboId` for a live link (the key the store keeps unique), null for anything else. */
export function linkKeyOf(collection: Collection, body: Record<string, unknown> | null): string | null {
  if (collection !== 'links' || !body) return null;
  return `${String(body.kind)}:${String(body.qboId)}`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkId(index: number, collection: Collection, id: unknown): string {
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_CHARS || !ID.test(id)) {
    throw new BadChangeError(index, `the id must be 1 to ${MAX_ID_CHARS} printable ASCII characters without spaces.`);
  }
  if (collection === 'settings' && id !== 'settings') throw new BadChangeError(index, 'the settings record has the id "settings".');
  if ((collection === 'links' || collection === 'documents') && !/^[^:]+:.+$/.test(id)) {
    throw new BadChangeError(index, `${collection} ids look like <kind>:<id>.`);
  }
  return id;
}

function checkBody(index: number, collection: Collection, id: string, body: unknown): Record<string, unknown> {
  if (!isPlainObject(body)) throw new BadChangeError(index, 'the body must be a JSON object.');
  if (Buffer.byteLength(JSON.stringify(body)) > MAX_BODY_BYTES) throw new BadChangeError(index, `the body is larger than ${MAX_BODY_BYTES} bytes.`);
  if ('realmId' in body) throw new BadChangeError(index, 'bodies carry no realmId (the path names the company).');
  if (collection === 'links') {
    const { kind, otId, qboId } = body;
    if (typeof kind !== 'string' || !LINK_KINDS.test(kind) || typeof otId !== 'string' || !otId || typeof qboId !== 'string' || !qboId) {
      throw new BadChangeError(index, 'a link needs the strings kind, otId and qboId.');
    }
    if (id !== `${kind}:${otId}`) throw new BadChangeError(index, `a link's id is <kind>:<otId>, here "${kind}:${otId}".`);
  }
  if (collection === 'documents' && (typeof body.kind !== 'string' || typeof body.sourceId !== 'string' || id !== `${body.kind}:${body.sourceId}`)) {
    throw new BadChangeError(index, "a document needs the strings kind and sourceId, and its id is <kind>:<sourceId>.");
  }
  if (collection === 'history' && (typeof body.at !== 'string' || typeof body.what !== 'string')) {
    throw new BadChangeError(index, 'a history entry needs the strings at and what.');
  }
  return body;
}

function checkCollection(index: number, raw: unknown): Collection {
  if (!COLLECTIONS.includes(raw as Collection)) {
    throw new BadChangeError(index, `unknown collection ${JSON.stringify(String(raw).slice(0, 40))}; use ${COLLECTIONS.join(', ')}.`);
  }
  return raw as Collection;
}

/** Validates a push body `{changes:[…]}`; throws BadChangeError naming the first bad change. */
export function parseChanges(payload: unknown): RecordChange[] {
  const list = isPlainObject(payload) ? payload.changes : undefined;
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_CHANGES) {
    throw new BadChangeError(0, `the body must be {"changes":[…]} with 1 to ${MAX_CHANGES} changes.`);
  }
  const seen = new Set<string>();
  return list.map((raw, index) => {
    if (!isPlainObject(raw)) throw new BadChangeError(index, 'each change is a JSON object.');
    const collection = checkCollection(index, raw.collection);
    const id = checkId(index, collection, raw.id);
    const baseRev = raw.baseRev;
    if (!(baseRev === null || (Number.isInteger(baseRev) && (baseRev as number) >= 1))) {
      throw new BadChangeError(index, 'baseRev must be null or the positive rev the client last saw.');
    }
    const key = `${collection}/${id}`;
    if (seen.has(key)) throw new BadChangeError(index, `${key} appears twice in one push.`);
    seen.add(key);
    if (raw.deleted === true) {
      if (raw.body !== undefined && raw.body !== null) throw new BadChangeError(index, 'a delete carries no body.');
      if (collection === 'history') throw new BadChangeError(index, 'history entries are never deleted.');
      return { collection, id, baseRev: baseRev as number | null, deleted: true };
    }
    if (raw.deleted !== undefined && raw.deleted !== false) throw new BadChangeError(index, 'deleted is true or absent.');
    if (collection === 'history' && baseRev !== null) throw new BadChangeError(index, 'history entries are only created (baseRev null), never updated.');
    return { collection, id, baseRev: baseRev as number | null, body: checkBody(index, collection, id, raw.body) };
  });
}

/** Validates an adopt body `{records:[…]}`. */
export function parseAdoptRecords(payload: unknown): AdoptRecord[] {
  const list = isPlainObject(payload) ? payload.records : undefined;
  if (!Array.isArray(list) || list.length > MAX_CHANGES * 5) {
    throw new BadChangeError(0, `the body must be {"records":[…]} with at most ${MAX_CHANGES * 5} records.`);
  }
  return list.map((raw, index) => {
    if (!isPlainObject(raw)) throw new BadChangeError(index, 'each record is a JSON object.');
    const collection = checkCollection(index, raw.collection);
    const id = checkId(index, collection, raw.id);
    return { collection, id, body: checkBody(index, collection, id, raw.body) };
  });
}
