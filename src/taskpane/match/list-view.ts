/**
 * What a Match tab list shows, with what clicks and scrolling need to know about it: the rows in
 * order, their ids, and each id's position. Built once per rows array and kept in a WeakMap, so
 * switching back to an array shown before (Hide Synchronized off and on again) costs a lookup
 * instead of a 20,000-entry Map.
 */
import type { EntityRow } from './entity-row';

export interface ListView {
  rows: readonly EntityRow[];
  ids: readonly string[];
  position: ReadonlyMap<string, number>;
}

const views = new WeakMap<readonly EntityRow[], ListView>();

export function listView(rows: readonly EntityRow[]): ListView {
  let view = views.get(rows);
  if (!view) {
    const ids = new Array<string>(rows.length);
    const position = new Map<string, number>();
    for (let i = 0; i < rows.length; i++) {
      ids[i] = rows[i].id;
      position.set(rows[i].id, i);
    }
    view = { rows, ids, position };
    views.set(rows, view);
  }
  return view;
}

const BEYOND_ASCII = /[\u0080-\uffff]/;
const ACCENTS = /\p{M}/gu;

/**
 * A name as the lists sort and search it: lower case with accents folded, so that "Ávila" sorts
 * beside "Avila" (not after "Zeta") and is found by typing "avila". Folding costs a test of each
 * name; only the few beyond ASCII are normalized (a collator's compare made sorting 20,000 names
 * several times slower while the window opens).
 */
export function rowKey(name: string): string {
  const lower = name.toLowerCase();
  return BEYOND_ASCII.test(lower) ? lower.normalize('NFD').replace(ACCENTS, '') : lower;
}

/** Rows for a list, sorted by their folded name (then id, so equal names keep one order). */
export function toRows<T>(items: readonly T[], id: (t: T) => string, name: (t: T) => string): EntityRow[] {
  const rows = items.map((t) => {
    const n = name(t);
    return { id: id(t), name: n, key: rowKey(n) };
  });
  rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : 1));
  return rows;
}

/** Whether a name is found by `search` as the lists search (case and accents aside). */
export function nameMatches(name: string, search: string): boolean {
  return rowKey(name).includes(rowKey(search.trim()));
}

/** The rows whose name contains `search` (case and accents aside); the same array when there is no search. */
export function searchRows(rows: readonly EntityRow[], search: string): readonly EntityRow[] {
  const q = rowKey(search.trim());
  return q ? rows.filter((r) => r.key.includes(q)) : rows;
}
