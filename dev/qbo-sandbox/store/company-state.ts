/**
 * One QuickBooks company held in memory: a table per entity (insertion-ordered by Id),
 * tombstones for CDC, the requestid answers, and derived indexes (name pools, DocNumbers).
 * Objects are stored exactly as answered and replaced, never mutated, so a reader never
 * sees a half-made change; the journal entry is the unit of change.
 */
import type { DurableCodec } from './durable-log';
import type { JsonObject } from '../http-io';

export const ENTITY_NAMES = [
  'Customer',
  'Employee',
  'Vendor',
  'Item',
  'Account',
  'Invoice',
  'Payment',
  'PaymentMethod',
  'TaxCode',
  'CompanyInfo',
  'Preferences',
] as const;
export type EntityName = (typeof ENTITY_NAMES)[number];

/** A stored answer for requestid replays. */
export interface StoredAnswer {
  status: number;
  body: string;
}

export interface Tombstone {
  entity: EntityName;
  Id: string;
  at: number;
}

/** One journal line: everything one write changed. */
export interface CompanyEntry {
  puts?: Array<[EntityName, JsonObject]>;
  dels?: Array<[EntityName, string, number]>;
  rid?: [string, StoredAnswer];
}

export interface CompanyState {
  realmId: string;
  tables: Record<EntityName, Map<string, JsonObject>>;
  nextId: Record<EntityName, number>;
  tombstones: Tombstone[];
  requestIds: Map<string, StoredAnswer>;
  /** Lower-cased DisplayName → owner, across Customer, Vendor and Employee. */
  namePool: Map<string, { entity: EntityName; Id: string }>;
  itemNames: Map<string, string>;
  accountNames: Map<string, string>;
  docNumbers: Map<string, Set<string>>;
  /** Customer Id → open receivable in cents (invoice balances less unapplied payments). */
  receivable: Map<string, number>;
  /** Bumped on every change to a table; query caches key on it. */
  versions: Record<EntityName, number>;
}

const POOLED: ReadonlySet<EntityName> = new Set(['Customer', 'Vendor', 'Employee']);

function emptyRecord<T>(make: () => T): Record<EntityName, T> {
  const out = {} as Record<EntityName, T>;
  for (const name of ENTITY_NAMES) out[name] = make();
  return out;
}

export function emptyCompany(realmId: string): CompanyState {
  return {
    realmId,
    tables: emptyRecord(() => new Map<string, JsonObject>()),
    nextId: emptyRecord(() => 1),
    tombstones: [],
    requestIds: new Map(),
    namePool: new Map(),
    itemNames: new Map(),
    accountNames: new Map(),
    docNumbers: new Map(),
    receivable: new Map(),
    versions: emptyRecord(() => 0),
  };
}

export function lowerKey(text: unknown): string | undefined {
  return typeof text === 'string' ? text.toLowerCase() : undefined;
}

function centsOf(v: unknown): number {
  return typeof v === 'number' ? Math.round(v * 100) : 0;
}

function customerOf(obj: JsonObject): string | undefined {
  const ref = obj.CustomerRef;
  return ref && typeof ref === 'object' && !Array.isArray(ref) && typeof ref.value === 'string' ? ref.value : undefined;
}

/** Invoices add their Balance to the customer's receivable; payments' unapplied amounts reduce it. */
function addReceivable(state: CompanyState, entity: EntityName, obj: JsonObject, sign: 1 | -1): void {
  const customer = customerOf(obj);
  if (!customer) return;
  const delta = entity === 'Invoice' ? centsOf(obj.Balance) : entity === 'Payment' ? -centsOf(obj.UnappliedAmt) : 0;
  if (delta !== 0) state.receivable.set(customer, (state.receivable.get(customer) ?? 0) + sign * delta);
}

