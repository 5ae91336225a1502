/**
 * Create, update (full and sparse), delete and void for every entity. Produces the journal
 * entry for one write (the object plus whatever it changed elsewhere) without touching the
 * stored state; the caller commits it. QBO-FACTS §1 (sparse/full, read-only fields, 2010).
 */
import { faults } from '../faults';
import { isJsonObject, type Json, type JsonObject } from '../http-io';
import type { CompanyEntry, EntityName } from '../store/company-state';
import { SYSTEM_FIELDS, type EntitySpec, type WriteContext } from '../entities/entity-spec';

export interface WriteResult {
  entry: CompanyEntry;
  /** What the answer shows under the entity key. */
  answer: JsonObject;
}

export type WriteOperation = 'create' | 'update' | 'delete' | 'void';

const IGNORED_ALWAYS = new Set([...SYSTEM_FIELDS, 'status', 'TxnStatus']);

function checkProperties(spec: EntitySpec, input: JsonObject): void {
  for (const key of Object.keys(input)) {
    if (spec.writable.has(key) || spec.readOnly.has(key) || IGNORED_ALWAYS.has(key)) continue;
    throw faults.unsupportedProperty(`com.intuit.schema.finance.v3.${spec.name}`, key);
  }
}

function writableOf(spec: EntitySpec, input: JsonObject, creating: boolean): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(input)) {
    if (!spec.writable.has(key)) continue;
    if (!creating && spec.createOnly?.has(key)) continue;
    out[key] = value;
  }
  return out;
}

function requireIdAndToken(input: JsonObject): { id: string; syncToken: string } {
  const id = input.Id;
  if (id === undefined || id === null || id === '') throw faults.required('Id');
  const token = input.SyncToken;
  if (token === undefined || token === null || token === '') throw faults.required('SyncToken');
  return { id: String(id), syncToken: String(token) };
}

function existingFor(spec: EntitySpec, ctx: WriteContext, id: string): JsonObject {
  const existing = ctx.state.tables[spec.name].get(id);
  if (existing) return existing;
  if (ctx.state.tombstones.some((t) => t.entity === spec.name && t.Id === id)) throw faults.deleted();
  throw faults.notFound(spec.name, id);
}

function checkToken(existing: JsonObject, syncToken: string): void {
  // Lower or higher than current is stale (higher: UNCONFIRMED, stricter side).
  if (String(existing.SyncToken) !== syncToken) throw faults.staleObject();
}

function withSideEffects(spec: EntitySpec, ctx: WriteContext, before: JsonObject | undefined, after: JsonObject | undefined): Array<[EntityName, JsonObject]> {
  return spec.sideEffects ? spec.sideEffects(before, after, ctx) : [];
}

function clean(obj: JsonObject): JsonObject {
  // A null in a request means "clear"; answers simply omit the property.
  for (const [key, value] of Object.entries(obj)) if (value === null) delete obj[key];
  return obj;
}

export function createEntity(spec: EntitySpec, ctx: WriteContext, input: JsonObject): WriteResult {
  if (spec.kind === 'singleton') throw faults.unsupportedOperation(`Create for ${spec.name}`);
  checkProperties(spec, input);
  const id = String(ctx.state.nextId[spec.name]);
  const draft: JsonObject = clean({
    Id: id,
    SyncToken: '0',
    MetaData: { CreateTime: ctx.nowText, LastUpdatedTime: ctx.nowText },
    domain: 'QBO',
    sparse: false,
    ...writableOf(spec, input, true),
  });
  const obj = spec.finish(draft, { ctx, previous: undefined });
  return { entry: { puts: [[spec.name, obj], ...withSideEffects(spec, ctx, undefined, obj)] }, answer: obj };
}

export function updateEntity(spec: EntitySpec, ctx: WriteContext, input: JsonObject, sparseFlag: Json | undefined): WriteResult {
  checkProperties(spec, input);
  const { id, syncToken } = requireIdAndToken(input);
  const existing = existingFor(spec, ctx, id);
  checkToken(existing, syncToken);
  const sparse = sparseFlag === true || sparseFlag === 'true';
  let base: JsonObject;
  if (sparse) {
    base = { ...existing };
  } else {
    // A full update sets every omitted writable field to NULL; only what QuickBooks
    // cannot clear (and create-only values) is carried over.
    base = {};
    for (const key of Object.keys(existing)) {
      if (!spec.writable.has(key) || spec.keepOnFullUpdate?.has(key) || spec.createOnly?.has(key)) base[key] = existing[key];
    }
  }
  const changes = writableOf(spec, input, false);
  const draft: JsonObject = clean({
    ...base,
    ...changes,
    Id: id,
    SyncToken: String(Number(existing.SyncToken) + 1),
    MetaData: { ...(existing.MetaData as JsonObject), LastUpdatedTime: ctx.nowText },
    domain: 'QBO',
    sparse: false,
  });
  for (const key of spec.keepOnFullUpdate ?? []) {
    if (!(key in draft) && key in existing) draft[key] = existing[key];
  }
  const obj = spec.finish(draft, { ctx, previous: existing });
  return { entry: { puts: [[spec.name, obj], ...withSideEffects(spec, ctx, existing, obj)] }, answer: obj };
}

export function deleteEntity(spec: EntitySpec, ctx: WriteContext, input: JsonObject): WriteResult {
  if (spec.kind !== 'txn') {
    throw faults.businessValidation(`${spec.name} is a list entity and cannot be deleted; make it inactive with a sparse update {"Active": false}.`);
  }
  const { id, syncToken } = requireIdAndToken(input);
  const existing = existingFor(spec, ctx, id);
  checkToken(existing, syncToken);
  spec.beforeDelete?.(existing, ctx);
  return {
    entry: { puts: withSideEffects(spec, ctx, existing, undefined), dels: [[spec.name, id, ctx.now]] },
    answer: { status: 'Deleted', domain: 'QBO', Id: id },
  };
}

export function voidEntity(spec: EntitySpec, ctx: WriteContext, input: JsonObject): WriteResult {
  if (!spec.voided) throw faults.unsupportedOperation(`void for ${spec.name}`);
  const { id, syncToken } = requireIdAndToken(input);
  const existing = existingFor(spec, ctx, id);
  checkToken(existing, syncToken);
  const voided: JsonObject = {
    ...spec.voided(existing, ctx),
    SyncToken: String(Number(existing.SyncToken) + 1),
    MetaData: { ...(existing.MetaData as JsonObject), LastUpdatedTime: ctx.nowText },
  };
  return { entry: { puts: [[spec.name, voided], ...withSideEffects(spec, ctx, existing, voided)] }, answer: voided };
}

export function entityBody(input: Json | undefined, spec: EntitySpec): JsonObject {
  if (!isJsonObject(input)) throw faults.invalidValue(spec.name, 'request body must be a JSON object');
  return input;
}
