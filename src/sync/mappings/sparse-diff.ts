/**
 * The fields of a sparse update: what differs between the payload for the old OfficeTools
 * record and the payload for the new one. Comparing QBO payloads (not OfficeTools records)
 * means a change that does not reach QBO (say, a contact type) sends nothing.
 *
 * A field present before and absent after is cleared. A sparse update leaves an omitted field
 * untouched, so the field is sent empty instead: '' for text, and an object of empties for
 * nested values such as `PrimaryEmailAddr` or `BillAddr`.
 */

type Plain = string | number | boolean | null | undefined | PlainObject | Plain[];
interface PlainObject {
  [key: string]: Plain;
}

function isObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!same(a[k], b[k])) return false;
    return true;
  }
  return false;
}

function cleared(value: unknown): unknown {
  if (typeof value === 'string') return '';
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) out[k] = cleared(value[k]);
    return out;
  }
  return null;
}

export function diffFields<T extends object>(before: T, after: T): Partial<T> {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (same(b[key], a[key])) continue;
    if (a[key] === undefined) {
      out[key] = cleared(b[key]);
    } else if (isObject(a[key]) && isObject(b[key])) {
      // A nested value is sent whole (QBO replaces an address as a unit), with its vanished
      // sub-fields cleared.
      const merged: Record<string, unknown> = {};
      for (const k of Object.keys(b[key] as PlainObject)) merged[k] = cleared((b[key] as PlainObject)[k]);
      out[key] = { ...merged, ...(a[key] as PlainObject) };
    } else {
      out[key] = a[key];
    }
  }
  return out as Partial<T>;
}
