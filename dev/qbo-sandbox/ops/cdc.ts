/**
 * Change data capture (QBO-FACTS §5 CDC): objects of the named entities changed at or after
 * changedSince (≤30 days back), deleted ones as {status:"Deleted"} stubs, oldest first, at
 * most 1000 objects in all (no paging: narrow the window).
 */
import { faults } from '../faults';
import type { JsonObject } from '../http-io';
import { parseQboDateTime, pacificTimestamp } from '../pacific-time';
import type { CompanyState, EntityName } from '../store/company-state';
import { specFor } from '../entities/registry';

export const CDC_MAX_DAYS = 30;
export const CDC_MAX_OBJECTS = 1000;
const NOT_IN_CDC = new Set(['journalcode', 'taxagency', 'timeactivity', 'taxcode', 'taxrate']);

export function runCdc(state: CompanyState, entitiesParam: string | null, changedSinceParam: string | null, now: number): JsonObject {
  if (!entitiesParam) throw faults.required('entities');
  if (!changedSinceParam) throw faults.required('changedSince');
  const since = parseQboDateTime(changedSinceParam);
  if (since === undefined) throw faults.invalidValue('changedSince', `${changedSinceParam} is not a date-time such as 2024-05-01T10:00:00-07:00`);
  if (since < now - CDC_MAX_DAYS * 86400000) {
    // Intuit's text (code UNCONFIRMED; the sandbox uses 6000).
    throw faults.businessValidation(`Operation cdc with changedSince date ${changedSinceParam} which is older than fixed days is not supported. Use a changedSince within the last ${CDC_MAX_DAYS} days.`, 'changedSince');
  }
  const names: EntityName[] = [];
  for (const raw of entitiesParam.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (NOT_IN_CDC.has(raw.toLowerCase())) throw faults.unsupportedOperation(`cdc for ${raw}`);
    const spec = specFor(raw);
    if (!spec) throw faults.invalidValue('entities', `${raw} is not an entity`);
    if (!names.includes(spec.name)) names.push(spec.name);
  }
  type Change = { entity: EntityName; at: number; obj: JsonObject };
  const changes: Change[] = [];
  for (const entity of names) {
    const spec = specFor(entity)!;
    for (const obj of state.tables[entity].values()) {
      const meta = obj.MetaData as JsonObject | undefined;
      const at = typeof meta?.LastUpdatedTime === 'string' ? parseQboDateTime(meta.LastUpdatedTime) : undefined;
      // Times carry whole seconds, so the window is inclusive: a change in the same second is reported.
      if (at !== undefined && at >= Math.floor(since / 1000) * 1000) changes.push({ entity, at, obj: spec.present ? spec.present(obj, state) : obj });
    }
  }
  for (const t of state.tombstones) {
    if (names.includes(t.entity) && t.at >= Math.floor(since / 1000) * 1000) {
      changes.push({ entity: t.entity, at: t.at, obj: { domain: 'QBO', status: 'Deleted', Id: t.Id, MetaData: { LastUpdatedTime: pacificTimestamp(t.at) } } });
    }
  }
  changes.sort((a, b) => a.at - b.at);
  const kept = changes.slice(0, CDC_MAX_OBJECTS);
  const groups: JsonObject[] = [];
  for (const entity of names) {
    const rows = kept.filter((c) => c.entity === entity).map((c) => c.obj);
    if (rows.length) groups.push({ [entity]: rows, startPosition: 1, maxResults: rows.length });
  }
  return { CDCResponse: [{ QueryResponse: groups.length ? groups : [{}] }] };
}
