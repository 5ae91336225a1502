/**
 * The Accounting API under /v3/company/{realmId}/… for one company: reads, writes, query,
 * batch, CDC and requestid replays. Authentication, limits and fault injection happen
 * before this (server.ts); everything here is synchronous per request, so one company's
 * writes never interleave.
 */
import { faults, QboFault } from '../faults';
import { isJsonObject, type Json, type JsonObject } from '../http-io';
import { pacificTimestamp, pacificTimestampMs } from '../pacific-time';
import type { CompanyLog } from '../store/company-registry';
import type { CompanyEntry } from '../store/company-state';
import type { EntitySpec, WriteContext } from '../entities/entity-spec';
import { specFor } from '../entities/registry';
import { createEntity, deleteEntity, entityBody, updateEntity, voidEntity, type WriteResult } from '../ops/write-engine';
import { parseQuery } from '../ops/query-parser';
import { runQuery } from '../ops/query-runner';
import { runCdc } from '../ops/cdc';
import { runBatch } from './batch';

export interface ApiCall {
  method: string;
  /** Path segments after /v3/company/{realmId}/ */
  segments: string[];
  params: URLSearchParams;
  body: string;
  contentType: string;
}

export interface ApiAnswer {
  status: number;
  /** Serialized JSON body. */
  body: string;
  /** For the request log, e.g. "customer.create", "query.customer", "batch". */
  operation: string;
  /** Set when the answer was written to the store (drop-after-commit faults act on these). */
  committed: boolean;
}

const REQUEST_ID_MAX = 50;
const BATCH_REQUEST_ID_MAX = 36;

export class V3Api {
  constructor(private readonly now: () => number) {}

  handle(company: CompanyLog, call: ApiCall): ApiAnswer {
    let operation = describe(call);
    try {
      const requestId = call.params.get('requestid');
      const isWrite = call.method === 'POST' && call.segments[0]?.toLowerCase() !== 'query';
      if (requestId !== null && isWrite) {
        const isBatch = call.segments[0]?.toLowerCase() === 'batch';
        const max = isBatch ? BATCH_REQUEST_ID_MAX : REQUEST_ID_MAX;
        if (requestId.length === 0 || requestId.length > max) throw faults.invalidValue('requestid', `must be 1 to ${max} characters`);
        const key = isBatch ? `batch:${requestId}:${batchIds(call.body)}` : `req:${requestId}`;
        const stored = company.state.requestIds.get(key);
        if (stored) return { status: stored.status, body: stored.body, operation: `${operation}.replay`, committed: false };
        const answer = this.dispatch(company, call);
        operation = answer.operation;
        // Remember the answer (success or fault) durably: a retry must not write twice.
        company.commit({ rid: [key, { status: answer.status, body: answer.body }] });
        return answer;
      }
      return this.dispatch(company, call);
    } catch (err) {
      return { ...this.faultAnswer(err), operation, committed: false };
    }
  }

  faultAnswer(err: unknown): { status: number; body: string } {
    const fault = err instanceof QboFault ? err : faults.systemFault();
    if (!(err instanceof QboFault)) console.error('[qbo-sandbox] unexpected error while handling an API call:', err);
    return { status: fault.httpStatus, body: JSON.stringify({ Fault: fault.toFault(), time: this.timeText() }) };
  }

  private timeText(): string {
    return pacificTimestampMs(this.now());
  }

  private ok(body: JsonObject, operation: string, committed: boolean): ApiAnswer {
    return { status: 200, body: JSON.stringify({ ...body, time: this.timeText() }), operation, committed };
  }

  private dispatch(company: CompanyLog, call: ApiCall): ApiAnswer {
    const [first = '', second, third] = call.segments;
    const resource = first.toLowerCase();
    const state = company.state;
    if (third !== undefined) throw faults.unsupportedOperation(`${call.method} ${call.segments.join('/')}`);

    if (resource === 'companyinfo') {
      if (call.method !== 'GET') throw faults.unsupportedOperation('Update for CompanyInfo');
      if (second !== state.realmId) throw faults.notFound('CompanyInfo', second ?? '');
      return this.ok({ CompanyInfo: state.tables.CompanyInfo.get('1') ?? {} }, 'companyinfo.read', false);
    }
    if (resource === 'preferences') {
      if (call.method !== 'GET' || second !== undefined) throw faults.unsupportedOperation('Update for Preferences');
      return this.ok({ Preferences: state.tables.Preferences.get('1') ?? {} }, 'preferences.read', false);
    }
    if (resource === 'query') {
      const sql = call.method === 'GET' ? call.params.get('query') : call.method === 'POST' ? call.body : null;
      if (call.method === 'POST' && !/^application\/text|^text\/plain/i.test(call.contentType)) {
        throw faults.unsupportedOperation('query with Content-Type other than application/text');
      }
      if (!sql || !sql.trim()) throw faults.queryParser('The query is empty; pass ?query=SELECT … or POST the query as application/text.');
      const parsed = parseQuery(sql);
      return this.ok(runQuery(state, parsed), `query.${parsed.entity.toLowerCase()}`, false);
    }
    if (resource === 'cdc') {
      if (call.method !== 'GET') throw faults.unsupportedOperation(`${call.method} cdc`);
      return this.ok(runCdc(state, call.params.get('entities'), call.params.get('changedSince'), this.now()), 'cdc', false);
    }
    if (resource === 'batch') {
      if (call.method !== 'POST') throw faults.unsupportedOperation(`${call.method} batch`);
      const body = parseJson(call.body);
      const result = runBatch(company, body, this);
      return this.ok(result.body, 'batch', result.committed);
    }

    const spec = specFor(resource);
    if (!spec || spec.resource !== resource) throw faults.unsupportedOperation(`${call.method} ${resource}`);
    if (call.method === 'GET') {
      if (second === undefined) throw faults.unsupportedOperation(`GET ${resource} without an Id; use query`);
      const obj = state.tables[spec.name].get(second);
      if (!obj) {
        if (state.tombstones.some((t) => t.entity === spec.name && t.Id === second)) throw faults.deleted();
        throw faults.notFound(spec.name, second);
      }
      return this.ok({ [spec.name]: spec.present ? spec.present(obj, state) : obj }, `${resource}.read`, false);
    }
    if (call.method !== 'POST' || second !== undefined) throw faults.unsupportedOperation(`${call.method} ${call.segments.join('/')}`);
    const include = new Set((call.params.get('include') ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean));
    const op = (call.params.get('operation') ?? '').toLowerCase();
    const input = parseJson(call.body);
    const { result, operation } = this.write(company, spec, op, include, input);
    return this.ok({ [spec.name]: result.answer }, operation, true);
  }

