/**
 * Batch (QBO-FACTS §5): at most 30 independent items, per-item Fault, HTTP 200 overall.
 * QuickBooks does not promise an order, so the sandbox answers queries against the state
 * before the batch and runs the writes last-to-first: a client that relies on item order
 * (a create "seen" by a later item) fails here rather than in production.
 */
import { faults, QboFault } from '../faults';
import { isJsonObject, type Json, type JsonObject } from '../http-io';
import type { CompanyLog } from '../store/company-registry';
import { specFor } from '../entities/registry';
import { parseQuery } from '../ops/query-parser';
import { runQuery } from '../ops/query-runner';
import type { V3Api } from './v3-api';

export const BATCH_MAX_ITEMS = 30;
const BID_MAX = 10;
const ITEM_KEYS = new Set(['bId', 'operation', 'optionsData']);

export function runBatch(company: CompanyLog, body: Json, api: V3Api): { body: JsonObject; committed: boolean } {
  if (!isJsonObject(body) || !Array.isArray(body.BatchItemRequest)) throw faults.required('BatchItemRequest');
  const items = body.BatchItemRequest;
  if (items.length === 0) throw faults.required('BatchItemRequest');
  if (items.length > BATCH_MAX_ITEMS) {
    throw faults.businessValidation(`A batch holds at most ${BATCH_MAX_ITEMS} items; this one has ${items.length}. Split it.`, 'BatchItemRequest');
  }
  const seen = new Set<string>();
  for (const item of items) {
    if (!isJsonObject(item) || typeof item.bId !== 'string' || item.bId === '') throw faults.required('BatchItemRequest.bId');
    if (item.bId.length > BID_MAX) throw faults.invalidValue('BatchItemRequest.bId', `must be at most ${BID_MAX} characters`);
    if (seen.has(item.bId)) throw faults.invalidValue('BatchItemRequest.bId', `${item.bId} is used twice; bIds must be unique`);
    seen.add(item.bId);
  }
  const answers = new Map<number, JsonObject>();
  const faultOf = (bId: string, err: unknown): JsonObject => {
    const fault = err instanceof QboFault ? err : faults.systemFault();
    if (!(err instanceof QboFault)) console.error('[qbo-sandbox] unexpected error in a batch item:', err);
    return { bId, Fault: fault.toFault() };
  };
  // Queries first, against the state before any write of this batch.
  items.forEach((raw, index) => {
    const item = raw as JsonObject;
    if (typeof item.Query !== 'string') return;
    const bId = String(item.bId);
    try {
      answers.set(index, { bId, ...runQuery(company.state, parseQuery(item.Query)) });
    } catch (err) {
      answers.set(index, faultOf(bId, err));
    }
  });
  let committed = false;
  for (let index = items.length - 1; index >= 0; index--) {
    const item = items[index] as JsonObject;
    if (typeof item.Query === 'string') continue;
    const bId = String(item.bId);
    try {
      const entityKeys = Object.keys(item).filter((k) => !ITEM_KEYS.has(k));
      if (entityKeys.length !== 1) throw faults.invalidValue('BatchItemRequest', 'each item carries exactly one entity object or a Query');
      const spec = specFor(entityKeys[0]);
      if (!spec || spec.name !== entityKeys[0]) throw faults.unsupportedProperty('BatchItemRequest', entityKeys[0]);
      const operation = typeof item.operation === 'string' ? item.operation.toLowerCase() : '';
      if (!['create', 'update', 'delete', 'void'].includes(operation)) throw faults.required('BatchItemRequest.operation');
      const options = typeof item.optionsData === 'string' ? item.optionsData.toLowerCase() : '';
      const include = new Set(options.split(/[,&\s]+/).map((s) => s.replace(/^include=/, '')).filter(Boolean));
      const { result } = api.write(company, spec, operation, include, item[spec.name]);
      committed = true;
      answers.set(index, { bId, [spec.name]: result.answer });
    } catch (err) {
      answers.set(index, faultOf(bId, err));
    }
  }
  return { body: { BatchItemResponse: items.map((_, i) => answers.get(i) as JsonObject) }, committed };
}
