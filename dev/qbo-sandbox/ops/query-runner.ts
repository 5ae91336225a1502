/**
 * Runs a parsed query against one company. Sorted orders are cached per table version so
 * paging through 20,000 customers 1,000 at a time does not re-sort for every page.
 */
import { faults } from '../faults';
import { isJsonObject, type Json, type JsonObject } from '../http-io';
import { parseQboDateTime } from '../pacific-time';
import type { CompanyState } from '../store/company-state';
import type { EntitySpec } from '../entities/entity-spec';
import { specFor } from '../entities/registry';
import type { Condition, Literal, ParsedQuery } from './query-parser';

export type QueryAnswer = { QueryResponse: JsonObject };

type Getter = (obj: JsonObject, state: CompanyState) => unknown;

function resolveProperty(spec: EntitySpec, name: string): { canonical: string; get: Getter } {
  const canonical = spec.filterable.find((f) => f.toLowerCase() === name.toLowerCase());
  if (!canonical) throw faults.queryProperty(name, spec.name);
  const computed = spec.computed?.[canonical];
  if (computed) return { canonical, get: computed };
  const path = canonical.split('.');
  return {
    canonical,
    get: (obj) => {
      let v: Json | undefined = obj;
      for (const part of path) v = isJsonObject(v) ? v[part] : undefined;
      // Refs compare by id, email objects by address.
      if (isJsonObject(v)) return v.value ?? v.Address ?? undefined;
      return v;
    },
  };
}

function isTimeProperty(canonical: string): boolean {
  return canonical.startsWith('MetaData.');
}

type Comparable = string | number | boolean;

function normalise(v: unknown, time: boolean): Comparable | undefined {
  if (v === undefined || v === null) return undefined;
  if (time && typeof v === 'string') return parseQboDateTime(v);
  if (typeof v === 'string') return v.toLowerCase();
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  return undefined;
}

function literalFor(lit: Literal, sample: 'number' | 'time' | 'other', property: string): Comparable {
  if (sample === 'time') {
    const ms = typeof lit === 'string' ? parseQboDateTime(lit) : undefined;
    if (ms === undefined) throw faults.queryParser(`The value ${String(lit)} for ${property} is not a date-time (yyyy-MM-ddTHH:mm:ss-07:00).`);
    return ms;
  }
  if (sample === 'number') {
    const n = typeof lit === 'number' ? lit : Number(lit);
    if (!Number.isFinite(n)) throw faults.queryParser(`The value '${String(lit)}' for ${property} is not a number.`);
    return n;
  }
  return typeof lit === 'string' ? lit.toLowerCase() : lit;
}

const NUMERIC = new Set(['TotalAmt', 'Balance', 'UnappliedAmt', 'UnitPrice', 'CurrentBalance']);

