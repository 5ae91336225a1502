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

/** The rows whose name contains `search` (case-insensitive); the same array when there is no search. */
export function searchRows(rows: readonly EntityRow[], search: string): readonly EntityRow[] {
  const q = search.trim().toLowerCase();
  return q ? rows.filter((r) => r.key.includes(q)) : rows;
}