function unindex(state: CompanyState, entity: EntityName, obj: JsonObject): void {
  const id = String(obj.Id);
  addReceivable(state, entity, obj, -1);
  if (POOLED.has(entity)) {
    const key = lowerKey(obj.DisplayName);
    if (key && state.namePool.get(key)?.Id === id && state.namePool.get(key)?.entity === entity) state.namePool.delete(key);
  } else if (entity === 'Item') {
    const key = lowerKey(obj.FullyQualifiedName ?? obj.Name);
    if (key && state.itemNames.get(key) === id) state.itemNames.delete(key);
  } else if (entity === 'Account') {
    const key = lowerKey(obj.FullyQualifiedName ?? obj.Name);
    if (key && state.accountNames.get(key) === id) state.accountNames.delete(key);
  } else if (entity === 'Invoice') {
    const key = lowerKey(obj.DocNumber);
    if (key) state.docNumbers.get(key)?.delete(id);
  }
}

function index(state: CompanyState, entity: EntityName, obj: JsonObject): void {
  const id = String(obj.Id);
  addReceivable(state, entity, obj, 1);
  if (POOLED.has(entity)) {
    const key = lowerKey(obj.DisplayName);
    if (key) state.namePool.set(key, { entity, Id: id });
  } else if (entity === 'Item') {
    const key = lowerKey(obj.FullyQualifiedName ?? obj.Name);
    if (key) state.itemNames.set(key, id);
  } else if (entity === 'Account') {
    const key = lowerKey(obj.FullyQualifiedName ?? obj.Name);
    if (key) state.accountNames.set(key, id);
  } else if (entity === 'Invoice') {
    const key = lowerKey(obj.DocNumber);
    if (key) {
      let set = state.docNumbers.get(key);
      if (!set) state.docNumbers.set(key, (set = new Set()));
      set.add(id);
    }
  }
}

export function putObject(state: CompanyState, entity: EntityName, obj: JsonObject): void {
  const id = String(obj.Id);
  const table = state.tables[entity];
  const previous = table.get(id);
  if (previous) unindex(state, entity, previous);
  table.set(id, obj);
  index(state, entity, obj);
  const numeric = Number(id);
  if (Number.isInteger(numeric) && numeric >= state.nextId[entity]) state.nextId[entity] = numeric + 1;
  state.versions[entity]++;
}

export function applyCompanyEntry(state: CompanyState, entry: CompanyEntry): void {
  for (const [entity, obj] of entry.puts ?? []) putObject(state, entity, obj);
  for (const [entity, id, at] of entry.dels ?? []) {
    const previous = state.tables[entity].get(id);
    if (previous) unindex(state, entity, previous);
    state.tables[entity].delete(id);
    state.tombstones.push({ entity, Id: id, at });
    state.versions[entity]++;
  }
  if (entry.rid) state.requestIds.set(entry.rid[0], entry.rid[1]);
}

interface CompanySnapshot {
  realmId: string;
  tables: Partial<Record<EntityName, JsonObject[]>>;
  nextId: Partial<Record<EntityName, number>>;
  tombstones: Tombstone[];
  requestIds: Array<[string, StoredAnswer]>;
}

export function companyCodec(realmId: string): DurableCodec<CompanyState, CompanyEntry> {
  return {
    empty: () => emptyCompany(realmId),
    apply: applyCompanyEntry,
    toSnapshot: (state): CompanySnapshot => {
      const tables: Partial<Record<EntityName, JsonObject[]>> = {};
      for (const name of ENTITY_NAMES) tables[name] = [...state.tables[name].values()];
      return { realmId: state.realmId, tables, nextId: state.nextId, tombstones: state.tombstones, requestIds: [...state.requestIds] };
    },
    fromSnapshot: (raw) => {
      const snap = raw as CompanySnapshot;
      const state = emptyCompany(snap.realmId);
      for (const name of ENTITY_NAMES) for (const obj of snap.tables[name] ?? []) putObject(state, name, obj);
      for (const name of ENTITY_NAMES) state.nextId[name] = Math.max(state.nextId[name], snap.nextId[name] ?? 1);
      state.tombstones = snap.tombstones ?? [];
      state.requestIds = new Map(snap.requestIds ?? []);
      return state;
    },
  };
}