function predicate(spec: EntitySpec, cond: Condition): (obj: JsonObject, state: CompanyState) => boolean {
  const { canonical, get } = resolveProperty(spec, cond.property);
  if (canonical === 'Id' && cond.op !== '=' && cond.op !== 'IN') {
    throw faults.queryParser(`Operator ${cond.op} is not supported for property Id; use = or IN.`);
  }
  const time = isTimeProperty(canonical);
  const kind = time ? 'time' : NUMERIC.has(canonical) ? 'number' : 'other';
  if (cond.op === 'LIKE') {
    const pattern = String(cond.values[0]).toLowerCase();
    const re = new RegExp(`^${pattern.split('%').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's');
    return (obj, state) => {
      const v = get(obj, state);
      return typeof v === 'string' && re.test(v.toLowerCase());
    };
  }
  const wanted = cond.values.map((l) => literalFor(l, kind, canonical));
  // Ids are digit strings; '58' and 58 name the same record.
  const numericId = canonical === 'Id' || canonical.endsWith('Ref');
  const fix = (v: Comparable | undefined) => (numericId && typeof v === 'string' ? v.replace(/^0+(?=\d)/, '') : v);
  const targets = wanted.map((w) => fix(typeof w === 'number' && numericId ? String(w) : w));
  return (obj, state) => {
    const raw = normalise(get(obj, state), time);
    const v = fix(typeof raw === 'string' && kind === 'number' ? Number(raw) : raw);
    if (v === undefined) return false;
    const t = targets[0] as Comparable;
    switch (cond.op) {
      case '=':
        return v === t;
      case 'IN':
        return targets.includes(v);
      case '<':
        return v < t;
      case '>':
        return v > t;
      case '<=':
        return v <= t;
      case '>=':
        return v >= t;
      default:
        return false;
    }
  };
}

const sortCache = new WeakMap<CompanyState, Map<string, { version: number; rows: JsonObject[] }>>();

function sortedRows(spec: EntitySpec, state: CompanyState, orderBy: ParsedQuery['orderBy']): JsonObject[] {
  const table = state.tables[spec.name];
  if (orderBy.length === 0) return [...table.values()];
  const key = `${spec.name}|${orderBy.map((o) => `${o.property.toLowerCase()}:${o.desc}`).join(',')}`;
  let cache = sortCache.get(state);
  if (!cache) sortCache.set(state, (cache = new Map()));
  const hit = cache.get(key);
  const version = state.versions[spec.name] + (spec.computed ? state.versions.Invoice + state.versions.Payment : 0);
  if (hit && hit.version === version) return hit.rows;
  const getters = orderBy.map((o) => {
    const { canonical, get } = resolveProperty(spec, o.property);
    return { get, time: isTimeProperty(canonical), dir: o.desc ? -1 : 1, numericId: canonical === 'Id' };
  });
  const keyed = [...table.values()].map((obj) => ({
    obj,
    keys: getters.map((g) => {
      const v = g.get(obj, state);
      return g.numericId ? Number(v) : normalise(v, g.time);
    }),
  }));
  keyed.sort((a, b) => {
    for (let i = 0; i < getters.length; i++) {
      const x = a.keys[i];
      const y = b.keys[i];
      if (x === y) continue;
      if (x === undefined) return -1 * getters[i].dir;
      if (y === undefined) return 1 * getters[i].dir;
      return (x < y ? -1 : 1) * getters[i].dir;
    }
    return Number(a.obj.Id) - Number(b.obj.Id);
  });
  const rows = keyed.map((k) => k.obj);
  cache.set(key, { version, rows });
  return rows;
}

export function runQuery(state: CompanyState, query: ParsedQuery): QueryAnswer {
  const spec = specFor(query.entity);
  if (!spec || spec.kind === 'singleton') {
    if (/^(companyinfo|preferences)$/i.test(query.entity)) return singletonQuery(state, query);
    throw faults.queryParser(`Invalid entity name: ${query.entity}. Query one of Customer, Employee, Vendor, Item, Account, Invoice, Payment, PaymentMethod, TaxCode, CompanyInfo, Preferences.`);
  }
  const predicates = query.where.map((c) => predicate(spec, c));
  // Name lists hide inactive rows unless the WHERE clause mentions Active (QBO-FACTS §2).
  if (spec.kind === 'name' && !query.where.some((c) => c.property.toLowerCase() === 'active')) {
    predicates.unshift((obj) => obj.Active !== false);
  }
  for (const o of query.orderBy) resolveProperty(spec, o.property);
  const rows = sortedRows(spec, state, query.orderBy);
  const skip = query.startPosition - 1;
  if (query.count) {
    let total = 0;
    for (const row of rows) if (predicates.every((p) => p(row, state))) total++;
    return { QueryResponse: { totalCount: total } };
  }
  const page: JsonObject[] = [];
  let matched = 0;
  for (const row of rows) {
    if (!predicates.every((p) => p(row, state))) continue;
    if (matched++ < skip) continue;
    page.push(project(spec.present ? spec.present(row, state) : row, query.fields));
    if (page.length >= query.maxResults) break;
  }
  if (page.length === 0) return { QueryResponse: {} };
  return { QueryResponse: { [spec.name]: page, startPosition: query.startPosition, maxResults: page.length } };
}

function project(obj: JsonObject, fields: string[] | undefined): JsonObject {
  if (!fields) return obj;
  const out: JsonObject = { domain: 'QBO', sparse: true, Id: obj.Id };
  for (const f of fields) {
    const key = Object.keys(obj).find((k) => k.toLowerCase() === f.toLowerCase());
    if (key) out[key] = obj[key];
  }
  return out;
}

function singletonQuery(state: CompanyState, query: ParsedQuery): QueryAnswer {
  const name = query.entity.toLowerCase() === 'companyinfo' ? 'CompanyInfo' : 'Preferences';
  const obj = state.tables[name].get('1');
  if (query.count) return { QueryResponse: { totalCount: obj ? 1 : 0 } };
  if (!obj || query.startPosition > 1) return { QueryResponse: {} };
  return { QueryResponse: { [name]: [obj], startPosition: 1, maxResults: 1 } };
}
