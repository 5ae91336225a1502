/**
 * How the replica's IndexedDB records map to the firm's records (docs/firm-contract.md §3):
 * ids (`<kind>:<otId>`, `settings`, `<kind>:<sourceId>`, a random id for history) and bodies
 * (the local record without realmId, and without the local-only `seq`/`id` of audit lines).
 */
import type { AuditRecord, DocumentKind, DocumentRecord, LinkKind, LinkRecord, SettingsRecord } from '../store/schema';

export const SETTINGS_ID = 'settings';

export const linkId = (kind: LinkKind, otId: string): string => `${kind}:${otId}`;
export const documentId = (kind: DocumentKind, sourceId: string): string => `${kind}:${sourceId}`;

/** Splits `<kind>:<rest>` at the first colon (kinds have none; OfficeTools ids may). */
export function splitKindId(id: string): [string, string] {
  const at = id.indexOf(':');
  return at === -1 ? [id, ''] : [id.slice(0, at), id.slice(at + 1)];
}

function withoutKeys<T extends object>(record: T, keys: readonly string[]): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (!keys.includes(k) && v !== undefined) body[k] = v;
  return body;
}

export const linkBody = (r: LinkRecord): Record<string, unknown> => withoutKeys(r, ['realmId']);
export const settingsBody = (r: SettingsRecord): Record<string, unknown> => withoutKeys(r, ['realmId']);
export const documentBody = (r: DocumentRecord): Record<string, unknown> => withoutKeys(r, ['realmId']);
export const historyBody = (r: AuditRecord): Record<string, unknown> => withoutKeys(r, ['realmId', 'seq', 'id']);

/** A random id for a history line (append only, so it never collides with another writer's). */
export function newHistoryId(): string {
  return crypto.randomUUID();
}

/** Same JSON value regardless of key order (to tell "the firm already has exactly this"). */
export function sameBody(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}