  /** One write = one journal line; shared with batch items. */
  write(company: CompanyLog, spec: EntitySpec, op: string, include: ReadonlySet<string>, input: Json): { result: WriteResult; operation: string } {
    const ctx = this.context(company, include);
    const body = entityBody(input, spec);
    let result: WriteResult;
    let operation: string;
    if (op === 'delete') {
      result = deleteEntity(spec, ctx, body);
      operation = 'delete';
    } else if (op === 'void' || (op === 'update' && include.has('void'))) {
      // Invoices void with ?operation=void; payments with ?operation=update&include=void (QBO-FACTS §1).
      if (spec.name === 'Invoice' && op !== 'void') throw faults.unsupportedOperation('update&include=void for Invoice; use ?operation=void');
      if (spec.name === 'Payment' && op === 'void') throw faults.unsupportedOperation('void for Payment; use ?operation=update&include=void');
      result = voidEntity(spec, ctx, body);
      operation = 'void';
    } else if (op === '' || op === 'create' || op === 'update') {
      const isUpdate = op === 'update' || (op === '' && body.Id !== undefined && body.Id !== null);
      if (op === 'create' && body.Id !== undefined) throw faults.invalidValue('Id', 'must not be sent on create');
      result = isUpdate ? updateEntity(spec, ctx, body, body.sparse) : createEntity(spec, ctx, body);
      operation = isUpdate ? (body.sparse === true ? 'update.sparse' : 'update') : 'create';
    } else {
      throw faults.unsupportedOperation(`${op} for ${spec.name}`);
    }
    const entry: CompanyEntry = result.entry;
    company.commit(entry);
    return { result, operation: `${spec.resource}.${operation}` };
  }

  context(company: CompanyLog, include: ReadonlySet<string>): WriteContext {
    const now = this.now();
    return { state: company.state, now, nowText: pacificTimestamp(now), include };
  }
}

/** The operation name a request will be logged under, known before it runs (for fault matching). */
export function predictOperation(method: string, segments: string[], params: URLSearchParams, body: string): string {
  const r = (segments[0] ?? '').toLowerCase();
  if (r === 'query') {
    const sql = method === 'GET' ? (params.get('query') ?? '') : body;
    const m = /\bfrom\s+([A-Za-z]+)/i.exec(sql);
    return m ? `query.${m[1].toLowerCase()}` : 'query';
  }
  if (r === 'batch' || r === 'cdc') return r;
  if (method === 'GET') return `${r}.read`;
  const op = (params.get('operation') ?? '').toLowerCase();
  if (op === 'delete') return `${r}.delete`;
  if (op === 'void' || (params.get('include') ?? '').toLowerCase().includes('void')) return `${r}.void`;
  if (op === 'update' || /"Id"\s*:/.test(body)) return /"sparse"\s*:\s*true/.test(body) ? `${r}.update.sparse` : `${r}.update`;
  return `${r}.create`;
}

function describe(call: ApiCall): string {
  const r = (call.segments[0] ?? '').toLowerCase();
  if (r === 'query' || r === 'batch' || r === 'cdc') return r;
  const op = call.params.get('operation');
  return call.method === 'GET' ? `${r}.read` : `${r}.${op ?? 'write'}`;
}

export function parseJson(text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    throw faults.invalidValue('body', 'could not be parsed as JSON; send Content-Type: application/json with a JSON object');
  }
}

function batchIds(body: string): string {
  try {
    const parsed = JSON.parse(body) as Json;
    if (isJsonObject(parsed) && Array.isArray(parsed.BatchItemRequest)) {
      return parsed.BatchItemRequest.map((i) => (isJsonObject(i) ? String(i.bId) : '')).join(',');
    }
  } catch {
    // the batch itself reports the bad body
  }
  return '';
}
